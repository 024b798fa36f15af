import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraph } from '../../engine/import/load-graph.js';
import { cacheDir, PACKAGE_ROOT, phnomPenhDataDir } from '../../engine/paths.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { loadScenarioOrThrow } from '../../engine/scenario/index.js';

/**
 * The package as a user gets it: `npm pack` (of the dist/ that `npm test` builds), unpacked into a
 * temporary project's node_modules/motorcade, its dependencies taken from this repository's node_modules
 * (no network), then a script that imports 'motorcade' only runs a scenario end to end: load the graph,
 * validate the scenario, build the plan, run it in-process and on a worker (the worker module must load
 * from the installed package), and route.
 */
const SCENARIO = path.join(PACKAGE_ROOT, 'scenarios', 'asean-2022-arrivals.yaml');
const SAMPLES = 6;
let dir: string;
let out: { inProcess: string; pooled: string; poolUsed: boolean; problems: string[]; badProblem: string; routeM: number; planRouteM: number; deepImport: string; stageEntry: boolean };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: PACKAGE_ROOT, encoding: 'utf8' })) as { filename: string }[];
  const app = path.join(dir, 'app');
  const pkgDir = path.join(app, 'node_modules', 'motorcade');
  fs.mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(dir, packed[0]!.filename), '-C', pkgDir, '--strip-components=1']);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const deps = Object.keys((JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  for (const dep of deps) {
    const link = path.join(app, 'node_modules', dep);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(PACKAGE_ROOT, 'node_modules', dep), link, 'dir');
  }
  fs.writeFileSync(path.join(app, 'bad.yaml'), 'name: broken\nmovements: {}\n');
  fs.writeFileSync(
    path.join(app, 'main.js'),
    `import fs from 'node:fs';
import { EdgeSnapper, loadGraph, loadScenario, loadScenarioOrThrow, planFromScenario, run, Router, ScenarioError } from 'motorcade';
import { validateScenarioText } from 'motorcade/scenario';
const { graph } = await loadGraph();
const scenario = await loadScenarioOrThrow(${JSON.stringify(SCENARIO)}, { graph });
const plan = planFromScenario(scenario, graph);
const here = await run(graph, plan, { samples: ${SAMPLES}, workers: 0 });
const pooled = await run(graph, plan, { samples: ${SAMPLES}, workers: 1, mainThreadHelps: false });
const { problems } = await loadScenario(${JSON.stringify(SCENARIO)}, { graph });
let badProblem = '';
try { await loadScenarioOrThrow('bad.yaml'); } catch (e) { badProblem = e instanceof ScenarioError ? 'ScenarioError: ' + e.message.split('\\n')[0] : String(e); }
const mv = plan.movements[0];
const snapper = EdgeSnapper.for(graph);
const route = new Router(graph).fastest(snapper.nearest(mv.from.lon, mv.from.lat), snapper.nearest(mv.to.lon, mv.to.lat));
let deepImport = '';
try { await import('motorcade/dist/engine/sim/prepared-run.js'); deepImport = 'allowed'; } catch (e) { deepImport = e.code; }
const stageEntry = typeof validateScenarioText === 'function';
fs.writeFileSync('out.json', JSON.stringify({ inProcess: JSON.stringify(here.result), pooled: JSON.stringify(pooled.result), poolUsed: pooled.outcome.poolUsed, problems: problems.map((p) => p.message), badProblem, routeM: route.found ? route.lengthM : 0, planRouteM: JSON.parse(JSON.stringify(here.result)).movements[0].options[0].route.lengthM, deepImport, stageEntry }));
`,
  );
  execFileSync(process.execPath, ['main.js'], { cwd: app, env: { ...process.env, MOTORCADE_DATA: phnomPenhDataDir(), MOTORCADE_CACHE: cacheDir() }, stdio: ['ignore', 'ignore', 'pipe'] });
  out = JSON.parse(fs.readFileSync(path.join(app, 'out.json'), 'utf8')) as typeof out;
}, 120_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the packed package, through its public entry only', () => {
  it('validates the scenario and runs it: the same RunResult as this repository, in-process and on a worker of the installed package', async () => {
    const { graph } = await loadGraph();
    const expected = JSON.stringify(runInProcess(graph, await loadScenarioOrThrow(SCENARIO, { graph }), { samples: SAMPLES }).result);
    expect(out.problems).toEqual([]);
    expect(out.inProcess).toBe(expected);
    expect(out.pooled).toBe(expected);
    expect(out.poolUsed).toBe(true);
  });

  it('reports a bad scenario as a ScenarioError, finds a route, and offers the stage entries but not the package internals', () => {
    expect(out.badProblem).toMatch(/^ScenarioError: /);
    // The first movement's fastest route at free flow: a real trip across town, of the order of the run's own route.
    expect(out.routeM).toBeGreaterThan(1000);
    expect(out.routeM).toBeGreaterThan(out.planRouteM * 0.5);
    expect(out.routeM).toBeLessThan(out.planRouteM * 2);
    expect(out.stageEntry).toBe(true);
    expect(out.deepImport).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});
