/**
 * Indexed binary min-heap over node ids with decrease-key, in typed arrays.
 *
 * Memory layout: `slotNode[i]` / `slotKey[i]` hold the node and key at heap slot i (parallel arrays, so a
 * sift touches two flat arrays and never allocates); `pos[v]` is the slot of node v while it is in the
 * heap. `pos` is only meaningful for nodes the caller has stamped in the current search (see
 * search-state.ts): clearing the heap is O(1) and leaves stale `pos` values behind for unstamped nodes.
 *
 * Ties on the key are broken by the smaller node id, so searches are deterministic whatever the insertion
 * order.
 */
export class IndexedMinHeap {
  private readonly slotNode: Int32Array;
  private readonly slotKey: Float64Array;
  /** node → heap slot; -1 once popped (the caller relies on that to know a node is settled). */
  readonly pos: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.slotNode = new Int32Array(capacity);
    this.slotKey = new Float64Array(capacity);
    this.pos = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  /** Key of the minimum, Infinity when empty. */
  topKey(): number {
    return this.size > 0 ? this.slotKey[0]! : Infinity;
  }

  /** Node of the minimum; only valid when size > 0. */
  topNode(): number {
    return this.slotNode[0]!;
  }

  push(node: number, key: number): void {
    const i = this.size++;
    this.siftUp(i, node, key);
  }

  /** Lower the key of a node already in the heap. */
  decrease(node: number, key: number): void {
    this.siftUp(this.pos[node]!, node, key);
  }

  /** Remove and return the node with the smallest key (ties: smallest node id). Sets pos[node] = -1. */
  pop(): number {
    const slotNode = this.slotNode;
    const slotKey = this.slotKey;
    const top = slotNode[0]!;
    this.pos[top] = -1;
    const last = --this.size;
    if (last > 0) this.siftDown(0, slotNode[last]!, slotKey[last]!);
    return top;
  }

  private siftUp(start: number, node: number, key: number): void {
    const slotNode = this.slotNode;
    const slotKey = this.slotKey;
    const pos = this.pos;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = slotKey[parent]!;
      const pn = slotNode[parent]!;
      if (pk < key || (pk === key && pn < node)) break;
      slotNode[i] = pn;
      slotKey[i] = pk;
      pos[pn] = i;
      i = parent;
    }
    slotNode[i] = node;
    slotKey[i] = key;
    pos[node] = i;
  }

  private siftDown(start: number, node: number, key: number): void {
    const slotNode = this.slotNode;
    const slotKey = this.slotKey;
    const pos = this.pos;
    const size = this.size;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let ck = slotKey[child]!;
      let cn = slotNode[child]!;
      const right = child + 1;
      if (right < size) {
        const rk = slotKey[right]!;
        const rn = slotNode[right]!;
        if (rk < ck || (rk === ck && rn < cn)) {
          child = right;
          ck = rk;
          cn = rn;
        }
      }
      if (key < ck || (key === ck && node < cn)) break;
      slotNode[i] = cn;
      slotKey[i] = ck;
      pos[cn] = i;
      i = child;
    }
    slotNode[i] = node;
    slotKey[i] = key;
    pos[node] = i;
  }
}
