import type { DeploymentRules } from '../../model/deployment-rules.js';

/** What deployment planning reads beside the prepared run: the scenario's rules and each movement's outriders. */
export interface DeploymentInput {
  rules: DeploymentRules;
  /** Outrider motorcycles of each movement's escort, in plan order. */
  outriders: readonly number[];
  /** Option index per movement driven on the day (conflicts and day totals); undefined (or no list): its first primary option with a route, else its first with a route. */
  chosen?: readonly (number | undefined)[];
}
