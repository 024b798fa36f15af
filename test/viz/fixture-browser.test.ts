import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReportHtml } from '../../viz/generate-report.js';
import { fixtureRun, WATER } from './fixture.js';
import { canvasInk, haveChromium, openReport, roadPathData, type OpenedReport } from './browser.js';

const OUT = path.resolve(import.meta.dirname, '../../test-output');

// The hand-made run exercises every part of the page (inject, reroute, stops, two options) in ~1 s.
describe.skipIf(!haveChromium())('report in Chromium (fixture run)', () => {
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
    expect(await r.page.locator('.place-label').count()).toBe(5);
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
    expect(await r.page.locator('tr[data-option="A"] td[data-key="timeS.p50"]').innerText()).toBe('12:00');
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
    // Service areas start hidden and are drawn (on the canvas) when switched on.
    const before = await canvasInk(r.page);
    await r.page.locator('input[data-layer="service-areas"]').check();
    await r.page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    expect(await canvasInk(r.page)).toBeGreaterThan(before);
    await r.page.locator('input[data-layer="service-areas"]').uncheck();
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
    expect(await r.page.locator('#event-log li[data-kind="stop"]').innerText()).toContain('stopped 0:30 (junction)');
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
