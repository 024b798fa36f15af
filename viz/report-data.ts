import type { EncodedLine } from './geometry-codec.js';

/**
 * The data the HTML report embeds (as one JSON object) and its client script draws. It is a view of a
 * run: already in display-friendly shapes, geometry delta-encoded (geometry-codec.ts), times in seconds
 * (the client formats minutes and clock times), exposure in weighted seconds as the engine reports it.
 * It holds no timestamps, so the same run gives a byte-identical report.
 */
import type { ReportDeployment } from './deployment-view.js';

export interface ReportData {
  /** Format of this object, bumped when the client must change with it. */
  version: 2;
  title: string;
  /** Printed at the top and bottom of every page (e.g. "RESTRICTED — planning document"). */
  classification: string;
  /** The scenario's day (YYYY-MM-DD), or '' when it names none. */
  scenario: { id: string; name: string; description: string; date: string };
  seed: string;
  samples: number;
  /** Shown on the map and in print; required by the ODbL of the road and water data. */
  attribution: string;
  /** [west, south, east, north] in degrees: the initial view. */
  bbox: [number, number, number, number];
  basemap: Basemap;
  places: ReportPlace[];
  /** Gazetteer landmarks and bridges in the graph's extent: labelled at every zoom. */
  landmarks: ReportLandmark[];
  /** Street-name anchors, when the graph carries road names (empty for the bundled data). */
  streets: StreetLabel[];
  threats: ReportThreat[];
  responders: ReportResponder[];
  serviceAreas: ServiceArea[];
  movements: ReportMovement[];
  /** Junction posts, conflicts and the day timeline of the driven options (`motorcade deploy`); absent without a plan. */
  deployment?: ReportDeployment;
  /** Lines shown under the title (graph source, engine notes). */
  notes: string[];
}

export interface Basemap {
  /** One entry per drawing style, drawn in order (minor roads first, major last). */
  roads: { style: RoadStyle; label: string; lines: EncodedLine[] }[];
  /** Water polygons: each polygon is [outer ring, …holes]. */
  water: EncodedLine[][];
}

export type RoadStyle = 'motorway' | 'major' | 'minor' | 'link' | 'other';

export type PlaceRole = 'hospital' | 'safe_haven' | 'venue' | 'airport' | 'hotel' | 'origin' | 'destination' | 'place';

export interface ReportPlace {
  id: string;
  name: string;
  role: PlaceRole;
  lon: number;
  lat: number;
}

/** A named point that is not one of the scenario's places (a gazetteer landmark, a bridge). */
export interface ReportLandmark {
  id: string;
  name: string;
  /** Gazetteer kind: bridge | monument | hotel | venue | hospital | airport | … */
  kind: string;
  lon: number;
  lat: number;
}

/** Where a street name can be written: a point on the road and the road's direction there. */
export interface StreetLabel {
  name: string;
  lon: number;
  lat: number;
  /** Degrees counter-clockwise from east on a north-up map, -90..90. */
  angle: number;
  /** Road importance, 5 (motorway/trunk) … 0 (other): the client labels higher ranks first. */
  rank: number;
}

/** A time window in seconds since midnight of the scenario day. */
export interface TimeWindow {
  fromS: number;
  toS: number;
}

export interface ReportThreat {
  id: string;
  name: string;
  kind: string;
  /** 0..1 (or the scenario's scale); drawn as opacity. */
  intensity: number;
  windows: TimeWindow[];
  /** A circle (centre + radius in metres) or a polygon ring [lon, lat][]. */
  circle?: { lon: number; lat: number; radiusM: number };
  polygon?: [number, number][];
}

export interface ReportResponder {
  id: string;
  type: string;
  name: string;
  lon: number;
  lat: number;
  count: number;
  turnoutS: number;
}

/**
 * Where units of one type reach the roads within their target (turnout + free-flow travel), as the
 * outline of those roads (viz/service-area-outline.ts): rings, outer ones counter-clockwise, holes clockwise.
 */
