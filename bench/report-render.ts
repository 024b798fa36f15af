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
 *    Peer, same run: the same report with the basemap drawn on one canvas instead of SVG (#canvas-roads).
 * Numbers in ms; p50/p90/p99 over the iterations. Part 1 uses tinybench; part 2 times page loads itself
 * (performance marks inside the page) and interleaves the two variants, see below. On a machine shared
 * with other work, say so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { chromium } from 'playwright-core';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT, phnomPenhDataDir } from '../engine/paths.js';
import { runInProcess } from '../engine/run/run-in-process.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { generateReportHtml } from '../viz/generate-report.js';
import { readWater } from '../viz/write-report.js';
import { quantiles, taskSamples } from './latency-stats.js';

const quick = process.argv.includes('--quick');
let sink = 0;

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
  const marks: Record<string, { tables: number[]; drawn: number[]; zoom: number[] }> = {};
  const open = (label: string, hash: string) => async (): Promise<void> => {
    await page.goto('about:blank');
    await page.goto(pathToFileURL(file).href + hash);
    await page.waitForSelector('html[data-map-drawn="true"]', { timeout: 30_000 });
    const m = await page.evaluate(() => ({
      tables: performance.getEntriesByName('motorcade-tables')[0]?.startTime ?? NaN,
      drawn: performance.getEntriesByName('motorcade-map-drawn')[0]?.startTime ?? NaN,
    }));
    // Zoom in one level (no animation) and wait until it is repainted: what panning and zooming cost.
    const zoomMs = Number(await page.evaluate(`new Promise((resolve) => {
      const map = window.motorcadeReport.map;
      const t = performance.now();
      map.once('zoomend', () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t))));
      map.setZoom(map.getZoom() + 1, { animate: false });
    })`));
    const acc = (marks[label] ??= { tables: [], drawn: [], zoom: [] });
    acc.tables.push(m.tables);
    acc.drawn.push(m.drawn);
    acc.zoom.push(zoomMs);
    sink += m.drawn;
  };
  // The two variants alternate iteration by iteration (not one block after the other) so that the load
  // other work puts on this shared machine falls on both alike.
  const variants: [string, string][] = [['SVG basemap (the report)', ''], ['canvas basemap (peer)', '#canvas-roads']];
  const wall: Record<string, number[]> = {};
  const iterations = quick ? 4 : 12;
  for (const [label, hash] of variants) await open(label, hash)(); // warm-up
  for (const k of Object.keys(marks)) marks[k] = { tables: [], drawn: [], zoom: [] };
  for (let i = 0; i < iterations; i++) {
    for (const [label, hash] of i % 2 === 0 ? variants : [...variants].reverse()) {
      const t0 = performance.now();
      await open(label, hash)();
      (wall[label] ??= []).push(performance.now() - t0);
    }
  }
  for (const [label] of variants) {
    const m = marks[label]!;
    line(`${label}: tables in the DOM`, m.tables);
    line(`${label}: map painted`, m.drawn);
    line(`${label}: goto → painted (Playwright wall)`, wall[label]!);
    line(`${label}: zoom in one level → repainted`, m.zoom);
  }
  const canvas = quantiles(marks['canvas basemap (peer)']!.drawn).p50;
  const svg = quantiles(marks['SVG basemap (the report)']!.drawn).p50;
  console.log(`  map painted, p50 SVG / canvas: ${(svg / canvas).toFixed(2)}×`);
  const zc = quantiles(marks['canvas basemap (peer)']!.zoom).p50;
  const zs = quantiles(marks['SVG basemap (the report)']!.zoom).p50;
  console.log(`  zoom repaint, p50 SVG / canvas: ${(zs / zc).toFixed(2)}×`);
} finally {
  await browser.close();
  fs.rmSync(file, { force: true });
}
console.log(`(sink ${sink > 0 ? 'ok' : 0})`);
