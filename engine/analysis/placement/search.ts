import { InputError } from '../../errors.js';
import { Alea } from '../../sim/alea.js';
import { better, type PlacementEvaluator, type PlacementScore } from './evaluator.js';

export interface SearchResult {
  /** Site index per unit. */
  assignment: Int32Array;
  score: PlacementScore;
  /** Placements scored to find it. */
  evaluations: number;
}

/** Local search stops after this many improving passes (each pass tries every move once). */
const MAX_PASSES = 100;
/** Exhaustive search refuses more assignments than this. */
export const EXHAUSTIVE_LIMIT = 2_000_000;

/**
 * Greedy: place the units one at a time (in `order`, default 0, 1, …), each at the site that scores best
 * with the units before it (`prefer[u]`, a unit's current site, is tried first so that a tie keeps it
 * where it is).
 */
export function greedy(ev: PlacementEvaluator, units: number, sites: readonly number[], prefer?: Int32Array, order?: readonly number[]): SearchResult {
  const start = ev.evaluations;
  const a = new Int32Array(units).fill(-1);
  let score = ev.score(a);
  for (const u of order ?? a.keys()) {
    let bestSite = -1;
    let best: PlacementScore | undefined;
    for (const s of orderFor(sites, prefer?.[u])) {
      a[u] = s;
      const sc = ev.score(a);
      if (!best || better(sc, best)) {
        best = sc;
        bestSite = s;
      }
    }
    a[u] = bestSite;
    if (best) score = best;
  }
  return { assignment: a, score, evaluations: ev.evaluations - start };
}

/**
 * Swap local search from `start`: move one unit to another site, or exchange the sites of two units (they
 * differ in turnout, hours and movements covered), taking every improving move until none is left — a
 * local optimum for one-unit moves and pairwise exchanges.
 */
export function localSearch(ev: PlacementEvaluator, start: Int32Array, sites: readonly number[]): SearchResult {
  const before = ev.evaluations;
  const a = start.slice();
  let score = ev.score(a);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let improved = false;
    for (let u = 0; u < a.length; u++) {
      const keep = a[u]!;
      let bestSite = keep;
      for (const s of sites) {
        if (s === keep) continue;
        a[u] = s;
        const sc = ev.score(a);
        if (better(sc, score)) {
          score = sc;
          bestSite = s;
        }
      }
      a[u] = bestSite;
      if (bestSite !== keep) improved = true;
    }
    for (let u = 0; u < a.length; u++) {
      for (let v = u + 1; v < a.length; v++) {
        if (a[u] === a[v]) continue;
        swap(a, u, v);
        const sc = ev.score(a);
        if (better(sc, score)) {
          score = sc;
          improved = true;
        } else swap(a, u, v);
      }
    }
    if (!improved) break;
  }
  return { assignment: a, score, evaluations: ev.evaluations - before };
}

/** The best of every assignment of units to sites (sites^units of them), the first found on ties. */
export function exhaustive(ev: PlacementEvaluator, units: number, sites: readonly number[]): SearchResult {
  const total = sites.length ** units;
  if (total > EXHAUSTIVE_LIMIT) throw new InputError(`--exhaustive: ${sites.length} sites ^ ${units} units = ${total} placements, more than the ${EXHAUSTIVE_LIMIT} it searches; use fewer --types or candidates`);
  const before = ev.evaluations;
  const digit = new Int32Array(units);
  const a = Int32Array.from(digit, () => sites[0] ?? -1);
  let best = ev.score(a);
  let bestA = a.slice();
  for (let n = 1; n < total; n++) {
    let u = 0;
    while (++digit[u]! === sites.length) {
      digit[u] = 0;
      a[u] = sites[0]!;
      u++;
    }
    a[u] = sites[digit[u]!]!;
    const sc = ev.score(a);
    if (better(sc, best)) {
      best = sc;
      bestA = a.slice();
    }
  }
  return { assignment: bestA, score: best, evaluations: ev.evaluations - before };
}

/**
 * Greedy + swap from several starts: greedy in every rotation of the unit order (units that cover
 * different movements or hours are not interchangeable, and which goes first decides what greedy builds:
 * on contingency-plans' ambulances the file order ends 1.6 points short of the optimum, a rotation reaches
 * it), then local search from each, and from `current` when every unit has a site. The best; on ties the
 * earliest of current, then the rotations in order.
 */
export function multiStart(ev: PlacementEvaluator, units: number, sites: readonly number[], current?: Int32Array): SearchResult {
  const before = ev.evaluations;
  const starts: Int32Array[] = [];
  if (current && current.length === units && current.every((s) => s >= 0)) starts.push(current);
  for (let r = 0; r < Math.max(1, units); r++) {
    const order = Array.from({ length: units }, (_, i) => (i + r) % units);
    starts.push(greedy(ev, units, sites, current, order).assignment);
  }
  let best: SearchResult | undefined;
  for (const start of starts) {
    const r = localSearch(ev, start, sites);
    if (!best || better(r.score, best.score)) best = r;
  }
  return { ...best!, evaluations: ev.evaluations - before };
}

/** `n` placements drawn uniformly (each unit at a uniform site), seeded: a baseline for the search. */
export function randomPlacements(ev: PlacementEvaluator, units: number, sites: readonly number[], n: number, seed: string): PlacementScore[] {
  const rng = new Alea();
  rng.seed(`${seed}|placement|`, 0);
  const a = new Int32Array(units);
  const out: PlacementScore[] = [];
  for (let i = 0; i < n; i++) {
    for (let u = 0; u < units; u++) a[u] = sites[Math.floor(rng.next() * sites.length)]!;
    out.push(ev.score(a));
  }
  return out;
}

function orderFor(sites: readonly number[], first: number | undefined): readonly number[] {
  if (first === undefined || first < 0 || !sites.includes(first)) return sites;
  return [first, ...sites.filter((s) => s !== first)];
}

function swap(a: Int32Array, u: number, v: number): void {
  const t = a[u]!;
  a[u] = a[v]!;
  a[v] = t;
}
