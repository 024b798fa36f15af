import type { Command } from 'commander';
import { deploymentInputFromScenario, deploymentPlan, type DeploymentPlan } from '../../engine/analysis/deployment/index.js';
import { routeInfo } from '../../engine/analysis/route-info.js';
import { writeFileAtomic } from '../../engine/atomic-write.js';
import { InputError } from '../../engine/errors.js';
import { OSM_ATTRIBUTION } from '../../engine/graph/attribution.js';
import { suggest } from '../../engine/import/gazetteer.js';
import type { RunPlan } from '../../engine/model/run-plan.js';
import { quoteInput } from '../../engine/quote.js';
import { planFromScenario } from '../../engine/scenario/scenario-adapter.js';
import { parseQuantity } from '../../engine/scenario/units.js';
import { PreparedRun } from '../../engine/sim/prepared-run.js';
import { deployGeoJSON, deployJson, deploySummary, postsCsv, type DeployContext } from '../deploy-output.js';
import { checkOutputPaths, type OutputPath } from '../output-paths.js';
import { runAction } from '../report-error.js';
import { loadRunInputs, scenarioInputs } from '../scenario-inputs.js';

interface DeployOptions {
  option?: string[];
  separation?: string;
  json?: boolean;
  csv?: string;
  geojson?: string;
}

/** `--option MOVEMENT=OPTION` (repeatable): the option each named movement drives on the day, as option indices (undefined: the default choice). */
export function parseOptionChoices(values: readonly string[], plan: RunPlan): (number | undefined)[] {
  const chosen: (number | undefined)[] = plan.movements.map(() => undefined);
  for (const v of values) {
    const m = /^([^=]+)=(.+)$/.exec(v);
    if (!m) throw new InputError(`--option ${quoteInput(v)} is not MOVEMENT=OPTION (e.g. --option a1=safer)`);
    const mi = plan.movements.findIndex((x) => x.id === m[1]);
    if (mi < 0) {
      const ids = plan.movements.map((x) => x.id);
      const hint = suggest(m[1]!, ids);
      throw new InputError(`--option ${quoteInput(v)}: no movement ${quoteInput(m[1]!)}${hint ? ` (did you mean '${hint}'?)` : ''}; movements: ${ids.join(', ')}`);
    }
    const opts = plan.movements[mi]!.options.map((o) => o.id);
    const oi = opts.indexOf(m[2]!);
    if (oi < 0) {
      const hint = suggest(m[2]!, opts);
      throw new InputError(`--option ${quoteInput(v)}: movement ${m[1]} has no option ${quoteInput(m[2]!)}${hint ? ` (did you mean '${hint}'?)` : ''}; options: ${opts.join(', ')}`);
    }
    chosen[mi] = oi;
  }
  return chosen;
}

/** `--separation DURATION` (e.g. `10 min`): seconds, overriding the scenario's deployment.separation. */
export function parseSeparation(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const p = parseQuantity('duration', value);
  if (!p.ok) throw new InputError(`--separation: ${p.message}`);
  return p.value;
}

export function registerDeploy(program: Command): void {
  program
    .command('deploy')
    .description('closure and manpower plan per movement option (junction posts, windows, officers, disruption) and the conflicts between movements, with departure shifts that remove them')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--option <movement=option>', "the option a movement drives on the day (repeatable; default: the scenario's deployment.drive, else its first primary option)", (v: string, acc: string[] = []) => [...acc, v])
    .option('--separation <duration>', "minimum time between two movements at one place, e.g. '10 min' (default: the scenario's deployment.separation, 5 min)")
    .option('--json', 'print the whole plan as JSON')
    .option('--csv <file>', 'write one row per junction post of the driven options (duty roster)')
    .option('--geojson <file>', 'write the driven routes, their posts and the conflicts as a GeoJSON FeatureCollection')
    .action(
      runAction(async (file: string, opts: DeployOptions) => {
        const outputs: OutputPath[] = [];
        if (opts.csv !== undefined) outputs.push({ flag: '--csv', path: opts.csv, kind: 'file' });
        if (opts.geojson !== undefined) outputs.push({ flag: '--geojson', path: opts.geojson, kind: 'file' });
        checkOutputPaths(outputs, [{ what: 'the scenario', path: file }]);
        const separationS = parseSeparation(opts.separation);
        const { graph, scenario } = await loadRunInputs(file);
        checkOutputPaths(outputs, scenarioInputs(file, scenario));
        const plan = planFromScenario(scenario, graph);
        const chosen = parseOptionChoices(opts.option ?? [], plan);
        const ctx = new PreparedRun(graph, plan);
        const input = deploymentInputFromScenario(scenario, plan);
        const rules = separationS === undefined ? input.rules : { ...input.rules, separationS };
        const result: DeploymentPlan = deploymentPlan(ctx, { ...input, rules, chosen: chosen.map((c, mi) => c ?? input.chosen?.[mi]) });
        const cx: DeployContext = {
          scenario: { id: plan.id, name: plan.name },
          attribution: OSM_ATTRIBUTION,
          routes: result.movements.map((m, mi) => {
            const oi = plan.movements[mi]!.options.findIndex((o) => o.id === m.chosen);
            return ctx.movements[mi]!.tracks[oi] ? routeInfo(ctx, mi, oi).coordinates : null;
          }),
        };
        if (opts.csv) writeFileAtomic(opts.csv, postsCsv(result, cx));
        if (opts.geojson) writeFileAtomic(opts.geojson, JSON.stringify(deployGeoJSON(result, cx)) + '\n');
        process.stdout.write((opts.json ? JSON.stringify(deployJson(result, cx), null, 2) : deploySummary(result, cx)) + '\n');
      }),
    );
}
