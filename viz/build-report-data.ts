import type { RoadGraph } from '../engine/graph/road-graph.js';
import type { Scenario } from '../engine/scenario/model.js';
import { OSM_ATTRIBUTION, type RunResult } from '../engine/model/run-result.js';
import { roadLayers, graphBbox, waterLayer } from './basemap.js';
import { decodeLine } from './geometry-codec.js';
import { optionView, type ExposureProfile } from './option-view.js';
import type { ReportData, ReportMovement } from './report-data.js';
import { placesOf, respondersOf, serviceAreasOf, threatsOf } from './scenario-layers.js';
import type { Landmark } from '../engine/import/gazetteer.js';
import { bridgeLabelsOf, landmarksOf, streetLabelsOf } from './map-labels.js';
import type { DeploymentPlan } from '../engine/analysis/deployment/index.js';
import { deploymentView } from './deployment-view.js';

/** The classification line when none is given: says what the document is, claims no marking. */
export const DEFAULT_CLASSIFICATION = 'Planning document — not for public release';

/** Everything the report is made of. Pure data in, pure data out: no file or network access. */
export interface ReportInput {
  /** The graph the run used (edge ids in the result refer to it). */
  graph: RoadGraph;
  scenario: Scenario;
  result: RunResult;
  /** water.geojson as parsed JSON (a FeatureCollection of Polygons), or null to draw no water. */
  water: unknown;
  /** Override the report title. */
  title?: string;
  /** Classification line printed on every page (default DEFAULT_CLASSIFICATION). */
  classification?: string;
  /** Gazetteer landmarks (named places, bridges) to label on the map; none when omitted. */
  landmarks?: readonly Landmark[];
  /**
   * Exposure edge by edge along each option (movement and option index as in the result), from the
   * engine's nominal run. Without it the route is coloured from the hotspots alone.
   */
  exposureProfile?: (movementIndex: number, optionIndex: number) => ExposureProfile | null;
  /** The deployment plan of the run's movements (`motorcade deploy`): a map layer and a day timeline. */
  deployment?: DeploymentPlan;
}

export type { ExposureProfile } from './option-view.js';

/** Shape a run into the data the report embeds. */
export function buildReportData(input: ReportInput): ReportData {
  const { graph, scenario, result } = input;
  const movements: ReportMovement[] = result.movements.map((m, mi) => {
    const scen = scenario.movements.find((s) => s.id === m.id);
    return {
      id: m.id,
      label: `${m.from.label} → ${m.to.label}`,
      delegation: scenario.delegations[m.delegation]?.name ?? m.delegation,
      from: m.from.label,
      to: m.to.label,
      departS: scen ? scen.departure.fromS : m.departureS,
      recommendedOptionId: m.recommended,
      verdict: m.verdict,
      options: m.options.map((o, oi) => optionView(graph, o, m.recommended, input.exposureProfile?.(mi, oi))),
    };
  });
  const landmarks = landmarksOf(input.landmarks ?? [], graphBbox(graph));
  const data: ReportData = {
    version: 2,
    title: input.title ?? `Motorcade plan — ${result.scenario.name || scenario.name}`,
    classification: input.classification ?? DEFAULT_CLASSIFICATION,
    scenario: { id: result.scenario.id, name: result.scenario.name || scenario.name, description: scenario.description, date: scenario.date ?? '' },
    seed: result.seed,
    samples: result.samples,
    attribution: result.graph.attribution || OSM_ATTRIBUTION,
    bbox: [0, 0, 0, 0],
    basemap: { roads: roadLayers(graph), water: input.water === null ? [] : waterLayer(input.water) },
    places: placesOf(scenario),
    landmarks: [...landmarks, ...bridgeLabelsOf(graph, landmarks)],
    streets: streetLabelsOf(graph),
    threats: threatsOf(scenario),
    responders: respondersOf(scenario),
    serviceAreas: serviceAreasOf(graph, scenario, result),
    movements,
    notes: [
      `Road graph: ${result.graph.source} (${result.graph.nodes.toLocaleString('en-US')} nodes, ${result.graph.edges.toLocaleString('en-US')} directed edges).`,
      `${result.samples.toLocaleString('en-US')} Monte Carlo samples per option, seed ${result.seed}.${result.partial ? ' PARTIAL RUN: interrupted before all samples were done.' : ''}`,
    ],
  };
  if (input.deployment) data.deployment = deploymentView(input.deployment);
  data.bbox = viewBbox(data, graph);
  return data;
}

/** The initial view: routes and places with a margin, or the whole graph when there are none. */
function viewBbox(data: ReportData, graph: RoadGraph): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const add = (lon: number, lat: number): void => {
    if (lon < w) w = lon;
    if (lon > e) e = lon;
    if (lat < s) s = lat;
    if (lat > n) n = lat;
  };
  for (const p of data.places) add(p.lon, p.lat);
  for (const m of data.movements) for (const o of m.options) for (const piece of o.pieces) for (const [lon, lat] of decodeLine(piece.line)) add(lon, lat);
  if (!Number.isFinite(w)) return graphBbox(graph);
  const padX = Math.max(0.005, (e - w) * 0.05);
  const padY = Math.max(0.005, (n - s) * 0.05);
  return [w - padX, s - padY, e + padX, n + padY];
}
