import { EXPOSURE_COMPONENTS, type ExposureComponent, type OptionResult, type PairedComparison } from '../model/run-result.js';
import { fmtMin } from '../minutes.js';

/** Default of scoring.min_arrived_share: an option arriving in fewer of its samples than this is never recommended. */
export const MIN_ARRIVED_SHARE = 0.5;
/** Default of scoring.delay_minute_exposure: a minute of delay is worth 60 exposure-s (one per second). */
export const DELAY_MINUTE_EXPOSURE = 60;
/** "Most samples reroute" above this share of the recommended option's samples. */
export const MOST_REROUTE_SHARE = 0.5;

export interface DecisionRules {
  minArrivedShare: number;
  delayMinuteExposure: number;
  /** The recommended option against the runner-up on the same days; null when they share no arrived day. */
  paired?: (best: OptionResult, other: OptionResult) => PairedComparison | null;
}

export interface Recommendation {
  recommended: string | null;
  verdict: string;
  comparison: PairedComparison | null;
}

const DEFAULT_RULES: DecisionRules = { minArrivedShare: MIN_ARRIVED_SHARE, delayMinuteExposure: DELAY_MINUTE_EXPOSURE };

/**
 * The recommendation: among distinct routes (an option with the same route as an earlier one is that
 * one, `sameRouteAs`) that arrive in at least `minArrivedShare` of their samples, the lowest score
 * (delayMinuteExposure × mean minutes + mean exposure, over the samples that arrived; ties by option
 * order). Nothing is recommended when no option arrives often enough, and the verdict says why. Otherwise
 * it names the trade-off against the runner-up, in the scenario's exchange rate, the paired difference on
 * the same days with its 95 % interval ("indistinguishable" when it covers zero), options off the
 * time–exposure front, and the reroutes most samples make.
 *
 * Options with the same route share one result, so the ★ and the words about them never depend on the
 * sample count; the verdict of a single distinct route carries no number at all.
 */
export function recommend(options: readonly OptionResult[], rules: DecisionRules = DEFAULT_RULES): Recommendation {
  const found = options.filter((o) => o.found);
  if (found.length === 0) return { recommended: null, verdict: 'No option finds a route: ' + (options.map((o) => `${o.id}: ${o.reason ?? 'no route'}`).join('; ') || 'no options'), comparison: null };
  const distinct = found.filter((o) => !o.sameRouteAs);
  const twins = sameRouteWords(found);
  const eligible = distinct.filter((o) => o.arrivedShare >= rules.minArrivedShare && o.arrivedShare > 0);
  if (eligible.length === 0) {
    const why = distinct.map((o) => `${o.id} arrives in ${pct(o.arrivedShare)} of its samples${o.didNotArrive?.stops[0] ? ` (${o.didNotArrive.stops[0].message})` : ''}`).join('; ');
    return { recommended: null, verdict: `No option arrives in at least ${pct(rules.minArrivedShare)} of its samples, so none is recommended: ${why}.${twins}`, comparison: null };
  }
  const ranked = [...eligible].sort((a, b) => a.score - b.score || options.indexOf(a) - options.indexOf(b));
  const best = ranked[0]!;
  const other = ranked[1];
  const tail = twins + notArriving(distinct, eligible, rules.minArrivedShare) + offFront(eligible) + reroutes(best);
  if (!other) {
    const only = distinct.length === 1 ? `${best.id} is the only distinct route.` : `${best.id} is the only option that arrives in at least ${pct(rules.minArrivedShare)} of its samples.`;
    return { recommended: best.id, verdict: (only + tail).trim(), comparison: null };
  }
  const comparison = rules.paired ? rules.paired(best, other) : null;
  // A runner-up off the front has no trade-off to weigh: offFront() says so.
  const words = other.dominatedBy ? '' : exchangeWords(best, other, rules.delayMinuteExposure);
  const exchange = words ? ' ' + words : '';
  let verdict = tradeOff(best, other) + exchange + pairedWords(comparison);
  // Planners also want the safest alternative spelled out when it is not the one just compared.
  const leastExposed = [...eligible].sort((a, b) => a.exposure.total.mean - b.exposure.total.mean || options.indexOf(a) - options.indexOf(b))[0]!;
  const saving = best.exposure.total.mean > 0 ? 1 - leastExposed.exposure.total.mean / best.exposure.total.mean : 0;
  if (leastExposed !== best && leastExposed !== other && saving >= 0.3) {
    const extra = leastExposed.timeS.p50 - best.timeS.p50;
    verdict += ` The least exposed option, ${leastExposed.id}, would cut exposure by ${Math.round(saving * 100)} % ${extra >= 30 ? `for ${fmtMin(extra)} more` : 'at about the same time'}.`;
  }
  return { recommended: best.id, verdict: verdict + tail, comparison };
}

