import fs from 'node:fs';
import path from 'node:path';
import type { RankedEntry, SweepResult } from '../engine/run/sweep/sweep-result.js';
import { csvDocument } from './csv-cell.js';
import { writeFileAtomic } from '../engine/atomic-write.js';
import { formatTable, type TableLayout } from './fit-table.js';
import { tableWidth } from './terminal-width.js';

/** The CSV files `motorcade sweep --csv DIR` writes. */
export const SWEEP_CSV_FILES = ['ranking.csv', 'movements.csv', 'variants.csv', 'breaks.csv', 'pareto.csv'] as const;

/**
 * An entry's score, time or exposure (each over the samples that arrived): null is 'no route' when the
 * entry never had one (no arrived share either), else 'did not arrive'.
 */
const absent = (e: RankedEntry): string => (e.arrivedShare === null ? 'no route' : 'did not arrive');
const min = (e: RankedEntry, s: number | null): string => (s === null ? absent(e) : (s / 60).toFixed(1));
const num = (e: RankedEntry, x: number | null): string => (x === null ? absent(e) : x.toFixed(0));
const pct = (share: number): string => `${Math.round(share * 100)} %`;
/** A difference to the first, whole, with its sign: below 0 for an entry that scores lower but arrives too rarely to be first. */
const signed = (x: number): string => {
  const whole = x.toFixed(0);
  return whole.startsWith('-') && whole !== '-0' ? whole : `+${whole.replace('-', '')}`;
};

/** Rank and plan identify a row; the paired difference to the best is what a sweep is read for. */
const RANKING_LAYOUT: TableLayout = {
  keyColumns: 2,
  leftAligned: ['plan', ''],
  overflow: 'drop',
  dropFirst: ['p95 min', 'exposure', 'time min', 'arrived', 'score'],
  short: { 'vs best (95 % CI)': 'vs best', 'time min': 'min' },
};

function rankingLines(entries: readonly RankedEntry[], minArrivedShare: number, noun: string, width: number | undefined): string[] {
  const rows = [['rank', 'plan', 'score', 'time min', 'p95 min', 'exposure', 'arrived', 'vs best (95 % CI)', '']];
  for (const e of entries) {
    const d = e.vsBest;
    rows.push([
      String(e.rank),
      e.id,
      num(e, e.meanScore),
      min(e, e.meanTimeS),
      min(e, e.p95TimeS),
      num(e, e.meanExposure),
      e.arrivedShare === null ? '-' : `${Math.round(e.arrivedShare * 100)}%`,
      d ? `${signed(d.mean)} [${d.low.toFixed(0)}, ${d.high.toFixed(0)}]` : e.rank === 1 && e.eligible ? 'best' : '-',
      d ? (d.significant ? 'significant' : 'not significant') : '',
    ]);
  }
  return [...formatTable(rows, RANKING_LAYOUT, width).split('\n'), ...eligibilityLines(entries, minArrivedShare, noun)];
}

/** Under a ranking: the entries that arrive too rarely to be ranked first, or that none is recommended. */
function eligibilityLines(entries: readonly RankedEntry[], minArrivedShare: number, noun: string): string[] {
  if (entries.length && !entries[0]!.eligible) return [`no ${noun} arrives in at least ${pct(minArrivedShare)} of its samples (scoring.min_arrived_share): none is recommended`];
  return entries
    .filter((e) => !e.eligible && e.arrivedShare !== null)
    .map((e) => `${e.id} arrives in ${pct(e.arrivedShare!)} of its samples, below the ${pct(minArrivedShare)} minimum (scoring.min_arrived_share): never ranked first`);
}

/** The terminal summary: overall ranking, per-movement rankings, the Pareto front and where plans break; tables fitted to `width` (default: the terminal's). */
export function sweepTable(r: SweepResult, width: number | undefined = tableWidth()): string {
  const out: string[] = [];
  out.push(`${r.sweep.name}: ${r.variants.length} variants × ${r.samples} samples over ${r.sweep.scenario} (seed ${r.seed}, quantiles ${r.quantiles})`);
  const rate = r.scoring.delayMinuteExposure;
  out.push(`score = ${rate} × minutes + exposure (scoring.delay_minute_exposure) over the samples that arrived;`, 'time and exposure over the same samples, beside the share that arrived;', 'differences paired by sample where both arrived, 95 % interval', '');
  const least = r.scoring.minArrivedShare;
  out.push('plans overall', ...rankingLines(r.ranking, least, 'plan', width), '');
  for (const m of r.movements) if (m.ranking.length > 1) out.push(`options of ${m.id}`, ...rankingLines(m.ranking, least, 'option', width), '');
  out.push(`time–exposure Pareto front: ${r.pareto.filter((p) => p.onFront).map((p) => p.plan).join(', ') || 'none'}`, '');
  for (const b of r.breaks) {
    if (!b.variants.length) out.push(`${b.plan} holds in every variant`);
    else {
      out.push(`${b.plan} breaks in ${b.variants.length} of ${r.variants.length} variants:`);
      for (const v of b.variants) out.push(`  ${v.label}: ${v.reason}`);
    }
  }
  return out.join('\n') + '\n';
}

export function writeSweepCsv(dir: string, r: SweepResult): void {
  fs.mkdirSync(dir, { recursive: true });
  // Score, times and exposure are over the samples that arrived: empty where nothing arrived (arrived_share
  // 0) or there was no route (arrived_share empty too).
  const rank = (e: RankedEntry) => [e.rank, e.id, e.meanScore, e.meanTimeS, e.p95TimeS, e.meanExposure, e.arrivedShare, e.eligible, e.vsBest?.mean ?? null, e.vsBest?.low ?? null, e.vsBest?.high ?? null, e.vsBest ? e.vsBest.significant : null];
  const head = ['rank', 'id', 'mean_score', 'mean_time_s', 'p95_time_s', 'mean_exposure', 'arrived_share', 'eligible', 'vs_best_mean', 'vs_best_low', 'vs_best_high', 'significant'];
  const files: Record<(typeof SWEEP_CSV_FILES)[number], unknown[][]> = {
    'ranking.csv': [head, ...r.ranking.map(rank)],
    'movements.csv': [['movement', ...head], ...r.movements.flatMap((m) => m.ranking.map((e) => [m.id, ...rank(e)]))],
    'variants.csv': [['variant', 'label', 'plan', 'mean_score', 'p95_time_s', 'arrived_share', 'no_route'], ...r.perVariant.flatMap((v, i) => v.plans.map((p) => [v.variant, r.variants[i]!.label, p.plan, p.meanScore, p.p95TimeS, p.arrivedShare, p.noRoute]))],
    'breaks.csv': [['plan', 'variant', 'label', 'reason'], ...r.breaks.flatMap((b) => b.variants.map((v) => [b.plan, v.variant, v.label, v.reason]))],
    'pareto.csv': [['plan', 'mean_time_s', 'mean_exposure', 'on_front'], ...r.pareto.map((p) => [p.plan, p.meanTimeS, p.meanExposure, p.onFront])],
  };
  for (const [name, rows] of Object.entries(files)) writeFileAtomic(path.join(dir, name), csvDocument(rows));
}
