/**
 * motorcade library entry: every stage of the pipeline, end to end.
 *
 *   import { loadGraph, loadScenarioOrThrow, planFromScenario, run, Router } from 'motorcade';
 *   const { graph } = await loadGraph();                                   // the bundled Phnom Penh graph (or { source })
 *   const scenario = await loadScenarioOrThrow('summit.yaml', { graph });  // validated; throws ScenarioError naming each problem
 *   const plan = planFromScenario(scenario, graph);                        // the run's own input (RunPlan)
 *   const { result } = await run(graph, plan, { samples: 200, workers: 0 });
 *   const route = new Router(graph).fastest(from, to);
 *
 * Stage entries are also importable on their own: motorcade/graph, motorcade/model, motorcade/route,
 * motorcade/scenario, motorcade/run.
 */
export * from './graph/index.js';
export * from './errors.js';
export { importOsm, type OsmImportOptions, type OsmImportReport } from './import/osm/index.js';
export { loadCityGraph, CITY_GRAPHS, type CityGraphName } from './import/city-graph.js';
export * from './route/index.js';
export { loadGraph, type LoadGraphOptions, type LoadedGraph } from './import/load-graph.js';
export { importRoadGeoJson, phnomPenhInputs, DEFAULT_REPAIR_PARAMS, type RepairParams, type RepairReport, type GeoJsonImportInput } from './import/geojson/index.js';
// The scenario's own Chokepoint, Threat … types are in motorcade/scenario; the names here are the result's.
export { loadScenario, loadScenarioOrThrow, validateScenarioText, ScenarioError, formatProblem, sortProblems, scenarioSchema, formatTimeOfDay, type LoadScenarioOptions, type ScenarioProblem, type Scenario } from './scenario/index.js';
export * from './run/index.js';
