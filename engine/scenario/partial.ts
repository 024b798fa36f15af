import type * as z from 'zod';
import { idRecord, setId } from './id-record.js';
import { ID_PATTERN, scenarioSchema, type RawScenario } from './schema.js';

/**
 * The parts of a scenario that are valid on their own, with defaults for the rest.
 *
 * The whole-document parse reports every shape problem, but yields nothing when any of them fails. To
 * also run the cross-field checks (references, times, overlaps) on the rest of the file in the same
 * pass, each top-level field and each entry of the id-keyed sections is parsed on its own here: broken
 * entries are left out (their problems are already reported) and their ids kept in `declaredIds`, so a
 * reference to them is not reported a second time as unknown.
 */
export interface PartialScenario {
  raw: RawScenario;
  /** Every id present under each id-keyed section, valid or not. */
  declaredIds: Record<string, Set<string>>;
  /** Top-level fields that failed (their checks are skipped). */
  failed: Set<string>;
}

const shape = scenarioSchema.shape;

export function partialParse(data: Record<string, unknown>): PartialScenario {
  const out: Record<string, unknown> = {};
  const declaredIds: Record<string, Set<string>> = {};
  const failed = new Set<string>();
  for (const [key, schema] of Object.entries(shape) as [string, z.ZodType][]) {
    const value = data[key];
    const valueType = recordValueType(schema);
    if (valueType && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = idRecord<unknown>();
      declaredIds[key] = new Set(Object.keys(value));
      for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
        // An id against ID_PATTERN is reported by the whole parse (or by invalidIds below): leave it out.
        if (!ID_PATTERN.test(id)) continue;
        const r = valueType.safeParse(entry);
        if (r.success) setId(entries, id, r.data);
      }
      out[key] = entries;
      continue;
    }
    const r = schema.safeParse(value);
    if (r.success) out[key] = r.data;
    else {
      failed.add(key);
      const d = schema.safeParse(undefined);
      out[key] = d.success ? d.data : valueType ? {} : undefined;
    }
    if (valueType) declaredIds[key] = new Set();
  }
  return { raw: out as RawScenario, declaredIds, failed };
}

/** The entry schema of a `z.record(...)` (possibly under .default / .optional), else undefined. */
function recordValueType(schema: z.ZodType): z.ZodType | undefined {
  let def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; valueType?: z.ZodType } } })._zod.def;
  while ((def.type === 'default' || def.type === 'optional' || def.type === 'prefault') && def.innerType) {
    def = (def.innerType as unknown as { _zod: { def: typeof def } })._zod.def;
  }
  return def.type === 'record' ? def.valueType : undefined;
}

/**
 * Ids against ID_PATTERN under each id-keyed section, as [section, id]. The whole parse reports most of
 * them, but zod's record drops a `__proto__` key before checking it, so it would pass unreported.
 */
export function invalidIds(data: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, schema] of Object.entries(shape) as [string, z.ZodType][]) {
    const value = data[key];
    if (!recordValueType(schema) || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const id of Object.keys(value)) if (!ID_PATTERN.test(id)) out.push([key, id]);
  }
  return out;
}
