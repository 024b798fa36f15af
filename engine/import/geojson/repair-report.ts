import type { CrossingCounts } from './crossings.js';
import type { DanglingCounts } from './dangling-join.js';
import type { DedupCounts } from './dedup-merge.js';
import type { MergeCounts } from './vertex-merge.js';
import type { AssembleCounts } from './assemble.js';
import type { ComponentReport } from '../../graph/subgraph.js';

/** Parameters of topology repair, in metres and degrees. Stored in the report and in the cache fingerprint. */
export interface RepairParams {
  /** A dangling end within this distance of another road is joined to it, splitting that road. */
  danglingToleranceM: number;
  /** A core end joins a core road only this close (core topology is exact: farther ones are real dead ends). */
  coreToCoreToleranceM: number;
  /** A metro piece running within this distance alongside a core road is a duplicate of it. */
  duplicateToleranceM: number;
  duplicateMaxAngleDeg: number;
  /** Metro segments are cut into pieces of at most this length before duplicate detection. */
  densifyM: number;
  /** Isolated metro fragments shorter than this, lying along core roads, are duplicates too. */
  sliverM: number;
  /** Ends cut by duplicate removal join the core road within this distance. */
  cutEndToleranceM: number;
  joinMetroCrossings: boolean;
  crossingMinAngleDeg: number;
  crossingWaterRadiusM: number;
  gradeSeparationRadiusM: number;
  /** A road with more than this many metres over water is a bridge. */
  bridgeMinWaterM: number;
}

export const DEFAULT_REPAIR_PARAMS: Readonly<RepairParams> = {
  danglingToleranceM: 12,
  coreToCoreToleranceM: 3,
  duplicateToleranceM: 18,
  duplicateMaxAngleDeg: 30,
  densifyM: 20,
  sliverM: 100,
  cutEndToleranceM: 25,
  joinMetroCrossings: true,
  crossingMinAngleDeg: 25,
  crossingWaterRadiusM: 20,
  gradeSeparationRadiusM: 60,
  bridgeMinWaterM: 30,
};

/** What repair did, stored in graph.meta.report.repair and printed by `motorcade graph info`. */
export interface RepairReport {
  params: RepairParams;
  inputs: Record<string, MergeCounts & { skippedFeatures: number }>;
  verticesMerged: number;
  duplicates: DedupCounts | null;
  danglingEnds: DanglingCounts;
  crossings: CrossingCounts;
  bridges: AssembleCounts;
  /** Graph before keeping the largest strongly connected component. */
  beforeComponents: { nodes: number; edges: number; km: number };
  components?: ComponentReport;
  buildMs: number;
  /** Time per repair step, ms. */
  stepMs?: Record<string, number>;
}
