/**
 * bench/osm-import — OpenStreetMap import time by format, and our PBF decoder against osm-pbf-parser.
 *
 *   npm run build && node dist/bench/osm-import.js [--city amsterdam|moscow] [--quick]
 *
 * There is no real OSM extract in the shared data (and no network), so the input is synthesised from a
 * scale graph (../shared/data/city-graphs): every road becomes a way with two interior nodes (folded away
 * again by the import), a mix of classes, oneways, maxspeeds and names, plus one building outline per
 * four roads (nodes and ways the import must skip). Coordinates are placed around Phnom Penh. The same
 * data is written as .osm.pbf (8000 entities per block, zlib), .osm XML and Overpass JSON (XML and JSON
 * only for amsterdam: they are ~10× larger).
 * Measured, each in the same run:
 *   - PBF decode only: readOsmPbf into the collector (two passes: ways, then road nodes) vs osm-pbf-parser
 *     (stream, all entities) — the peer a user would otherwise pick.
 *   - Full import (decode + junctions + build + largest SCC) from PBF, XML and JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Bench, type Task } from 'tinybench';
import type { RoadGraph } from '../engine/graph/road-graph.js';
import { loadCityGraph, type CityGraphName } from '../engine/import/city-graph.js';
import { importOsm } from '../engine/import/osm/index.js';
import { OsmCollector } from '../engine/import/osm/osm-data.js';
import { readOsmPbf } from '../engine/import/osm/read-pbf.js';
import { writeOsmPbf, type OsmNodeIn, type OsmWayIn } from './osm-pbf-writer.js';
import { Verdict } from './verdict.js';

const verdict = new Verdict();

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const city = (args[args.indexOf('--city') + 1] ?? 'amsterdam') as CityGraphName;
const cityName: CityGraphName = args.includes('--city') ? city : 'amsterdam';
let sink = 0;

function p50(task: Task): number {
  const r = task.result as { latency?: { samples?: ArrayLike<number> } } | undefined;
  const s = Float64Array.from(r?.latency?.samples ?? []).sort();
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
}

/** The scale graph as OSM entities around Phnom Penh. */
function synthesise(g: RoadGraph): { nodes: OsmNodeIn[]; ways: OsmWayIn[] } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let v = 0; v < g.nodeCount; v++) {
    minX = Math.min(minX, g.lon(v)); maxX = Math.max(maxX, g.lon(v));
    minY = Math.min(minY, g.lat(v)); maxY = Math.max(maxY, g.lat(v));
  }
  const scale = 0.4 / Math.max(maxX - minX, maxY - minY); // the whole city spans ~0.4° (~44 km)
  const lon = (x: number): number => 104.7 + (x - minX) * scale;
  const lat = (y: number): number => 11.35 + (y - minY) * scale;
  const nodes: OsmNodeIn[] = [];
  const ways: OsmWayIn[] = [];
  for (let v = 0; v < g.nodeCount; v++) nodes.push({ id: 5_000_000_000 + v, lon: lon(g.lon(v)), lat: lat(g.lat(v)) });
  let nextNode = 6_000_000_000;
  let nextWay = 7_000_000_000;
  const classes = ['residential', 'residential', 'residential', 'tertiary', 'secondary', 'primary', 'service', 'unclassified'];
  for (let e = 0; e < g.edgeCount; e++) {
    const t = g.twin[e]!;
    if (t >= 0 && t < e) continue;
    const a = g.tail[e]!, b = g.head[e]!;
    const refs = [5_000_000_000 + a];
    for (const f of [1 / 3, 2 / 3]) {
      const x = g.lon(a) + f * (g.lon(b) - g.lon(a));
      const y = g.lat(a) + f * (g.lat(b) - g.lat(a));
      nodes.push({ id: nextNode, lon: lon(x) + 1e-6, lat: lat(y) - 1e-6 });
      refs.push(nextNode++);
    }
    refs.push(5_000_000_000 + b);
    const tags: Record<string, string> = { highway: classes[e % classes.length]!, name: `Street ${e % 997}` };
    if (e % 13 === 0) tags['oneway'] = 'yes';
    if (e % 5 === 0) tags['maxspeed'] = e % 10 === 0 ? '50' : 'KH:urban';
    if (e % 7 === 0) tags['lanes'] = '2';
    ways.push({ id: nextWay++, refs, tags });
    if (e % 4 === 0) {
      // A building outline beside the road: four nodes and a closed way, all to be skipped.
      const x0 = lon(g.lon(a)) + 2e-5, y0 = lat(g.lat(a)) + 2e-5;
      const ids: number[] = [];
      for (const [dx, dy] of [[0, 0], [1e-4, 0], [1e-4, 1e-4], [0, 1e-4]] as const) {
        nodes.push({ id: nextNode, lon: x0 + dx, lat: y0 + dy });
        ids.push(nextNode++);
      }
      ways.push({ id: nextWay++, refs: [...ids, ids[0]!], tags: { building: 'yes' } });
    }
  }
  return { nodes, ways };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
