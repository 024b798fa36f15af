import seedrandom from 'seedrandom';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import type { PoolWorkload } from '../../engine/run/pool/workload.js';
import type { SampleRange } from '../../engine/model/sample-range.js';

/**
 * A stand-in Monte Carlo workload for the pool's tests and benchmarks, independent of the simulation: each
 * sample runs Dijkstra (free-flow seconds) from a random source drawn from the sample's own stream
 * seedrandom(`${seed}|${movement}|${option}|${sample}`), the same seeding rule as the real run.
 */
export interface SyntheticPayload {
  seed: string;
  /** Searches per sample: scales the work of a sample. */
  searchesPerSample: number;
  /** Busy-wait per sample, ms (slow chunks for the Ctrl-C tests). */
  spinMsPerSample?: number;
}

export interface SyntheticSummary {
  sample: number;
  /** Nodes settled by the last search. */
  reached: number;
  /** Mean and max shortest time over settled nodes of the last search, s. */
  meanTimeS: number;
  maxTimeS: number;
}

/** Search state allocated once per worker and reset in O(1) by an epoch stamp. */
interface SyntheticCtx {
  graph: RoadGraph;
  payload: SyntheticPayload;
  dist: Float64Array;
  stamp: Uint32Array;
  epoch: number;
  /** Binary heap with lazy deletion: (key, node) pairs; at most one entry per relaxation. */
  heapKey: Float64Array;
  heapNode: Uint32Array;
}

function prepare(graph: RoadGraph, payload: SyntheticPayload): SyntheticCtx {
  const n = graph.nodeCount;
  const cap = graph.edgeCount + 1;
  return { graph, payload, dist: new Float64Array(n), stamp: new Uint32Array(n), epoch: 0, heapKey: new Float64Array(cap), heapNode: new Uint32Array(cap) };
}

/** Dijkstra from `source`; returns settled count, sum and max of times. No allocation. */
function search(ctx: SyntheticCtx, source: number): { reached: number; sum: number; max: number } {
  const { graph, dist, stamp, heapKey, heapNode } = ctx;
  const { firstOut, head, timeS } = graph;
  const epoch = ++ctx.epoch;
  const done = epoch * 2; // stamp = 2·epoch−1: reached this search; 2·epoch: settled
  let size = 0;
  const push = (key: number, node: number): void => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heapKey[p]! <= key) break;
      heapKey[i] = heapKey[p]!;
      heapNode[i] = heapNode[p]!;
      i = p;
    }
    heapKey[i] = key;
    heapNode[i] = node;
  };
  dist[source] = 0;
  stamp[source] = done - 1;
  push(0, source);
  let reached = 0;
  let sum = 0;
  let max = 0;
  while (size > 0) {
    const key = heapKey[0]!;
    const v = heapNode[0]!;
    // pop: move the last entry down from the root
    size--;
    const lk = heapKey[size]!;
    const ln = heapNode[size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && heapKey[c + 1]! < heapKey[c]!) c++;
      if (heapKey[c]! >= lk) break;
      heapKey[i] = heapKey[c]!;
      heapNode[i] = heapNode[c]!;
      i = c;
    }
    heapKey[i] = lk;
    heapNode[i] = ln;
    if (stamp[v] === done || key > dist[v]!) continue;
    stamp[v] = done;
    reached++;
    sum += key;
    if (key > max) max = key;
    for (let e = firstOut[v]!, end = firstOut[v + 1]!; e < end; e++) {
      const w = head[e]!;
      const d = key + timeS[e]!;
      if (stamp[w] === done) continue;
      if (stamp[w] !== done - 1 || d < dist[w]!) {
        stamp[w] = done - 1;
        dist[w] = d;
        if (size < heapKey.length) push(d, w);
      }
    }
  }
  return { reached, sum, max };
}

function runChunk(ctx: SyntheticCtx, chunk: SampleRange): SyntheticSummary[] {
  const out: SyntheticSummary[] = [];
  const { seed, searchesPerSample, spinMsPerSample } = ctx.payload;
  for (let s = chunk.sampleStart; s < chunk.sampleEnd; s++) {
    const rng = seedrandom(`${seed}|${chunk.movementIndex}|${chunk.optionIndex}|${s}`);
    let last = { reached: 0, sum: 0, max: 0 };
    for (let k = 0; k < searchesPerSample; k++) last = search(ctx, Math.floor(rng() * ctx.graph.nodeCount));
    if (spinMsPerSample) {
      const until = performance.now() + spinMsPerSample;
      while (performance.now() < until) {
        /* busy: a stand-in for a slow sample */
      }
    }
    out.push({ sample: s, reached: last.reached, meanTimeS: last.reached ? last.sum / last.reached : 0, maxTimeS: last.max });
  }
  return out;
}

export const sampleWorkload: PoolWorkload<SyntheticPayload, SyntheticCtx, SyntheticSummary> = { prepare, runChunk };

/**
 * Aggregate of synthetic summaries per stream. Chunks arrive in completion order, so each summary is kept
 * at its sample index and the sums are taken in sample order at the end (floating-point sums depend on
 * order, which is what makes the determinism tests bite).
 */
export class SyntheticAggregate {
  private readonly streams = new Map<string, SyntheticSummary[]>();

  add(chunk: SampleRange, summaries: SyntheticSummary[]): void {
    const id = `${chunk.movementIndex}/${chunk.optionIndex}`;
    let s = this.streams.get(id);
    if (!s) this.streams.set(id, (s = []));
    for (const x of summaries) s[x.sample] = x;
  }

  result(): Record<string, { samples: number; meanOfMeansS: number; reached: number; p50MaxS: number; p95MaxS: number }> {
    const out: Record<string, { samples: number; meanOfMeansS: number; reached: number; p50MaxS: number; p95MaxS: number }> = {};
    for (const id of [...this.streams.keys()].sort()) {
      let samples = 0;
      let sumMean = 0;
      let reached = 0;
      const maxTimes: number[] = [];
      for (const x of this.streams.get(id)!) {
        if (x === undefined) continue; // a sample a partial run did not do
        samples++;
        sumMean += x.meanTimeS;
        reached += x.reached;
        maxTimes.push(x.maxTimeS);
      }
      const sorted = Float64Array.from(maxTimes).sort();
      const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
      out[id] = { samples, meanOfMeansS: samples ? sumMean / samples : 0, reached, p50MaxS: q(0.5), p95MaxS: q(0.95) };
    }
    return out;
  }
}
