import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { haversineM } from '../../engine/geo/haversine.js';
import { EdgeSnapper } from '../../engine/graph/edge-snapper.js';
import { EdgeFlag } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { stronglyConnectedComponents } from '../../engine/graph/strongly-connected.js';
import { loadGazetteer, type Landmark } from '../../engine/import/gazetteer.js';
import { importRoadGeoJson, phnomPenhInputs, type RepairReport } from '../../engine/import/geojson/index.js';
import { phnomPenhDataDir } from '../../engine/paths.js';

/**
 * Acceptance on the bundled Phnom Penh data (issue 2, "Done means"). Imports once (~2 s), then measures
 * how much of each input set the main strongly connected component still holds, and where places snap.
 */
const inputs = phnomPenhInputs(phnomPenhDataDir());
let graph: RoadGraph;
let snapper: EdgeSnapper;
let landmarks: Landmark[];

type Lines = { geometry: { coordinates: [number, number][] } }[];
const readLines = (file: string): Lines => (JSON.parse(fs.readFileSync(file, 'utf8')) as { features: Lines }).features;

/** Share of the length of `file`'s lines that has a road of the graph within `tolM` (sampled every 25 m). */
function heldShare(file: string, tolM: number): { km: number; share: number } {
  let total = 0;
  let held = 0;
  for (const f of readLines(file)) {
    const c = f.geometry.coordinates;
    for (let i = 1; i < c.length; i++) {
      const [a, b] = [c[i - 1]!, c[i]!];
      const len = haversineM(a[0], a[1], b[0], b[1]);
      const n = Math.max(1, Math.ceil(len / 25));
      for (let k = 0; k < n; k++) {
        const t = (k + 0.5) / n;
        total += len / n;
        if (snapper.nearest(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), { maxDistanceM: tolM })) held += len / n;
      }
    }
  }
  return { km: total / 1000, share: held / total };
}

/** Distance from a point to the nearest line of the raw input files (brute force, metres). */
function rawNearestM(lon: number, lat: number): number {
  let best = Infinity;
  const kx = Math.cos((lat * Math.PI) / 180);
  for (const file of [inputs.core, inputs.metro]) {
    for (const f of readLines(file)) {
      const c = f.geometry.coordinates;
      for (let i = 1; i < c.length; i++) {
        const ax = (c[i - 1]![0] - lon) * kx;
        const ay = c[i - 1]![1] - lat;
        const dx = (c[i]![0] - lon) * kx - ax;
        const dy = c[i]![1] - lat - ay;
        const l2 = dx * dx + dy * dy;
        const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / l2));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy) * 111_195);
      }
    }
  }
  return best;
}

describe.skipIf(!fs.existsSync(inputs.core))('Phnom Penh import (bundled data)', () => {
  beforeAll(() => {
    graph = importRoadGeoJson(inputs);
    snapper = new EdgeSnapper(graph);
    landmarks = loadGazetteer();
  });

  it('is one strongly connected component (the largest was kept)', () => {
    expect(stronglyConnectedComponents(graph).count).toBe(1);
    const r = graph.meta.report['repair'] as RepairReport;
    expect(r.components!.kept.nodes).toBe(graph.nodeCount);
    expect(r.components!.dropped.km).toBeLessThan(0.03 * r.components!.kept.km);
  });

  it('holds ≥ 95 % of the city-core length and ≥ 90 % of the metro arterial length', () => {
    const core = heldShare(inputs.core, 5);
    const metro = heldShare(inputs.metro, 25);
    expect(core.km).toBeGreaterThan(980);
    expect(core.share).toBeGreaterThanOrEqual(0.95);
    expect(metro.share).toBeGreaterThanOrEqual(0.9);
  });

  it('does not double roads drawn in both sets', () => {
    const r = graph.meta.report['repair'] as RepairReport;
    const inputKm = Object.values(r.inputs).reduce((a, c) => a + c.km, 0);
    // Core ~990 km + metro ~1952 km; the metro copy of the core's main roads (> 300 km) is gone.
    expect(r.duplicates!.kmRemoved).toBeGreaterThan(300);
    expect(r.beforeComponents.km).toBeLessThan(inputKm - 300);
  });

  it('every landmark snaps onto the main component, within 150 m wherever the data has a road that close', () => {
    for (const l of landmarks) {
      const s = snapper.nearest(l.lon, l.lat)!;
      expect(s, l.id).toBeDefined();
      const raw = rawNearestM(l.lon, l.lat);
      if (raw <= 150) expect(s.distanceM, l.id).toBeLessThanOrEqual(150);
      // Where the data itself has no road within 150 m (the airports' centroids, the palace compound),
      // repair must not have lost the nearest road: the snap is as close as the raw data allows.
      else expect(s.distanceM, l.id).toBeLessThanOrEqual(raw + 5);
    }
  });

  it('connects the Techo airport access roads and the Chroy Changvar peninsula to the centre, both ways', () => {
    const edgeOf = (id: string): number => {
      const p = landmarks.find((l) => l.id === id)!;
      return snapper.nearest(p.lon, p.lat)!.edge;
    };
    /** Nodes reachable from `start` over the forward adjacency. */
    const reachable = (start: number): Uint8Array => {
      const seen = new Uint8Array(graph.nodeCount);
      const stack = [start];
      seen[start] = 1;
      while (stack.length > 0) {
        const v = stack.pop()!;
        for (let e = graph.firstOut[v]!; e < graph.firstOut[v + 1]!; e++) {
          const w = graph.head[e]!;
          if (seen[w] === 0) {
            seen[w] = 1;
            stack.push(w);
          }
        }
      }
      return seen;
    };
    const centre = graph.tail[edgeOf('royal_palace')]!;
    const fromCentre = reachable(centre);
    for (const id of ['kti_terminal_access', 'kti_airport', 'sokha_hotel']) {
      const e = edgeOf(id);
      expect(fromCentre[graph.tail[e]!], `${id} reachable from the palace`).toBe(1);
      expect(reachable(graph.head[e]!)[centre], `palace reachable from ${id}`).toBe(1);
      // The airport roads are the ones 20 km south, not a city street.
      if (id.startsWith('kti')) expect(graph.lat(graph.tail[e]!), id).toBeLessThan(11.4);
    }
  });

  it('finds the Mekong/Tonle Sap bridges from the water polygons', () => {
    for (const id of ['chroy_changvar_bridges', 'monivong_bridge']) {
      const p = landmarks.find((l) => l.id === id)!;
      const s = snapper.nearest(p.lon, p.lat, { keep: (e) => graph.hasFlag(e, EdgeFlag.BRIDGE) })!;
      expect(s.distanceM, id).toBeLessThan(30);
    }
  });
});
