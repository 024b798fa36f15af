import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { RoadGraph } from '../../engine/graph/road-graph.js';
import { EdgeFlag, roadClassCode } from '../../engine/graph/road-class.js';

const meta = { source: { kind: 'test' }, report: {}, builtAt: '2026-01-01T00:00:00Z' };

function triangle(): RoadGraph {
  const b = new GraphBuilder();
  const a = b.addNode(104.9, 11.55);
  const c = b.addNode(104.91, 11.55);
  const d = b.addNode(104.91, 11.56);
  b.addSegment({ from: a, to: c, lengthM: 1000, speedKmh: 36, roadClass: roadClassCode('primary')!, name: 'Norodom Blvd', interior: [[104.905, 11.5501]] });
  b.addSegment({ from: c, to: d, lengthM: 1100, speedKmh: 40, roadClass: roadClassCode('residential')!, oneway: true, flags: EdgeFlag.BRIDGE });
  return b.build(meta);
}

describe('GraphBuilder / RoadGraph', () => {
  it('builds CSR with twins, reverse adjacency and times in seconds', () => {
    const g = triangle();
    expect(g.nodeCount).toBe(3);
    expect(g.edgeCount).toBe(3);
    // Outgoing edges of node 0: just a→c.
    expect(g.outDegree(0)).toBe(1);
    const ac = g.firstOut[0]!;
    expect(g.head[ac]).toBe(1);
    expect(g.timeS[ac]).toBeCloseTo(100, 9);
    expect(g.nameOf(ac)).toBe('Norodom Blvd');
    const ca = g.twin[ac]!;
    expect(g.tail[ca]).toBe(1);
    expect(g.head[ca]).toBe(0);
    expect(g.twin[ca]).toBe(ac);
    expect(g.edgeGeometry(ca)).toEqual([[104.91, 11.55], [104.905, 11.5501], [104.9, 11.55]]);
    const cd = [...Array(g.edgeCount).keys()].find((e) => g.tail[e] === 1 && g.head[e] === 2)!;
    expect(g.hasFlag(cd, EdgeFlag.ONEWAY)).toBe(true);
    expect(g.hasFlag(cd, EdgeFlag.BRIDGE)).toBe(true);
    expect(g.twin[cd]).toBe(-1);
    // Reverse adjacency of node 2 holds only c→d.
    expect([...g.inEdge.subarray(g.firstIn[2]!, g.firstIn[3]!)]).toEqual([cd]);
  });

  it('round-trips through bytes and a SharedArrayBuffer without losing anything', () => {
    const g = triangle();
    const copy = RoadGraph.from(new Uint8Array(new Uint8Array(g.buffer)).buffer);
    const shared = g.toShared();
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const h of [copy, shared]) {
      expect([...h.head]).toEqual([...g.head]);
      expect([...h.timeS]).toEqual([...g.timeS]);
      expect(h.meta.source).toEqual({ kind: 'test' });
    }
  });

  it('refuses a foreign buffer and a future version by name', () => {
    expect(() => RoadGraph.from(new ArrayBuffer(400))).toThrowError(/not a motorcade graph/);
    const g = triangle();
    const bytes = new Uint8Array(g.buffer).slice();
    new Uint32Array(bytes.buffer, 0, 2)[1] = 99;
    try {
      RoadGraph.from(bytes.buffer);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).name).toBe('GraphFormatError');
      expect((e as Error).message).toMatch(/version 99/);
    }
  });
});
