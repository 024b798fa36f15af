import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';
import { layeringViolations, moduleSpecifiers, stageOf, type SourceFile } from './layering.js';

function engineSources(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(PACKAGE_ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|mts|cts)$/.test(entry.name)) files.push({ path: rel, text: fs.readFileSync(path.join(PACKAGE_ROOT, rel), 'utf8') });
    }
  };
  walk('engine');
  return files;
}

describe('engine layering (geo → graph → model → import → route → scenario → metrics → sim → analysis → run)', () => {
  it('no file under engine/ imports a later stage, cli/ or viz/', () => {
    const files = engineSources();
    expect(files.length).toBeGreaterThan(100);
    expect(layeringViolations(files).map((v) => v.message)).toEqual([]);
  });

  it('every folder under engine/ is a stage', () => {
    for (const f of engineSources()) expect(() => stageOf(f.path)).not.toThrow();
  });
});

describe('the layering check itself', () => {
  it('fails on an upward static import, naming the file, the import and both stages', () => {
    const v = layeringViolations([{ path: 'engine/metrics/coverage.ts', text: "import { simulateSample } from '../sim/simulate.js';\n" }]);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ file: 'engine/metrics/coverage.ts', specifier: '../sim/simulate.js', target: 'engine/sim/simulate.ts', fromStage: 'metrics', toStage: 'sim' });
    expect(v[0]!.message).toBe("engine/metrics/coverage.ts imports '../sim/simulate.js' (engine/sim/simulate.ts): stage metrics may not import sim, which comes later (geo → graph → model → import → route → scenario → metrics → sim → analysis → run → exercise)");
  });

  it('sees export-from, dynamic import(), import types and type-only imports', () => {
    const text = [
      "export { RunAggregator } from '../run/aggregate.js';",
      "const m = await import('../analysis/verdict.js');",
      "let a: import('../scenario/model.js').Scenario;",
      "import type { PreparedRun } from '../sim/prepared-run.js';",
      "import { haversineM } from '../geo/haversine.js';",
      "import { Piscina } from 'piscina';",
    ].join('\n');
    expect(moduleSpecifiers({ path: 'engine/route/x.ts', text })).toEqual(['../run/aggregate.js', '../analysis/verdict.js', '../scenario/model.js', '../sim/prepared-run.js', '../geo/haversine.js', 'piscina']);
    expect(layeringViolations([{ path: 'engine/route/x.ts', text }]).map((v) => v.toStage)).toEqual(['run', 'analysis', 'scenario', 'sim']);
  });

  it('allows the same stage, earlier stages and the top-level helpers; the library entry may import any stage', () => {
    expect(layeringViolations([{ path: 'engine/sim/x.ts', text: "import './track.js';\nimport '../metrics/coverage.js';\nimport '../model/run-plan.js';\nimport '../errors.js';\n" }])).toEqual([]);
    expect(layeringViolations([{ path: 'engine/index.ts', text: "export * from './run/index.js';\n" }])).toEqual([]);
    expect(layeringViolations([{ path: 'engine/errors.ts', text: "import './graph/road-graph.js';\n" }]).map((v) => v.toStage)).toEqual(['graph']);
    expect(layeringViolations([{ path: 'engine/run/x.ts', text: "import '../index.js';\n" }])).toHaveLength(1);
  });

  it('fails when the engine imports cli/ or viz/', () => {
    const v = layeringViolations([{ path: 'engine/run/x.ts', text: "import '../../cli/main.js';\nimport '../../viz/render-html.js';\n" }]);
    expect(v.map((x) => x.message)).toEqual([
      "engine/run/x.ts imports '../../cli/main.js' (cli/main.ts): the engine may not import cli/ (cli and viz sit on top of the engine)",
      "engine/run/x.ts imports '../../viz/render-html.js' (viz/render-html.ts): the engine may not import viz/ (cli and viz sit on top of the engine)",
    ]);
  });

  it('rejects a folder under engine/ that has no stage', () => {
    expect(() => stageOf('engine/score/x.ts')).toThrow(/engine\/score\/ has no stage/);
  });
});
