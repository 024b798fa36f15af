import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { importOsm, osmReportOf } from '../../engine/import/osm/index.js';
import type { ComponentReport } from '../../engine/graph/subgraph.js';
import { edgeBetween, edgesOf, fixture } from './osm-helpers.js';

const P = {
  n1: [104.92, 11.57], n2: [104.925, 11.57], n3: [104.93, 11.57],
  n4: [104.92, 11.575], n5: [104.925, 11.575], n6: [104.93, 11.575], n7: [104.9275, 11.5725],
} as const satisfies Record<string, [number, number]>;
const p = (k: keyof typeof P): [number, number] => [...P[k]];

describe('the same network as .osm XML, Overpass JSON and .osm.pbf', () => {
  const xml = importOsm(fixture('network.osm'));
  const json = importOsm(fixture('network.json'));
  const pbf = importOsm(fixture('network.osm.pbf'));

  it('gives the expected graph from XML', () => {
    expect(xml.nodeCount).toBe(6); // n7 folded into the bridge, the island road dropped
    expect(xml.edgeCount).toBe(13);
    const quay = edgeBetween(xml, p('n1'), p('n2'))!;
    expect(quay).toMatchObject({ class: 'primary', name: 'Preah Sisowath Quay & Street 108', lanes: 2, flags: ['MAXSPEED_TAGGED'] });
    expect(quay.speedKmh).toBeCloseTo(50, 9);
    expect(edgeBetween(xml, p('n1'), p('n4'))!.flags).toEqual(['ONEWAY']);
    expect(edgeBetween(xml, p('n4'), p('n1'))).toBeUndefined();
    const bridge = edgeBetween(xml, p('n3'), p('n6'))!;
    expect(bridge).toMatchObject({ flags: ['BRIDGE'], name: 'NR5', interior: [p('n7')] });
    expect(edgeBetween(xml, p('n6'), p('n3'))!.interior).toEqual([p('n7')]);
    expect(edgeBetween(xml, p('n4'), p('n5'))!.name).toBe('ផ្លូវ ៩៦');
  });

  it('reports reading, filtering, missing nodes and the dropped component', () => {
    expect(osmReportOf(xml)).toMatchObject({
      nodesRead: 10,
      waysRead: 8,
      highwayWays: 7,
      keptByClass: { primary: 1, secondary: 1, residential: 3, tertiary: 1, service: 1 },
      missingNodes: { refs: 1, ways: 1 },
      degenerateDropped: 1,
      maxspeed: { parsed: 1, defaulted: 6 },
    });
    const components = xml.meta.report['components'] as ComponentReport;
    expect(components.dropped).toMatchObject({ components: 2, nodes: 2, edges: 1 });
    expect(components.kept).toMatchObject({ nodes: 6, edges: 13 });
  });

  it('gives identical graphs from all three formats', () => {
    const reference = edgesOf(xml);
    expect(edgesOf(json)).toEqual(reference);
    expect(edgesOf(pbf)).toEqual(reference);
    expect(osmReportOf(pbf)).toEqual(osmReportOf(xml));
    expect(osmReportOf(json)).toEqual(osmReportOf(xml));
    expect(pbf.meta.source).toMatchObject({ kind: 'osm', format: 'pbf' });
  });

  it('prefers name:<language> when asked', () => {
    const en = importOsm(fixture('network.osm'), { nameLanguage: 'en' });
    expect(edgeBetween(en, p('n4'), p('n5'))!.name).toBe('Street 96');
  });

  it('keeps every component when asked', () => {
    const all = importOsm(fixture('network.osm'), { largestComponent: false });
    expect(all.nodeCount).toBe(8);
    expect(all.edgeCount).toBe(14);
  });

  it('the PBF fixture decodes the same with osm-pbf-parser, an independent reader', async () => {
    const require = createRequire(import.meta.url);
    const parser = require('osm-pbf-parser') as () => NodeJS.ReadWriteStream;
    const items: { type: string; id: number; refs?: number[] }[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = parser();
      stream.on('data', (batch: typeof items) => items.push(...batch));
      stream.on('end', resolve);
      stream.on('error', reject);
      fs.createReadStream(fixture('network.osm.pbf')).pipe(stream);
    });
    expect(items.filter((i) => i.type === 'node')).toHaveLength(10);
    expect(items.filter((i) => i.type === 'way').map((w) => w.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => 20000000000 + k));
    expect(items.find((i) => i.id === 20000000005)!.refs).toEqual([10000000003, 10000000007, 10000000006]);
  });
});

describe('Overpass "out geom" output', () => {
  it('takes coordinates from the ways when the nodes are not listed', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'overpass-')), 'geom.json');
    const geometry = [{ lat: 11.56, lon: 104.92 }, { lat: 11.561, lon: 104.921 }, { lat: 11.562, lon: 104.92 }];
    fs.writeFileSync(file, JSON.stringify({ elements: [{ type: 'way', id: 1, nodes: [11, 12, 13], geometry, tags: { highway: 'tertiary', name: 'Street 63' } }] }));
    const g = importOsm(file);
    expect(g.nodeCount).toBe(2);
    expect(edgeBetween(g, [104.92, 11.56], [104.92, 11.562])!.interior).toEqual([[104.921, 11.561]]);
  });
});

describe('PBF variants', () => {
  it('reads ways whose keys, values and refs are not packed (legal protobuf)', async () => {
    const { writeOsmPbf } = await import('../../bench/osm-pbf-writer.js');
    const nodes = [
      { id: 1, lat: 11.56, lon: 104.92 },
      { id: 2, lat: 11.561, lon: 104.921 },
      { id: 3, lat: 11.562, lon: 104.92 },
    ];
    const ways = [
      { id: 10, refs: [1, 2, 3], tags: { highway: 'tertiary', name: 'Street 63' } },
      { id: 11, refs: [2, 3], tags: { building: 'yes' } },
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbf-variants-'));
    const packed = path.join(dir, 'packed.osm.pbf');
    const unpacked = path.join(dir, 'unpacked.osm.pbf');
    fs.writeFileSync(packed, writeOsmPbf({ nodes, ways }));
    fs.writeFileSync(unpacked, writeOsmPbf({ nodes, ways }, 8000, { unpackedWays: true }));
    expect(fs.readFileSync(unpacked).equals(fs.readFileSync(packed))).toBe(false);
    const a = importOsm(packed);
    const b = importOsm(unpacked);
    expect(edgesOf(b)).toEqual(edgesOf(a));
    expect(a.edgeCount).toBe(2);
    expect(osmReportOf(b)).toMatchObject({ waysRead: 2, highwayWays: 1 });
  });
});
