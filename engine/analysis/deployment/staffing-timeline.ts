/** Officers posted at each minute: officers[m] counts every post whose window overlaps [startS + 60m, startS + 60(m+1)). */
export interface StaffingTimeline {
  /** Whole minute of the day (seconds since midnight) of officers[0]. */
  startS: number;
  stepS: 60;
  officers: number[];
}

/** Peak of a timeline: the largest count and the first minute it is reached (null when empty). */
export interface Peak {
  count: number;
  atS: number | null;
}

export const STEP_S = 60;

/** The per-minute sum of `count` over half-open windows [fromS, toS). */
export function staffingTimeline(windows: readonly { fromS: number; toS: number; count: number }[]): StaffingTimeline {
  const live = windows.filter((w) => w.toS > w.fromS && w.count > 0);
  if (live.length === 0) return { startS: 0, stepS: STEP_S, officers: [] };
  const startS = Math.floor(Math.min(...live.map((w) => w.fromS)) / STEP_S) * STEP_S;
  const endS = Math.ceil(Math.max(...live.map((w) => w.toS)) / STEP_S) * STEP_S;
  const officers = new Array<number>((endS - startS) / STEP_S).fill(0);
  for (const w of live) {
    const first = Math.floor((w.fromS - startS) / STEP_S);
    const last = Math.ceil((w.toS - startS) / STEP_S) - 1;
    for (let m = first; m <= last; m++) officers[m]! += w.count;
  }
  return { startS, stepS: STEP_S, officers };
}

export function peakOf(t: StaffingTimeline): Peak {
  let best = 0;
  let at: number | null = null;
  t.officers.forEach((c, m) => {
    if (c > best) {
      best = c;
      at = t.startS + m * t.stepS;
    }
  });
  return { count: best, atS: at };
}
