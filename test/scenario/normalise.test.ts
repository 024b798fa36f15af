import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioOrThrow, ScenarioError } from '../../engine/scenario/index.js';
import { InputError } from '../../engine/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-scenario-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
function write(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

const MINIMAL = `name: minimal
date: 2022-11-10
escort_profiles:
  std: {}
delegations:
  d: { size: 4, vehicles: { count: 2 }, escort: std }
movements:
  m:
    delegation: d
    from: raffles_le_royal
    to: [104.9300, 11.5650]
    departure: "09:00"
`;

describe('normalised scenario', () => {
  it('fills every documented default', async () => {
    const s = await loadScenarioOrThrow(write('minimal.yaml', MINIMAL));
    expect(s.timezone).toBe('Asia/Phnom_Penh');
    expect(s.graph).toEqual({ kind: 'bundled', city: 'phnom-penh' });
    expect(s.escortProfiles['std']).toEqual({ id: 'std', outriders: 2, leadCars: 1, sweepCars: 1, intersectionControl: 'rolling', speedCapKmh: 60, convoyLengthM: 80 });
    expect(s.delegations['d']).toEqual({ id: 'd', name: 'd', size: 4, priority: 3, vehicles: { count: 2, armoured: 0 }, escort: 'std' });
    expect(s.movements[0]).toMatchObject({ via: [], departure: { fromS: 32400, toS: 32400 }, responders: null, options: [{ id: 'primary', label: 'primary', choice: { kind: 'fastest' } }] });
    expect(s.monteCarlo).toEqual({ samples: 200, seed: 1 });
    expect(s.scoring.weights).toEqual({ threat: 1, slow: 0.2, standstill: 0.5, chokepoint: 0.5, crowd: 1, predictability: 0.2 });
    expect(s.scoring.slowSpeedKmh).toBe(15);
    // The routing policy's one Phnom Penh profile (engine/route/policy.ts), 06:30–21:00.
    expect(s.traffic.bands.map((b) => [b.fromS, b.toS])).toEqual([[23400, 30600], [30600, 39600], [39600, 48600], [48600, 59400], [59400, 66600], [66600, 75600]]);
    expect(s.traffic.bands[0]!.factor.major).toBe(0.55);
    expect(s.traffic.variationSigma).toBe(0.15);
  });

  it('resolves gazetteer landmarks used directly and [lon, lat] points into places', async () => {
    const s = await loadScenarioOrThrow(write('minimal2.yaml', MINIMAL));
    expect(s.places['raffles_le_royal']).toMatchObject({ kind: 'hotel', landmark: 'raffles_le_royal', trauma: false });
    expect(s.movements[0]!.to).toBe('104.93,11.565');
    expect(s.places['104.93,11.565']).toMatchObject({ lon: 104.93, lat: 11.565, kind: 'one_off' });
  });

  it('accepts JSON with the same meaning as YAML', async () => {
    const { parse } = await import('yaml');
    const json = write('minimal.json', JSON.stringify(parse(MINIMAL), null, 2));
    const a = await loadScenarioOrThrow(json);
    const b = await loadScenarioOrThrow(write('minimal3.yaml', MINIMAL));
    expect({ ...a, file: '' }).toEqual({ ...b, file: '' });
  });

  it('ScenarioError is an InputError (exit 2) listing every problem as file:line:col  path  message', async () => {
    const f = write('bad.yaml', MINIMAL.replace('size: 4', 'size: 0').replace('"09:00"', '"9 o\'clock"'));
    const err = await loadScenarioOrThrow(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err).toBeInstanceOf(InputError);
    expect((err as ScenarioError).exitCode).toBe(2);
    expect((err as ScenarioError).message.split('\n')).toEqual([
      `${f}: 2 problems in scenario`,
      `${f}:6:14  delegations.d.size  size 0 must be ≥ 1`,
      `${f}:12:16  movements.m.departure  time '9 o'clock' is not a 24-hour time HH:MM or HH:MM:SS`,
    ]);
  });

  it('deployment.drive names the option each movement drives; an unknown movement or option is a positioned problem with a suggestion', async () => {
    const two = MINIMAL.replace('    departure: "09:00"\n', '    departure: "09:00"\n    options:\n      primary: { route: fastest }\n      safer: { route: safest, max_delay: 5 min, label: alternate }\n');
    const s = await loadScenarioOrThrow(write('drive.yaml', `${two}deployment:\n  drive:\n    m: safer\n`));
    expect(s.deployment.drive).toEqual([{ movement: 'm', option: 'safer' }]);
    const f = write('drive-bad.yaml', `${two}deployment:\n  drive:\n    mm: safer\n    m: safe\n`);
    const err = await loadScenarioOrThrow(f).catch((e: unknown) => e);
    expect((err as ScenarioError).message.split('\n')).toEqual([
      `${f}: 2 problems in scenario`,
      `${f}:18:9  deployment.drive.mm  unknown movement 'mm' (did you mean 'm'?)`,
      `${f}:19:8  deployment.drive.m  movement m has no option 'safe' (did you mean 'safer'?); options: primary, safer`,
    ]);
  });

  it('a missing file is a DataFileError, not a scenario problem', async () => {
    await expect(loadScenario(path.join(dir, 'nope.yaml'))).rejects.toThrow(/nope\.yaml: file not found/);
  });
});
