import fs from 'node:fs';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../engine/atomic-write.js';
import { InputError } from '../../engine/errors.js';
import { loadGazetteer } from '../../engine/import/gazetteer.js';
import { candidateSites } from '../../engine/analysis/placement/candidate-sites.js';
import { placementDemand } from '../../engine/analysis/placement/demand.js';
import type { PlacementObjective } from '../../engine/analysis/placement/evaluator.js';
import { DEFAULT_SECURITY_TEAMS, placeResponders } from '../../engine/analysis/placement/placement.js';
import { EXHAUSTIVE_LIMIT } from '../../engine/analysis/placement/search.js';
import { scenarioWithPlacement } from '../../engine/analysis/placement/write-placement.js';
import { RESPONDER_TYPES, type ResponderType } from '../../engine/model/run-result.js';
import { planFromScenario } from '../../engine/scenario/index.js';
import { PreparedRun } from '../../engine/sim/prepared-run.js';
import { checkOutputPaths } from '../output-paths.js';
import { placementJson, placementText } from '../place-output.js';
import { runAction } from '../report-error.js';
import { loadRunInputs, scenarioInputs } from '../scenario-inputs.js';

interface PlaceOptions {
  output?: string;
  objective: string;
  types?: string;
  units?: string;
  candidate: string[];
  grid?: string;
  securityTeams?: string;
  exhaustive?: boolean;
  random?: string;
  json?: boolean;
}

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InputError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

function responderType(flag: string, value: string): ResponderType {
  if (!(RESPONDER_TYPES as readonly string[]).includes(value)) throw new InputError(`${flag}: unknown responder type '${value}'; types: ${RESPONDER_TYPES.join(', ')}`);
  return value as ResponderType;
}

function parseUnits(value: string): Partial<Record<ResponderType, number>> {
  const out: Partial<Record<ResponderType, number>> = {};
  for (const part of value.split(',')) {
    const m = /^\s*([a-z]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) throw new InputError(`--units expects TYPE=N[,TYPE=N…], e.g. police=6,qrf=2; got "${part}"`);
    out[responderType('--units', m[1]!)] = wholeNumber(`--units ${m[1]}`, m[2]!, 0, 50);
  }
  return out;
}

export function registerPlace(program: Command): void {
  program
    .command('place')
    .description('suggest responder posts that cover the routes best (greedy + swap over candidate sites), with team roles; writes the placed scenario')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('-o, --output <file>', 'write the scenario with the suggested placement (YAML that `motorcade run` reads)')
    .option('--objective <name>', 'within: maximise the share of route length within target; p95: minimise the worst route p95', 'within')
    .option('--types <list>', 'responder types to place, comma-separated (default: every type the scenario has)')
    .option('--units <list>', 'units per type, e.g. police=6,qrf=2 (default: the responders of each type; more adds new units)')
    .option('--candidate <site>', 'another candidate site: a place id, a gazetteer landmark id, or LON,LAT (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--grid <n>', 'also every junction nearest an N × N grid over the routes (N up to 12)')
    .option('--security-teams <n>', `security-detail teams to post at chokepoints (default ${DEFAULT_SECURITY_TEAMS})`)
    .option('--exhaustive', `also search every placement and print the gap (up to ${EXHAUSTIVE_LIMIT} placements per type)`)
    .option('--random <n>', 'also score N seeded random placements and print how many greedy + swap beats')
    .option('--json', 'print the placement as JSON')
    .action(
      runAction(async (file: string, opts: PlaceOptions) => {
        if (opts.objective !== 'within' && opts.objective !== 'p95') throw new InputError(`--objective must be within or p95, got "${opts.objective}"`);
        const objective: PlacementObjective = opts.objective;
        const types = opts.types === undefined ? undefined : [...new Set(opts.types.split(',').map((t) => responderType('--types', t.trim())))];
        const units = opts.units === undefined ? undefined : parseUnits(opts.units);
        const grid = opts.grid === undefined ? 0 : wholeNumber('--grid', opts.grid, 1, 12);
        const securityTeams = opts.securityTeams === undefined ? undefined : wholeNumber('--security-teams', opts.securityTeams, 0, 50);
        const random = opts.random === undefined ? undefined : wholeNumber('--random', opts.random, 1, 100_000);
        if (opts.output !== undefined) checkOutputPaths([{ flag: '-o', path: opts.output, kind: 'file' }], [{ what: 'the scenario', path: file }]);
        const { graph, scenario } = await loadRunInputs(file);
        if (opts.output !== undefined) checkOutputPaths([{ flag: '-o', path: opts.output, kind: 'file' }], scenarioInputs(file, scenario));
        if (units) {
          for (const t of Object.keys(units) as ResponderType[]) if (types && !types.includes(t)) throw new InputError(`--units ${t}: not among --types ${types.join(',')}`);
        }
        const wanted = types ?? [...new Set([...RESPONDER_TYPES.filter((t) => scenario.responders.some((r) => r.type === t)), ...(Object.keys(units ?? {}) as ResponderType[])])];
        if (wanted.length === 0) throw new InputError(`${file} has no responders; give --units TYPE=N to place new ones`);
        const ctx = new PreparedRun(graph, planFromScenario(scenario, graph));
        const demand = placementDemand(ctx);
        const sites = candidateSites(ctx, scenario, demand, { listed: opts.candidate, grid, gazetteer: opts.candidate.length ? loadGazetteer() : [] });
        const result = placeResponders(ctx, demand, sites, {
          objective,
          types: RESPONDER_TYPES.filter((t) => wanted.includes(t)),
          ...(units ? { units } : {}),
          ...(securityTeams !== undefined ? { securityTeams } : {}),
          ...(opts.exhaustive ? { exhaustive: true } : {}),
          ...(random ? { random } : {}),
        });
        if (opts.output !== undefined) {
          const moved = result.types.flatMap((p) => p.units.filter((u) => u.from !== u.to).map((u) => `${u.unit.id} → ${result.sites[u.to]!.id}`));
          const summary = `Responder placement by \`motorcade place\` (objective ${objective}): ${moved.length ? moved.join(', ') : 'no unit moved'}.`;
          writeFileAtomic(opts.output, scenarioWithPlacement(fs.readFileSync(file, 'utf8'), scenario, opts.output, result.sites, result.types, summary));
        }
        process.stdout.write((opts.json ? JSON.stringify(placementJson(file, result, opts.output), null, 2) : placementText(file, result, opts.output)) + '\n');
      }),
    );
}
