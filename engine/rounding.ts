/**
 * Decimal rounding for output (JSON, GeoJSON, messages): round half up to a fixed number of decimals.
 * The scale is a literal power of ten, so `roundTo(x, d)` gives the very doubles of Math.round(x * 10^d) / 10^d.
 */
const SCALE = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9] as const;

/** x rounded to `digits` decimals (0..9). */
export function roundTo(x: number, digits: number): number {
  const s = SCALE[digits];
  if (s === undefined) throw new RangeError(`roundTo: ${digits} decimals is outside 0..9`);
  return Math.round(x * s) / s;
}

/** 0.1: distances in km, lengths in messages. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;
/** 0.01: seconds, metres, exposure in the run result. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;
/** 0.001: km in graph reports. */
export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
/** 0.0001: shares (0..1). */
export const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
/** 1e-7 degrees (about 1 cm): coordinates. */
export const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

/** round2, with non-finite (unreachable) as null in the JSON. */
export function round2OrNull(x: number): number | null {
  return Number.isFinite(x) ? round2(x) : null;
}
