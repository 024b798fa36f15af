/**
 * Lazy binary min-heap of (key, node) pairs for searches that settle every node they reach (one-to-all):
 * no decrease-key and no node → slot index. A node whose label improves is pushed again; the caller
 * skips a popped entry whose key is above the node's current label (a stale copy).
 *
 * Memory layout: one Float64Array, entry i at [2i] = key and [2i + 1] = node, so a sift moves one
 * 16-byte pair within one array. It grows by doubling (the only allocation) and is kept between searches.
 * Entries with equal keys pop in an order fixed by the push order, so results are deterministic.
 *
 * Binary rather than 4-ary: on Moscow one-to-all the binary layout was as fast or faster in V8 (fewer
 * compares per level outweigh the deeper tree), and both beat the indexed heap with decrease-key.
 */
export class LazyMinHeap {
  /** [key, node] pairs; read `data` again after ensure(), which may replace it. */
  data: Float64Array;
  size = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(2 * Math.max(1, capacity));
  }

  clear(): void {
    this.size = 0;
  }

  /** Make room for `extra` more entries (call before a node's relaxations, not per push). */
  ensure(extra: number): void {
    const need = 2 * (this.size + extra);
    if (need <= this.data.length) return;
    let cap = this.data.length;
    while (cap < need) cap *= 2;
    const grown = new Float64Array(cap);
    grown.set(this.data.subarray(0, 2 * this.size));
    this.data = grown;
  }

  /** Add an entry; room must have been made with ensure(). */
  push(key: number, node: number): void {
    const d = this.data;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = d[2 * p]!;
      if (pk <= key) break;
      d[2 * i] = pk;
      d[2 * i + 1] = d[2 * p + 1]!;
      i = p;
    }
    d[2 * i] = key;
    d[2 * i + 1] = node;
  }

  /** Key of the minimum (data[0]) and its node (data[1]) are read by the caller before pop(). */
  pop(): void {
    const d = this.data;
    const last = --this.size;
    if (last === 0) return;
    const lk = d[2 * last]!;
    const ln = d[2 * last + 1]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      let ck = d[2 * c]!;
      if (c + 1 < last) {
        const rk = d[2 * c + 2]!;
        if (rk < ck) {
          ck = rk;
          c++;
        }
      }
      if (lk <= ck) break;
      d[2 * i] = ck;
      d[2 * i + 1] = d[2 * c + 1]!;
      i = c;
    }
    d[2 * i] = lk;
    d[2 * i + 1] = ln;
  }
}
