import { IndexedMinHeap } from './indexed-heap.js';

/**
 * Per-search labels for one direction of a search, allocated once per Router (one Router per worker) and
 * reset in O(1): a node's labels are valid only when `stamp[v] === epoch`, so starting a new search is
 * `epoch++` instead of clearing n entries.
 *
 * - `dist[v]`: best known cost from the seeds (seconds, or cost units under an overlay).
 * - `parent[v]`: the edge that last improved v (tail→v in a forward search, v→head in a reverse one);
 *   -1 when v is a node seed; -2 - e when v was seeded from a position part-way along edge e.
 * - `origin[v]`: index of the seed whose tree v belongs to (multi-source searches).
 * - `h[v]`: A* potential, computed once when v is first reached.
 * - heap.pos[v] === -1 once v is settled.
 */
export class SearchState {
  readonly dist: Float64Array;
  readonly parent: Int32Array;
  readonly origin: Int32Array;
  readonly h: Float64Array;
  readonly stamp: Uint32Array;
  readonly heap: IndexedMinHeap;
  /** Nodes settled by the last search (work done). */
  settledCount = 0;
  epoch = 0;

  constructor(readonly nodeCount: number) {
    this.dist = new Float64Array(nodeCount);
    this.parent = new Int32Array(nodeCount);
    this.origin = new Int32Array(nodeCount);
    this.h = new Float64Array(nodeCount);
    this.stamp = new Uint32Array(nodeCount);
    this.heap = new IndexedMinHeap(nodeCount);
  }

  /** Start a new search: O(1) except once every 2^32 - 1 searches, when the stamps wrap. */
  reset(): void {
    this.epoch++;
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    this.heap.clear();
    this.settledCount = 0;
  }

  reached(v: number): boolean {
    return this.stamp[v] === this.epoch;
  }

  settled(v: number): boolean {
    return this.stamp[v] === this.epoch && this.heap.pos[v] === -1;
  }

  /** Label of v, Infinity when not reached in this search. */
  distOf(v: number): number {
    return this.stamp[v] === this.epoch ? this.dist[v]! : Infinity;
  }

  /**
   * Offer a seed label (node, cost, parent code, origin). Keeps the smaller cost; on equal cost the first
   * seed offered wins, so results do not depend on anything but the seed order.
   */
  seed(v: number, cost: number, parentCode: number, originIndex: number, hv: number): void {
    if (!(cost < Infinity)) return;
    if (this.stamp[v] !== this.epoch) {
      this.stamp[v] = this.epoch;
      this.dist[v] = cost;
      this.parent[v] = parentCode;
      this.origin[v] = originIndex;
      this.h[v] = hv;
      this.heap.push(v, cost + hv);
    } else if (cost < this.dist[v]!) {
      this.dist[v] = cost;
      this.parent[v] = parentCode;
      this.origin[v] = originIndex;
      this.heap.decrease(v, cost + this.h[v]!);
    }
  }
}