export interface ServiceArea {
  type: string;
  targetS: number;
  /** Roads (each two-way road once) inside the area. */
  roadCount: number;
  outline: EncodedLine[];
}

/** A distribution's quantiles as the run reports them (seconds or exposure-seconds), without the histogram. */
export interface Quantiles {
  p05?: number;
  p25?: number;
  p50: number;
  p75?: number;
  p95: number;
  mean?: number;
  min?: number;
  max?: number;
}

/**
 * One distribution over samples for the report's charts, copied from the run's `Distribution` (same unit:
 * seconds for travel time, exposure-seconds for exposure). The box plot draws whiskers p05..p95, box
 * p25..p75, a bar at p50, a dot at the mean and ticks at min and max; the histogram draws `counts`.
 */
export interface BoxStats {
  min: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  max: number;
  mean: number;
  /** Equal-width bins from `start`, each `width` wide (same unit as above); counts sum to the samples done. */
  histogram: { start: number; width: number; counts: number[] };
  /** Samples the distribution covers (the option's samplesDone). */
  samples: number;
}

export interface ReportMovement {
  id: string;
  label: string;
  delegation: string;
  from: string;
  to: string;
  departS: number;
  recommendedOptionId: string | null;
  verdict: string;
  options: ReportOption[];
}

export interface ReportOption {
  id: string;
  label: string;
  /** fastest | safest | auto | via. */
  kind: string;
  recommended: boolean;
  /** The run's ranking score (lower is better). */
  score: number;
  found: boolean;
  /** Why no route, when found is false. */
  reason?: string;
  lengthM: number;
  freeFlowS: number;
  /** The route as stretches coloured by exposure: each piece is a line and its exposure per km. */
  pieces: { line: EncodedLine; exposurePerKm: number }[];
  timeS: Quantiles;
  exposure: { total: Quantiles; components: { name: string; p50: number; p95: number }[] };
  /** Seconds, turnout included; null when no unit can reach the route. */
  response: { type: string; units: number; p50S: number | null; p95S: number | null; maxS: number | null; shareWithinTarget: number; targetS: number }[];
  /** Share of the route inside the target of every responder type (the minimum over types), 0..1. */
  coverage: number | null;
  evacuation: { to: string; p50S: number | null; p95S: number | null; maxS: number | null; shareWithinTarget: number; targetS: number }[];
  /** The worst closure (the smallest set that costs the most): its extra time, or worstCannotArrive when there is no way round. */
  robustness: { worstExtraS: number | null; worstCannotArrive: boolean; noDetour: number; criticalEdges: number; items: { lon: number; lat: number; extraS: number | null; cannotArrive: boolean; label: string }[] };
  arrivedShare: number;
  reroutedShare: number;
  /** Why no sample arrived (where the first stopped), or null when some did: its times and exposure are then not shown. */
  didNotArrive: string | null;
  hotspots: { lon: number; lat: number; exposure: number; label: string }[];
  /** Worst-covered stretches of the route (response per type, evacuation), from the nominal run. */
  gaps: { lon: number; lat: number; what: string; valueS: number | null; targetS: number; near: string }[];
  /** near: the place it is at or near, the name of its site on the map (viz/client/chokepoints.js). */
  chokepoints: { lon: number; lat: number; kind: string; reason: string; near: string }[];
  distributions: { timeS: BoxStats; exposure: BoxStats };
  playback?: Playback;
}

/** One sampled run: the vehicle's path with a time at every vertex, its stops and its event log. */
export interface Playback {
  sampleIndex: number;
  /** Flat [lon*1e5, lat*1e5, tS] triples, absolute (not delta): the client interpolates between them. */
  track: number[];
  stops: { fromS: number; toS: number; lon: number; lat: number; reason: string }[];
  events: { tS: number; kind: string; message: string; lon?: number; lat?: number }[];
}
