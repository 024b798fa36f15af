import type { RoadGraph } from '../engine/graph/road-graph.js';
import type { Place, Scenario, Threat } from '../engine/scenario/model.js';
import type { RunResult } from '../engine/model/run-result.js';
import { encodeRing, roundDeg, type EncodedLine } from './geometry-codec.js';
import type { PlaceRole, ReportPlace, ReportResponder, ReportThreat, ServiceArea } from './report-data.js';
import { Router } from '../engine/route/router.js';
import { serviceAreaEdges } from './service-area.js';
import { outlineOfEdges } from './service-area-outline.js';

/** The map layers that come from the scenario itself: places, threat zones, responders and their reach. */

function roleOf(p: Place): PlaceRole {
  switch (p.kind) {
    case 'hospital':
    case 'safe_haven':
    case 'venue':
    case 'airport':
    case 'hotel':
      return p.kind;
    default:
      return 'place';
  }
}

export function placesOf(scenario: Scenario): ReportPlace[] {
  return Object.values(scenario.places)
    .map((p) => ({ id: p.id, name: p.label, role: roleOf(p), lon: roundDeg(p.lon), lat: roundDeg(p.lat) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function threatView(t: Threat, name: string, window: { fromS: number; toS: number }): ReportThreat {
  const out: ReportThreat = { id: t.id, name, kind: t.kind, intensity: t.intensity, windows: [window] };
  if (t.area.type === 'circle') out.circle = { lon: roundDeg(t.area.lon), lat: roundDeg(t.area.lat), radiusM: t.area.radiusM };
  else out.polygon = t.area.ring.map(([lon, lat]) => [roundDeg(lon), roundDeg(lat)] as [number, number]);
  return out;
}

/**
 * The scenario's threat zones, and those that injects add during the day (a timed inject's zone is
 * active from the inject's time; one triggered by a movement keeps its own window, the trigger time
 * not being known before the run).
 */
export function threatsOf(scenario: Scenario): ReportThreat[] {
  const out = scenario.threats.map((t) => threatView(t, t.label, t.active));
  for (const inj of scenario.injects) {
    if (inj.action.type !== 'add_threat') continue;
    const t = inj.action.threat;
    const from = inj.trigger.kind === 'at' ? Math.max(t.active.fromS, inj.trigger.atS) : t.active.fromS;
    if (from >= t.active.toS) continue;
    out.push(threatView(t, `${t.label} (added by inject ${inj.id})`, { fromS: from, toS: t.active.toS }));
  }
  return out;
}

export function respondersOf(scenario: Scenario): ReportResponder[] {
  return scenario.responders.map((r) => ({
    id: r.id,
    type: r.type,
    name: scenario.places[r.place]?.label ?? r.place,
    lon: roundDeg(r.lon),
    lat: roundDeg(r.lat),
    count: r.count,
    turnoutS: r.turnoutS,
  }));
}

/**
 * Per responder type, the outline of the roads its units reach within the response target the run used
 * (turnout + free-flow travel from the nearest post).
 */
export function serviceAreasOf(graph: RoadGraph, scenario: Scenario, result: RunResult): ServiceArea[] {
  const types = [...new Set(scenario.responders.map((r) => r.type))].sort();
  const router = new Router(graph);
  return types.map((type) => {
    const targetS = result.scoring.responseTargetS[type] ?? scenario.scoring.responseTargetS[type];
    const posts = scenario.responders.filter((r) => r.type === type).map((r) => ({ lon: r.lon, lat: r.lat, turnoutS: r.turnoutS }));
    const edges = serviceAreaEdges(graph, posts, targetS, router);
    const outline = outlineOfEdges(graph, edges).map((ring) => encodeRing(ring)).filter((r): r is EncodedLine => r !== undefined);
    return { type, targetS, roadCount: edges.length, outline };
  });
}
