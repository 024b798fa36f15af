import type { MovementResult, OptionResult, RunResult } from '../engine/model/run-result.js';
import { formatTable, type TableLayout } from './fit-table.js';
import { minutes, movementHeader } from './run-output.js';
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
  const get = (f: (x: OptionResult) => number | null) => o.map((x) => (x.found ? f(x) : null));
  const resp = (type: string) => (x: OptionResult) => {
    const r = x.response.find((y) => y.type === type);
    return r && r.units > 0 ? r.p95S : null;
  };
  const evac = (kind: string) => (x: OptionResult) => {
    const e = x.evacuation.find((y) => y.kind === kind);
    return e && e.destinations.length > 0 ? e.p95S : null;
  };
  const worstDetour = (x: OptionResult) => x.robustness.reduce<number | null>((m, c) => (c.extraTimeS === null ? m : Math.max(m ?? 0, c.extraTimeS)), null);
  return [
    { label: 'length (km)', values: get((x) => x.route.lengthM / 1000), fmt: num(1), lowerBetter: true, matters: 0.15 },
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
    { label: 'police within target', values: get((x) => x.response.find((r) => r.type === 'police')?.withinTargetShare ?? null), fmt: pctFmt, lowerBetter: false, matters: 0.15 },
    { label: 'to hospital p95 (min)', values: get(evac('hospital')), fmt: minutes, lowerBetter: true, matters: 0.15 },
    { label: 'to safe haven p95 (min)', values: get(evac('safe_haven')), fmt: minutes, lowerBetter: true, matters: 0.15 },
    { label: 'bridges crossed', values: get((x) => x.route.bridges), fmt: num(0), lowerBetter: true, matters: 0.5 },
    { label: 'worst closure detour (min)', values: get(worstDetour), fmt: minutes, lowerBetter: true, matters: 0.3 },
    { label: 'arrived (share of samples)', values: get((x) => x.arrivedShare), fmt: pctFmt, lowerBetter: false, matters: 0.05 },
  ];
}

/** One column per option, all equally needed: on a small terminal they wrap into blocks, never drop. */
const COMPARE_TABLE_LAYOUT: TableLayout = { keyColumns: 1, leftAligned: [''], overflow: 'wrap' };

/** The side-by-side table of one movement, fitted to `width` characters when given. */
export function compareTable(mv: MovementResult, width?: number): string {
  const header = ['', ...mv.options.map((o) => (o.id === mv.recommended ? `★ ${o.id}` : o.id))];
  const labels = ['', ...mv.options.map((o) => o.label)];
  const body = rows(mv).map((r) => [r.label, ...r.values.map(r.fmt)]);
  return formatTable([header, labels, ...body], COMPARE_TABLE_LAYOUT, width);
}

/** Differences listed at most (the largest relative ones first). */
export const MAX_DIFFERENCES = 8;

/** Rows where the recommended option differs from another by more than the row's threshold, largest first. */
export function differences(mv: MovementResult): string[] {
  const best = mv.options.findIndex((o) => o.id === mv.recommended);
  if (best < 0) return [];
  const out: { rel: number; order: number; text: string }[] = [];
  for (const r of rows(mv)) {
    const b = r.values[best];
    if (b === null || b === undefined || !Number.isFinite(b)) continue;
    r.values.forEach((v, i) => {
      if (i === best || v === null || !Number.isFinite(v)) return;
      const denom = Math.max(Math.abs(b), Math.abs(v), 1e-9);
      const rel = Math.abs(v - b) / denom;
      if (rel < r.matters) return;
      const better = r.lowerBetter ? b < v : b > v;
      out.push({ rel, order: out.length, text: `${r.label.trim()}: ${mv.recommended} ${r.fmt(b)} vs ${mv.options[i]!.id} ${r.fmt(v)} (${better ? 'better' : 'worse'})` });
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
    const diffs = differences(mv);
    if (diffs.length) out.push('differences that matter:', ...diffs.map((d) => `  - ${d}`));
    const top = mv.options.find((o) => o.id === mv.recommended)?.hotspots[0];
    if (top) out.push(`exposure hotspot of ${mv.recommended}: ${top.near}, ${(top.fromM / 1000).toFixed(1)}–${(top.toM / 1000).toFixed(1)} km along the route (${Math.round(top.share * 100)} % of its exposure, mostly ${top.mainComponent})`);
    out.push(`verdict: ${mv.verdict}`);
  }
  out.push('', `Road data ${result.graph.attribution}`);
  return out.join('\n');
}
