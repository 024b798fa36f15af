/**
 * bench/audit-inputs — the closing tables of the reliability audit: every broken or hostile input the
 * tests know (test/support/audit-cases.ts, the fixture corpora) run as a real `motorcade` process, and
 * every fault (worker faults, Ctrl-C once and twice at each stage of a run, a kill during a --csv set
 * write and during a graph cache write), each classified.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/audit-inputs.js [--quick]
 *
 * Inputs: refused cleanly = exit 2, stderr bounded (under 100 kB, lines under 600 characters, no raw
 * control characters), no stack trace, naming the file or field (the case's expected message; for a
 * corpus file its name); refused unclearly = exit 2 otherwise; accepted = exit 0; crashed = another exit
 * code, a signal, a stack trace or "internal error"; hung = still running after the time-out.
 * Faults: survived = the run's contract held (same result after a worker fault; exit 130 and every output
 * marked partial, or none written, after Ctrl-C; the old or the new --csv set, complete, after a kill; a
 * usable cache after a killed cache write); data lost = an output left unmarked partial, corrupted or
 * mixed, or a result silently different. Exits 1 when anything crashed, hung or lost data.
 * `--quick` runs a subset (about a minute): the first cases of each list and the faults that need no
 * large day.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { recoverCsvSet, CSV_MANIFEST } from '../cli/csv-set.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { ChunkFailedError } from '../engine/run/chunk-failed-error.js';
import type { WorkerLimits } from '../engine/run/pool/sample-pool.js';
import { runMonteCarlo, type MonteCarloRun } from '../engine/run/run.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import {
  BROKEN_ONLY_ON_THE_TEST_GRAPH,
  CLI_CASES,
  CORPORA,
  corpusFiles,
  CSV_SET_KILL_STEPS,
  CSV_SET_NAMES,
  csvSetKillScript,
  FIXTURES,
  HOSTILE_CASES,
  makeCliWork,
  makeOutputPathFixture,
  OUTPUT_FILE_CASES,
  S,
  unmarkedPartial,
  workspace,
} from '../test/support/audit-cases.js';
import { faultyPool, type FaultInjection } from '../test/support/fault-injection.js';

const quick = process.argv.includes('--quick');
const MAIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
/** Per command: far above any refusal (a second or two), well below "hung". */
const TIMEOUT_MS = 60_000;
/** Commands at once: the machine has 2 cores. */
const PARALLEL = 2;
const CRASH = /internal error|^\s+at .*(\.js|\.ts):\d+|FATAL ERROR|Maximum call stack|Segmentation fault/m;