function toXml(d: { nodes: OsmNodeIn[]; ways: OsmWayIn[] }): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="motorcade bench">'];
  for (const n of d.nodes) out.push(` <node id="${n.id}" lat="${n.lat.toFixed(7)}" lon="${n.lon.toFixed(7)}"/>`);
  for (const w of d.ways) {
    out.push(` <way id="${w.id}">`);
    for (const r of w.refs) out.push(`  <nd ref="${r}"/>`);
    for (const [k, v] of Object.entries(w.tags)) out.push(`  <tag k="${esc(k)}" v="${esc(v)}"/>`);
    out.push(' </way>');
  }
  out.push('</osm>', '');
  return out.join('\n');
}
function toJson(d: { nodes: OsmNodeIn[]; ways: OsmWayIn[] }): string {
  const els: string[] = [];
  for (const n of d.nodes) els.push(JSON.stringify({ type: 'node', id: n.id, lat: Number(n.lat.toFixed(7)), lon: Number(n.lon.toFixed(7)) }));
  for (const w of d.ways) els.push(JSON.stringify({ type: 'way', id: w.id, nodes: w.refs, tags: w.tags }));
  return `{"version":0.6,"elements":[\n${els.join(',\n')}\n]}\n`;
}

async function osmPbfParserCount(file: string): Promise<number> {
  const require = createRequire(import.meta.url);
  const parser = require('osm-pbf-parser') as () => NodeJS.ReadWriteStream;
  return await new Promise<number>((resolve, reject) => {
    let n = 0;
    const stream = parser();
    stream.on('data', (batch: unknown[]) => (n += batch.length));
    stream.on('end', () => resolve(n));
    stream.on('error', reject);
    fs.createReadStream(file).pipe(stream);
  });
}

console.log(`bench/osm-import — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}${quick ? ', --quick' : ''}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-bench-'));
try {
  const t0 = performance.now();
  const data = synthesise(loadCityGraph(cityName));
  const pbfFile = path.join(dir, `${cityName}.osm.pbf`);
  fs.writeFileSync(pbfFile, writeOsmPbf(data));
  const files: [string, string][] = [['pbf', pbfFile]];
  if (cityName === 'amsterdam') {
    files.push(['xml', path.join(dir, `${cityName}.osm`)], ['json', path.join(dir, `${cityName}.json`)]);
    fs.writeFileSync(files[1]![1], toXml(data));
    fs.writeFileSync(files[2]![1], toJson(data));
  }
  console.log(`input: ${cityName} synthesised in ${((performance.now() - t0) / 1000).toFixed(1)} s — ${data.nodes.length} nodes, ${data.ways.length} ways; ${files.map(([k, f]) => `${k} ${(fs.statSync(f).size / 1e6).toFixed(1)} MB`).join(', ')}`);

  const pbfBytes = fs.readFileSync(pbfFile);
  const decode = new Bench({ name: 'decode', iterations: quick ? 2 : 5, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
  decode.add('readOsmPbf (ours, ways then road nodes)', () => {
    const c = new OsmCollector();
    readOsmPbf(pbfFile, pbfBytes, c);
    sink += c.ways.length;
  });
  decode.add('osm-pbf-parser (stream, all entities)', async () => {
    sink += await osmPbfParserCount(pbfFile);
  });
  await decode.run();
  const ours = p50(decode.tasks[0]!);
  for (const task of decode.tasks) {
    console.log(`  decode ${task.name.padEnd(42)} p50 ${p50(task).toFixed(0).padStart(6)} ms  ×${(p50(task) / ours).toFixed(2)} of ours  (${(pbfBytes.length / 1e6 / (p50(task) / 1000)).toFixed(1)} MB/s)`);
  }

  const full = new Bench({ name: 'import', iterations: quick ? 1 : 3, time: 0, warmupIterations: quick ? 0 : 1, warmupTime: 0, retainSamples: true, throws: true });
  let last: RoadGraph | undefined;
  const digests = new Map<string, string>();
  for (const [kind, file] of files) {
    full.add(`importOsm ${kind}`, () => {
      last = importOsm(file);
      sink += last.edgeCount;
      let len = 0;
      for (let e = 0; e < last.edgeCount; e++) len += last.lengthM[e]!;
      digests.set(kind, `${last.nodeCount} nodes, ${last.edgeCount} edges, ${len.toFixed(3)} m`);
    });
  }
  await full.run();
  const base = p50(full.tasks[0]!);
  for (const task of full.tasks) {
    console.log(`  ${task.name.padEnd(49)} p50 ${p50(task).toFixed(0).padStart(6)} ms  ×${(p50(task) / base).toFixed(2)} of pbf`);
  }
  if (last) console.log(`  result: ${last.nodeCount} junction nodes, ${last.edgeCount} directed edges, ${last.bytesPerEdge.toFixed(1)} bytes/edge`);
  verdict.agree('every input format imports to the same graph', new Set(digests.values()).size === 1, [...digests].map(([k, d]) => `${k}: ${d}`).join('; '));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
verdict.finish();
console.log(`(sink ${sink > 0 ? 'ok' : 0})`);
