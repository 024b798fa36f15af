import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser (.ci/run installs it with apt-get when missing). */
export const CHROMIUM = process.env['MOTORCADE_CHROMIUM'] ?? '/usr/bin/chromium';

export function haveChromium(): boolean {
  return fs.existsSync(CHROMIUM);
}

/**
 * Whether a browser suite should skip: only outside CI, and loudly. In CI (CI set, as .ci/run runs) a
 * missing Chromium is a failure: the suite runs and its first launch fails with the reason.
 */
export function skipWithoutChromium(suite: string): boolean {
  if (haveChromium()) return false;
  if (process.env['CI']) return false;
  process.stderr.write(`\n*** SKIPPED browser tests "${suite}": no Chromium at ${CHROMIUM} (apt-get install chromium, or set MOTORCADE_CHROMIUM). In CI this is a failure. ***\n\n`);
  return true;
}

/** Launch Debian's Chromium; a missing browser is one clear error (CI must install it). */
export async function launchChromium(): Promise<Browser> {
  if (!haveChromium()) throw new Error(`Chromium not found at ${CHROMIUM}: browser tests need it (.ci/run installs it with apt-get; MOTORCADE_CHROMIUM overrides the path)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** Every request the page made, by URL (the file:// document itself included). */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

export interface OpenedReport extends OpenedPage {
  browser: Browser;
  close: () => Promise<void>;
}

/** A new page of an open browser on an HTML file from a file:// URL, recording its requests and errors. */
export async function openPage(browser: Browser, file: string, viewport = { width: 1400, height: 1000 }): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href);
  return { page, requests, errors };
}

/**
 * Launch headless Chromium and open a report, waiting until its map is drawn. `launch` (not a persistent
 * context) gives every run a fresh temporary profile, which Playwright deletes on close.
 */
export async function openReport(file: string, viewport = { width: 1400, height: 1000 }): Promise<OpenedReport> {
  const browser = await launchChromium();
  const { page, requests, errors } = await openPage(browser, file, viewport);
  await page.waitForSelector('html[data-map-drawn="true"]', { timeout: 15_000 });
  return {
    browser, page, requests, errors,
    close: async () => {
      await browser.close();
    },
  };
}

/** Characters of path data of the basemap's roads (SVG): 0 when no road is drawn. */
export async function roadPathData(page: Page): Promise<number> {
  return page.evaluate(() => Array.from(document.querySelectorAll('#map path.basemap-road')).reduce((n, p) => n + (p.getAttribute('d') ?? '').length, 0));
}

/** Screen boxes of the visible labels on the live map. */
export async function labelBoxes(page: Page, selector = '.map-label'): Promise<{ text: string; x: number; y: number; w: number; h: number }[]> {
  return page.$$eval(`#map ${selector}`, (els) => els.filter((e) => (e.parentElement as HTMLElement).style.display !== 'none').map((e) => {
    const r = e.getBoundingClientRect();
    return { text: e.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
  }));
}

/** Pairs of boxes (from one list, or one from each) that overlap by more than `slack` px both ways. */
export function overlaps<T extends { x: number; y: number; w: number; h: number }>(boxes: readonly T[], others?: readonly T[], slack = 1): [T, T][] {
  const out: [T, T][] = [];
  const hit = (a: T, b: T): boolean => a.x + slack < b.x + b.w && b.x + slack < a.x + a.w && a.y + slack < b.y + b.h && b.y + slack < a.y + a.h;
  boxes.forEach((a, i) => {
    const rest = others ?? boxes.slice(i + 1);
    for (const b of rest) if (hit(a, b)) out.push([a, b]);
  });
  return out;
}
