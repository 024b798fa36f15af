import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EdgeSnapper } from '../../engine/graph/edge-snapper.js';
import { ROAD_CLASSES } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGazetteer } from '../../engine/import/gazetteer.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../../engine/paths.js';
import { compileOverlay } from '../../engine/route/overlay.js';
import { PHNOM_PENH_TRAFFIC_PROFILE, RESPONDER_CONGESTION_AVOIDED, SNAP_LIMIT_M, snapPlace, speedFactorsAt } from '../../engine/route/policy.js';
import { Router } from '../../engine/route/router.js';
import type { RouteFound } from '../../engine/route/types.js';
import { loadScenarioOrThrow } from '../../engine/scenario/index.js';
import { planFromScenario } from '../../engine/scenario/scenario-adapter.js';
import { PreparedRun } from '../../engine/sim/prepared-run.js';

const MAIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-policy-'));

function cli(command: string, ...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [MAIN, command, ...args], { encoding: 'utf8', cwd: PACKAGE_ROOT, timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** A scenario of bare movements: no escort control, no variation, no incidents, one sample. */
function bareMovements(name: string, movements: readonly (readonly [from: string, to: string, depart: string])[]): string {
  const file = path.join(tmp, `${name}.yaml`);
  // One delegation per movement, so that movements may leave at the same time.
  const delegations = movements.map((_, i) => `  d${i}: { size: 1, vehicles: { count: 1 }, escort: bare }`);
  const lines = movements.map(([from, to, depart], i) => `  m${i}:\n    delegation: d${i}\n    from: ${from}\n    to: ${to}\n    departure: "${depart}"`);
  fs.writeFileSync(
    file,
    `name: ${name}
date: "2026-01-10"
escort_profiles:
  bare: { outriders: 0, lead_cars: 0, sweep_cars: 0, intersection_control: none, speed_cap: 130 km/h }
delegations:
${delegations.join('\n')}
movements:
${lines.join('\n')}
traffic: { variation_sigma: 0, incidents_per_hour: 0 }
monte_carlo: { samples: 1 }
`,
  );
  return file;
}

const TRIPS = [
  ['royal_palace', 'calmette', '17:30'],
  ['kti_terminal_access', 'sokha_hotel', '07:45'],
  ['khmer_soviet', 'wat_phnom', '12:00'],
  ['independence_monument', 'rosewood', '23:00'],
  ['pnh_airport', 'hyatt_regency', '15:00'],
] as const;

describe('one routing policy for route, run and validation (engine/route/policy.ts)', () => {
  let graph: RoadGraph;
  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does)');
    graph = (await loadGraph()).graph;
  });

  it('`motorcade route --depart T` and `motorcade run` of the same bare trip agree on every traffic factor, the route and its travel time', async () => {
    const file = bareMovements('trips', TRIPS);
    const scenario = await loadScenarioOrThrow(file, { graph });
    const run = new PreparedRun(graph, planFromScenario(scenario, graph));
    const ran = cli('run', file, '--json', '--workers', '0');
    expect(ran.code, ran.err).toBe(0);
    const result = JSON.parse(ran.out) as { movements: { id: string; options: { route: { edges: number[]; lengthM: number } }[] }[] };
    for (const [i, [from, to, depart]] of TRIPS.entries()) {
      const r = cli('route', '--from', from, '--to', to, '--depart', depart, '--json');
      expect(r.code, r.err).toBe(0);
      const doc = JSON.parse(r.out) as { routes: { time_s: number; length_m: number; legs: { edges: number[] }[] }[] };
      const departS = scenario.movements[i]!.departure.fromS;
      const band = run.traffic.bandAt(departS);
      // One profile: the factor of every road class, hence of every edge.
      const routeFactors = speedFactorsAt(departS / 60);
      for (let c = 0; c < ROAD_CLASSES.length; c++) expect(run.traffic.factorOf(band, c), `${depart} ${ROAD_CLASSES[c]}`).toBe(routeFactors[ROAD_CLASSES[c]!]);
      // One snap and one router: the same edges and the same time.
      const planned = run.routes[i]![0]! as RouteFound;
      expect(planned.found, `${from} → ${to}`).toBe(true);
      expect(planned.edges).toEqual(doc.routes[0]!.legs[0]!.edges);
      expect(Math.abs(planned.timeS - doc.routes[0]!.time_s)).toBeLessThan(0.06);
      // `motorcade run` reports the same route (its simulated times add the junction model on top).
      expect(result.movements[i]!.options[0]!.route.edges, `${from} → ${to}`).toEqual(doc.routes[0]!.legs[0]!.edges);
      expect(result.movements[i]!.options[0]!.route.lengthM).toBeCloseTo(doc.routes[0]!.length_m, 0);
    }
  });

  it('the snap limit is the same in route, the run and validation', async () => {
    const snapper = EdgeSnapper.for(graph);
    // 30 % of the way from the KTI terminal (1.1 km off the roads) to its road: accepted everywhere; a
    // point 6.6 km off every road: refused everywhere alike.
    const kti = loadGazetteer().find((l) => l.id === 'kti_airport')!;
    const road = snapper.nearest(kti.lon, kti.lat)!;
    const near = { lon: kti.lon + 0.3 * (road.lon - kti.lon), lat: kti.lat + 0.3 * (road.lat - kti.lat) };
    const d = snapper.nearest(near.lon, near.lat)!.distanceM;
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(SNAP_LIMIT_M);
    for (const [lon, lat, ok] of [[near.lon, near.lat, true], [104.99, 11.6, false]] as const) {
      const r = cli('route', '--from', `${lon},${lat}`, '--to', 'sokha_hotel', '--json');
      expect(r.code === 0, r.err).toBe(ok);
      if (!ok) expect(r.err).toMatch(new RegExp(`more than ${SNAP_LIMIT_M} m from any road`));
      const file = path.join(tmp, `snap-${ok}.yaml`);
      fs.writeFileSync(file, fs.readFileSync(bareMovements('snap', [['royal_palace', 'sokha_hotel', '10:00']]), 'utf8').replace('from: royal_palace', `from: [${lon}, ${lat}]`));
      if (ok) {
        const scenario = await loadScenarioOrThrow(file, { graph });
        const run = new PreparedRun(graph, planFromScenario(scenario, graph));
        expect(run.routes[0]![0]!.found).toBe(true);
      } else await expect(loadScenarioOrThrow(file, { graph })).rejects.toThrow(new RegExp(`more than the ${SNAP_LIMIT_M} m snap limit`));
    }
  });

  it('every gazetteer landmark is routable by its id in validation and the run; route shows the snap and warns past the limit', async () => {
    const landmarks = loadGazetteer();
    const far = landmarks.filter((l) => snapPlace(EdgeSnapper.for(graph), l.lon, l.lat, true)!.distanceM > SNAP_LIMIT_M);
    expect(far.map((l) => l.id)).toContain('kti_airport');
    const file = bareMovements('landmarks', landmarks.map((l) => [l.id, l.id === 'sokha_hotel' ? 'royal_palace' : 'sokha_hotel', '10:00'] as const));
    const scenario = await loadScenarioOrThrow(file, { graph });
    const run = new PreparedRun(graph, planFromScenario(scenario, graph));
    landmarks.forEach((l, i) => expect(run.routes[i]![0]!.found, l.id).toBe(true));

    const text = cli('route', '--from', 'kti_airport', '--to', 'sokha_hotel');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/from kti_airport: snapped 1\.1 km onto the nearest road/);
    expect(text.out).toMatch(new RegExp(`warning: --from kti_airport is 1\\.1 km from the nearest mapped road \\(more than the ${SNAP_LIMIT_M} m snap limit\\)`));
    expect(text.out).toMatch(/to sokha_hotel: snapped \d+ m onto the nearest road/);
    const geojson = path.join(tmp, 'kti.geojson');
    const json = cli('route', '--from', 'kti_airport', '--to', 'sokha_hotel', '--json', '--geojson', geojson);
    expect(json.code, json.err).toBe(0);
    expect(json.err).toMatch(/motorcade: warning: --from kti_airport is 1\.1 km/);
    const doc = JSON.parse(json.out) as { snap_limit_m: number; warnings: string[]; places: { role: string; landmark: boolean; snapped: { distance_m: number }; warning: string | null }[] };
    expect(doc.snap_limit_m).toBe(SNAP_LIMIT_M);
    expect(doc.places[0]).toMatchObject({ role: 'from', landmark: true });
    expect(doc.places[0]!.snapped.distance_m).toBeGreaterThan(1000);
    expect(doc.places[0]!.warning).toMatch(/snap limit/);
    expect(doc.places[1]!.warning).toBeNull();
    expect(doc.warnings).toHaveLength(1);
    const fc = JSON.parse(fs.readFileSync(geojson, 'utf8')) as { features: { geometry: { type: string }; properties: Record<string, unknown> }[] };
    const start = fc.features.find((f) => f.properties['role'] === 'from')!;
    expect(start.properties['snap_m'] as number).toBeGreaterThan(1000);
    expect(start.properties['warning']).toMatch(/snap limit/);
    expect(fc.features.filter((f) => f.properties['role'] === 'snap' && f.geometry.type === 'LineString')).toHaveLength(2);
  });

  it('routes are told by the places they pass, bridges by the nearest bridge landmark', () => {
    const r = cli('route', '--from', 'pnh_airport', '--to', 'sokha_hotel');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/passes: .*Chroy Changvar bridges \([\d.]+ km\) → Sokha Phnom Penh Hotel & Residence/);
    expect(r.out).toMatch(/bridges: .*Chroy Changvar bridges \(\d+ m\)/);
    const j = cli('route', '--from', 'pnh_airport', '--to', 'sokha_hotel', '--json');
    const doc = JSON.parse(j.out) as { routes: { length_m: number; passes: { id: string; along_m: number; offset_m: number }[] }[] };
    const passes = doc.routes[0]!.passes;
    expect(passes.map((p) => p.id)).toContain('chroy_changvar_bridges');
    // In driving order, within the route.
    for (let i = 1; i < passes.length; i++) expect(passes[i]!.along_m).toBeGreaterThanOrEqual(passes[i - 1]!.along_m);
    expect(passes[passes.length - 1]!.along_m).toBeLessThanOrEqual(doc.routes[0]!.length_m + 1);
  });

  it("JICA: the centre's travel speed at the peaks is just above 20 km/h (../shared/data/phnom-penh/README.md)", () => {
    // Fastest routes between every pair of the central landmarks (all within 3 km of the Independence
    // Monument), at the start of each peak: total length over total time.
    const ids = ['royal_palace', 'independence_monument', 'wat_phnom', 'rosewood', 'hyatt_regency', 'sofitel_phokeethra', 'nagaworld_1', 'calmette', 'khmer_soviet', 'raffles_le_royal'];
    const centre = loadGazetteer().filter((l) => ids.includes(l.id));
    expect(centre).toHaveLength(ids.length);
    const snapper = EdgeSnapper.for(graph);
    const router = new Router(graph);
    const ends = centre.map((l) => snapPlace(snapper, l.lon, l.lat, true)!);
    const peaks = PHNOM_PENH_TRAFFIC_PROFILE.filter((p) => p.name.endsWith('peak'));
    expect(peaks.map((p) => p.name)).toEqual(['morning peak', 'midday peak', 'evening peak']);
    const kmhAt = (minutes: number): number => {
      const overlay = compileOverlay(graph, { speedFactorByClass: speedFactorsAt(minutes) });
      let m = 0;
      let s = 0;
      for (const a of ends) {
        for (const b of ends) {
          if (a === b) continue;
          const r = router.fastest(a, b, { overlay });
          expect(r.found).toBe(true);
          if (!r.found) continue;
          m += r.lengthM;
          s += r.timeS;
        }
      }
      return (m / s) * 3.6;
    };
    // The two commuter peaks: above JICA's 20 km/h, and not much above it (the centre is congested).
    for (const p of peaks.filter((x) => x.name !== 'midday peak')) {
      const kmh = kmhAt(p.startMin);
      expect(kmh, p.name).toBeGreaterThan(20);
      expect(kmh, p.name).toBeLessThan(24);
    }
    // Midday is lighter, and nothing beats the free-flow (legal-limit) speeds of the night.
    const midday = kmhAt(peaks[1]!.startMin);
    const night = kmhAt(23 * 60);
    expect(midday).toBeGreaterThan(kmhAt(peaks[0]!.startMin));
    expect(night).toBeGreaterThan(midday);
    expect(night).toBeLessThanOrEqual(40);
  });

  it('responders with lights and sirens avoid their share of congestion in the response tables, never beating free flow', async () => {
    const scenario = await loadScenarioOrThrow(bareMovements('sirens', [['royal_palace', 'calmette', '17:30']]), { graph });
    const run = new PreparedRun(graph, planFromScenario(scenario, graph));
    const band = run.traffic.bandAt(17.5 * 3600);
    const s = EdgeSnapper.for(graph).nearest(104.92819, 11.55644)!;
    const src = [{ endpoint: { edge: s.edge, fraction: s.fraction }, offsetS: 0 }];
    const ordinary = run.routing.nodeTimes(src, 'forward', band);
    const eod = run.routing.nodeTimes(src, 'forward', band, 'eod');
    const police = run.routing.nodeTimes(src, 'forward', band, 'police');
    const free = run.routing.nodeTimes(src, 'forward', -1);
    const freeWithSirens = run.routing.nodeTimes(src, 'forward', -1, 'police');
    expect(RESPONDER_CONGESTION_AVOIDED.eod).toBe(0);
    const a = RESPONDER_CONGESTION_AVOIDED.police;
    // Evening-peak factors 0.55–0.7 become 1 − (1 − f)(1 − a): the police drive takes between
    // 0.55 / 0.775 and 0.7 / 0.85 of the ordinary one (a = 0.5), and never less than free flow.
    const lo = 0.55 / (1 - 0.45 * (1 - a));
    const hi = 0.7 / (1 - 0.3 * (1 - a));
    let compared = 0;
    for (let v = 0; v < graph.nodeCount; v++) {
      if (!Number.isFinite(ordinary[v]!) || ordinary[v]! < 60) continue;
      expect(eod[v]).toBe(ordinary[v]);
      expect(police[v]! / ordinary[v]!).toBeGreaterThanOrEqual(lo - 1e-9);
      expect(police[v]! / ordinary[v]!).toBeLessThanOrEqual(hi + 1e-9);
      expect(police[v]!).toBeGreaterThanOrEqual(free[v]! - 1e-9);
      expect(freeWithSirens[v]).toBe(free[v]);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
