import type { AlongRouteStats } from '../model/sample-summary.js';
import { alongRouteStats } from '../metrics/along-route-stats.js';
import { COVERAGE_KINDS } from '../metrics/coverage.js';
import type { Track } from './track.js';

/** Stats of a whole, unperturbed track under one table: the same for every such sample, so cached. */
const statsCache = new WeakMap<Track, Map<Float64Array | null, AlongRouteStats>>();

/**
 * Which coverage tables were in force along one sample's drive, and the per-edge coverage values only when
 * something needs them. Per edge the loop records just the edge's end nodes and length (sequential writes);
 * per coverage refresh, the tables. Most samples drive their whole planned track under one set of tables,
 * and their along-route stats come from a cache: for them no per-edge value is ever computed. That was six
 * random reads into 70 KB tables per edge, per sample, whatever the cache said.
 *
 * Value of an edge under a table: the worse (larger) of its two ends' times, conservative; Infinity under
 * a missing table (no unit in service, no destination).
 */
export class CoverageTrace {
  tails = new Int32Array(0);
  heads = new Int32Array(0);
  lengths = new Float64Array(0);
  /** Per coverage kind, per driven edge (seconds); valid after fillValues(). */
  values: Float64Array[] = [];
  /** Scratch for the stats' sort. */
  order = new Uint32Array(0);
  /** Refresh j took effect from driven edge segAt[j] on, with tables segTables[j] (COVERAGE_KINDS each). */
  private segAt = new Int32Array(8);
  private readonly segTables: (Float64Array | null)[][] = [];
  private segments = 0;

  constructor() {
    this.ensure(256);
  }

  /** Room for `cap` driven edges. */
  ensure(cap: number): void {
    if (this.lengths.length >= cap) return;
    const size = Math.max(cap, 2 * this.lengths.length);
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.tails = grow(this.tails, (n) => new Int32Array(n));
    this.heads = grow(this.heads, (n) => new Int32Array(n));
    this.lengths = grow(this.lengths, (n) => new Float64Array(n));
    this.values = Array.from({ length: COVERAGE_KINDS }, () => new Float64Array(size));
    this.order = new Uint32Array(size);
  }

  reset(): void {
    this.segments = 0;
  }

  /** The tables in force from driven edge `at` on (a later refresh at the same edge replaces it). */
  refresh(at: number, tables: readonly (Float64Array | null)[]): void {
    if (this.segments === this.segAt.length) {
      const grown = new Int32Array(2 * this.segAt.length);
      grown.set(this.segAt);
      this.segAt = grown;
    }
    const j = this.segments++;
    this.segAt[j] = at;
    const row = (this.segTables[j] ??= new Array<Float64Array | null>(COVERAGE_KINDS).fill(null));
    for (let k = 0; k < COVERAGE_KINDS; k++) row[k] = tables[k] ?? null;
  }

  /** values[k][e] for the first `count` driven edges, each under the tables in force when it was driven. */
  fillValues(count: number): void {
    for (let j = 0; j < this.segments; j++) {
      const from = this.segAt[j]!;
      const to = j + 1 < this.segments ? this.segAt[j + 1]! : count;
      const row = this.segTables[j]!;
      for (let k = 0; k < COVERAGE_KINDS; k++) {
        const table = row[k] ?? null;
        const out = this.values[k]!;
        if (table === null) {
          out.fill(Infinity, from, to);
          continue;
        }
        for (let e = from; e < to; e++) {
          const a = table[this.tails[e]!]!;
          const b = table[this.heads[e]!]!;
          out[e] = a > b ? a : b;
        }
      }
    }
  }

  /**
   * Along-route stats per coverage kind (COVERAGE_KINDS order) over the `count` edges driven, into `out`;
   * targetS: the target time per kind (s).
   * `whole`: the track, when the sample drove all of it unperturbed under one set of tables (`tables`, as
   * the simulation holds them, null for none): those stats are shared by every such sample and cached.
   * Written as one straight path whose every branch the first samples of a run take (cache misses fill
   * the values): a branch only rare samples reach would lack V8 type feedback and deoptimise the caller.
   */
  stats(count: number, targetS: Float64Array, whole: Track | null, tables: readonly (Float64Array | null)[], out: AlongRouteStats[]): void {
    let cached: Map<Float64Array | null, AlongRouteStats> | undefined;
    if (whole) {
      cached = statsCache.get(whole);
      if (!cached) statsCache.set(whole, (cached = new Map()));
    }
    let filled = false;
    for (let k = 0; k < COVERAGE_KINDS; k++) {
      const table = tables[k]!;
      let st = cached?.get(table);
      if (st === undefined) {
        if (!filled) {
          this.fillValues(count);
          filled = true;
        }
        st = alongRouteStats(this.values[k]!, this.lengths, count, targetS[k]!, this.order);
        cached?.set(table, st);
      }
      out[k] = st;
    }
  }
}
