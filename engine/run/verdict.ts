import type { OptionResult } from './run-result.js';

/** Options reaching the destination in fewer samples than this share are only recommended if nothing else does. */
export const MIN_ARRIVED_SHARE = 0.5;

/**
 * The recommendation: among options with a route, those arriving in at least MIN_ARRIVED_SHARE of the
 * samples first, the lowest score (mean time + mean total exposure, both in seconds; ties by option
 * order). The verdict names the trade-off against the runner-up in plain words.
 */
export function recommend(options: readonly OptionResult[]): { recommended: string | null; verdict: string } {
  const found = options.filter((o) => o.found);
  if (found.length === 0) return { recommended: null, verdict: 'No option finds a route: ' + (options.map((o) => `${o.id}: ${o.reason ?? 'no route'}`).join('; ') || 'no options') };
  const ranked = [...found].sort((a, b) => Number(b.arrivedShare >= MIN_ARRIVED_SHARE) - Number(a.arrivedShare >= MIN_ARRIVED_SHARE) || a.score - b.score || options.indexOf(a) - options.indexOf(b));
  const best = ranked[0]!;
  const other = ranked[1];
  if (!other) return { recommended: best.id, verdict: `${best.id} is the only option with a route: ${fmtMin(best.timeS.p50)} typical, ${fmtMin(best.timeS.p95)} on a bad day (p95).` };
  return { recommended: best.id, verdict: tradeOff(best, other) };
}

/** "B is 3.2 min slower but halves exposure (−52 %), mostly at Chroy Changvar bridge." */
export function tradeOff(best: OptionResult, other: OptionResult): string {
  const dt = best.timeS.p50 - other.timeS.p50;
  const eb = best.exposure.total.mean;
  const eo = other.exposure.total.mean;
  const where = other.hotspots[0] ? ` (${other.id} accrues most of its exposure ${nearPhrase(other.hotspots[0].near)})` : '';
  const exposureWords = (ratio: number): string => {
    if (!Number.isFinite(ratio)) return 'avoids exposure entirely';
    if (ratio <= 0.55 && ratio > 0.4) return 'halves exposure';
    if (ratio <= 0.4) return `cuts exposure by ${Math.round((1 - ratio) * 100)} %`;
    return `cuts exposure by ${Math.round((1 - ratio) * 100)} %`;
  };
  const ratio = eo > 0 ? eb / eo : eb > 0 ? Infinity : 1;
  const timeWords = Math.abs(dt) < 30 ? 'about as fast as' : dt > 0 ? `${fmtMin(dt)} slower than` : `${fmtMin(-dt)} faster than`;
  if (eb < eo * 0.95 && dt >= 30) return `${best.id} is ${timeWords} ${other.id} but ${exposureWords(eb / eo)}${where}.`;
  if (eb < eo * 0.95) return `${best.id} is ${timeWords} ${other.id} and ${exposureWords(eb / eo)}${where}.`;
  if (eb > eo * 1.05) return `${best.id} is ${timeWords} ${other.id} at the price of ${Math.round((ratio - 1) * 100)} % more exposure${best.hotspots[0] ? `, mostly ${nearPhrase(best.hotspots[0].near)}` : ''}; its lower total (time + exposure) wins.`;
  return `${best.id} is ${timeWords} ${other.id} with similar exposure (${eb.toFixed(0)} vs ${eo.toFixed(0)} exposure-s).`;
}

function nearPhrase(near: string): string {
  return /^\d+ m from /.test(near) ? near : /^-?\d/.test(near) ? `around ${near}` : `at ${near}`;
}

export function fmtMin(s: number): string {
  return `${(s / 60).toFixed(1)} min`;
}
