import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/model/run-result.js';
import { labelBoxes, openReport, overlaps, roadPathData, skipWithoutChromium, type OpenedReport } from './browser.js';

/**
 * The report of a real bundled scenario, opened in Debian's Chromium from a file:// URL, checked against
 * `motorcade run --json` for the same scenario, seed and samples. Uses the compiled CLI (npm test builds
 * dist/ first). UPDATE_SCREENSHOT=1 also refreshes the docs screenshots: desktop, charts, 390 px phone and a printed
 * A4 page (docs/report-screenshot.png, report-charts.png, report-phone.png, report-print.png; pdftoppm from poppler-utils).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'test-output');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const SCENARIO = path.join(ROOT, 'scenarios', 'asean-2022-arrivals.yaml');
// In-process (--workers 0) and few samples: the pooled run gives byte-identical numbers (engine/run tests).
const ARGS = ['--samples', '8', '--seed', '2022', '--workers', '0'];
const CLASSIFICATION = 'RESTRICTED — planning document';
/** A4 in PDF points (1/72 in): 297 × 210 mm. */
const A4_PT = [841.89, 595.28];

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

describe.skipIf(skipWithoutChromium('bundled arrival report'))('report of the bundled arrival scenario in Chromium', () => {
  let run: RunResult;
  let r: OpenedReport;
  const file = path.join(OUT, 'asean-2022-arrivals.html');

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    run = JSON.parse(cli(['run', SCENARIO, '--json', ...ARGS])) as RunResult;
    const printed = cli(['report', SCENARIO, '-o', file, ...ARGS, '--classification', CLASSIFICATION]).trim();
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

  it('gives every movement its own colour and every option of a movement its own line style', async () => {
    const styles = await r.page.$$eval('path.route-line', (ps) => ps.map((p) => ({ cls: p.getAttribute('class')!, stroke: p.getAttribute('stroke')!, dash: p.getAttribute('stroke-dasharray') })));
    const colourOf = new Map<string, Set<string>>();
    for (const m of run.movements) {
      const mine = styles.filter((x) => m.options.some((o) => x.cls.split(' ').includes(`route-${m.id}-${o.id}`)));
      colourOf.set(m.id, new Set(mine.map((x) => x.stroke)));
      expect(colourOf.get(m.id)!.size, m.id).toBe(1);
      expect(new Set(mine.map((x) => x.dash)).size, `${m.id} line styles`).toBe(mine.length);
    }
    expect(new Set([...colourOf.values()].map((c) => [...c][0])).size).toBe(run.movements.length);
  });

  it('keeps the legend in view without scrolling, with round exposure classes', async () => {
    const legend = await r.page.locator('#legend').evaluate((e) => {
      const b = e.getBoundingClientRect();
      return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, clipped: e.scrollHeight > e.clientHeight + 1 };
    });
    expect(legend.top).toBeGreaterThanOrEqual(0);
    expect(legend.bottom).toBeLessThanOrEqual(1000);
    expect(legend.right).toBeLessThanOrEqual(1400);
    expect(legend.clipped).toBe(false);
    expect(await r.page.locator('#legend .legend-movement').count()).toBe(run.movements.length);
    const from = await r.page.$$eval('.exposure-class', (es) => es.map((e) => Number(e.getAttribute('data-from'))));
    expect(from.length).toBeGreaterThan(2);
    for (const b of from.slice(1)) expect([1, 2, 2.5, 5].some((x) => Math.abs(b / 10 ** Math.floor(Math.log10(b)) - x) < 1e-9), `break ${b}`).toBe(true);
  });

  it('places labels that overlap neither each other nor a marker', async () => {
    const labels = await labelBoxes(r.page);
    expect(labels.length).toBeGreaterThan(5);
    expect(overlaps(labels)).toEqual([]);
    const markers = await r.page.$$eval('#map .leaflet-marker-icon', (els) => els.map((e) => { const b = e.getBoundingClientRect(); return { text: '', x: b.x, y: b.y, w: b.width, h: b.height }; }));
    expect(overlaps(labels, markers, 2)).toEqual([]);
    // Bridges from the gazetteer are named on the map.
    expect(labels.map((l) => l.text)).toContain('Monivong Bridge');
  });

  it('draws one numbered chokepoint diamond per place, none overlapping at the default zoom, each named in the key', async () => {
    const diamonds = () => r.page.$$eval('#map .mc-choke', (els) => els.map((e) => {
      const b = e.getBoundingClientRect();
      return { text: e.getAttribute('data-sites') ?? '', x: b.x, y: b.y, w: b.width, h: b.height };
    }));
    const atDefault = await diamonds();
    const chokepoints = run.movements.reduce((n, m) => n + m.options.reduce((k, o) => k + (o.found ? o.chokepoints.length : 0), 0), 0);
    expect(atDefault.length).toBeGreaterThan(3);
    expect(atDefault.length).toBeLessThan(chokepoints / 3); // 63 diamonds stacked before
    expect(overlaps(atDefault, undefined, 0)).toEqual([]);
    // Every site is drawn once, on its own or merged into a larger one; every member of a site is listed.
    const sites: { n: number; members: number }[] = await r.page.evaluate(() => (window as any).motorcadeReport.chokepointSites().map((s: any) => ({ n: s.n, members: s.members.length })));
    expect(sites.reduce((n, s) => n + s.members, 0)).toBe(chokepoints);
    expect(atDefault.flatMap((d) => d.text.split(' ').map(Number)).sort((a, b) => a - b)).toEqual(sites.map((s) => s.n));
    // The key under each movement's table names that movement's sites by the numbers on the map.
    for (const m of run.movements) {
      const listed = await r.page.$$eval(`ul.choke-key[data-movement="${m.id}"] li`, (lis) => lis.map((li) => li.getAttribute('data-site')));
      expect(listed.length, m.id).toBeGreaterThan(0);
    }
    expect(await r.page.locator('ul.choke-key li[data-site="1"] b').first().innerText()).toBe('PNH airport');
    // Zoomed in, merged sites come apart, still without overlaps.
    await r.page.evaluate(() => { const m = (window as any).motorcadeReport.map; m.setView([11.575, 104.92], 15, { animate: false }); });
    const zoomed = await diamonds();
    expect(overlaps(zoomed, undefined, 0)).toEqual([]);
    expect(zoomed.filter((d) => d.text.includes(' ')).length).toBeLessThan(atDefault.filter((d) => d.text.includes(' ')).length);
    await r.page.evaluate(() => { const d = (window as any).motorcadeReport.data.bbox; (window as any).motorcadeReport.map.fitBounds([[d[1], d[0]], [d[3], d[2]]], { animate: false }); });
    expect((await diamonds()).length).toBe(atDefault.length);
  });

  it('fits every comparison table in 1400 px, key columns first, durations in decimal minutes as the verdict writes them', async () => {
    const fits = await r.page.$$eval('table.comparison', (ts) => ts.map((t) => ({ table: t.scrollWidth, box: (t.parentElement as HTMLElement).clientWidth })));
    for (const f of fits) expect(f.table).toBeLessThanOrEqual(f.box);
    const heads = await r.page.$$eval('table.comparison:first-of-type thead tr:first-child th', (ths) => ths.map((t) => t.textContent));
    expect(heads.slice(0, 3)).toEqual(['Option', 'Time (min)', 'Exposure (exp-s)']);
    const times = await r.page.$$eval('table.comparison td[data-key="timeS.p50"]', (tds) => tds.map((td) => [td.textContent, Number(td.getAttribute('data-value'))] as const));
    expect(times.length).toBeGreaterThan(0);
    for (const [text, s] of times) expect(text).toBe((s / 60).toFixed(1));
    const ticks = await r.page.$$eval('svg.boxplot', (svgs) => svgs.map((s) => s.getAttribute('aria-label') + ' ' + Array.from(s.querySelectorAll('text')).map((t) => t.textContent).join(' ')));
    expect(ticks.find((t) => t.startsWith('Travel time'))).toMatch(/\d+\.\d .*minutes/);
    // The verdict writes minutes the same way ("1.1 min"); no m:ss duration is left on the page.
    expect(run.movements.some((m) => /\d\.\d min/.test(m.verdict))).toBe(true);
    const nums = await r.page.$$eval('#movements td.num', (tds) => tds.map((td) => td.textContent ?? ''));
    expect(nums.filter((t) => /\d:\d\d/.test(t))).toEqual([]);
  });

  it('starts playback on the run with the most events and follows the convoy', async () => {
    const counts = await r.page.evaluate(() => {
      const d = (window as any).motorcadeReport.data;
      const pb = (window as any).motorcadeReport.playback;
      const n = (p: any) => p.events.length + p.stops.filter((s: any) => s.reason !== 'junction' || s.toS - s.fromS >= 30).length;
      const all: number[] = [];
      d.movements.forEach((m: any) => m.options.forEach((o: any) => { if (o.playback) all.push(n(o.playback)); }));
      return { max: Math.max(...all), chosen: n(pb.state.run.pb) };
    });
    expect(counts.chosen).toBe(counts.max);
    const zoom0 = await r.page.evaluate(() => (window as any).motorcadeReport.map.getZoom());
    const t0 = Number(await r.page.locator('#playback-clock').getAttribute('data-t'));
    await r.page.selectOption('#playback-speed', '300');
    await r.page.click('#playback-play');
    await r.page.waitForFunction((t) => Number(document.querySelector('#playback-clock')!.getAttribute('data-t')) > t + 30, t0, { timeout: 10_000 });
    await r.page.click('#playback-play');
    const followed = await r.page.evaluate(() => {
      const m = (window as any).motorcadeReport.map;
      const v = document.querySelector('#map path.vehicle')!.getBoundingClientRect();
      const c = m.getContainer().getBoundingClientRect();
      return { zoom: m.getZoom(), inside: v.left >= c.left && v.right <= c.right && v.top >= c.top && v.bottom <= c.bottom };
    });
    expect(followed.zoom).toBeGreaterThan(zoom0);
    expect(followed.inside).toBe(true);
    await r.page.locator('#playback-scrub').fill('1000');
    expect(await r.page.locator('#event-log li').count()).toBeGreaterThan(0);
    await r.page.evaluate(() => { const d = (window as any).motorcadeReport.data.bbox; (window as any).motorcadeReport.map.fitBounds([[d[1], d[0]], [d[3], d[2]]], { animate: false }); });
  });

  it('works on a 390 px phone: no sideways page scroll, the map full width, charts within the page', async () => {
    const page = await r.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`file://${file}`);
    await page.waitForSelector('html[data-map-drawn="true"]');
    const m = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      map: document.getElementById('map')!.getBoundingClientRect().width,
      legendTop: document.getElementById('legend')!.getBoundingClientRect().top,
      mapBottom: document.getElementById('map')!.getBoundingClientRect().bottom,
      widest: Math.max(...Array.from(document.querySelectorAll('svg.boxplot, svg.histogram, .verdict, #playback')).map((e) => e.getBoundingClientRect().right)),
    }));
    expect(m.page).toBeLessThanOrEqual(390);
    expect(m.map).toBeGreaterThan(350);
    expect(m.legendTop).toBeGreaterThanOrEqual(m.mapBottom); // the panel is below the map
    expect(m.widest).toBeLessThanOrEqual(390);
    if (process.env['UPDATE_SCREENSHOT'] === '1') await page.screenshot({ path: path.join(ROOT, 'docs', 'report-phone.png') });
    await page.close();
  });

  it('prints A4 landscape: an overview, one page per movement with its own map, page numbers, date, classification', async () => {
    const page = await r.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`file://${file}`);
    await page.waitForSelector('html[data-map-drawn="true"]');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(await page.getAttribute('html', 'data-print-maps')).toBe('true'); // built on beforeprint
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const n = doc.numPages;
    expect(n).toBe(run.movements.length + 2); // overview, movements, threats and responders
    for (let i = 1; i <= n; i++) {
      const [w, h] = (await doc.getPage(i)).view.slice(2);
      expect(Math.abs(w! - A4_PT[0]!), `page ${i} width`).toBeLessThan(2);
      expect(Math.abs(h! - A4_PT[1]!), `page ${i} height`).toBeLessThan(2);
    }
    const { text } = await extractText(doc, { mergePages: false });
    const pages = text as string[];
    pages.forEach((t, i) => {
      expect(t, `page ${i + 1}`).toContain(`Page ${i + 1} of ${n}`);
      expect(t).toContain(CLASSIFICATION);
      expect(t).toMatch(/Printed \d{4}-\d\d-\d\d \d\d:\d\d/);
    });
    run.movements.forEach((m, k) => {
      expect(pages[k + 1], m.id).toContain(`${m.id}: ${m.from.label} → ${m.to.label}`);
    });
    expect(await page.locator('figure.print-map > svg').count()).toBe(run.movements.length + 1);
    if (process.env['UPDATE_SCREENSHOT'] === '1') {
      const pdfFile = path.join(OUT, 'asean-2022-arrivals.pdf');
      fs.writeFileSync(pdfFile, pdf);
      // A movement page as PNG for the docs (poppler-utils' pdftoppm; only when refreshing screenshots).
      execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '110', '-png', '-singlefile', pdfFile, path.join(ROOT, 'docs', 'report-print')]);
    }
    await page.close();
  });

  it('makes no network request and logs no console error; saves a screenshot', async () => {
    // "only this movement" shows that movement's routes alone; "all routes" brings the others back.
    await r.page.locator('section.movement .only-movement').first().click();
    const [first, second] = run.movements;
    expect(await r.page.locator(`path.route-line.route-${first!.id}-${first!.options[0]!.id}`).count()).toBeGreaterThan(0);
    expect(await r.page.locator(`path.route-line.route-${second!.id}-${second!.options[0]!.id}`).count()).toBe(0);
    expect(await r.page.locator(`input[data-layer="route:${second!.id}:${second!.options[0]!.id}"]`).isChecked()).toBe(false);
    await r.page.locator('#legend .routes-all').click();
    expect(await r.page.locator(`input[data-layer="route:${second!.id}:${second!.options[0]!.id}"]`).isChecked()).toBe(true);
    // The docs view: every movement, the whole day, at the page top.
    await r.page.evaluate(() => { const d = (window as any).motorcadeReport.data.bbox; (window as any).motorcadeReport.map.fitBounds([[d[1], d[0]], [d[3], d[2]]], { animate: false }); });
    await r.page.waitForTimeout(600); // smooth scroll
    await r.page.evaluate(() => window.scrollTo(0, 0));
    await r.page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
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
