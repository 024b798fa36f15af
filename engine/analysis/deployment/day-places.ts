import { conflictOf } from './departure-shift.js';
import type { Footprint, Occupancy } from './footprint.js';
import type { SharedPlace } from './shared-places.js';

/** One movement at a place of the day: its presence (lead car in to sweep car out) and its closure there. */
export interface PlaceUse extends Occupancy {
  movement: string;
  option: string;
  /** Other movements at this place it conflicts with (closures overlap, or less than the separation apart). */
  conflictsWith: string[];
}

/** A place of the day used by two or more movements, with every movement that uses it, by time. */
export interface DayPlace extends Pick<SharedPlace, 'kind' | 'lon' | 'lat' | 'near' | 'lengthM' | 'nodes'> {
  /** Sorted by arrival (fromS). */
  uses: PlaceUse[];
}

/** A pair's shared places, with the indices (into the footprints) of its two movements. */
export interface PairPlaces {
  i: number;
  j: number;
  places: readonly SharedPlace[];
}

/**
 * The day-level view: the places of every pair, one entry per distinct place (the same junction
 * nodes and roads), each with every movement that drives all of it (a place two movements share may be
 * driven by a third one too), its presence there and its closure. Places are sorted by their first
 * arrival. `who[i]` names footprint i's movement and option.
 */
export function dayPlaces(pairs: readonly PairPlaces[], footprints: readonly (Footprint | null)[], who: readonly { movement: string; option: string }[], separationS: number): DayPlace[] {
  const byKey = new Map<string, { place: SharedPlace; members: Set<number> }>();
  for (const p of pairs) {
    for (const place of p.places) {
      const key = `${[...place.nodes].sort((x, y) => x - y).join(',')}|${[...place.roads].sort((x, y) => x - y).join(',')}`;
      const seen = byKey.get(key);
      if (seen) seen.members.add(p.i).add(p.j);
      else byKey.set(key, { place, members: new Set([p.i, p.j]) });
    }
  }
  // A stretch is driven when all its roads are; a junction when the movement passes through it.
  const drives = (f: Footprint, place: SharedPlace) => (place.roads.length > 0 ? place.roads.every((r) => f.roadEdges.has(r)) : place.nodes.every((n) => f.nodeTimes.has(n)));
  const out: DayPlace[] = [];
  for (const { place, members } of byKey.values()) {
    const roads = new Set(place.roads);
    const movers = footprints.flatMap((f, i) => (f && (members.has(i) || drives(f, place)) ? [i] : []));
    const occ = movers.map((i) => footprints[i]!.occupancy(roads, place.nodes));
    const uses: PlaceUse[] = movers.map((i, q) => ({
      ...who[i]!,
      ...occ[q]!,
      conflictsWith: movers.filter((j, r) => j !== i && conflictOf(occ[q]!, occ[r]!, separationS).conflict).map((j) => who[j]!.movement),
    }));
    uses.sort((x, y) => x.fromS - y.fromS || x.movement.localeCompare(y.movement));
    out.push({ kind: place.kind, lon: place.lon, lat: place.lat, near: place.near, lengthM: place.lengthM, nodes: place.nodes, uses });
  }
  return out.sort((x, y) => x.uses[0]!.fromS - y.uses[0]!.fromS);
}
