import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';
import { SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from '../../engine/scenario/write-json-schema.js';

describe('scenarios/motorcade-scenario.schema.json', () => {
  it('is the schema generated from the zod source of truth (regenerate: npm run build && node dist/engine/scenario/write-json-schema.js)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('documents every default in the description of its field', () => {
    const undocumented: string[] = [];
    const walk = (n: unknown, at: string): void => {
      if (n === null || typeof n !== 'object') return;
      if (Array.isArray(n)) return n.forEach((x, i) => walk(x, `${at}[${i}]`));
      const o = n as Record<string, unknown>;
      if ('default' in o && !/default/i.test(String(o['description'] ?? ''))) undocumented.push(at);
      for (const [k, v] of Object.entries(o)) walk(v, `${at}.${k}`);
    };
    walk(scenarioJsonSchema(), '');
    expect(undocumented).toEqual([]);
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

describe('the JSON Schema, as an editor applies it', () => {
  it('accepts every bundled scenario and refuses typical mistakes', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(scenarioJsonSchema());
    for (const name of ['asean-2022-arrivals.yaml', 'summit-day.yaml', 'tabletop-bridge-closure.yaml', 'contingency-plans.yaml']) {
      const doc = parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'scenarios', name), 'utf8'));
      expect(validate(doc), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    const bad = { name: 'x', date: '2022-11-10', movements: { m: { delegation: 'd', from: 'a', to: 'b', departre: '08:30', departure: '08:30' } }, escort_profiles: { e: { speed_cap: '40 mph' } } };
    expect(validate(bad)).toBe(false);
    const messages = ajv.errorsText(validate.errors);
    expect(messages).toMatch(/departre|additional properties/);
    expect(messages).toMatch(/speed_cap must match pattern/);
  });
});
