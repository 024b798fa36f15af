import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../engine/errors.js';
import { describeFsError } from '../engine/input-file.js';
import type { RoadGraph } from '../engine/graph/road-graph.js';
import { loadGraph, type LoadGraphOptions } from '../engine/import/load-graph.js';
import { phnomPenhDataDir } from '../engine/paths.js';
import { loadScenario, ScenarioError, type GraphSource, type Scenario } from '../engine/scenario/index.js';
import type { InputPath } from './output-paths.js';

/**
 * The road graph a scenario names in its `graph:` field (the bundled Phnom Penh data, or a road file
 * relative to the scenario) and the scenario validated on it: what `run`, `compare`, `report` and
 * `validate` all read, so that a scenario is checked and simulated on the same roads.
 */

/** loadGraph options for a scenario's graph; dataDir is the Phnom Penh data folder for the bundled graph. */
export function graphOptionsFor(source: GraphSource, dataDir?: string): LoadGraphOptions {
  if (source.kind === 'file') return { source: source.path, ...(source.at ? { sourceLabel: source.at } : {}) };
  return { city: 'phnom-penh', ...(dataDir !== undefined ? { dataDir } : {}) };
}

/** One key per distinct graph, to load each once when several scenarios share it. */
export function graphKey(source: GraphSource, dataDir?: string): string {
  return source.kind === 'file' ? `file:${source.path}` : `bundled:${dataDir ?? ''}`;
}

/**
 * Read the scenario (problems without the graph first: the graph to load depends on it), load the graph
 * it names, then validate it again on that graph (snap distance, reachability). Throws ScenarioError
 * (exit 2) listing every problem.
 */
export async function loadRunInputs(file: string): Promise<{ graph: RoadGraph; scenario: Scenario }> {
  // Fail fast on a missing file, before any graph is loaded.
  let missing: string | undefined;
  try {
    fs.statSync(file);
  } catch (err) {
    missing = describeFsError(err, file);
  }
  if (missing !== undefined) throw new InputError(missing === 'file not found' ? `scenario file not found: ${file}` : `${file}: ${missing}`);
  const first = await loadScenario(file);
  if (first.problems.length) throw new ScenarioError(file, first.problems);
  const { graph } = await loadGraph(graphOptionsFor(first.scenario.graph));
  const onGraph = await loadScenario(file, { graph });
  if (onGraph.problems.length) throw new ScenarioError(file, onGraph.problems);
  return { graph, scenario: onGraph.scenario };
}

/** The files a run of the scenario reads, which no output may overwrite: the scenario, its road file, the gazetteer. */
export function scenarioInputs(file: string, scenario: Scenario, dataDir?: string): InputPath[] {
  const inputs: InputPath[] = [{ what: 'the scenario', path: file }];
  if (scenario.graph.kind === 'file') inputs.push({ what: "the scenario's road file", path: scenario.graph.path });
  inputs.push({ what: 'the gazetteer', path: path.join(phnomPenhDataDir(dataDir), 'landmarks.json') });
  return inputs;
}
