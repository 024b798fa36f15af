/**
 * Open-addressing hash table from integer ids (OSM ids, node pairs) to int32 values. OSM ids are integers above 2^31 (≈1.3e10 for
 * nodes today), which V8 stores as heap doubles: a Map<number, number> with them hashes boxed numbers and
 * allocates per entry, and was most of the import time. Here keys live in a Float64Array, values in an
 * Int32Array, probing is linear, and nothing is allocated per operation.
 */
export class IdTable {
  private keys: Float64Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Float64Array(cap).fill(Number.NaN);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Slot of id: its own slot when present, else the empty slot where it would go. */
  private slot(id: number): number {
    const lo = id >>> 0;
    const hi = Math.floor(id / 4294967296) | 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
    h ^= h >>> 16;
    let i = h & this.mask;
    const keys = this.keys;
    for (;;) {
      const k = keys[i]!;
      if (k === id || k !== k) return i; // k !== k: NaN, an empty slot
      i = (i + 1) & this.mask;
    }
  }

  /** The value stored for id, or `missing` when absent. */
  get(id: number, missing = -1): number {
    const i = this.slot(id);
    return this.keys[i] === id ? this.vals[i]! : missing;
  }

  has(id: number): boolean {
    return this.keys[this.slot(id)] === id;
  }

  set(id: number, value: number): void {
    let i = this.slot(id);
    if (this.keys[i] !== id) {
      if (2 * (this.size + 1) > this.keys.length) {
        this.grow();
        i = this.slot(id);
      }
      this.keys[i] = id;
      this.size++;
    }
    this.vals[i] = value;
  }

  /** If id is present with value `expected`, stores `value` and returns true; one probe. */
  replace(id: number, expected: number, value: number): boolean {
    const i = this.slot(id);
    if (this.keys[i] !== id || this.vals[i] !== expected) return false;
    this.vals[i] = value;
    return true;
  }

  /** Stores value for id unless id is present; one probe. */
  setIfAbsent(id: number, value: number): void {
    const i = this.slot(id);
    if (this.keys[i] === id) return;
    this.set(id, value);
  }

  /** Make room for `count` more entries without growing step by step. */
  reserve(count: number): void {
    while (2 * (this.size + count) > this.keys.length) this.grow();
  }

  /** Adds delta to id's value (absent counts as 0) and returns the new value. */
  add(id: number, delta: number): number {
    const v = this.get(id, 0) + delta;
    this.set(id, v);
    return v;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Float64Array(oldKeys.length * 2).fill(Number.NaN);
    this.vals = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j]!;
      if (k !== k) continue;
      const i = this.slot(k);
      this.keys[i] = k;
      this.vals[i] = oldVals[j]!;
    }
  }
}
