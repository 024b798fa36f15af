import type { ZoneWarning } from '../engine/analysis/zone-warnings.js';
import type { RunResult } from '../engine/model/run-result.js';

/**
 * What `motorcade run --json` (and `serve`'s POST /scenario/run) prints: the run result, then the
 * scenario's warnings (zones no option passes while they are active), each with the path `validate`
 * names. Always present, empty when there are none, so scripts can rely on the field.
 */
export function runJson(result: RunResult, warnings: readonly ZoneWarning[]): RunResult & { warnings: (ZoneWarning & { path: string })[] } {
  return { ...result, warnings: warnings.map((w) => ({ path: `threats.${w.zone}`, ...w })) };
}
