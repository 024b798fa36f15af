import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { COVERAGE_KINDS } from '../metrics/coverage.js';
import type { Chokepoint, CriticalEdge, Hotspot, Playback, RouteInfo, Stretch } from '../model/run-result.js';
import type { SampleSummary } from '../model/sample-summary.js';
import type { PreparedRun } from '../sim/prepared-run.js';
import type { Recorder } from '../sim/recorder.js';
import { findChokepoints } from './chokepoints.js';
import { detourPlaces } from './detour.js';
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
  /** Places the nominal run passes off the planned route (a reroute), in driving order. */
  detourVia: string[];
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
  return {
    options: ctx.plan.movements.map((mv, mi) => {
      const row: OptionAnalysis[] = [];
      mv.options.forEach((_o, oi) => {
        const twin = ctx.sameRouteAs(mi)[oi]!;
        row.push(twin >= 0 ? sharedRoute(ctx, mi, oi, row[twin]!) : analyseOption(ctx, mi, oi));
      });
      return row;
    }),
  };
}

/**
 * analyseRun for a run that can be interrupted: it yields to the event loop between options, so that
 * Ctrl-C is heard while a day of thousands of options is analysed (a second Ctrl-C exits at once), and
 * once `signal` is aborted the options not yet analysed get their route only (no nominal run, hotspots,
 * stretches, chokepoints, robustness or playback). `complete` says whether every option was analysed;
 * a result built from an incomplete analysis must be marked partial.
 */
export async function analyseRunUntil(ctx: PreparedRun, signal?: AbortSignal): Promise<{ analysis: RunAnalysis; complete: boolean }> {
  const options: OptionAnalysis[][] = [];
  let complete = true;
  for (let mi = 0; mi < ctx.plan.movements.length; mi++) {
    const row: OptionAnalysis[] = [];
    for (let oi = 0; oi < ctx.plan.movements[mi]!.options.length; oi++) {
      if (mi + oi > 0) await yieldToEventLoop();
      if (signal?.aborted) complete = false;
      const twin = ctx.sameRouteAs(mi)[oi]!;
      row.push(!complete ? routeOnly(ctx, mi, oi) : twin >= 0 ? sharedRoute(ctx, mi, oi, row[twin]!) : analyseOption(ctx, mi, oi));
    }
    options.push(row);
  }
  return { analysis: { options }, complete };
}

const NO_PLAYBACK: Playback = { sample: 0, trajectory: [], stops: [], events: [] };

function isRouted(ctx: PreparedRun, mi: number, oi: number): boolean {
  return ctx.routes[mi]![oi]!.found && ctx.movements[mi]!.tracks[oi] !== null;
}

/** An option's analysis without any simulation or search beyond its route (an interrupted analysis). */
function routeOnly(ctx: PreparedRun, mi: number, oi: number): OptionAnalysis {
  const found = isRouted(ctx, mi, oi);
  return { found, route: found ? routeInfo(ctx, mi, oi) : noRouteInfo(), nominal: null, hotspots: [], worst: [], chokepoints: [], robustness: [], playback: NO_PLAYBACK, detourVia: [] };
}

/**
 * An option on the same route as an earlier one (PreparedRun.sameRouteAs): the nominal run, hotspots,
 * chokepoints and closure robustness are those of the route, so they are the earlier option's; only the
 * playback is recorded again, since its events name the option.
 */
function sharedRoute(ctx: PreparedRun, mi: number, oi: number, first: OptionAnalysis): OptionAnalysis {
  return { ...first, playback: playbackOf(ctx, mi, oi) };
}

function playbackOf(ctx: PreparedRun, mi: number, oi: number): Playback {
  const play = ctx.recordSample(mi, oi, 0);
  return play ? { sample: 0, trajectory: play.record.trajectory, stops: play.record.stops, events: play.record.events } : NO_PLAYBACK;
}

function analyseOption(ctx: PreparedRun, mi: number, oi: number): OptionAnalysis {
  const found = isRouted(ctx, mi, oi);
  if (!found) return routeOnly(ctx, mi, oi);
  const nominal = ctx.nominal(mi, oi);
  const describe = (lon: number, lat: number): string => ctx.describe(lon, lat);
  const worst: Stretch[][] = [];
  for (let k = 0; k < COVERAGE_KINDS; k++) worst.push(nominal ? worstStretches(nominal.record, k, describe) : []);
  const route = routeInfo(ctx, mi, oi);
  const hot = nominal ? hotspots(nominal.record, describe) : [];
  const chokepoints = findChokepoints(ctx, mi, oi);
  const robustness = criticalEdges(ctx, mi, oi, chokepoints, nominal?.record ?? null);
  const playback = playbackOf(ctx, mi, oi);
  const detourVia = nominal ? detourPlaces(ctx.graph, route.edges, nominal.record.trajectory, describe) : [];
  return { found, route, nominal, hotspots: hot, worst, chokepoints, robustness, playback, detourVia };
}
