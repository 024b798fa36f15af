import type { Command } from 'commander';

/**
 * Every command by name, with the one-line summary shown by `motorcade --help` and a loader that imports
 * the command's module only when it runs: `--help` and a cached `route` then open a fraction of the
 * modules (the scenario schema, YAML and the worker pool are loaded by the commands that use them).
 * The summaries must match each command's own .description() (test/cli/main-cli.test.ts checks it).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'graph', summary: 'Road graph: import and repair, cache, inspect, export.', load: async () => (await import('./commands/graph.js')).registerGraph },
  { name: 'route', summary: 'Fastest route(s) between places on the road graph (PLACE = landmark id or name, or LON,LAT)', load: async () => (await import('./commands/route.js')).registerRoute },
  { name: 'validate', summary: 'check scenario files (YAML or JSON): every problem with file:line:col, field and message', load: async () => (await import('./commands/validate.js')).registerValidate },
  { name: 'run', summary: 'simulate every movement and route option of a scenario (Monte Carlo) and score time, exposure, response and evacuation', load: async () => (await import('./commands/run.js')).registerRun },
  { name: 'compare', summary: 'compare the route options of each movement side by side, with the differences that matter and a verdict', load: async () => (await import('./commands/compare.js')).registerCompare },
  { name: 'report', summary: 'run a scenario and write an offline HTML report (map, comparison table, distributions, playback); prints its path', load: async () => (await import('./commands/report.js')).registerReport },
  { name: 'start', summary: 'compare the route options of the bundled ASEAN 2022 arrival scenario (what `npm start` runs)', load: async () => (await import('./commands/start.js')).registerStart },
  { name: 'exercise', summary: 'run a live tabletop exercise: a local web console with the clock, injects and players\' decisions, journaled as it happens', load: async () => (await import('./commands/exercise.js')).registerExercise },
  { name: 'serve', summary: 'a local HTTP routing API over the graph: OSRM v1 route, table and nearest, plus isochrone and scenario runs', load: async () => (await import('./commands/serve.js')).registerServe },
  { name: 'deploy', summary: 'closure and manpower plan per movement option (junction posts, windows, officers, disruption) and the conflicts between movements, with departure shifts that remove them', load: async () => (await import('./commands/deploy.js')).registerDeploy },
  { name: 'sweep', summary: 'run a sweep file: vary departure, escort, traffic, threats, closures and responder posts over a base scenario, and rank its plans with paired confidence intervals', load: async () => (await import('./commands/sweep.js')).registerSweep },
  { name: 'place', summary: 'suggest responder posts that cover the routes best (greedy + swap over candidate sites), with team roles; writes the placed scenario', load: async () => (await import('./commands/place.js')).registerPlace },
  { name: 'worker', summary: 'take sweep shards from a Redis queue (BullMQ) and compute them, until stopped (Ctrl-C)', load: async () => (await import('./commands/worker.js')).registerWorker },
];
