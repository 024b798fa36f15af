import { GraphBuilder } from '../../engine/graph/graph-builder.js';
import { roadClassCode } from '../../engine/graph/road-class.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import type { Scenario } from '../../engine/scenario/model.js';
import type { Distribution, OptionResult, RunResult } from '../../engine/model/run-result.js';

/**
 * A hand-made run on a 6×6 grid over central Phnom Penh (≈ 550 m blocks): two options for one movement,
 * threats, responders, hotspots, and a playback with an inject and a reroute. Small enough that the
 * report renders in a few milliseconds, complete enough that every part of the report has something.
 */
const N = 6;
const LON0 = 104.9;
const LAT0 = 11.55;
const STEP = 0.005;

export function gridGraph(): { graph: RoadGraph; edgeBetween: (a: number, b: number) => number; node: (i: number, j: number) => number } {
  const b = new GraphBuilder();
  const node = (i: number, j: number): number => i * N + j;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) b.addNode(LON0 + j * STEP, LAT0 + i * STEP);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const cls = roadClassCode(i === 2 || j === 3 ? 'major' : 'minor')!;
      // Named streets, as an OSM extract has them: row 2 and column 3 (the major roads).
      const rowName = i === 2 ? { name: 'Street 2' } : {};
      const colName = j === 3 ? { name: 'Monivong Boulevard' } : {};
      if (j + 1 < N) b.addSegment({ from: node(i, j), to: node(i, j + 1), lengthM: 545, speedKmh: 40, roadClass: cls, interior: [[LON0 + (j + 0.5) * STEP, LAT0 + i * STEP + 0.0001]], ...rowName });
      if (i + 1 < N) b.addSegment({ from: node(i, j), to: node(i + 1, j), lengthM: 553, speedKmh: 40, roadClass: cls, ...colName });
    }
  }
  const graph = b.build({ source: { kind: 'test-grid' }, report: {}, builtAt: '2026-01-01T00:00:00Z' });
  const edgeBetween = (a: number, c: number): number => {
    for (let e = graph.firstOut[a]!; e < graph.firstOut[a + 1]!; e++) if (graph.head[e] === c) return e;
    throw new Error(`no edge ${a}->${c}`);
  };
  return { graph, edgeBetween, node };
}

export const WATER = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { kind: 'water' }, geometry: { type: 'Polygon', coordinates: [[[104.93, 11.54], [104.94, 11.54], [104.94, 11.58], [104.93, 11.58], [104.93, 11.54]]] } },
  ],
};

const place = (id: string, kind: string, label: string, lon: number, lat: number) => ({ id, kind, label, lon, lat, trauma: kind === 'hospital' });

export function fixtureScenario(): Scenario {
  return {
    file: '/tmp/fixture.yaml',
    name: 'Grid fixture',
    description: 'A hand-made scenario on a grid, for the report tests.',
    date: '2022-11-10',
    timezone: 'Asia/Phnom_Penh',
    startS: null,
    graph: { kind: 'bundled', city: 'phnom-penh' },
    places: {
      airport: place('airport', 'airport', 'Airport', LON0, LAT0),
      hotel: place('hotel', 'hotel', 'Hotel Cambodiana', LON0 + 5 * STEP, LAT0 + 5 * STEP),
      hospital: place('hospital', 'hospital', 'Calmette Hospital', LON0 + 4 * STEP, LAT0 + 1 * STEP),
      haven: place('haven', 'safe_haven', 'Embassy', LON0 + 1 * STEP, LAT0 + 4 * STEP),
      post: place('post', 'police_post', 'Police post 1', LON0 + 2 * STEP, LAT0 + 2 * STEP),
    },
    delegations: { d1: { id: 'd1', name: 'Delegation One', size: 12, priority: 1, vehicles: { count: 6, armoured: 2 }, escort: 'e1' } },
    escortProfiles: { e1: { id: 'e1', outriders: 4, leadCars: 1, sweepCars: 1, intersectionControl: 'rolling', speedCapKmh: 60, convoyLengthM: 200 } },
    movements: [{ id: 'm1', delegation: 'd1', from: 'airport', to: 'hotel', via: [], departure: { fromS: 30600, toS: 30600 }, options: [{ id: 'A', label: 'primary', choice: { kind: 'fastest' } }, { id: 'B', label: 'alternate', choice: { kind: 'safest', maxDelayS: 300 } }] }],
    threats: [
      { id: 'protest', kind: 'protest', area: { type: 'circle', lon: LON0 + 3 * STEP, lat: LAT0 + 2 * STEP, radiusM: 300 }, intensity: 0.8, active: { fromS: 30000, toS: 36000 }, label: 'Protest at the monument <img src=x>' },
      { id: 'overlook', kind: 'overlook', area: { type: 'polygon', ring: [[104.91, 11.57], [104.915, 11.57], [104.915, 11.575], [104.91, 11.57]] }, intensity: 0.4, active: { fromS: 0, toS: 86400 }, label: 'Overlook' },
    ],
    chokepoints: [],
    responders: [
      { id: 'r1', type: 'police', place: 'post', lon: LON0 + 2 * STEP, lat: LAT0 + 2 * STEP, turnoutS: 60, available: { fromS: 0, toS: 86400 }, count: 2 },
      { id: 'r2', type: 'ambulance', place: 'hospital', lon: LON0 + 4 * STEP, lat: LAT0 + 1 * STEP, turnoutS: 90, available: { fromS: 0, toS: 86400 }, count: 1 },
    ],
    traffic: { bands: [], variationSigma: 0.1, incidentsPerHour: 0 },
    injects: [],
    monteCarlo: { samples: 50, seed: 7 },
    scoring: {
      weights: { threat: 1, slow: 0.5, standstill: 1, chokepoint: 0.5, crowd: 1, predictability: 0.2 },
      responseTargetS: { police: 300, qrf: 480, ambulance: 480, eod: 1200 },
      evacuationTargetS: 600,
      slowSpeedKmh: 15,
    },
  } as unknown as Scenario;
}

