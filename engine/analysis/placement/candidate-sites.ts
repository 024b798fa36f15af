import { InputError } from '../../errors.js';
import type { Landmark } from '../../import/gazetteer.js';
import type { Scenario } from '../../scenario/model.js';
import type { PreparedRun } from '../../sim/prepared-run.js';
import type { CandidateSite } from './candidate-site.js';
import { siteAt } from './place-type.js';
import type { PlacementDemand } from './demand.js';

/** Scenario place kinds that are candidate sites by default. */
export const CANDIDATE_PLACE_KINDS = ['staging_area', 'police_post', 'hospital'] as const;
/** The junction grid spans the routes' bounding box widened by this much on every side (m). */
const GRID_MARGIN_M = 1000;
const M_PER_DEG_LAT = 111_195;

/**
 * Candidate sites, without duplicates (sites within SAME_SITE_M of an earlier one are dropped): the
 * scenario's responder posts as written, its staging areas, police posts and hospitals (every place it
 * uses, declared or gazetteer), then the listed candidates (place ids, gazetteer landmark ids or
 * `LON,LAT`), then, with grid > 0, the junctions nearest the points of a grid × grid lattice over the routes.
 */
export function candidateSites(ctx: PreparedRun, scenario: Scenario, demand: PlacementDemand, opts: { listed?: readonly string[]; grid?: number; gazetteer?: readonly Landmark[] }): CandidateSite[] {
  const sites: CandidateSite[] = [];
  const add = (s: CandidateSite) => {
    if (siteAt(sites, s.lon, s.lat) < 0) sites.push(s);
  };
  for (const r of scenario.responders) {
    const p = scenario.places[r.place];
    add({ id: r.place, label: p?.label ?? r.place, kind: p?.kind ?? 'current', lon: r.lon, lat: r.lat, placeId: r.place });
  }
  for (const p of Object.values(scenario.places)) {
    if ((CANDIDATE_PLACE_KINDS as readonly string[]).includes(p.kind)) add({ id: p.id, label: p.label, kind: p.kind, lon: p.lon, lat: p.lat, placeId: p.id });
  }
  for (const ref of opts.listed ?? []) add(listedSite(ref, scenario, opts.gazetteer ?? []));
  if (opts.grid) for (const s of junctionGrid(ctx, demand, opts.grid)) add(s);
  return sites;
}

function listedSite(ref: string, scenario: Scenario, gazetteer: readonly Landmark[]): CandidateSite {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(ref);
  if (m) {
    const lon = Number(m[1]);
    const lat = Number(m[2]);
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw new InputError(`--candidate '${ref}': not a LON,LAT in degrees`);
    return { id: `site_${lon.toFixed(5)}_${lat.toFixed(5)}`, label: `${lon.toFixed(5)}, ${lat.toFixed(5)}`, kind: 'listed', lon, lat };
  }
  const p = Object.hasOwn(scenario.places, ref) ? scenario.places[ref] : undefined;
  if (p) return { id: p.id, label: p.label, kind: 'listed', lon: p.lon, lat: p.lat, placeId: p.id };
  const l = gazetteer.find((g) => g.id === ref);
  if (l) return { id: l.id, label: l.name, kind: 'listed', lon: l.lon, lat: l.lat, placeId: l.id };
  throw new InputError(`--candidate '${ref}' is neither a place of the scenario, a gazetteer landmark id, nor LON,LAT`);
}

/** The junction (a node where ≥ 3 roads meet) nearest each point of the grid, snapped through the road under it. */
function junctionGrid(ctx: PreparedRun, demand: PlacementDemand, n: number): CandidateSite[] {
  const g = ctx.graph;
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (let e = 0; e < demand.tail.length; e++) {
    for (const v of [demand.tail[e]!, demand.head[e]!]) {
      minLon = Math.min(minLon, g.lon(v));
      maxLon = Math.max(maxLon, g.lon(v));
      minLat = Math.min(minLat, g.lat(v));
      maxLat = Math.max(maxLat, g.lat(v));
    }
  }
  if (!Number.isFinite(minLon)) return [];
  const dLat = GRID_MARGIN_M / M_PER_DEG_LAT;
  const dLon = dLat / Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  minLon -= dLon; maxLon += dLon; minLat -= dLat; maxLat += dLat;
  const out: CandidateSite[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const lon = minLon + ((i + 0.5) / n) * (maxLon - minLon);
      const lat = minLat + ((j + 0.5) / n) * (maxLat - minLat);
      const node = nearestJunction(ctx, lon, lat);
      if (node < 0) continue;
      const [x, y] = [g.lon(node), g.lat(node)];
      out.push({ id: `junction_${node}`, label: ctx.describe(x, y), kind: 'junction', lon: Number(x.toFixed(7)), lat: Number(y.toFixed(7)) });
    }
  }
  return out;
}

/** Walk from the snapped edge's nearer end along the road until a junction (bounded), −1 when none. */
function nearestJunction(ctx: PreparedRun, lon: number, lat: number): number {
  const snap = ctx.routing.snap({ lon, lat });
  if (!snap) return -1;
  const g = ctx.graph;
  const seen = new Set<number>();
  let frontier = [snap.fraction < 0.5 ? g.tail[snap.edge]! : g.head[snap.edge]!];
  for (let step = 0; step < 20 && frontier.length; step++) {
    const next: number[] = [];
    for (const v of frontier) {
      if (seen.has(v)) continue;
      seen.add(v);
      if (g.outDegree(v) >= 3) return v;
      for (let e = g.firstOut[v]!; e < g.firstOut[v + 1]!; e++) next.push(g.head[e]!);
    }
    frontier = next;
  }
  return -1;
}
