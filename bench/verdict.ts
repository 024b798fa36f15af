/**
 * How a bench ends. A result that disagrees with its reference (a cost difference above tolerance, a
 * checksum mismatch, "results identical: NO") is a failure: the bench prints `DISAGREE …` and exits 1. A
 * target it does not reach is a finding, not a failure: it prints `MISS …` (or `MET …`) and still exits 0.
 */
export class Verdict {
  private readonly disagreements: string[] = [];
  private readonly lines: string[] = [];

  /** Record an agreement check; `detail` says what was compared and by how much it differed. */
  agree(what: string, ok: boolean, detail: string): boolean {
    const line = `${ok ? 'AGREE' : 'DISAGREE'} ${what}: ${detail}`;
    console.log(line);
    this.lines.push(line);
    if (!ok) this.disagreements.push(what);
    return ok;
  }

  /** Largest relative difference between ours and a reference within `tol`. */
  agreeWithin(what: string, maxRelDiff: number, tol = 1e-9): boolean {
    return this.agree(what, maxRelDiff <= tol, `largest relative difference ${maxRelDiff.toExponential(2)} (tolerance ${tol.toExponential(0)})`);
  }

  /** A performance target: `value` against `target`, met when value ≥ target (or ≤ with 'at most'). */
  target(what: string, value: number, target: number, sense: 'at least' | 'at most', unit = '×'): boolean {
    const met = sense === 'at least' ? value >= target : value <= target;
    const line = `${met ? 'MET' : 'MISS'} ${what}: ${value.toFixed(2)}${unit} (target ${sense} ${target}${unit})`;
    console.log(line);
    this.lines.push(line);
    return met;
  }

  /** Every AGREE / DISAGREE / MET / MISS line so far, for the results file. */
  summary(): string[] {
    return [...this.lines];
  }

  /** Set the exit code: 1 when any result disagreed with its reference. */
  finish(): void {
    if (this.disagreements.length > 0) {
      console.log(`FAILED: results disagree with the reference (${this.disagreements.join('; ')})`);
      process.exitCode = 1;
    }
  }
}

/** |a − b| relative to the larger magnitude; 0 when equal (Infinity === Infinity included). */
export function relDiff(a: number, b: number): number {
  if (a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  return Math.abs(a - b) / Math.max(1e-12, Math.abs(a), Math.abs(b));
}
