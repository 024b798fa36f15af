import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { distModuleUrl } from '../../engine/run/pool/dist-module.js';
import { SamplePool, type WorkerLimits } from '../../engine/run/pool/sample-pool.js';

/**
 * Test-only fault injection: a pool whose workers fail on one chunk (by its index in the plan) on given
 * attempts. The product has no such path: the pool runs test/support/faulty-worker.ts (compiled to
 * dist/test/support/, never packed), which wraps the real sample worker.
 */
export interface FaultInjection {
  chunkIndex: number;
  /**
   * 'exit' ends the worker thread with process.exit(1); 'throw' throws from the task; 'hang' spins for
   * ever (the chunk timeout must end it); 'oom' allocates until the worker's heap limit kills it.
   */
  mode: 'exit' | 'throw' | 'hang' | 'oom';
  /** Attempts (0 = first try, 1 = the retry on a fresh worker) on which to fail. */
  attempts: readonly number[];
  /**
   * 'start' (default): before any sample; 'mid': after the first half of the chunk was simulated and its
   * rows written into the chunk's result slot, so that a retry must overwrite what a dead worker left.
   */
  at?: 'start' | 'mid';
}

/** A SamplePool of `workers` faulty workers (retries on a fresh worker use the faulty entry too). */
export function faultyPool(graph: RoadGraph, workers: number, fault: FaultInjection, limits: WorkerLimits = {}): SamplePool {
  return new SamplePool(graph, workers, { ...limits, workerFile: distModuleUrl('test/support/faulty-worker'), entryData: fault });
}
