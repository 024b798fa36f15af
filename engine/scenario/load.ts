import fs from 'node:fs';
import path from 'node:path';
import type { RoadGraph } from '../graph/road-graph.js';
import type { Scenario } from './model.js';
import { ScenarioError, sortProblems, type ScenarioProblem } from './problems.js';

export interface LoadScenarioOptions {
  /** When given, places are snapped to it and checked for distance and reachability. */
  graph?: RoadGraph;
  /** Phnom Penh data folder holding landmarks.json (default: phnomPenhDataDir()). */
  dataDir?: string;
}

/**
 * Read, validate and normalise a scenario file. Never throws for problems in the scenario: they are all
 * returned (sorted by position); `scenario` is only meaningful when `problems` is empty. Throws
 * DataFileError when the file cannot be read.
 */
export async function loadScenario(file: string, opts: LoadScenarioOptions = {}): Promise<{ scenario: Scenario; problems: ScenarioProblem[] }> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = await fs.promises.readFile(abs, 'utf8');
  } catch (err) {
    const { DataFileError } = await import('../errors.js');
    const e = err as NodeJS.ErrnoException;
    throw new DataFileError(file, e.code === 'ENOENT' ? 'file not found' : e.code === 'EISDIR' ? 'is a directory, expected a scenario file' : `cannot read: ${e.message}`, { cause: err });
  }
  const r = validateScenarioText(text, file, abs, opts);
  return { scenario: r.scenario, problems: sortProblems(r.problems) };
}

/** loadScenario, throwing ScenarioError (an InputError, exit code 2) listing every problem. */
export async function loadScenarioOrThrow(file: string, opts: LoadScenarioOptions = {}): Promise<Scenario> {
  const { scenario, problems } = await loadScenario(file, opts);
  if (problems.length) throw new ScenarioError(file, problems);
  return scenario;
}

/** Validate scenario text; `displayName` is what problems print as the file, `abs` its absolute path. */
export function validateScenarioText(_text: string, _displayName: string, _abs: string, _opts: LoadScenarioOptions = {}): { scenario: Scenario; problems: ScenarioProblem[] } {
  throw new Error('not implemented yet');
}
