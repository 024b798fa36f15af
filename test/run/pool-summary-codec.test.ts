import { describe, expect, it } from 'vitest';
import { packSummaries, SUMMARY_WIDTH, unpackSummaries } from '../../engine/run/summary-codec.js';
import type { SampleSummary } from '../../engine/model/sample-summary.js';

const stats = (a: number) => ({ p50S: a, p95S: a * 1.5, maxS: Infinity, withinShare: 0.123456789 });
const summary = (i: number): SampleSummary => ({
  sample: i,
  timeS: 1234.5678901234 + i,
  arrived: i % 2 === 0,
  rerouted: i % 3 === 0,
  exposure: [0.1, 0, 3e-12, 7, 1e9, -0],
  response: [stats(100), stats(200), stats(0), stats(1 / 3)],
  evacuation: [stats(300), stats(Number.MAX_VALUE)],
  drivenM: 10_000.25 + i,
  reroutedTo: i % 3 === 0 ? -1 : -2,
  heldS: i * 61.5,
  stopReason: i % 2 === 0 ? 0 : 1,
  stopNode: i % 2 === 0 ? -1 : 42,
  stopInject: i % 2 === 0 ? -1 : 3,
  stopTimeS: i % 2 === 0 ? -1 : 29_000.125,
});

describe('summary codec (worker → main thread)', () => {
  it('round-trips every field exactly, Infinity and -0 included', () => {
    const s = [summary(0), summary(1), summary(2)];
    const packed = packSummaries(s);
    expect(packed.length).toBe(3 * SUMMARY_WIDTH);
    const back = unpackSummaries(packed);
    expect(back).toEqual(s);
    expect(Object.is(back[0]!.exposure[5], -0)).toBe(true);
    expect(JSON.stringify(back)).toBe(JSON.stringify(s));
  });

  it('refuses a summary with a field it does not know, rather than dropping it', () => {
    const odd = { ...summary(0), extra: 1 } as SampleSummary;
    expect(() => packSummaries([odd])).toThrow(/summary codec is out of date/);
  });
});
