import os from 'node:os';
import path from 'node:path';
import { runMonteCarlo } from '../../engine/index.js';
import { describeStep, PreparationInterrupted } from '../../engine/sim/prepare-interruptibly.js';
import { formatProblem, validateScenarioText } from '../../engine/scenario/index.js';
import type { ServiceContext } from './context.js';
import { OsrmError } from './osrm-error.js';
import { runWarnings } from '../scenario-warnings.js';
import { runJson } from '../run-json.js';

export interface ScenarioQuery {
  samples?: number;
  seed?: string;
  id?: string;
}

export const SCENARIO_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    samples: { type: 'integer', minimum: 1, description: 'samples per movement × option (default: the scenario monte_carlo.samples)' },
    seed: { type: 'string', maxLength: 100 },
    id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'the scenario id reported in the result (run --json takes it from the file name); default scenario' },
  },
} as const;

/**
 * POST /scenario/run: a scenario document (YAML or JSON text) validated against the served graph and
 * run in-process; the reply is what `motorcade run --json` prints. File references in the document resolve
 * against a folder that does not exist, so a request cannot read the server's files.
 */
export async function scenarioService(ctx: ServiceContext, body: string, q: ScenarioQuery, signal: AbortSignal): Promise<unknown> {
  const id = q.id ?? 'scenario';
  const where = path.join(os.tmpdir(), 'motorcade-serve-request-no-files', `${id}.yaml`);
  const { scenario, problems } = validateScenarioText(body, id, where, { graph: ctx.graph });
  if (problems.length > 0) {
    throw new OsrmError('InvalidQuery', `the scenario has ${problems.length} problem(s): ${problems.slice(0, 5).map((p) => formatProblem(p)).join('; ')}`);
  }
  const samples = q.samples ?? scenario.monteCarlo.samples;
  if (samples > ctx.limits.maxScenarioSamples) throw new OsrmError('TooBig', `${samples} samples per movement × option: at most ${ctx.limits.maxScenarioSamples} (pass ?samples=N)`);
  let run: Awaited<ReturnType<typeof runMonteCarlo>>;
  try {
    run = await runMonteCarlo(ctx.graph, scenario, { samples, seed: q.seed, workers: 0, signal });
  } catch (err) {
    // Stopped while the run was prepared (nothing simulated). A client that went away never reads the reply.
    if (err instanceof PreparationInterrupted) throw new OsrmError('Timeout', `the run's preparation did not finish before the request deadline (${describeStep(err.step)})`);
    throw err;
  }
  if (run.partial) throw new OsrmError('Timeout', 'the run did not finish before the request deadline');
  return runJson(run.result, runWarnings(ctx.graph, scenario, run.ctx, (mi, oi) => run.analysis.options[mi]?.[oi]?.nominal?.record ?? null));
}
