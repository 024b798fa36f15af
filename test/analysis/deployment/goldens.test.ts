import path from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { expectGolden } from '../../support/golden-file.js';
import { deploymentInputFromScenario, deploymentPlan, type DeploymentPlan } from '../../../engine/analysis/deployment/index.js';
import type { RoadGraph } from '../../../engine/graph/road-graph.js';
import { loadGraph } from '../../../engine/import/load-graph.js';
import { loadScenarioOrThrow } from '../../../engine/scenario/index.js';
import { planFromScenario } from '../../../engine/scenario/scenario-adapter.js';
import { PreparedRun } from '../../../engine/sim/prepared-run.js';

/**
 * Golden deployment plans of the bundled scenarios (what `motorcade deploy` computes: nominal runs only,
 * no sampling). A change in any number is a change in behaviour: look at the diff, and regenerate on
 * purpose with
 *   UPDATE_GOLDENS=1 npx vitest run test/analysis/deployment/goldens.test.ts
 */
const SCENARIOS = ['asean-2022-arrivals', 'summit-day', 'tabletop-bridge-closure', 'contingency-plans'];
const GOLDEN_DIR = path.join(import.meta.dirname, 'goldens');

function summarise(plan: DeploymentPlan) {
  const d = plan.day;
  return {
    movements: plan.movements.map((m) => ({
      id: m.movement,
      chosen: m.chosen,
      options: m.options.map((o) => ({
        id: o.option,
        control: o.control,
        status: o.status,
        arrived: o.arrived,
        posts: o.posts.length,
        officersTotal: o.officersTotal,
        officersPeak: o.officersPeak,
        outriders: o.outriders,
        disruption: o.disruption,
        firstPost: o.posts[0] ? { node: o.posts[0].node, officers: o.posts[0].officers, closeS: o.posts[0].closeS, openS: o.posts[0].openS } : null,
        lastPost: o.posts.at(-1) ? { node: o.posts.at(-1)!.node, officers: o.posts.at(-1)!.officers, closeS: o.posts.at(-1)!.closeS, openS: o.posts.at(-1)!.openS } : null,
      })),
    })),
    day: {
      officersTotal: d.officersTotal,
      officersPeak: d.officersPeak,
      outridersTotal: d.outridersTotal,
      outridersPeak: d.outridersPeak,
      roadMinutes: d.roadMinutes,
      junctions: d.junctions,
      majorJunctions: d.majorJunctions,
      shared: d.shared.map((s) => `${s.movementA}+${s.movementB} ${s.kind} ${s.lengthM} m gap ${s.gapS} s`),
      places: d.places.map((p) => `${p.kind} ${p.lengthM} m: ${p.uses.map((u) => `${u.movement}${u.conflictsWith.length ? ` (conflicts with ${u.conflictsWith.join(' ')})` : ''}`).join(', ')}`),
      conflicts: d.conflicts.map((c) => ({ between: [c.movementA, c.movementB], kind: c.kind, reason: c.reason, shift: c.shift })),
      pairs: d.pairs,
    },
  };
}

describe('golden deployment plans of the bundled scenarios', () => {
  let graph: RoadGraph;
  beforeAll(async () => {
    graph = (await loadGraph()).graph;
  });

  for (const name of SCENARIOS) {
    it(name, async () => {
      const file = path.join(import.meta.dirname, '..', '..', '..', 'scenarios', `${name}.yaml`);
      const scenario = await loadScenarioOrThrow(file, { graph });
      const plan = planFromScenario(scenario, graph);
      const summary = summarise(deploymentPlan(new PreparedRun(graph, plan), deploymentInputFromScenario(scenario, plan)));
      expectGolden(GOLDEN_DIR, name, summary);
    });
  }
});
