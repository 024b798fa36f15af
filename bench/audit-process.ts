/**
 * The audit's processes (bench/audit-inputs.ts): each case runs `node` as a child with a time-out, in a
 * scratch folder with its own graph cache, at most two at once (the machine has 2 cores).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../engine/paths.js';

export const MAIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
/** Per command: far above any refusal (a second or two), well below "hung". */
export const TIMEOUT_MS = 60_000;
/** Commands at once: the machine has 2 cores. */
const PARALLEL = 2;
export const CRASH = /internal error|^\s+at .*(\.js|\.ts):\d+|FATAL ERROR|Maximum call stack|Segmentation fault/m;

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
  timeoutMs?: number;
  /** Called with each stderr chunk (the text so far) and the child: to send signals at a stage. */
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
}

export const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** One audit: its scratch folder (removed at exit), its graph cache, and whether it runs the quick subset. */
export class AuditRun {
  readonly root: string;
  readonly cache: string;

  constructor(readonly quick: boolean) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-audit-'));
    process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
    this.root = root;
    this.cache = path.join(root, 'cache');
  }

  /** The first `n` of a list in a quick audit, all of it otherwise. */
  take<T>(list: readonly T[], n: number): readonly T[] {
    return this.quick ? list.slice(0, n) : list;
  }

  spawnNode(args: string[], opts: SpawnOptions = {}): Promise<Ran> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, args, { cwd: opts.cwd ?? PACKAGE_ROOT, env: { ...process.env, MOTORCADE_CACHE: this.cache, ...(opts.env ?? {}) }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, opts.timeoutMs ?? TIMEOUT_MS);
      child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        opts.onStderr?.(stderr, child);
      });
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(opts.input ?? '');
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr, timedOut });
      });
    });
  }

  cliRun(args: string[], opts: SpawnOptions = {}): Promise<Ran> {
    return this.spawnNode([MAIN, ...args], opts);
  }
}

/** At most PARALLEL of `jobs` at once, results in order. */
export async function limited<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}
