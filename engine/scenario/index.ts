/**
 * Scenarios: the planner's YAML (or JSON) file → a validated, normalised `Scenario` (model.ts).
 *
 *   const { scenario, problems } = await loadScenario('scenarios/summit-day.yaml', { graph });
 *   const scenario = await loadScenarioOrThrow(file, { graph });   // throws ScenarioError (exit 2)
 *   const plan = planFromScenario(scenario, graph);                 // the run's input (engine/model)
 */
export type * from './model.js';
export { type ScenarioProblem, ScenarioError, formatProblem, sortProblems } from './problems.js';
export { loadScenario, loadScenarioOrThrow, validateScenarioText, type LoadScenarioOptions } from './load.js';
export { formatTimeOfDay } from './units.js';
export { scenarioSchema } from './schema.js';
export { planFromScenario } from './scenario-adapter.js';
