import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cliBuilt, ROOT, STACK_LINE } from './cli-spawn.js';
import { largeDayYaml } from '../support/large-day.js';

/**
 * Ctrl-C while the main thread prepares a large day (every movement's route searches, then the safest
 * checks): it is heard at once, although no sample has run yet. The day is generated: 400 movements on
 * Phnom Penh with a fastest and a safest option each, several seconds of preparation; the signal goes
 * out when the child says it is preparing, so no timing is assumed.
 */
const MOVEMENTS = 400;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-prepare-sigint-'));
const day = largeDayYaml(MOVEMENTS);
const SCENARIO = path.join(dir, 'large-day.yaml');
fs.writeFileSync(SCENARIO, day);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Child {
  child: ReturnType<typeof spawn>;
  /** Resolves once stderr has matched `re`. */
  saw: (re: RegExp) => Promise<void>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function launch(args: string[]): Child {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOTORCADE_PROGRESS: 'lines' } });
  let stdout = '';
  let stderr = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of waiters.splice(0)) {
      if (w.re.test(stderr)) w.resolve();
      else waiters.push(w);
    }
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  const saw = (re: RegExp): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (re.test(stderr)) return resolve();
      waiters.push({ re, resolve });
      void exited.then((r) => reject(new Error(`the child ended (exit ${r.code}) before printing ${re}: ${r.stderr.slice(0, 2000)}`)));
    });
  return { child, saw, exited };
}

describe.skipIf(!cliBuilt)('Ctrl-C while a large day is being prepared', () => {
  it.concurrent('once: the preparation stops, one line says how far it got, nothing is written, exit 130', async () => {
    const csv = path.join(dir, 'csv');
    const geojson = path.join(dir, 'routes.geojson');
    const run = launch([CLI, 'run', SCENARIO, '--json', '--csv', csv, '--geojson', geojson]);
    await run.saw(/^preparing: routes searched for \d+ of 400 movements$/m);
    run.child.kill('SIGINT');
    const r = await run.exited;
    expect(r.stderr).toMatch(/motorcade: interrupted: stopping the preparation; nothing has been simulated, so nothing will be written/);
    expect(r.stderr).toMatch(/^motorcade: interrupted while preparing the run \(routes searched for \d+ of 400 movements\); nothing was simulated, so there is no result to write$/m);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir).sort()).toEqual(['large-day.yaml']);
  }, 60_000);

  // A preparation that does not heed the first Ctrl-C (as a stage that cannot stop early would): the
  // second one still exits at once, because the preparation yields to the event loop between movements.
  const script = `
import { interruptOnSigint } from '${pathToFileURL(path.join(ROOT, 'dist/cli/interrupt.js')).href}';
import { loadRunInputs } from '${pathToFileURL(path.join(ROOT, 'dist/cli/scenario-inputs.js')).href}';
import { planFromScenario } from '${pathToFileURL(path.join(ROOT, 'dist/engine/scenario/index.js')).href}';
import { prepareInterruptibly } from '${pathToFileURL(path.join(ROOT, 'dist/engine/sim/prepare-interruptibly.js')).href}';
const { graph, scenario } = await loadRunInputs(${JSON.stringify(SCENARIO)});
interruptOnSigint();
let said = false;
await prepareInterruptibly(graph, planFromScenario(scenario, graph), {}, { onProgress: () => said || (said = true, process.stderr.write('preparing\\n')) });
process.stderr.write('prepared\\n');
process.exit(0);
`;

  it.concurrent('twice: the second exits at once with 130 while the preparation goes on', async () => {
    const run = launch(['--input-type=module', '-e', script]);
    await run.saw(/^preparing$/m);
    run.child.kill('SIGINT');
    await run.saw(/motorcade: interrupted: /);
    run.child.kill('SIGINT');
    const r = await run.exited;
    expect(r.stderr).toMatch(/interrupted again, exiting now/);
    expect(r.stderr).not.toMatch(/prepared/);
    expect(r.code).toBe(130);
  }, 60_000);
});
