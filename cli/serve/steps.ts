import { segmentDistanceSquared } from '../../engine/geo/segment-projection.js';
import type { RoadGraph } from '../../engine/graph/index.js';
import type { Landmark } from '../../engine/import/gazetteer.js';
import { routeCoordinates, type RouteFound } from '../../engine/route/index.js';
import { encodeLine, type GeometryFormat } from './geometry.js';
import { roundTo } from '../../engine/rounding.js';

/** A landmark counts as passed when the step's line comes this close (metres). */
const PASSING_M = 150;
/** A change of bearing at a junction from which a step starts even on the same road, degrees. */
const TURN_DEGREES = 40;

export interface OsrmStep {
  distance: number;
  duration: number;
  weight: number;
  name: string;
  mode: 'driving';
  driving_side: 'right';
  geometry: ReturnType<typeof encodeLine>;
  maneuver: { type: string; modifier?: string; location: [number, number]; bearing_before: number; bearing_after: number };
  intersections: { location: [number, number]; bearings: number[]; entry: boolean[]; in?: number; out?: number }[];
  /** motorcade: the instruction in English, naming the road and the landmarks passed. */
  instruction: string;
  /** motorcade: gazetteer ids of the landmarks within 150 m of the step. */
  passing: string[];
}

/**
 * OSRM route steps for one leg: a step per stretch of road with the same name and class, and a new
 * step at each turn of 40° or more at a junction (the Phnom Penh roads are mostly unnamed, so name
 * changes alone would give one step); a `depart` maneuver first and a zero-length `arrive` last. Turn
 * modifiers come from the bearings before and after the maneuver point. Cambodia drives on the right.
 */
export function legSteps(graph: RoadGraph, leg: RouteFound, time: Float64Array, cost: Float64Array, landmarks: readonly Landmark[], format: GeometryFormat): OsrmStep[] {
  const n = leg.edges.length;
  const groups: { first: number; last: number; name: string; roadClass: string }[] = [];
  for (let i = 0; i < n; i++) {
    const e = leg.edges[i]!;
    const name = graph.nameOf(e);
    const roadClass = graph.classOf(e);
    const g = groups[groups.length - 1];
    if (g && g.name === name && g.roadClass === roadClass && !isTurn(graph, leg.edges[i - 1]!, e)) g.last = i;
    else groups.push({ first: i, last: i, name, roadClass });
  }
  const from = leg.fromPosition?.fraction ?? 0;
  const to = leg.toPosition?.fraction ?? 1;
  const steps: OsrmStep[] = [];
  let prevBearing = 0;
  let lastPoint: [number, number] | undefined;
  for (const [k, g] of groups.entries()) {
    let distance = 0;
    let duration = 0;
    let weight = 0;
    for (let i = g.first; i <= g.last; i++) {
      const e = leg.edges[i]!;
      const share = Math.max(0, (i === n - 1 ? to : 1) - (i === 0 ? from : 0));
      distance += share * graph.lengthM[e]!;
      duration += share * time[e]!;
      weight += share * cost[e]!;
    }
    const coords = routeCoordinates(graph, leg.edges.slice(g.first, g.last + 1), g.first === 0 ? from : 0, g.last === n - 1 ? to : 1);
    const after = bearing(coords[0]!, coords[1]!);
    const before = k === 0 ? 0 : prevBearing;
    const { type, modifier } = k === 0 ? { type: 'depart', modifier: compass(after) } : turn(before, after);
    const passing = landmarksNear(coords, landmarks);
    steps.push({
      distance: roundTo(distance, 1),
      duration: roundTo(duration, 1),
      weight: roundTo(weight, 1),
      name: g.name,
      mode: 'driving',
      driving_side: 'right',
      geometry: encodeLine(coords, format),
      maneuver: { type, ...(k === 0 ? {} : { modifier }), location: point(coords[0]!), bearing_before: Math.round(before), bearing_after: Math.round(after) },
      intersections: [{ location: point(coords[0]!), bearings: [Math.round(after)], entry: [true], out: 0 }],
      instruction: instruction(type, modifier, g.name || `the ${g.roadClass} road`, passing.map((l) => shortName(l))),
      passing: passing.map((l) => l.id),
    });
    prevBearing = bearing(coords[coords.length - 2]!, coords[coords.length - 1]!);
    lastPoint = coords[coords.length - 1]!;
  }
  const end = lastPoint ?? [graph.lon(leg.nodes[0] ?? 0), graph.lat(leg.nodes[0] ?? 0)];
  steps.push({
    distance: 0,
    duration: 0,
    weight: 0,
    name: groups[groups.length - 1]?.name ?? '',
    mode: 'driving',
    driving_side: 'right',
    geometry: encodeLine([end, end], format),
    maneuver: { type: 'arrive', location: point(end), bearing_before: Math.round(prevBearing), bearing_after: 0 },
    intersections: [{ location: point(end), bearings: [Math.round((prevBearing + 180) % 360)], entry: [true], in: 0 }],
    instruction: 'Arrive at your destination',
    passing: [],
  });
  return steps;
}

