import Flatbush from 'flatbush';
import type { LocalPlane } from './planar.js';

/** Which input a segment came from; repair rules differ per set. */
export const RoadSet = { CORE: 0, METRO: 1, CONNECTOR: 2 } as const;

/**
 * The working form of repair: a soup of straight segments between vertices, in lon/lat and plane metres.
 * Repair steps kill segments (dedup), add connectors (dangling ends) and split segments (joins, crossings);
 * the final graph folds chains of degree-2 vertices into edges. Plain growable arrays: ~150k segments.
 */
export class SegmentNetwork {
  readonly lon: number[] = [];
  readonly lat: number[] = [];
  readonly x: number[] = [];
  readonly y: number[] = [];
  /** 1 for vertices added by densification: collinear, left out of the final geometry. */
  readonly synthetic: number[] = [];
  readonly segA: number[] = [];
  readonly segB: number[] = [];
  readonly segClass: number[] = [];
  readonly segSet: number[] = [];
  readonly alive: number[] = [];
  private readonly exact = new Map<string, number>();

  constructor(readonly plane: LocalPlane) {}

  get vertexCount(): number {
    return this.lon.length;
  }

  get segmentCount(): number {
    return this.segA.length;
  }

  addVertex(lon: number, lat: number, synthetic = false): number {
    this.lon.push(lon);
    this.lat.push(lat);
    this.x.push(this.plane.x(lon));
    this.y.push(this.plane.y(lat));
    this.synthetic.push(synthetic ? 1 : 0);
    return this.lon.length - 1;
  }

  /** The vertex at exactly this coordinate, created if new; `merged` tells whether it already existed. */
  vertexAt(lon: number, lat: number): { id: number; merged: boolean } {
    const key = `${lon},${lat}`;
    const found = this.exact.get(key);
    if (found !== undefined) return { id: found, merged: true };
    const id = this.addVertex(lon, lat);
    this.exact.set(key, id);
    return { id, merged: false };
  }

  addSegment(a: number, b: number, roadClass: number, set: number): number {
    this.segA.push(a);
    this.segB.push(b);
    this.segClass.push(roadClass);
    this.segSet.push(set);
    this.alive.push(1);
    return this.segA.length - 1;
  }

  segmentLengthM(s: number): number {
    const a = this.segA[s]!;
    const b = this.segB[s]!;
    return Math.hypot(this.x[b]! - this.x[a]!, this.y[b]! - this.y[a]!);
  }

  /** Alive segments touching each vertex: CSR arrays (first[v] .. first[v+1]-1 index into list). */
  incidence(): { first: Uint32Array; list: Uint32Array } {
    const n = this.vertexCount;
    const first = new Uint32Array(n + 1);
    const S = this.segmentCount;
    for (let s = 0; s < S; s++) {
      if (this.alive[s] !== 1) continue;
      first[this.segA[s]! + 1]!++;
      first[this.segB[s]! + 1]!++;
    }
    for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
    const cursor = first.slice(0, n);
    const list = new Uint32Array(first[n]!);
    for (let s = 0; s < S; s++) {
      if (this.alive[s] !== 1) continue;
      list[cursor[this.segA[s]!]!++] = s;
      list[cursor[this.segB[s]!]!++] = s;
    }
    return { first, list };
  }

  /**
   * A flatbush index over the alive segments accepted by `filter` (plane-metre bboxes). Returns the
   * index and the segment id of each indexed item.
   */
  segmentIndex(filter: (s: number) => boolean = () => true): { index: Flatbush; ids: Uint32Array } {
    const ids: number[] = [];
    for (let s = 0; s < this.segmentCount; s++) if (this.alive[s] === 1 && filter(s)) ids.push(s);
    const index = new Flatbush(Math.max(1, ids.length));
    for (const s of ids) {
      const a = this.segA[s]!;
      const b = this.segB[s]!;
      index.add(Math.min(this.x[a]!, this.x[b]!), Math.min(this.y[a]!, this.y[b]!), Math.max(this.x[a]!, this.x[b]!), Math.max(this.y[a]!, this.y[b]!));
    }
    if (ids.length === 0) index.add(1e12, 1e12, 1e12, 1e12);
    index.finish();
    return { index, ids: Uint32Array.from(ids) };
  }

  /** A new vertex at parameter t along segment s (lon/lat interpolated linearly: exact at these scales). */
  vertexAlong(s: number, t: number): number {
    const a = this.segA[s]!;
    const b = this.segB[s]!;
    return this.addVertex(this.lon[a]! + t * (this.lon[b]! - this.lon[a]!), this.lat[a]! + t * (this.lat[b]! - this.lat[a]!));
  }

  /** Replace segment s by the chain through `cuts` (vertices ordered by their parameter along s). */
  splitSegment(s: number, cuts: readonly { t: number; vertex: number }[]): void {
    if (cuts.length === 0) return;
    const sorted = [...cuts].sort((p, q) => p.t - q.t);
    this.alive[s] = 0;
    let prev = this.segA[s]!;
    for (const c of sorted) {
      if (c.vertex === prev) continue;
      this.addSegment(prev, c.vertex, this.segClass[s]!, this.segSet[s]!);
      prev = c.vertex;
    }
    if (prev !== this.segB[s]!) this.addSegment(prev, this.segB[s]!, this.segClass[s]!, this.segSet[s]!);
  }
}
