/**
 * Road classes and edge flags, stored as one byte each per edge.
 *
 * Classes follow OSM `highway` values for motor traffic. The bundled Phnom Penh data only distinguishes
 * `major` and `minor` (see ../shared/data/phnom-penh/README.md), and the scale graphs carry no class at
 * all (`unknown`), so those get classes of their own instead of being forced onto an OSM value.
 */
export const ROAD_CLASSES = [
  'unknown',
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
  'major',
  'minor',
] as const;

export type RoadClassName = (typeof ROAD_CLASSES)[number];

/**
 * The classes that are OSM `highway` values for motor traffic (all but 'unknown' and the bundled data's
 * own 'major' / 'minor'): the ways the OSM importer keeps as roads.
 */
export const OSM_MOTOR_HIGHWAYS: readonly RoadClassName[] = ROAD_CLASSES.filter((c) => c !== 'unknown' && c !== 'major' && c !== 'minor');

const CLASS_CODE = new Map<string, number>(ROAD_CLASSES.map((name, i) => [name, i]));

export function roadClassCode(name: string): number | undefined {
  return CLASS_CODE.get(name);
}

export function roadClassName(code: number): RoadClassName {
  return ROAD_CLASSES[code] ?? 'unknown';
}

/**
 * Default free-flow speeds in km/h when an edge has no `maxspeed`.
 * Sources: Cambodian limits of 40 km/h in urban areas and 80 km/h on national roads, 120 km/h on the
 * Phnom Penh–Sihanoukville expressway (Ministry of Public Works and Transport, reported by the Phnom Penh
 * Post and Fresh News, 2022). Phnom Penh's national roads (trunk) run through built-up area, where the
 * urban limit binds for most of their length inside the city; we use 60 as a blend for trunk and the
 * arterial `major` class, 40 (the urban limit) for the rest, and lower values for minor streets where
 * the limit is rarely reachable. Links take their parent's urban value.
 */
export const DEFAULT_SPEED_KMH: Readonly<Record<RoadClassName, number>> = {
  unknown: 40,
  motorway: 100,
  trunk: 60,
  primary: 50,
  secondary: 40,
  tertiary: 40,
  unclassified: 30,
  residential: 30,
  living_street: 10,
  service: 20,
  motorway_link: 60,
  trunk_link: 40,
  primary_link: 40,
  secondary_link: 30,
  tertiary_link: 30,
  major: 50,
  minor: 35,
};

/** Bit flags per edge (Uint8). */
export const EdgeFlag = {
  /** The road is one-way; this edge has no twin in the opposite direction. */
  ONEWAY: 1 << 0,
  BRIDGE: 1 << 1,
  TUNNEL: 1 << 2,
  ROUNDABOUT: 1 << 3,
  /** A `_link` ramp. */
  LINK: 1 << 4,
  /** Geometry is stored on the twin edge and must be read reversed. */
  GEOMETRY_ON_TWIN: 1 << 5,
  /** Speed came from `maxspeed` rather than a class default. */
  MAXSPEED_TAGGED: 1 << 6,
} as const;
