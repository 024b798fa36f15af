/**
 * What the memory benches share (bench/sweep.ts, bench/run-memory.ts): each size runs in a child process
 * of its own (`node --expose-gc SCRIPT …` printing one JSON line), which measures the peaks over its own
 * state before the run; the parent prints a table of bounded run against the row-keeping peer and the
 * verdict on flatness. Also the row-keeping peer itself, and synthetic rows to feed it.
 */
import { spawnSync } from 'node:child_process';
import { Alea } from '../engine/sim/alea.js';
import { COVERAGE_KINDS } from '../engine/metrics/coverage.js';
import { EXPOSURE_COMPONENTS } from '../engine/model/run-result.js';
import { ROW_ARRIVED, ROW_COVERAGE, ROW_EXPOSURE, ROW_REROUTED, ROW_SAMPLE, ROW_TIME, ROW_WHERE, SUMMARY_WIDTH } from '../engine/run/summary-codec.js';
import type { Verdict } from './verdict.js';

/** What a memory child reports: MB over its state before the run, and the time taken (ms). */
export interface Memory {
  /** Growth of the peak live memory: heap used + external (array buffers included), read after a full GC. */
  retainedMb: number;
  /** Growth of the peak RSS read at the same points (it also holds garbage not yet returned: noisier). */
  rssMb: number;
  ms: number;
  /** Further numbers a child reports (aggregation time, checks). */
  [more: string]: number;
}

