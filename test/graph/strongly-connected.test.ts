import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MultiDirectedGraph } from 'graphology';
import { stronglyConnectedComponents as referenceScc } from 'graphology-components';
import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { roadClassCode, EdgeFlag } from '../../engine/graph/road-class.js';
import { stronglyConnectedComponents } from '../../engine/graph/strongly-connected.js';
import { extractSubgraph, keepLargestComponent } from '../../engine/graph/subgraph.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';

const meta = { source: { kind: 'test' }, report: { before: 1 }, builtAt: '2026-01-01T00:00:00Z' };
const minor = roadClassCode('minor')!;

/** A graph from (from, to, oneway) triples on n nodes laid out on a line. */
function build(n: number, edges: readonly (readonly [number, number, boolean])[]): RoadGraph {
  const b = new GraphBuilder();
  for (let i = 0; i < n; i++) b.addNode(104.9 + i * 0.001, 11.55);
  for (const [from, to, oneway] of edges) b.addSegment({ from, to, lengthM: 100, speedKmh: 36, roadClass: minor, oneway });
  return b.build(meta);
}

/** Components as a canonical set of sorted node lists. */
function canonical(groups: number[][]): string[] {
  return groups.map((g) => [...g].sort((a, b) => a - b).join(',')).sort();
}

describe('stronglyConnectedComponents', () => {
  it('separates a one-way spur from a two-way cycle', () => {
    // 0-1-2 two-way triangle, 2→3 one way: 3 is a sink, its own component.
    const g = build(4, [[0, 1, false], [1, 2, false], [2, 0, false], [2, 3, true]]);
    const scc = stronglyConnectedComponents(g);
    expect(scc.count).toBe(2);
    expect(scc.componentOf[0]).toBe(scc.componentOf[1]);
    expect(scc.componentOf[0]).toBe(scc.componentOf[2]);
    expect(scc.componentOf[3]).not.toBe(scc.componentOf[0]);
  });

  it('agrees with graphology-components on random directed graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.boolean()), { minLength: 1, maxLength: 60 })),
        ),
        ([n, edges]) => {
          const g = build(n, edges);
          const scc = stronglyConnectedComponents(g);
          const ours: number[][] = Array.from({ length: scc.count }, () => []);
          for (let v = 0; v < n; v++) ours[scc.componentOf[v]!]!.push(v);
          const ref = new MultiDirectedGraph();
          for (let v = 0; v < n; v++) ref.addNode(String(v));
          for (const [a, b, oneway] of edges) {
            ref.addEdge(String(a), String(b));
            if (!oneway) ref.addEdge(String(b), String(a));
          }
          const theirs = referenceScc(ref).map((c) => c.map(Number));
          expect(canonical(ours)).toEqual(canonical(theirs));
          expect([...scc.size].reduce((a, b) => a + b, 0)).toBe(n);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });

  it('handles a 200k-node path without recursion', () => {
    const n = 200_000;
    const firstOut = new Uint32Array(n + 1);
    const head = new Uint32Array(n - 1);
    for (let v = 0; v < n - 1; v++) {
      firstOut[v + 1] = v + 1;
      head[v] = v + 1;
    }
    firstOut[n] = n - 1;
    const scc = stronglyConnectedComponents({ nodeCount: n, firstOut, head });
    expect(scc.count).toBe(n);
  });
});

describe('extractSubgraph / keepLargestComponent', () => {
  it('keeps the largest component with its attributes and reports what was dropped', () => {
    const b = new GraphBuilder();
    for (let i = 0; i < 6; i++) b.addNode(104.9 + i * 0.001, 11.55);
    b.addSegment({ from: 0, to: 1, lengthM: 100, speedKmh: 36, roadClass: minor, name: 'St 1', flags: EdgeFlag.BRIDGE, interior: [[104.9005, 11.5501]] });
    b.addSegment({ from: 1, to: 2, lengthM: 200, speedKmh: 72, roadClass: minor });
    b.addSegment({ from: 2, to: 0, lengthM: 300, speedKmh: 36, roadClass: minor, oneway: true });
    b.addSegment({ from: 3, to: 4, lengthM: 500, speedKmh: 36, roadClass: minor });
    b.addSegment({ from: 4, to: 5, lengthM: 700, speedKmh: 36, roadClass: minor, oneway: true });
    const g = b.build(meta);
    const { graph: kept, report } = keepLargestComponent(g);
    expect(kept.nodeCount).toBe(3);
    expect(kept.edgeCount).toBe(5);
    expect(report.componentCount).toBe(3);
    expect(report.dropped).toEqual({ components: 2, nodes: 3, edges: 3, km: 1.2 });
    expect(report.kept.km).toBeCloseTo(0.6, 9);
    expect(kept.meta.report).toMatchObject({ before: 1, components: report });
    const e01 = [...Array(kept.edgeCount).keys()].find((e) => kept.tail[e] === 0 && kept.head[e] === 1)!;
    expect(kept.nameOf(e01)).toBe('St 1');
    expect(kept.hasFlag(e01, EdgeFlag.BRIDGE)).toBe(true);
    expect(kept.timeS[e01]).toBeCloseTo(10, 9);
    expect(kept.edgeGeometry(kept.twin[e01]!)).toEqual([[g.lon(1), 11.55], [104.9005, 11.5501], [104.9, 11.55]]);
    const e20 = [...Array(kept.edgeCount).keys()].find((e) => kept.tail[e] === 2 && kept.head[e] === 0)!;
    expect(kept.hasFlag(e20, EdgeFlag.ONEWAY)).toBe(true);
    expect(kept.twin[e20]).toBe(-1);
  });

  it('breaks a tie in node count by road length', () => {
    const b = new GraphBuilder();
    for (let i = 0; i < 4; i++) b.addNode(104.9 + i * 0.001, 11.55);
    b.addSegment({ from: 0, to: 1, lengthM: 100, speedKmh: 36, roadClass: minor });
    b.addSegment({ from: 2, to: 3, lengthM: 900, speedKmh: 36, roadClass: minor });
    const { graph: kept, report } = keepLargestComponent(b.build(meta));
    expect(report.kept.km).toBeCloseTo(0.9, 9);
    expect(kept.lon(0)).toBeCloseTo(104.902, 9);
  });

  it('extracts exactly the edges between kept nodes', () => {
    const g = build(4, [[0, 1, false], [1, 2, false], [2, 3, true]]);
    const sub = extractSubgraph(g, Uint8Array.from([0, 1, 1, 1]));
    expect(sub.nodeCount).toBe(3);
    expect(sub.edgeCount).toBe(3);
  });
});
