import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import polyline from '@mapbox/polyline';
import osrmTextInstructions from 'osrm-text-instructions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, phnomPenhDataDir } from '../../engine/paths.js';
import { MAIN, startServer } from './server-process.js';

/**
 * `motorcade serve` over loopback, spoken to as an OSRM client would: the polyline codec an OSRM client
 * uses (@mapbox/polyline) and Project-OSRM's own text-instruction compiler read the replies. Every loop
 * below is bounded (a fixed list of pairs and URLs).
 */
const PLACES: Record<string, [number, number]> = {
  royal_palace: [104.9305, 11.56348],
  wat_phnom: [104.92321, 11.57613],
  pnh_airport: [104.84389, 11.54639],
  sokha_hotel: [104.936, 11.571],
  peace_palace: [104.907, 11.566],
};
const PAIRS: [string, string][] = [
  ['royal_palace', 'wat_phnom'],
  ['pnh_airport', 'royal_palace'],
  ['peace_palace', 'sokha_hotel'],
  ['sokha_hotel', 'pnh_airport'],
];

let server: Awaited<ReturnType<typeof startServer>>;
let base: string;

async function get(pathAndQuery: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(base + pathAndQuery, { signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function cliRoute(from: [number, number], to: [number, number], ...extra: string[]): { time_s: number; length_m: number } {
  const r = spawnSync(process.execPath, [MAIN, 'route', '--from', from.join(','), '--to', to.join(','), '--json', ...extra], { encoding: 'utf8', cwd: PACKAGE_ROOT, timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { routes: { time_s: number; length_m: number }[] }).routes[0]!;
}

const coords = (...names: string[]): string => names.map((n) => PLACES[n]!.join(',')).join(';');

describe('motorcade serve (HTTP, loopback, compiled dist/)', () => {
  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does)');
    server = await startServer();
    base = server.url;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('prints its base URL first, bound to loopback', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('route: the same durations and distances as `motorcade route`, polyline6 geometry from waypoint to waypoint', async () => {
    for (const [a, b] of PAIRS) {
      const { status, body } = await get(`route/v1/driving/${coords(a, b)}?geometries=polyline6&overview=full`);
      expect(status).toBe(200);
      expect(body['code']).toBe('Ok');
      const route = (body['routes'] as { duration: number; distance: number; geometry: string }[])[0]!;
      const cli = cliRoute(PLACES[a]!, PLACES[b]!);
      expect(route.duration).toBeCloseTo(cli.time_s, 1);
      expect(route.distance).toBeCloseTo(cli.length_m, 1);
      const line = polyline.decode(route.geometry, 6);
      const wps = body['waypoints'] as { location: [number, number] }[];
      expect(line[0]![1]).toBeCloseTo(wps[0]!.location[0], 5);
      expect(line[0]![0]).toBeCloseTo(wps[0]!.location[1], 5);
      expect(line[line.length - 1]![1]).toBeCloseTo(wps[1]!.location[0], 5);
    }
  });

  it('route with steps: OSRM steps that OSRM\'s own instruction compiler reads, durations adding up, landmarks named', async () => {
    const { body } = await get(`route/v1/driving/${coords('pnh_airport', 'royal_palace')}?steps=true&annotations=duration,distance&geometries=geojson`);
    const leg = (body['routes'] as { legs: { duration: number; distance: number; steps: Record<string, unknown>[]; annotation: { duration: number[]; distance: number[] } }[] }[])[0]!.legs[0]!;
    const steps = leg.steps;
    expect(steps.length).toBeGreaterThan(2);
    expect((steps[0]!['maneuver'] as { type: string }).type).toBe('depart');
    expect((steps[steps.length - 1]!['maneuver'] as { type: string }).type).toBe('arrive');
    const compiler = osrmTextInstructions('v5');
    for (const s of steps) expect(compiler.compile('en', s as never, { legCount: 1, legIndex: 0 })).toMatch(/\w/);
    const sum = steps.reduce((a, s) => a + (s['duration'] as number), 0);
    expect(sum).toBeCloseTo(leg.duration, 0);
    expect(leg.annotation.distance.reduce((a, b) => a + b, 0)).toBeCloseTo(leg.distance, -1);
    // Turns are read from the geometry; every instruction names the road (or its class) it leads onto.
    for (const s of steps.slice(1, -1)) expect(s['instruction']).toMatch(/onto (the \w+ road|\S)/);
    const passing = steps.flatMap((s) => s['passing'] as string[]);
    expect(passing.length).toBeGreaterThan(0);
    for (const id of passing) expect(JSON.stringify(JSON.parse(fs.readFileSync(path.join(phnomPenhDataDir(), 'landmarks.json'), 'utf8')))).toContain(`"${id}"`);
  });

  it('route through a via point has one leg per pair; alternatives are no faster than the fastest', async () => {
    const via = await get(`route/v1/driving/${coords('pnh_airport', 'wat_phnom', 'sokha_hotel')}?overview=false`);
    const legs = (via.body['routes'] as { legs: { duration: number }[]; duration: number }[])[0]!;
    expect(legs.legs).toHaveLength(2);
    expect(legs.duration).toBeCloseTo(legs.legs[0]!.duration + legs.legs[1]!.duration, 0);
    const alt = await get(`route/v1/driving/${coords('pnh_airport', 'royal_palace')}?alternatives=2&overview=false`);
    const routes = alt.body['routes'] as { duration: number }[];
    expect(routes.length).toBeGreaterThanOrEqual(2);
    for (const r of routes) expect(r.duration).toBeGreaterThanOrEqual(routes[0]!.duration - 0.1);
  });

  it('table: each cell equals the route service between the same two points (durations and distances)', async () => {
    const names = ['royal_palace', 'pnh_airport', 'sokha_hotel', 'peace_palace'];
    const { body } = await get(`table/v1/driving/${coords(...names)}?annotations=duration,distance`);
    expect(body['code']).toBe('Ok');
    const d = body['durations'] as number[][];
    const m = body['distances'] as number[][];
    for (let i = 0; i < names.length; i++) {
      expect(d[i]![i]).toBe(0);
      for (let j = 0; j < names.length; j++) {
        if (i === j) continue;
        const r = await get(`route/v1/driving/${coords(names[i]!, names[j]!)}?overview=false`);
        const route = (r.body['routes'] as { duration: number; distance: number }[])[0]!;
        expect(d[i]![j]).toBeCloseTo(route.duration, 1);
        expect(m[i]![j]).toBeCloseTo(route.distance, 0);
      }
    }
    const sub = await get(`table/v1/driving/${coords(...names)}?sources=0&destinations=2;3`);
    expect(sub.body['durations']).toEqual([[d[0]![2], d[0]![3]]]);
  });

  it('nearest: distinct roads, nearest first', async () => {
    const { body } = await get(`nearest/v1/driving/${coords('royal_palace')}?number=3`);
    const w = body['waypoints'] as { distance: number; nodes: number[] }[];
    expect(w).toHaveLength(3);
    expect(w[0]!.distance).toBeLessThanOrEqual(w[1]!.distance);
    expect(w[1]!.distance).toBeLessThanOrEqual(w[2]!.distance);
    expect(new Set(w.map((x) => [...x.nodes].sort().join('-'))).size).toBe(3);
  });

  it('extensions: depart at the morning peak is slower, as `route --depart`; an avoid polygon reroutes, or is NoRoute around the destination', async () => {
    const q = coords('pnh_airport', 'royal_palace');
    const free = (await get(`route/v1/driving/${q}?overview=false`)).body['routes'] as { duration: number }[];
    const peak = (await get(`route/v1/driving/${q}?overview=false&depart=07:30`)).body['routes'] as { duration: number }[];
    expect(peak[0]!.duration).toBeGreaterThan(free[0]!.duration);
    expect(peak[0]!.duration).toBeCloseTo(cliRoute(PLACES['pnh_airport']!, PLACES['royal_palace']!, '--depart', '07:30').time_s, 1);
    // A box around the destination: its road is closed with everything near it.
    const [x, y] = PLACES['royal_palace']!;
    const ring = (r: number): string => [[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r]].map((p) => p.join(',')).join(';');
    const fenced = await get(`route/v1/driving/${q}?avoid=${encodeURIComponent(ring(0.004))}`);
    expect(fenced.status).toBe(400);
    expect(['NoRoute', 'NoSegment']).toContain(fenced.body['code']);
    const around = await get(`route/v1/driving/${coords('pnh_airport', 'sokha_hotel')}?overview=false&avoid=${encodeURIComponent(ring(0.003))}`);
    const base0 = await get(`route/v1/driving/${coords('pnh_airport', 'sokha_hotel')}?overview=false`);
    expect((around.body['routes'] as { duration: number }[])[0]!.duration).toBeGreaterThanOrEqual((base0.body['routes'] as { duration: number }[])[0]!.duration);
  });

  it('malformed requests: 400 with the OSRM code that names the problem', async () => {
    const cases: [string, string][] = [
      ['route/v1/driving/abc;def', 'InvalidUrl'],
      ['route/v1/driving/104.93,11.56', 'InvalidQuery'],
      ['route/v1/driving/200,11;104.9,11.5', 'InvalidValue'],
      ['route/v1/driving/104.93,11.56;104.92,11.57?steps=maybe', 'InvalidOptions'],
      ['route/v1/driving/104.93,11.56;104.92,11.57?geometries=kml', 'InvalidOptions'],
      ['route/v1/driving/104.93,11.56;104.92,11.57?typo=1', 'InvalidOptions'],
      ['route/v1/driving/104.93,11.56;104.92,11.57?depart=25:00', 'InvalidOptions'],
      ['route/v1/driving/104.93,11.56;104.92,11.57?close_edges=99999999', 'InvalidOptions'],
      ['route/v1/driving/104.93,11.56;104.92,11.57?alternatives=9', 'TooBig'],
      ['route/v1/driving/104.93,11.56;90.0,10.0', 'NoSegment'],
      ['route/v1/walking/104.93,11.56;104.92,11.57', 'InvalidUrl'],
      ['route/v2/driving/104.93,11.56;104.92,11.57', 'InvalidVersion'],
      ['match/v1/driving/104.93,11.56;104.92,11.57', 'InvalidService'],
      ['table/v1/driving/104.93,11.56;104.92,11.57?sources=5', 'InvalidOptions'],
      ['nearest/v1/driving/104.93,11.56;104.92,11.57', 'TooBig'],
      ['isochrone/v1/driving/104.93,11.56', 'InvalidOptions'],
      ['isochrone/v1/driving/104.93,11.56?contours_minutes=500', 'InvalidOptions'],
    ];
    for (const [url, code] of cases) {
      const r = await get(url);
      expect([r.status, r.body['code'], url]).toEqual([400, code, url]);
      expect(typeof r.body['message']).toBe('string');
    }
  });
});