/** Run `script` under `node --expose-gc` with `args`; it must print one Memory JSON line (PeakMeter.report). */
export function memoryInChild(script: string, args: readonly string[]): Memory {
  const r = spawnSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8', timeout: 1_200_000 });
  if (r.status !== 0) throw new Error(`memory child ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Memory;
}

/**
 * In a child: peak live memory and RSS over the state at construction. note() forces a full GC, so call it
 * between pieces of work (every shard, every few dozen chunks), not per sample: a GC costs milliseconds.
 */
export class PeakMeter {
  private readonly gc: () => void;
  private readonly before: number;
  private readonly rssBefore: number;
  private readonly t0 = performance.now();
  private peak: number;
  private rssPeak: number;

  constructor() {
    const gc = global.gc;
    if (!gc) throw new Error('memory child: run node with --expose-gc');
    this.gc = gc;
    this.before = this.live();
    this.rssBefore = process.memoryUsage().rss;
    this.peak = this.before;
    this.rssPeak = this.rssBefore;
  }

  private live(): number {
    this.gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.external; // external includes the array buffers
  }

  note(): void {
    this.rssPeak = Math.max(this.rssPeak, process.memoryUsage().rss);
    this.peak = Math.max(this.peak, this.live());
  }

  /** Print the Memory line (time since construction, GCs of the measurement included) with `more`. */
  report(more: Record<string, number> = {}): void {
    const m: Memory = { retainedMb: (this.peak - this.before) / 1e6, rssMb: (this.rssPeak - this.rssBefore) / 1e6, ms: performance.now() - this.t0, ...more };
    process.stdout.write(JSON.stringify(m) + '\n');
  }
}

const E = EXPOSURE_COMPONENTS.length;
const WHERE = ROW_COVERAGE - ROW_WHERE;
const COV = COVERAGE_KINDS * 4;

/**
 * The peer: a row per sample, as `motorcade run` kept them before its aggregation was bounded (the same
 * columns per stream, allocated for the run's sample count up front: done, arrived and rerouted flags,
 * time, exposure components, where it went and stopped, coverage stats; 307 bytes a sample). It only
 * stores: what grows is the storage, and the distributions were computed from it at the end.
 */
export class RowKeepingPeer {
  private readonly cols: { done: Uint8Array; arrived: Uint8Array; rerouted: Uint8Array; timeS: Float64Array; exposure: Float64Array; where: Float64Array; coverage: Float64Array }[];

  constructor(streams: number, private readonly samples: number) {
    this.cols = Array.from({ length: streams }, () => ({
      done: new Uint8Array(samples),
      arrived: new Uint8Array(samples),
      rerouted: new Uint8Array(samples),
      timeS: new Float64Array(samples),
      exposure: new Float64Array(samples * E),
      where: new Float64Array(samples * WHERE),
      coverage: new Float64Array(samples * COV),
    }));
  }

  addPacked(stream: number, packed: Float64Array): void {
    const o = this.cols[stream]!;
    for (let at = 0; at < packed.length; at += SUMMARY_WIDTH) {
      const i = packed[at + ROW_SAMPLE]!;
      if (!(i >= 0 && i < this.samples)) continue;
      o.done[i] = 1;
      o.timeS[i] = packed[at + ROW_TIME]!;
      o.arrived[i] = packed[at + ROW_ARRIVED] === 1 ? 1 : 0;
      o.rerouted[i] = packed[at + ROW_REROUTED] === 1 ? 1 : 0;
      // Strided copies, as the row-keeping aggregator made them (a subarray per field would allocate per row).
      for (let c = 0; c < E; c++) o.exposure[i * E + c] = packed[at + ROW_EXPOSURE + c]!;
      for (let f = 0; f < WHERE; f++) o.where[i * WHERE + f] = packed[at + ROW_WHERE + f]!;
      for (let f = 0; f < COV; f++) o.coverage[i * COV + f] = packed[at + ROW_COVERAGE + f]!;
    }
  }

  /** Samples stored (a check that every row landed). */
  samplesDone(): number {
    let n = 0;
    for (const o of this.cols) for (let i = 0; i < this.samples; i++) n += o.done[i]!;
    return n;
  }
}

/** Rows of samples [s0, s0 + k) with seeded random times and exposures, all arrived, into `rows`. */
export function syntheticRows(rng: Alea, s0: number, k: number, rows: Float64Array): Float64Array {
  for (let i = 0; i < k; i++) {
    const at = i * SUMMARY_WIDTH;
    rows[at + ROW_SAMPLE] = s0 + i;
    rows[at + ROW_TIME] = 1200 + 600 * rng.next();
    rows[at + ROW_ARRIVED] = 1;
    for (let c = 0; c < E; c++) rows[at + ROW_EXPOSURE + c] = 50 * rng.next();
  }
  return rows.subarray(0, k * SUMMARY_WIDTH);
}

/** A size's two children: the bounded run and the peer. */
export interface SizeRow {
  samples: number;
  bounded: Memory;
  rows: Memory;
}

/** The table both benches print: per size, bounded live / RSS / seconds against the peer's, and the ratio of live memory. */
export function printMemoryTable(peer: string, sizes: readonly number[], measure: (n: number) => SizeRow): SizeRow[] {
  console.log(`   samples   bounded: live   RSS   (s)   ${`${peer}: live`.padStart(20)}   RSS   (s)   ratio of live`);
  const out: SizeRow[] = [];
  for (const n of sizes) {
    const row = measure(n);
    const { bounded: b, rows: r } = row;
    out.push(row);
    console.log(
      `${String(n).padStart(10)}   ${b.retainedMb.toFixed(1).padStart(13)} ${b.rssMb.toFixed(1).padStart(5)} ${(b.ms / 1000).toFixed(1).padStart(5)}   ` +
        `${r.retainedMb.toFixed(1).padStart(20)} ${r.rssMb.toFixed(1).padStart(5)} ${(r.ms / 1000).toFixed(1).padStart(5)}   ${(r.retainedMb / Math.max(0.1, b.retainedMb)).toFixed(1).padStart(8)}×`,
    );
  }
  return out;
}

/**
 * The flatness verdict: the bounded run's peak live memory may grow at most `limitMb` from `from` to `to`
 * samples. Printed as MET / MISS; a miss also sets a non-zero exit code (bounded memory is the point of the
 * bounded run, not a target to approach).
 */
export function flatVerdict(verdict: Verdict, rows: readonly SizeRow[], from: number, to: number, limitMb: number): void {
  const a = rows.find((r) => r.samples === from)!;
  const b = rows.find((r) => r.samples === to)!;
  const growth = b.bounded.retainedMb - a.bounded.retainedMb;
  if (!verdict.target(`bounded run's peak live memory growth from ${from} to ${to} samples`, growth, limitMb, 'at most', ' MB')) process.exitCode = 1;
}
