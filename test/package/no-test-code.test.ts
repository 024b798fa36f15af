import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';

/**
 * Test-only code stays out of what ships: the fault-injecting worker (die, hang, throw, run out of
 * memory on a chosen chunk) lives in test/support/ and reaches a pool only through its `workerFile`
 * option. The shipped folders (package.json `files`: dist/engine, dist/cli, dist/viz) hold no path to it.
 */
function files(dir: string, ext: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && ext.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

const SHIPPED_SOURCES = ['engine', 'cli', 'viz'].flatMap((d) => files(path.join(PACKAGE_ROOT, d), /\.ts$/));
/** Compiled files of today's sources (an older build's leftovers are removed by `npm run build`, which `npm pack` runs). */
const SHIPPED_JS = ['engine', 'cli', 'viz']
  .flatMap((d) => files(path.join(PACKAGE_ROOT, 'dist', d), /\.js$/))
  .filter((f) => fs.existsSync(path.join(PACKAGE_ROOT, path.relative(path.join(PACKAGE_ROOT, 'dist'), f)).replace(/\.js$/, '.ts')));
const MARKERS = [/FaultInjection/, /injected fault/, /failAsInjected/, /\bfault\??:/];

describe('the shipped package has no fault-injection path', () => {
  it('in the sources of engine/, cli/ and viz/', () => {
    expect(SHIPPED_SOURCES.length).toBeGreaterThan(50);
    const hits = SHIPPED_SOURCES.filter((f) => MARKERS.some((m) => m.test(fs.readFileSync(f, 'utf8')))).map((f) => path.relative(PACKAGE_ROOT, f));
    expect(hits).toEqual([]);
  });

  it('in the compiled dist/engine, dist/cli and dist/viz (what npm pack ships)', () => {
    expect(SHIPPED_JS.length).toBeGreaterThan(50);
    const hits = SHIPPED_JS.filter((f) => MARKERS.some((m) => m.test(fs.readFileSync(f, 'utf8')))).map((f) => path.relative(PACKAGE_ROOT, f));
    expect(hits).toEqual([]);
  });

  it('while the faulty worker, outside them, still injects faults (the test above would catch its return)', () => {
    const faulty = fs.readFileSync(path.join(PACKAGE_ROOT, 'test', 'support', 'faulty-worker.ts'), 'utf8');
    expect(MARKERS.some((m) => m.test(faulty))).toBe(true);
  });
});
