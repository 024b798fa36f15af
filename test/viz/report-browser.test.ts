import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/model/run-result.js';
import { haveChromium, openReport, roadPathData, type OpenedReport } from './browser.js';

/**
 * The report of a real bundled scenario, opened in Debian's Chromium from a file:// URL, checked against
 * `motorcade run --json` for the same scenario, seed and samples. Uses the compiled CLI (npm test builds
 * dist/ first). UPDATE_SCREENSHOT=1 also refreshes docs/report-screenshot.png for the README.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'test-output');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const SCENARIO = path.join(ROOT, 'scenarios', 'asean-2022-arrivals.yaml');
// In-process (--workers 0) and few samples: the pooled run gives byte-identical numbers (engine/run tests).
const ARGS = ['--samples', '8', '--seed', '2022', '--workers', '0'];

function cli(args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** The run's value for a table cell key (as table.js writes data-key). */
function valueOf(o: RunResult['movements'][number]['options'][number], key: string): number | null | undefined {
  const [head, a, b] = key.split('.');
  switch (head) {
    case 'timeS': return o.timeS[a as 'p50' | 'p95'];
    case 'lengthM': return o.route.lengthM;
    case 'exposure': return a === 'total' ? o.exposure.total[b as 'p50' | 'p95'] : o.exposure.components[b as keyof typeof o.exposure.components]?.p50;
    case 'response': return o.response.find((r) => r.type === a)?.p95S;
    case 'evacuation': { const v = o.evacuation.find((x) => x.kind === a); return b === 'share' ? v?.withinTargetShare : v?.p95S; }
    case 'coverage': return o.response.length ? Math.min(...o.response.map((r) => r.withinTargetShare)) : null;
    case 'arrivedShare': return o.arrivedShare;
    case 'reroutedShare': return o.reroutedShare;
    default: return undefined;
  }
}