/** 50 samples in 20 bins, right-skewed like a travel time (sums to samplesDone = 50). */
const COUNTS = [1, 2, 3, 5, 6, 7, 6, 5, 4, 3, 2, 2, 1, 1, 0, 1, 0, 0, 0, 1];

/** A distribution around x: multipliers of x for min, p25..., mean, max (p05 halfway min..p25). */
function dist(x: number, min: number, p25: number, p50: number, p75: number, p95: number, mean: number, max: number): Distribution {
  return {
    p05: x * (min + p25) / 2, p25: x * p25, p50: x * p50, p75: x * p75, p95: x * p95, mean: x * mean, min: x * min, max: x * max,
    histogram: { start: x * min, width: (x * (max - min)) / COUNTS.length, counts: [...COUNTS] },
  };
}

function option(graph: RoadGraph, id: string, label: string, kind: string, edges: number[], t: number, exp: number): OptionResult {
  const coords: [number, number][] = [];
  for (const e of edges) for (const p of graph.edgeGeometry(e).slice(coords.length ? 1 : 0)) coords.push(p);
  let clock = 30600;
  const trajectory = edges.map((e) => {
    const entryS = clock;
    clock += graph.timeS[e]! * (t / edges.reduce((s, x) => s + graph.timeS[x]!, 0));
    return { edge: e, entryS, exitS: clock, speedKmh: 35 };
  });
  const mid = graph.edgeGeometry(edges[4]!)[0]!;
  return {
    id, label, kind, found: true,
    route: { edges, coordinates: coords, lengthM: edges.reduce((s, e) => s + graph.lengthM[e]!, 0), freeFlowTimeS: edges.reduce((s, e) => s + graph.timeS[e]!, 0), roads: [], bridges: 0 },
    samplesDone: 50, arrivedShare: 1, arrivedSamples: 50, reroutedShare: id === 'A' ? 0.1 : 0,
    reroutes: id === 'A' ? [{ option: null, share: 0.1 }] : [], detourVia: [], drivenM: { p50: 3300, p95: 3400, mean: 3310 },
    didNotArrive: { samples: 0, stops: [] }, held: { share: 0, stops: [] }, quantiles: 'exact', sameRouteAs: null, dominatedBy: null,
    timeS: dist(t, 0.9, 0.95, 1, 1.1, 1.2, 1.05, 1.4),
    exposure: {
      total: dist(exp, 0.5, 0.7, 1, 1.3, 1.5, 1.1, 2),
      components: { threat: { p50: exp * 0.6, p95: exp, mean: exp * 0.6 }, slow: { p50: exp * 0.2, p95: exp * 0.3, mean: exp * 0.2 }, stopped: { p50: exp * 0.1, p95: exp * 0.1, mean: exp * 0.1 }, chokepoint: { p50: exp * 0.1, p95: exp * 0.1, mean: exp * 0.1 }, crowd: { p50: 0, p95: 0, mean: 0 }, predictability: { p50: 0, p95: 0, mean: 0 } },
    },
    hotspots: [{ fromIndex: 3, toIndex: 5, fromM: 1600, toM: 3300, lon: mid[0], lat: mid[1], near: 'Independence Monument', exposure: exp * 0.5, share: 0.5, mainComponent: 'threat' }],
    response: [
      { type: 'police', units: 2, targetS: 300, p50S: 150, p95S: id === 'A' ? 280 : 240, maxS: 320, withinTargetShare: 0.9, worst: [{ fromM: 0, toM: 400, lon: LON0 + 0.0005, lat: LAT0 + 0.0003, near: 'Airport gate', valueS: 320 }, { fromM: 900, toM: 1000, lon: LON0 + 0.009, lat: LAT0, near: 'Street 1', valueS: 250 }] },
      { type: 'ambulance', units: 1, targetS: 480, p50S: 200, p95S: 400, maxS: 500, withinTargetShare: 0.85, worst: [] },
    ],
    evacuation: [
      { kind: 'hospital', destinations: ['hospital'], targetS: 600, p50S: 180, p95S: 420, maxS: 480, withinTargetShare: 1, worst: [] },
      { kind: 'safe_haven', destinations: ['haven'], targetS: 600, p50S: 200, p95S: 500, maxS: 650, withinTargetShare: 0.95, worst: [] },
    ],
    chokepoints: [{ edge: edges[2]!, index: 2, kind: 'shared', reason: 'used by all 2 alternatives', lon: mid[0], lat: mid[1] + 0.002, near: 'Sisowath Quay' }],
    robustness: [
      id === 'A'
        ? { edge: edges[2]!, index: 2, lon: mid[0], lat: mid[1] + 0.002, near: 'Sisowath Quay', extraTimeS: 95, outcome: 'detour', reason: 'the road (both directions): detour via the next block', closedEdges: [edges[2]!], spans: 1, crossings: 1, worst: true }
        : { edge: edges[2]!, index: 2, lon: mid[0], lat: mid[1] + 0.002, near: 'Sisowath Quay', extraTimeS: null, outcome: 'cannot_arrive', reason: 'both spans of the crossing: bridge (400 m)', closedEdges: [edges[2]!], spans: 2, crossings: 1, worst: true },
    ],
    playback: {
      sample: 0, trajectory, stops: [{ atS: 30700, durationS: 30, lon: mid[0], lat: mid[1], reason: 'junction' }],
      events: [
        { timeS: 30600, kind: 'depart', message: 'm1 departs Airport', lon: LON0, lat: LAT0 },
        { timeS: 30750, kind: 'inject', message: 'Road closed at the monument (trainer inject 1)', lon: mid[0], lat: mid[1] },
        { timeS: 30751, kind: 'reroute', message: 'Rerouted around the closure (+40 s)', lon: mid[0], lat: mid[1] },
        { timeS: clock, kind: 'arrive', message: 'm1 arrives at Hotel Cambodiana', lon: LON0 + 5 * STEP, lat: LAT0 + 5 * STEP },
      ],
    },
    score: t * 1.05 + exp * 1.1,
  };
}

