import type { IntersectionControl } from '../../model/run-plan.js';
import type { Recorder } from '../../sim/recorder.js';
import type { PreparedRun } from '../../sim/prepared-run.js';
import { round2, round7 } from '../../rounding.js';
import type { JunctionRoadKind } from '../../model/deployment-rules.js';
import type { DeploymentInput } from './deployment-input.js';
import { DrivenPath } from './driven-path.js';
import { junctionShape } from './junction-arms.js';
import { officersFor } from './officer-rule.js';
import { peakOf, staffingTimeline, type Peak, type StaffingTimeline } from './staffing-timeline.js';

/** One junction to hold for a movement option: where, what it takes, and its closure window (seconds since midnight). */
export interface JunctionPost {
  /** Graph node id of the junction. */
  node: number;
  /** 1-based position among the option's posts, in driving order. */
  order: number;
  lon: number;
  lat: number;
  near: string;
  kind: JunctionRoadKind;
  arms: number;
  blockedArms: number;
  officers: number;
  /** The lead car reaches the junction (nominal run). */
  leadS: number;
  /** The sweep car has cleared it: the lead car is one convoy length past it. */
  sweepS: number;
  /** Closed from closeS to openS: static, the movement's departure minus close_before.static; rolling, leadS minus close_before.rolling; open when the sweep car has cleared it. */
  closeS: number;
  openS: number;
}

export interface Disruption {
  /** Σ blocked arms × minutes closed: each blocked arm is a road the public cannot use for the window. */
  roadMinutes: number;
  junctions: number;
  /** Held junctions where a major road meets (its traffic is stopped, or crossed). */
  majorJunctions: number;
}

/**
 * The closure and manpower plan of one movement option.
 * status: planned (static or rolling control, posts listed); not_held (control none: the convoy drives
 * with traffic, no junction is held); no_route (nothing to drive).
 */
export interface OptionDeployment {
  movement: string;
  option: string;
  label: string;
  control: IntersectionControl;
  status: 'planned' | 'not_held' | 'no_route';
  /** The nominal run reached the destination (false: it stopped at a closure; posts cover what was driven). */
  arrived: boolean;
  departS: number | null;
  arriveS: number | null;
  posts: JunctionPost[];
  officersTotal: number;
  officersPeak: Peak;
  outriders: number;
  disruption: Disruption;
  timeline: StaffingTimeline;
}

/**
 * The posts of one option from its nominal run (PreparedRun.nominal, or the record the run analysis
 * already holds): every junction of the driven path with a blocked arm, its officers by the rule, its
 * window from the lead car's time and the convoy length. A junction passed twice is one post with the
 * union of its windows.
 */
export function optionDeployment(ctx: PreparedRun, mi: number, oi: number, input: DeploymentInput, nominal?: Recorder | null): OptionDeployment {
  const mv = ctx.plan.movements[mi]!;
  const opt = mv.options[oi]!;
  const control = mv.escort.intersectionControl;
  const rec = nominal === undefined ? (ctx.nominal(mi, oi)?.record ?? null) : nominal;
  const outriders = input.outriders[mi] ?? 0;
  const base = { movement: mv.id, option: opt.id, label: opt.label, control, outriders };
  const empty = { posts: [], officersTotal: 0, officersPeak: { count: 0, atS: null }, disruption: { roadMinutes: 0, junctions: 0, majorJunctions: 0 }, timeline: staffingTimeline([]) };
  if (!rec || !ctx.movements[mi]!.tracks[oi]) return { ...base, status: 'no_route', arrived: false, departS: null, arriveS: null, ...empty };
  const path = new DrivenPath(rec, mv.escort.convoyLengthM);
  const arrived = rec.events.some((e) => e.kind === 'arrive');
  const times = { departS: round2(path.departS), arriveS: arrived ? round2(path.arriveS) : null };
  if (control === 'none') return { ...base, status: 'not_held', arrived, ...times, ...empty };
  const posts = postsOf(ctx, mi, path, input, control);
  const timeline = staffingTimeline(posts.map((p) => ({ fromS: p.closeS, toS: p.openS, count: p.officers })));
  return { ...base, status: 'planned', arrived, ...times, posts, officersTotal: posts.reduce((a, p) => a + p.officers, 0), officersPeak: peakOf(timeline), disruption: disruptionOf(posts), timeline };
}

function postsOf(ctx: PreparedRun, mi: number, path: DrivenPath, input: DeploymentInput, control: 'static' | 'rolling'): JunctionPost[] {
  const g = ctx.graph;
  const majorClass = ctx.envs[mi]!.majorClass;
  const byNode = new Map<number, JunctionPost>();
  const out: JunctionPost[] = [];
  for (const { k, prev, node, posM, leadS } of path.nodes(g)) {
    const shape = junctionShape(g, majorClass, node, g.tail[path.edges[prev]!]!, g.head[path.edges[k]!]!);
    if (shape.blockedArms < 1) continue;
    const sweepS = path.sweepTimeAt(posM);
    const closeS = control === 'static' ? path.departS - input.rules.staticCloseBeforeS : leadS - input.rules.rollingCloseBeforeS;
    const seen = byNode.get(node);
    if (seen) {
      seen.closeS = Math.min(seen.closeS, round2(closeS));
      seen.openS = Math.max(seen.openS, round2(sweepS));
      seen.sweepS = Math.max(seen.sweepS, round2(sweepS));
      continue;
    }
    const lon = g.lon(node);
    const lat = g.lat(node);
    const post: JunctionPost = {
      node,
      order: out.length + 1,
      lon: round7(lon),
      lat: round7(lat),
      near: ctx.describe(lon, lat),
      ...shape,
      officers: officersFor(input.rules, shape),
      leadS: round2(leadS),
      sweepS: round2(sweepS),
      closeS: round2(closeS),
      openS: round2(sweepS),
    };
    byNode.set(node, post);
    out.push(post);
  }
  return out;
}

function disruptionOf(posts: readonly JunctionPost[]): Disruption {
  const roadMinutes = posts.reduce((a, p) => a + (p.blockedArms * (p.openS - p.closeS)) / 60, 0);
  return { roadMinutes: round2(roadMinutes), junctions: posts.length, majorJunctions: posts.filter((p) => p.kind === 'major').length };
}
