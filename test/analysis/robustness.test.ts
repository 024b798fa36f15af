import { beforeAll, describe, expect, it } from 'vitest';
import { closureUnit } from '../../engine/analysis/crossings.js';
import { worstClosure } from '../../engine/analysis/robustness.js';
import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { EdgeFlag, roadClassCode } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { cli, cliBuilt } from '../cli/cli-spawn.js';
import { basePlan, latAt, lonAt, movement, place } from '../support/tiny-world.js';

/**
 * A river crossed by a twin-span bridge (two two-way spans 25 m apart, tied together at both ends) and,
 * 2 km north, a long way round. All roads 36 km/h (10 m/s), lengths exact, so every cost is hand-checkable:
 *   A(0,0) ─200─ W1 ═400 span 1═ E1 ─200─ B(800,0)        W1–W2 and E1–E2: 25 m links
 *                W2 ═400 span 2═ E2                        A─N0 2000, N0─N1 800, N1─B 2000
 */
function twinSpanGraph(): RoadGraph {
  return roads([[0, 0], [200, 0], [600, 0], [800, 0], [200, 25], [600, 25], [0, 2000], [800, 2000]], [...TWIN_SPAN, [0, 6, 2000], [6, 7, 800], [7, 3, 2000]]);
}

/** The twin-span crossing alone: A ─ W1 ═ span 1 ═ E1 ─ B, W2 ═ span 2 ═ E2, tied at both ends. */
const TWIN_SPAN: [number, number, number, number?][] = [[0, 1, 200], [1, 2, 400, EdgeFlag.BRIDGE], [2, 3, 200], [1, 4, 25], [4, 5, 400, EdgeFlag.BRIDGE], [5, 2, 25]];

/** A graph of two-way 36 km/h roads: nodes at (x, y) metres, roads [from, to, length m, flags]. */
function roads(at: readonly (readonly [number, number])[], list: readonly (readonly [number, number, number, number?])[]): RoadGraph {
  const b = new GraphBuilder();
  for (const [x, y] of at) b.addNode(lonAt(x), latAt(y));
  const cls = roadClassCode('minor')!;
  for (const [from, to, lengthM, flags] of list) b.addSegment({ from, to, lengthM, speedKmh: 36, roadClass: cls, flags: flags ?? 0 });
  return b.build({ source: { kind: 'test-roads' }, report: {}, builtAt: 'test' });
}

const edgeOf = (g: RoadGraph, t: number, h: number) => {
  for (let e = g.firstOut[t]!; e < g.firstOut[t + 1]!; e++) if (g.head[e] === h) return e;
  throw new Error(`no edge ${t}→${h}`);
};

