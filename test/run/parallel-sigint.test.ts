import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// A child process runs a slow synthetic job on 2 workers from the compiled dist/ (built by `npm test`),
// with the same Ctrl-C guard and atomic write that `motorcade run` uses; the test sends it SIGINT.
const dist = (p: string): string => pathToFileURL(path.resolve('dist', p)).href;
const script = (out: string): string => `
import { interruptOnSigint } from '${dist('cli/interrupt.js')}';
import { runWorkload } from '${dist('engine/run/pool/run-workload.js')}';
import { syntheticGrid } from '${dist('test/support/synthetic-grid.js')}';
import { SyntheticAggregate } from '${dist('test/support/synthetic-workload.js')}';
import { writeFileAtomic } from '${dist('engine/atomic-write.js')}';
const guard = interruptOnSigint();
const agg = new SyntheticAggregate();
let said = false;
const outcome = await runWorkload({
  graph: syntheticGrid(10, 10), workloadModule: 'test/support/synthetic-workload', payload: { seed: 's', searchesPerSample: 1, spinMsPerSample: 20 },
  streams: [{ movementIndex: 0, optionIndex: 0 }], samples: 5000, workers: 2, chunkSize: 25, signal: guard.signal,
  sink: (c, s) => agg.add(c, s),
  onProgress: (p) => { if (!said && p.samplesDone >= 10) { said = true; process.stdout.write('started\\n'); } },
});
guard.dispose();
writeFileAtomic(${JSON.stringify(out)}, JSON.stringify({ partial: outcome.partial, samplesDone: outcome.samplesDone, result: agg.result() }));
process.exit(outcome.partial ? 3 : 0);
`;

function launch(out: string): { child: ReturnType<typeof spawn>; started: Promise<void>; exited: Promise<{ code: number | null; ms: number; stderr: string }> } {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script(out)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('started') && resolve());
    child.on('exit', () => reject(new Error(`child exited before starting: ${stderr}`)));
  });
  let t = 0;
  const exited = new Promise<{ code: number | null; ms: number; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, ms: performance.now() - t, stderr })));
  return { child, started: started.then(() => void (t = performance.now())), exited };
}

describe('Ctrl-C during a pooled run', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-sigint-'));

  it('first SIGINT: running chunks finish, the samples done are written completely, marked partial', async () => {
    const out = path.join(dir, 'once.json');
    const run = launch(out);
    await run.started;
    run.child.kill('SIGINT');
    const { code, stderr } = await run.exited;
    expect(stderr).toMatch(/interrupted: finishing the running chunks/);
    expect(code).toBe(3);
    const written = JSON.parse(fs.readFileSync(out, 'utf8')) as { partial: boolean; samplesDone: number; result: Record<string, { samples: number }> };
    expect(written.partial).toBe(true);
    expect(written.samplesDone).toBeGreaterThanOrEqual(25);
    expect(written.samplesDone).toBeLessThan(5000);
    expect(written.result['0/0']!.samples).toBe(written.samplesDone);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('second SIGINT exits at once with code 130 and writes nothing', async () => {
    const out = path.join(dir, 'twice.json');
    const run = launch(out);
    await run.started;
    run.child.kill('SIGINT');
    // two signals sent back to back may be merged into one; chunks take ~500 ms, so the run is still going
    await new Promise((r) => setTimeout(r, 100));
    run.child.kill('SIGINT');
    const { code, stderr } = await run.exited;
    expect(stderr).toMatch(/interrupted again, exiting now/);
    expect(code).toBe(130);
    expect(fs.existsSync(out)).toBe(false);
  });
});
