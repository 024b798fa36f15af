import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { roadClassCode } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import type { PlanMovement, RunPlan } from '../../engine/model/run-plan.js';

/** Degrees per metre at the equator-ish latitude used here (lat 11.55), good enough for fixtures. */
export const DEG_LAT_PER_M = 1 / 111_195;
export const LAT0 = 11.55;
export const LON0 = 104.9;
export const DEG_LON_PER_M = 1 / (111_195 * Math.cos((LAT0 * Math.PI) / 180));

export function lonAt(xM: number): number {
  return LON0 + xM * DEG_LON_PER_M;
}
export function latAt(yM: number): number {
  return LAT0 + yM * DEG_LAT_PER_M;
}

/**
 * A W×H grid of two-way streets with `spacingM` between junctions, all class `minor` at `speedKmh`.
 * Node (x, y) has id y·W + x. Lengths are the exact spacing (not haversine), so times are hand-checkable.
 */
export function gridGraph(w: number, h: number, spacingM = 100, speedKmh = 36, roadClass = 'minor'): RoadGraph {
  const b = new GraphBuilder();
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) b.addNode(lonAt(x * spacingM), latAt(y * spacingM));
  const cls = roadClassCode(roadClass)!;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = y * w + x;
      if (x + 1 < w) b.addSegment({ from: v, to: v + 1, lengthM: spacingM, speedKmh, roadClass: cls });
      if (y + 1 < h) b.addSegment({ from: v, to: v + w, lengthM: spacingM, speedKmh, roadClass: cls });
    }
  }
  return b.build({ source: { kind: 'test-grid' }, report: {}, builtAt: 'test' });
}

/** A straight road of n edges of `spacingM` (nodes 0..n along x): no junctions, hand-checkable. */
export function lineGraph(n: number, spacingM = 100, speedKmh = 36): RoadGraph {
  const b = new GraphBuilder();
  for (let i = 0; i <= n; i++) b.addNode(lonAt(i * spacingM), latAt(0));
  const cls = roadClassCode('minor')!;
  for (let i = 0; i < n; i++) b.addSegment({ from: i, to: i + 1, lengthM: spacingM, speedKmh, roadClass: cls });
  return b.build({ source: { kind: 'test-line' }, report: {}, builtAt: 'test' });
}

export function place(id: string, xM: number, yM: number, kind = 'place') {
  return { id, label: id, lon: lonAt(xM), lat: latAt(yM), kind };
}

export function movement(over: Partial<PlanMovement> = {}): PlanMovement {
  return {
    id: 'm1',
    delegation: 'd1',
    from: place('a', 0, 0),
    to: place('b', 400, 0),
    departureS: 10 * 3600,
    departureWindowS: 0,
    escort: { intersectionControl: 'static', convoySpeedKmh: 200, convoyLengthM: 0 },
    options: [{ id: 'fast', label: 'primary', kind: 'fastest' }],
    ...over,
  };
}

/** A plan with no traffic variation, no threats and all weights 1: every number can be worked out by hand. */
export function basePlan(over: Partial<RunPlan> = {}): RunPlan {
  return {
    id: 'tiny',
    name: 'tiny test plan',
    seed: 'seed-1',
    samples: 4,
    movements: [movement()],
    threats: [],
    chokepoints: [],
    responders: [],
    hospitals: [],
    safeHavens: [],
    landmarks: [],
    traffic: { bands: [], variationSigma: 0 },
    injects: [],
    scoring: {
      weights: { threat: 1, slow: 1, stopped: 1, chokepoint: 1, crowd: 1, predictability: 1 },
      responseTargetS: { police: 240, qrf: 480, ambulance: 480, eod: 900 },
      evacuationTargetS: 600,
      slowKmh: 15,
      stoppedKmh: 5,
      threatDecayM: 100,
      minArrivedShare: 0.5,
      delayMinuteExposure: 60,
    },
    graphSource: 'test',
    ...over,
  };
}
