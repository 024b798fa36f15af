import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPaths } from '../../cli/output-paths.js';
import { makeOutputPathFixture, OUTPUT_FILE_CASES } from '../support/audit-cases.js';

/**
 * The shared output-path check: each refusal names the flag, the path and why. The file cases are listed
 * in test/support/audit-cases.ts (bench/audit-inputs runs them through the CLI).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-outpaths-'));
const fixture = makeOutputPathFixture(dir);
const scenario = fixture.scenario;
const inputs = [{ what: 'the scenario', path: scenario }];
const check = (flag: string, p: string, kind: 'file' | 'folder' = 'file') => () => checkOutputPaths([{ flag, path: p, kind }], inputs);

describe('checkOutputPaths', () => {
  it.each(OUTPUT_FILE_CASES.map((c) => [c.what, c] as const))('refuses a file output that is %s', (_what, c) => {
    expect(check('--geojson', c.path(fixture))).toThrow(c.message);
  });

  it('refuses a folder output that is a file or holds an input', () => {
    expect(check('--csv', scenario, 'folder')).toThrow(/is the scenario/);
    const file = path.join(dir, 'some.txt');
    fs.writeFileSync(file, '');
    expect(check('--csv', file, 'folder')).toThrow(/--csv .*some.txt: is a file, expected a folder/);
    expect(check('--csv', dir, 'folder')).toThrow(/holds the scenario/);
  });

  it('refuses two outputs on one path, accepts new paths in an existing folder', () => {
    const out = path.join(dir, 'out');
    expect(() => checkOutputPaths([{ flag: '--csv', path: out, kind: 'folder' }, { flag: '--geojson', path: out + '/', kind: 'file' }], inputs)).toThrow(/--geojson .*: is also the path of --csv/);
    expect(() => checkOutputPaths([{ flag: '--csv', path: out, kind: 'folder' }, { flag: '--geojson', path: path.join(out, 'routes.geojson'), kind: 'file' }], inputs)).not.toThrow();
    expect(fs.readdirSync(dir).filter((f) => f.includes('probe'))).toEqual([]);
  });

  it.runIf(process.getuid?.() !== 0)('refuses a folder it cannot write in', () => {
    const ro = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-ro-'));
    fs.chmodSync(ro, 0o500);
    expect(check('-o', path.join(ro, 'r.html'))).toThrow(/cannot write in folder/);
  });

  it('refuses a folder where no file can be created (here /proc)', () => {
    expect(check('--geojson', '/proc/x.geojson')).toThrow(/cannot write in folder \/proc/);
  });
});
