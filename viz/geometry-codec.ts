/**
 * Compact geometry for the HTML report. Coordinates are quantised to integer units of 1e-5 degree
 * (about 1.1 m at Phnom Penh's latitude: finer than a road's width, coarser than the data's 0.1 m), then
 * simplified (Douglas–Peucker with a tolerance in the same units) and delta-encoded:
 * `[x0, y0, dx1, dy1, dx2, dy2, …]`. Small integers keep the inlined JSON a few hundred kB for the whole
 * city instead of several MB of 15-digit floats. The client decodes with the exact inverse
 * (viz/client/decode.js).
 */

/** Quantisation step: integer units per degree. */
export const QUANT_PER_DEG = 1e5;

/** Flat delta-encoded line: x0, y0, dx1, dy1, … in 1e-5 degree units (lon = x, lat = y). */
export type EncodedLine = number[];

export function quantise(deg: number): number {
  return Math.round(deg * QUANT_PER_DEG);
}

/**
 * Douglas–Peucker on integer points (flat x,y array), iterative so that long lines cannot overflow the
 * stack. Keeps the first and last point; `tolerance` is in quantised units.
 */
export function simplifyQuantised(xy: readonly number[], tolerance: number): number[] {
  const n = xy.length / 2;
  if (n <= 2 || tolerance <= 0) return xy.slice();
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: number[] = [0, n - 1];
  const tol2 = tolerance * tolerance;
  while (stack.length > 0) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    const ax = xy[2 * first]!;
    const ay = xy[2 * first + 1]!;
    const bx = xy[2 * last]!;
    const by = xy[2 * last + 1]!;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD2 = tol2;
    for (let i = first + 1; i < last; i++) {
      const px = xy[2 * i]! - ax;
      const py = xy[2 * i + 1]! - ay;
      let d2: number;
      if (len2 === 0) d2 = px * px + py * py;
      else {
        const cross = px * dy - py * dx;
        d2 = (cross * cross) / len2;
      }
      if (d2 > worstD2) {
        worstD2 = d2;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(first, worst, worst, last);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(xy[2 * i]!, xy[2 * i + 1]!);
  return out;
}

/**
 * Quantise, drop repeated points, simplify and delta-encode a [lon, lat] polyline. Returns undefined
 * when fewer than two distinct points remain (a segment shorter than the quantisation step).
 */
export function encodeLine(coords: readonly (readonly [number, number])[], tolerance = 1): EncodedLine | undefined {
  const xy: number[] = [];
  for (const [lon, lat] of coords) {
    const x = quantise(lon);
    const y = quantise(lat);
    const k = xy.length;
    if (k >= 2 && xy[k - 2] === x && xy[k - 1] === y) continue;
    xy.push(x, y);
  }
  if (xy.length < 4) return undefined;
  return deltaEncode(simplifyQuantised(xy, tolerance));
}

/** Encode a polygon ring (closed or not); undefined when it collapses below three distinct points. */
export function encodeRing(coords: readonly (readonly number[])[], tolerance = 1): EncodedLine | undefined {
  const pts = coords.map((c) => [c[0]!, c[1]!] as const);
  const line = encodeLine(pts, tolerance);
  if (!line || line.length < 6) return undefined;
  return line;
}

export function deltaEncode(xy: readonly number[]): EncodedLine {
  const out = new Array<number>(xy.length);
  let px = 0;
  let py = 0;
  for (let i = 0; i < xy.length; i += 2) {
    out[i] = xy[i]! - px;
    out[i + 1] = xy[i + 1]! - py;
    px = xy[i]!;
    py = xy[i + 1]!;
  }
  return out;
}

/** Inverse of encodeLine (modulo simplification): [lon, lat] pairs in degrees. Mirrors the client. */
export function decodeLine(enc: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < enc.length; i += 2) {
    x += enc[i]!;
    y += enc[i + 1]!;
    out.push([x / QUANT_PER_DEG, y / QUANT_PER_DEG]);
  }
  return out;
}

/** Round a degree value to the quantisation step for point features (places, events). */
export function roundDeg(deg: number): number {
  return Math.round(deg * QUANT_PER_DEG) / QUANT_PER_DEG;
}