describe.skipIf(!haveChromium())('report of the bundled arrival scenario in Chromium', () => {
  let run: RunResult;
  let r: OpenedReport;
  const file = path.join(OUT, 'asean-2022-arrivals.html');

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    run = JSON.parse(cli(['run', SCENARIO, '--json', ...ARGS])) as RunResult;
    const printed = cli(['report', SCENARIO, '-o', file, ...ARGS]).trim();
    expect(printed).toBe(file);
    r = await openReport(file);
  }, 240_000);
  afterAll(async () => { await r?.close(); });

  it('is a reasonably small single file', () => {
    const bytes = fs.statSync(file).size;
    expect(bytes).toBeLessThan(4e6);
  });

  it('draws the roads, the water and every route option', async () => {
    expect(await roadPathData(r.page)).toBeGreaterThan(50_000);
    expect(await r.page.locator('path.basemap-water').count()).toBe(1);
    for (const m of run.movements) {
      for (const o of m.options.filter((x) => x.found)) {
        expect(await r.page.locator(`path.route-line.route-${m.id}-${o.id}`).count(), `route ${m.id}/${o.id}`).toBeGreaterThan(0);
      }
    }
    expect(await r.page.locator('.leaflet-control-attribution').innerText()).toContain('OpenStreetMap contributors');
  });

  it('has one table row per option with the numbers of motorcade run --json', async () => {
    for (const m of run.movements) {
      const rows = r.page.locator(`table.comparison[data-movement="${m.id}"] tbody tr`);
      expect(await rows.count()).toBe(m.options.length);
      if (m.recommended) expect(await r.page.locator(`table.comparison[data-movement="${m.id}"] tr.recommended`).getAttribute('data-option')).toBe(m.recommended);
      expect(await r.page.locator(`section[data-movement="${m.id}"] .verdict`).innerText()).toBe(m.verdict);
      const cells = await r.page.$$eval(`table.comparison[data-movement="${m.id}"] tbody tr`, (trs) =>
        trs.map((tr) => ({ option: tr.getAttribute('data-option')!, cells: Array.from(tr.querySelectorAll('[data-key]')).map((td) => [td.getAttribute('data-key')!, td.getAttribute('data-value')!] as const) })));
      for (const row of cells) {
        const o = m.options.find((x) => x.id === row.option)!;
        for (const [key, raw] of row.cells) {
          const want = valueOf(o, key);
          if (want === undefined) continue; // robustness cells are derived, checked in report-html.test
          expect(raw === 'null' ? null : Number(raw), `${m.id}/${o.id} ${key}`).toBe(want);
        }
      }
    }
  });

  it('draws a box plot and a histogram per option whose bars hold every sample, as in the run', async () => {
    for (const m of run.movements) {
      const sel = `section[data-movement="${m.id}"]`;
      const found = m.options.filter((x) => x.found);
      if (found.length === 0) continue;
      expect(await r.page.locator(`${sel} svg.boxplot g[data-option]`).count()).toBe(2 * found.length);
      for (const [metric, pick] of [['timeS', (o: typeof found[number]) => o.timeS], ['exposure', (o: typeof found[number]) => o.exposure.total]] as const) {
        for (const o of found) {
          const counts = await r.page.$$eval(`${sel} svg.histogram[data-metric="${metric}"] g[data-option="${o.id}"] rect.hist-bar`, (bars) => bars.map((b) => Number(b.getAttribute('data-count'))));
          expect(counts, `${m.id}/${o.id} ${metric}`).toEqual(pick(o).histogram.counts);
          expect(counts.reduce((a, b) => a + b, 0)).toBe(o.samplesDone);
        }
      }
    }
  });

  it('toggles a layer', async () => {
    const box = r.page.locator('input[data-layer="roads"]');
    expect(await r.page.locator('path.basemap-road').count()).toBeGreaterThan(0);
    await box.uncheck();
    expect(await r.page.locator('path.basemap-road').count()).toBe(0);
    expect(await r.page.evaluate(() => (window as any).motorcadeReport.layerVisible('roads'))).toBe(false);
    await box.check();
    expect(await r.page.evaluate(() => (window as any).motorcadeReport.layerVisible('roads'))).toBe(true);
  });

  it('plays back a sampled run: the clock advances and events appear', async () => {
    const t0 = Number(await r.page.locator('#playback-clock').getAttribute('data-t'));
    await r.page.selectOption('#playback-speed', '300');
    await r.page.click('#playback-play');
    await r.page.waitForFunction((t) => Number(document.querySelector('#playback-clock')!.getAttribute('data-t')) > t + 30, t0, { timeout: 10_000 });
    await r.page.click('#playback-play');
    await r.page.locator('#playback-scrub').fill('1000');
    expect(await r.page.locator('#event-log li').count()).toBeGreaterThan(0);
  });

  it('prints: controls hidden, every comparison table within an A4 landscape page', async () => {
    const page = await r.browser.newPage({ viewport: { width: 1047, height: 740 } }); // A4 landscape minus 10 mm margins at 96 dpi
    await page.goto(`file://${file}`);
    await page.waitForSelector('html[data-map-drawn="true"]');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#layer-toggles').isVisible()).toBe(false);
    expect(await page.locator('.playback-controls').isVisible()).toBe(false);
    const widths = await page.$$eval('table.comparison', (ts) => ts.map((t) => (t as HTMLElement).scrollWidth));
    for (const w of widths) expect(w).toBeLessThanOrEqual(1047);
    await page.close();
  });

  it('makes no network request and logs no console error; saves a screenshot', async () => {
    // The README view: the first movement alone ("only this movement"), playback part-way.
    await r.page.locator('section.movement .only-movement').first().click();
    const [first, second] = run.movements;
    expect(await r.page.locator(`path.route-line.route-${first!.id}-${first!.options[0]!.id}`).count()).toBeGreaterThan(0);
    expect(await r.page.locator(`path.route-line.route-${second!.id}-${second!.options[0]!.id}`).count()).toBe(0);
    expect(await r.page.locator(`input[data-layer="route:${second!.id}:${second!.options[0]!.id}"]`).isChecked()).toBe(false);
    await r.page.locator('#playback-scrub').fill('450');
    await r.page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await r.page.waitForTimeout(600); // smooth scroll and the zoom animation
    await r.page.evaluate(() => window.scrollTo(0, 0));
    await r.page.screenshot({ path: path.join(OUT, 'asean-2022-arrivals.png'), fullPage: false });
    if (process.env['UPDATE_SCREENSHOT'] === '1') await r.page.screenshot({ path: path.join(ROOT, 'docs', 'report-screenshot.png'), fullPage: false });
    // The distributions of the first movement (box plots and histograms), for the README's report section.
    const charts = r.page.locator('section.movement .charts').first();
    await charts.screenshot({ path: path.join(OUT, 'asean-2022-arrivals-charts.png') });
    if (process.env['UPDATE_SCREENSHOT'] === '1') await charts.screenshot({ path: path.join(ROOT, 'docs', 'report-charts.png') });
    expect(r.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(r.requests).toEqual([`file://${file}`]);
    expect(r.errors).toEqual([]);
  });
});
