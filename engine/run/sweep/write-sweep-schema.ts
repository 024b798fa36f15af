import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { writeFileAtomic } from '../../atomic-write.js';
import { PACKAGE_ROOT } from '../../paths.js';
import { sweepSchema } from './sweep-schema.js';

/**
 * The JSON Schema of sweep files, generated from the zod schema (sweep-schema.ts) like the scenarios'
 * one. The committed copy is scenarios/motorcade-sweep.schema.json; a test fails when it differs.
 * Regenerate with:
 *
 *   npm run build && node dist/engine/run/sweep/write-sweep-schema.js
 */
/** The schema's identity, independent of where the file lies (as the scenario schema's). */
export const SWEEP_SCHEMA_ID = 'urn:motorcade:sweep:1';
export const SWEEP_SCHEMA_FILE = path.join(PACKAGE_ROOT, 'scenarios', 'motorcade-sweep.schema.json');

export function sweepJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(sweepSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $schema: schema['$schema'], $id: SWEEP_SCHEMA_ID, title: 'motorcade sweep', ...schema };
}

export function sweepJsonSchemaText(): string {
  return JSON.stringify(sweepJsonSchema(), null, 2) + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileAtomic(SWEEP_SCHEMA_FILE, sweepJsonSchemaText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), SWEEP_SCHEMA_FILE)}\n`);
}
