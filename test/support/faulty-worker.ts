import { workerData } from 'node:worker_threads';
import handle from '../../engine/run/pool/sample-worker.js';
import type { ChunkReply, ChunkTask, ProbeReply, ProbeTask } from '../../engine/run/pool/workload.js';
import type { SampleWorkerData } from '../../engine/run/pool/sample-worker.js';
import type { FaultInjection } from './fault-injection.js';

/**
 * Test-only piscina worker entry (dist/test/support/faulty-worker.js): the real sample worker, failing as
 * the pool's FaultInjection (workerData.entryData) says on the chunk and attempts it names. Every other
 * task goes to the real worker unchanged.
 */
const fault = (workerData as SampleWorkerData).entryData as FaultInjection | undefined;

export default async function faultyHandle(task: ChunkTask | ProbeTask): Promise<ChunkReply<unknown> | ProbeReply> {
  if (task.kind !== 'chunk' || !fault || fault.chunkIndex !== task.chunkIndex || !fault.attempts.includes(task.attempt)) return handle(task);
  if ((fault.at ?? 'start') === 'start') failAsInjected(fault, task);
  // 'mid': the real worker simulates the first half of the chunk and writes its rows where the chunk's rows
  // go (its result slot); then the failure, with no reply. A worker without the context asks for it first.
  const half: ChunkTask = { ...task, chunk: { ...task.chunk, sampleEnd: task.chunk.sampleStart + Math.max(1, Math.floor((task.chunk.sampleEnd - task.chunk.sampleStart) / 2)) } };
  const reply = (await handle(half)) as ChunkReply<unknown>;
  if (reply.needPayload) return reply;
  failAsInjected(fault, task);
}

function failAsInjected(f: FaultInjection, task: ChunkTask): never {
  if (f.mode === 'exit') process.exit(1);
  // A busy loop, not a wait: what a livelocked search looks like, and what the chunk timeout must end.
  if (f.mode === 'hang') for (let spin = 0; ; spin++) HANG[0] = spin;
  if (f.mode === 'oom') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(1 << 20).fill(hoard.length));
  }
  throw new Error(`injected fault on chunk ${task.chunkIndex}, attempt ${task.attempt}`);
}
const HANG = new Int32Array(1);
