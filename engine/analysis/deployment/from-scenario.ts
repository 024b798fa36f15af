import type { RunPlan } from '../../model/run-plan.js';
import { lookupId } from '../../scenario/id-record.js';
import type { Scenario } from '../../scenario/model.js';
import type { DeploymentInput } from './deployment-input.js';

/** The deployment input of a scenario: its `deployment` rules, each movement's escort outriders (0 without an escort profile) and the options `deployment.drive` names. */
export function deploymentInputFromScenario(scenario: Scenario, plan: RunPlan): DeploymentInput {
  const outriders = plan.movements.map((pm) => {
    const mv = scenario.movements.find((m) => m.id === pm.id);
    const del = mv ? lookupId(scenario.delegations, mv.delegation) : undefined;
    const prof = del ? lookupId(scenario.escortProfiles, del.escort) : undefined;
    return prof?.outriders ?? 0;
  });
  const { drive, ...rules } = scenario.deployment;
  const chosen = plan.movements.map((pm) => {
    const d = drive.find((x) => x.movement === pm.id);
    const oi = d ? pm.options.findIndex((o) => o.id === d.option) : -1;
    return oi >= 0 ? oi : undefined;
  });
  return { rules, outriders, chosen };
}
