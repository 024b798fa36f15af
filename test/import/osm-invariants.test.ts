import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importOsm, osmReportOf } from '../../engine/import/osm/index.js';
import { along } from './osm-helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-prop-'));

/** Random small road networks: 12 nodes on a jittered grid, ways over random node sequences. */
const network = fc.record({
  jitter: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 12, maxLength: 12 }),
  ways: fc.array(
    fc.record({
      refs: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
      highway: fc.constantFrom('residential', 'primary', 'footway', 'service', 'motorway'),
      oneway: fc.constantFrom(undefined, 'yes', '-1', 'no'),
      access: fc.constantFrom(undefined, undefined, undefined, 'private'),
    }),
    { minLength: 1, maxLength: 10 },
  ),
});

describe('OSM import invariants on random networks', () => {
  it('keeps every metre of drivable road exactly once, with no self-loops', () => {
    let file = 0;
    fc.assert(
      fc.property(network, ({ jitter, ways }) => {
        const coord = (id: number): [number, number] => [104.9 + ((id - 1) % 4) * 0.002 + jitter[id - 1]![0] * 0.001, 11.55 + Math.floor((id - 1) / 4) * 0.002 + jitter[id - 1]![1] * 0.001];
        const elements: unknown[] = [];
        for (let id = 1; id <= 12; id++) elements.push({ type: 'node', id, lon: coord(id)[0], lat: coord(id)[1] });
        ways.forEach((w, i) => {
          const tags: Record<string, string> = { highway: w.highway };
          if (w.oneway) tags['oneway'] = w.oneway;
          if (w.access) tags['access'] = w.access;
          elements.push({ type: 'way', id: 100 + i, nodes: w.refs, tags });
        });
        const f = path.join(dir, `n${file++}.json`);
        fs.writeFileSync(f, JSON.stringify({ elements }));
        // Expected road length: drivable ways, consecutive repeated nodes collapsed.
        let expected = 0;
        let drivable = 0;
        let single = 0; // ways of one (distinct) node: nothing to drive, counted as degenerate
        let spikes = false; // a, b, a: a road drawn twice, kept once when two-way
        for (const w of ways) {
          if (w.highway === 'footway' || w.access === 'private') continue;
          const refs = w.refs.filter((r, k) => k === 0 || r !== w.refs[k - 1]);
          if (refs.length >= 2) drivable++;
          else single++;
          if (refs.some((r, k) => refs[k + 2] === r)) spikes = true;
          expected += along(...refs.map(coord));
        }
        let g;
        try {
          g = importOsm(f, { largestComponent: false });
        } catch (err) {
          expect((err as Error).name).toBe(drivable === 0 ? 'EmptyGraphError' : 'none expected');
          return;
        }
        const report = osmReportOf(g)!;
        let roadLength = 0;
        for (let e = 0; e < g.edgeCount; e++) {
          expect(g.tail[e]).not.toBe(g.head[e]);
          const t = g.twin[e]!;
          if (t < 0 || t > e) roadLength += g.lengthM[e]!;
          if (t >= 0) expect(g.lengthM[t]).toBe(g.lengthM[e]);
        }
        expect(report.degenerateDropped).toBe(single);
        if (!spikes) expect(roadLength).toBeCloseTo(expected, 6);
        else expect(roadLength).toBeLessThanOrEqual(expected + 1e-6);
        for (let v = 0; v < g.nodeCount; v++) expect(g.outDegree(v) + (g.firstIn[v + 1]! - g.firstIn[v]!)).toBeGreaterThan(0);
      }),
      { numRuns: 60, seed: 20221108 },
    );
  });
});
