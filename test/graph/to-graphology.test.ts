import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import graphml from 'graphology-graphml';
import gexf from 'graphology-gexf';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { EdgeFlag, roadClassCode } from '../../engine/graph/road-class.js';
import { toGraphology } from '../../engine/graph/to-graphology.js';
import { roadGraphToGexf, roadGraphToGraphML } from '../../engine/graph/graph-interchange.js';
import { CoordKind } from '../../engine/graph/format.js';

const meta = { source: { kind: 'test' }, report: {}, builtAt: '2026-01-01T00:00:00Z' };

function sample() {
  const b = new GraphBuilder();
  const a = b.addNode(104.92, 11.56);
  const c = b.addNode(104.93, 11.56);
  const d = b.addNode(104.93, 11.57);
  b.addSegment({ from: a, to: c, lengthM: 1090, speedKmh: 36, roadClass: roadClassCode('primary')!, name: 'Preah Sisowath Quay & "Riverside" <01>', lanes: 2 });
  b.addSegment({ from: c, to: d, lengthM: 1100, speedKmh: 40, roadClass: roadClassCode('trunk')!, oneway: true, flags: EdgeFlag.BRIDGE, name: 'Chroy Changvar Bridge' });
  // A second road between the same two junctions: graphology must keep both (multi graph).
  b.addSegment({ from: a, to: c, lengthM: 1500, speedKmh: 20, roadClass: roadClassCode('service')!, interior: [[104.925, 11.555]] });
  return b.build(meta);
}

describe('toGraphology', () => {
  it('copies every directed edge with its attributes and keys equal to CSR ids', () => {
    const g = sample();
    const h = toGraphology(g);
    expect(h.order).toBe(3);
    expect(h.size).toBe(g.edgeCount);
    expect(h.size).toBe(5);
    for (let e = 0; e < g.edgeCount; e++) {
      const attrs = h.getEdgeAttributes(String(e));
      expect(h.source(String(e))).toBe(String(g.tail[e]));
      expect(h.target(String(e))).toBe(String(g.head[e]));
      expect(attrs.length_m).toBe(g.lengthM[e]);
      expect(attrs.time_s).toBe(g.timeS[e]);
    }
    const bridge = [...Array(g.edgeCount).keys()].find((e) => g.hasFlag(e, EdgeFlag.BRIDGE))!;
    expect(h.getEdgeAttributes(String(bridge))).toMatchObject({ class: 'trunk', oneway: true, bridge: true, name: 'Chroy Changvar Bridge', time_s: 99 });
    expect(h.getNodeAttributes('1')).toEqual({ lon: 104.93, lat: 11.56 });
  });

  it('serves graphology-metrics: betweenness weighted by travel time finds the junction every path crosses', () => {
    const g = sample();
    // graphology-metrics is CommonJS: under NodeNext its default export is the module object.
    const betweenness = ((betweennessModule as unknown as { default?: unknown }).default ?? betweennessModule) as (g: unknown, o: { getEdgeWeight: string }) => Record<string, number>;
    const scores = betweenness(toGraphology(g), { getEdgeWeight: 'time_s' });
    // Node 1 (104.93, 11.56) lies between 0 and 2 on every shortest path.
    expect(scores['1']).toBeGreaterThan(0);
    expect(scores['0']).toBe(0);
    expect(scores['2']).toBe(0);
  });

  it('uses x/y for planar scale graphs', () => {
    const b = new GraphBuilder(CoordKind.PLANAR);
    b.addNode(5, 7);
    b.addNode(8, 11);
    b.addSegment({ from: 0, to: 1, lengthM: 5, speedKmh: 36, roadClass: 0 });
    expect(toGraphology(b.build(meta)).getNodeAttributes('1')).toEqual({ x: 8, y: 11 });
  });

  it('round-trips through GraphML text (parsed back by graphology-graphml) with all attributes', () => {
    const g = sample();
    const text = roadGraphToGraphML(g);
    expect(text).toContain('attr.name="length_m" attr.type="double"');
    expect(text).toContain('Preah Sisowath Quay &amp; &quot;Riverside&quot; &lt;01&gt;');
    const back = graphml.parse(MultiDirectedGraph, text);
    const orig = toGraphology(g);
    expect(back.order).toBe(orig.order);
    expect(back.size).toBe(orig.size);
    orig.forEachEdge((key, attrs, source, target) => {
      expect(back.source(key)).toBe(source);
      expect(back.target(key)).toBe(target);
      expect(back.getEdgeAttributes(key)).toMatchObject(attrs);
    });
    orig.forEachNode((key, attrs) => expect(back.getNodeAttributes(key)).toMatchObject(attrs));
  });

  it('GraphML carries what OSMnx reads: x/y, crs on the graph, length, travel_time and WKT geometry on edges, and the ODbL attribution', () => {
    const g = sample();
    const text = roadGraphToGraphML(g);
    const back = graphml.parse(MultiDirectedGraph, text);
    expect(back.getAttribute('crs')).toBe('epsg:4326');
    expect(back.getAttribute('attribution')).toMatch(/OpenStreetMap contributors, ODbL/);
    for (let v = 0; v < g.nodeCount; v++) expect(back.getNodeAttributes(String(v))).toMatchObject({ x: g.lon(v), y: g.lat(v) });
    for (let e = 0; e < g.edgeCount; e++) {
      const a = back.getEdgeAttributes(String(e));
      expect(a).toMatchObject({ length: g.lengthM[e], travel_time: g.timeS[e], highway: g.classOf(e) });
      const pts = g.edgeGeometry(e);
      expect(a['geometry']).toBe(`LINESTRING (${pts.map((p) => p.join(' ')).join(', ')})`);
      // The WKT runs from the edge's tail to its head.
      expect(pts[0]).toEqual([g.lon(g.tail[e]!), g.lat(g.tail[e]!)]);
    }
  });

  it('writes GEXF that graphology-gexf reads back', () => {
    const g = sample();
    const back = gexf.parse(MultiDirectedGraph, roadGraphToGexf(g));
    expect(back.size).toBe(g.edgeCount);
    const bridge = [...Array(g.edgeCount).keys()].find((e) => g.hasFlag(e, EdgeFlag.BRIDGE))!;
    expect(back.getEdgeAttributes(String(bridge))).toMatchObject({ bridge: true, class: 'trunk', length_m: 1100 });
  });
});
