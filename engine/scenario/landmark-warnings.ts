import { EdgeSnapper } from '../graph/edge-snapper.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { SNAP_LIMIT_M, snapPlace, snapWarning } from '../route/policy.js';
import type { Scenario } from './model.js';

/** A gazetteer landmark, used at its own position, that lies farther from any road than the snap limit. */
export interface LandmarkWarning {
  /** Place id, as the scenario names it. */
  place: string;
  kind: 'landmark_far_from_road';
  /** Where the scenario uses it first: a movement's from / to / via, a responder's place, or its declaration. */
  path: string;
  /** Metres from the landmark to the road it snaps to. */
  distanceM: number;
  message: string;
}

/**
 * Landmarks the routing policy snaps at any distance (engine/route/policy.ts: a landmark at its gazetteer
 * position is a real place, so it is never refused), which `motorcade route` flags past the snap limit.
 * The same warning for a scenario: its trips start or end on the nearest road, and the distance beyond it
 * is not modelled. Places given by coordinates are not warned about here: past the limit they are errors
 * (graph-checks.ts).
 */
export function landmarkWarnings(scenario: Scenario, graph: RoadGraph): LandmarkWarning[] {
  if (!graph.isLonLat || graph.edgeCount === 0) return [];
  const snapper = EdgeSnapper.for(graph);
  const out: LandmarkWarning[] = [];
  for (const place of Object.values(scenario.places)) {
    if (place.gazetteerPosition !== true) continue;
    const snap = snapPlace(snapper, place.lon, place.lat, true);
    if (!snap || !snap.beyondLimit) continue;
    out.push({
      place: place.id,
      kind: 'landmark_far_from_road',
      path: firstUse(scenario, place.id),
      distanceM: Math.round(snap.distanceM),
      message: snapWarning(`landmark '${place.id}' (${place.label})`, snap.distanceM, SNAP_LIMIT_M),
    });
  }
  return out;
}

/** The path of the first reference to a place, in the order a reader meets them. */
function firstUse(scenario: Scenario, id: string): string {
  for (const m of scenario.movements) {
    if (m.from === id) return `movements.${m.id}.from`;
    const v = m.via.indexOf(id);
    if (v >= 0) return `movements.${m.id}.via.${v}`;
    if (m.to === id) return `movements.${m.id}.to`;
  }
  const r = scenario.responders.find((x) => x.place === id);
  return r ? `responders.${r.id}.place` : `places.${id}`;
}
