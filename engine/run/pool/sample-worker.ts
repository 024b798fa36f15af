import v8 from 'node:v8';
import { threadId, workerData } from 'node:worker_threads';
import { RoadGraph } from '../../graph/road-graph.js';
import type { ArenaHandle } from './result-arena.js';
import { slotView } from './result-arena.js';
import type { ChunkReply, ChunkTask, ProbeReply, ProbeTask, PoolWorkload } from './workload.js';

/**
 * Piscina worker entry (compiled to dist/engine/run/pool/sample-worker.js). The graph arrives ONCE, in
 * workerData, as the SharedArrayBuffer of the graph's single buffer: structured clone shares a SAB by
 * reference, so RoadGraph.from only lays typed-array views over the very bytes of the main thread.
 * The run payload (a SAB handle too) is sent when the worker asks for it, and decoded and prepared once per distinct payload.
 */
export interface SampleWorkerData {
  graphBuffer: SharedArrayBuffer;
  /** For a worker entry that wraps this one (SamplePoolOptions.entryData); unused here. */
  entryData?: unknown;
}

const data = workerData as SampleWorkerData;
const graph = RoadGraph.from(data.graphBuffer);

type AnyWorkload = PoolWorkload<unknown, unknown, unknown>;
const workloads = new Map<string, AnyWorkload>();
/**
 * One context per worker, keyed by the digest of (workload module, payload), not by run: a pool reused for the
 * same plan (repeated runs, the exercise console, a warmed-up bench) never prepares it again, and the
 * context's lazy caches (coverage tables, reroutes) stay filled. Safe because a workload's output depends only on
 * (graph, payload, stream, sample index). A new payload replaces the context (memory stays one per worker).
 */
let current: { key: string; ctx: unknown } | undefined;
/**
 * The context being prepared, if any. Two chunks are in a worker at once (SamplePool pipelines them), and
 * the second must wait for the first's preparation rather than start its own: a cold worker used to
 * prepare every plan twice (~120-360 ms of CPU each).
 */
let preparing: { key: string; done: Promise<unknown> } | undefined;
/** The result arena of the run this worker last served (one run at a time uses a pool). */
let arena: ArenaHandle | undefined;

async function loadWorkload(url: string): Promise<AnyWorkload> {
  let workload = workloads.get(url);
  if (!workload) {
    const mod = (await import(url)) as { sampleWorkload?: AnyWorkload };
    if (!mod.sampleWorkload) throw new Error(`workload module ${url} does not export sampleWorkload`);
    workload = mod.sampleWorkload;
    workloads.set(url, workload);
  }
  return workload;
}

async function runChunk(task: ChunkTask): Promise<ChunkReply<unknown>> {
  const workload = await loadWorkload(task.workloadModule);
  if (task.arena) arena = task.arena;
  const slot = task.pack && workload.pack && task.slot !== undefined ? task.slot : -1;
  const key = task.contextKey;
  // Missing the context (and nobody preparing it) or this run's arena, and the task did not bring them:
  // ask for them first.
  const known = current?.key === key || preparing?.key === key;
  if ((!known && !task.payload) || (slot >= 0 && arena?.id !== task.runId)) return { summaries: [], needPayload: true, prepareMs: 0 };
  let prepareMs = 0;
  if (current?.key !== key) {
    if (preparing?.key === key) {
      await preparing.done; // the chunk that came first is preparing it (a rejection fails this chunk too)
    } else {
      const payload = task.payload;
      if (!payload) throw new Error('unreachable: payload checked above');
      current = undefined; // drop the previous run's context before building the next one
      const t0 = performance.now();
      const done = (async () => workload.prepare(graph, v8.deserialize(new Uint8Array(payload)) as unknown))();
      preparing = { key, done };
      try {
        current = { key, ctx: await done };
      } finally {
        if (preparing?.key === key) preparing = undefined;
      }
      prepareMs = performance.now() - t0;
    }
  }
  if (current?.key !== key) throw new Error(`worker context for ${key.slice(0, 12)}… was replaced while this chunk waited for it`);
  const summaries = workload.runChunk(current.ctx, task.chunk);
  if (task.pack && workload.pack) {
    if (slot >= 0 && arena) {
      // Straight into the shared slot; a chunk too large for it (never with the pool's own sizing) replies a copy.
      const rows = workload.pack(summaries, slotView(arena, slot, arena.slotDoubles));
      if (rows.buffer === arena.buffer) return { summaries: [], slot, rows: summaries.length, prepareMs };
      return { summaries: [], packed: rows, rows: summaries.length, prepareMs };
    }
    return { summaries: [], packed: workload.pack(summaries), rows: summaries.length, prepareMs };
  }
  return { summaries, prepareMs };
}

function probe(task: ProbeTask): ProbeReply {
  if (task.barrier && task.parties) {
    const counter = new Int32Array(task.barrier);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
    const deadline = Date.now() + 10_000; // never hang a test: give up after 10 s
    for (let seen = Atomics.load(counter, 0); seen < task.parties && Date.now() < deadline; seen = Atomics.load(counter, 0)) {
      Atomics.wait(counter, 0, seen, 50);
    }
  }
  const bytes = new Uint8Array(graph.buffer);
  return {
    shared: graph.buffer instanceof SharedArrayBuffer,
    byteLength: graph.buffer.byteLength,
    byte: bytes[task.offset] ?? -1,
    threadId,
  };
}

export default async function handle(task: ChunkTask | ProbeTask): Promise<ChunkReply<unknown> | ProbeReply> {
  return task.kind === 'probe' ? probe(task) : runChunk(task);
}
