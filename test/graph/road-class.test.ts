import { describe, expect, it } from 'vitest';
import { OSM_MOTOR_HIGHWAYS, roadClassCode } from '../../engine/graph/road-class.js';
import { MOTOR_HIGHWAYS } from '../../engine/import/osm/road-tags.js';

describe('road classes', () => {
  it('the OSM importer keeps exactly the OSM highway values for motor traffic, each a road class', () => {
    const expected = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'living_street', 'service', 'motorway_link', 'trunk_link', 'primary_link', 'secondary_link', 'tertiary_link'];
    expect([...OSM_MOTOR_HIGHWAYS]).toEqual(expected);
    expect([...MOTOR_HIGHWAYS].sort()).toEqual([...expected].sort());
    for (const h of expected) expect(roadClassCode(h)).toBeGreaterThan(0);
    for (const h of ['footway', 'cycleway', 'track', 'major', 'minor', 'unknown']) expect(MOTOR_HIGHWAYS.has(h), h).toBe(false);
  });
});