describe('robustness closes crossings, not single edges (tiny twin-span graph)', () => {
  const g = twinSpanGraph();
  const plan = basePlan({ movements: [movement({ from: place('a', 0, 0), to: place('b', 800, 0) })] });

  it('finds the other span of the bridge from the geometry', () => {
    const span1 = edgeOf(g, 1, 2);
    const unit = closureUnit(g, [span1]);
    expect(unit.kind).toBe('crossing');
    expect(unit.spans).toBe(2);
    expect(unit.closed).toEqual([span1, g.twin[span1]!, edgeOf(g, 4, 5), edgeOf(g, 5, 4)].sort((x, y) => x - y));
  });

  it('closing one span costs the 50 m of links (5 s); closing the crossing costs the 2 km detour (+440 s)', () => {
    const { result, ctx } = runInProcess(g, plan);
    const fast = result.movements[0]!.options[0]!;
    expect(fast.timeS.p50).toBeCloseTo(80, 6);
    const node = 1; // W1, where the motorcade meets the bridge
    const open = ctx.routing.fastest({ node }, ctx.endpoints[0]!.to!, -1);
    const oneSpan = ctx.routing.fastest({ node }, ctx.endpoints[0]!.to!, -1, [edgeOf(g, 1, 2), edgeOf(g, 2, 1)]);
    expect(open.found && oneSpan.found && oneSpan.timeS - open.timeS).toBeCloseTo(5, 6);

    const bridge = fast.robustness.find((c) => c.reason.includes('bridge'))!;
    expect(bridge.outcome).toBe('detour');
    expect(bridge.spans).toBe(2);
    expect(bridge.reason).toMatch(/^both spans of the crossing/);
    // W1 → A → N0 → N1 → B = 5000 m = 500 s, against 60 s over the bridge.
    expect(bridge.extraTimeS).toBeCloseTo(440, 6);
    expect(worstClosure(fast.robustness)).toBe(bridge);
  });

  it('"no detour" is a result: without the way round, closing the crossing means cannot arrive', () => {
    const island = roads([[0, 0], [200, 0], [600, 0], [800, 0], [200, 25], [600, 25]], TWIN_SPAN);
    const fast = runInProcess(island, plan).result.movements[0]!.options[0]!;
    const bridge = fast.robustness.find((c) => c.reason.includes('bridge'))!;
    expect(bridge).toMatchObject({ outcome: 'cannot_arrive', extraTimeS: null, spans: 2, worst: true });
  });

  it('tries two closures together and reports the pair when it costs more than either alone', () => {
    // Two rivers in a row, each with one bridge and its own way round: closing both pays both detours.
    const rivers = roads(
      [[0, 0], [200, 0], [400, 0], [600, 0], [800, 0], [200, 300], [400, 300], [600, 300], [800, 300]],
      [[0, 1, 200], [1, 2, 200, EdgeFlag.BRIDGE], [2, 3, 200], [3, 4, 200, EdgeFlag.BRIDGE], [1, 5, 300], [5, 6, 200], [6, 2, 300], [3, 7, 300], [7, 8, 200], [8, 4, 300]],
    );
    const fast = runInProcess(rivers, plan).result.movements[0]!.options[0]!;
    const singles = fast.robustness.filter((c) => c.crossings === 1 && c.reason.includes('bridge'));
    expect(singles.map((c) => c.extraTimeS)).toEqual([60, 60]);
    const worst = worstClosure(fast.robustness)!;
    expect(worst.crossings).toBe(2);
    expect(worst.extraTimeS).toBeCloseTo(120, 6);
  });
});

describe('Chroy Changvar: both spans closed as one crossing (Phnom Penh)', () => {
  let graph: RoadGraph;
  beforeAll(async () => {
    graph = (await loadGraph()).graph;
  });

  it('costs about +31 min on free-flow roads, as `motorcade route` with both spans closed says', () => {
    // Rosewood hotel → Sokha (summit venue), no traffic bands: the same free-flow speeds as `motorcade route`.
    const rosewood = { id: 'rosewood', label: 'Rosewood', lon: 104.91889, lat: 11.57342, kind: 'hotel' };
    const sokha = { id: 'sokha', label: 'Sokha', lon: 104.936, lat: 11.571, kind: 'venue' };
    const plan = basePlan({ movements: [movement({ from: rosewood, to: sokha })] });
    const fast = runInProcess(graph, plan, { samples: 1 }).result.movements[0]!.options[0]!;
    const bridge = fast.robustness.find((c) => c.outcome === 'detour' && c.reason.startsWith('both spans of the crossing'))!;
    expect(bridge).toBeDefined();
    expect(bridge.spans).toBe(2);
    const spans = bridge.closedEdges.filter((e) => graph.hasFlag(e, EdgeFlag.BRIDGE));
    expect(spans).toHaveLength(4); // two spans, both directions
    expect(bridge.extraTimeS! / 60).toBeGreaterThan(29);
    expect(bridge.extraTimeS! / 60).toBeLessThan(33);

    if (!cliBuilt) throw new Error('dist/ is not built: run npx tsc -p tsconfig.json');
    const minutes = (args: string[]) => {
      const r = cli(['route', '--from', 'rosewood', '--to', 'sokha_hotel', '--json', ...args]);
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(r.out) as { routes: { time_s: number }[] }).routes[0]!.time_s / 60;
    };
    const forward = spans.filter((e) => graph.twin[e]! > e || graph.twin[e]! < 0);
    const open = minutes([]);
    const both = minutes(forward.flatMap((e) => ['--close-edge', String(e)]));
    const one = minutes(['--close-edge', String(forward[0]!)]);
    expect(one - open).toBeLessThan(0.5); // one span closed: the other span carries the convoy
    expect(both - open).toBeGreaterThan(29);
    // The route CLI measures from the hotel, robustness from the bridge's west end: the two detours leave
    // the city by different approaches (80 km/h outside the built-up area), so they agree to within 1.5 min.
    expect(Math.abs(both - open - bridge.extraTimeS! / 60)).toBeLessThan(1.5);
  });
});
