import { EVACUATION_KINDS, EXPOSURE_COMPONENTS, RESPONDER_TYPES } from '../model/run-result.js';
import type { AlongRouteStats, SampleSummary } from '../model/sample-summary.js';

/**
 * SampleSummary packed into one Float64Array per chunk for the trip from a worker to the main thread.
 * Structured clone of ~15 small objects per sample cost about as much as simulating the sample (tens of
 * µs); a typed array crosses as one memcpy. Doubles round-trip exactly (Infinity included), booleans as
 * 0/1, so the aggregate is byte-identical to the in-process one (the determinism tests check it).
 *
 * Row layout, Float64 × SUMMARY_WIDTH per sample:
 *   sample, timeS, arrived, rerouted, exposure[E], drivenM, reroutedTo, heldS, stopReason, stopNode,
 *   stopInject, stopTimeS, then per responder type and per evacuation kind p50S, p95S, maxS, withinShare.
 */
const E = EXPOSURE_COMPONENTS.length;
const R = RESPONDER_TYPES.length;
const V = EVACUATION_KINDS.length;
const STATS = 4;
/** drivenM … stopTimeS: where the sample went and where it stopped. */
const WHERE = 7;
export const SUMMARY_WIDTH = 4 + E + WHERE + (R + V) * STATS;
/** Offsets within a row (RunAggregator.addPacked reads rows by these). */
export const ROW_SAMPLE = 0;
export const ROW_TIME = 1;
export const ROW_ARRIVED = 2;
export const ROW_REROUTED = 3;
export const ROW_EXPOSURE = 4;
/** drivenM, reroutedTo, heldS, stopReason, stopNode, stopInject, stopTimeS. */
export const ROW_WHERE = 4 + E;
export const WHERE_FIELDS = ['drivenM', 'reroutedTo', 'heldS', 'stopReason', 'stopNode', 'stopInject', 'stopTimeS'] as const;
/** Per responder type then per evacuation kind: p50S, p95S, maxS, withinShare. */
export const ROW_COVERAGE = 4 + E + WHERE;
const FIELDS = ['sample', 'timeS', 'arrived', 'rerouted', 'exposure', 'response', 'evacuation', ...WHERE_FIELDS];

function checkShape(s: SampleSummary): void {
  const keys = Object.keys(s);
  if (keys.length !== FIELDS.length || !FIELDS.every((f) => f in s) || s.exposure.length !== E || s.response.length !== R || s.evacuation.length !== V) {
    // SampleSummary grew a field: this codec must learn it, or the pool would silently drop it.
    throw new Error(`summary codec is out of date with SampleSummary (fields: ${keys.join(', ')}); update engine/run/summary-codec.ts`);
  }
}

/**
 * Rows of the summaries, written from the start of `into` when it is given and long enough (a worker's
 * slot of the run's result arena), else into a new array; returned as exactly the rows written.
 */
export function packSummaries(summaries: readonly SampleSummary[], into?: Float64Array): Float64Array {
  const n = summaries.length * SUMMARY_WIDTH;
  const out = into && into.length >= n ? (into.length === n ? into : into.subarray(0, n)) : new Float64Array(n);
  let at = 0;
  // One summary's shape stands for the chunk's: they all come from the same simulation code, and
  // Object.keys on every row was a per-sample allocation in the workers.
  if (summaries.length > 0) checkShape(summaries[0]!);
  for (const s of summaries) {
    out[at++] = s.sample;
    out[at++] = s.timeS;
    out[at++] = s.arrived ? 1 : 0;
    out[at++] = s.rerouted ? 1 : 0;
    for (let c = 0; c < E; c++) out[at++] = s.exposure[c]!;
    out[at++] = s.drivenM;
    out[at++] = s.reroutedTo;
    out[at++] = s.heldS;
    out[at++] = s.stopReason;
    out[at++] = s.stopNode;
    out[at++] = s.stopInject;
    out[at++] = s.stopTimeS;
    for (const st of s.response) at = putStats(out, at, st);
    for (const st of s.evacuation) at = putStats(out, at, st);
  }
  return out;
}

export function unpackSummaries(packed: Float64Array): SampleSummary[] {
  if (packed.length % SUMMARY_WIDTH !== 0) throw new Error(`packed summaries: ${packed.length} numbers is not a whole number of ${SUMMARY_WIDTH}-wide rows`);
  const out: SampleSummary[] = [];
  for (let at = 0; at < packed.length; ) {
    const sample = packed[at++]!;
    const timeS = packed[at++]!;
    const arrived = packed[at++] === 1;
    const rerouted = packed[at++] === 1;
    const exposure = Array.from(packed.subarray(at, at + E));
    at += E;
    const drivenM = packed[at++]!;
    const reroutedTo = packed[at++]!;
    const heldS = packed[at++]!;
    const stopReason = packed[at++]!;
    const stopNode = packed[at++]!;
    const stopInject = packed[at++]!;
    const stopTimeS = packed[at++]!;
    const response: AlongRouteStats[] = [];
    for (let k = 0; k < R; k++, at += STATS) response.push(getStats(packed, at));
    const evacuation: AlongRouteStats[] = [];
    for (let k = 0; k < V; k++, at += STATS) evacuation.push(getStats(packed, at));
    out.push({ sample, timeS, arrived, rerouted, exposure, response, evacuation, drivenM, reroutedTo, heldS, stopReason, stopNode, stopInject, stopTimeS });
  }
  return out;
}

function putStats(out: Float64Array, at: number, st: AlongRouteStats): number {
  out[at] = st.p50S;
  out[at + 1] = st.p95S;
  out[at + 2] = st.maxS;
  out[at + 3] = st.withinShare;
  return at + STATS;
}

function getStats(a: Float64Array, at: number): AlongRouteStats {
  return { p50S: a[at]!, p95S: a[at + 1]!, maxS: a[at + 2]!, withinShare: a[at + 3]! };
}
