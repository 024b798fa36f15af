import { Option, type Command } from 'commander';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { formatProblem, loadScenario, type Scenario, type ScenarioProblem } from '../../engine/scenario/index.js';
import { runAction } from '../report-error.js';
import { graphKey, graphOptionsFor } from '../scenario-inputs.js';
import { DataFileError } from '../../engine/errors.js';
import { formatWarning, scenarioWarnings, type ScenarioWarning } from '../scenario-warnings.js';

interface ValidateFlags {
  graph: boolean;
  data?: string;
  /** The old spelling of --data (hidden). */
  dataDir?: string;
  json?: boolean;
  normalised?: boolean;
}

interface FileResult {
  file: string;
  ok: boolean;
  problems: ScenarioProblem[];
  /** Things that are valid but probably not meant (cli/scenario-warnings.ts); never make the file invalid. */
  warnings?: ScenarioWarning[];
  summary?: Record<string, number>;
  scenario?: Scenario;
}

/**
 * `motorcade validate FILE...`: check scenario files and report every problem of each as
 * `file:line:col  path.to.field  message`. Exit 0 when all are valid, 2 when any is not. Places are
 * also checked on the road graph the scenario names (snap distance, reachability) unless --no-graph.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check scenario files (YAML or JSON): every problem with file:line:col, field and message')
    .argument('<file...>', 'scenario files')
    .option('--no-graph', 'skip the checks on the road graph (places near a road, reachable)')
    .option('--data <dir>', 'Phnom Penh data folder (landmarks.json, roads); default ../shared/data/phnom-penh')
    .addOption(new Option('--data-dir <dir>', 'the old spelling of --data').hideHelp())
    .option('--json', 'print the results as JSON')
    .option('--normalised', 'print JSON including each valid scenario as the engine reads it (units converted, defaults filled)')
    .action(
      runAction(async (files: string[], flags: ValidateFlags) => {
        if (flags.data !== undefined) flags.dataDir = flags.data;
        const graphs = new Map<string, Promise<RoadGraph>>();
        const graphFor = (s: Scenario): Promise<RoadGraph> => {
          const key = graphKey(s.graph, flags.dataDir);
          let g = graphs.get(key);
          if (!g) {
            g = loadGraph(graphOptionsFor(s.graph, flags.dataDir)).then((r) => r.graph);
            graphs.set(key, g);
          }
          return g;
        };
        const results: FileResult[] = [];
        for (const file of files) {
          const base = flags.dataDir ? { dataDir: flags.dataDir } : {};
          let loaded: Awaited<ReturnType<typeof loadScenario>>;
          try {
            loaded = await loadScenario(file, base);
          } catch (err) {
            // An unreadable file is one more invalid input: report it and go on with the others.
            if (!(err instanceof DataFileError)) throw err;
            results.push({ file, ok: false, problems: [{ file, line: 0, col: 0, path: '(file)', message: err.message.replace(`${file}: `, '') }] });
            continue;
          }
          let { scenario, problems } = loaded;
          // Second pass on the graph, when the file named one that can be loaded.
          const graphBroken = problems.some((p) => p.path === 'graph' || p.path === '(syntax)' || p.path === '(root)');
          if (flags.graph && !graphBroken) {
            ({ scenario, problems } = await loadScenario(file, { ...base, graph: await graphFor(scenario) }));
          }
          const ok = problems.length === 0;
          // Warnings need the graph (landmark snaps) and the routes and nominal runs (zones): only for a valid scenario checked on its graph.
          const warnings = ok && flags.graph ? scenarioWarnings(await graphFor(scenario), scenario) : undefined;
          results.push({ file, ok, problems, ...(warnings ? { warnings } : {}), ...(ok ? { summary: summarise(scenario) } : {}), ...(ok && flags.normalised ? { scenario } : {}) });
        }
        if (flags.json || flags.normalised) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
        else {
          for (const r of results) {
            if (r.ok) {
              process.stdout.write(`ok  ${r.file}  ${Object.entries(r.summary!).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
              for (const w of r.warnings ?? []) process.stderr.write(formatWarning(r.file, w) + '\n');
            }
            else {
              for (const p of r.problems) process.stderr.write(formatProblem(p) + '\n');
              process.stderr.write(`${r.file}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}\n`);
            }
          }
        }
        if (results.some((r) => !r.ok)) process.exitCode = 2;
      }),
    );
}

function summarise(s: Scenario): Record<string, number> {
  return {
    movements: s.movements.length,
    options: s.movements.reduce((n, m) => n + m.options.length, 0),
    delegations: Object.keys(s.delegations).length,
    places: Object.keys(s.places).length,
    threats: s.threats.length,
    chokepoints: s.chokepoints.length,
    responders: s.responders.length,
    injects: s.injects.length,
  };
}
