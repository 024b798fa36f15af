import { describe, expect, it } from 'vitest';
import { defaultChunkSize, planChunks } from '../../engine/run/pool/chunk-plan.js';
import { runChunks, type ChunkExecutor } from '../../engine/run/pool/chunk-scheduler.js';
import type { SampleRange } from '../../engine/model/sample-range.js';

const streams = [
  { movementIndex: 0, optionIndex: 0 },
  { movementIndex: 0, optionIndex: 1 },
  { movementIndex: 1, optionIndex: 0 },
];

/** An executor whose chunks complete in a scrambled order (delays from a fixed permutation). */
function scrambled(failOn: (i: number, attempt: number) => boolean = () => false): ChunkExecutor<number> & { calls: string[] } {
  const calls: string[] = [];
  const exec = async (c: SampleRange, i: number, attempt: number, how: string): Promise<number[]> => {
    calls.push(`${how}:${i}:${attempt}`);
    await new Promise((r) => setTimeout(r, (i * 7919) % 13));
    if (failOn(i, attempt)) throw new Error(`boom ${i}`);
    return Array.from({ length: c.sampleEnd - c.sampleStart }, (_, k) => c.movementIndex * 1000 + c.optionIndex * 100 + c.sampleStart + k);
  };
  return { calls, run: (c, i, a) => exec(c, i, a, 'run'), retry: (c, i, a) => exec(c, i, a, 'retry') };
}

describe('chunk plan', () => {
  it('covers every sample of every stream once, round by round', () => {
    const chunks = planChunks(streams, 10, 4);
    expect(chunks.map((c) => `${c.movementIndex}/${c.optionIndex}:${c.sampleStart}-${c.sampleEnd}`)).toEqual([
      '0/0:0-4', '0/1:0-4', '1/0:0-4', '0/0:4-8', '0/1:4-8', '1/0:4-8', '0/0:8-10', '0/1:8-10', '1/0:8-10',
    ]);
  });

  it('tapers: the last chunks are cut into pieces, interleaved, every sample still planned exactly once', () => {
    const chunks = planChunks(streams, 1000, 250, { chunks: 2, parts: 4 });
    const label = (c: SampleRange) => `${c.movementIndex}/${c.optionIndex}:${c.sampleStart}-${c.sampleEnd}`;
    // 4 rounds of 3 streams; the last 2 chunks (0/1 and 1/0 of the last round) are cut in four.
    expect(chunks.length).toBe(10 + 8);
    expect(chunks.slice(10).map(label)).toEqual(['750-813', '813-876', '876-939', '939-1000'].flatMap((r) => [`0/1:${r}`, `1/0:${r}`]));
    for (const [samples, size, taper] of [[0, 5, { chunks: 4, parts: 4 }], [1, 5, { chunks: 9, parts: 4 }], [7, 3, { chunks: 2, parts: 5 }], [10, 4, { chunks: 3, parts: 3 }], [999, 100, { chunks: 6, parts: 7 }]] as const) {
      const covered = new Map<string, number[]>();
      for (const c of planChunks(streams, samples, size, taper)) {
        expect(c.sampleEnd).toBeGreaterThan(c.sampleStart);
        const k = `${c.movementIndex}/${c.optionIndex}`;
        for (let i = c.sampleStart; i < c.sampleEnd; i++) covered.set(k, [...(covered.get(k) ?? []), i]);
      }
      for (const s of streams) expect(covered.get(`${s.movementIndex}/${s.optionIndex}`) ?? []).toEqual(Array.from({ length: samples }, (_, i) => i));
    }
    expect(() => planChunks(streams, 10, 4, { chunks: 2, parts: 0 })).toThrow(/taper .* positive integer part count/);
  });

  it('sizes chunks to about 8 per worker, capped, never empty', () => {
    expect(defaultChunkSize(1000, 1, 2)).toBe(63);
    expect(defaultChunkSize(100_000, 4, 2)).toBe(500);
    expect(defaultChunkSize(3, 1, 16)).toBe(1);
    expect(() => planChunks(streams, 10, 0)).toThrow(/chunk size 0/);
  });
});

