import { roadClassCode } from '../../graph/road-class.js';
import { EdgeFlag, OSM_MOTOR_HIGHWAYS } from '../../graph/road-class.js';
import type { OsmTags } from './osm-data.js';

/**
 * How one OSM way's tags become road attributes: which highways are roads for motor traffic, direction,
 * access, lanes, bridge/tunnel and the name. Speed is in maxspeed.ts. Rules and their sources are in
 * docs/data.md, section "Your own OpenStreetMap extract".
 */

/** `highway` values a motorcade can drive on. Everything else (footway, cycleway, path, track, steps,
 * pedestrian, bridleway, construction, proposed, bus_guideway, raceway, …) is excluded. */
export const MOTOR_HIGHWAYS: ReadonlySet<string> = new Set(OSM_MOTOR_HIGHWAYS);

/** Travel direction relative to the way's node order. */
export const Direction = { BOTH: 0, FORWARD: 1, BACKWARD: -1 } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

export type OnewaySource = 'tagged' | 'reverse' | 'implied' | 'explicit-no' | 'none' | 'unrecognised';

const YES = new Set(['yes', '1', 'true']);
const REVERSE = new Set(['-1', 'reverse']);
const NO = new Set(['no', '0', 'false']);

/** Direction of travel: oneway=yes/1/true, -1/reverse, no; implied by roundabouts and motorways. */
export function onewayOf(tags: OsmTags): { direction: Direction; source: OnewaySource } {
  const v = tags['oneway']?.trim().toLowerCase();
  if (v !== undefined) {
    if (YES.has(v)) return { direction: Direction.FORWARD, source: 'tagged' };
    if (REVERSE.has(v)) return { direction: Direction.BACKWARD, source: 'reverse' };
    if (NO.has(v)) return { direction: Direction.BOTH, source: 'explicit-no' };
  }
  const junction = tags['junction'];
  const highway = tags['highway'];
  if (junction === 'roundabout' || junction === 'circular' || highway === 'motorway' || highway === 'motorway_link') {
    return { direction: Direction.FORWARD, source: 'implied' };
  }
  // `reversible` and `alternating` change direction with time or signals: drivable both ways, not at once.
  return { direction: Direction.BOTH, source: v === undefined ? 'none' : 'unrecognised' };
}

/** Access tags from general to specific; the most specific one present decides. */
const ACCESS_KEYS = ['access', 'vehicle', 'motor_vehicle', 'motorcar'] as const;
const DENIED = new Set(['no', 'private']);

/** True when motor cars may not use the way: access/vehicle/motor_vehicle/motorcar = no or private. */
export function motorAccessDenied(tags: OsmTags): boolean {
  for (let i = ACCESS_KEYS.length - 1; i >= 0; i--) {
    const v = tags[ACCESS_KEYS[i]!];
    if (v !== undefined) return DENIED.has(v.trim().toLowerCase());
  }
  return false;
}

function positiveInt(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.split(';')[0]!.trim());
  return Number.isFinite(n) && n > 0 && n < 64 ? Math.round(n) : undefined;
}

/**
 * Lanes per direction (0 = unknown). One-way: `lanes`. Two-way: the smaller of lanes:forward and
 * lanes:backward when tagged (the graph keeps one lane count per road, and the narrow side is the one
 * that constrains a motorcade), else half of `lanes`, at least 1.
 */
export function lanesPerDirection(tags: OsmTags, direction: Direction): number {
  const total = positiveInt(tags['lanes']);
  if (direction !== Direction.BOTH) {
    return total ?? positiveInt(tags[direction === Direction.FORWARD ? 'lanes:forward' : 'lanes:backward']) ?? 0;
  }
  const fwd = positiveInt(tags['lanes:forward']);
  const bwd = positiveInt(tags['lanes:backward']);
  if (fwd !== undefined && bwd !== undefined) return Math.min(fwd, bwd);
  if (fwd !== undefined || bwd !== undefined) return (fwd ?? bwd)!;
  return total === undefined ? 0 : Math.max(1, Math.round(total / 2));
}

function present(tags: OsmTags, key: string): boolean {
  const v = tags[key];
  return v !== undefined && v.trim().toLowerCase() !== 'no';
}

/** EdgeFlag bits from tags (ONEWAY is the builder's). bridge/tunnel: any value except `no`. */
export function flagsOf(tags: OsmTags): number {
  let f = 0;
  if (present(tags, 'bridge')) f |= EdgeFlag.BRIDGE;
  if (present(tags, 'tunnel')) f |= EdgeFlag.TUNNEL;
  if (tags['junction'] === 'roundabout' || tags['junction'] === 'circular') f |= EdgeFlag.ROUNDABOUT;
  if (tags['highway']?.endsWith('_link')) f |= EdgeFlag.LINK;
  return f;
}

/**
 * Display name: "name (ref)" when both, else whichever exists. With `language` (e.g. "en"),
 * `name:<language>` is preferred over `name` (Phnom Penh's `name` is often Khmer script).
 */
export function nameOf(tags: OsmTags, language?: string): string {
  const name = ((language ? tags[`name:${language}`] : undefined) ?? tags['name'])?.trim();
  const ref = tags['ref']?.trim();
  if (name && ref) return `${name} (${ref})`;
  return name || ref || '';
}

/** Road class code of a motor highway (road-class.ts), or undefined when the way is not a motor road. */
export function roadClassOf(tags: OsmTags): number | undefined {
  const h = tags['highway'];
  return h !== undefined && MOTOR_HIGHWAYS.has(h) ? roadClassCode(h) : undefined;
}
