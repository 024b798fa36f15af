import type { Recorder } from '../../sim/recorder.js';
import type { PreparedRun } from '../../sim/prepared-run.js';
import { classifyShared, type Conflict, type PairConflicts, type SharedUse } from './conflicts.js';
import type { DeploymentInput } from './deployment-input.js';
import { DayShifts, type ShiftSide } from './day-shifts.js';
import { dayPlaces, type DayPlace, type PairPlaces } from './day-places.js';
import { DrivenPath } from './driven-path.js';
import { Footprint } from './footprint.js';
import { optionConflicts, type OptionConflicts } from './option-conflicts.js';
import { optionDeployment, type OptionDeployment } from './option-deployment.js';
import { sharedPlaces } from './shared-places.js';
import { peakOf, staffingTimeline, type Peak, type StaffingTimeline } from './staffing-timeline.js';

export interface MovementDeployment {
  movement: string;
  /** The option driven on the day (conflicts and day totals use it). */
  chosen: string;
  options: OptionDeployment[];
  /** Per option (plan order): the conflicts it would have if driven, the other movements keeping theirs. */
  optionConflicts: OptionConflicts[];
}

/** The whole day, over each movement's chosen option. */
export interface DayDeployment {
  officersTotal: number;
  officersPeak: Peak;
  timeline: StaffingTimeline;
  /** Outrider motorcycles of all movements, and the most on the road at once (departure to arrival). */
  outridersTotal: number;
  outridersPeak: Peak;
  roadMinutes: number;
  junctions: number;
  majorJunctions: number;
  separationS: number;
  /** Every place two movements share, pair by pair, with both times. */
  shared: SharedUse[];
  /** The day-level view: each shared place (pairs' places merged) with every movement that uses it, by time. */
  places: DayPlace[];
  conflicts: Conflict[];
  /** Per pair of movements in conflict: the one departure shift that clears every place they share. */
  pairs: PairConflicts[];
}

export interface DeploymentPlan {
  movements: MovementDeployment[];
  day: DayDeployment;
}

/**
 * The closure and manpower plan of every movement option (from each option's nominal run), and the day
 * over the chosen options: totals, the staffing timeline, the places movements share and their
 * conflicts with a suggested departure shift each. `nominal(mi, oi)` gives a recorded nominal run when
 * the caller already has one (the run analysis); otherwise it is simulated here.
 */
export function deploymentPlan(ctx: PreparedRun, input: DeploymentInput, nominal?: (mi: number, oi: number) => Recorder | null): DeploymentPlan {
  const records = ctx.plan.movements.map((mv, mi) => mv.options.map((_o, oi) => (nominal ? nominal(mi, oi) : (ctx.nominal(mi, oi)?.record ?? null))));
  const describe = (lon: number, lat: number) => ctx.describe(lon, lat);
  const deployments = ctx.plan.movements.map((mv, mi) => mv.options.map((_o, oi) => optionDeployment(ctx, mi, oi, input, records[mi]![oi]!)));
  const chosenOi = ctx.plan.movements.map((_mv, mi) => chosenIndex(ctx, mi, input));
  const optionFootprints = deployments.map((opts, mi) =>
    opts.map((d, oi) => {
      const rec = records[mi]![oi]!;
      return rec ? new Footprint(ctx.graph, new DrivenPath(rec, ctx.plan.movements[mi]!.escort.convoyLengthM), d.posts) : null;
    }),
  );
  const movementIds = ctx.plan.movements.map((mv) => mv.id);
  const movements: MovementDeployment[] = ctx.plan.movements.map((mv, mi) => ({
    movement: mv.id,
    chosen: mv.options[chosenOi[mi]!]!.id,
    options: deployments[mi]!,
    optionConflicts: optionConflicts(mi, mv.options.map((o) => o.id), movementIds, optionFootprints, chosenOi, input.rules.separationS, describe),
  }));
  const chosen = chosenOi.map((oi, mi) => ({ mi, oi, d: deployments[mi]![oi]! }));
  const posts = chosen.flatMap((c) => c.d.posts);
  const timeline = staffingTimeline(posts.map((p) => ({ fromS: p.closeS, toS: p.openS, count: p.officers })));
  const driving = chosen.filter((c) => c.d.departS !== null).map((c) => ({ fromS: c.d.departS!, toS: c.d.arriveS ?? c.d.departS!, count: c.d.outriders }));
  const footprints = chosen.map((c) => optionFootprints[c.mi]![c.oi]!);
  const shared: SharedUse[] = [];
  const conflicts: Conflict[] = [];
  const pairs: PairConflicts[] = [];
  const pairPlaces: PairPlaces[] = [];
  const { separationS } = input.rules;
  const shifts = new DayShifts(ctx, input, chosen.map((c) => side(ctx, c.mi, c.oi, c.d.departS)), footprints);
  for (let i = 0; i < chosen.length; i++) {
    for (let j = i + 1; j < chosen.length; j++) {
      const fa = footprints[i];
      const fb = footprints[j];
      if (!fa || !fb) continue;
      const places = sharedPlaces(fa, fb, describe);
      pairPlaces.push({ i, j, places });
      const who = (c: (typeof chosen)[number]) => ({ movement: c.d.movement, option: c.d.option });
      const r = classifyShared(places, { a: who(chosen[i]!), b: who(chosen[j]!), conflictShift: (p) => shifts.conflictShift(i, j, p.nodes), pairShift: () => shifts.pairShift(i, j) }, separationS);
      shared.push(...r.uses);
      conflicts.push(...r.conflicts);
      if (r.pair) pairs.push(r.pair);
    }
  }
  const sum = (f: (d: OptionDeployment) => number) => chosen.reduce((a, c) => a + f(c.d), 0);
  return {
    movements,
    day: {
      officersTotal: sum((d) => d.officersTotal),
      officersPeak: peakOf(timeline),
      timeline,
      outridersTotal: sum((d) => d.outriders),
      outridersPeak: peakOf(staffingTimeline(driving)),
      roadMinutes: Math.round(sum((d) => d.disruption.roadMinutes) * 100) / 100,
      junctions: sum((d) => d.disruption.junctions),
      majorJunctions: sum((d) => d.disruption.majorJunctions),
      separationS,
      shared,
      places: dayPlaces(pairPlaces, footprints, chosen.map((c) => ({ movement: c.d.movement, option: c.d.option })), separationS),
      conflicts,
      pairs,
    },
  };
}

/** The option driven on the day: input.chosen, else the first primary option with a route, else the first with a route, else the first. */
function chosenIndex(ctx: PreparedRun, mi: number, input: DeploymentInput): number {
  const given = input.chosen?.[mi];
  if (given !== undefined) return given;
  const routed = (oi: number) => ctx.movements[mi]!.tracks[oi] !== null;
  const opts = ctx.plan.movements[mi]!.options;
  const primary = opts.findIndex((o, oi) => o.label === 'primary' && routed(oi));
  if (primary >= 0) return primary;
  const any = opts.findIndex((_o, oi) => routed(oi));
  return any >= 0 ? any : 0;
}

/** A movement as the shift search moves it: how far it may move from its nominal departure and stay in its departure window. */
function side(ctx: PreparedRun, mi: number, oi: number, departS: number | null): ShiftSide {
  const mv = ctx.plan.movements[mi]!;
  const nominalS = departS ?? mv.departureS + mv.departureWindowS / 2;
  return { mi, oi, movement: mv.id, earliestS: mv.departureS - nominalS, latestS: mv.departureS + mv.departureWindowS - nominalS };
}
