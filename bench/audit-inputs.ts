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
 * large day. The processes: audit-process.ts; the faults: audit-faults.ts.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BROKEN_ONLY_ON_THE_TEST_GRAPH, CLI_CASES, CORPORA, corpusFiles, FIXTURES, HOSTILE_CASES, makeCliWork, makeOutputPathFixture, OUTPUT_FILE_CASES, workspace } from '../test/support/audit-cases.js';
import { faultCases } from './audit-faults.js';
import { AuditRun, CRASH, limited, MAIN, TIMEOUT_MS, type Ran } from './audit-process.js';

const audit = new AuditRun(process.argv.includes('--quick'));
const started = new Date();
console.log(`bench/audit-inputs${audit.quick ? ' --quick' : ''} — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);
if (!fs.existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: npx tsc -p tsconfig.json first');

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

function inputCases(): InputCase[] {
  const cases: InputCase[] = [];
  // Hostile inputs, built in one scratch folder in list order (some cases use what an earlier one wrote).
  const hostile = path.join(audit.root, 'hostile');
  fs.mkdirSync(hostile);
  const ws = workspace(hostile);
  for (const c of audit.take(HOSTILE_CASES, 12)) {
    const args = c.setup(ws);
    cases.push({ group: 'hostile inputs (files that are not files, encodings, sizes, escapes, secrets)', name: c.name, run: () => audit.cliRun(args, { cwd: hostile, ...(c.env ? { env: c.env } : {}), ...(c.input !== undefined ? { input: c.input } : {}) }), expect: c.expect, never: c.never });
  }
  // Broken command lines in a copy of the fixtures: nothing printed, nothing in the folder changed.
  const work = path.join(audit.root, 'cli-work');
  fs.mkdirSync(work);
  makeCliWork(work);
  const before = digestOf(work);
  for (const c of audit.take(CLI_CASES, 8)) {
    cases.push({
      group: 'broken command lines (ids, outputs that are inputs, --avoid polygons)',
      name: c.name,
      run: () => audit.cliRun(c.args, { cwd: work }),
      expect: c.message,
      after: (r) => (r.stdout !== '' ? 'printed on stdout' : digestOf(work) !== before ? 'changed a file of the work folder' : null),
    });
  }
  // File outputs that must be refused, through `run` (checked before the scenario is read).
  const outDir = path.join(audit.root, 'output-paths');
  fs.mkdirSync(outDir);
  const fixture = makeOutputPathFixture(outDir);
  for (const c of OUTPUT_FILE_CASES) {
    cases.push({ group: 'output paths (an input by any name, a folder, a device, a missing folder)', name: `run --geojson ${c.what}`, run: () => audit.cliRun(['run', fixture.scenario, '--geojson', c.path(fixture)], { cwd: outDir }), expect: c.message });
  }
  for (const corpus of CORPORA) {
    for (const f of audit.take(corpusFiles(corpus.dir).filter((x) => !BROKEN_ONLY_ON_THE_TEST_GRAPH[x]), 10)) {
      cases.push({ group: `corpus ${path.relative(FIXTURES, corpus.dir)} (motorcade ${corpus.command})`, name: f, run: () => audit.cliRun([corpus.command, path.join(corpus.dir, f)]), expect: f });
    }
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------- run
// Warm the scratch cache once (the Phnom Penh graph), so that the cases do not each build it.
await audit.cliRun(['graph', 'info'], { timeoutMs: 300_000 });

const inputs = inputCases();
const ran = await limited(inputs.map((c) => () => c.run()));
const judged = inputs.map((c, i) => ({ ...c, ...classify(c, ran[i]!) }));

// Faults one at a time: several of them time a stage or fill the machine's cores.
const faults = faultCases(audit);
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
