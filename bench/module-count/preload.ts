/**
 * Counts the JS modules a process loads, for bench/cold-start: `node --import <this file> main.js …`.
 * ES modules are seen by a load hook (module-count/hooks.ts, on the loader thread); CommonJS modules
 * required from CommonJS never reach that hook, so at exit the main thread adds require.cache. Each
 * module is written to stderr as one `MODULE-LOADED <path>` line; the bench takes the union. Only for
 * counting runs: the hook itself costs start-up time, so the timed runs go without it.
 */
import { writeSync } from 'node:fs';
import { createRequire, register } from 'node:module';

register('./hooks.js', import.meta.url);

const require = createRequire(import.meta.url);
process.on('exit', () => {
  for (const file of Object.keys(require.cache)) writeSync(2, `MODULE-LOADED ${file}\n`);
});