/** " fallback drives the same route as primary (one result)." */
function sameRouteWords(found: readonly OptionResult[]): string {
  const groups = new Map<string, string[]>();
  for (const o of found) if (o.sameRouteAs) groups.set(o.sameRouteAs, [...(groups.get(o.sameRouteAs) ?? []), o.id]);
  return [...groups.entries()].map(([first, same]) => ` ${same.join(' and ')} ${same.length > 1 ? 'drive' : 'drives'} the same route as ${first} (one result).`).join('');
}

function notArriving(distinct: readonly OptionResult[], eligible: readonly OptionResult[], minShare: number): string {
  const out = distinct.filter((o) => !eligible.includes(o));
  return out.map((o) => ` ${o.id} is not considered: it arrives in ${pct(o.arrivedShare)} of its samples (fewer than ${pct(minShare)})${o.didNotArrive?.stops[0] ? `; ${o.didNotArrive.stops[0].message}` : ''}.`).join('');
}

/** " safer is off the time–exposure front: primary is no slower and no more exposed." */
function offFront(eligible: readonly OptionResult[]): string {
  return eligible
    .filter((o) => o.dominatedBy)
    .map((o) => ` ${o.id} is off the time–exposure front (${o.dominatedBy} is no slower, no more exposed).`)
    .join('');
}

/** Said when most samples of the recommended option reroute: onto what, past which places, how far they then drive. */
function reroutes(best: OptionResult): string {
  if (!(best.reroutedShare > MOST_REROUTE_SHARE)) return '';
  const top = best.reroutes?.[0];
  const onto = !top ? 'elsewhere' : top.option === null ? 'onto a fresh route around the closures' : `onto ${top.option}`;
  const via = best.detourVia?.length ? ` via ${best.detourVia.join(', ')}` : '';
  const driven = best.drivenM?.p50 > 0 ? `, driving ${(best.drivenM.p50 / 1000).toFixed(1)} km (median) instead of the planned ${(best.route.lengthM / 1000).toFixed(1)} km` : '';
  return ` Most samples of ${best.id} (${pct(best.reroutedShare)}) reroute ${onto}${via}${driven}.`;
}

function pairedWords(c: PairedComparison | null): string {
  if (!c || !Number.isFinite(c.score.mean)) return '';
  const min = (x: number) => signed((x / 60).toFixed(1));
  const num = (x: number) => signed(x.toFixed(0));
  const head = ` Paired over ${c.pairs} days (${c.option} − ${c.against}): time ${min(c.timeS.mean)} min [${min(c.timeS.low)}, ${min(c.timeS.high)}], score ${num(c.score.mean)} [${num(c.score.low)}, ${num(c.score.high)}] (95 % CI)`;
  return c.indistinguishable ? `${head}: indistinguishable, the interval covers zero.` : `${head}.`;
}

/**
 * The trade-off in the scenario's own terms: what the difference of the mean times is worth in
 * exposure-seconds. Left out ('') when the means are within 0.05 min: there is no delay to price.
 */
function exchangeWords(best: OptionResult, other: OptionResult, rate: number): string {
  const dtMin = (best.timeS.mean - other.timeS.mean) / 60;
  const dE = other.exposure.total.mean - best.exposure.total.mean;
  if (Math.abs(dtMin) < 0.05) return '';
  const at = `at ${fmtRate(rate)} exposure-s per minute of delay`;
  if (dtMin > 0 && dE > 0) return `On average ${dtMin.toFixed(1)} min more for ${dE.toFixed(0)} exposure-s less: worth it ${at} (break-even ${fmtRate(dE / dtMin)}).`;
  if (dtMin < 0 && dE < 0) return `On average ${(-dtMin).toFixed(1)} min less for ${(-dE).toFixed(0)} exposure-s more: worth it ${at} (break-even ${fmtRate(dE / dtMin)}).`;
  return `${best.id} is no slower and no more exposed on average: no trade-off to weigh.`;
}

const signed = (s: string) => (s.startsWith('-') ? `−${s.slice(1)}` : s === '0' || /^0\.0+$/.test(s) ? s : `+${s}`);
const fmtRate = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));
const pct = (x: number) => `${Math.round(x * 100)} %`;

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
  return `${best.id} is ${timeWords} ${other.id} at the price of ${more}${where}${total}; its lower score (time and exposure at the scenario's rate) wins.`;
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
