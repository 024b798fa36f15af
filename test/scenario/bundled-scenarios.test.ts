import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EdgeSnapper } from '../../engine/graph/edge-snapper.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { loadScenario, loadScenarioOrThrow, type Scenario } from '../../engine/scenario/index.js';
import { PACKAGE_ROOT } from '../../engine/paths.js';

const file = (name: string) => path.join(PACKAGE_ROOT, 'scenarios', name);
const BUNDLED = ['asean-2022-arrivals.yaml', 'summit-day.yaml', 'tabletop-bridge-closure.yaml', 'contingency-plans.yaml'];
const hm = (h: number, m: number) => h * 3600 + m * 60;

let graph: RoadGraph;
beforeAll(async () => {
  graph = (await loadGraph({})).graph;
});

describe('bundled scenarios', () => {
  for (const name of BUNDLED) {
    it(`${name} validates on the Phnom Penh graph`, async () => {
      const { problems } = await loadScenario(file(name), { graph });
      expect(problems).toEqual([]);
    });
  }

  it('every place of every bundled scenario lies within 300 m of a road', async () => {
    const snapper = new EdgeSnapper(graph);
    for (const name of BUNDLED) {
      const s = await loadScenarioOrThrow(file(name), { graph });
      for (const p of Object.values(s.places)) expect(snapper.nearest(p.lon, p.lat)!.distanceM, `${name}: ${p.id}`).toBeLessThanOrEqual(300);
    }
  });

  describe('asean-2022-arrivals', () => {
    let s: Scenario;
    beforeAll(async () => {
      s = await loadScenarioOrThrow(file('asean-2022-arrivals.yaml'));
    });
    it('stays modest: 4–6 movements of 2–3 options, ~200 samples', () => {
      expect(s.movements.length).toBeGreaterThanOrEqual(4);
      expect(s.movements.length).toBeLessThanOrEqual(6);
      for (const m of s.movements) expect(m.options.length).toBeGreaterThanOrEqual(2);
      for (const m of s.movements) expect(m.options.length).toBeLessThanOrEqual(3);
      expect(s.monteCarlo.samples).toBe(200);
    });
    it('normalises times, units and corrected places', () => {
      const a1 = s.movements.find((m) => m.id === 'a1_pnh_raffles')!;
      expect(a1.departure).toEqual({ fromS: hm(14, 0), toS: hm(14, 15) });
      expect(a1.options.map((o) => [o.id, o.label, o.choice.kind])).toEqual([['primary', 'primary', 'fastest'], ['south', 'alternate', 'via']]);
      expect(s.escortProfiles['head_of_state']).toEqual({ id: 'head_of_state', outriders: 8, leadCars: 2, sweepCars: 1, intersectionControl: 'static', speedCapKmh: 70, convoyLengthM: 180 });
      expect(s.places['pnh_gate']).toMatchObject({ lon: 104.8411, lat: 11.5509, kind: 'airport', landmark: 'pnh_airport' });
      expect(s.places['calmette']).toMatchObject({ kind: 'hospital', trauma: true });
      expect(s.responders.find((r) => r.id === 'eod_team')).toMatchObject({ type: 'eod', turnoutS: 300, count: 1, available: { fromS: 0, toS: 86400 } });
      expect(s.scoring.responseTargetS).toEqual({ police: 300, qrf: 300, ambulance: 540, eod: 1200 });
      expect(s.scoring.evacuationTargetS).toBe(600);
    });
  });

  it('tabletop: injects are timed from T0 and sorted, positional ones last', async () => {
    const s = await loadScenarioOrThrow(file('tabletop-bridge-closure.yaml'));
    expect(s.startS).toBe(hm(8, 0));
    expect(s.injects.map((i) => [i.id, i.trigger.kind === 'at' ? i.trigger.atS : i.trigger.kind])).toEqual([
      ['bridge_closed', hm(8, 12)],
      ['device_on_bridge', hm(8, 14)],
      ['protest_spills', hm(8, 20)],
      ['ambulance_called_away', hm(8, 25)],
      ['breakdown_c1', 'reaches'],
    ]);
    const closed = s.injects[0]!.action;
    expect(closed).toMatchObject({ type: 'close_road', durationS: 5400, area: { type: 'circle', radiusM: 350 } });
    expect(s.injects[4]).toMatchObject({ trigger: { kind: 'reaches', movement: 'c1_hyatt_venue', place: 'staging_wat_phnom', radiusM: 450 }, action: { type: 'breakdown', durationS: 480 } });
  });

  it('contingency plans: each plan names the responders that cover it', async () => {
    const s = await loadScenarioOrThrow(file('contingency-plans.yaml'));
    expect(s.movements.map((m) => m.delegation)).toEqual(['plan_a', 'plan_b', 'plan_c', 'plan_d']);
    expect(new Set(s.movements.map((m) => `${m.from}>${m.to}@${m.departure.fromS}`)).size).toBe(1);
    expect(s.movements[1]!.responders).toContain('qrf_bridge');
    expect(s.movements[0]!.responders).not.toContain('qrf_bridge');
  });
});