const started = new Date();
console.log(`bench/audit-inputs${quick ? ' --quick' : ''} — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);
if (!fs.existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: npx tsc -p tsconfig.json first');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-audit-'));
process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
const cache = path.join(root, 'cache');

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
  timeoutMs?: number;
  /** Called with each stderr chunk (the text so far) and the child: to send signals at a stage. */
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
}

function spawnNode(args: string[], opts: SpawnOptions = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: opts.cwd ?? PACKAGE_ROOT, env: { ...process.env, MOTORCADE_CACHE: cache, ...(opts.env ?? {}) }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? TIMEOUT_MS);
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      opts.onStderr?.(stderr, child);
    });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(opts.input ?? '');
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

const cliRun = (args: string[], opts: SpawnOptions = {}): Promise<Ran> => spawnNode([MAIN, ...args], opts);

/** At most PARALLEL of `jobs` at once, results in order. */
async function limited<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------- inputs
type InputOutcome = 'refused cleanly' | 'refused unclearly' | 'accepted' | 'crashed' | 'hung';
const INPUT_OUTCOMES: InputOutcome[] = ['refused cleanly', 'refused unclearly', 'accepted', 'crashed', 'hung'];

interface InputCase {
  group: string;
  name: string;
  run: () => Promise<Ran>;
  /** What stderr must say; or a text (a file name) it must contain. */
  expect: RegExp | string;
  never?: RegExp | undefined;
  /** Extra checks after the run (nothing on stdout, nothing overwritten): a reason, or null. */
  after?: (r: Ran) => string | null;
}

function classify(c: InputCase, r: Ran): { outcome: InputOutcome; why: string } {
  if (r.timedOut) return { outcome: 'hung', why: `still running after ${TIMEOUT_MS / 1000} s` };
  if (r.signal) return { outcome: 'crashed', why: `killed by ${r.signal}` };
  if (CRASH.test(r.stderr)) return { outcome: 'crashed', why: `stderr: ${r.stderr.slice(0, 300)}` };
  if (r.code === 0) return { outcome: 'accepted', why: 'exit 0' };
  if (r.code !== 2) return { outcome: 'crashed', why: `exit ${r.code}: ${r.stderr.slice(0, 300)}` };
  const problems: string[] = [];
  if (typeof c.expect === 'string' ? !r.stderr.includes(c.expect) : !c.expect.test(r.stderr)) problems.push(`stderr does not say ${String(c.expect)}`);
  if (r.stderr.length >= 100_000) problems.push(`${r.stderr.length} characters of stderr`);
  if (r.stderr.split('\n').some((l) => l.length >= 600)) problems.push('a stderr line of 600 characters or more');
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(r.stderr)) problems.push('a raw control character on stderr');
  if (c.never?.test(r.stderr)) problems.push(`stderr shows ${String(c.never)}`);
  const after = c.after?.(r);
  if (after) problems.push(after);
  return problems.length ? { outcome: 'refused unclearly', why: problems.join('; ') } : { outcome: 'refused cleanly', why: '' };
}

function digestOf(dir: string): string {
  const h = createHash('sha256');
  for (const f of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const p = path.join(dir, f);
    const st = fs.lstatSync(p);
    if (st.isFile()) h.update(f).update(fs.readFileSync(p));
  }
  return h.digest('hex');
}

const take = <T>(list: readonly T[], n: number): readonly T[] => (quick ? list.slice(0, n) : list);

function inputCases(): InputCase[] {
  const cases: InputCase[] = [];
  // Hostile inputs, built in one scratch folder in list order (some cases use what an earlier one wrote).
  const hostile = path.join(root, 'hostile');
  fs.mkdirSync(hostile);
  const ws = workspace(hostile);
  for (const c of take(HOSTILE_CASES, 12)) {
    const args = c.setup(ws);
    cases.push({ group: 'hostile inputs (files that are not files, encodings, sizes, escapes, secrets)', name: c.name, run: () => cliRun(args, { cwd: hostile, ...(c.env ? { env: c.env } : {}), ...(c.input !== undefined ? { input: c.input } : {}) }), expect: c.expect, never: c.never });
  }
  // Broken command lines in a copy of the fixtures: nothing printed, nothing in the folder changed.
  const work = path.join(root, 'cli-work');
  fs.mkdirSync(work);
  makeCliWork(work);
  const before = digestOf(work);
  for (const c of take(CLI_CASES, 8)) {
    cases.push({
      group: 'broken command lines (ids, outputs that are inputs, --avoid polygons)',
      name: c.name,
      run: () => cliRun(c.args, { cwd: work }),
      expect: c.message,
      after: (r) => (r.stdout !== '' ? 'printed on stdout' : digestOf(work) !== before ? 'changed a file of the work folder' : null),
    });
  }
  // File outputs that must be refused, through `run` (checked before the scenario is read).
  const outDir = path.join(root, 'output-paths');
  fs.mkdirSync(outDir);
  const fixture = makeOutputPathFixture(outDir);
  for (const c of OUTPUT_FILE_CASES) {
    cases.push({ group: 'output paths (an input by any name, a folder, a device, a missing folder)', name: `run --geojson ${c.what}`, run: () => cliRun(['run', fixture.scenario, '--geojson', c.path(fixture)], { cwd: outDir }), expect: c.message });
  }
  for (const corpus of CORPORA) {
    for (const f of take(corpusFiles(corpus.dir).filter((x) => !BROKEN_ONLY_ON_THE_TEST_GRAPH[x]), 10)) {
      cases.push({ group: `corpus ${path.relative(FIXTURES, corpus.dir)} (motorcade ${corpus.command})`, name: f, run: () => cliRun([corpus.command, path.join(corpus.dir, f)]), expect: f });
    }
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------- faults
interface FaultCase {
  group: string;
  name: string;
  /** survived, or why not; lost: an output unmarked, corrupted or mixed, or a result silently different. */
  run: () => Promise<{ survived: boolean; lost: boolean; why: string }>;
}

const ok = { survived: true, lost: false, why: '' };
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

function workerFaults(): FaultCase[] {
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
  return quick ? list.filter((c) => !/hang/.test(c.name)) : list;
}

/** A generated day: `movements` movements on Phnom Penh, a fastest and a safest option each. */
function largeDay(file: string, movements: number): string {
  const delegations = 60;
  const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const lines = [
    'name: a large day',
    'date: 2022-11-10',
    'places:',
    '  hotel: { landmark: raffles_le_royal, kind: hotel }',
    '  venue: { landmark: sokha_hotel, kind: venue }',
    'escort_profiles:',
    '  vip: { outriders: 2, speed_cap: 60 km/h }',
    'delegations:',
    ...Array.from({ length: delegations }, (_, d) => `  d${d}: { size: 4, vehicles: { count: 2 }, escort: vip }`),
    'movements:',
    ...Array.from({ length: movements }, (_, i) => {
      const [from, to] = i % 2 === 0 ? ['hotel', 'venue'] : ['venue', 'hotel'];
      return `  m${i}: { delegation: d${i % delegations}, from: ${from}, to: ${to}, departure: "${hhmm(360 + Math.floor(i / delegations) * 15)}", options: { primary: { route: fastest, label: primary }, safer: { route: safest, max_delay: 4 min, label: alternate } } }`;
    }),
    '',
  ];
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/**
 * `motorcade run SCENARIO --json --csv --geojson`, Ctrl-C when stderr matches `at` (and again when the
 * first one is acknowledged, for `times` 2). Survived: exit 130 (or 0 if the run ended first, unmarked
 * and complete), and every output that exists whole and marked as the --json (or the exit code) says.
 */
function sigintCase(stage: string, times: 1 | 2, scenario: () => string, args: string[], at: RegExp): FaultCase {
  return {
    group: 'Ctrl-C during a run (--json, --csv, --geojson)',
    name: `${times === 1 ? 'once' : 'twice'} while ${stage}`,
    run: async () => {
      const dir = fs.mkdtempSync(path.join(root, 'sigint-'));
      const csvDir = path.join(dir, 'csv');
      const geojson = path.join(dir, 'routes.geojson');
      let sent = 0;
      const r = await cliRun(['run', scenario(), '--json', '--csv', csvDir, '--geojson', geojson, ...args], {
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

function sigintCases(): FaultCase[] {
  let large: string | undefined;
  let medium: string | undefined;
  const largeDayFile = () => (large ??= largeDay(path.join(root, 'large-day.yaml'), 1000));
  const mediumDayFile = () => (medium ??= largeDay(path.join(root, 'medium-day.yaml'), 150));
  const arrivals = () => path.join(PACKAGE_ROOT, 'scenarios', 'asean-2022-arrivals.yaml');
  const list: FaultCase[] = [];
  for (const times of [1, 2] as const) {
    list.push(sigintCase('preparing (1,000 movements)', times, largeDayFile, [], /^preparing: /m));
    list.push(sigintCase('sampling (100,000 samples on 2 workers)', times, arrivals, ['--samples', '100000', '--workers', '2'], /^progress: [1-9]\d*\//m));
    list.push(sigintCase('analysing (150 movements)', times, mediumDayFile, ['--samples', '2'], /^stage: analysing$/m));
  }
  return quick ? list.filter((c) => !/analysing/.test(c.name)) : list;
}

function csvSetKills(): FaultCase[] {
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
      const dir = path.join(fs.mkdtempSync(path.join(root, 'csvkill-')), 'out');
      await spawnNode(['--input-type=module', '-e', csvSetKillScript(dir, 'old', 0)]);
      await spawnNode(['--input-type=module', '-e', csvSetKillScript(dir, 'new', i + 1)]);
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

function cacheWriteKills(): FaultCase[] {
  const source = path.join(FIXTURES, 'scenario-graph', 'grid-roads.geojson');
  const info = (cacheDir: string) => cliRun(['graph', 'info', '--source', source], { env: { MOTORCADE_CACHE: cacheDir } });
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
      reference ??= info(path.join(root, 'cache-reference')).then((r) => facts(r.stdout));
      const cacheDir = fs.mkdtempSync(path.join(root, 'cachekill-'));
      const killed = await spawnNode(['--input-type=module', '-e', script(cacheDir, i + 1)], { env: { MOTORCADE_CACHE: cacheDir } });
      const next = await info(cacheDir);
      const again = await info(cacheDir);
      if (next.code !== 0 || again.code !== 0) return { survived: false, lost: true, why: `graph info after the kill: exit ${next.code}/${again.code}: ${next.stderr.slice(0, 300)}` };
      if (facts(next.stdout) !== (await reference) || facts(again.stdout) !== (await reference)) return { survived: false, lost: true, why: 'a different graph after the kill' };
      return { ...ok, why: `${killed.signal === 'SIGKILL' ? 'killed' : `not killed (exit ${killed.code})`}; then ${/loaded from cache/.test(next.stdout) ? 'loaded from cache' : 'rebuilt'}, then ${/loaded from cache/.test(again.stdout) ? 'loaded from cache' : 'rebuilt'}` };
    },
  }));
}

// ---------------------------------------------------------------------------------------------- run
// Warm the scratch cache once (the Phnom Penh graph), so that the cases do not each build it.
await cliRun(['graph', 'info'], { timeoutMs: 300_000 });

const inputs = inputCases();
const ran = await limited(inputs.map((c) => () => c.run()));
const judged = inputs.map((c, i) => ({ ...c, ...classify(c, ran[i]!) }));

// Faults one at a time: several of them time a stage or fill the machine's cores.
const faults = [...workerFaults(), ...sigintCases(), ...csvSetKills(), ...cacheWriteKills()];
const faultResults: { group: string; name: string; survived: boolean; lost: boolean; why: string }[] = [];
for (const f of faults) faultResults.push({ group: f.group, name: f.name, ...(await f.run()) });

const inputGroups = [...new Set(judged.map((j) => j.group))];
console.log('\n| inputs | tried | refused cleanly | refused unclearly | accepted | crashed | hung |\n|---|---|---|---|---|---|---|');
const countRow = (label: string, rows: typeof judged) => console.log(`| ${label} | ${rows.length} | ${INPUT_OUTCOMES.map((o) => rows.filter((r) => r.outcome === o).length).join(' | ')} |`);
for (const g of inputGroups) countRow(g, judged.filter((j) => j.group === g));
countRow('**all**', judged);

const faultGroups = [...new Set(faultResults.map((f) => f.group))];
console.log('\n| faults | tried | survived | data lost |\n|---|---|---|---|');
const faultRow = (label: string, rows: typeof faultResults) => console.log(`| ${label} | ${rows.length} | ${rows.filter((r) => r.survived).length} | ${rows.filter((r) => r.lost).length} |`);
for (const g of faultGroups) faultRow(g, faultResults.filter((f) => f.group === g));
faultRow('**all**', faultResults);

for (const [f, why] of Object.entries(BROKEN_ONLY_ON_THE_TEST_GRAPH)) console.log(`(not counted: ${f}, broken only on the corpus test's graph: ${why})`);
const notClean = judged.filter((j) => j.outcome !== 'refused cleanly');
const notSurvived = faultResults.filter((f) => !f.survived);
if (notClean.length || notSurvived.length) console.log('');
for (const j of notClean) console.log(`- input ${j.outcome}: ${j.group}: ${j.name}: ${j.why}`);
for (const f of notSurvived) console.log(`- fault ${f.lost ? 'lost data' : 'not survived'}: ${f.group}: ${f.name}: ${f.why}`);
for (const f of faultResults.filter((x) => x.survived && x.why)) console.log(`  - ${f.name}: ${f.why}`);

const failed = judged.some((j) => j.outcome === 'crashed' || j.outcome === 'hung') || faultResults.some((f) => f.lost);
console.log(`\n${failed ? 'FAILED: something crashed, hung or lost data' : 'nothing crashed, hung or lost data'} (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)`);
process.exitCode = failed ? 1 : 0;
