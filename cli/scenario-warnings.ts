import { zoneWarnings, type ZoneWarning } from '../engine/analysis/zone-warnings.js';
import { terminalSafe } from '../engine/quote.js';
import type { RoadGraph } from '../engine/graph/road-graph.js';
import type { Scenario } from '../engine/scenario/index.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';

/** `file  threats.ID  warning: …`: the problem line format, marked as a warning (it does not fail validation). */
export function formatWarning(file: string, w: ZoneWarning): string {
  return terminalSafe(`${file}  threats.${w.zone}  warning: ${w.message}`);
}

/** The warnings of a valid scenario (zone-warnings.ts), from its routes and nominal runs on `graph`. */
export function scenarioWarnings(graph: RoadGraph, scenario: Scenario): ZoneWarning[] {
  const world = new PreparedRun(graph, planFromScenario(scenario, graph), { samples: 1 });
  return zoneWarnings(world, (mi, oi) => world.nominal(mi, oi)?.record ?? null);
}
