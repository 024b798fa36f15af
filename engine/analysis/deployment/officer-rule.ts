import type { DeploymentRules } from '../../model/deployment-rules.js';
import type { JunctionShape } from './junction-arms.js';

/** Officers to hold a junction: base + perArm × blocked arms, by the junction's kind (docs/deployment.md). */
export function officersFor(rules: DeploymentRules, shape: JunctionShape): number {
  const r = rules.officers[shape.kind];
  return r.base + r.perArm * shape.blockedArms;
}
