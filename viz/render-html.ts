import { createHash } from 'node:crypto';
import type { ReportData } from './report-data.js';
import type { ReportAssets } from './assets.js';

/**
 * The report document: one HTML file with every script, style and datum inline.
 *
 * The Content-Security-Policy forbids every fetch (default-src 'none', connect-src 'none', images only
 * from data: URLs), so even a mistake in the client cannot make the browser reach the network: a plan
 * is sensitive and briefings happen offline. Scripts run only when their SHA-256 is listed in the
 * policy (the two inline scripts, hashed as written), so markup that slipped through an escaping
 * mistake could not run a script of its own. Inline styles stay allowed: a style cannot send data
 * anywhere under default-src 'none'.
 */
export function reportCsp(scriptHashes: readonly string[]): string {
  const scripts = scriptHashes.map((h) => `'sha256-${h}'`).join(' ');
  return `default-src 'none'; script-src ${scripts}; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`;
}

/** Base64 SHA-256 of a script's text, as a CSP hash source names it. */
export function scriptHash(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('base64');
}

/** A CSS string literal: everything but letters, digits and spaces as a hex escape. */
export function cssString(s: string): string {
  return '"' + [...s].map((c) => (/[A-Za-z0-9 ]/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('') + '"';
}

/**
 * Page furniture of the printout (A4 landscape: the maps are wide): the classification at the top and
 * bottom of every page, the title and the scenario day at the top, the page number at the bottom. The
 * print date (bottom left) is set by the client when printing, so the file itself holds no timestamp.
 */
export function pageCss(data: ReportData): string {
  const cls = cssString(data.classification);
  const head = cssString(data.scenario.name + (data.scenario.date ? ` · scenario day ${data.scenario.date}` : ''));
  return `@page {
  size: A4 landscape;
  margin: 13mm 10mm 12mm 10mm;
  @top-left { content: ${head}; font: 8pt system-ui, sans-serif; color: #333; }
  @top-right { content: ${cls}; font: 700 8.5pt system-ui, sans-serif; color: #000; }
  @bottom-right { content: ${cls}; font: 700 8.5pt system-ui, sans-serif; color: #000; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; }
}`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside <script>: no '<' (so no '</script>' or '<!--'), and U+2028/9 escaped. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Inline code must not close its own <script>/<style> element. */
export function safeInline(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);
}

/**
 * The opening of every offline page (the run report, the sweep page): the policy, a phone viewport, no
 * referrer, the title (already escaped) and the inline styles, then `extra` head markup.
 */
export function pageHead(title: string, csp: string, styles: readonly string[], extra = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
${styles.map((s) => `<style>${safeInline(s, 'style')}</style>`).join('\n')}
${extra}</head>`;
}

export function renderHtml(data: ReportData, assets: ReportAssets): string {
  const title = escapeHtml(data.title);
  const leafletJs = safeInline(assets.leafletJs, 'script');
  const clientJs = safeInline(assets.clientJs, 'script');
  const csp = reportCsp([scriptHash(leafletJs), scriptHash(clientJs)]);
  const day = data.scenario.date ? ` · scenario day ${escapeHtml(data.scenario.date)}` : '';
  return `${pageHead(title, csp, [assets.leafletCss, assets.clientCss, pageCss(data)], '<style id="print-date-style"></style>\n')}
<body>
<header class="report-header">
  <p class="classification" id="classification">${escapeHtml(data.classification)}</p>
  <h1>${title}</h1>
  <p class="scenario-line">Scenario <b>${escapeHtml(data.scenario.name)}</b> (<code>${escapeHtml(data.scenario.id)}</code>)${day} · ${data.samples} samples per option · seed ${escapeHtml(data.seed)}</p>
  ${data.scenario.description ? `<p class="scenario-description">${escapeHtml(data.scenario.description)}</p>` : ''}
</header>
<noscript><p class="noscript">This report draws its map, tables and charts with the JavaScript inside this file (it loads nothing from anywhere): allow scripts for this file to see them.</p></noscript>
<main>
  <section id="map-section" aria-label="Map">
    <div id="map" role="region" aria-label="Map of the routes"></div>
    <aside id="side-panel">
      <div id="legend" class="legend" aria-label="Legend"></div>
      <details id="layer-panel" open>
        <summary>More layers</summary>
        <div id="layer-toggles"></div>
      </details>
    </aside>
  </section>
  <section id="print-overview" aria-label="Overview map for print">
    <h2>All movements</h2>
    <div class="print-row"><figure class="print-map" id="print-overview-map"></figure><div class="print-side" id="print-overview-key"></div></div>
  </section>
  <section id="playback" aria-label="Playback"></section>
  <section id="movements" aria-label="Comparison per movement"></section>
</main>
<footer class="report-footer">
  ${data.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n  ')}
  <p>Map data ${escapeHtml(data.attribution)}. Generated by motorcade from scenario <code>${escapeHtml(data.scenario.id)}</code>. Self-contained: this file makes no network request.</p>
</footer>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${leafletJs}</script>
<script>${clientJs}</script>
</body>
</html>
`;
}
