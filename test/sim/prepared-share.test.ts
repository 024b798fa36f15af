import { beforeAll, describe, expect, it } from 'vitest';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { PreparedRun } from '../../engine/sim/prepared-run.js';
import type { RunPlan } from '../../engine/model/run-plan.js';
import { planFromScenario } from '../../engine/scenario/scenario-adapter.js';
import { loadScenarioOrThrow } from '../../engine/scenario/index.js';

// What the main thread hands to workers (PreparedRun.share()): a worker built from it must simulate exactly
// as one that searched everything itself, without repeating the searches it was given.
let graph: RoadGraph;
let plan: RunPlan;
beforeAll(async () => {
  graph = (await loadGraph()).graph;
  plan = planFromScenario(await loadScenarioOrThrow('scenarios/asean-2022-arrivals.yaml'), graph);
});

describe('PreparedRun.share / precomputed', () => {
  it('a run prepared from another one\'s routes and coverage tables simulates identically, without those searches', () => {
    const main = new PreparedRun(graph, plan, { samples: 4 });
    const alone = new PreparedRun(graph, plan, { samples: 4 });
    for (let s = 0; s < 4; s++) main.runSample(0, 0, s); // fills the tables movement 0 needs
    const share = structuredClone(main.share()); // as a worker receives it
    expect(share.coverage.length).toBeGreaterThan(0);
    const worker = new PreparedRun(graph, plan, { samples: 4, precomputed: share });
    expect(worker.routes).toEqual(alone.routes);
    for (let s = 0; s < 4; s++) expect(worker.runSample(0, 0, s)).toEqual(alone.runSample(0, 0, s));
    expect(worker.coverage.searches).toBe(0); // every table movement 0 needed came with the share
    plan.movements.forEach((mv, mi) => mv.options.forEach((_o, oi) => expect(worker.runSample(mi, oi, 3)).toEqual(alone.runSample(mi, oi, 3))));
  });

  it('refuses routes of another plan', () => {
    const main = new PreparedRun(graph, plan, { samples: 1 });
    const share = main.share();
    expect(() => new PreparedRun(graph, plan, { samples: 1, precomputed: { ...share, routes: share.routes.slice(1) } })).toThrow(/precomputed routes do not match the plan/);
  });
});
