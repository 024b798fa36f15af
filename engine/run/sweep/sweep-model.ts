import type { PlanEscort } from '../../model/run-plan.js';

/**
 * A validated sweep: the base scenario, the dimensions to vary (each a list of values in file order),
 * the plans to compare and the break targets. Plain JSON, so that a queue job can carry a variant.
 */
export type DimensionValue =
  | { kind: 'departure_shift'; shiftS: number }
  | { kind: 'escort'; delegation: string; profile: string; escort: PlanEscort }
  | { kind: 'traffic_factor'; factor: number }
  | { kind: 'threat_intensity'; factor: number }
  | { kind: 'closure'; closure: { label: string; lon: number; lat: number; radiusM: number } | null }
  | { kind: 'responders'; set: string; ids: string[] | null };

export interface Dimension {
  /** departure_shift, escort.<delegation>, traffic_factor, threat_intensity, closure, responders. */
  key: string;
  values: DimensionValue[];
}

/** One plan: an option per movement it covers. */
export interface SweepPlan {
  id: string;
  choices: { movementIndex: number; optionIndex: number; movementId: string; optionId: string }[];
}

export interface SweepSpec {
  name: string;
  /** Absolute path of the sweep file and of its base scenario. */
  file: string;
  scenarioFile: string;
  samples: number;
  seed: string;
  shardSamples: number;
  dimensions: Dimension[];
  plans: SweepPlan[];
  sampling: { method: 'grid' | 'latin_hypercube'; variants: number | null; seed: string };
  targets: { arrivedShare: number; p95TimeS: number | null };
}

/** One point of the sweep: a value per dimension; `id` is stable (a digest of the values). */
export interface Variant {
  id: string;
  /** Index in the sweep's variant order (grid order, or draw order). */
  index: number;
  label: string;
  values: DimensionValue[];
}
