import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `motorcade report` with bad input: one clear line on stderr, exit code 2, no file written. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const SCENARIO = path.join(ROOT, 'scenarios', 'asean-2022-arrivals.yaml');

function report(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'report', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('motorcade report: bad input', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-report-cli-'));
  const out = path.join(dir, 'r.html');

  it('names a missing scenario file', () => {
    const r = report([path.join(dir, 'nope.yaml'), '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scenario file not found: .*nope\.yaml/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.existsSync(out)).toBe(false);
  });

  it('rejects --samples 0 and a bad --workers, naming the flag and value', () => {
    const s = report([SCENARIO, '-o', out, '--samples', '0']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('--samples 0');
    const w = report([SCENARIO, '-o', out, '--workers', 'many']);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('--workers');
    expect(w.stderr).toContain('many');
  });

  it('requires -o and refuses an output folder that does not exist', () => {
    expect(report([SCENARIO]).code).toBe(2);
    const r = report([SCENARIO, '-o', path.join(dir, 'missing', 'r.html'), '--samples', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not exist');
  });

  it('refuses a classification line that would not fit or breaks the line, before running', () => {
    const nl = report([SCENARIO, '-o', out, '--classification', 'RESTRICTED\nplanning']);
    expect(nl.code).toBe(2);
    expect(nl.stderr).toContain('--classification');
    const long = report([SCENARIO, '-o', out, '--classification', 'X'.repeat(121)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('at most 120');
    expect(fs.existsSync(out)).toBe(false);
  });
});