export function fixtureRun(): { graph: RoadGraph; scenario: Scenario; result: RunResult } {
  const { graph, edgeBetween, node } = gridGraph();
  const path = (cells: [number, number][]): number[] => cells.slice(1).map((c, k) => edgeBetween(node(...cells[k]!), node(...c)));
  // A: east along row 0 then north along column 5; B: north along column 0 then east along row 5.
  const a: [number, number][] = [];
  for (let j = 0; j < N; j++) a.push([0, j]);
  for (let i = 1; i < N; i++) a.push([i, N - 1]);
  const bb: [number, number][] = [];
  for (let i = 0; i < N; i++) bb.push([i, 0]);
  for (let j = 1; j < N; j++) bb.push([N - 1, j]);
  const result: RunResult = {
    format: 'motorcade-run/1',
    partial: false,
    scenario: { id: 'grid-fixture', name: 'Grid fixture' },
    seed: '7',
    samples: 50,
    graph: { nodes: graph.nodeCount, edges: graph.edgeCount, source: 'test grid', attribution: '© OpenStreetMap contributors, ODbL 1.0' },
    scoring: {
      weights: { threat: 1, slow: 0.5, stopped: 1, chokepoint: 0.5, crowd: 1, predictability: 0.2 },
      responseTargetS: { police: 300, qrf: 480, ambulance: 480, eod: 1200 },
      evacuationTargetS: 600, slowKmh: 15, stoppedKmh: 2, threatDecayM: 200, minArrivedShare: 0.5, delayMinuteExposure: 60,
    },
    movements: [{
      id: 'm1', delegation: 'd1',
      from: { id: 'airport', label: 'Airport', lon: LON0, lat: LAT0 },
      to: { id: 'hotel', label: 'Hotel Cambodiana', lon: LON0 + 5 * STEP, lat: LAT0 + 5 * STEP },
      departureS: 30600,
      options: [option(graph, 'A', 'primary', 'fastest', path(a), 720, 140), option(graph, 'B', 'alternate', 'safest', path(bb), 800, 60)],
      recommended: 'B',
      comparison: null,
      verdict: 'B is 1:20 slower but more than halves exposure at the Independence Monument protest.',
    }],
  };
  return { graph, scenario: fixtureScenario(), result };
}
