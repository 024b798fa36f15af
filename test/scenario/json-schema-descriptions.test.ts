import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';
import { SCENARIO_SCHEMA_ID, SCHEMA_FILE, scenarioJsonSchema } from '../../engine/scenario/write-json-schema.js';
import { SWEEP_SCHEMA_FILE, SWEEP_SCHEMA_ID, sweepJsonSchema } from '../../engine/run/sweep/write-sweep-schema.js';

/** Every property of every object in the schema (through unions, items and records), as a JSON pointer. */
function properties(schema: unknown): { at: string; node: Record<string, unknown> }[] {
  const out: { at: string; node: Record<string, unknown> }[] = [];
  const walk = (n: unknown, at: string): void => {
    if (n === null || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((x, i) => walk(x, `${at}/${i}`));
    const o = n as Record<string, unknown>;
    const props = o['properties'];
    if (props && typeof props === 'object' && !Array.isArray(props)) {
      for (const [k, v] of Object.entries(props as Record<string, unknown>)) out.push({ at: `${at}/properties/${k}`, node: v as Record<string, unknown> });
    }
    for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
  };
  walk(schema, '#');
  return out;
}

/** Every `$ref` value in the schema. */
function refs(schema: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (n === null || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    for (const [k, v] of Object.entries(n as Record<string, unknown>)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else walk(v);
    }
  };
  walk(schema);
  return out;
}

/** The `$schema=` path of a file's yaml-language-server modeline. */
function modelineSchema(text: string): string | undefined {
  return /^#\s*yaml-language-server:\s*\$schema=(\S+)/m.exec(text)?.[1];
}

const SCHEMAS = [
  { name: 'scenario', schema: scenarioJsonSchema, id: SCENARIO_SCHEMA_ID, file: SCHEMA_FILE, expectedId: 'urn:motorcade:scenario:1' },
  { name: 'sweep', schema: sweepJsonSchema, id: SWEEP_SCHEMA_ID, file: SWEEP_SCHEMA_FILE, expectedId: 'urn:motorcade:sweep:1' },
];

describe.each(SCHEMAS)('the $name JSON Schema', ({ schema, id, file, expectedId }) => {
  it('describes every property, so that an editor has a hint for each field', () => {
    const all = properties(schema());
    expect(all.length).toBeGreaterThan(30);
    const undescribed = all.filter((p) => typeof p.node['description'] !== 'string' || p.node['description'].trim() === '').map((p) => p.at);
    expect(undescribed).toEqual([]);
  });

  it(`has the $id ${expectedId}, in the committed file too`, () => {
    expect(id).toBe(expectedId);
    expect(schema()['$id']).toBe(expectedId);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))['$id']).toBe(expectedId);
  });

  it('refers only to itself (local #… pointers), so that it resolves the same from any folder', () => {
    for (const r of refs(schema())) expect(r).toMatch(/^#/);
  });
});

describe('the walk over properties', () => {
  it('finds a property without a description, also inside a union and a record', () => {
    const s = { type: 'object', properties: { a: { description: 'x' }, b: { anyOf: [{ type: 'object', properties: { c: { type: 'number' } } }] } }, additionalProperties: { properties: { d: {} } } };
    expect(properties(s).filter((p) => !p.node['description']).map((p) => p.at)).toEqual(['#/properties/b', '#/properties/b/anyOf/0/properties/c', '#/additionalProperties/properties/d']);
  });
});

describe('the schema comments of the bundled files', () => {
  const bundled = ['asean-2022-arrivals.yaml', 'summit-day.yaml', 'tabletop-bridge-closure.yaml', 'contingency-plans.yaml', 'sweeps/contingency-sweep.yaml'];

  it.each(bundled)('%s names, relative to itself, the schema that validates it', (name) => {
    const yamlFile = path.join(PACKAGE_ROOT, 'scenarios', name);
    const text = fs.readFileSync(yamlFile, 'utf8');
    const ref = modelineSchema(text);
    expect(ref, 'first-line yaml-language-server comment').toBeDefined();
    const schemaFile = path.resolve(path.dirname(yamlFile), ref!);
    expect([SCHEMA_FILE, SWEEP_SCHEMA_FILE]).toContain(schemaFile);
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-schema-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a scenario in a folder of its own validates against the installed copy the docs point to', () => {
    // The layout of a project that installed motorcade: plans/day.yaml next to node_modules/.
    const installed = path.join(tmp, 'node_modules', 'motorcade', 'scenarios', 'motorcade-scenario.schema.json');
    fs.mkdirSync(path.dirname(installed), { recursive: true });
    fs.copyFileSync(SCHEMA_FILE, installed);
    const source = fs.readFileSync(path.join(PACKAGE_ROOT, 'scenarios', 'summit-day.yaml'), 'utf8');
    const docsLine = /^# yaml-language-server: \$schema=\.\.\/node_modules\/motorcade\/\S+$/m.exec(fs.readFileSync(path.join(PACKAGE_ROOT, 'docs', 'scenarios.md'), 'utf8'))?.[0];
    expect(docsLine, 'docs/scenarios.md shows the comment for a scenario outside the package').toBeDefined();
    const own = path.join(tmp, 'plans', 'day.yaml');
    fs.mkdirSync(path.dirname(own), { recursive: true });
    fs.writeFileSync(own, source.replace(/^#\s*yaml-language-server:.*$/m, docsLine!));
    const schemaFile = path.resolve(path.dirname(own), modelineSchema(fs.readFileSync(own, 'utf8'))!);
    expect(schemaFile).toBe(installed);
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    expect(validate(parse(fs.readFileSync(own, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
  });
});
