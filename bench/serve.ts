/**
 * bench/serve — the HTTP API (`motorcade serve`'s fastify app) against the same services called
 * in-process, in the same run: requests/s and p50/p99 latency of /route and /table.
 *
 *   npm run build && node dist/bench/serve.js [--quick]
 *
 * The server listens on 127.0.0.1 (port 0) in this process; autocannon sends a bounded number of
 * requests (`amount`) over 4 connections, cycling through seeded landmark-to-landmark pairs; the
 * in-process peer calls routeService / tableService with the same URLs' parameters through tinybench.
 * The ratio says what HTTP + JSON costs on top of the search.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import seedrandom from 'seedrandom';
import { Bench } from 'tinybench';
import { loadGazetteer } from '../engine/import/gazetteer.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { ServiceContext } from '../cli/serve/context.js';
import { routeService } from '../cli/serve/route-service.js';
import { buildServer } from '../cli/serve/server.js';
import { tableService } from '../cli/serve/table-service.js';
import { latencyStats } from './latency-stats.js';

const quick = process.argv.includes('--quick');
let sink = 0;

const { graph } = await loadGraph();
const landmarks = loadGazetteer();
const ctx = new ServiceContext(graph, landmarks);
const rng = seedrandom('serve-bench');
// Landmarks within the default snapping radius of a road (the new airport's are not).
const placed = landmarks.filter((l) => ctx.snapper.nearest(l.lon, l.lat, { maxDistanceM: ctx.limits.maxSnapM }));
const pick = (): string => {
  const l = placed[Math.floor(rng() * placed.length)]!;
  return `${l.lon},${l.lat}`;
};
const routePaths = Array.from({ length: 50 }, () => `${pick()};${pick()}`);
const tablePaths = Array.from({ length: 10 }, () => Array.from({ length: 10 }, pick).join(';'));

const app = buildServer(ctx, { logLevel: 'silent' });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

async function http(paths: string[], prefix: string, query: string, amount: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  let i = 0;
  const r = await autocannon({
    url: base,
    connections: 4,
    amount,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `${prefix}${paths[i++ % paths.length]}${query}` }) }],
  });
  // requests.average is a per-second sample mean, meaningless for runs of a few seconds: total / duration.
  return { rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function inProcess(name: string, fn: (i: number) => unknown, time: number): Promise<{ rps: number; p50: number; p99: number }> {
  let i = 0;
  const bench = new Bench({ time, warmupTime: 200, retainSamples: true, throws: true });
  bench.add(name, () => {
    sink += JSON.stringify(fn(i++)).length;
  });
  await bench.run();
  const s = latencyStats(bench.tasks[0]);
  return { rps: 1000 / s.mean, p50: s.p50, p99: s.p99 };
}

const rows: string[] = [];
const cases = [
  { name: 'route (2 points, overview=false)', http: () => http(routePaths, '/route/v1/driving/', '?overview=false', quick ? 300 : 2000), local: () => inProcess('route', (i) => routeService(ctx, routePaths[i % routePaths.length]!, { overview: 'false' }), quick ? 500 : 2000) },
  { name: 'route (steps, geojson, full)', http: () => http(routePaths, '/route/v1/driving/', '?steps=true&geometries=geojson&overview=full', quick ? 300 : 2000), local: () => inProcess('route-steps', (i) => routeService(ctx, routePaths[i % routePaths.length]!, { steps: true, geometries: 'geojson', overview: 'full' }), quick ? 500 : 2000) },
  { name: 'table 10×10', http: () => http(tablePaths, '/table/v1/driving/', '', quick ? 40 : 200), local: () => inProcess('table', (i) => tableService(ctx, tablePaths[i % tablePaths.length]!, {}), quick ? 500 : 2000) },
];
rows.push('| request | HTTP req/s | HTTP p50 ms | HTTP p99 ms | in-process calls/s | in-process p50 ms | in-process p99 ms | HTTP / in-process throughput |');
rows.push('|---|---|---|---|---|---|---|---|');
let failed = false;
for (const c of cases) {
  const h = await c.http();
  const l = await c.local();
  if (h.errors > 0) failed = true;
  rows.push(`| ${c.name} | ${h.rps.toFixed(0)} | ${h.p50.toFixed(1)} | ${h.p99.toFixed(1)} | ${l.rps.toFixed(0)} | ${l.p50.toFixed(2)} | ${l.p99.toFixed(2)} | ${(h.rps / l.rps).toFixed(2)}× |${h.errors > 0 ? ` ${h.errors} errors` : ''}`);
}
const floor = await http([''], '/', '', quick ? 300 : 2000).catch(() => undefined);
await app.close();
console.log(`serve bench on ${os.cpus()[0]?.model ?? 'cpu'} (${os.availableParallelism()} cores), Phnom Penh ${graph.nodeCount} nodes, node ${process.version}${quick ? ', --quick' : ''}`);
console.log(rows.join('\n'));
if (floor) console.log(`HTTP floor (GET /, no search): ${floor.rps.toFixed(0)} req/s, p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms; autocannon runs in this process and shares its event loop`);
console.log(`(sink ${sink % 1000})`);
if (failed) {
  console.log('MISS: some HTTP requests failed (non-2xx or socket errors)');
  process.exitCode = 1;
}
