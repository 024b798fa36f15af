import type { OptionResult } from '../model/run-result.js';

/** What "in target" means wherever it is shown (terminal table, compare, report): one sentence for legends. */
export const WITHIN_TARGET_MEANING = 'share of the route within the response target of every responder type that has units (the lowest over those types)';

/**
 * The option's "in target": the lowest, over responder types with at least one unit, of the mean share
 * of route length within that type's response target (ResponseResult.withinTargetShare). Null when no
 * type has units or the option has no route. A type without units would say 0 % for a reason that is
 * the scenario's, not the route's, so it is left out.
 */
export function withinTarget(o: Pick<OptionResult, 'found' | 'response'>): number | null {
  if (!o.found) return null;
  const shares = o.response.filter((r) => r.units > 0).map((r) => r.withinTargetShare);
  return shares.length > 0 ? Math.min(...shares) : null;
}
