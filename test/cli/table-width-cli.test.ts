import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './cli-spawn.js';

/**
 * Terminal tables of `run` and `compare` fit the terminal: COLUMNS=N as a pseudo-width, a real
 * pseudo-terminal through util-linux `script` (its width set with stty), and the whole table on a pipe.
 */
const SCENARIO = path.join(ROOT, 'scenarios', 'summit-day.yaml');
const CONTINGENCY = path.join(ROOT, 'scenarios', 'contingency-plans.yaml');

function motorcade(args: string[], env: Record<string, string | undefined>): { code: number | null; out: string } {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  delete clean['COLUMNS'];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000, env: { ...clean, ...env } });
  return { code: r.status, out: r.stdout };
}

const widest = (lines: string[]): number => Math.max(...lines.map((l) => [...l].length));
/** The lines of the run tables: from each `option` header to the closure lines or `verdict:`, whichever comes first. */
function tableLines(out: string): string[] {
  const lines = out.split(/\r?\n/);
  const keep: string[] = [];
  let inTable = false;
  for (const l of lines) {
    if (/^option\s/.test(l)) inTable = true;
    else if (/^(verdict:|worst closure)/.test(l)) inTable = false;
    if (inTable) keep.push(l);
  }
  return keep;
}

describe('run and compare tables and the terminal width', () => {
  const whole = motorcade(['run', SCENARIO, '--samples', '5'], {});

  it('on a pipe without COLUMNS, every column is printed', () => {
    expect(whole.code).toBe(0);
    const header = tableLines(whole.out)[0]!;
    for (const h of ['km', 'time p50 min', 'exposure p50', 'threat', 'slow+stop', 'police p95 min', 'ambul. p95 min', 'hospital p95 min', 'in target']) expect(header).toContain(h);
    expect(whole.out).not.toMatch(/left out/);
  });

  it('with COLUMNS=60 the run tables fit 60 characters, keep option, label and time, and say what they left out', () => {
    const r = motorcade(['run', SCENARIO, '--samples', '5'], { COLUMNS: '60' });
    expect(r.code).toBe(0);
    const tables = tableLines(r.out);
    const rows = tables.filter((l) => !l.startsWith('('));
    expect(widest(rows)).toBeLessThanOrEqual(60);
    expect(rows[0]).toMatch(/^option\s+label\s+arrived\s+p50 min/);
    expect(tables.filter((l) => /^\(\d+ columns left out to fit 60 characters: .*hospital p95 min/.test(l)).length).toBeGreaterThan(0);
    // Same rows, same order, same values in the columns kept.
    expect(rows.filter((l) => /^[★ ] /.test(l)).map((l) => l.split(/\s{2,}/)[0])).toEqual(tableLines(whole.out).filter((l) => /^[★ ] /.test(l)).map((l) => l.split(/\s{2,}/)[0]));
  });

  it('with COLUMNS=45 compare wraps the options into blocks instead of dropping one', () => {
    const full = motorcade(['compare', CONTINGENCY, '--samples', '5'], {});
    const narrow = motorcade(['compare', CONTINGENCY, '--samples', '5'], { COLUMNS: '45' });
    expect(narrow.code).toBe(0);
    const labelLines = (out: string): string[] => out.split('\n').filter((l) => /^length planned \(km\)/.test(l));
    // Every option still has its column: the length row appears once per block, with one value per option overall.
    const values = (out: string): string[] => labelLines(out).flatMap((l) => l.replace(/^length planned \(km\)/, '').trim().split(/\s+/));
    expect(values(narrow.out)).toEqual(values(full.out));
    expect(labelLines(narrow.out).length).toBeGreaterThan(labelLines(full.out).length);
    const tableRows = narrow.out.split('\n').filter((l) => /^(length|time p50|arrived)/.test(l));
    expect(widest(tableRows)).toBeLessThanOrEqual(45);
  });

  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  const hasScript = script.status === 0;
  it.skipIf(!hasScript && !process.env['CI'])('on a real terminal 70 columns wide, the run tables fit it (util-linux script)', () => {
    expect(hasScript, 'util-linux `script` is needed for the pseudo-terminal test').toBe(true);
    const command = `stty cols 70 rows 40; exec "${process.execPath}" "${CLI}" run "${SCENARIO}" --samples 5`;
    const clean: NodeJS.ProcessEnv = { ...process.env };
    delete clean['COLUMNS'];
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000, env: { ...clean, MOTORCADE_PROGRESS: 'lines' } });
    expect(r.status).toBe(0);
    const rows = tableLines(r.stdout).filter((l) => !l.startsWith('('));
    expect(rows.length).toBeGreaterThan(2);
    expect(widest(rows)).toBeLessThanOrEqual(70);
    expect(r.stdout).toMatch(/columns left out to fit 70 characters/);
  });
});
