import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';

/**
 * `motorcade validate` as users run it, from the compiled CLI (dist/, built by `npm test`). The whole
 * broken corpus goes through one process: exit 2, every file reported, never a stack trace.
 */
const CLI = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
const BROKEN = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'scenarios-broken');
const expected: Record<string, { graph?: boolean; problems: string[] }> = JSON.parse(fs.readFileSync(path.join(BROKEN, 'expect.json'), 'utf8'));

function validate(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'validate', ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const STACK = /^\s+at .+(:\d+:\d+\)?|\(node:)/m;

describe('motorcade validate', () => {
  beforeAll(() => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  });

  it('reports every broken file with exact positions, exit 2, no stack trace', () => {
    const files = Object.keys(expected).sort();
    const r = validate(...files.map((f) => path.relative(PACKAGE_ROOT, path.join(BROKEN, f))));
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/internal error/);
    for (const f of files) {
      const rel = path.relative(PACKAGE_ROOT, path.join(BROKEN, f));
      if (expected[f]!.graph) {
        // Checked on the tiny graph in broken-corpus.test.ts; on the real graph the places may be fine.
        continue;
      }
      expect(r.stderr, f).toContain(`${rel}: ${expected[f]!.problems.length} problem`);
      for (const p of expected[f]!.problems) {
        const [pos, ...rest] = p.split('  ');
        expect(r.stderr, f).toContain(`${rel}:${pos}  ${rest.join('  ')}`);
      }
    }
  });

  it('says ok with a summary for the bundled scenarios, exit 0', () => {
    const r = validate('scenarios/asean-2022-arrivals.yaml', 'scenarios/summit-day.yaml', 'scenarios/tabletop-bridge-closure.yaml', 'scenarios/contingency-plans.yaml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
    expect(r.stdout).toMatch(/^ok {2}scenarios\/asean-2022-arrivals\.yaml {2}6 movements, 13 options, /m);
  });

  it('prints JSON with --json and reports a missing file without stopping', () => {
    const r = validate('--json', '--no-graph', 'no/such/file.yaml', 'scenarios/summit-day.yaml');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { file: string; ok: boolean; problems: { message: string }[] }[];
    expect(out.map((x) => [x.file, x.ok])).toEqual([['no/such/file.yaml', false], ['scenarios/summit-day.yaml', true]]);
    expect(out[0]!.problems[0]!.message).toBe('file not found');
  });

  it('a usage error (no file) exits 2 without a stack trace', () => {
    const r = validate();
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
  });
});
