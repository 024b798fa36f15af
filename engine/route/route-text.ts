import { haversineM } from '../geo/haversine.js';
import type { RoadGraph } from '../graph/index.js';
import { pointAlong } from './route-geometry.js';
import { placesPassed } from './route-places.js';
import { summarizeRoute } from './route-summary.js';
import type { RouteFound } from './types.js';

/** A named place that can describe a route (a gazetteer landmark or a scenario place). */
export interface NamedPlace {
  id: string;
  name: string;
  kind: string;
  lon: number;
  lat: number;
}

/** A bridge is named after the nearest bridge landmark within this many metres of its middle. */
const BRIDGE_NAME_M = 1000;

/** "12.5 min" / "1 h 05 min" from seconds. */
export function formatDuration(seconds: number): string {
  const min = seconds / 60;
  if (min < 60) return `${min.toFixed(1)} min`;
  const h = Math.floor(min / 60);
  return `${h} h ${String(Math.round(min - 60 * h)).padStart(2, '0')} min`;
}

export function formatKm(metres: number): string {
  return `${(metres / 1000).toFixed(metres < 10_000 ? 2 : 1)} km`;
}

/**
 * Human-readable lines for a route made of one or more legs: time, distance, mean speed, metres per road
 * class, the sequence of roads (named roads by name, unnamed ones by class), the named places it passes
 * (when `places` are given: the bundled roads carry no names, so places tell the route) and bridges
 * crossed (unnamed bridges named after the nearest bridge place).
 */
export function describeRoute(graph: RoadGraph, legs: readonly RouteFound[], time?: Float64Array, places: readonly NamedPlace[] = []): string[] {
  const timeS = legs.reduce((a, l) => a + l.timeS, 0);
  const lengthM = legs.reduce((a, l) => a + l.lengthM, 0);
  const costS = legs.reduce((a, l) => a + l.costS, 0);
  const classes: Record<string, number> = {};
  const sequence: { label: string; lengthM: number }[] = [];
  const bridges: string[] = [];
  for (const leg of legs) {
    const s = summarizeRoute(graph, leg, time);
    for (const [c, m] of Object.entries(s.classLengthM)) classes[c] = (classes[c] ?? 0) + m;
    for (const st of s.stretches) {
      const label = st.name || `(${st.roadClass})`;
      const last = sequence[sequence.length - 1];
      if (last && last.label === label) last.lengthM += st.lengthM;
      else sequence.push({ label, lengthM: st.lengthM });
    }
    for (const b of s.bridges) bridges.push(`${b.name || bridgePlace(graph, b.firstEdge, places) || `bridge at edge ${b.firstEdge}`} (${Math.round(b.lengthM)} m)`);
  }
  const kmh = timeS > 0 ? (lengthM / timeS) * 3.6 : 0;
  const lines = [`${formatDuration(timeS)}, ${formatKm(lengthM)}, mean ${kmh.toFixed(0)} km/h${Math.abs(costS - timeS) > 0.5 ? `, cost ${formatDuration(costS)} with penalties` : ''}`];
  const classText = Object.entries(classes)
    .sort((a, b) => b[1] - a[1])
    .map(([c, m]) => `${c} ${formatKm(m)}`)
    .join(', ');
  lines.push(`road classes: ${classText || '-'}`);
  // Leave out stretches shorter than 150 m so the line stays readable, then merge equal neighbours.
  const shown: { label: string; lengthM: number }[] = [];
  for (const s of sequence) {
    if (s.lengthM < 150) continue;
    const last = shown[shown.length - 1];
    if (last && last.label === s.label) last.lengthM += s.lengthM;
    else shown.push({ ...s });
  }
  const seqText = shown
    .slice(0, 12)
    .map((s) => `${s.label} ${formatKm(s.lengthM)}`)
    .join(' → ');
  lines.push(`roads: ${seqText || '-'}${shown.length > 12 ? ` → … (${shown.length - 12} more)` : ''}`);
  if (places.length > 0) {
    const passed = placesPassed(graph, legs, places);
    lines.push(`passes: ${passed.length === 0 ? 'no named place' : passed.map((p) => `${shortLabel(p.name)} (${formatKm(p.alongM)})`).join(' → ')}`);
  }
  lines.push(`bridges: ${bridges.length === 0 ? 'none' : bridges.join(', ')}`);
  return lines;
}

/** The part of a gazetteer name before the first comma or parenthesis ("Sokha Phnom Penh Hotel & Residence"). */
export function shortLabel(name: string): string {
  const cut = name.split(/\s[(-]|,/)[0]!.trim();
  return cut.length > 0 ? cut : name;
}

function bridgePlace(graph: RoadGraph, edge: number, places: readonly NamedPlace[]): string | undefined {
  if (!graph.isLonLat) return undefined;
  const [lon, lat] = pointAlong(graph, edge, 0.5);
  let best: NamedPlace | undefined;
  let bestD = BRIDGE_NAME_M;
  for (const p of places) {
    if (p.kind !== 'bridge') continue;
    const d = haversineM(lon, lat, p.lon, p.lat);
    if (d <= bestD) {
      bestD = d;
      best = p;
    }
  }
  return best ? shortLabel(best.name) : undefined;
}
