import { describe, expect, it } from 'vitest';
import { ResultArena, slotView } from '../../engine/run/pool/result-arena.js';
import { packSummaries, SUMMARY_WIDTH, unpackSummaries } from '../../engine/run/summary-codec.js';
import type { SampleSummary } from '../../engine/model/sample-summary.js';

const stats = (x: number) => ({ p50S: x, p95S: x + 1, maxS: Infinity, withinShare: 0.25 });
const summary = (sample: number): SampleSummary => ({
  sample,
  timeS: 600.5 + sample,
  arrived: sample % 2 === 0,
  rerouted: sample === 1,
  exposure: [1, 2, 3, 4, 5, 6 + sample],
  response: [stats(1), stats(2), stats(3), stats(4)],
  evacuation: [stats(5), stats(6)],
  drivenM: 5_000.5 + sample,
  reroutedTo: -2,
  heldS: 0,
  stopReason: sample % 2 === 0 ? 0 : 1,
  stopNode: sample % 2 === 0 ? -1 : 7,
  stopInject: sample % 2 === 0 ? -1 : 0,
  stopTimeS: sample % 2 === 0 ? -1 : 30_000,
});

describe('ResultArena', () => {
  it('hands out each slot once until released, then again', () => {
    const arena = new ResultArena('run-1', 3, 10);
    const got = [arena.acquire(), arena.acquire(), arena.acquire()];
    expect(new Set(got)).toEqual(new Set([0, 1, 2]));
    expect(arena.acquire()).toBe(-1); // all busy: the caller falls back to a copied reply
    arena.release(got[1]!);
    expect(arena.acquire()).toBe(got[1]);
  });

  it('views share the arena\'s bytes: what a worker writes through its view, the main thread reads', () => {
    const arena = new ResultArena('run-2', 2, 8);
    const worker = slotView({ ...arena.handle }, 1, 8); // a worker's own view of the same SharedArrayBuffer
    worker.set([1, 2, 3]);
    expect(Array.from(arena.view(1, 3))).toEqual([1, 2, 3]);
    expect(Array.from(arena.view(0, 3))).toEqual([0, 0, 0]);
  });

  it('names a bad slot, size or view length', () => {
    const arena = new ResultArena('run-3', 2, 4);
    expect(() => arena.release(2)).toThrow(/slot 2 is not one of 0\.\.1/);
    expect(() => arena.view(0, 5)).toThrow(/5 doubles do not fit a slot of 4/);
    expect(() => new ResultArena('x', 0, 4)).toThrow(/slot count 0/);
    expect(() => new ResultArena('x', 1, 0)).toThrow(/slot size 0/);
  });
});

describe('packSummaries into a slot', () => {
  it('writes the rows in place when the slot is large enough, and copies otherwise; both unpack exactly', () => {
    const summaries = [summary(0), summary(1), summary(2)];
    const arena = new ResultArena('run-4', 1, 3 * SUMMARY_WIDTH + 5);
    const slot = slotView(arena.handle, 0, arena.handle.slotDoubles);
    const rows = packSummaries(summaries, slot);
    expect(rows.buffer).toBe(arena.handle.buffer);
    expect(rows.length).toBe(3 * SUMMARY_WIDTH);
    expect(unpackSummaries(arena.view(0, rows.length))).toEqual(summaries);
    const small = slotView(arena.handle, 0, 2 * SUMMARY_WIDTH);
    const copied = packSummaries(summaries, small);
    expect(copied.buffer).not.toBe(arena.handle.buffer);
    expect(unpackSummaries(copied)).toEqual(summaries);
  });
});
