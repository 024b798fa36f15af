/**
 * The faults of the reliability audit (bench/audit-inputs.ts), each a case that says whether the run's
 * contract held: worker faults (the same result after a retry on a fresh worker), Ctrl-C once and twice at
 * each stage of a run (exit 130, every output marked partial or none written), SIGKILL at each step of a
 * --csv set write (the old or the new set, whole) and of a graph cache write (a usable cache after).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { recoverCsvSet, CSV_MANIFEST } from '../cli/csv-set.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { ChunkFailedError } from '../engine/run/chunk-failed-error.js';
import type { WorkerLimits } from '../engine/run/pool/sample-pool.js';
import { runMonteCarlo, type MonteCarloRun } from '../engine/run/run.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { CSV_SET_KILL_STEPS, CSV_SET_NAMES, csvSetKillScript, FIXTURES, unmarkedPartial } from '../test/support/audit-cases.js';
import { faultyPool, type FaultInjection } from '../test/support/fault-injection.js';
import { largeDayYaml } from '../test/support/large-day.js';
import { CRASH, sha, type AuditRun } from './audit-process.js';

export interface FaultCase {
  group: string;
  name: string;
  /** survived, or why not; lost: an output unmarked, corrupted or mixed, or a result silently different. */
  run: () => Promise<{ survived: boolean; lost: boolean; why: string }>;
}

const ok = { survived: true, lost: false, why: '' };

function workerFaults(a: AuditRun): FaultCase[] {
  const SAMPLES = 8;
  let clean: Promise<{ hash: string; run: (fault: FaultInjection, limits?: WorkerLimits) => Promise<MonteCarloRun> }> | undefined;
  const setup = () =>
    (clean ??= (async () => {
      const { graph } = await loadGraph();
      const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', 'asean-2022-arrivals.yaml'));
      const hash = sha(JSON.stringify((await runMonteCarlo(graph, scenario, { samples: SAMPLES, workers: 0 })).result));
      // mainThreadHelps false: every chunk goes to a worker, so each fault really happens in one.
      const run = async (fault: FaultInjection, limits?: WorkerLimits): Promise<MonteCarloRun> => {
        const pool = faultyPool(graph, 2, fault, limits);
        try {
          return await runMonteCarlo(graph, scenario, { samples: SAMPLES, chunkSize: 4, mainThreadHelps: false, pool });
        } finally {
          await pool.destroy();
        }
      };
      return { hash, run };
    })());
  const once = (name: string, fault: FaultInjection, limits?: WorkerLimits): FaultCase => ({
    group: 'worker faults (retried once on a fresh worker)',
    name,
    run: async () => {
      const { hash, run } = await setup();
      try {
        const r = await run(fault, limits);
        const same = sha(JSON.stringify(r.result)) === hash;
        if (same && !r.partial) return ok;
        return { survived: false, lost: !same && !r.partial, why: same ? 'marked partial' : 'a result different from the clean run' };
      } catch (err) {
        return { survived: false, lost: false, why: `failed: ${(err as Error).message}` };
      }
    },
  });
  const twice = (name: string, fault: FaultInjection, limits?: WorkerLimits): FaultCase => ({
    group: 'worker faults (retried once on a fresh worker)',
    name,
    run: async () => {
      const { run } = await setup();
      try {
        await run(fault, limits);
        return { survived: false, lost: true, why: 'a chunk that failed twice ended in a result' };
      } catch (err) {
        if (!(err instanceof ChunkFailedError)) return { survived: false, lost: false, why: `not a ChunkFailedError: ${(err as Error).message}` };
        const partial = (err as ChunkFailedError<MonteCarloRun>).partial;
        return partial?.result.partial === true ? ok : { survived: false, lost: true, why: 'the partial result is not marked partial' };
      }
    },
  });
  const list = [
    once('a worker dies mid-chunk (after writing half its rows)', { chunkIndex: 1, mode: 'exit', attempts: [0], at: 'mid' }),
    once('a worker dies before its first sample', { chunkIndex: 0, mode: 'exit', attempts: [0] }),
    once('a worker throws from a chunk', { chunkIndex: 2, mode: 'throw', attempts: [0], at: 'mid' }),
    once('a worker runs out of memory (its own heap limit)', { chunkIndex: 0, mode: 'oom', attempts: [0] }, { workerHeapMb: 256 }),
    once('a worker hangs (the chunk timeout ends it)', { chunkIndex: 2, mode: 'hang', attempts: [0], at: 'mid' }, { chunkTimeoutMs: 8_000 }),
    twice('a chunk whose worker dies on the retry too', { chunkIndex: 1, mode: 'exit', attempts: [0, 1] }),
    twice('a chunk that hangs on the retry too', { chunkIndex: 1, mode: 'hang', attempts: [0, 1] }, { chunkTimeoutMs: 3_000 }),
  ];
  return a.quick ? list.filter((c) => !/hang/.test(c.name)) : list;
}

