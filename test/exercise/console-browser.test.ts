import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, haveChromium } from '../viz/browser.js';

/**
 * `motorcade exercise` for real: the compiled CLI serves the console on 127.0.0.1, Debian's Chromium
 * opens it, the trainer plays and pauses the clock and fires the bridge closure, a player reroutes a
 * movement, and the map, the log and the predicted arrival follow. Afterwards the journal replays to the
 * state the live server showed, byte for byte. UPDATE_SCREENSHOT=1 refreshes docs/exercise-console.png.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const SCENARIO = path.join(ROOT, 'scenarios', 'tabletop-bridge-closure.yaml');

if (!haveChromium() && process.env['CI']) throw new Error(`Chromium not found at ${CHROMIUM}: .ci/run installs Debian's chromium; the console's browser test must run in CI`);

describe.skipIf(!haveChromium())('the exercise console in Chromium', () => {
  let server: ChildProcess;
  let base: string;
  let token: string;
  let journal: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    journal = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-console-')), 'journal.jsonl');
    server = spawn(process.execPath, [CLI, 'exercise', SCENARIO, '--port', '0', '--journal', journal], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      server.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n')[0]!;
        if (out.includes('\n')) resolve(line);
      });
      server.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      server.on('exit', (code) => reject(new Error(`exercise exited with ${code}: ${err}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
    base = url.slice(0, url.indexOf('/?'));
    token = url.slice(url.indexOf('token=') + 6);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
    await page.waitForSelector('path.convoy', { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGINT');
      await new Promise((r) => server.once('exit', r));
    }
  });

  const arrivalText = (id: string) => page.locator(`#mv-${id} [data-field=arrival]`).innerText();
  const clockText = () => page.locator('#clock').innerText();

  it('refuses every request without the token', async () => {
    for (const p of ['/', '/api/state', '/api/events', '/assets/console.js']) expect((await fetch(base + p)).status).toBe(401);
    expect((await fetch(`${base}/api/state?token=wrong${token.slice(5)}`)).status).toBe(401);
    const r = await fetch(`${base}/api/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"play"}' });
    expect(r.status).toBe(401);
  });

  it('plays and pauses the clock', async () => {
    expect(await clockText()).toContain('08:00:00');
    await page.selectOption('#speed', '60');
    await page.click('#play');
    await page.waitForFunction(() => document.querySelector('#clock')!.textContent!.includes('▶'));
    await page.waitForFunction(() => !document.querySelector('#clock')!.textContent!.startsWith('08:00:0'), undefined, { timeout: 20_000 });
    await page.click('#pause');
    await page.waitForFunction(() => document.querySelector('#clock')!.textContent!.includes('❚❚'));
    const paused = await clockText();
    await page.waitForTimeout(600);
    expect(await clockText()).toBe(paused);
  });

  it('fires the bridge closure: the closure is on the map, the log says so, arrivals move', async () => {
    // a1 would have crossed before the scripted 08:12 closure; fired now, it meets it.
    const before = await arrivalText('a1_raffles_venue');
    await page.click('#injects li[data-inject="bridge_closed"] button[data-op="fire"]');
    await page.waitForSelector('path.closure-bridge_closed', { timeout: 15_000 });
    await page.waitForFunction((b) => document.querySelector('#mv-a1_raffles_venue [data-field=arrival]')!.textContent !== b, before, { timeout: 15_000 });
    expect(await page.locator('#injects li[data-inject="bridge_closed"]').getAttribute('data-status')).toBe('fired');
    await page.waitForFunction(() => /fired scripted inject bridge_closed|fire bridge_closed/.test(document.querySelector('#log')!.textContent!), undefined, { timeout: 15_000 });
  });

  it('a player previews and confirms a reroute; the route, the log and the prediction follow', async () => {
    const card = page.locator('#mv-c1_hyatt_venue');
    const before = await arrivalText('c1_hyatt_venue');
    await card.locator('[data-role=kind]').selectOption('divert');
    await card.locator('[data-role=place]').selectOption('staging_wat_phnom');
    await card.locator('[data-role=preview]').click();
    await page.waitForSelector('path.preview-route', { timeout: 15_000 });
    await expect.poll(() => card.locator('[data-field=preview]').innerText()).toMatch(/If confirmed: arrival \d\d:\d\d:\d\d/);
    const routeBefore = await page.locator('path.route-ahead-c1_hyatt_venue').getAttribute('d');
    await card.locator('[data-role=confirm]').click();
    await expect.poll(() => card.locator('[data-field=preview]').innerText()).toMatch(/Decision #\d+ confirmed/);
    await page.waitForFunction((b) => document.querySelector('#mv-c1_hyatt_venue [data-field=arrival]')!.textContent !== b, before, { timeout: 15_000 });
    await expect.poll(() => page.locator('path.route-ahead-c1_hyatt_venue').getAttribute('d')).not.toBe(routeBefore);
    await expect.poll(() => page.locator('#log').innerText()).toContain('decision for c1_hyatt_venue: divert staging_wat_phnom');
  });

  it('shows a refused decision in the page and keeps serving', async () => {
    const card = page.locator('#mv-a1_raffles_venue');
    await card.locator('[data-role=kind]').selectOption('release');
    await card.locator('[data-role=confirm]').click();
    await expect.poll(() => page.locator('#message').innerText()).toContain('is not on an open hold');
    expect((await fetch(`${base}/api/state?token=${token}`)).status).toBe(200);
  });

  it('makes no request outside 127.0.0.1 and logs no error', async () => {
    if (process.env['UPDATE_SCREENSHOT']) await page.screenshot({ path: path.join(ROOT, 'docs', 'exercise-console.png') });
    expect(requests.length).toBeGreaterThan(3);
    for (const r of requests) expect(r.startsWith(base + '/')).toBe(true);
    // The refused decision above answers 400, which Chromium logs as a failed resource load.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it('the journal replays to the state the live server shows', async () => {
    const live = (await (await fetch(`${base}/api/state?token=${token}`)).json()) as Record<string, unknown>;
    delete live['clock'];
    const replay = execFileSync(process.execPath, [CLI, 'exercise', SCENARIO, '--replay', journal], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(replay)).toEqual(live);
  });
});
