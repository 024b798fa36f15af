import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseRun, analyseRunUntil } from '../../engine/analysis/run-analysis.js';
import { PreparedRun } from '../../engine/sim/prepared-run.js';
import { basePlan, gridGraph, movement } from '../support/tiny-world.js';

// Three movements of two options on a tiny grid: six options to analyse.
const g = gridGraph(5, 5);
const plan = basePlan({
  samples: 4,
  movements: ['a', 'b', 'c'].map((id) => movement({ id, options: [{ id: 'fast', label: 'primary', kind: 'fastest' }, { id: 'safe', label: 'alternate', kind: 'safest' }] })),
});

describe('an interruptible analysis (Ctrl-C after the samples)', () => {
  it('without an abort it is analyseRun, option for option', async () => {
    const ctx = new PreparedRun(g, plan);
    const { analysis, complete } = await analyseRunUntil(ctx);
    expect(complete).toBe(true);
    expect(JSON.stringify(analysis)).toBe(JSON.stringify(analyseRun(ctx)));
  });

  it('aborted while the first option is analysed: that option is whole, the others keep their route only and the analysis says incomplete', async () => {
    const ctx = new PreparedRun(g, plan);
    const full = analyseRun(ctx);
    const ac = new AbortController();
    const pending = analyseRunUntil(ctx, ac.signal);
    ac.abort(); // the first option is analysed before the first yield; every later one sees the abort
    const { analysis, complete } = await pending;
    expect(complete).toBe(false);
    expect(JSON.stringify(analysis.options[0]![0])).toBe(JSON.stringify(full.options[0]![0]));
    const rest = analysis.options.flat().slice(1);
    expect(rest).toHaveLength(5);
    for (const [i, o] of rest.entries()) {
      const whole = full.options.flat()[i + 1]!;
      expect(o.found).toBe(whole.found);
      expect(o.route).toEqual(whole.route);
      expect([o.nominal, o.hotspots, o.chokepoints, o.robustness, o.playback.trajectory]).toEqual([null, [], [], [], []]);
    }
  });
});

// A child analyses the bundled summit day again and again (each option is a nominal run plus robustness
// searches on Phnom Penh), under the CLI's Ctrl-C guard; the test interrupts it twice.
const dist = (p: string): string => pathToFileURL(path.resolve('dist', p)).href;
const script = (heedFirst: boolean): string => `
import { interruptOnSigint } from '${dist('cli/interrupt.js')}';
import { loadRunInputs } from '${dist('cli/scenario-inputs.js')}';
import { planFromScenario } from '${dist('engine/scenario/index.js')}';
import { PreparedRun } from '${dist('engine/sim/prepared-run.js')}';
import { analyseRunUntil } from '${dist('engine/analysis/run-analysis.js')}';
const { graph, scenario } = await loadRunInputs('scenarios/summit-day.yaml');
const ctx = new PreparedRun(graph, planFromScenario(scenario, graph), { samples: 1 });
const guard = interruptOnSigint();
process.stdout.write('analysing\\n');
for (let round = 0; round < 200; round++) {
  // heedFirst false: an analysis that goes on after the first Ctrl-C (as a stage that cannot stop early would).
  const { complete } = await analyseRunUntil(ctx, ${heedFirst} ? guard.signal : undefined);
  if (!complete) { process.stdout.write('incomplete\\n'); process.exit(3); }
}
process.exit(0);
`;

function launch(heedFirst: boolean): { child: ReturnType<typeof spawn>; analysing: Promise<void>; exited: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script(heedFirst)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const analysing = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('analysing')) resolve();
    });
    child.on('exit', () => reject(new Error(`child exited before analysing: ${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, analysing, exited };
}

describe('Ctrl-C during the analysis of a run', () => {
  it('first SIGINT: the analysis stops at the next option and says it is incomplete', async () => {
    const run = launch(true);
    await run.analysing;
    run.child.kill('SIGINT');
    const { code, stdout, stderr } = await run.exited;
    expect(stderr).toMatch(/interrupted: finishing the running chunks/);
    expect(stdout).toContain('incomplete');
    expect(code).toBe(3);
  }, 60_000);

  it('a second SIGINT exits at once with code 130 while the analysis goes on', async () => {
    const run = launch(false);
    await run.analysing;
    run.child.kill('SIGINT');
    // two signals sent back to back may be merged into one
    await new Promise((r) => setTimeout(r, 50));
    run.child.kill('SIGINT');
    const { code, stderr } = await run.exited;
    expect(stderr).toMatch(/interrupted again, exiting now/);
    expect(code).toBe(130);
  }, 60_000);
});
