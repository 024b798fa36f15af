import { EXPOSURE_COMPONENTS, type ExposureComponent, type OptionResult } from '../model/run-result.js';

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
  let verdict = tradeOff(best, other);
  // Planners also want the safest alternative spelled out when it is not the one just compared.
  const leastExposed = [...found].sort((a, b) => a.exposure.total.mean - b.exposure.total.mean || options.indexOf(a) - options.indexOf(b))[0]!;
  const saving = best.exposure.total.mean > 0 ? 1 - leastExposed.exposure.total.mean / best.exposure.total.mean : 0;
  if (leastExposed !== best && leastExposed !== other && saving >= 0.3) {
    const extra = leastExposed.timeS.p50 - best.timeS.p50;
    verdict += ` The least exposed option, ${leastExposed.id}, would cut exposure by ${Math.round(saving * 100)} % ${extra >= 30 ? `for ${fmtMin(extra)} more` : 'at about the same time'}.`;
  }
  return { recommended: best.id, verdict };
}

const COMPONENT_WORDS: Record<ExposureComponent, string> = {
  threat: 'threat-zone exposure',
  slow: 'time crawling in traffic',
  stopped: 'time stopped',
  chokepoint: 'time on chokepoints',
  crowd: 'crowd exposure',
  predictability: 'exposure on roads other convoys already used',
};

/**
 * "safer is 1.1 min slower than primary but cuts threat-zone exposure by 61 % (primary's is mostly at …)".
 * The trade-off named is the exposure component with the largest difference in mean between the two
 * options; its place is the other option's (or the best's) top hotspot dominated by that component.
 */
export function tradeOff(best: OptionResult, other: OptionResult): string {
  const dt = best.timeS.p50 - other.timeS.p50;
  const eb = best.exposure.total.mean;
  const eo = other.exposure.total.mean;
  let comp: ExposureComponent = EXPOSURE_COMPONENTS[0];
  let gap = -1;
  for (const c of EXPOSURE_COMPONENTS) {
    const d = Math.abs(best.exposure.components[c].mean - other.exposure.components[c].mean);
    if (d > gap) {
      gap = d;
      comp = c;
    }
  }
  const cb = best.exposure.components[comp].mean;
  const co = other.exposure.components[comp].mean;
  const timeWords = Math.abs(dt) < 30 ? 'about as fast as' : dt > 0 ? `${fmtMin(dt)} slower than` : `${fmtMin(-dt)} faster than`;
  const worse = cb <= co ? other : best;
  const spot = worse.hotspots.find((h) => h.mainComponent === comp) ?? worse.hotspots[0];
  const where = spot ? ` (${worse.id}'s is mostly ${nearPhrase(spot.near)})` : '';
  const change = (a: number, b: number): string => {
    if (b <= 0) return 'adds';
    const r = a / b;
    if (r <= 0.05) return 'avoids almost all';
    if (r <= 0.55 && r >= 0.45) return 'halves';
    return `cuts by ${Math.round((1 - r) * 100)} %`;
  };
  const total = eo > 0 ? ` (total exposure ${relative(eb, eo)})` : '';
  if (gap < 1 || Math.abs(eb - eo) < 0.05 * Math.max(eb, eo, 1)) {
    return `${best.id} is ${timeWords} ${other.id} with similar exposure (${eb.toFixed(0)} vs ${eo.toFixed(0)} exposure-s).`;
  }
  if (cb < co) {
    const verb = change(cb, co);
    const phrase = verb === 'halves' || verb === 'avoids almost all' ? `${verb} the ${COMPONENT_WORDS[comp]}` : `${verb.replace('cuts by', 'cuts the ' + COMPONENT_WORDS[comp] + ' by')}`;
    return `${best.id} is ${timeWords} ${other.id} ${dt >= 30 ? 'but' : 'and'} ${phrase}${where}${total}.`;
  }
  const more = co > 0 && !percentMisleads(cb, co) ? `${Math.round((cb / co - 1) * 100)} % more ${COMPONENT_WORDS[comp]}` : `more ${COMPONENT_WORDS[comp]} (${cb.toFixed(0)} vs ${co.toFixed(0)} exposure-s)`;
  return `${best.id} is ${timeWords} ${other.id} at the price of ${more}${where}${total}; its lower total (time + exposure) wins.`;
}

/**
 * A percentage of a tiny base ("+1828 %") says less than the two numbers: below 10 exposure-seconds, or
 * beyond a threefold change, the verdict gives both values instead.
 */
function percentMisleads(a: number, b: number): boolean {
  return b < 10 || a > 3 * b;
}

function relative(a: number, b: number): string {
  if (percentMisleads(a, b)) return `${a.toFixed(0)} vs ${b.toFixed(0)} exposure-s`;
  return `${a < b ? '−' : '+'}${Math.round((Math.abs(a - b) / b) * 100)} %`;
}

function nearPhrase(near: string): string {
  return /^\d+ m from /.test(near) ? near : /^-?\d/.test(near) ? `around ${near}` : `at ${near}`;
}

export function fmtMin(s: number): string {
  return `${(s / 60).toFixed(1)} min`;
}
