import { EXPOSURE_COMPONENTS, type Hotspot, type Stretch } from '../model/run-result.js';
import type { Recorder } from '../sim/recorder.js';
import { round2, round7 } from '../rounding.js';

/** Stretches are runs of consecutive driven edges at least this long (the last one may be shorter). */
export const STRETCH_M = 250;
export const HOTSPOT_COUNT = 5;
export const WORST_COUNT = 3;

interface Range {
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

function midpoint(rec: Recorder, r: Range): [number, number] {
  const k = Math.floor((r.from + r.to) / 2);
  return [rec.lon[k]!, rec.lat[k]!];
}


/**
 * Hotspots: the stretches of the nominal run with the most weighted exposure (top HOTSPOT_COUNT, ties by
 * position), each with its share of the run's total and its dominant component.
 */
export function hotspots(rec: Recorder, describe: (lon: number, lat: number) => string): Hotspot[] {
  let total = 0;
  for (const ex of rec.exposure) for (const x of ex) total += x;
  if (!(total > 0)) return [];
  const scored = stretchRanges(rec).map((r) => {
    const comp = new Array<number>(EXPOSURE_COMPONENTS.length).fill(0);
    for (let i = r.from; i <= r.to; i++) rec.exposure[i]!.forEach((x, c) => (comp[c]! += x));
    return { r, comp, sum: comp.reduce((a, b) => a + b, 0) };
  });
  return scored
    .filter((s) => s.sum > 0)
    .sort((a, b) => b.sum - a.sum || a.r.from - b.r.from)
    .slice(0, HOTSPOT_COUNT)
    .map((s) => {
      const [lon, lat] = midpoint(rec, s.r);
      let main = 0;
      s.comp.forEach((x, c) => {
        if (x > s.comp[main]!) main = c;
      });
      return {
        fromIndex: s.r.from,
        toIndex: s.r.to,
        fromM: round2(rec.startM[s.r.from]!),
        toM: round2(rec.startM[s.r.to]! + rec.lengthM[s.r.to]!),
        lon: round7(lon),
        lat: round7(lat),
        near: describe(lon, lat),
        exposure: round2(s.sum),
        share: Math.round((s.sum / total) * 10000) / 10000,
        mainComponent: EXPOSURE_COMPONENTS[main]!,
      };
    });
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
