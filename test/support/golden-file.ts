import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/**
 * Compare `summary` with the golden file `dir/name.json`; with UPDATE_GOLDENS=1 write it first (a
 * missing golden is an error otherwise: goldens are created and regenerated on purpose only).
 */
export function expectGolden(dir: string, name: string, summary: unknown): void {
  const golden = path.join(dir, `${name}.json`);
  if (process.env['UPDATE_GOLDENS'] === '1' || !fs.existsSync(golden)) {
    if (process.env['UPDATE_GOLDENS'] !== '1') throw new Error(`no golden for ${name}: run with UPDATE_GOLDENS=1 to create ${golden}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(golden, JSON.stringify(summary, null, 1) + '\n');
  }
  expect(summary).toEqual(JSON.parse(fs.readFileSync(golden, 'utf8')));
}
