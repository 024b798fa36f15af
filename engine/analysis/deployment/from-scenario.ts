import type { RunPlan } from '../../model/run-plan.js';
import { lookupId } from '../../scenario/id-record.js';
import type { Scenario } from '../../scenario/model.js';
import type { DeploymentInput } from './deployment-input.js';

/** The deployment input of a scenario: its `deployment` rules and each movement's escort outriders (0 without an escort profile). */
export function deploymentInputFromScenario(scenario: Scenario, plan: RunPlan): DeploymentInput {
  const outriders = plan.movements.map((pm) => {
    const mv = scenario.movements.find((m) => m.id === pm.id);
    const del = mv ? lookupId(scenario.delegations, mv.delegation) : undefined;
    const prof = del ? lookupId(scenario.escortProfiles, del.escort) : undefined;
    return prof?.outriders ?? 0;
  });
  return { rules: scenario.deployment, outriders };
}
