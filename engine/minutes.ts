/**
 * A duration in words, the one way every message writes it (the verdict, the playback events, the
 * report): decimal minutes with one decimal, "12.3 min". The report's page writes its numbers with
 * viz/client/format.js fmtMin, which follows the same rule (test/viz/report-html.test.ts compares them).
 */
export function fmtMin(s: number): string {
  return `${(s / 60).toFixed(1)} min`;
}
