import { haversineM } from '../../geo/haversine.js';
import type { PreparedRun } from '../../sim/prepared-run.js';
import { findChokepoints } from '../chokepoints.js';
import { shortList } from './short-list.js';

/** Chokepoints of different routes this close together are one post (m). */
const SAME_CHOKEPOINT_M = 150;

export interface SecurityDetailPost {
  lon: number;
  lat: number;
  near: string;
  /** Movements on which every option crosses it ×2 + movements on which some option does. */
  score: number;
  reason: string;
}

/**
 * Security-detail posts (in the spirit of emillambert/sa2_chokepoint_app, which posts its teams at the
 * highest-scoring chokepoints): the chokepoints of every movement × option (engine/analysis/chokepoints.ts),
 * merged when within SAME_CHOKEPOINT_M, scored by how many movements cannot avoid them (every option
 * crosses) counted twice plus how many cross them at all; the `teams` best, ties in route order.
 */
export function securityDetailPosts(ctx: PreparedRun, teams: number): SecurityDetailPost[] {
  const posts: { lon: number; lat: number; near: string; what: string; options: Map<number, Set<number>> }[] = [];
  ctx.movements.forEach((mv, mi) => {
    mv.optionIds.forEach((_, oi) => {
      for (const c of findChokepoints(ctx, mi, oi)) {
        let post = posts.find((p) => haversineM(p.lon, p.lat, c.lon, c.lat) <= SAME_CHOKEPOINT_M);
        if (!post) posts.push((post = { lon: c.lon, lat: c.lat, near: c.near, what: c.reason, options: new Map() }));
        let set = post.options.get(mi);
        if (!set) post.options.set(mi, (set = new Set()));
        set.add(oi);
      }
    });
  });
  const routed = ctx.movements.map((mv) => mv.tracks.filter(Boolean).length);
  const scored = posts.map((p, order) => {
    const every = [...p.options].filter(([mi, set]) => set.size >= routed[mi]!).map(([mi]) => ctx.movements[mi]!.id);
    const some = [...p.options.keys()].map((mi) => ctx.movements[mi]!.id);
    const score = 2 * every.length + some.length;
    const reason = `${p.what} near ${p.near}: ${every.length ? `unavoidable for ${every.length} movement${every.length === 1 ? '' : 's'} (${shortList(every)})` : 'avoidable by every movement'}, crossed by ${some.length} (${shortList(some)})`;
    return { post: { lon: p.lon, lat: p.lat, near: p.near, score, reason }, order };
  });
  scored.sort((a, b) => b.post.score - a.post.score || a.order - b.order);
  return scored.slice(0, teams).map((s) => s.post);
}
