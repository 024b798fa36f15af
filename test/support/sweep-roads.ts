import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { roadClassCode } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import type { PlanInject, PlanThreat, RunPlan } from '../../engine/model/run-plan.js';
import type { Scenario } from '../../engine/scenario/model.js';
import type { LoadedSweep } from '../../engine/run/sweep/load-sweep.js';
import type { DimensionValue, SweepSpec } from '../../engine/run/sweep/sweep-model.js';
import { basePlan, latAt, lonAt, movement, place } from './tiny-world.js';

/**
 * A sweep on roads where every number can be worked out by hand: three separate straight roads of
 * 100 m edges at 36 km/h (10 m/s), no junctions, no traffic variation, so every sample of a movement is
 * the same day.
 * - short: 400 m along y = 0 (40 s), its only way;
 * - long: 800 m along y = 2 km (80 s);
 * - dead: 400 m along y = 4 km, closed from midnight in the base plan, so it never arrives.
 * Plans plan_short, plan_long and plan_dead each drive one of them (movements m_short, m_long, m_dead).
 */
const ROADS = [
  { y: 0, edges: 4 },
  { y: 2000, edges: 8 },
  { y: 4000, edges: 4 },
];
export const SAMPLES = 4;

function roads(): RoadGraph {
  const b = new GraphBuilder();
  const cls = roadClassCode('minor')!;
  let first = 0;
  for (const r of ROADS) {
    for (let i = 0; i <= r.edges; i++) b.addNode(lonAt(i * 100), latAt(r.y));
    for (let i = 0; i < r.edges; i++) b.addSegment({ from: first + i, to: first + i + 1, lengthM: 100, speedKmh: 36, roadClass: cls });
    first += r.edges + 1;
  }
  return b.build({ source: { kind: 'test-roads' }, report: {}, builtAt: 'test' });
}

/** A closure of radius 30 m at (x, y) metres: on one road only, the others are 2 km away. */
export const closeAt = (label: string, xM: number, yM: number) => ({ label, lon: lonAt(xM), lat: latAt(yM), radiusM: 30 });

/** No closure, one on the short road's only way west and one east: the short plan arrives in 1 of 3 variants. */
export const SHORT_CLOSURES: DimensionValue[] = [
  { kind: 'closure', closure: null },
  { kind: 'closure', closure: closeAt('short west', 200, 0) },
  { kind: 'closure', closure: closeAt('short east', 300, 0) },
];

/** The escort of every movement as written (no speed cap that binds), and one capped at 18 km/h (5 m/s): 40 s → 80 s, 80 s → 160 s. */
export const ESCORTS: DimensionValue[] = [
  { kind: 'escort', delegation: 'd1', profile: 'as_written', escort: { intersectionControl: 'static', convoySpeedKmh: 200, convoyLengthM: 0 } },
  { kind: 'escort', delegation: 'd1', profile: 'slow', escort: { intersectionControl: 'static', convoySpeedKmh: 18, convoyLengthM: 0 } },
];

/**
 * The loaded sweep over the roads: `closures` and `escorts` as its dimensions, in that order (none: a
 * single variant); `targets` as the sweep's break targets (default: every sample arrives, no p95 target).
 */
export function sweepRoads(
  opts: { delayMinuteExposure?: number; minArrivedShare?: number; threats?: PlanThreat[]; closures?: DimensionValue[]; escorts?: DimensionValue[]; targets?: SweepSpec['targets'] } = {},
): LoadedSweep {
  const deadClosed: PlanInject = { id: 'dead-closed', atS: 0, durationS: null, note: 'dead road closed all day', action: { type: 'close_road', ...closeAt('dead road', 200, 4000) } };
  const plan: RunPlan = basePlan({
    movements: ROADS.map((r, i) => movement({ id: ['m_short', 'm_long', 'm_dead'][i]!, from: place(`from${i}`, 0, r.y), to: place(`to${i}`, r.edges * 100, r.y) })),
    threats: opts.threats ?? [],
    injects: [deadClosed],
  });
  plan.scoring.delayMinuteExposure = opts.delayMinuteExposure ?? 60;
  plan.scoring.minArrivedShare = opts.minArrivedShare ?? 0.5;
  const planOf = (id: string, movementIndex: number) => ({ id, choices: [{ movementIndex, optionIndex: 0, movementId: plan.movements[movementIndex]!.id, optionId: 'fast' }] });
  const spec: SweepSpec = {
    name: 'tiny',
    file: '/tmp/tiny-sweep.yaml',
    scenarioFile: '/tmp/tiny.yaml',
    samples: SAMPLES,
    seed: 'tiny',
    shardSamples: SAMPLES,
    dimensions: [...(opts.closures ? [{ key: 'closure', values: opts.closures }] : []), ...(opts.escorts ? [{ key: 'escort.d1', values: opts.escorts }] : [])],
    plans: [planOf('plan_short', 0), planOf('plan_long', 1), planOf('plan_dead', 2)],
    sampling: { method: 'grid', variants: null, seed: '1' },
    targets: opts.targets ?? { arrivedShare: 1, p95TimeS: null },
  };
  return { spec, graph: roads(), scenario: {} as Scenario, basePlan: plan };
}

