import type { MovementResult, OptionResult, RunResult } from '../engine/model/run-result.js';
import { worstClosure } from '../engine/analysis/robustness.js';
import { WITHIN_TARGET_MEANING, withinTarget } from '../engine/analysis/within-target.js';
import { formatTable, type TableLayout } from './fit-table.js';
import { minutes, movementHeader, optionCell } from './run-output.js';
import { tableWidth } from './terminal-width.js';

/**
 * `motorcade compare`: the options of a movement side by side (one column each, the recommended one
 * marked ★), the differences that matter, and the verdict.
 */

interface Row {
  label: string;
  /** Value per option; null when not applicable. */
  values: (number | null)[];
  fmt: (v: number | null) => string;
  /** Lower is better (for the "differences that matter" list). */
  lowerBetter: boolean;
  /** Relative difference that counts as mattering. */
  matters: number;
}

const num = (d: number) => (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(d));
const pctFmt = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

function rows(mv: MovementResult): Row[] {
  const o = mv.options;
  // Measures of the samples that arrived: none for an option no sample of which did.
  const get = (f: (x: OptionResult) => number | null) => o.map((x) => (x.found && x.arrivedSamples > 0 ? f(x) : null));
  const getRoute = (f: (x: OptionResult) => number | null) => o.map((x) => (x.found ? f(x) : null));
  const resp = (type: string) => (x: OptionResult) => {
    const r = x.response.find((y) => y.type === type);
    return r && r.units > 0 ? r.p95S : null;
  };
  const evac = (kind: string) => (x: OptionResult) => {
    const e = x.evacuation.find((y) => y.kind === kind);
    return e && e.destinations.length > 0 ? e.p95S : null;
  };
  // Infinity: the worst closure leaves no way round (printed "cannot arrive").
  const worstDetour = (x: OptionResult) => {
    const w = worstClosure(x.robustness);
    return !w ? null : w.outcome === 'cannot_arrive' ? Infinity : w.extraTimeS;
  };
  return [
    { label: 'length planned (km)', values: getRoute((x) => x.route.lengthM / 1000), fmt: num(1), lowerBetter: true, matters: 0.15 },
    { label: 'length driven p50 (km)', values: get((x) => x.drivenM.p50 / 1000), fmt: num(1), lowerBetter: true, matters: 0.15 },
    { label: 'rerouted (share of samples)', values: getRoute((x) => x.reroutedShare), fmt: pctFmt, lowerBetter: true, matters: 0.1 },
    { label: 'time p50 (min)', values: get((x) => x.timeS.p50), fmt: minutes, lowerBetter: true, matters: 0.1 },
    { label: 'time p95 (min)', values: get((x) => x.timeS.p95), fmt: minutes, lowerBetter: true, matters: 0.1 },
    { label: 'exposure mean (exp-s)', values: get((x) => x.exposure.total.mean), fmt: num(0), lowerBetter: true, matters: 0.2 },
    { label: '  threat zones', values: get((x) => x.exposure.components.threat.mean), fmt: num(0), lowerBetter: true, matters: 0.25 },
    { label: '  crowds', values: get((x) => x.exposure.components.crowd.mean), fmt: num(0), lowerBetter: true, matters: 0.25 },
    { label: '  slow + stopped', values: get((x) => x.exposure.components.slow.mean + x.exposure.components.stopped.mean), fmt: num(0), lowerBetter: true, matters: 0.25 },
    { label: '  chokepoints', values: get((x) => x.exposure.components.chokepoint.mean), fmt: num(0), lowerBetter: true, matters: 0.25 },
    { label: '  predictability', values: get((x) => x.exposure.components.predictability.mean), fmt: num(0), lowerBetter: true, matters: 0.25 },
    { label: 'police p95 (min)', values: get(resp('police')), fmt: minutes, lowerBetter: true, matters: 0.15 },
    { label: 'QRF p95 (min)', values: get(resp('qrf')), fmt: minutes, lowerBetter: true, matters: 0.15 },
    { label: 'ambulance p95 (min)', values: get(resp('ambulance')), fmt: minutes, lowerBetter: true, matters: 0.15 },
    { label: 'EOD p95 (min)', values: get(resp('eod')), fmt: minutes, lowerBetter: true, matters: 0.15 },
    { label: 'in target', values: get((x) => withinTarget(x)), fmt: pctFmt, lowerBetter: false, matters: 0.15 },
    { label: 'to hospital p95 (min)', values: get(evac('hospital')), fmt: minutes, lowerBetter: true, matters: 0.15 },
    { label: 'to safe haven p95 (min)', values: get(evac('safe_haven')), fmt: minutes, lowerBetter: true, matters: 0.15 },
    { label: 'bridges crossed', values: getRoute((x) => x.route.bridges), fmt: num(0), lowerBetter: true, matters: 0.5 },
    { label: 'worst closure detour (min)', values: getRoute(worstDetour), fmt: (v) => (v === Infinity ? 'cannot arrive' : minutes(v)), lowerBetter: true, matters: 0.3 },
    { label: 'arrived (share of samples)', values: getRoute((x) => x.arrivedShare), fmt: pctFmt, lowerBetter: false, matters: 0.05 },
  ];
}

