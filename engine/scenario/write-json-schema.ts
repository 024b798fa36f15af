import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { writeFileAtomic } from '../atomic-write.js';
import { PACKAGE_ROOT } from '../paths.js';
import { scenarioSchema } from './schema.js';

/**
 * The JSON Schema of scenario files, generated from the zod schema (schema.ts) so that editors check the
 * same shapes as `motorcade validate`. The committed copy is scenarios/motorcade-scenario.schema.json; a
 * test fails when it differs from what this produces. Regenerate with:
 *
 *   npm run build && node dist/engine/scenario/write-json-schema.js
 */
/**
 * The schema's identity, independent of where the file lies: every reference inside it is a local `#…`
 * pointer, so an editor resolves it the same from any folder. The trailing number is the format version.
 */
export const SCENARIO_SCHEMA_ID = 'urn:motorcade:scenario:1';
export const SCHEMA_FILE = path.join(PACKAGE_ROOT, 'scenarios', 'motorcade-scenario.schema.json');

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: schema['$schema'],
    $id: SCENARIO_SCHEMA_ID,
    title: 'motorcade scenario',
    ...schema,
  };
}

/** The file's text: stable key order from the zod schema, 2-space indent, final newline. */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileAtomic(SCHEMA_FILE, scenarioJsonSchemaText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
}
