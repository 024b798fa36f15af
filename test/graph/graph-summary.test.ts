import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { summarizeGraph } from '../../engine/graph/graph-summary.js';
import { replaceMeta } from '../../engine/graph/replace-meta.js';
import { EdgeFlag, roadClassCode } from '../../engine/graph/road-class.js';
import { roadGraphToGeoJSON } from '../../engine/graph/to-geojson.js';

function sample() {
  const b = new GraphBuilder();
  b.addNode(104.9, 11.55);
  b.addNode(104.91, 11.55);
  b.addNode(104.91, 11.56);
  b.addSegment({ from: 0, to: 1, lengthM: 1000, speedKmh: 50, roadClass: roadClassCode('major')!, flags: EdgeFlag.BRIDGE, name: 'Monivong Bridge' });
  b.addSegment({ from: 1, to: 2, lengthM: 500, speedKmh: 35, roadClass: roadClassCode('minor')!, oneway: true });
  return b.build({ source: { kind: 'test' }, report: { a: 1 }, builtAt: '2026-01-01T00:00:00Z' });
}

describe('summarizeGraph', () => {
  it('counts each two-way road once, one-way edges once, bridges and bbox', () => {
    const s = summarizeGraph(sample());
    expect(s).toMatchObject({ nodes: 3, edges: 3, roads: 2, km: 1.5, kmByClass: { major: 1, minor: 0.5 }, bridges: { roads: 1, km: 1 }, oneway: { edges: 1, km: 0.5 } });
    expect(s.bbox).toEqual([104.9, 11.55, 104.91, 11.56]);
    expect(s.bytesPerEdge).toBeGreaterThan(0);
  });
});

describe('replaceMeta', () => {
  it('swaps the meta JSON and keeps every other byte', () => {
    const g = sample();
    const h = replaceMeta(g, { ...g.meta, report: { a: 1, b: { much: 'longer '.repeat(50) } } });
    expect(h.meta.report['b']).toBeDefined();
    expect([...h.lengthM]).toEqual([...g.lengthM]);
    expect([...h.firstIn]).toEqual([...g.firstIn]);
    expect(h.nameOf(0)).toBe('Monivong Bridge');
  });
});

describe('roadGraphToGeoJSON', () => {
  it('writes one LineString feature per directed edge with the documented properties', () => {
    const fc = JSON.parse(roadGraphToGeoJSON(sample())) as { features: { properties: Record<string, unknown>; geometry: { coordinates: number[][] } }[] };
    expect(fc.features).toHaveLength(3);
    const bridge = fc.features.find((f) => f.properties['name'] === 'Monivong Bridge' && f.properties['from'] === 0)!;
    expect(bridge.properties).toMatchObject({ length_m: 1000, time_s: 72, class: 'major', oneway: false, bridge: true });
    expect(bridge.geometry.coordinates).toEqual([[104.9, 11.55], [104.91, 11.55]]);
    expect(fc.features.filter((f) => f.properties['oneway'] === true)).toHaveLength(1);
  });
});
