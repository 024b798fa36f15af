import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPaths } from '../../cli/output-paths.js';

/** The shared output-path check: each refusal names the flag, the path and why. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-outpaths-'));
const scenario = path.join(dir, 'plan.yaml');
fs.writeFileSync(scenario, 'name: x\n');
const hardLink = path.join(dir, 'plan-link.yaml');
fs.linkSync(scenario, hardLink);
const symLink = path.join(dir, 'plan-sym.yaml');
fs.symlinkSync(scenario, symLink);
const inputs = [{ what: 'the scenario', path: scenario }];
const check = (flag: string, p: string, kind: 'file' | 'folder' = 'file') => () => checkOutputPaths([{ flag, path: p, kind }], inputs);

describe('checkOutputPaths', () => {
  it.each([
    ['the input itself', scenario, /is the scenario/],
    ['the input by another spelling', path.join(dir, '.', 'sub', '..', 'plan.yaml'), /is the scenario/],
    ['a hard link to the input', hardLink, /is the scenario/],
    ['a symlink to the input', symLink, /is the scenario/],
    ['a folder', dir, /is a folder, expected a file path/],
    ['a device', '/dev/null', /is not a regular file/],
    ['a missing parent', path.join(dir, 'no', 'such', 'out.geojson'), /folder .* does not exist/],
    ['an empty path', '', /expected a path/],
  ])('refuses a file output that is %s', (_what, p, message) => {
    expect(check('--geojson', p)).toThrow(message);
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
