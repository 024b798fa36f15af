import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliBuilt, FIXTURES } from '../cli/cli-spawn.js';

/**
 * A zone no option passes within its decay range while it is active adds no exposure: validate and run
 * say so as a warning naming the zone (the file stays valid, exit 0). The fixture puts two zones on the
 * same spot of the route: one active while the convoy passes, one over before it leaves. (The bundled
 * scenarios have no such zone: cli-validate.test.ts expects their validation to print nothing on stderr.)
 */
const FILE = path.relative(path.join(FIXTURES, '..', '..'), path.join(FIXTURES, 'scenario-graph', 'zone-window.yaml'));
const WARNING = `${FILE}  threats.early_protest  warning: threat zone 'early_protest' adds no exposure: no option passes within its 300 m decay range while it is active (06:00–07:00); options pass within range only at other times (e.g. 08:30)`;

describe('zone warnings', () => {
  it('validate warns about the zone outside its window, not the one the convoy meets, and exits 0', () => {
    if (!cliBuilt) throw new Error('dist/ is not built: run npx tsc -p tsconfig.json');
    const r = cli(['validate', FILE]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ok {2}/);
    expect(r.err.trim().split('\n')).toEqual([WARNING]);
  });

  it('validate --json lists the warnings beside the (empty) problems', () => {
    const r = cli(['validate', '--json', FILE]);
    expect(r.code, r.err).toBe(0);
    const [res] = JSON.parse(r.out) as { ok: boolean; problems: unknown[]; warnings: { zone: string; kind: string; message: string }[] }[];
    expect(res!.ok).toBe(true);
    expect(res!.problems).toEqual([]);
    expect(res!.warnings.map((w) => [w.zone, w.kind])).toEqual([['early_protest', 'threat']]);
  });

  it('run prints the same warning on stderr, with the result as usual', () => {
    const r = cli(['run', FILE, '--samples', '4']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/verdict: /);
    expect(r.err.trim().split('\n')).toEqual([WARNING]);
  });

  it('run --json carries the same warning, with the path validate names', () => {
    const r = cli(['run', FILE, '--samples', '4', '--json']);
    expect(r.code, r.err).toBe(0);
    const res = JSON.parse(r.out) as { warnings: { path: string; zone: string; kind: string; message: string }[] };
    expect(res.warnings.map((w) => [w.path, w.zone, w.kind])).toEqual([['threats.early_protest', 'early_protest', 'threat']]);
    expect(WARNING).toContain(res.warnings[0]!.message);
  });
});
