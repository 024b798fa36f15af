import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCityGraph, type CityGraphReport } from '../../engine/import/city-graph.js';
import { cityGraphsDir } from '../../engine/paths.js';

const haveData = fs.existsSync(path.join(cityGraphsDir(), 'amsterdam-roads.gr.bin'));

describe('loadCityGraph', () => {
  it.skipIf(!haveData)('loads Amsterdam with the README counts, minus dropped self-loops and duplicates', () => {
    const g = loadCityGraph('amsterdam');
    const r = g.meta.report as unknown as CityGraphReport;
    expect(g.nodeCount).toBe(68_213);
    expect(r.undirectedEdgesRead).toBe(76_718);
    expect(r.undirectedEdgesKept).toBe(76_718 - r.selfLoopsDropped - r.duplicatesDropped);
    expect(g.edgeCount).toBe(2 * r.undirectedEdgesKept);
    expect(g.isLonLat).toBe(false);
    // Every edge: two-way, planar Euclidean length, time = length / 10 units per second.
    for (let e = 0; e < g.edgeCount; e += 97) {
      const t = g.tail[e]!, h = g.head[e]!;
      expect(g.lengthM[e]).toBeCloseTo(Math.hypot(g.lon(h) - g.lon(t), g.lat(h) - g.lat(t)), 9);
      expect(g.timeS[e]).toBeCloseTo(g.lengthM[e]! / 10, 9);
      expect(g.twin[g.twin[e]!]).toBe(e);
      expect(g.classOf(e)).toBe('unknown');
    }
  });

  it('drops self-loops and duplicate roads (either orientation) and counts them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'city-'));
    fs.writeFileSync(path.join(dir, 'rome-roads.co.bin'), Buffer.from(new Int32Array([0, 0, 30, 40, 30, 0]).buffer));
    fs.writeFileSync(path.join(dir, 'rome-roads.gr.bin'), Buffer.from(new Int32Array([1, 2, 2, 1, 2, 2, 2, 3, 1, 2]).buffer));
    const g = loadCityGraph('rome', dir);
    expect(g.meta.report).toMatchObject({ undirectedEdgesRead: 5, selfLoopsDropped: 1, duplicatesDropped: 2, undirectedEdgesKept: 2 });
    expect(g.edgeCount).toBe(4);
    const e01 = [...Array(g.edgeCount).keys()].find((e) => g.tail[e] === 0 && g.head[e] === 1)!;
    expect(g.lengthM[e01]).toBe(50);
    expect(g.timeS[e01]).toBeCloseTo(5, 12);
  });

  it('refuses missing, truncated and inconsistent files with the file name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'city-'));
    expect(() => loadCityGraph('delhi', dir)).toThrowError(/delhi-roads\.co\.bin: node coordinate file not found/);
    fs.writeFileSync(path.join(dir, 'delhi-roads.co.bin'), Buffer.from(new Int32Array([0, 0, 1, 1]).buffer));
    fs.writeFileSync(path.join(dir, 'delhi-roads.gr.bin'), Buffer.alloc(7));
    expect(() => loadCityGraph('delhi', dir)).toThrowError(/delhi-roads\.gr\.bin: edge file is 7 bytes/);
    fs.writeFileSync(path.join(dir, 'delhi-roads.gr.bin'), Buffer.from(new Int32Array([1, 3]).buffer));
    expect(() => loadCityGraph('delhi', dir)).toThrowError(/refers to node 1→3, but the graph has nodes 1\.\.2/);
    expect(() => loadCityGraph('paris' as 'rome', dir)).toThrowError(/unknown city graph "paris"/);
  });
});
