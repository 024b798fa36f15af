import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SweepResult } from '../../engine/run/sweep/sweep-result.js';
import { runSweepLocal } from '../../engine/run/sweep/run-sweep.js';
import { renderSweepPage } from '../../viz/sweep/render-sweep-page.js';
import { SHORT_CLOSURES, sweepRoads } from '../support/sweep-roads.js';
import { launchChromium, openPage, skipWithoutChromium } from './browser.js';

/**
 * The sweep page (`motorcade sweep SWEEP.yaml --report FILE`) of the bundled sweep, opened in Debian's
 * Chromium from a file:// URL and checked against `motorcade sweep --json` of the same sweep and seed;
 * and, for plans that do not arrive (every bundled plan does), the page of the sweep over the roads of
 * test/support/sweep-roads.ts.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'test-output');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const SWEEP = path.join(ROOT, 'scenarios', 'sweeps', 'contingency-sweep.yaml');
const ARGS = ['--samples', '4', '--workers', '0'];

function cli(args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

const open = (browser: Browser, file: string) => openPage(browser, file, { width: 1100, height: 900 });

describe.skipIf(skipWithoutChromium('sweep page'))('the sweep page in Chromium', () => {
  let browser: Browser;
  let sweep: SweepResult;
  let page: Page;
  let requests: string[];
  let errors: string[];
  const file = path.join(OUT, 'contingency-sweep.html');

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    const table = cli(['sweep', SWEEP, ...ARGS, '--report', file]);
    expect(table).toMatch(/plans overall/); // the terminal table still prints
    sweep = JSON.parse(cli(['sweep', SWEEP, ...ARGS, '--json'])) as SweepResult;
    browser = await launchChromium();
    ({ page, requests, errors } = await open(browser, file));
    await page.waitForSelector('html[data-sweep-drawn="true"]', { timeout: 15_000 });
  }, 240_000);
  afterAll(async () => { await browser?.close(); });

  it('is drawn offline: no request but the file itself, no error, scripts only by hash', async () => {
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content') ?? '');
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/connect-src 'none'/);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!.trim().split(/\s+/);
    expect(scriptSrc.length).toBe(1);
    expect(scriptSrc[0]).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
  });

  it('does not run a script that is not in the policy', async () => {
    const tampered = path.join(OUT, 'contingency-sweep-tampered.html');
    fs.writeFileSync(tampered, fs.readFileSync(file, 'utf8').replace('</body>', '<script>document.documentElement.dataset.injected = "yes";</script></body>'));
    const t = await open(browser, tampered);
    await t.page.waitForSelector('html[data-sweep-drawn="true"]', { timeout: 15_000 });
    expect(await t.page.evaluate(() => document.documentElement.dataset['injected'] ?? null)).toBeNull();
    expect(t.errors.some((e) => /Content Security Policy/.test(e))).toBe(true);
    await t.page.close();
  });

  it('ranks the plans as the JSON does, with an interval per plan after the best, dark when significant', async () => {
    const rows = await page.$$eval('#ranking table.ranking tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-id'), ...Array.from(tr.children).map((td) => td.textContent)]));
    expect(rows.map((r) => r[0])).toEqual(sweep.ranking.map((e) => e.id));
    expect(rows[0]![8]).toBe('best');
    sweep.ranking.slice(1).forEach((e, i) => {
      expect(rows[i + 1]![8]).toBe(`+${Math.round(e.vsBest!.mean)} [${Math.round(e.vsBest!.low)}, ${Math.round(e.vsBest!.high)}] ${e.vsBest!.significant ? 'significant' : 'not significant'}`);
    });
    const bars = await page.$$eval('#ranking svg.interval-chart g.interval', (gs) => gs.map((g) => [g.getAttribute('data-id'), g.classList.contains('significant')]));
    expect(bars).toEqual(sweep.ranking.slice(1).map((e) => [e.id, e.vsBest!.significant]));
  });

  it('draws each plan’s time histogram with the merged counts of the samples that arrived', async () => {
    const hists = await page.$$eval('#ranking svg.time-histograms g.plan-histogram', (gs) => gs.map((g) => [g.getAttribute('data-plan'), Array.from(g.querySelectorAll('rect.bin')).map((r) => Number(r.getAttribute('data-count')))]));
    expect(hists).toEqual(sweep.timeHistograms.map((h) => [h.plan, h.histogram!.counts]));
    for (const h of sweep.timeHistograms) {
      const arrived = sweep.ranking.find((e) => e.id === h.plan)!.arrivedShare!;
      expect(h.histogram!.counts.reduce((a, c) => a + c, 0)).toBe(Math.round(arrived * sweep.samples * sweep.variants.length));
    }
  });

  it('draws every plan on the Pareto chart, the front filled and joined', async () => {
    const points = await page.$$eval('#pareto g.plan-point', (gs) => gs.map((g) => [g.getAttribute('data-plan'), g.classList.contains('on-front')]));
    expect(points).toEqual(sweep.pareto.map((p) => [p.plan, p.onFront]));
    const front = sweep.pareto.filter((p) => p.onFront).length;
    expect(await page.$$eval('#pareto polyline.front', (l) => l.length)).toBe(front > 1 ? 1 : 0);
    // Time grows to the right: the fastest plan's point is leftmost.
    const xs = await page.$$eval('#pareto g.plan-point circle', (cs) => cs.map((c) => Number(c.getAttribute('cx'))));
    const fastest = sweep.pareto.reduce((a, p, i) => (p.meanTimeS! < sweep.pareto[a]!.meanTimeS! ? i : a), 0);
    expect(Math.min(...xs)).toBe(xs[fastest]);
  });

  it('names the conditions that break each plan, and marks those cells of the variant table', async () => {
    const blocks = await page.$$eval('#breaks .plan-breaks', (ds) => ds.map((d) => ({ plan: d.getAttribute('data-plan'), items: Array.from(d.querySelectorAll('li')).map((li) => li.textContent) })));
    expect(blocks).toEqual(sweep.breaks.map((b) => ({ plan: b.plan, items: b.variants.map((v) => `${v.label}: ${v.reason}`) })));
    expect(sweep.breaks.some((b) => b.variants.length > 0)).toBe(true);
    const broken = await page.$$eval('#breaks table.variants td.broken', (tds) => tds.length);
    expect(broken).toBe(sweep.breaks.reduce((n, b) => n + b.variants.length, 0));
    expect(await page.$$eval('#breaks table.variants tbody tr', (trs) => trs.length)).toBe(sweep.variants.length);
  });

  it('when plans do not arrive: the one arriving often enough first, why the lower score is not, "did not arrive" and the broken variants', async () => {
    // test/support/sweep-roads.ts: the short plan scores lowest but arrives in a third of its samples, the dead plan never.
    const tiny = path.join(OUT, 'sweep-arrival.html');
    fs.writeFileSync(tiny, renderSweepPage(runSweepLocal(sweepRoads({ closures: SHORT_CLOSURES }))));
    const t = await open(browser, tiny);
    await t.page.waitForSelector('html[data-sweep-drawn="true"]', { timeout: 15_000 });
    expect(t.errors).toEqual([]);
    const rows = await t.page.$$eval('#ranking table.ranking tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-id'), tr.className, ...Array.from(tr.children).map((td) => td.textContent)]));
    // Score, time, p95 time, exposure: over the samples that arrived, none for the dead plan.
    expect(rows.map((r) => [r[0], r[1], r[4], r[5], r[6], r[7], r[9]])).toEqual([
      ['plan_long', '', '80', '1.3', '1.3', '0', 'best'],
      ['plan_short', 'rare', '40', '0.7', '0.7', '0', '-40 [-40, -40] significant'],
      ['plan_dead', 'rare', 'did not arrive', 'did not arrive', 'did not arrive', 'did not arrive', '—'],
    ]);
    const hists = await t.page.$$eval('#ranking svg.time-histograms g.plan-histogram', (gs) => gs.map((g) => [g.getAttribute('data-plan'), g.querySelectorAll('rect.bin').length, g.querySelector('.absent-note')?.textContent ?? null]));
    expect(hists).toEqual([['plan_short', 1, null], ['plan_long', 1, null], ['plan_dead', 0, 'did not arrive']]);
    expect(await t.page.$$eval('#pareto g.plan-point', (gs) => gs.map((g) => g.getAttribute('data-plan')))).toEqual(['plan_short', 'plan_long']);
    expect(await t.page.$eval('#pareto p.pareto-absent', (p) => p.textContent)).toBe('Not drawn, did not arrive in any sample: plan_dead.');
    expect(await t.page.$eval('#ranking p.note.rare', (p) => p.textContent)).toBe('plan_short arrives in 33 % of its samples; plan_dead arrives in 0 % of its samples, below the 50 % minimum: never ranked first.');
    const cells = await t.page.$$eval('#breaks table.variants tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).slice(1).map((td) => [td.textContent, td.className, td.getAttribute('title')])));
    const below = 'arrives in 0 % of samples, below the 50 % minimum';
    expect(cells).toEqual([
      [['40', '', null], ['80', '', null], ['did not arrive', 'broken', below]],
      [['did not arrive', 'broken', below], ['80', '', null], ['did not arrive', 'broken', below]],
      [['did not arrive', 'broken', below], ['80', '', null], ['did not arrive', 'broken', below]],
    ]);
    await t.page.close();
  });

  it('ranks the options of each movement that has more than one', async () => {
    const captions = await page.$$eval('#movement-rankings caption', (cs) => cs.map((c) => c.textContent));
    expect(captions).toEqual(sweep.movements.filter((m) => m.ranking.length > 1).map((m) => `Options of ${m.id}`));
  });
});
