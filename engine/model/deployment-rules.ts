/**
 * How a movement's route is secured, as the scenario's `deployment` section sets it (defaults and their
 * reasons in engine/scenario/schema.ts and docs/deployment.md). Seconds throughout.
 */
export interface OfficerRule {
  /** Officers at every held junction of this kind, whatever its arms (a supervisor at a major crossing). */
  base: number;
  /** Officers per blocked arm: every arm of the junction other than the convoy's way in and way out. */
  perArm: number;
}

export type JunctionRoadKind = 'major' | 'minor';

export interface DeploymentRules {
  /** major: any road meeting at the junction is of a major class; minor: all of them are minor. */
  officers: Record<JunctionRoadKind, OfficerRule>;
  /** Static control: every held junction closes this long before the movement departs. */
  staticCloseBeforeS: number;
  /** Rolling control: a junction closes this long before the lead car reaches it. */
  rollingCloseBeforeS: number;
  /** Two movements at one junction, road or crossing less than this apart are in conflict. */
  separationS: number;
  /** Suggested departure shifts are searched up to this far either way (beyond the departure window when it is too narrow). */
  maxShiftS: number;
}
