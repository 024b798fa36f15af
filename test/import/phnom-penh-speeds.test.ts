import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { haversineM } from '../../engine/geo/haversine.js';
import { loadGazetteer } from '../../engine/import/gazetteer.js';
import { BUILT_UP_CENTRE, BUILT_UP_RADIUS_M, phnomPenhSpeedKmh } from '../../engine/import/phnom-penh-speeds.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { phnomPenhDataDir } from '../../engine/paths.js';

describe('Phnom Penh speed rule (engine/import/phnom-penh-speeds.ts)', () => {
  it('the built-up radius is the reach of the core street grid: ≥ 99.9 % of its vertices, ≤ the farthest', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(phnomPenhDataDir(), 'core-streets.geojson'), 'utf8')) as { features: { geometry: { coordinates: [number, number][] } }[] };
    const d: number[] = [];
    for (const f of doc.features) for (const [lon, lat] of f.geometry.coordinates) d.push(haversineM(lon, lat, BUILT_UP_CENTRE.lon, BUILT_UP_CENTRE.lat));
    d.sort((a, b) => a - b);
    expect(d[Math.floor(d.length * 0.999)]!).toBeLessThanOrEqual(BUILT_UP_RADIUS_M);
    expect(d[d.length - 1]!).toBeGreaterThanOrEqual(BUILT_UP_RADIUS_M);
    // The centre is the gazetteer's Independence Monument.
    const monument = loadGazetteer().find((l) => l.id === 'independence_monument')!;
    expect([monument.lon, monument.lat]).toEqual([BUILT_UP_CENTRE.lon, BUILT_UP_CENTRE.lat]);
  });

  it('major roads: 40 km/h in town, 80 km/h on the Techo approach; minor roads 35 km/h; other classes keep their defaults', () => {
    expect(phnomPenhSpeedKmh('major', 104.9219, 11.5632)).toBe(40); // Norodom Blvd, centre
    expect(phnomPenhSpeedKmh('major', 104.9393, 11.3656)).toBe(80); // Techo airport access road
    expect(phnomPenhSpeedKmh('minor', 104.9219, 11.5632)).toBe(35);
    expect(phnomPenhSpeedKmh('minor', 104.9393, 11.3656)).toBe(35);
    expect(phnomPenhSpeedKmh('motorway', 104.9219, 11.5632)).toBe(100);
  });

  it('the bundled graph: the urban limit inside the built-up area, the national-road limit on major roads outside it', async () => {
    const { graph } = await loadGraph();
    const kmhByPlace = { inside: new Set<number>(), outsideMajor: new Set<number>(), minor: new Set<number>() };
    let outsideMajorKm = 0;
    for (let e = 0; e < graph.edgeCount; e++) {
      if (!(graph.lengthM[e]! > 0)) continue;
      const kmh = Math.round((graph.lengthM[e]! / graph.timeS[e]!) * 3.6 * 1000) / 1000;
      const cls = graph.classOf(e);
      const lon = (graph.lon(graph.tail[e]!) + graph.lon(graph.head[e]!)) / 2;
      const lat = (graph.lat(graph.tail[e]!) + graph.lat(graph.head[e]!)) / 2;
      if (cls === 'minor') kmhByPlace.minor.add(kmh);
      else if (haversineM(lon, lat, BUILT_UP_CENTRE.lon, BUILT_UP_CENTRE.lat) < BUILT_UP_RADIUS_M - 2000) kmhByPlace.inside.add(kmh);
      else if (haversineM(lon, lat, BUILT_UP_CENTRE.lon, BUILT_UP_CENTRE.lat) > BUILT_UP_RADIUS_M + 2000) {
        kmhByPlace.outsideMajor.add(kmh);
        outsideMajorKm += graph.lengthM[e]! / 2000;
      }
    }
    // Edges well inside / outside the disc (an edge's speed is that of its chord's middle).
    expect([...kmhByPlace.inside]).toEqual([40]);
    expect([...kmhByPlace.outsideMajor]).toEqual([80]);
    expect([...kmhByPlace.minor]).toEqual([35]);
    expect(outsideMajorKm).toBeGreaterThan(100);
  });
});
