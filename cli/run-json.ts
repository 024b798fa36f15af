import type { RunResult } from '../engine/model/run-result.js';
import type { ScenarioWarning } from './scenario-warnings.js';

/**
 * What `motorcade run --json` (and `serve`'s POST /scenario/run) prints: the run result, then the
 * scenario's warnings (landmarks far from a road, zones no option passes while they are active), each with
 * the path `validate` names. Always present, empty when there are none, so scripts can rely on the field.
 */
export function runJson(result: RunResult, warnings: readonly ScenarioWarning[]): RunResult & { warnings: ScenarioWarning[] } {
  return { ...result, warnings: [...warnings] };
}
