import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { parseClock, PHNOM_PENH_TRAFFIC_PROFILE, Router, serviceAreas, speedFactorsAt, trafficPeriodAt } from '../../engine/route/index.js';
import { randomGraph } from './random-graph.js';

describe('service areas', () => {
  it('nest by cut-off, cover only reachable roads, and are valid GeoJSON', () => {
    const graph = randomGraph({ cols: 20, rows: 20, seed: 'iso-1' });
    const router = new Router(graph);
    const times = router.oneToAll([{ endpoint: { node: 210 } }]);
    const fc = serviceAreas(graph, times, [300, 60, 120]);
    const roads = fc.features.filter((f) => f.properties!['kind'] === 'reachable-roads');
    expect(roads.map((f) => f.properties!['cutoff_s'])).toEqual([60, 120, 300]);
    const lengths = roads.map((f) => f.properties!['road_length_m'] as number);
    expect(lengths[0]!).toBeLessThan(lengths[1]!);
    expect(lengths[1]!).toBeLessThan(lengths[2]!);
    for (const f of fc.features) {
      if (f.geometry.type === 'Polygon') {
        const ring = f.geometry.coordinates[0]!;
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        expect(ring.length).toBeGreaterThanOrEqual(4);
      }
    }
  });
});

describe('time-of-day traffic profile', () => {
  it('covers every minute of the day at most once (free flow elsewhere), never faster than free flow, and slows arterials at the peaks', () => {
    for (let t = 0; t < 1440; t++) {
      const hits = PHNOM_PENH_TRAFFIC_PROFILE.filter((p) => t >= p.startMin && t < p.endMin);
      expect(hits.length, `minute ${t}`).toBeLessThanOrEqual(1);
      if (hits.length === 0) expect(trafficPeriodAt(t).arterial).toBe(1);
    }
    for (const p of PHNOM_PENH_TRAFFIC_PROFILE) for (const f of [p.arterial, p.collector, p.local]) expect(f).toBeLessThanOrEqual(1);
    expect(trafficPeriodAt(parseClock('08:15')).name).toBe('morning peak');
    expect(trafficPeriodAt(parseClock('17:00')).name).toBe('evening peak');
    expect(speedFactorsAt(parseClock('08:00')).major).toBeLessThan(speedFactorsAt(parseClock('23:30')).major!);
    expect(() => parseClock('7h30')).toThrow(InputError);
  });
});
