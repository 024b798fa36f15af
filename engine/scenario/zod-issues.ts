import { quoteInput } from '../quote.js';
import type * as z from 'zod';
import { suggest } from '../import/gazetteer.js';
import type { DocPath, SourceMap } from './source-map.js';
import { formatPath } from './source-map.js';
import type { ScenarioProblem } from './problems.js';
import { describe, parseTimeOfDay } from './units.js';

/**
 * Turn zod issues into located problems with messages a planner understands: the field, the value,
 * what is accepted, and a "did you mean" when the value looks like a typo of an accepted one.
 */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], root: z.ZodType, data: unknown, file: string, src: SourceMap): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const add = (path: DocPath, message: string, atKey = false) => {
    const { line, col } = src.position(path, atKey);
    out.push({ file, line, col, path: formatPath(path), message });
  };
  /** A missing field is reported at the key of the mapping that lacks it (`m1:`), where it must be added. */
  const missing = (path: DocPath, message: string) => {
    const { line, col } = path.length > 1 ? src.position(path.slice(0, -1), true) : { line: 1, col: 1 };
    out.push({ file, line, col, path: formatPath(path), message });
  };
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const value = valueAt(data, path);
    // A list item is named with its list: `edges[0]`, not `0`.
    const last = path[path.length - 1];
    const field = typeof last === 'number' ? `${String(path[path.length - 2] ?? '')}[${last}]` : String(last ?? 'scenario');
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = shapeKeysAt(root, path, data);
        for (const key of issue.keys) {
          const hint = suggest(key, known);
          // `label: a, b` inside { … } reads as two fields: point at the comma, not just the odd key.
          const cut = /\s/.test(key) && valueAt(data, [...path, key]) === null;
          const why = cut ? ' (a comma inside { … } ends the value before it: quote values that contain commas)' : '';
          add([...path, key], `unknown field ${quoteInput(key)}${hint ? ` (did you mean '${hint}'?)` : why || (known.length ? ` (expected one of: ${known.join(', ')})` : '')}`, true);
        }
        break;
      }
      case 'invalid_type':
        if (value === undefined) missing(path, `missing required field '${field}'`);
        else if (isCustom(issue.message)) add(path, issue.message);
        else if ((issue.expected === 'array' || issue.expected === 'tuple') && typeof value === 'string') add(path, `expected a list, got ${describe(value)} (write [${value}])`);
        else add(path, `expected ${article(issue.expected)}, got ${describe(value)}`);
        break;
      case 'invalid_value': {
        const accepted = issue.values.map(String);
        const hint = typeof value === 'string' ? suggest(value, accepted) : undefined;
        add(path, `${describe(value)} is not one of ${accepted.join(', ')}${hint ? ` (did you mean '${hint}'?)` : ''}`);
        break;
      }
      case 'invalid_union': {
        const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
        if (disc !== undefined) {
          const accepted = ((issue as { options?: unknown[] }).options ?? []).map(String);
          if (value === undefined) missing(path, `missing required field '${disc}' (one of ${accepted.join(', ')})`);
          else {
            const hint = typeof value === 'string' ? suggest(value, accepted) : undefined;
            add(path, `${disc} ${describe(value)} is not one of ${accepted.join(', ')}${hint ? ` (did you mean '${hint}'?)` : ''}`);
          }
        } else if (value === undefined) {
          missing(path, `missing required field '${field}'`);
        } else if (issue.message && issue.message !== 'Invalid input') {
          add(path, issue.message); // the schema's own words for this union
        } else {
          add(path, unionMessage(field, value));
        }
        break;
      }
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
        const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
        if (Array.isArray(value)) add(path, `${field} needs ${small ? 'at least' : 'at most'} ${bound} item${Number(bound) === 1 ? '' : 's'}, got ${value.length}`);
        else if (typeof value === 'string') add(path, `${field} must not be empty`);
        else add(path, `${field} ${String(value)} must be ${small ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<'} ${bound}`);
        break;
      }
      case 'invalid_format':
        if (isCustom(issue.message)) add(path, issue.message);
        else add(path, `${field} ${describe(value)} has the wrong format`);
        break;
      case 'invalid_key':
        add(path, `id ${quoteInput(field)} must start with a letter and hold only letters, digits, '_' or '-'`, true);
        break;
      case 'not_multiple_of':
        add(path, `${field} ${String(value)} must be a whole number`);
        break;
      default:
        add(path, issue.message);
    }
  }
  return out;
}

/** zod's own messages start with "Invalid" or "Too"; ours (units, times, dates) quote the value. */
function isCustom(message: string): boolean {
  return !/^(Invalid|Too (big|small)|Expected)/.test(message);
}

function article(t: string): string {
  if (t === 'int') return 'a whole number';
  if (t === 'object') return 'a mapping';
  if (t === 'array' || t === 'tuple') return 'a list';
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function unionMessage(field: string, value: unknown): string {
  if (field === 'departure') {
    const t = typeof value === 'number' || typeof value === 'string' ? parseTimeOfDay(value) : undefined;
    if (t && !t.ok) return t.message;
    return `departure ${describe(value)} must be a time 'HH:MM' or a window {from: 'HH:MM', to: 'HH:MM'}`;
  }
  return `${field} ${describe(value)} must be a place id or [lon, lat]`;
}

export function valueAt(data: unknown, path: DocPath): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** The field names the schema accepts for the object at `path` (for "did you mean"). */
export function shapeKeysAt(root: z.ZodType, path: DocPath, data: unknown): string[] {
  let schema: unknown = root;
  for (let i = 0; i <= path.length; i++) {
    schema = unwrap(schema, valueAt(data, path.slice(0, i)));
    if (i === path.length) break;
    const def = defOf(schema);
    const seg = path[i]!;
    if (def?.type === 'object') schema = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def?.type === 'record') schema = def.valueType;
    else if (def?.type === 'array') schema = def.element;
    else if (def?.type === 'tuple') schema = (def.items as unknown[])[Number(seg)];
    else return [];
  }
  const def = defOf(schema);
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

type Def = { type: string; [k: string]: unknown };
function defOf(s: unknown): Def | undefined {
  return (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** Strip optional/default/pipe wrappers; pick the union member that fits the value. */
function unwrap(s: unknown, value: unknown): unknown {
  for (;;) {
    const def = defOf(s);
    if (!def) return s;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable' || def.type === 'readonly') s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else if (def.type === 'union') {
      const options = def.options as unknown[];
      const disc = def.discriminator as string | undefined;
      const isObj = value !== null && typeof value === 'object' && !Array.isArray(value);
      let pick: unknown;
      if (disc && isObj) {
        const dv = (value as Record<string, unknown>)[disc];
        pick = options.find((o) => {
          const d = defOf(unwrap(o, value));
          const lit = d?.type === 'object' ? defOf((d.shape as Record<string, unknown>)[disc]) : undefined;
          return lit?.type === 'literal' && (lit.values as unknown[]).includes(dv);
        });
      }
      pick ??= options.find((o) => {
        const t = defOf(unwrap(o, value))?.type;
        return isObj ? t === 'object' : Array.isArray(value) ? t === 'array' || t === 'tuple' : t !== 'object';
      });
      if (pick === undefined) return s;
      s = pick;
    } else return s;
  }
}
