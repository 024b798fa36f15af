import { COVERAGE_KINDS } from '../metrics/coverage.js';
import type { Chokepoint, CriticalEdge, Hotspot, Playback, RouteInfo, Stretch } from '../model/run-result.js';
import type { SampleSummary } from '../model/sample-summary.js';
import type { PreparedRun } from '../sim/prepared-run.js';
import type { Recorder } from '../sim/recorder.js';
import { findChokepoints } from './chokepoints.js';
import { hotspots } from './hotspots.js';
import { criticalEdges } from './robustness.js';
import { noRouteInfo, routeInfo } from './route-info.js';
import { worstStretches } from './stretches.js';

/** A simulated run with its full record: the nominal run, or the playback sample. */
export interface RecordedRun {
  summary: SampleSummary;
  record: Recorder;
}

/** What the result says about one option beyond the sample distributions: all of it from the plan and the nominal run. */
export interface OptionAnalysis {
  /** The option has a route (a track to simulate). */
  found: boolean;
  route: RouteInfo;
  /** The nominal run (every random draw at its median or mean); null without a route. */
  nominal: RecordedRun | null;
  hotspots: Hotspot[];
  /** Worst-covered stretches of the nominal run per coverage kind (responder types, then evacuation kinds). */
  worst: Stretch[][];
  chokepoints: Chokepoint[];
  robustness: CriticalEdge[];
  playback: Playback;
}

/** Per movement, per option (plan order). */
export interface RunAnalysis {
  options: OptionAnalysis[][];
}

/**
 * The analysis of a run, computed once per run from its prepared world: each option's nominal run is
 * simulated once and hotspots, worst stretches and the robustness searches all read that record; the
 * chokepoint corridor (alternatives, betweenness) is searched once per movement; sample 0 is recorded
 * once for playback. It depends on the plan, seed and graph only, never on which samples were done, so
 * a partial run has the same analysis as a complete one.
 */
export function analyseRun(ctx: PreparedRun): RunAnalysis {
  return { options: ctx.plan.movements.map((mv, mi) => mv.options.map((_o, oi) => analyseOption(ctx, mi, oi))) };
}

function analyseOption(ctx: PreparedRun, mi: number, oi: number): OptionAnalysis {
  const found = ctx.routes[mi]![oi]!.found && ctx.movements[mi]!.tracks[oi] !== null;
  const none: Playback = { sample: 0, trajectory: [], stops: [], events: [] };
  if (!found) return { found, route: noRouteInfo(), nominal: null, hotspots: [], worst: [], chokepoints: [], robustness: [], playback: none };
  const nominal = ctx.nominal(mi, oi);
  const describe = (lon: number, lat: number): string => ctx.describe(lon, lat);
  const worst: Stretch[][] = [];
  for (let k = 0; k < COVERAGE_KINDS; k++) worst.push(nominal ? worstStretches(nominal.record, k, describe) : []);
  const route = routeInfo(ctx, mi, oi);
  const hot = nominal ? hotspots(nominal.record, describe) : [];
  const chokepoints = findChokepoints(ctx, mi, oi);
  const robustness = criticalEdges(ctx, mi, oi, chokepoints, nominal?.record ?? null);
  const play = ctx.recordSample(mi, oi, 0);
  const playback = play ? { sample: 0, trajectory: play.record.trajectory, stops: play.record.stops, events: play.record.events } : none;
  return { found, route, nominal, hotspots: hot, worst, chokepoints, robustness, playback };
}
