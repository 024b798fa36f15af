import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimeOfDay, parseInjectTime, parseQuantity, parseTimeOfDay } from '../../engine/scenario/units.js';

const value = (p: { ok: boolean; value?: number; message?: string }) => (p.ok ? p.value : p.message);

describe('quantities with explicit units', () => {
  it('converts durations, distances and speeds to seconds, metres and km/h', () => {
    expect(value(parseQuantity('duration', '90 s'))).toBe(90);
    expect(value(parseQuantity('duration', '5 min'))).toBe(300);
    expect(value(parseQuantity('duration', '1.5 h'))).toBe(5400);
    expect(value(parseQuantity('distance', '12 m'))).toBe(12);
    expect(value(parseQuantity('distance', '1.2 km'))).toBe(1200);
    expect(value(parseQuantity('speed', '40 km/h'))).toBe(40);
    expect(value(parseQuantity('speed', '40kmh'))).toBe(40);
  });

  it('refuses a bare number as ambiguous, and says how to write it', () => {
    expect(value(parseQuantity('speed', 40))).toBe("speed 40 has no unit (ambiguous); write it with a unit, e.g. '40 km/h'");
    expect(value(parseQuantity('duration', '90'))).toBe("duration '90' has no unit (ambiguous); write it with a unit, e.g. '90 s'");
  });

  it('refuses foreign units with the converted value', () => {
    expect(value(parseQuantity('speed', '40 mph'))).toBe("speed '40 mph': unit 'mph' is not accepted; use km/h ('40 mph' is '64.4 km/h')");
    expect(value(parseQuantity('distance', '100 ft'))).toBe("distance '100 ft': unit 'ft' is not accepted; use m ('100 ft' is '30.5 m')");
    expect(value(parseQuantity('distance', '5 furlongs'))).toBe("distance '5 furlongs': unknown unit 'furlongs' (accepted: m, km)");
  });

  it('parses any whole or decimal number with any accepted unit (property)', () => {
    const units: [string, number][] = [['s', 1], ['sec', 1], ['min', 60], ['minutes', 60], ['h', 3600], ['hours', 3600]];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(...units), fc.boolean(), (whole, frac, [unit, k], space) => {
        const text = `${whole}.${String(frac).padStart(2, '0')}${space ? ' ' : ''}${unit}`;
        const p = parseQuantity('duration', text);
        expect(p.ok).toBe(true);
        if (p.ok) expect(p.value).toBeCloseTo((whole + frac / 100) * k, 6);
      }),
      { numRuns: 200 },
    );
  });
});

describe('times of day', () => {
  it('reads 24-hour times as seconds since midnight and formats them back', () => {
    expect(value(parseTimeOfDay('08:30'))).toBe(30600);
    expect(value(parseTimeOfDay('8:30'))).toBe(30600);
    expect(value(parseTimeOfDay('23:59:30'))).toBe(86370);
    expect(value(parseTimeOfDay('24:00'))).toBe(86400);
    expect(formatTimeOfDay(30600)).toBe('08:30');
    expect(formatTimeOfDay(86370)).toBe('23:59:30');
  });

  it('round-trips every minute of the day', () => {
    for (let s = 0; s < 86400; s += 60) expect(value(parseTimeOfDay(formatTimeOfDay(s)))).toBe(s);
  });

  it('refuses am/pm, numbers and times past midnight', () => {
    expect(value(parseTimeOfDay('8:30 pm'))).toBe("time '8:30 pm': use the 24-hour clock, e.g. '14:30' (not am/pm)");
    expect(value(parseTimeOfDay(830))).toBe("time 830 is ambiguous; write a 24-hour time in quotes, e.g. '08:30'");
    expect(value(parseTimeOfDay('24:30'))).toBe("time '24:30' is after 24:00");
    expect(value(parseTimeOfDay('8h30'))).toBe("time '8h30' is not a 24-hour time HH:MM or HH:MM:SS");
  });

  it('reads inject times relative to the exercise start', () => {
    expect(value(parseInjectTime('T+12 min', 28800))).toBe(29520);
    expect(value(parseInjectTime('09:00', null))).toBe(32400);
    expect(parseInjectTime('T+12 min', null).ok).toBe(false);
  });
});
