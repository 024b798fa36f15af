/**
 * bench/import — road graph import, cache load and bytes per edge, for Phnom Penh and Moscow.
 *
 *   npm run build && node dist/bench/import.js [--quick]
 *
 * Phnom Penh: the full GeoJSON import with topology repair (importRoadGeoJson) against its floor, a bare
 * JSON.parse of the same three files (the peer: no import can be faster than reading its input); then
 * loading the .mcg cache (readGraphFile = one read + RoadGraph.from + integrity checks) against the import,
 * and the cost of the integrity checks (CRC32 + content pass) against the same load without them; and
 * loadGraph(), the call every command makes (it checks the cache against its sources first), against both.
 * Moscow (largest scale graph, 412k nodes): loadCityGraph from the two .bin files against reading those
 * files, and the .mcg cache load against the import. Bytes per edge = buffer bytes / directed edges.
 * p50/p90/p99 over tinybench samples; a sink keeps results alive.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bench } from 'tinybench';
import type { RoadGraph } from '../engine/graph/road-graph.js';
import { loadCityGraph } from '../engine/import/city-graph.js';
import { importRoadGeoJson, phnomPenhInputs } from '../engine/import/geojson/index.js';
import { readGraphFile, writeGraphCache } from '../engine/import/graph-cache.js';
import { cityGraphsDir, phnomPenhDataDir } from '../engine/paths.js';
import { writeFileAtomic } from '../engine/atomic-write.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { latencyStats } from './latency-stats.js';

const quick = process.argv.includes('--quick');
let sink = 0;

async function measure(entries: [string, () => unknown][], heavy: boolean): Promise<Map<string, ReturnType<typeof latencyStats>>> {
    const bench = heavy
    ? new Bench({ iterations: quick ? 2 : 6, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true })
    : new Bench({ iterations: quick ? 20 : 100, time: 0, warmupIterations: 5, warmupTime: 0, retainSamples: true, throws: true });
  for (const [name, fn] of entries) bench.add(name, fn);
  await bench.run();
  return new Map(entries.map(([name]) => [name, latencyStats(bench.tasks.find((t) => t.name === name))]));
}

const lines: string[] = [];
const out = (s: string): void => {
  lines.push(s);
  process.stdout.write(s + '\n');
};
const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (r: number): string => (r >= 0.1 ? `${r.toFixed(2)}×` : `1/${(1 / r).toFixed(0)}`);
const row = (name: string, s: ReturnType<typeof latencyStats>, peer?: ReturnType<typeof latencyStats>): void =>
  out(`| ${name} | ${fmt(s.p50)} | ${fmt(s.p90)} | ${fmt(s.p99)} | ${s.n} | ${peer ? ratio(s.p50 / peer.p50) : ''} |`);

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-bench-import-'));
  out(`# bench/import (${new Date().toISOString()})`);
  out(`${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, Node ${process.version}${quick ? ', --quick' : ''}. Times in ms.`);
  out('');

  // Phnom Penh.
  const inputs = phnomPenhInputs(phnomPenhDataDir());
  let pp: RoadGraph = importRoadGeoJson(inputs);
  const ppFile = path.join(tmp, 'phnom-penh.mcg');
  writeGraphCache(ppFile, pp);
  const ppTimes = await measure(
    [
      ['parse JSON only (peer)', () => (sink += Object.values(inputs).reduce((a, f) => a + (JSON.parse(fs.readFileSync(f, 'utf8')) as { features: unknown[] }).features.length, 0))],
      ['import + repair', () => {
        pp = importRoadGeoJson(inputs);
        sink += pp.edgeCount;
      }],
    ],
    true,
  );
  const ppLoad = await measure(
    [
      ['cache load, unverified (peer)', () => (sink += readGraphFile(ppFile, { verify: false }).edgeCount)],
      ['cache load (.mcg)', () => (sink += readGraphFile(ppFile).edgeCount)],
      ['loadGraph() (the real call: staleness check of the sources, then the cache)', async () => {
        sink += (await loadGraph()).graph.edgeCount;
      }],
    ],
    false,
  );
  out(`## Phnom Penh (bundled GeoJSON): ${pp.nodeCount} nodes, ${pp.edgeCount} edges, ${(pp.buffer.byteLength / 1e6).toFixed(2)} MB, ${pp.bytesPerEdge.toFixed(1)} bytes/edge`);
  out('');
  out('| task | p50 | p90 | p99 | samples | p50 vs peer |');
  out('|---|---|---|---|---|---|');
  const parse = ppTimes.get('parse JSON only (peer)')!;
  const imp = ppTimes.get('import + repair')!;
  row('parse JSON only (peer)', parse);
  row('import + repair', imp, parse);
  row('cache load (.mcg)', ppLoad.get('cache load (.mcg)')!, imp);
  row('cache load, unverified', ppLoad.get('cache load, unverified (peer)')!);
  row('cache load (.mcg) vs unverified', ppLoad.get('cache load (.mcg)')!, ppLoad.get('cache load, unverified (peer)')!);
  row('loadGraph() (what every command calls) vs cache load', ppLoad.get('loadGraph() (the real call: staleness check of the sources, then the cache)')!, ppLoad.get('cache load (.mcg)')!);
  row('loadGraph() vs import + repair', ppLoad.get('loadGraph() (the real call: staleness check of the sources, then the cache)')!, imp);
  out('');

  // Moscow.
  const dir = cityGraphsDir();
  if (fs.existsSync(path.join(dir, 'moscow-roads.gr.bin'))) {
    let moscow = loadCityGraph('moscow');
    const mFile = path.join(tmp, 'moscow.mcg');
    writeGraphCache(mFile, moscow);
    const mImport = await measure(
      [
        ['read .bin files only (peer)', () => (sink += fs.readFileSync(path.join(dir, 'moscow-roads.co.bin')).length + fs.readFileSync(path.join(dir, 'moscow-roads.gr.bin')).length)],
        ['import (loadCityGraph)', () => {
          moscow = loadCityGraph('moscow');
          sink += moscow.edgeCount;
        }],
      ],
      true,
    );
    const mLoad = await measure(
      [
        ['cache load, unverified (peer)', () => (sink += readGraphFile(mFile, { verify: false }).edgeCount)],
        ['cache load (.mcg)', () => (sink += readGraphFile(mFile).edgeCount)],
      ],
      false,
    );
    out(`## Moscow (scale graph): ${moscow.nodeCount} nodes, ${moscow.edgeCount} edges, ${(moscow.buffer.byteLength / 1e6).toFixed(1)} MB, ${moscow.bytesPerEdge.toFixed(1)} bytes/edge`);
    out('');
    out('| task | p50 | p90 | p99 | samples | p50 vs peer |');
    out('|---|---|---|---|---|---|');
    const read = mImport.get('read .bin files only (peer)')!;
    const mi = mImport.get('import (loadCityGraph)')!;
    row('read .bin files only (peer)', read);
    row('import (loadCityGraph)', mi, read);
    row('cache load (.mcg)', mLoad.get('cache load (.mcg)')!, mi);
    row('cache load, unverified', mLoad.get('cache load, unverified (peer)')!);
    row('cache load (.mcg) vs unverified', mLoad.get('cache load (.mcg)')!, mLoad.get('cache load, unverified (peer)')!);
  } else out(`(Moscow skipped: ${dir} has no moscow-roads.gr.bin)`);
  out('');
  out(`sink ${sink % 1000}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  writeFileAtomic(path.join('bench', 'results', `import${quick ? '-quick' : ''}.md`), lines.join('\n') + '\n');
}

await main();
