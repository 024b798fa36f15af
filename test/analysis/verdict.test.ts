import { describe, expect, it } from 'vitest';
import { EXPOSURE_COMPONENTS, type ExposureComponent, type OptionResult } from '../../engine/model/run-result.js';
import { recommend } from '../../engine/analysis/verdict.js';

function option(id: string, timeS: number, components: Partial<Record<ExposureComponent, number>>, over: Partial<OptionResult> = {}): OptionResult {
  const comp = Object.fromEntries(EXPOSURE_COMPONENTS.map((c) => [c, { p50: components[c] ?? 0, p95: components[c] ?? 0, mean: components[c] ?? 0 }])) as OptionResult['exposure']['components'];
  const total = Object.values(components).reduce((a, b) => a + (b ?? 0), 0);
  const d = (x: number) => ({ p05: x, p25: x, p50: x, p75: x, p95: x, mean: x, min: x, max: x, histogram: { start: x, width: 0, counts: [10] } });
  return {
    id, label: 'primary', kind: 'fastest', found: true,
    route: { edges: [], coordinates: [], lengthM: 0, freeFlowTimeS: 0, roads: [], bridges: 0 },
    samplesDone: 10, arrivedShare: 1, arrivedSamples: 10, reroutedShare: 0, reroutes: [], detourVia: [], drivenM: { p50: 0, p95: 0, mean: 0 },
    didNotArrive: { samples: 0, stops: [] }, held: { share: 0, stops: [] }, quantiles: 'exact', sameRouteAs: null, dominatedBy: null, timeS: d(timeS),
    exposure: { total: d(total), components: comp },
    hotspots: [{ fromIndex: 0, toIndex: 1, fromM: 0, toM: 300, lon: 104.93, lat: 11.58, near: 'Chroy Changvar bridges', exposure: total, share: 1, mainComponent: 'threat' }],
    response: [], evacuation: [], chokepoints: [], robustness: [],
    playback: { sample: 0, trajectory: [], stops: [], events: [] },
    score: timeS + total,
    ...over,
  };
}

describe('recommendation and verdict', () => {
  it('names the time cost and the component it buys, with the place', () => {
    const a = option('A', 900, { threat: 400 });
    const b = option('B', 1080, { threat: 200 });
    const { recommended, verdict } = recommend([a, b]);
    expect(recommended).toBe('B');
    expect(verdict).toBe("B is 3.0 min slower than A but halves the threat-zone exposure (A's is mostly at Chroy Changvar bridges) (total exposure −50 %). On average 3.0 min more for 200 exposure-s less: worth it at 60 exposure-s per minute of delay (break-even 67).");
  });

  it('gives both numbers instead of a percentage of a tiny base', () => {
    const fast = option('A', 900, { threat: 18 });
    const quiet = option('B', 990, { threat: 0.5 });
    const { recommended, verdict } = recommend([fast, quiet]);
    expect(recommended).toBe('A');
    expect(verdict).toBe("A is 1.5 min faster than B at the price of more threat-zone exposure (18 vs 1 exposure-s) (A's is mostly at Chroy Changvar bridges) (total exposure 18 vs 1 exposure-s); its lower score (time and exposure at the scenario's rate) wins. On average 1.5 min less for 18 exposure-s more: worth it at 60 exposure-s per minute of delay (break-even 12).");
  });

  it('prefers options that arrive; no route at all is a verdict too', () => {
    const stuck = option('A', 100, {}, { arrivedShare: 0.2 });
    const slow = option('B', 2000, { slow: 50 });
    expect(recommend([stuck, slow]).recommended).toBe('B');
    const none = recommend([{ ...option('A', 0, {}), found: false, reason: 'unreachable' }]);
    expect(none.recommended).toBeNull();
    expect(none.verdict).toMatch(/No option finds a route: A: unreachable/);
  });

  it('the arrived share that makes an option eligible is a rule (scenario scoring.min_arrived_share)', () => {
    const often = option('A', 600, {}, { arrivedShare: 0.6 });
    const always = option('B', 900, {});
    const rules = (minArrivedShare: number) => ({ minArrivedShare, delayMinuteExposure: 60 });
    expect(recommend([often, always], rules(0.5)).recommended).toBe('A');
    const strict = recommend([often, always], rules(0.7));
    expect(strict.recommended).toBe('B');
    expect(strict.verdict).toBe('B is the only option that arrives in at least 70 % of its samples. A is not considered: it arrives in 60 % of its samples (fewer than 70 %).');
  });
});
