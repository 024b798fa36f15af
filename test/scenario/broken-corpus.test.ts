import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/scenario/index.js';
import { tinyGraph } from './tiny-graph.js';

/**
 * The broken-scenario corpus: each file in test/fixtures/scenarios-broken has, in expect.json, the exact
 * list of problems `motorcade validate` must report, as `line:col  path  message`. Entries with
 * `"graph": true` are checked on a tiny two-piece graph (tiny-graph.ts).
 *
 * To regenerate after a deliberate change of wording: UPDATE_EXPECT=1 npx vitest run test/scenario/broken-corpus
 * and review the diff of expect.json line by line.
 */
const DIR = path.resolve(import.meta.dirname, '../fixtures/scenarios-broken');
const EXPECT_FILE = path.join(DIR, 'expect.json');
type Expect = Record<string, { graph?: boolean; problems: string[] }>;
const expected: Expect = JSON.parse(fs.readFileSync(EXPECT_FILE, 'utf8'));
const files = fs.readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'expect.json').sort();
const graph = tinyGraph();

describe('broken scenario corpus', () => {
  it('has at least 30 files, each with its expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    if (!process.env['UPDATE_EXPECT']) expect(Object.keys(expected).sort()).toEqual(files);
  });

  const actual: Expect = {};
  for (const f of files) {
    it(f, async () => {
      const withGraph = expected[f]?.graph ?? /off-graph|unreachable/.test(f);
      const { problems } = await loadScenario(path.join(DIR, f), withGraph ? { graph } : {});
      const lines = problems.map((p) => {
        expect(p.file).toBe(path.join(DIR, f));
        return `${p.line}:${p.col}  ${p.path}  ${p.message}`;
      });
      actual[f] = withGraph ? { graph: true, problems: lines } : { problems: lines };
      if (process.env['UPDATE_EXPECT']) return;
      expect(lines.length, 'a broken file must report at least one problem').toBeGreaterThan(0);
      expect(lines).toEqual(expected[f]?.problems);
    });
  }

  it.runIf(!!process.env['UPDATE_EXPECT'])('writes expect.json', () => {
    fs.writeFileSync(EXPECT_FILE, JSON.stringify(actual, null, 2) + '\n');
  });
});
