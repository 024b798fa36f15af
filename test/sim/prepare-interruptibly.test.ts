import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import type { RunPlan } from '../../engine/model/run-plan.js';
import { PACKAGE_ROOT } from '../../engine/paths.js';
import { loadScenarioOrThrow } from '../../engine/scenario/index.js';
import { planFromScenario } from '../../engine/scenario/scenario-adapter.js';
import { PreparationInterrupted, prepareInterruptibly } from '../../engine/sim/prepare-interruptibly.js';
import { PreparedRun, type PrepareStep } from '../../engine/sim/prepared-run.js';

// The bundled tabletop (a triggered inject) and summit day (safest options, checked by the guard): a run
// prepared step by step is the run prepared at once, and an abort stops it between steps.
let graph: RoadGraph;
const plans: Record<string, RunPlan> = {};

beforeAll(async () => {
  graph = (await loadGraph()).graph;
  for (const name of ['tabletop-bridge-closure', 'summit-day']) {
    const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', `${name}.yaml`), { graph });
    plans[name] = planFromScenario(scenario, graph);
  }
});

/** What preparation decides: the routes (after the safest guard), each option's track and the inject times. */
function fingerprint(ctx: PreparedRun): string {
  const tracks = ctx.movements.map((mv) => mv.tracks.map((t) => (t ? [t.n, t.edge[0], t.edge[t.n - 1]] : null)));
  return JSON.stringify({ routes: ctx.routes, tracks, injects: ctx.injects.map((i) => [i.nominalTimeS, i.dueS]) });
}

describe('prepareInterruptibly', () => {
  it.each(['tabletop-bridge-closure', 'summit-day'])('%s: the same run as new PreparedRun', async (name) => {
    const plan = plans[name]!;
    const atOnce = new PreparedRun(graph, plan, { samples: 2 });
    const stepped = await prepareInterruptibly(graph, plan, { samples: 2 });
    expect(fingerprint(stepped)).toBe(fingerprint(atOnce));
  });

  it('aborted while it runs: PreparationInterrupted naming the last step, never a half-prepared run', async () => {
    // The summit day's movements four times over: several slices of work.
    const base = plans['summit-day']!;
    const movements = Array.from({ length: 4 }, (_, copy) => base.movements.map((mv) => ({ ...mv, id: `${mv.id}_${copy}`, departureS: mv.departureS + copy * 3600 }))).flat();
    const ac = new AbortController();
    const seen: PrepareStep[] = [];
    const pending = prepareInterruptibly(graph, { ...base, movements }, {}, { signal: ac.signal, onProgress: (s) => (seen.push(s), ac.abort()) });
    const err = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    if (seen.length === 0) return; // the whole preparation fit in one slice on this machine: nothing to interrupt
    expect(err).toBeInstanceOf(PreparationInterrupted);
    const e = err as PreparationInterrupted;
    expect(e.exitCode).toBe(130);
    expect(e.step).toEqual(seen[0]);
    expect(e.message).toMatch(/^interrupted while preparing the run \((routes searched for \d+ of 32 movements|.*safest options checked for \d+ of 32)\); nothing was simulated/);
  });

  it('aborted before it starts: nothing is prepared', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(prepareInterruptibly(graph, plans['summit-day']!, {}, { signal: ac.signal })).rejects.toThrow(/interrupted while preparing the run \(before its first movement\)/);
  });
});