/** One column per option, all equally needed: on a small terminal they wrap into blocks, never drop. */
const COMPARE_TABLE_LAYOUT: TableLayout = { keyColumns: 1, leftAligned: [''], overflow: 'wrap' };

/** The side-by-side table of one movement, fitted to `width` characters when given. */
export function compareTable(mv: MovementResult, width?: number): string {
  const header = ['', ...mv.options.map((o) => optionCell(mv, o).trim())];
  const labels = ['', ...mv.options.map((o) => o.label)];
  const body = rows(mv).map((r) => [r.label, ...r.values.map(r.fmt)]);
  return formatTable([header, labels, ...body], COMPARE_TABLE_LAYOUT, width);
}

/** Differences listed at most (the largest relative ones first). */
export const MAX_DIFFERENCES = 8;

/**
 * Rows where the recommended option differs from another by more than the row's threshold, the largest
 * first. Size is relative to the recommended option's value: |other − recommended| / |recommended|
 * (a difference from a recommended 0 is larger than any other). Options with the same route as the
 * recommended one are that one and have no difference.
 */
export function differences(mv: MovementResult): string[] {
  const best = mv.options.findIndex((o) => o.id === mv.recommended);
  if (best < 0) return [];
  const out: { rel: number; order: number; text: string }[] = [];
  for (const r of rows(mv)) {
    const b = r.values[best];
    if (b === null || b === undefined || !Number.isFinite(b)) continue;
    r.values.forEach((v, i) => {
      const other = mv.options[i]!;
      if (i === best || v === null || !Number.isFinite(v) || other.sameRouteAs === mv.recommended) return;
      if (r.fmt(v) === r.fmt(b)) return;
      const rel = b !== 0 ? Math.abs(v - b) / Math.abs(b) : Infinity;
      if (rel < r.matters) return;
      const better = r.lowerBetter ? b < v : b > v;
      const size = Number.isFinite(rel) ? `${Math.round(rel * 100)} % ${better ? 'better' : 'worse'}` : better ? 'better' : 'worse';
      out.push({ rel, order: out.length, text: `${r.label.trim()}: ${mv.recommended} ${r.fmt(b)} vs ${other.id} ${r.fmt(v)} (${size})` });
    });
  }
  return out
    .sort((x, y) => y.rel - x.rel || x.order - y.order)
    .slice(0, MAX_DIFFERENCES)
    .map((d) => d.text);
}

/** The terminal report of `motorcade compare`, its tables fitted to `width` (default: the terminal's). */
export function compareReport(result: RunResult, movementId?: string, width: number | undefined = tableWidth()): string {
  const out: string[] = [`${result.scenario.name} — comparison of route options (${result.samples} samples per option, seed ${result.seed})`];
  for (const mv of result.movements) {
    if (movementId && mv.id !== movementId) continue;
    out.push('', movementHeader(mv), compareTable(mv, width));
    if (!mv.recommended) out.push('no option is recommended: see the verdict');
    const diffs = differences(mv);
    if (diffs.length) out.push('differences that matter:', ...diffs.map((d) => `  - ${d}`));
    const top = mv.options.find((o) => o.id === mv.recommended)?.hotspots[0];
    if (top) out.push(`exposure hotspot of ${mv.recommended}: ${top.near}, ${(top.fromM / 1000).toFixed(1)}–${(top.toM / 1000).toFixed(1)} km along the route (${Math.round(top.share * 100)} % of its exposure, mostly ${top.mainComponent})`);
    out.push(`verdict: ${mv.verdict}`);
  }
  out.push('', `★ = recommended; (= x) = the same route as option x; ◇ = off the time–exposure front; "in target" = ${WITHIN_TARGET_MEANING}; times, km driven and exposure over the samples that arrived`);
  out.push('', `Road data ${result.graph.attribution}`);
  return out.join('\n');
}
