import { EXPOSURE_COMPONENTS, type Hotspot } from '../model/run-result.js';
import { round2, round4, round7 } from '../rounding.js';
import type { Recorder } from '../sim/recorder.js';
import { midpoint, stretchRanges } from './stretches.js';

export const HOTSPOT_COUNT = 5;

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
        share: round4(s.sum / total),
        mainComponent: EXPOSURE_COMPONENTS[main]!,
      };
    });
}
