import { createHash } from 'node:crypto';
import path from 'node:path';
import { writeFileAtomic } from '../engine/atomic-write.js';
import { EXPOSURE_COMPONENTS, RESPONDER_TYPES, type MovementResult, type OptionResult, type RunResult } from '../engine/model/run-result.js';
import { clock } from '../engine/metrics/clock.js';
import { WITHIN_TARGET_MEANING, withinTarget } from '../engine/analysis/within-target.js';
import { round2 } from '../engine/rounding.js';
import { closureLines } from './closure-text.js';
import { csvDocument } from './csv-cell.js';
import { writeCsvSet } from './csv-set.js';
import { formatTable, type TableLayout } from './fit-table.js';
import { tableWidth } from './terminal-width.js';

/**
 * How `motorcade run` and `compare` present a RunResult: aligned terminal tables (units in the headers,
 * the recommended option marked ★), CSV files for spreadsheets, and an RFC 7946 GeoJSON FeatureCollection.
 */

export { clock };

export function minutes(s: number | null): string {
  return s === null || !Number.isFinite(s) ? '—' : (s / 60).toFixed(1);
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function responseP95(o: OptionResult, type: string): string {
  const r = o.response.find((x) => x.type === type);
  return r && r.units > 0 ? minutes(r.p95S) : '—';
}

/** The option cell: ★ recommended, "= other" for the same route as another option, ◇ off the time–exposure front. */
export function optionCell(mv: MovementResult, o: OptionResult): string {
  const mark = o.id === mv.recommended ? '★ ' : '  ';
  return `${mark}${o.id}${o.sameRouteAs ? ` (= ${o.sameRouteAs})` : ''}${o.dominatedBy ? ' ◇' : ''}`;
}

/**
 * How the run table narrows on a small terminal: option and label identify a row, the p50 time column
 * carries "no route" and stays; the rest goes from the least to the most decisive for choosing a route.
 */
const MOVEMENT_TABLE_LAYOUT: TableLayout = {
  keyColumns: 2,
  leftAligned: ['option', 'label'],
  overflow: 'drop',
  keep: ['time p50 min'],
  dropFirst: ['slow+stop', 'threat', 'hospital p95 min', 'ambul. p95 min', 'km plan', 'in target', 'rerouted', 'km driven', 'police p95 min', 'p95', 'p95 min', 'arrived'],
  short: { 'time p50 min': 'p50 min', 'exposure p50': 'exp p50', 'slow+stop': 'slow', 'police p95 min': 'police p95', 'ambul. p95 min': 'amb p95', 'hospital p95 min': 'hosp p95', 'in target': 'in tgt' },
};

/**
 * The per-movement table of `motorcade run`, fitted to `width` characters when given. Times, lengths
 * driven and exposure are over the samples that arrived.
 */
export function movementTable(mv: MovementResult, width?: number): string {
  const head = ['option', 'label', 'km plan', 'km driven', 'arrived', 'rerouted', 'time p50 min', 'p95 min', 'exposure p50', 'p95', 'threat', 'slow+stop', 'police p95 min', 'ambul. p95 min', 'hospital p95 min', 'in target'];
  const rows: string[][] = [head];
  for (const o of mv.options) {
    const cellName = optionCell(mv, o);
    if (!o.found) {
      rows.push([cellName, o.label, '—', '', '', '', 'no route: ' + (o.reason ?? ''), '', '', '', '', '', '', '', '', '']);
      continue;
    }
    if (o.arrivedSamples === 0) {
      rows.push([cellName, o.label, (o.route.lengthM / 1000).toFixed(1), '—', pct(o.arrivedShare), pct(o.reroutedShare), 'did not arrive: ' + (o.didNotArrive.stops[0]?.message ?? 'no sample arrived'), '', '', '', '', '', '', '', '', '']);
      continue;
    }
    const c = o.exposure.components;
    const within = withinTarget(o);
    rows.push([
      cellName,
      o.label,
      (o.route.lengthM / 1000).toFixed(1),
      (o.drivenM.p50 / 1000).toFixed(1),
      pct(o.arrivedShare),
      pct(o.reroutedShare),
      minutes(o.timeS.p50),
      minutes(o.timeS.p95),
      o.exposure.total.p50.toFixed(0),
      o.exposure.total.p95.toFixed(0),
      c.threat.mean.toFixed(0),
      (c.slow.mean + c.stopped.mean).toFixed(0),
      responseP95(o, 'police'),
      responseP95(o, 'ambulance'),
      minutes(o.evacuation.find((e) => e.kind === 'hospital')?.p95S ?? null),
      within === null ? '—' : pct(within),
    ]);
  }
  return formatTable(rows, MOVEMENT_TABLE_LAYOUT, width);
}

export function movementHeader(mv: MovementResult): string {
  return `${mv.id} (${mv.delegation}): ${mv.from.label} → ${mv.to.label}, departs ${clock(mv.departureS)}`;
}

/** The whole terminal summary of `motorcade run`, its tables fitted to `width` (default: the terminal's). */
export function runSummary(result: RunResult, width: number | undefined = tableWidth()): string {
  const out: string[] = [];
  out.push(`${result.scenario.name} — ${result.samples} samples per option, seed ${result.seed}${result.partial ? ' (PARTIAL: interrupted)' : ''}`);
  out.push('exposure in exposure-seconds (weighted seconds, see docs/metrics.md); times in minutes; times, km driven (median) and exposure over the samples that arrived');
  out.push(`★ = recommended; (= x) = the same route as option x, one result; ◇ = off the time–exposure front (another option is no slower and no more exposed); "in target" = ${WITHIN_TARGET_MEANING}`);
  for (const mv of result.movements) {
    out.push('', movementHeader(mv), movementTable(mv, width), ...closureLines(mv), `verdict: ${mv.verdict}`);
  }
  out.push('', `Road data ${result.graph.attribution}`);
  return out.join('\n');
}

/** The files of `--csv DIR`, in the order written. */
export const CSV_FILES = ['options.csv', 'hotspots.csv', 'response.csv', 'events.csv', 'histograms.csv'] as const;

/**
 * --csv DIR: options.csv (one row per movement × option, with the samples it covers and whether the run
 * was interrupted), hotspots.csv, response.csv, events.csv (sample 0), histograms.csv (one row per bin
 * of time and exposure), and manifest.json (run, samples asked and done, partial, each file's sha256),
 * written as one set (csv-set.ts).
 */
export function writeCsv(dir: string, result: RunResult): string[] {
  const options: unknown[][] = [[
    'movement', 'option', 'label', 'kind', 'found', 'recommended', 'length_m', 'free_flow_time_s', 'time_p05_s', 'time_p25_s', 'time_p50_s', 'time_p75_s', 'time_p95_s', 'time_mean_s', 'time_min_s', 'time_max_s',
    'exposure_p05', 'exposure_p25', 'exposure_p50', 'exposure_p75', 'exposure_p95', 'exposure_mean', ...EXPOSURE_COMPONENTS.map((c) => `${c}_mean`), 'arrived_share', 'rerouted_share', 'score', 'samples_done', 'samples_asked', 'partial',
    'arrived_samples', 'driven_m_p50', 'driven_m_p95', 'driven_m_mean', 'rerouted_onto', 'detour_via', 'held_share', 'did_not_arrive', 'same_route_as', 'dominated_by', 'within_target_share',
  ]];
  const hotspots: unknown[][] = [['movement', 'option', 'rank', 'from_m', 'to_m', 'lon', 'lat', 'near', 'exposure', 'share', 'main_component']];
  const response: unknown[][] = [['movement', 'option', 'kind', 'units_or_destinations', 'target_s', 'p50_s', 'p95_s', 'max_s', 'within_target_share']];
  const events: unknown[][] = [['movement', 'option', 'time_s', 'clock', 'kind', 'message', 'lon', 'lat']];
  // One row per histogram bin: samples whose value lies in [from, to) (the last bin also holds the max).
  const histograms: unknown[][] = [['movement', 'option', 'metric', 'bin', 'from', 'to', 'count']];
  for (const mv of result.movements) {
    for (const o of mv.options) {
      // Times, exposure, score and length driven describe the samples that arrived: blank when none did.
      const ifArrived = (xs: unknown[]): unknown[] => (o.arrivedSamples > 0 ? xs : xs.map(() => ''));
      const t = o.timeS;
      const x = o.exposure.total;
      options.push([mv.id, o.id, o.label, o.kind, o.found, o.id === mv.recommended, o.route.lengthM, o.route.freeFlowTimeS, ...ifArrived([t.p05, t.p25, t.p50, t.p75, t.p95, t.mean, t.min, t.max,
        x.p05, x.p25, x.p50, x.p75, x.p95, x.mean, ...EXPOSURE_COMPONENTS.map((c) => o.exposure.components[c].mean)]), o.arrivedShare, o.reroutedShare, ...ifArrived([o.score]), o.samplesDone, result.samples, result.partial,
        o.arrivedSamples, ...ifArrived([o.drivenM.p50, o.drivenM.p95, o.drivenM.mean]), o.reroutes[0] ? (o.reroutes[0].option ?? 'fresh route') : '', o.detourVia.join('; '), o.held.share, o.didNotArrive.stops.map((g) => `${g.samples}: ${g.message}`).join('; '), o.sameRouteAs ?? '', o.dominatedBy ?? '', withinTarget(o) ?? '']);
      o.hotspots.forEach((h, i) => hotspots.push([mv.id, o.id, i + 1, h.fromM, h.toM, h.lon, h.lat, h.near, h.exposure, h.share, h.mainComponent]));
      for (const r of o.response) response.push([mv.id, o.id, r.type, r.units, r.targetS, r.p50S, r.p95S, r.maxS, r.withinTargetShare]);
      for (const e of o.evacuation) response.push([mv.id, o.id, e.kind, e.destinations.join(' '), e.targetS, e.p50S, e.p95S, e.maxS, e.withinTargetShare]);
      if (o.found) {
        for (const [metric, d] of [['time_s', o.timeS], ['exposure', o.exposure.total]] as const) {
          const h = d.histogram;
          h.counts.forEach((count, bin) => histograms.push([mv.id, o.id, metric, bin, round2(h.start + bin * h.width), round2(h.start + (bin + 1) * h.width), count]));
        }
      }
      for (const e of o.playback.events) events.push([mv.id, o.id, e.timeS, clock(e.timeS), e.kind, e.message, e.lon, e.lat]);
    }
  }
  const tables: Record<(typeof CSV_FILES)[number], unknown[][]> = { 'options.csv': options, 'hotspots.csv': hotspots, 'response.csv': response, 'events.csv': events, 'histograms.csv': histograms };
  // ODbL: every file carries the attribution, as a last column that every CSV reader keeps.
  const withAttribution = (rows: unknown[][]): unknown[][] => rows.map((r, i) => [...r, i === 0 ? 'attribution' : result.graph.attribution]);
  const files = CSV_FILES.map((name) => ({ name, text: csvDocument(withAttribution(tables[name])), rows: tables[name].length - 1 }));
  return writeCsvSet(dir, files, { format: 'motorcade-csv/1', ...runMarks(result) });
}

/**
 * What every output of a run says about how complete it is: samples asked per option, the fewest any
 * option got (less when interrupted), partial, and a run id (a digest of the result, equal for equal runs).
 */
export function runMarks(result: RunResult): { run_id: string; scenario: string; seed: string; samples_asked: number; samples_done: number; partial: boolean } {
  const done = result.movements.flatMap((m) => m.options.filter((o) => o.found).map((o) => o.samplesDone));
  return {
    run_id: createHash('sha256').update(JSON.stringify(result)).digest('hex').slice(0, 16),
    scenario: result.scenario.name,
    seed: String(result.seed),
    samples_asked: result.samples,
    samples_done: done.length > 0 ? Math.min(...done) : 0,
    partial: result.partial,
  };
}

/**
 * --geojson FILE: an RFC 7946 FeatureCollection of one LineString per option (summary properties, samples
 * done) and Points for hotspots and chokepoints, every feature with `kind` and the ODbL `attribution`.
 * Run-level facts travel in the foreign member `motorcade` (scenario, seed, samples asked and done,
 * partial, run id), the attribution also in `attribution`: RFC 7946 gives a FeatureCollection no
 * `properties`. GDAL reads the file as one layer of mixed geometry; QGIS offers it as a line layer and a
 * point layer (docs/exports.md).
 */
export function toGeoJSON(result: RunResult): object {
  const attribution = `Road data ${result.graph.attribution}`;
  const features: object[] = [];
  for (const mv of result.movements) {
    for (const o of mv.options) {
      if (!o.found) continue;
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: o.route.coordinates },
        properties: { kind: 'route', movement: mv.id, option: o.id, label: o.label, recommended: o.id === mv.recommended, length_m: o.route.lengthM, arrived_share: o.arrivedShare, time_p50_s: o.arrivedSamples > 0 ? o.timeS.p50 : null, time_p95_s: o.arrivedSamples > 0 ? o.timeS.p95 : null, exposure_mean: o.arrivedSamples > 0 ? o.exposure.total.mean : null, driven_m_p50: o.arrivedSamples > 0 ? o.drivenM.p50 : null, rerouted_share: o.reroutedShare, samples_done: o.samplesDone, attribution },
      });
      o.hotspots.forEach((h, i) => features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [h.lon, h.lat] }, properties: { kind: 'hotspot', movement: mv.id, option: o.id, rank: i + 1, near: h.near, exposure: h.exposure, share: h.share, main_component: h.mainComponent, attribution } }));
      for (const c of o.chokepoints) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [c.lon, c.lat] }, properties: { kind: 'chokepoint', movement: mv.id, option: o.id, chokepoint: c.kind, reason: c.reason, near: c.near, edge: c.edge, attribution } });
    }
  }
  // `samples` is the number asked per option; samples_done the fewest any option got (less when partial).
  const marks = runMarks(result);
  return { type: 'FeatureCollection', features, attribution, motorcade: { scenario: result.scenario, seed: result.seed, samples: result.samples, samples_asked: marks.samples_asked, samples_done: marks.samples_done, partial: result.partial, run_id: marks.run_id } };
}

export function responderColumns(): readonly string[] {
  return RESPONDER_TYPES;
}
