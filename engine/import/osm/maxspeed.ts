/**
 * `maxspeed` values as OSM mappers write them (wiki: Key:maxspeed), to km/h.
 *   "50"            → 50          (km/h is the default unit)
 *   "50 km/h", "50kmh", "50 kph" → 50
 *   "30 mph"        → 48.28
 *   "10 knots"      → 18.52
 *   "KH:urban"      → 40          (implicit national limits: the table below)
 *   "DE:zone30", "DE:zone:30" → 30
 *   "walk"          → 6           (walking pace, e.g. living streets)
 *   "none"          → no limit: the caller uses the class default
 *   "50;30", "50|30" → the first value
 * Anything else ("signals", "variable", "fast") is unparsable: the caller uses the class default and counts it.
 */

export const MPH_TO_KMH = 1.609344;
export const KNOT_TO_KMH = 1.852;
/** Walking pace for maxspeed=walk, km/h (Schrittgeschwindigkeit is read as 4-7 km/h). */
export const WALK_KMH = 6;

/**
 * Implicit limits by country code and road type, km/h. Cambodia: urban 40, rural/national roads 80,
 * expressway 120 (Phnom Penh–Sihanoukville expressway, opened 2022). Others from the OSM wiki page
 * "Default speed limits" (values as of 2024). GB values are mph in law and converted here.
 */
export const IMPLICIT_MAXSPEED_KMH: Readonly<Record<string, number>> = {
  'KH:urban': 40,
  'KH:rural': 80,
  'KH:trunk': 80,
  'KH:motorway': 120,
  'TH:urban': 80,
  'TH:rural': 90,
  'TH:motorway': 120,
  'VN:urban': 60,
  'VN:rural': 90,
  'VN:motorway': 120,
  'LA:urban': 50,
  'LA:rural': 90,
  'DE:urban': 50,
  'DE:rural': 100,
  'DE:living_street': WALK_KMH,
  'DE:bicycle_road': 30,
  'FR:urban': 50,
  'FR:rural': 80,
  'FR:motorway': 130,
  'IT:urban': 50,
  'IT:rural': 90,
  'IT:trunk': 110,
  'IT:motorway': 130,
  'NL:urban': 50,
  'NL:rural': 80,
  'NL:motorway': 100,
  'AT:urban': 50,
  'AT:rural': 100,
  'AT:motorway': 130,
  'CH:urban': 50,
  'CH:rural': 80,
  'CH:motorway': 120,
  'ES:urban': 50,
  'ES:rural': 90,
  'ES:motorway': 120,
  'RU:urban': 60,
  'RU:rural': 90,
  'RU:living_street': 20,
  'RU:motorway': 110,
  'IN:urban': 50,
  'IN:rural': 70,
  'IN:motorway': 120,
  'GB:nsl_single': 60 * MPH_TO_KMH,
  'GB:nsl_dual': 70 * MPH_TO_KMH,
  'GB:motorway': 70 * MPH_TO_KMH,
};

export type MaxspeedParse =
  | { kind: 'speed'; kmh: number }
  /** `none`: no posted limit. */
  | { kind: 'none' }
  | { kind: 'unparsable' };

const NUMBER_WITH_UNIT = /^(\d+(?:[.,]\d+)?)\s*(km\/h|kmh|kph|mph|knots?)?$/i;
const ZONE = /^[A-Z]{2}:zone:?(\d+)$/i;

/** Speeds outside this range (km/h) are typos or other keys' values, not limits. */
const PLAUSIBLE = { min: 1, max: 300 };

export function parseMaxspeed(raw: string): MaxspeedParse {
  const first = raw.split(/[;|]/)[0]!.trim();
  if (first === '') return { kind: 'unparsable' };
  const lower = first.toLowerCase();
  if (lower === 'none') return { kind: 'none' };
  if (lower === 'walk') return { kind: 'speed', kmh: WALK_KMH };
  const implicit = IMPLICIT_MAXSPEED_KMH[first] ?? IMPLICIT_MAXSPEED_KMH[first.replace(/^([a-z]{2})/, (c) => c.toUpperCase())];
  if (implicit !== undefined) return { kind: 'speed', kmh: implicit };
  let kmh: number | undefined;
  const zone = ZONE.exec(first);
  if (zone) kmh = Number(zone[1]);
  const m = NUMBER_WITH_UNIT.exec(first);
  if (m) {
    const value = Number(m[1]!.replace(',', '.'));
    const unit = (m[2] ?? 'km/h').toLowerCase();
    kmh = unit === 'mph' ? value * MPH_TO_KMH : unit.startsWith('knot') ? value * KNOT_TO_KMH : value;
  }
  if (kmh === undefined || !(kmh >= PLAUSIBLE.min && kmh <= PLAUSIBLE.max)) return { kind: 'unparsable' };
  return { kind: 'speed', kmh };
}
