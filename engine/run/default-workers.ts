import os from 'node:os';

/** Default pool size: the cores this process may use (os.availableParallelism honours CPU affinity). */
export function defaultWorkers(): number {
  return os.availableParallelism();
}
