import { loadReportAssets } from './assets.js';
import { buildReportData, type ReportInput } from './build-report-data.js';
import { renderHtml } from './render-html.js';

/**
 * (graph, scenario, run result, water GeoJSON) → the report as one self-contained HTML string.
 * Pure apart from reading the inlined library and client files; deterministic for the same input.
 */
export function generateReportHtml(input: ReportInput): string {
  return renderHtml(buildReportData(input), loadReportAssets());
}

export type { ReportInput } from './build-report-data.js';
