/**
 * bench/report-render — how fast the HTML report is made and how fast it shows (issue 7: "the map and
 * the table within a second").
 *
 *   npm run build && node dist/bench/report-render.js [--quick]
 *
 * 1. Generating the report of the bundled arrival scenario from a finished run (graph → basemap,
 *    service areas, routes, HTML), in Node.
 * 2. Opening it in headless Chromium (/usr/bin/chromium, software rendering): time from navigation start
 *    to the tables being in the DOM and to the map being painted (performance marks set by the page).
 *    Peer, same run: the same report with the basemap drawn as SVG instead of one canvas (#svg-roads).
 * Numbers in ms; p50/p90/p99 over the iterations. On a machine shared with other work, say so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench, type Task } from 'tinybench';
import { chromium } from 'playwright-core';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT, phnomPenhDataDir } from '../engine/paths.js';
import { runInProcess } from '../engine/run/run-in-process.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { generateReportHtml } from '../viz/generate-report.js';
import { readWater } from '../viz/write-report.js';

const quick = process.argv.includes('--quick');
let sink = 0;

function quantiles(xs: readonly number[]): { p50: number; p90: number; p99: number; n: number } {
  const s = Float64Array.from(xs).sort();
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))] ?? NaN;
  return { p50: q(0.5), p90: q(0.9), p99: q(0.99), n: s.length };
}

function taskSamples(task: Task): number[] {
  const r = task.result as { latency?: { samples?: ArrayLike<number> } } | undefined;
  return Array.from(r?.latency?.samples ?? []);
}

function line(name: string, xs: readonly number[]): void {
  const q = quantiles(xs);
  const f = (x: number): string => x.toFixed(x < 100 ? 1 : 0);
  console.log(`  ${name.padEnd(46)} p50 ${f(q.p50).padStart(7)} ms  p90 ${f(q.p90).padStart(7)} ms  p99 ${f(q.p99).padStart(7)} ms  (n=${q.n})`);
}

console.log(`bench/report-render — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}${quick ? ', --quick' : ''}`);

const scenarioFile = path.join(PACKAGE_ROOT, 'scenarios', 'asean-2022-arrivals.yaml');
const { graph } = await loadGraph();
const scenario = await loadScenarioOrThrow(scenarioFile, { graph });
const { result } = runInProcess(graph, scenario, { samples: 20, seed: 2022 });
const water = readWater(phnomPenhDataDir());
const input = { graph, scenario, result, water };

// ---------------------------------------------------------------- 1. generate
{
  const bench = new Bench({ name: 'generate', iterations: quick ? 3 : 10, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
  bench.add('generate report HTML (arrival scenario)', () => { sink += generateReportHtml(input).length; });
  await bench.run();
  console.log('1. generating the report in Node');
  line(bench.tasks[0]!.name, taskSamples(bench.tasks[0]!));
}

// ---------------------------------------------------------------- 2. open in Chromium
const html = generateReportHtml(input);
const file = path.join(os.tmpdir(), `motorcade-bench-report-${process.pid}.html`);
fs.writeFileSync(file, html);
console.log(`2. opening the report (${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB, ${result.movements.length} movements) in headless Chromium, viewport 1400×1000`);
const browser = await chromium.launch({
  executablePath: process.env['MOTORCADE_CHROMIUM'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const marks: Record<string, { tables: number[]; drawn: number[] }> = {};
  const open = (label: string, hash: string) => async (): Promise<void> => {
    await page.goto('about:blank');
    await page.goto(pathToFileURL(file).href + hash);
    await page.waitForSelector('html[data-map-drawn="true"]', { timeout: 30_000 });
    const m = await page.evaluate(() => ({
      tables: performance.getEntriesByName('motorcade-tables')[0]?.startTime ?? NaN,
      drawn: performance.getEntriesByName('motorcade-map-drawn')[0]?.startTime ?? NaN,
    }));
    const acc = (marks[label] ??= { tables: [], drawn: [] });
    acc.tables.push(m.tables);
    acc.drawn.push(m.drawn);
    sink += m.drawn;
  };
  const bench = new Bench({ name: 'open', iterations: quick ? 4 : 12, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
  bench.add('canvas basemap (the report)', open('canvas basemap (the report)', ''));
  bench.add('SVG basemap (peer)', open('SVG basemap (peer)', '#svg-roads'));
  await bench.run();
  for (const t of bench.tasks) {
    const m = marks[t.name]!;
    // Warm-up iterations also recorded marks: keep the measured ones only (the last n).
    const n = taskSamples(t).length;
    line(`${t.name}: tables in the DOM`, m.tables.slice(-n));
    line(`${t.name}: map painted`, m.drawn.slice(-n));
    line(`${t.name}: goto → painted (Playwright wall)`, taskSamples(t));
  }
  const canvas = quantiles(marks['canvas basemap (the report)']!.drawn).p50;
  const svg = quantiles(marks['SVG basemap (peer)']!.drawn).p50;
  console.log(`  map painted, p50 SVG / canvas: ${(svg / canvas).toFixed(2)}×`);
} finally {
  await browser.close();
  fs.rmSync(file, { force: true });
}
console.log(`(sink ${sink > 0 ? 'ok' : 0})`);
