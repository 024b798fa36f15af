import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateScenarioText } from '../../engine/scenario/index.js';
import { PACKAGE_ROOT } from '../../engine/paths.js';

/**
 * Whatever the text, validation returns problems, never throws: `motorcade validate` must never end in a
 * stack trace. Inputs are the bundled scenarios with random lines dropped, duplicated or garbled, and
 * random documents built from the scenario's own field names.
 */
const SOURCE = fs.readFileSync(path.join(PACKAGE_ROOT, 'scenarios', 'tabletop-bridge-closure.yaml'), 'utf8');
const LINES = SOURCE.split('\n');

function check(text: string): void {
  const r = validateScenarioText(text, 'fuzz.yaml', '/tmp/fuzz.yaml');
  for (const p of r.problems) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.col).toBeGreaterThanOrEqual(1);
    expect(p.message.length).toBeGreaterThan(0);
  }
}

describe('validation never throws', () => {
  it('on the tabletop scenario with lines dropped, duplicated or garbled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(LINES.length - 1), fc.constantFrom('drop', 'dup', 'garble', 'indent'), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 4 }),
        (edits) => {
          const lines = [...LINES];
          for (const [i, op, s] of edits) {
            const line = lines[i % lines.length] ?? '';
            if (op === 'drop') lines.splice(i % lines.length, 1);
            else if (op === 'dup') lines.splice(i % lines.length, 0, line);
            else if (op === 'indent') lines[i % lines.length] = ' ' + line;
            else lines[i % lines.length] = line.slice(0, Math.floor(line.length / 2)) + s + line.slice(Math.floor(line.length / 2) + s.length);
          }
          check(lines.join('\n'));
        },
      ),
      { numRuns: 100, seed: Number(process.env['FUZZ_SEED'] ?? 4) },
    );
  });

  it('on random documents made of scenario field names and odd values', () => {
    const keys = ['name', 'date', 'start', 'places', 'movements', 'threats', 'injects', 'responders', 'traffic', 'delegations', 'escort_profiles', 'from', 'to', 'via', 'departure', 'options', 'route', 'at', 'action', 'center', 'radius', 'polygon', 'bands', 'landmark', 'lon', 'lat', 'when', 'threat', 'active'];
    const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.double({ noNaN: false }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('08:30', 'T+5 min', '40 km/h', 'wat_phnom', 'fastest', 'close_road', '12 m'));
    const doc = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...keys), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), doc, { maxKeys: 8 }), (d) => check(stringify(d))),
      { numRuns: 200, seed: Number(process.env['FUZZ_SEED'] ?? 9) },
    );
  });
});