/**
 * A turn worth its own step on an unchanged road: at a junction with a choice (more than one way on,
 * U-turn aside), the bearing changes by TURN_DEGREES or more.
 */
function isTurn(graph: RoadGraph, prev: number, next: number): boolean {
  const v = graph.head[prev]!;
  if (graph.outDegree(v) <= 2) return false;
  const a = graph.edgeGeometry(prev);
  const b = graph.edgeGeometry(next);
  const delta = ((bearing(b[0]!, b[1]!) - bearing(a[a.length - 2]!, a[a.length - 1]!) + 540) % 360) - 180;
  return Math.abs(delta) >= TURN_DEGREES;
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearing(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const y = Math.sin((b[0] - a[0]) * rad) * Math.cos(b[1] * rad);
  const x = Math.cos(a[1] * rad) * Math.sin(b[1] * rad) - Math.sin(a[1] * rad) * Math.cos(b[1] * rad) * Math.cos((b[0] - a[0]) * rad);
  return ((Math.atan2(y, x) / rad) % 360 + 360) % 360;
}

/** OSRM maneuver type and modifier for a change of bearing (positive = to the right). */
export function turn(before: number, after: number): { type: string; modifier: string } {
  const delta = ((after - before + 540) % 360) - 180;
  const side = delta > 0 ? 'right' : 'left';
  const a = Math.abs(delta);
  if (a < 15) return { type: 'new name', modifier: 'straight' };
  if (a < 40) return { type: 'turn', modifier: `slight ${side}` };
  if (a < 120) return { type: 'turn', modifier: side };
  if (a < 165) return { type: 'turn', modifier: `sharp ${side}` };
  return { type: 'turn', modifier: 'uturn' };
}

function compass(b: number): string {
  return ['north', 'northeast', 'east', 'southeast', 'south', 'southwest', 'west', 'northwest'][Math.round(b / 45) % 8]!;
}

function instruction(type: string, modifier: string, road: string, passing: string[]): string {
  let text: string;
  if (type === 'depart') text = `Head ${modifier} on ${road}`;
  else if (modifier === 'straight') text = `Continue onto ${road}`;
  else if (modifier === 'uturn') text = `Make a U-turn onto ${road}`;
  else text = `Turn ${modifier} onto ${road}`;
  return passing.length > 0 ? `${text}, passing ${passing.join(', ')}` : text;
}

/** A landmark's name up to its first parenthesis, comma or dash (the gazetteer appends notes). */
function shortName(l: Landmark): string {
  return l.name.split(/ \(|, | - /)[0]!.trim();
}

function landmarksNear(coords: readonly [number, number][], landmarks: readonly Landmark[]): Landmark[] {
  if (landmarks.length === 0) return [];
  const lat0 = (coords[0]![1] * Math.PI) / 180;
  const kx = 111_320 * Math.cos(lat0);
  const ky = 110_540;
  return landmarks.filter((l) => {
    const px = l.lon * kx;
    const py = l.lat * ky;
    for (let i = 1; i < coords.length; i++) {
      const a = coords[i - 1]!;
      const b = coords[i]!;
      if (segmentDistanceSquared(px, py, a[0] * kx, a[1] * ky, b[0] * kx, b[1] * ky) <= PASSING_M * PASSING_M) return true;
    }
    return false;
  });
}

function point(p: readonly [number, number]): [number, number] {
  return [roundTo(p[0], 6), roundTo(p[1], 6)];
}
