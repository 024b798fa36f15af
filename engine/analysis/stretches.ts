import type { Stretch } from '../model/run-result.js';
import type { Recorder } from '../sim/recorder.js';
import { round2, round7 } from '../rounding.js';

/** Stretches are runs of consecutive driven edges at least this long (the last one may be shorter). */
export const STRETCH_M = 250;
export const WORST_COUNT = 3;

export interface Range {
  from: number;
  to: number;
}

/** Cut the driven edges of a record into consecutive stretches of ≥ STRETCH_M. */
export function stretchRanges(rec: Recorder): Range[] {
  const out: Range[] = [];
  let start = 0;
  let acc = 0;
  for (let i = 0; i < rec.edges.length; i++) {
    acc += rec.lengthM[i]!;
    if (acc >= STRETCH_M || i === rec.edges.length - 1) {
      out.push({ from: start, to: i });
      start = i + 1;
      acc = 0;
    }
  }
  return out;
}

export function midpoint(rec: Recorder, r: Range): [number, number] {
  const k = Math.floor((r.from + r.to) / 2);
  return [rec.lon[k]!, rec.lat[k]!];
}

/** The worst-covered stretches for coverage kind k (largest value first; unreachable first of all). */
export function worstStretches(rec: Recorder, k: number, describe: (lon: number, lat: number) => string): Stretch[] {
  return stretchRanges(rec)
    .map((r) => {
      let v = -Infinity;
      for (let i = r.from; i <= r.to; i++) v = Math.max(v, rec.coverage[i]![k]!);
      return { r, v };
    })
    .sort((a, b) => b.v - a.v || a.r.from - b.r.from)
    .slice(0, WORST_COUNT)
    .map(({ r, v }) => {
      const [lon, lat] = midpoint(rec, r);
      return {
        fromM: round2(rec.startM[r.from]!),
        toM: round2(rec.startM[r.to]! + rec.lengthM[r.to]!),
        lon: round7(lon),
        lat: round7(lat),
        near: describe(lon, lat),
        valueS: Number.isFinite(v) ? round2(v) : null,
      };
    });
}