/** A generated day (test/support/large-day.ts) written to `file`. */
function largeDay(file: string, movements: number): string {
  fs.writeFileSync(file, largeDayYaml(movements));
  return file;
}

/**
 * `motorcade run SCENARIO --json --csv --geojson`, Ctrl-C when stderr matches `at` (and again when the
 * first one is acknowledged, for `times` 2). Survived: exit 130 (or 0 if the run ended first, unmarked
 * and complete), and every output that exists whole and marked as the --json (or the exit code) says.
 */
function sigintCase(a: AuditRun, stage: string, times: 1 | 2, scenario: () => string, args: string[], at: RegExp): FaultCase {
  return {
    group: 'Ctrl-C during a run (--json, --csv, --geojson)',
    name: `${times === 1 ? 'once' : 'twice'} while ${stage}`,
    run: async () => {
      const dir = fs.mkdtempSync(path.join(a.root, 'sigint-'));
      const csvDir = path.join(dir, 'csv');
      const geojson = path.join(dir, 'routes.geojson');
      let sent = 0;
      const r = await a.cliRun(['run', scenario(), '--json', '--csv', csvDir, '--geojson', geojson, ...args], {
        cwd: dir,
        env: { MOTORCADE_PROGRESS: 'lines' },
        timeoutMs: 240_000,
        onStderr: (text, child) => {
          if (sent === 0 && at.test(text)) {
            sent = 1;
            child.kill('SIGINT');
          } else if (sent === 1 && times === 2 && /motorcade: interrupted: /.test(text)) {
            sent = 2;
            child.kill('SIGINT');
          }
        },
      });
      if (r.timedOut) return { survived: false, lost: false, why: 'hung' };
      if (sent === 0) return { survived: false, lost: false, why: `never reached the stage (exit ${r.code}): ${r.stderr.slice(-300)}` };
      const outputs = { json: r.stdout.trim() === '' ? undefined : r.stdout, csvDir: fs.existsSync(csvDir) ? csvDir : undefined, geojson: fs.existsSync(geojson) ? fs.readFileSync(geojson, 'utf8') : undefined };
      let partial = r.code === 130;
      if (outputs.json !== undefined) {
        try {
          partial = (JSON.parse(outputs.json) as { partial?: boolean }).partial === true;
        } catch {
          // unmarkedPartial reports it
        }
      }
      const bad = unmarkedPartial(outputs, partial);
      const written = [outputs.json && '--json', outputs.csvDir && '--csv', outputs.geojson && '--geojson'].filter(Boolean).join(', ') || 'nothing';
      if (bad.length) return { survived: false, lost: true, why: bad.join('; ') };
      if (r.code !== (partial ? 130 : 0)) return { survived: false, lost: false, why: `exit ${r.code} (partial ${partial}), wrote ${written}: ${r.stderr.slice(-300)}` };
      if (CRASH.test(r.stderr)) return { survived: false, lost: false, why: `stderr: ${r.stderr.slice(0, 300)}` };
      const signals = times === 1 ? '' : sent === 2 ? ', both Ctrl-C delivered' : ', the first Ctrl-C had ended it before the second';
      return { ...ok, why: `exit ${r.code}, wrote ${written}${signals}` };
    },
  };
}

