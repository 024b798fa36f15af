import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_MANIFEST, recoverCsvSet, writeCsvSet } from '../../cli/csv-set.js';
import { CSV_SET_KILL_STEPS, CSV_SET_NAMES as NAMES, csvSetKillScript, csvSetOf as setOf } from '../support/audit-cases.js';
import { cliBuilt } from './cli-spawn.js';

/**
 * `--csv DIR` is written as a set: a process killed (SIGKILL) at any step of the write leaves DIR with
 * either the old set or the new one, complete (every file matching manifest.json), never a mix; killed
 * between the two renames of the swap, DIR is briefly absent and the next write puts the old set back.
 * The kill is made deterministic by a child process whose fs calls kill it at the n-th step (the script
 * and the steps are in test/support/audit-cases.ts: bench/audit-inputs runs them too).
 */

/** The run id of the complete set in dir, or throws if it is not one complete set. */
function setIn(dir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, CSV_MANIFEST), 'utf8')) as { run_id: string; files: { name: string; sha256: string }[] };
  expect(manifest.files.map((f) => f.name)).toEqual(NAMES);
  for (const f of manifest.files) {
    const text = fs.readFileSync(path.join(dir, f.name), 'utf8');
    expect(createHash('sha256').update(text).digest('hex'), `${f.name} belongs to the manifest's run`).toBe(f.sha256);
    expect(text).toContain(`\n${manifest.run_id},`);
  }
  expect(fs.readdirSync(dir).sort()).toEqual([...NAMES, CSV_MANIFEST].sort());
  return manifest.run_id;
}

/** Write set `run` into dir in a child killed at its `killAt`-th file open or rename (0 = not killed). */
function writeKilled(dir: string, run: string, killAt: number): number | null {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', csvSetKillScript(dir, run, killAt)], { encoding: 'utf8', timeout: 60_000 });
  if (r.signal !== 'SIGKILL' && r.status !== 0) throw new Error(r.stderr);
  return r.signal === 'SIGKILL' ? null : r.status;
}

describe('the --csv folder is one set', () => {
  it('writes the files and a manifest; a second write replaces the set as a whole', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-csvset-')), 'out');
    writeCsvSet(dir, setOf('A'), { run_id: 'A' });
    expect(setIn(dir)).toBe('A');
    writeCsvSet(dir, setOf('B'), { run_id: 'B' });
    expect(setIn(dir)).toBe('B');
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['out']);
  });

  it.runIf(cliBuilt)('killed at every step of the write: the old set or the new set, never a mix', () => {
    let sawOld = 0;
    let sawNew = 0;
    let sawAbsent = 0;
    for (let killAt = 1; killAt <= CSV_SET_KILL_STEPS; killAt++) {
      const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-csvkill-')), 'out');
      writeCsvSet(dir, setOf('old'), { run_id: 'old' });
      const status = writeKilled(dir, 'new', killAt);
      if (!fs.existsSync(dir)) {
        // Killed between the renames: the old set is complete beside it, and is put back.
        sawAbsent++;
        recoverCsvSet(dir);
        expect(setIn(dir)).toBe('old');
      } else if (setIn(dir) === 'old') sawOld++;
      else sawNew++;
      if (status === 0) expect(setIn(dir)).toBe('new');
      // The next write cleans what the killed one left and writes its set.
      writeCsvSet(dir, setOf('next'), { run_id: 'next' });
      expect(setIn(dir)).toBe('next');
      expect(fs.readdirSync(path.dirname(dir))).toEqual(['out']);
    }
    expect(sawOld).toBeGreaterThanOrEqual(6);
    expect(sawAbsent).toBe(1);
    expect(sawNew).toBeGreaterThanOrEqual(1);
  });
});
