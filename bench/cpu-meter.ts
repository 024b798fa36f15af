/** Process CPU time (main thread and every worker thread) and wall time, summed over the runs of one key. */
export interface CpuUse {
  cpuMs: number;
  wallMs: number;
  runs: number;
}

/**
 * Wraps a run so that its CPU and wall time accumulate under `key`. CPU / wall = the cores the run
 * obtained, which on a shared machine says how much of the wall clock the bench can answer for.
 */
export function metered<K>(acc: Map<K, CpuUse>, key: K, fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await fn();
    const c = process.cpuUsage(c0);
    const a = acc.get(key) ?? { cpuMs: 0, wallMs: 0, runs: 0 };
    a.runs++;
    a.cpuMs += (c.user + c.system) / 1000;
    a.wallMs += performance.now() - w0;
    acc.set(key, a);
  };
}
