import { quoteInput } from '../quote.js';

/**
 * Quantities with explicit units, as planners write them: `40 km/h`, `12 m`, `1.5 km`, `90 s`, `5 min`,
 * `08:30`, `T+12 min`. A bare number is refused for any quantity that has a unit, because `40` could be
 * km/h or mph, seconds or minutes: the scenario must say which. Each parser returns the value in engine
 * units (seconds, metres, km/h) or a message that quotes the raw value and says what would be accepted.
 *
 * The regular expressions are also the `pattern` of the JSON Schema (schema.ts), so editors flag the
 * same values the validator refuses.
 */
import { round1 } from '../rounding.js';

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

const NUM = String.raw`(\d+(?:\.\d+)?)`;

const DURATION_UNITS: Record<string, number> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
};
const DISTANCE_UNITS: Record<string, number> = { m: 1, km: 1000 };
const SPEED_UNITS: Record<string, number> = { 'km/h': 1, kmh: 1, kph: 1 };

const unitAlt = (units: Record<string, number>) =>
  Object.keys(units)
    .sort((a, b) => b.length - a.length)
    .map((u) => u.replace('/', '\\/'))
    .join('|');

export const DURATION_PATTERN = `^\\s*${NUM}\\s*(${unitAlt(DURATION_UNITS)})\\s*$`;
export const DISTANCE_PATTERN = `^\\s*${NUM}\\s*(${unitAlt(DISTANCE_UNITS)})\\s*$`;
export const SPEED_PATTERN = `^\\s*${NUM}\\s*(${unitAlt(SPEED_UNITS)})\\s*$`;
/** 24-hour clock, H:MM or HH:MM with optional :SS; 24:00 allowed as the end of the day. */
export const TIME_PATTERN = String.raw`^\s*([01]?\d|2[0-4]):([0-5]\d)(?::([0-5]\d))?\s*$`;
/** A time of day, or `T+<duration>` relative to the scenario's `start`. */
export const INJECT_TIME_PATTERN = `(${TIME_PATTERN})|(^\\s*T\\s*\\+\\s*${NUM}\\s*(${unitAlt(DURATION_UNITS)})\\s*$)`;

type QuantityKind = 'duration' | 'distance' | 'speed';

const EXAMPLE: Record<QuantityKind, string> = { duration: "'90 s' or '5 min'", distance: "'300 m' or '1.2 km'", speed: "'40 km/h'" };
const DEFAULT_UNIT: Record<QuantityKind, string> = { duration: 's', distance: 'm', speed: 'km/h' };
const TABLE: Record<QuantityKind, Record<string, number>> = { duration: DURATION_UNITS, distance: DISTANCE_UNITS, speed: SPEED_UNITS };
const PATTERN: Record<QuantityKind, RegExp> = {
  duration: new RegExp(DURATION_PATTERN),
  distance: new RegExp(DISTANCE_PATTERN),
  speed: new RegExp(SPEED_PATTERN),
};

/** Foreign units we recognise, to say why they are refused and what they would be in ours. */
const FOREIGN: Record<string, { kind: QuantityKind; factor: number; to: string }> = {
  mph: { kind: 'speed', factor: 1.609344, to: 'km/h' },
  'm/s': { kind: 'speed', factor: 3.6, to: 'km/h' },
  knots: { kind: 'speed', factor: 1.852, to: 'km/h' },
  kn: { kind: 'speed', factor: 1.852, to: 'km/h' },
  ft: { kind: 'distance', factor: 0.3048, to: 'm' },
  feet: { kind: 'distance', factor: 0.3048, to: 'm' },
  yd: { kind: 'distance', factor: 0.9144, to: 'm' },
  mi: { kind: 'distance', factor: 1609.344, to: 'm' },
  miles: { kind: 'distance', factor: 1609.344, to: 'm' },
  ms: { kind: 'duration', factor: 0.001, to: 's' },
};

