import { zoneWarnings, type ZoneWarning } from '../engine/analysis/zone-warnings.js';
import { terminalSafe } from '../engine/quote.js';
import type { RoadGraph } from '../engine/graph/road-graph.js';
import type { Scenario } from '../engine/scenario/index.js';
import { landmarkWarnings, type LandmarkWarning } from '../engine/scenario/landmark-warnings.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import type { Recorder } from '../engine/sim/recorder.js';

/**
 * Things in a valid scenario that are probably not meant, each with the path `validate` names: landmarks
 * farther from a road than the snap limit (engine/scenario/landmark-warnings.ts) and zones no option passes
 * while they are active (engine/analysis/zone-warnings.ts). One shape for validate, run, run --json and serve.
 */
export type ScenarioWarning = LandmarkWarning | (ZoneWarning & { path: string });

/** `file  PATH  warning: …`: the problem line format, marked as a warning (it does not fail validation). */
export function formatWarning(file: string, w: ScenarioWarning): string {
  return terminalSafe(`${file}  ${w.path}  warning: ${w.message}`);
}

/** The warnings of a run: its landmarks, then its zones judged on the run's own nominal runs. */
export function runWarnings(graph: RoadGraph, scenario: Scenario, ctx: PreparedRun, nominal: (mi: number, oi: number) => Recorder | null): ScenarioWarning[] {
  return [...landmarkWarnings(scenario, graph), ...zoneWarnings(ctx, nominal).map((w) => ({ path: `threats.${w.zone}`, ...w }))];
}

/** The warnings of a valid scenario, from its routes and nominal runs on `graph` (validate). */
export function scenarioWarnings(graph: RoadGraph, scenario: Scenario): ScenarioWarning[] {
  const world = new PreparedRun(graph, planFromScenario(scenario, graph), { samples: 1 });
  return runWarnings(graph, scenario, world, (mi, oi) => world.nominal(mi, oi)?.record ?? null);
}
