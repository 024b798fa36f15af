/**
 * Shared memory for the packed results of one run's chunks: `slots` fixed slots of `slotDoubles` doubles in
 * one SharedArrayBuffer, handed to each worker once per run. A chunk is dispatched with a free slot, the
 * worker packs its rows straight into it, and the reply carries only the slot and the row count; the main
 * thread reads the rows in place and frees the slot once they are aggregated.
 *
 * Why: a packed reply used to arrive as a fresh ~70 KB Float64Array per chunk (structured clone copies it
 * into a new off-heap buffer). ~4 MB per 15,000 samples of off-heap garbage made V8 run a full mark-compact
 * on the main thread about every run (10-20 ms of CPU each), which on 2 cores is taken from the workers.
 *
 * Layout: slot s occupies doubles [s·slotDoubles, (s+1)·slotDoubles). No header: the slot geometry travels
 * with the arena (ArenaHandle), and a slot has one writer (the worker running its chunk) at a time.
 */
export interface ArenaHandle {
  /** Identifies the arena (per run): a worker holding another run's arena asks for this one. */
  readonly id: string;
  readonly buffer: SharedArrayBuffer;
  readonly slotDoubles: number;
}

export class ResultArena {
  readonly handle: ArenaHandle;
  private readonly free: number[] = [];

  constructor(id: string, readonly slots: number, slotDoubles: number) {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`result arena slot count ${slots} must be a positive integer`);
    if (!Number.isInteger(slotDoubles) || slotDoubles < 1) throw new RangeError(`result arena slot size ${slotDoubles} must be a positive integer`);
    this.handle = { id, buffer: new SharedArrayBuffer(slots * slotDoubles * Float64Array.BYTES_PER_ELEMENT), slotDoubles };
    for (let s = slots - 1; s >= 0; s--) this.free.push(s);
  }

  /** A free slot, or -1 when every slot holds rows not yet aggregated (the chunk then replies the old way). */
  acquire(): number {
    return this.free.pop() ?? -1;
  }

  release(slot: number): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.slots) throw new RangeError(`result arena slot ${slot} is not one of 0..${this.slots - 1}`);
    this.free.push(slot);
  }

  /** The first `length` doubles of a slot (a view over the shared bytes: nothing is copied). */
  view(slot: number, length: number): Float64Array {
    return slotView(this.handle, slot, length);
  }
}

/** A view of `length` doubles at the start of slot `slot` of an arena (main thread and workers alike). */
export function slotView(arena: ArenaHandle, slot: number, length: number): Float64Array {
  if (!(length >= 0 && length <= arena.slotDoubles)) throw new RangeError(`result arena: ${length} doubles do not fit a slot of ${arena.slotDoubles}`);
  return new Float64Array(arena.buffer, slot * arena.slotDoubles * Float64Array.BYTES_PER_ELEMENT, length);
}
