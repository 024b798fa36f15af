import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PACKAGE_ROOT } from '../engine/paths.js';

/**
 * The report's scripts and styles, read from disk when a report is generated and inlined into it:
 * Leaflet from node_modules (never a vendored copy in the repository) and our client code from
 * viz/client/ (plain browser JavaScript, not compiled by tsc, so the same files serve from src and dist).
 */

/** Client files, concatenated in this order into one script (they share one function scope). */
export const CLIENT_SCRIPTS = ['format.js', 'decode.js', 'labels.js', 'map-layers.js', 'chokepoints.js', 'map-label-layer.js', 'legend.js', 'table.js', 'charts.js', 'deployment.js', 'playback.js', 'print-maps.js', 'main.js'] as const;

export interface ReportAssets {
  leafletJs: string;
  leafletCss: string;
  clientJs: string;
  clientCss: string;
}

const require = createRequire(import.meta.url);

function leafletFile(name: string): string {
  return path.join(path.dirname(require.resolve('leaflet/package.json')), 'dist', name);
}

/**
 * Leaflet's stylesheet without its url(...) references (layer-control and default marker images): the
 * report uses neither, and a url() would be a request to a file that is not there.
 */
export function stripCssUrls(css: string): string {
  return css.replace(/url\([^)]*\)/g, 'none');
}

/** Drop a trailing sourceMappingURL comment: developer tools would try to fetch the map file. */
export function stripSourceMap(js: string): string {
  return js.replace(/\n\/\/# sourceMappingURL=[^\n]*\s*$/, '\n');
}

let cached: ReportAssets | undefined;

export function loadReportAssets(): ReportAssets {
  if (cached) return cached;
  const clientDir = path.join(PACKAGE_ROOT, 'viz', 'client');
  const clientJs = CLIENT_SCRIPTS.map((f) => `// ---- ${f}\n` + fs.readFileSync(path.join(clientDir, f), 'utf8')).join('\n');
  cached = {
    leafletJs: stripSourceMap(fs.readFileSync(leafletFile('leaflet.js'), 'utf8')),
    leafletCss: stripCssUrls(fs.readFileSync(leafletFile('leaflet.css'), 'utf8')),
    clientJs: `(function () {\n'use strict';\n${clientJs}\n})();\n`,
    clientCss: fs.readFileSync(path.join(clientDir, 'report.css'), 'utf8'),
  };
  return cached;
}
