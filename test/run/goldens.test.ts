import path from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { expectGolden } from '../support/golden-file.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import type { RunResult } from '../../engine/model/run-result.js';
import { loadScenarioOrThrow } from '../../engine/scenario/index.js';

/**
 * Golden summaries of the bundled scenarios (few samples, to stay fast). A change in any number is a
 * change in behaviour: look at the diff, and regenerate on purpose with
 *   UPDATE_GOLDENS=1 npx vitest run test/run/goldens.test.ts
 */
const SCENARIOS = ['asean-2022-arrivals', 'summit-day', 'tabletop-bridge-closure', 'contingency-plans'];
const SAMPLES = 8;
const GOLDEN_DIR = path.join(import.meta.dirname, 'goldens');

function summarise(r: RunResult) {
  return {
    scenario: r.scenario.id,
    samples: r.samples,
    seed: r.seed,
    movements: r.movements.map((mv) => ({
      id: mv.id,
      recommended: mv.recommended,
      verdict: mv.verdict,
      options: mv.options.map((o) => ({
        id: o.id,
        found: o.found,
        lengthM: o.route.lengthM,
        edges: o.route.edges.length,
        timeP50S: o.timeS.p50,
        timeP95S: o.timeS.p95,
        timeQuartilesS: [o.timeS.p25, o.timeS.p75],
        timeHistogram: o.timeS.histogram.counts,
        exposureQuartiles: [o.exposure.total.p25, o.exposure.total.p75],
        exposureMean: o.exposure.total.mean,
        components: Object.fromEntries(Object.entries(o.exposure.components).map(([k, v]) => [k, v.mean])),
        policeP95S: o.response.find((x) => x.type === 'police')?.p95S ?? null,
        hospitalP95S: o.evacuation.find((x) => x.kind === 'hospital')?.p95S ?? null,
        chokepoints: o.chokepoints.map((c) => `${c.kind}@${c.index}`),
        arrivedShare: o.arrivedShare,
        reroutedShare: o.reroutedShare,
        events: o.playback.events.map((e) => e.kind),
      })),
    })),
  };
}

describe('golden summaries of the bundled scenarios', () => {
  let graph: RoadGraph;
  beforeAll(async () => {
    graph = (await loadGraph()).graph;
  });

  for (const name of SCENARIOS) {
    it(name, async () => {
      const file = path.join(import.meta.dirname, '..', '..', 'scenarios', `${name}.yaml`);
      const scenario = await loadScenarioOrThrow(file, { graph });
      const summary = summarise(runInProcess(graph, scenario, { samples: SAMPLES }).result);
      expectGolden(GOLDEN_DIR, name, summary);
    });
  }
});
