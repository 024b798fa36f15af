export { deploymentPlan, type DayDeployment, type DeploymentPlan, type MovementDeployment } from './deployment-plan.js';
export type { DeploymentInput } from './deployment-input.js';
export { deploymentInputFromScenario } from './from-scenario.js';
export type { JunctionPost, OptionDeployment, Disruption } from './option-deployment.js';
export type { Conflict, PairConflicts, SharedUse } from './conflicts.js';
export type { DepartureShift } from './departure-shift.js';
export type { StaffingTimeline, Peak } from './staffing-timeline.js';
export type { DayPlace, PlaceUse } from './day-places.js';
export type { OptionConflicts } from './option-conflicts.js';
