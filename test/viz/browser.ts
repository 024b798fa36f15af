import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser (.ci/run installs it with apt-get when missing). */
export const CHROMIUM = process.env['MOTORCADE_CHROMIUM'] ?? '/usr/bin/chromium';

export function haveChromium(): boolean {
  return fs.existsSync(CHROMIUM);
}

export interface OpenedReport {
  browser: Browser;
  page: Page;
  /** Every request the page made, by URL (the file:// document itself included). */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close: () => Promise<void>;
}

/**
 * Launch headless Chromium and open an HTML file from a file:// URL. `launch` (not a persistent context)
 * gives every run a fresh temporary profile, which Playwright deletes on close.
 */
export async function openReport(file: string, viewport = { width: 1400, height: 1000 }): Promise<OpenedReport> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href);
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

/** Non-background pixels of the map's canvases (service areas are drawn there). */
export async function canvasInk(page: Page): Promise<number> {
  return page.evaluate(() => {
    let ink = 0;
    for (const c of Array.from(document.querySelectorAll('#map canvas')) as HTMLCanvasElement[]) {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) continue;
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < px.length; i += 4 * 7) if (px[i]! > 0) ink++;
    }
    return ink;
  });
}