/** Parse `<number> <unit>` for a duration (→ s), distance (→ m) or speed (→ km/h). */
export function parseQuantity(kind: QuantityKind, raw: unknown): Parsed {
  if (typeof raw === 'number') {
    return { ok: false, message: `${kind} ${raw} has no unit (ambiguous); write it with a unit, e.g. '${raw} ${DEFAULT_UNIT[kind]}'` };
  }
  if (typeof raw !== 'string') return { ok: false, message: `expected a ${kind} with a unit such as ${EXAMPLE[kind]}, got ${describe(raw)}` };
  const m = PATTERN[kind].exec(raw);
  if (m) {
    const value = Number(m[1]) * TABLE[kind][m[2]!.toLowerCase()]!;
    return { ok: true, value };
  }
  const loose = /^\s*(-?\d+(?:\.\d+)?)\s*([a-zA-Z/]*)\s*$/.exec(raw);
  if (loose) {
    const n = Number(loose[1]);
    const unit = loose[2]!;
    if (unit === '') return { ok: false, message: `${kind} ${quoteInput(raw)} has no unit (ambiguous); write it with a unit, e.g. '${n} ${DEFAULT_UNIT[kind]}'` };
    if (n < 0 && TABLE[kind][unit.toLowerCase()] !== undefined) return { ok: false, message: `${kind} ${quoteInput(raw)} must not be negative` };
    const foreign = FOREIGN[unit.toLowerCase()];
    if (foreign && foreign.kind === kind) {
      return { ok: false, message: `${kind} ${quoteInput(raw)}: unit ${quoteInput(unit)} is not accepted; use ${foreign.to} (${quoteInput(raw)} is '${round1(n * foreign.factor)} ${foreign.to}')` };
    }
    const units = Object.keys(TABLE[kind]).join(', ');
    return { ok: false, message: `${kind} ${quoteInput(raw)}: unknown unit ${quoteInput(unit)} (accepted: ${units})` };
  }
  return { ok: false, message: `${kind} ${quoteInput(raw)} is not a number with a unit, e.g. ${EXAMPLE[kind]}` };
}

/** Parse a 24-hour time of day `HH:MM[:SS]` into seconds since midnight. */
export function parseTimeOfDay(raw: unknown): Parsed {
  if (typeof raw === 'number') {
    return { ok: false, message: `time ${raw} is ambiguous; write a 24-hour time in quotes, e.g. '08:30'` };
  }
  if (typeof raw !== 'string') return { ok: false, message: `expected a time of day such as '08:30', got ${describe(raw)}` };
  const m = new RegExp(TIME_PATTERN).exec(raw);
  if (!m) {
    if (/\b(am|pm)\b/i.test(raw)) return { ok: false, message: `time ${quoteInput(raw)}: use the 24-hour clock, e.g. '14:30' (not am/pm)` };
    return { ok: false, message: `time ${quoteInput(raw)} is not a 24-hour time HH:MM or HH:MM:SS` };
  }
  const s = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (s > 86400) return { ok: false, message: `time ${quoteInput(raw)} is after 24:00` };
  return { ok: true, value: s };
}

/**
 * An inject time: a time of day, or `T+<duration>` relative to `startS` (the scenario's `start`).
 * `startS` null with a relative time is an error the caller words (it knows where `start` should be).
 */
export function parseInjectTime(raw: unknown, startS: number | null): Parsed | { ok: false; needsStart: true; message: string } {
  if (typeof raw === 'string') {
    const rel = /^\s*T\s*\+\s*(.*)$/.exec(raw);
    if (rel) {
      const d = parseQuantity('duration', rel[1]);
      if (!d.ok) return { ok: false, message: `inject time ${quoteInput(raw)}: ${d.message}` };
      if (startS === null) return { ok: false, needsStart: true, message: `inject time ${quoteInput(raw)} is relative to T, but the scenario has no 'start' (add e.g. start: '09:00')` };
      return { ok: true, value: startS + d.value };
    }
  }
  const t = parseTimeOfDay(raw);
  if (!t.ok) return { ok: false, message: t.message.replace(/^time/, 'inject time') + (typeof raw === 'string' ? " or 'T+<duration>'" : '') };
  return t;
}

/** Format seconds since midnight as HH:MM[:SS] (for messages and reports). */
export function formatTimeOfDay(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.round(s % 60);
  const two = (x: number) => String(x).padStart(2, '0');
  return sec ? `${two(h)}:${two(m)}:${two(sec)}` : `${two(h)}:${two(m)}`;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    const json = JSON.stringify(v);
    return json !== undefined && json.length <= 40 ? json : 'a list';
  }
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return quoteInput(v);
  return `${typeof v} ${String(v)}`;
}

/** The message of a failed parse, undefined when it parsed (zod then uses its own message). */
export function messageOf(p: Parsed | { ok: false; message: string }): string | undefined {
  return p.ok ? undefined : p.message;
}