describe('runChunks', () => {
  it('delivers every sample of every stream exactly once, each chunk as it completes', async () => {
    const chunks = planChunks(streams, 23, 3);
    const seen = new Map<string, number[]>();
    const arrival: number[] = [];
    const out = await runChunks(chunks, scrambled(), (c, s) => {
      const k = `${c.movementIndex}/${c.optionIndex}`;
      arrival.push(chunks.indexOf(c));
      seen.set(k, [...(seen.get(k) ?? []), ...(s as number[])]);
    }, { maxInFlight: 5 });
    expect(out).toMatchObject({ partial: false, aborted: false, samplesDone: 69, samplesTotal: 69, missing: [] });
    expect(seen.get('0/1')!.sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, k) => 100 + k));
    expect(seen.get('1/0')!.sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, k) => 1000 + k));
    expect(arrival).not.toEqual([...arrival].sort((a, b) => a - b)); // the scrambled completion order, not the plan's
  });

  it('never has more than maxInFlight chunks running, whatever the number of samples', async () => {
    for (const samples of [200, 5000]) {
      let running = 0;
      let peak = 0;
      const inner = scrambled();
      const counted: ChunkExecutor<number> = {
        run: async (c, i, a) => {
          peak = Math.max(peak, ++running);
          try {
            return await inner.run(c, i, a);
          } finally {
            running--;
          }
        },
        retry: inner.retry,
      };
      const out = await runChunks(planChunks(streams, samples, samples / 40), counted, () => {}, { maxInFlight: 4 });
      expect(out.samplesDone).toBe(3 * samples);
      expect(peak).toBe(4);
    }
  });

  it('retries a failed chunk once and then succeeds', async () => {
    const ex = scrambled((i, attempt) => i === 4 && attempt === 0);
    const out = await runChunks(planChunks(streams, 12, 2), ex, () => {}, { maxInFlight: 3 });
    expect(out.partial).toBe(false);
    expect(ex.calls).toContain('retry:4:1');
    expect(ex.calls.filter((c) => c.startsWith('retry'))).toHaveLength(1);
  });

  it('a chunk failing twice ends the run, names the chunk and keeps every other computed sample', async () => {
    const chunks = planChunks(streams, 12, 2);
    const ex = scrambled((i) => i === 4); // stream 0/1, samples 2-4
    const got: string[] = [];
    const out = await runChunks(chunks, ex, (c) => got.push(`${c.movementIndex}/${c.optionIndex}:${c.sampleStart}`), { maxInFlight: 3 });
    expect(out.partial).toBe(true);
    expect(out.failure?.chunk).toEqual({ movementIndex: 0, optionIndex: 1, sampleStart: 2, sampleEnd: 4 });
    expect(String(out.failure?.error)).toMatch(/boom 4/);
    // Every chunk that ran and succeeded reached the sink, the failed one is reported missing.
    const ran = new Set(ex.calls.filter((c) => c.startsWith('run')).map((c) => Number(c.split(':')[1])));
    ran.delete(4);
    expect(got).toHaveLength(ran.size);
    expect(out.missing).toEqual([chunks[4]]);
    expect(out.samplesDone).toBe(ran.size * 2);
  });

  it('stops handing out chunks on abort and keeps what finished', async () => {
    const chunks = planChunks(streams, 100, 2);
    const ac = new AbortController();
    let n = 0;
    const out = await runChunks(chunks, scrambled(), () => {
      if (++n === 5) ac.abort();
    }, { maxInFlight: 2, signal: ac.signal });
    expect(out.aborted).toBe(true);
    expect(out.partial).toBe(true);
    expect(out.samplesDone).toBeGreaterThanOrEqual(10);
    expect(out.samplesDone).toBeLessThan(30);
  });
});
