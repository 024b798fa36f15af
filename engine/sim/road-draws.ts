/**
 * Counter-based random draws keyed by (day, road, purpose): the same day gives the same draw on the same
 * directed edge whichever option drives it, in whatever order, so the options of a movement are compared on
 * common random numbers. No state, no allocation: a draw is two rounds of a 32-bit integer mixer.
 *
 * `day` is a 32-bit unsigned key per sample (drawn from the sample's Alea stream, engine/sim/rng.ts);
 * `edge` a directed edge id below 2^29; `purpose` one of ROAD_DRAW_* below (at most 8).
 */

/** Day-to-day speed variation of the road (lognormal multiplier). */
export const ROAD_DRAW_VARIATION = 0;
/** Wait at the junction where the road starts (uncontrolled convoys). */
export const ROAD_DRAW_JUNCTION = 1;
/** Whether an incident happens on the road that day. */
export const ROAD_DRAW_INCIDENT = 2;
/** How long that incident delays the convoy. */
export const ROAD_DRAW_INCIDENT_DELAY = 3;

/** lowbias32 (Chris Wellons' hash-prospector): a bijection on 32-bit integers with low avalanche bias. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Uniform in the open interval (0, 1), 32 bits of resolution. */
export function roadUniform(day: number, edge: number, purpose: number): number {
  const h = mix32((day ^ mix32(edge * 8 + purpose)) >>> 0);
  return (h + 0.5) / 4294967296;
}

/**
 * Standard normal by inverting its CDF (Acklam's rational approximation, relative error < 1.2e-9): one
 * uniform per draw, so a road's value never depends on which draw came before it (Box–Muller pairs would).
 */
export function inverseNormal(p: number): number {
  if (p < P_CENTRAL_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) / ((((D0 * q + D1) * q + D2) * q + D3) * q + 1);
  }
  if (p > 1 - P_CENTRAL_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) / ((((D0 * q + D1) * q + D2) * q + D3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q) / (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1);
}

/** Acklam's central region is [P_CENTRAL_LOW, 1 − P_CENTRAL_LOW]; log and sqrt are needed only outside it. */
export const P_CENTRAL_LOW = 0.02425;
const A0 = -3.969683028665376e1, A1 = 2.209460984245205e2, A2 = -2.759285104469687e2, A3 = 1.38357751867269e2, A4 = -3.066479806614716e1, A5 = 2.506628277459239;
const B0 = -5.447609879822406e1, B1 = 1.615858368580409e2, B2 = -1.556989798598866e2, B3 = 6.680131188771972e1, B4 = -1.328068155288572e1;
const C0 = -7.784894002430293e-3, C1 = -3.223964580411365e-1, C2 = -2.400758277161838, C3 = -2.549732539343734, C4 = 4.374664141464968, C5 = 2.938163982698783;
const D0 = 7.784695709041462e-3, D1 = 3.224671290700398e-1, D2 = 2.445134137142996, D3 = 3.754408661907416;
