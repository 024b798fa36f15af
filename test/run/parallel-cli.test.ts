import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `motorcade run` from the compiled dist/ (`npm test` builds first), on the bundled scenario.
// MOTORCADE_POOL_WHEN_WORK_MS=0: the workers are used even for the short runs of these tests.
const CLI = path.resolve('dist/cli/main.js');
const SCENARIO = 'scenarios/asean-2022-arrivals.yaml';

function cli(args: string[]): { child: ReturnType<typeof spawn>; started: Promise<void>; exited: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOTORCADE_PROGRESS: 'lines', MOTORCADE_POOL_WHEN_WORK_MS: '0' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const started = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/progress: [1-9]\d*\//.test(stderr)) resolve();
    });
    child.on('exit', () => reject(new Error(`motorcade run ended before any progress: ${stderr}`)));
  });
  started.catch(() => {}); // a run that is not awaited for its start (bad flags) must not leave a rejection behind
  const exited = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, started, exited };
}

describe('motorcade run --workers', () => {
  it('prints the same JSON in-process (--workers 0) and with --workers 2', async () => {
    const outs: string[] = [];
    for (const w of ['0', '2']) {
      const r = await cli([ 'run', SCENARIO, '--samples', '3', '--workers', w, '--json']).exited;
      expect(r.code, r.stderr).toBe(0);
      outs.push(r.stdout);
    }
    expect(outs[0]!.length).toBeGreaterThan(1000);
    expect(outs[1]).toBe(outs[0]);
  });

  it('rejects a bad --workers with exit code 2 and names the flag', async () => {
    const r = await cli(['run', SCENARIO, '--workers', 'many']).exited;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workers must be a whole number .* got "many"/);
  });

  it('Ctrl-C once: stops, writes the GeoJSON completely and the JSON marked partial, exit 130', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-run-sigint-'));
    const geojson = path.join(dir, 'routes.geojson');
    const run = cli(['run', SCENARIO, '--samples', '100000', '--workers', '2', '--json', '--geojson', geojson]);
    await run.started;
    run.child.kill('SIGINT');
    const r = await run.exited;
    expect(r.stderr).toMatch(/interrupted: finishing the running chunks/);
    expect(r.code).toBe(130);
    const result = JSON.parse(r.stdout) as { partial: boolean; samples: number; movements: { options: { samplesDone: number }[] }[] };
    expect(result.partial).toBe(true);
    const done = result.movements.flatMap((m) => m.options.map((o) => o.samplesDone));
    expect(done.some((n) => n > 0)).toBe(true);
    expect(done.every((n) => n < 100000)).toBe(true);
    expect(() => JSON.parse(fs.readFileSync(geojson, 'utf8')) as unknown).not.toThrow();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('Ctrl-C twice: exits at once with 130 and prints no result', async () => {
    const run = cli(['run', SCENARIO, '--samples', '100000', '--workers', '2', '--json']);
    await run.started;
    run.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100)); // two signals sent back to back may be merged into one
    run.child.kill('SIGINT');
    const r = await run.exited;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted again, exiting now/);
    expect(r.stdout).toBe('');
  });
});
