import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, phnomPenhDataDir } from '../../engine/paths.js';

/**
 * What `npm pack` ships, installed the way a user's project gets it: the tarball unpacked into
 * <tmp>/node_modules/motorcade, its dependencies linked from this checkout's node_modules (no network).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-pack-'));
const consumer = path.join(tmp, 'consumer');
const installed = path.join(consumer, 'node_modules', 'motorcade');
const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { license: string; dependencies: Record<string, string> };
let files: string[] = [];

describe('the npm package (npm pack, compiled dist/)', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist', 'engine', 'index.d.ts'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: PACKAGE_ROOT, encoding: 'utf8', timeout: 120_000 });
    const info = (JSON.parse(out) as { filename: string; files: { path: string }[] }[])[0]!;
    files = info.files.map((f) => f.path);
    fs.mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(tmp, info.filename), '-C', installed, '--strip-components=1']);
    for (const dep of [...Object.keys(pkg.dependencies), '@types/node']) {
      const link = path.join(consumer, 'node_modules', dep);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(PACKAGE_ROOT, 'node_modules', dep), link);
    }
    fs.writeFileSync(path.join(consumer, 'package.json'), '{"type": "module", "private": true}\n');
  });

  it('ships the library, the CLI, the report client, the scenarios and the licence; no tests, benches, CI or source maps', () => {
    for (const f of ['dist/engine/index.js', 'dist/engine/index.d.ts', 'dist/cli/main.js', 'dist/cli/serve/server.js', 'dist/viz/write-report.js', 'viz/client/main.js', 'scenarios/summit-day.yaml', 'scenarios/motorcade-scenario.schema.json', 'LICENSE', 'README.md', 'package.json']) {
      expect(files, f).toContain(f);
    }
    for (const f of files) expect(f).not.toMatch(/^(test|bench|dist\/bench|\.ci|engine|cli)\/|\.map$|\.test\.|^tsconfig/);
  });

  it('LICENSE is the MIT licence that package.json names', () => {
    expect(pkg.license).toBe('MIT');
    expect(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('its types compile in a consumer project with skipLibCheck: false', () => {
    fs.writeFileSync(
      path.join(consumer, 'consumer.ts'),
      [
        "import { loadGraph, Router, EdgeSnapper, routeToGeoJSON, type RouteResult } from 'motorcade';",
        'const { graph } = await loadGraph();',
        'const router = new Router(graph);',
        'const a = new EdgeSnapper(graph).nearest(104.9305, 11.56348)!;',
        'const r: RouteResult = router.fastest(a, a);',
        'if (r.found) console.log(routeToGeoJSON(graph, r).properties.time_s);',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] }, files: ['consumer.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], { encoding: 'utf8', timeout: 180_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('installed in node_modules, it reads the data from MOTORCADE_DATA and caches in $XDG_CACHE_HOME/motorcade, not in node_modules', () => {
    const xdg = path.join(tmp, 'xdg');
    const env: NodeJS.ProcessEnv = { ...process.env, MOTORCADE_DATA: phnomPenhDataDir(), XDG_CACHE_HOME: xdg };
    delete env['MOTORCADE_CACHE'];
    delete env['MOTORCADE_SHARED_DATA'];
    const r = spawnSync(process.execPath, [path.join(installed, 'dist', 'cli', 'main.js'), 'graph', 'info', '--json'], { encoding: 'utf8', cwd: consumer, env, timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout) as { cacheFile: string; summary: { nodes: number } };
    expect(info.summary.nodes).toBeGreaterThan(1000);
    expect(path.dirname(info.cacheFile)).toBe(path.join(xdg, 'motorcade'));
    expect(fs.existsSync(info.cacheFile)).toBe(true);
    expect(fs.existsSync(path.join(installed, '.cache'))).toBe(false);
  });
});
