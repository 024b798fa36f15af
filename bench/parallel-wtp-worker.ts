import { parentPort, workerData } from 'node:worker_threads';

/** worker-threads-pool worker for the per-task overhead benchmark: one trivial task, then the thread ends. */
parentPort?.postMessage(workerData as number);
