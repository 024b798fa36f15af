import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { compileOverlay, Router, type CompiledOverlay, type RouteEndpoint } from '../../engine/route/index.js';
import { randomGraph } from './random-graph.js';
import { randomEndpoint, referenceCost, relClose } from './helpers.js';

interface Counts {
  pairs: number;
  unreachable: number;
  midEdge: number;
}

/**
 * Every entry of a table against the reference Dijkstra (cost) and the reference route's time and length
 * (Dijkstra's route, whose cost the reference confirms): random graphs, half the endpoints mid-edge, some
 * endpoints repeated and some sharing an edge, closures that cut pairs off.
 */
function check(seed: string, opts: { planar: boolean; overlay: boolean; algorithm: 'ch' | 'cch'; dropShare?: number }): Counts {
  const graph = randomGraph({ cols: 22, rows: 18, seed, planar: opts.planar, dropShare: opts.dropShare ?? 0.3 });
  const router = new Router(graph);
  const rng = seedrandom(seed + '/table');
  let overlay: CompiledOverlay | undefined;
  if (opts.overlay) {
    const closed: number[] = [];
    for (let i = 0; i < graph.edgeCount / 20; i++) closed.push(Math.floor(rng() * graph.edgeCount));
    const c = Math.floor(rng() * graph.nodeCount);
    overlay = compileOverlay(graph, {
      closedEdges: closed,
      penalties: [{ area: { type: 'circle', lon: graph.lon(c), lat: graph.lat(c), radiusM: opts.planar ? 900 : 600 }, factor: 3 }],
      speedFactorByClass: { primary: 0.5, residential: 1.2, major: 0.7 },
    });
  }
  const w = overlay?.costS ?? graph.timeS;
  const sources: RouteEndpoint[] = [];
  const targets: RouteEndpoint[] = [];
  for (let i = 0; i < 24; i++) sources.push(randomEndpoint(graph, rng));
  for (let i = 0; i < 31; i++) targets.push(randomEndpoint(graph, rng));
  // Repeats and same-road pairs (the drive along one edge, both orders).
  targets.push(sources[0]!, sources[3]!);
  const e = Math.floor(rng() * graph.edgeCount);
  sources.push({ edge: e, fraction: 0.2 });
  targets.push({ edge: e, fraction: 0.7 }, { edge: e, fraction: 0.1 });
  const table = router.table(sources, targets, overlay ? { overlay, algorithm: opts.algorithm } : { algorithm: opts.algorithm });
  expect(table.sourceCount).toBe(sources.length);
  expect(table.targetCount).toBe(targets.length);
  const counts: Counts = { pairs: 0, unreachable: 0, midEdge: 0 };
  sources.forEach((from, i) => {
    targets.forEach((to, j) => {
      const k = i * targets.length + j;
      const ctx = `seed ${seed} ${opts.algorithm} [${i}][${j}] from ${JSON.stringify(from)} to ${JSON.stringify(to)}`;
      const ref = referenceCost(graph, w, from, to);
      counts.pairs++;
      if (!('node' in from) || !('node' in to)) counts.midEdge++;
      if (ref === Infinity) {
        counts.unreachable++;
        expect([table.costsS[k], table.durationsS[k], table.distancesM[k]], ctx).toEqual([Infinity, Infinity, Infinity]);
        return;
      }
      if (!relClose(table.costsS[k]!, ref)) throw new Error(`${ctx}: cost ${table.costsS[k]} ≠ reference ${ref}`);
      const r = router.fastest(from, to, overlay ? { overlay, algorithm: 'dijkstra' } : { algorithm: 'dijkstra' });
      if (!r.found) throw new Error(`${ctx}: Dijkstra found no route`);
      if (!relClose(table.durationsS[k]!, r.timeS, 1e-9)) throw new Error(`${ctx}: duration ${table.durationsS[k]} ≠ route ${r.timeS}`);
      if (!relClose(table.distancesM[k]!, r.lengthM, 1e-9)) throw new Error(`${ctx}: distance ${table.distancesM[k]} ≠ route ${r.lengthM}`);
    });
  });
  return counts;
}

describe('Router.table (many-to-many) against the reference Dijkstra', () => {
  for (const algorithm of ['ch', 'cch'] as const) {
    it(`${algorithm}: lon/lat graph, no overlay`, () => {
      const c = check('table-1', { planar: false, overlay: false, algorithm });
      expect(c.midEdge).toBeGreaterThan(c.pairs / 2);
      expect(c.unreachable).toBeGreaterThan(0);
    });
    it(`${algorithm}: lon/lat graph with closures, a penalty circle and speed factors`, () => {
      const c = check('table-2', { planar: false, overlay: true, algorithm });
      expect(c.unreachable).toBeGreaterThan(0);
    });
    it(`${algorithm}: planar graphs, with and without an overlay, over several seeds`, () => {
      let unreachable = 0;
      for (const seed of ['table-3', 'table-4', 'table-5']) {
        unreachable += check(seed, { planar: true, overlay: false, algorithm }).unreachable;
        unreachable += check(seed, { planar: true, overlay: true, algorithm, dropShare: 0.15 }).unreachable;
      }
      expect(unreachable).toBeGreaterThan(0);
    });
  }

  it('a hand-checkable line: a → b → c with one road closed', () => {
    const graph = randomGraph({ cols: 3, rows: 1, seed: 'line', dropShare: 0, onewayShare: 0 });
    const router = new Router(graph);
    const t = router.table([{ node: 0 }, { node: 2 }], [{ node: 0 }, { node: 1 }, { node: 2 }]);
    const e01 = edgeBetween(graph, 0, 1);
    const e12 = edgeBetween(graph, 1, 2);
    expect(t.durationsS[0]).toBe(0);
    expect(t.distancesM[0]).toBe(0);
    expect(relClose(t.durationsS[2]!, graph.timeS[e01]! + graph.timeS[e12]!)).toBe(true);
    expect(relClose(t.distancesM[2]!, graph.lengthM[e01]! + graph.lengthM[e12]!)).toBe(true);
    const closed = compileOverlay(graph, { closedEdges: [e12, graph.twin[e12]!] });
    const u = router.table([{ node: 0 }], [{ node: 1 }, { node: 2 }], { overlay: closed });
    expect(relClose(u.durationsS[0]!, graph.timeS[e01]!)).toBe(true);
    expect(u.durationsS[1]).toBe(Infinity);
    expect(u.distancesM[1]).toBe(Infinity);
  });

  it('empty lists give an empty table; bad endpoints and options are named', () => {
    const graph = randomGraph({ cols: 4, rows: 4, seed: 'bad' });
    const router = new Router(graph);
    expect(router.table([], [{ node: 1 }]).durationsS.length).toBe(0);
    expect(() => router.table([{ node: 99 }], [{ node: 1 }])).toThrow(InputError);
    expect(() => router.table([{ node: 1 }], [{ node: 1 }, { edge: 0, fraction: 2 }])).toThrow(/targets\[1\]: fraction 2/);
    expect(() => router.table([{ node: 1 }], [{ node: 1 }], { algorithm: 'astar' as 'ch' })).toThrow(/algorithm 'astar'/);
  });
});

function edgeBetween(graph: { firstOut: Uint32Array; head: Uint32Array }, u: number, v: number): number {
  for (let e = graph.firstOut[u]!; e < graph.firstOut[u + 1]!; e++) if (graph.head[e] === v) return e;
  throw new Error(`no edge ${u} → ${v}`);
}
