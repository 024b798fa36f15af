import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from '../../engine/scenario/write-json-schema.js';

describe('scenarios/motorcade-scenario.schema.json', () => {
  it('is the schema generated from the zod source of truth (regenerate: npm run build && node dist/engine/scenario/write-json-schema.js)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('forbids unknown fields, documents defaults and carries the unit patterns', () => {
    const s = scenarioJsonSchema() as { additionalProperties: boolean; required: string[]; properties: Record<string, any> };
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(['name', 'date', 'movements']);
    const profile = s.properties['escort_profiles'].additionalProperties;
    expect(profile.properties.speed_cap.default).toBe('60 km/h');
    expect(new RegExp(profile.properties.speed_cap.pattern).test('40 km/h')).toBe(true);
    expect(new RegExp(profile.properties.speed_cap.pattern).test('40 mph')).toBe(false);
    const response = s.properties['scoring'].properties.targets.properties.response.properties;
    expect(response.ambulance.description).toMatch(/NFPA 1710/);
  });
});
