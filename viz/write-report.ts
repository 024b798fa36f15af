import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../engine/atomic-write.js';
import { InputError, MotorcadeError } from '../engine/errors.js';
import type { RoadGraph } from '../engine/graph/road-graph.js';
import { phnomPenhDataDir } from '../engine/paths.js';
import type { RunResult } from '../engine/model/run-result.js';
import type { Scenario } from '../engine/scenario/index.js';
import { generateReportHtml } from './generate-report.js';
import { loadGazetteer, type Landmark } from '../engine/import/gazetteer.js';
import type { ExposureProfile } from './option-view.js';
import type { DeploymentPlan } from '../engine/analysis/deployment/index.js';

/**
 * The report pipeline behind `motorcade report`: scenario file → graph and scenario → Monte Carlo run →
 * HTML file (written atomically, so a failed run never leaves half a report). Loading and running are
 * passed in by the CLI, so that the report uses exactly what `motorcade run` uses.
 */
export interface WriteReportOptions {
  /** Output HTML file. */
  out: string;
  /** Samples per option (default: the scenario's monte_carlo.samples). */
  samples?: number;
  /** Seed (default: the scenario's monte_carlo.seed); any string, as `motorcade run --seed` takes. */
  seed?: string | number;
  /** Worker threads (default: the run's default, the available cores). */
  workers?: number;
  /** The Phnom Penh data folder, for the water layer and the landmarks (default: phnomPenhDataDir()). */
  dataDir?: string;
  /** Classification line printed on every page (default: DEFAULT_CLASSIFICATION). */
  classification?: string;
}

/** Longest classification line accepted: it has to fit the page margin on A4. */
export const MAX_CLASSIFICATION_CHARS = 120;

/** A classification line is one line of printable text that fits the page margin. */
export function checkClassification(value: string): string {
  const v = value.trim();
  if (v === '') throw new InputError('--classification: expected a value (e.g. "RESTRICTED — planning document")');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(v)) throw new InputError('--classification: control characters and line breaks are not allowed');
  if (v.length > MAX_CLASSIFICATION_CHARS) throw new InputError(`--classification: ${v.length} characters, at most ${MAX_CLASSIFICATION_CHARS} fit the page margin`);
  return v;
}

export interface WrittenReport {
  file: string;
  bytes: number;
  result: RunResult;
}

/** What runs the scenario (runMonteCarlo, adapted by the CLI). */
export type ScenarioRunner = (
  graph: RoadGraph,
  scenario: Scenario,
  opts: { samples: number; seed: string | number; workers?: number },
) => Promise<{ result: RunResult; partial: boolean; exposureProfile?: (movementIndex: number, optionIndex: number) => ExposureProfile | null; deployment?: DeploymentPlan }>;

/** Read water.geojson for the map; a missing file only means a map without rivers. */
export function readWater(dataDir: string): unknown {
  const file = path.join(dataDir, 'water.geojson');
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

/** Landmarks of the data folder for the map's labels; a missing gazetteer only means fewer labels. */
export function readLandmarks(dataDir: string): Landmark[] {
  if (!fs.existsSync(path.join(dataDir, 'landmarks.json'))) return [];
  return loadGazetteer(dataDir);
}

/** Loads the graph and the scenario validated against it (the CLI passes `motorcade run`'s loader). */
export type InputLoader = (scenarioFile: string) => Promise<{ graph: RoadGraph; scenario: Scenario }>;

export async function writeReport(scenarioFile: string, opts: WriteReportOptions, deps: { load: InputLoader; run: ScenarioRunner }): Promise<WrittenReport> {
  if (!fs.existsSync(scenarioFile)) throw new InputError(`scenario file not found: ${scenarioFile}`);
  const outDir = path.dirname(path.resolve(opts.out));
  if (!fs.existsSync(outDir)) throw new InputError(`-o ${opts.out}: folder ${outDir} does not exist`);
  if (opts.classification !== undefined) checkClassification(opts.classification);
  if (opts.samples !== undefined && !(Number.isInteger(opts.samples) && opts.samples > 0)) {
    throw new InputError(`--samples ${opts.samples}: expected a positive whole number`);
  }
  const { graph, scenario } = await deps.load(scenarioFile);
  const samples = opts.samples ?? scenario.monteCarlo.samples;
  const seed = opts.seed ?? scenario.monteCarlo.seed;
  const runOpts: { samples: number; seed: string | number; workers?: number } = { samples, seed };
  if (opts.workers !== undefined) runOpts.workers = opts.workers;
  const { result, partial, exposureProfile, deployment } = await deps.run(graph, scenario, runOpts);
  if (partial) throw new MotorcadeError('the run was interrupted; no report written (a report of a partial run would mislead a briefing)');
  const dataDir = phnomPenhDataDir(opts.dataDir);
  const input: Parameters<typeof generateReportHtml>[0] = { graph, scenario, result, water: readWater(dataDir), landmarks: readLandmarks(dataDir) };
  if (opts.classification !== undefined) input.classification = checkClassification(opts.classification);
  if (exposureProfile) input.exposureProfile = exposureProfile;
  if (deployment) input.deployment = deployment;
  const html = generateReportHtml(input);
  const file = path.resolve(opts.out);
  writeFileAtomic(file, html);
  return { file, bytes: Buffer.byteLength(html), result };
}