function sigintCases(a: AuditRun): FaultCase[] {
  let large: string | undefined;
  let medium: string | undefined;
  const largeDayFile = () => (large ??= largeDay(path.join(a.root, 'large-day.yaml'), 1000));
  const mediumDayFile = () => (medium ??= largeDay(path.join(a.root, 'medium-day.yaml'), 150));
  const arrivals = () => path.join(PACKAGE_ROOT, 'scenarios', 'asean-2022-arrivals.yaml');
  const list: FaultCase[] = [];
  for (const times of [1, 2] as const) {
    list.push(sigintCase(a, 'preparing (1,000 movements)', times, largeDayFile, [], /^preparing: /m));
    list.push(sigintCase(a, 'sampling (100,000 samples on 2 workers)', times, arrivals, ['--samples', '100000', '--workers', '2'], /^progress: [1-9]\d*\//m));
    list.push(sigintCase(a, 'analysing (150 movements)', times, mediumDayFile, ['--samples', '2'], /^stage: analysing$/m));
  }
  return a.quick ? list.filter((c) => !/analysing/.test(c.name)) : list;
}

function csvSetKills(a: AuditRun): FaultCase[] {
  // The run id of the one complete set in dir, or why it is not one.
  const setIn = (dir: string): string => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, CSV_MANIFEST), 'utf8')) as { run_id: string; files: { name: string; sha256: string }[] };
    if (manifest.files.map((f) => f.name).join() !== CSV_SET_NAMES.join()) throw new Error('the manifest names other files');
    for (const f of manifest.files) {
      const text = fs.readFileSync(path.join(dir, f.name), 'utf8');
      if (sha(text) !== f.sha256 || !text.includes(`\n${manifest.run_id},`)) throw new Error(`${f.name} is not the manifest's run's`);
    }
    return manifest.run_id;
  };
  return Array.from({ length: CSV_SET_KILL_STEPS }, (_, i) => ({
    group: 'kill (SIGKILL) while a --csv set is written',
    name: `at step ${i + 1} of the write`,
    run: async () => {
      const dir = path.join(fs.mkdtempSync(path.join(a.root, 'csvkill-')), 'out');
      await a.spawnNode(['--input-type=module', '-e', csvSetKillScript(dir, 'old', 0)]);
      await a.spawnNode(['--input-type=module', '-e', csvSetKillScript(dir, 'new', i + 1)]);
      try {
        const absent = !fs.existsSync(dir);
        if (absent) recoverCsvSet(dir); // killed between the renames: the old set is beside it
        const run = setIn(dir);
        return run === 'old' || run === 'new' ? { ...ok, why: `the ${run} set${absent ? ' (put back from its .old sibling)' : ''}` } : { survived: false, lost: true, why: `set ${run}` };
      } catch (err) {
        return { survived: false, lost: true, why: (err as Error).message };
      }
    },
  }));
}

function cacheWriteKills(a: AuditRun): FaultCase[] {
  const source = path.join(FIXTURES, 'scenario-graph', 'grid-roads.geojson');
  const info = (cacheDir: string) => a.cliRun(['graph', 'info', '--source', source], { env: { MOTORCADE_CACHE: cacheDir } });
  const facts = (out: string) => out.split('\n').filter((l) => !/^(time|memory) /.test(l)).join('\n');
  const loadGraphUrl = pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'engine', 'import', 'load-graph.js')).href;
  // The cache write's steps: open the temporary file, write, fsync, rename over the cache file.
  const script = (cacheDir: string, killAt: number) => `
import fs from 'node:fs';
import { loadGraph } from '${loadGraphUrl}';
let step = 0;
const kill = () => { if (++step === ${killAt}) process.kill(process.pid, 'SIGKILL'); };
for (const name of ['openSync', 'renameSync']) {
  const real = fs[name];
  fs[name] = (p, ...rest) => { if (String(p).startsWith(${JSON.stringify(cacheDir)})) kill(); return real(p, ...rest); };
}
for (const name of ['writeSync', 'fsyncSync']) {
  const real = fs[name];
  fs[name] = (...args) => { kill(); return real(...args); };
}
await loadGraph({ source: ${JSON.stringify(source)} });
`;
  let reference: Promise<string> | undefined;
  return Array.from({ length: 4 }, (_, i) => ({
    group: 'kill (SIGKILL) while the graph cache is written',
    name: `at step ${i + 1} (${['temp file opened', 'bytes written', 'fsync', 'rename'][i]})`,
    run: async () => {
      reference ??= info(path.join(a.root, 'cache-reference')).then((r) => facts(r.stdout));
      const cacheDir = fs.mkdtempSync(path.join(a.root, 'cachekill-'));
      const killed = await a.spawnNode(['--input-type=module', '-e', script(cacheDir, i + 1)], { env: { MOTORCADE_CACHE: cacheDir } });
      const next = await info(cacheDir);
      const again = await info(cacheDir);
      if (next.code !== 0 || again.code !== 0) return { survived: false, lost: true, why: `graph info after the kill: exit ${next.code}/${again.code}: ${next.stderr.slice(0, 300)}` };
      if (facts(next.stdout) !== (await reference) || facts(again.stdout) !== (await reference)) return { survived: false, lost: true, why: 'a different graph after the kill' };
      return { ...ok, why: `${killed.signal === 'SIGKILL' ? 'killed' : `not killed (exit ${killed.code})`}; then ${/loaded from cache/.test(next.stdout) ? 'loaded from cache' : 'rebuilt'}, then ${/loaded from cache/.test(again.stdout) ? 'loaded from cache' : 'rebuilt'}` };
    },
  }));
}

/** Every fault of the audit, in the order they run (one at a time: several fill the machine's cores). */
export function faultCases(a: AuditRun): FaultCase[] {
  return [...workerFaults(a), ...sigintCases(a), ...csvSetKills(a), ...cacheWriteKills(a)];
}
