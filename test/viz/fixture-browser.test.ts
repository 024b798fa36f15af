import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReportHtml } from '../../viz/generate-report.js';
import { fixtureRun, WATER } from './fixture.js';
import { labelBoxes, openReport, overlaps, roadPathData, skipWithoutChromium, type OpenedReport } from './browser.js';

const OUT = path.resolve(import.meta.dirname, '../../test-output');

// The hand-made run exercises every part of the page (inject, reroute, stops, two options) in ~1 s.
describe.skipIf(skipWithoutChromium('fixture report'))('report in Chromium (fixture run)', () => {
  let r: OpenedReport;
  const file = path.join(OUT, 'fixture-report.html');
  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(file, generateReportHtml({ ...fixtureRun(), water: WATER }));
    r = await openReport(file);
  });
  afterAll(async () => { await r?.close(); });

  it('draws roads, water and both routes', async () => {
    expect(await roadPathData(r.page)).toBeGreaterThan(500);
    expect(await r.page.locator('path.basemap-water').count()).toBe(1);
    expect(await r.page.locator('path.route-line.route-m1-A').count()).toBeGreaterThan(0);
    expect(await r.page.locator('path.route-line.route-m1-B.route-recommended').count()).toBeGreaterThan(0);
    expect(await r.page.locator('.leaflet-control-attribution').innerText()).toContain('OpenStreetMap contributors');
    // Every place of the scenario is labelled at the fitted view, and no two labels overlap.
    expect((await labelBoxes(r.page, '.place-label')).map((b) => b.text).sort()).toEqual(['Airport', 'Calmette Hospital', 'Embassy', 'Hotel Cambodiana', 'Police post 1']);
    // One stretch per option beyond the police target (320 s > 300 s); the 250 s one is within target.
    expect(await r.page.locator('.mc-gap').count()).toBe(0); // off by default
    await r.page.locator('input[data-layer="gaps"]').check();
    expect(await r.page.locator('.mc-gap').count()).toBe(2);
    await r.page.locator('input[data-layer="gaps"]').uncheck();
  });

  it('shows one table row per option, the recommended one highlighted, with the verdict', async () => {
    const rows = r.page.locator('table.comparison[data-movement="m1"] tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await r.page.locator('tr.recommended').getAttribute('data-option')).toBe('B');
    expect(await r.page.locator('tr[data-option="A"] td[data-key="timeS.p50"]').innerText()).toBe('12.0');
    expect(await r.page.locator('.verdict').innerText()).toContain('halves exposure');
    expect(await r.page.locator('svg.boxplot').count()).toBe(2);
    // Two figures (time, exposure) × two options × 20 bins; each option's bars count its 50 samples.
    expect(await r.page.locator('svg.histogram').count()).toBe(2);
    expect(await r.page.locator('svg.histogram rect.hist-bar').count()).toBe(2 * 2 * 20);
    for (const metric of ['timeS', 'exposure']) {
      for (const opt of ['A', 'B']) {
        const counts = await r.page.$$eval(`svg.histogram[data-metric="${metric}"] g[data-option="${opt}"] rect.hist-bar`, (bars) => bars.map((b) => Number(b.getAttribute('data-count'))));
        expect(counts.reduce((a, b) => a + b, 0), `${metric}/${opt}`).toBe(50);
      }
    }
    expect(await r.page.locator('.chart figcaption').first().innerText()).toContain('whiskers p05–p95, box p25–p75');
    expect(await r.page.locator('table.threats tbody tr').count()).toBe(2);
    expect(await r.page.locator('table.threats tr[data-threat="protest"]').innerText()).toContain('08:20–10:00');
  });

  it('toggles a layer off and on', async () => {
    const box = r.page.locator('input[data-layer="threats"]');
    expect(await r.page.locator('path.threat-zone').count()).toBe(2);
    await box.uncheck();
    expect(await r.page.locator('path.threat-zone').count()).toBe(0);
    expect(await r.page.evaluate(() => (window as any).motorcadeReport.layerVisible('threats'))).toBe(false);
    await box.check();
    expect(await r.page.locator('path.threat-zone').count()).toBe(2);
    // Service areas start hidden; each responder type has its own outline with a light fill.
    expect(await r.page.locator('path.service-area').count()).toBe(0);
    await r.page.locator('input[data-layer="service-area:police"]').check();
    const police = r.page.locator('path.service-area-police');
    expect(await police.count()).toBe(1);
    expect(Number(await police.getAttribute('fill-opacity'))).toBeLessThanOrEqual(0.1);
    expect(await police.getAttribute('stroke')).toBe('#1f5fbf');
    expect(await r.page.locator('path.service-area-ambulance').count()).toBe(0);
    await r.page.locator('input[data-layer="service-area:police"]').uncheck();
    expect(await r.page.locator('path.service-area').count()).toBe(0);
  });

  it('hides a route\'s hotspots and chokepoints with the route', async () => {
    const hot = r.page.locator('path.hotspot');
    expect(await hot.count()).toBe(2);
    await r.page.locator('input[data-layer="route:m1:A"]').uncheck();
    expect(await hot.count()).toBe(1);
    expect(await r.page.locator('path.route-m1-A').count()).toBe(0);
    await r.page.locator('input[data-layer="hotspots"]').uncheck();
    expect(await hot.count()).toBe(0);
    await r.page.locator('input[data-layer="route:m1:A"]').check();
    expect(await hot.count()).toBe(0); // the kind is still off
    await r.page.locator('input[data-layer="hotspots"]').check();
    expect(await hot.count()).toBe(2);
    // A chokepoint diamond stays while one route through its site is on.
    const diamonds = r.page.locator('#map .mc-choke');
    const n = await diamonds.count();
    expect(n).toBeGreaterThan(0);
    await r.page.locator('input[data-layer="chokepoints"]').uncheck();
    expect(await diamonds.count()).toBe(0);
    await r.page.locator('input[data-layer="chokepoints"]').check();
    await r.page.locator('input[data-layer="route:m1:A"]').uncheck();
    await r.page.locator('input[data-layer="route:m1:B"]').uncheck();
    expect(await diamonds.count()).toBe(0);
    await r.page.locator('input[data-layer="route:m1:A"]').check();
    await r.page.locator('input[data-layer="route:m1:B"]').check();
    expect(await diamonds.count()).toBe(n);
  });

  it('plays back: the clock advances, events appear, scrubbing to the end shows all of them', async () => {
    const clock = r.page.locator('#playback-clock');
    const t0 = Number(await clock.getAttribute('data-t'));
    await r.page.selectOption('#playback-speed', '300');
    await r.page.click('#playback-play');
    await r.page.waitForFunction((t) => Number(document.querySelector('#playback-clock')!.getAttribute('data-t')) > t + 60, t0, { timeout: 10_000 });
    await r.page.click('#playback-play'); // pause
    expect(await r.page.locator('#event-log li').count()).toBeGreaterThan(0);
    await r.page.locator('#playback-scrub').fill('1000');
    // 4 events + the 30 s junction stop (shorter junction waits are only counted in the status line).
    expect(await r.page.locator('#event-log li').count()).toBe(5);
    expect(await r.page.locator('#event-log li[data-kind="stop"]').innerText()).toContain('stopped 0.5 min (junction)');
    expect(await r.page.locator('#playback-status').innerText()).toContain('1 stop(s) so far');
    expect(await r.page.locator('#event-log li[data-kind="reroute"]').count()).toBe(1);
    // Back to just after the reroute: the latest event is marked on the map.
    // Option B runs 08:30:00–08:43:20 (800 s); 200/1000 is 08:32:40, after the reroute at 08:32:31.
    await r.page.locator('#playback-scrub').fill('200');
    expect(await r.page.locator('#event-log li.latest').getAttribute('data-kind')).toBe('reroute');
    expect(await r.page.locator('path.event-marker').count()).toBe(1);
    expect((await r.page.locator('path.driven-track').getAttribute('d'))!.length).toBeGreaterThan(20);
    // Clicking an event jumps the clock to it.
    await r.page.locator('#event-log li[data-kind="inject"]').click();
    expect(await clock.innerText()).toBe('08:32:30');
    expect(await clock.innerText()).toMatch(/^08:\d\d:\d\d$/);
  });

  it('places labels clear of each other and of the markers, and names streets when zoomed in', async () => {
    const markers = await r.page.$$eval('#map .leaflet-marker-icon, #map path.place, #map path.hotspot', (els) => els.map((e) => {
      const b = e.getBoundingClientRect();
      return { text: '', x: b.x, y: b.y, w: b.width, h: b.height };
    }));
    expect(markers.length).toBeGreaterThan(5);
    const labels = await labelBoxes(r.page);
    expect(overlaps(labels)).toEqual([]);
    expect(overlaps(labels, markers, 2)).toEqual([]);
    // The grid's named streets (row 2, column 3, major roads) are named from zoom 14, not further out.
    await r.page.evaluate(() => { const m = (window as any).motorcadeReport.map; m.setView(m.getCenter(), 13, { animate: false }); });
    expect(await labelBoxes(r.page, '.street-label')).toEqual([]);
    await r.page.evaluate(() => { const m = (window as any).motorcadeReport.map; m.setView(m.getCenter(), 15, { animate: false }); });
    const names = (await labelBoxes(r.page)).map((b) => b.text);
    expect(names).toContain('Street 2');
    expect(names).toContain('Monivong Boulevard');
    expect(overlaps(await labelBoxes(r.page))).toEqual([]);
    await r.page.evaluate(() => { const d = (window as any).motorcadeReport.data.bbox; (window as any).motorcadeReport.map.fitBounds([[d[1], d[0]], [d[3], d[2]]], { animate: false }); });
  });

  it('draws exposure as its own layer under the route, which keeps the movement\'s colour', async () => {
    const bands = r.page.locator('path.exposure-band');
    expect(await bands.count()).toBeGreaterThan(2);
    const routeColours = await r.page.$$eval('path.route-line', (ps) => [...new Set(ps.map((p) => p.getAttribute('stroke')))]);
    expect(routeColours).toEqual(['#1f5fbf']);
    // Option A (first) solid, option B (second) dashed.
    expect(await r.page.locator('path.route-m1-A').getAttribute('stroke-dasharray')).toBeNull();
    expect(await r.page.locator('path.route-m1-B').getAttribute('stroke-dasharray')).toBe('12 7');
    await r.page.locator('input[data-layer="exposure"]').uncheck();
    expect(await bands.count()).toBe(0);
    expect(await r.page.locator('path.route-line').count()).toBe(2);
    await r.page.locator('input[data-layer="exposure"]').check();
    // Round class breaks in the legend.
    const from = await r.page.$$eval('.exposure-class', (es) => es.map((e) => Number(e.getAttribute('data-from'))));
    expect(from[0]).toBe(0);
    for (const b of from.slice(1)) expect(b / 10 ** Math.floor(Math.log10(b)), `break ${b}`).toSatisfy((f: number) => [1, 2, 2.5, 5].some((x) => Math.abs(f - x) < 1e-9));
  });

  it('runs its scripts under a CSP that allows only their hashes', async () => {
    const csp = await r.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const scriptSrc = csp!.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc.match(/'sha256-[A-Za-z0-9+/=]+'/g)!.length).toBe(2);
    expect(await r.page.getAttribute('html', 'data-map-drawn')).toBe('true'); // both scripts ran
    // A script that slipped into the page by an escaping mistake does not run.
    const ran = await r.page.evaluate(() => new Promise((ok) => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
      setTimeout(() => ok((window as any).__injected === true), 50);
    }));
    expect(ran).toBe(false);
    r.errors.splice(0); // the refused script is reported on the console: expected here
  });

  it('shows scenario text as text, never as markup', async () => {
    await r.page.locator('path.threat-zone').first().hover({ force: true });
    await r.page.waitForSelector('.leaflet-tooltip');
    expect(await r.page.locator('.leaflet-tooltip').first().innerText()).toContain('<img src=x>');
    expect(await r.page.locator('#map img').count()).toBe(0);
  });

  it('makes no network request and logs no error', async () => {
    await r.page.screenshot({ path: path.join(OUT, 'fixture-report.png'), fullPage: true });
    expect(r.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(r.requests.length).toBe(1);
    expect(r.errors).toEqual([]);
  });
});
