import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { compileOverlay, Router, timeToPosition } from '../../engine/route/index.js';
import { referenceDijkstra } from '../../engine/route/reference-dijkstra.js';
import { randomGraph } from './random-graph.js';
import { relClose } from './helpers.js';

describe('one-to-all and multi-source searches', () => {
  const seed = 'ota-1';
  const graph = randomGraph({ cols: 30, rows: 25, seed });
  const router = new Router(graph);
  const rng = seedrandom(seed);

  it('forward: triangle inequality over every edge, and equal to the reference', () => {
    for (let trial = 0; trial < 5; trial++) {
      const s = Math.floor(rng() * graph.nodeCount);
      const d = router.oneToAll([{ endpoint: { node: s } }]);
      const ref = referenceDijkstra(graph, graph.timeS, [{ node: s, cost: 0 }]);
      for (let v = 0; v < graph.nodeCount; v++) expect(relClose(d[v]!, ref[v]!), `seed ${seed} node ${v}`).toBe(true);
      for (let e = 0; e < graph.edgeCount; e++) {
        const u = graph.tail[e]!;
        const v = graph.head[e]!;
        expect(d[v]! <= d[u]! + graph.timeS[e]! + 1e-9, `edge ${e}`).toBe(true);
      }
    }
  });

  it('agrees with point-to-point routes', () => {
    const s = 17;
    const d = router.oneToAll([{ endpoint: { node: s } }]);
    for (let i = 0; i < 100; i++) {
      const t = Math.floor(rng() * graph.nodeCount);
      const r = router.fastest({ node: s }, { node: t });
      if (!r.found) expect(d[t]).toBe(Infinity);
      else expect(relClose(r.costS, d[t]!)).toBe(true);
    }
  });

  it('reverse multi-source with offsets equals the reference on the reversed graph, with nearest-source labels', () => {
    const sources = [3, 250, 600].map((node, i) => ({ endpoint: { node }, offsetS: i * 30 }));
    const sourceOut = new Int32Array(graph.nodeCount);
    const d = router.oneToAll(sources, { direction: 'reverse', sourceOut });
    const ref = referenceDijkstra(graph, graph.timeS, sources.map((s) => ({ node: s.endpoint.node, cost: s.offsetS })), true);
    const per = sources.map((s) => referenceDijkstra(graph, graph.timeS, [{ node: s.endpoint.node, cost: s.offsetS }], true));
    for (let v = 0; v < graph.nodeCount; v++) {
      expect(relClose(d[v]!, ref[v]!), `node ${v}`).toBe(true);
      if (d[v]! < Infinity) expect(relClose(per[sourceOut[v]!]![v]!, d[v]!), `nearest source of ${v}`).toBe(true);
      else expect(sourceOut[v]).toBe(-1);
    }
  });

  it('cut-off: nodes within it exact, the rest Infinity; overlays apply', () => {
    const overlay = compileOverlay(graph, { speedFactorByClass: { primary: 0.5 }, closedEdges: [0, 1, 2, 3] });
    const full = router.oneToAll([{ endpoint: { node: 40 } }], { overlay });
    const cut = router.oneToAll([{ endpoint: { node: 40 } }], { overlay, cutoffS: 120 });
    for (let v = 0; v < graph.nodeCount; v++) expect(cut[v]).toBe(full[v]! <= 120 ? full[v] : Infinity);
  });

  it('timeToPosition equals the point-to-point time to a mid-edge position (forward and reverse)', () => {
    const s = { node: 100 };
    const fwd = router.oneToAll([{ endpoint: s }]);
    const rev = router.oneToAll([{ endpoint: s }], { direction: 'reverse' });
    for (let i = 0; i < 200; i++) {
      const p = { edge: Math.floor(rng() * graph.edgeCount), fraction: rng() };
      if (graph.tail[p.edge] === 100 || graph.head[p.edge] === 100) continue;
      const to = router.fastest(s, p);
      const back = router.fastest(p, s);
      const tf = timeToPosition(graph, fwd, p);
      const tr = timeToPosition(graph, rev, p, { direction: 'reverse' });
      expect(to.found ? relClose(to.costS, tf) : tf === Infinity, `to ${JSON.stringify(p)}`).toBe(true);
      expect(back.found ? relClose(back.costS, tr) : tr === Infinity, `from ${JSON.stringify(p)}`).toBe(true);
    }
  });

  it('timeToPosition: sources on the same road as the position (mid-edge, with offsets) equal the reference', () => {
    let sameRoad = 0;
    for (let i = 0; i < 150; i++) {
      const e = Math.floor(rng() * graph.edgeCount);
      const twin = graph.twin[e]!;
      // A mid-edge source on e (or its twin), a second source elsewhere, and a position on the same road.
      const onRoad = { edge: twin >= 0 && rng() < 0.5 ? twin : e, fraction: rng() };
      const far = { edge: Math.floor(rng() * graph.edgeCount), fraction: rng() };
      const sources = [
        { endpoint: onRoad, offsetS: rng() < 0.5 ? 0 : 5 },
        { endpoint: far, offsetS: 2 },
      ];
      const p = { edge: e, fraction: rng() };
      for (const direction of ['forward', 'reverse'] as const) {
        const times = router.oneToAll(sources, { direction });
        const got = timeToPosition(graph, times, p, { direction, sources });
        // Reference: the best point-to-point route from (or to) each source, plus its offset.
        let ref = Infinity;
        for (const s of sources) {
          const r = direction === 'forward' ? router.fastest(s.endpoint, p) : router.fastest(p, s.endpoint);
          if (r.found) ref = Math.min(ref, r.costS + s.offsetS);
        }
        const ctx = `seed ${seed} case ${i} ${direction} ${JSON.stringify({ sources, p })}`;
        expect(ref === Infinity ? got === Infinity : relClose(got, ref), `${ctx}: ${got} vs ${ref}`).toBe(true);
        if (got < timeToPosition(graph, times, p, { direction }) - 1e-9) sameRoad++;
      }
    }
    // The fix matters: in many cases driving along the road beats leaving it through a node.
    expect(sameRoad).toBeGreaterThan(30);
  });
});
