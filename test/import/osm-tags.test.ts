import { describe, expect, it } from 'vitest';
import { parseMaxspeed } from '../../engine/import/osm/maxspeed.js';
import { Direction, lanesPerDirection, motorAccessDenied, nameOf, onewayOf } from '../../engine/import/osm/road-tags.js';
import { ProtobufReader } from '../../engine/import/osm/protobuf-reader.js';

describe('maxspeed forms', () => {
  it.each([
    ['50', 50],
    ['50 km/h', 50],
    ['50kmh', 50],
    ['60 kph', 60],
    ['30 mph', 48.28032],
    ['10 knots', 18.52],
    ['KH:urban', 40],
    ['KH:rural', 80],
    ['KH:motorway', 120],
    ['DE:urban', 50],
    ['DE:rural', 100],
    ['FR:urban', 50],
    ['RU:urban', 60],
    ['GB:nsl_single', 96.56064],
    ['DE:zone30', 30],
    ['DE:zone:20', 20],
    ['walk', 6],
    ['40;60', 40],
    ['12,5', 12.5],
  ])('%s → %d km/h', (raw, kmh) => {
    const r = parseMaxspeed(raw);
    expect(r.kind).toBe('speed');
    if (r.kind === 'speed') expect(r.kmh).toBeCloseTo(kmh, 6);
  });

  it('none is "no limit", nonsense is unparsable', () => {
    expect(parseMaxspeed('none')).toEqual({ kind: 'none' });
    for (const raw of ['signals', 'variable', '', 'fast', '0', '999', 'XX:urban']) expect(parseMaxspeed(raw)).toEqual({ kind: 'unparsable' });
  });
});

describe('way tags', () => {
  it('oneway values and what implies them', () => {
    expect(onewayOf({ highway: 'residential', oneway: 'yes' }).direction).toBe(Direction.FORWARD);
    expect(onewayOf({ highway: 'residential', oneway: 'true' }).direction).toBe(Direction.FORWARD);
    expect(onewayOf({ highway: 'residential', oneway: '1' }).direction).toBe(Direction.FORWARD);
    expect(onewayOf({ highway: 'residential', oneway: '-1' }).direction).toBe(Direction.BACKWARD);
    expect(onewayOf({ highway: 'residential', oneway: 'reverse' }).direction).toBe(Direction.BACKWARD);
    expect(onewayOf({ highway: 'motorway' })).toEqual({ direction: Direction.FORWARD, source: 'implied' });
    expect(onewayOf({ highway: 'primary', junction: 'roundabout' })).toEqual({ direction: Direction.FORWARD, source: 'implied' });
    expect(onewayOf({ highway: 'motorway', oneway: 'no' })).toEqual({ direction: Direction.BOTH, source: 'explicit-no' });
    expect(onewayOf({ highway: 'primary', oneway: 'reversible' })).toEqual({ direction: Direction.BOTH, source: 'unrecognised' });
  });

  it('access: the most specific key decides', () => {
    expect(motorAccessDenied({ access: 'private' })).toBe(true);
    expect(motorAccessDenied({ access: 'no' })).toBe(true);
    expect(motorAccessDenied({ motor_vehicle: 'no' })).toBe(true);
    expect(motorAccessDenied({ motorcar: 'private' })).toBe(true);
    expect(motorAccessDenied({ access: 'no', motor_vehicle: 'yes' })).toBe(false);
    expect(motorAccessDenied({ access: 'no', motorcar: 'destination' })).toBe(false);
    expect(motorAccessDenied({ motor_vehicle: 'yes', motorcar: 'no' })).toBe(true);
    expect(motorAccessDenied({ access: 'destination' })).toBe(false);
    expect(motorAccessDenied({})).toBe(false);
  });

  it('lanes per direction', () => {
    expect(lanesPerDirection({ lanes: '4' }, Direction.BOTH)).toBe(2);
    expect(lanesPerDirection({ lanes: '3' }, Direction.BOTH)).toBe(2);
    expect(lanesPerDirection({ lanes: '1' }, Direction.BOTH)).toBe(1);
    expect(lanesPerDirection({ lanes: '3', 'lanes:forward': '2', 'lanes:backward': '1' }, Direction.BOTH)).toBe(1);
    expect(lanesPerDirection({ lanes: '3' }, Direction.FORWARD)).toBe(3);
    expect(lanesPerDirection({ lanes: 'many' }, Direction.BOTH)).toBe(0);
    expect(lanesPerDirection({}, Direction.BOTH)).toBe(0);
  });

  it('names: name (ref), name, ref, name:<lang>', () => {
    expect(nameOf({ name: 'Russian Federation Blvd', ref: 'NR4' })).toBe('Russian Federation Blvd (NR4)');
    expect(nameOf({ ref: 'NR4' })).toBe('NR4');
    expect(nameOf({ name: 'មហាវិថី', 'name:en': 'Monivong Blvd' }, 'en')).toBe('Monivong Blvd');
    expect(nameOf({ name: 'មហាវិថី' }, 'en')).toBe('មហាវិថី');
    expect(nameOf({})).toBe('');
  });
});

describe('protobuf reader', () => {
  it('decodes varints beyond 32 bits, negative int64 and zigzag', () => {
    // 10000000001 = 0x2540BE401 as varint; -5 as int64 (10 bytes); zigzag 3 → -2.
    const bytes = Uint8Array.from([0x81, 0xc8, 0xaf, 0xa0, 0x25, 0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x03]);
    const r = new ProtobufReader(bytes);
    expect(r.varint()).toBe(10000000001);
    expect(r.int64()).toBe(-5);
    expect(r.svarint()).toBe(-2);
    expect(() => new ProtobufReader(Uint8Array.from([0x80])).varint()).toThrowError(/truncated varint/);
  });
});
