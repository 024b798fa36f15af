/**
 * bench/exercise-latency — the exercise console's answer times on the three-movement tabletop scenario.
 *
 *   npm run build && node dist/bench/exercise-latency.js [--quick]
 *
 * 1. Decision → new predicted route: a player's preview request (POST /api/decision, preview) over
 *    loopback HTTP to the real console server, for a seeded cycle of decisions (switch, reroute fastest /
 *    safest, hold, divert, return) on the three movements at different exercise times. Target: p95 under
 *    100 ms. Peer in the same run: the same prediction built the naive way, preparing the day from the
 *    plan again (route options, coverage tables and searches recomputed) instead of the session's shared
 *    ones.
 * 2. Server CPU per simulated minute at ×60: the clock plays at ×60 for a few seconds of wall time while
 *    one browser-like client reads the state stream (4 pushes a second), against the same seconds with
 *    nobody watching.
 * A sink keeps results alive; seeded, so every run asks the same questions.
 */
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { Bench } from 'tinybench';
import type { Decision, JournalInput } from '../engine/exercise/journal.js';
import { ExerciseSession } from '../engine/exercise/session.js';
import { effectivePlan } from '../engine/exercise/effective-plan.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { loadScenarioOrThrow } from '../engine/scenario/index.js';
import { planFromScenario } from '../engine/scenario/scenario-adapter.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import { ExerciseClock } from '../cli/exercise/clock.js';
import { buildConsoleServer, newToken } from '../cli/exercise/console-server.js';
import { latencyStats } from './latency-stats.js';

const quick = process.argv.includes('--quick');
const TARGET_P95_MS = 100;
let sink = 0;
const f = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(1));

console.log(`bench/exercise-latency — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}${quick ? ', --quick' : ''}`);
const { graph } = await loadGraph();
const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', 'tabletop-bridge-closure.yaml'), { graph });
const plan = planFromScenario(scenario, graph);
const T0 = scenario.startS ?? 8 * 3600;
// Questions start once every convoy has left (08:25) and stay before the first arrival after that.
const START_S = T0 + 26 * 60;
const session = new ExerciseSession(graph, plan, T0);
const clock = new ExerciseClock(START_S, 1);
const token = newToken();
const app = await buildConsoleServer({ session, clock, journal: null, token, scenarioName: scenario.name, water: [] });
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

const rng = seedrandom('exercise-latency');
const decisions: Decision[] = [{ kind: 'reroute', by: 'fastest' }, { kind: 'reroute', by: 'safest' }, { kind: 'hold', durationS: 600 }, { kind: 'divert', placeId: 'staging_wat_phnom' }, { kind: 'return' }, { kind: 'switch', optionId: 'hold' }];
const questions = Array.from({ length: 64 }, () => {
  const mi = 1 + Math.floor(rng() * 2); // b1 and c1 are still driving from 08:26 for half an hour
  const mv = plan.movements[mi]!;
  const d = decisions[Math.floor(rng() * decisions.length)]!;
  return { movementId: mv.id, decision: d.kind === 'switch' && !mv.options.some((o) => o.id === d.optionId) ? ({ kind: 'reroute', by: 'fastest' } as Decision) : d };
});
let q = 0;

const bench = new Bench({ time: quick ? 1500 : 6000, warmup: true, warmupIterations: 8, retainSamples: true });
// Each question a little later in the exercise (6 s of exercise time): the convoys move on, so most
// previews search from a junction no earlier preview searched from.
const STEP_S = 6;
/** b1 and c1 are both still driving for this long after START_S (b1 arrives at 08:54). */
const WINDOW_S = 25 * 60;
bench.add('decision preview over HTTP (session)', async () => {
  const x = questions[q++ % questions.length]!;
  clock.seek(START_S + ((q * STEP_S) % WINDOW_S));
  const r = await fetch(`${base}/api/decision?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...x, preview: true }) });
  const body = (await r.json()) as { preview?: { predictedArrivalS: number | null } };
  if (!r.ok) throw new Error(`preview refused: ${JSON.stringify(body)}`);
  sink += body.preview?.predictedArrivalS ?? 0;
});
bench.add('same prediction, day prepared again (peer)', () => {
  const x = questions[q++ % questions.length]!;
  const input: JournalInput = { type: 'decision', atS: clock.atS, who: 'player', movementId: x.movementId, decision: x.decision, note: '' };
  const world = new PreparedRun(graph, effectivePlan(plan, [{ ...input, seq: 1 } as never], session.places), { samples: 1 });
  const mi = plan.movements.findIndex((m) => m.id === x.movementId);
  sink += world.nominal(mi, 0)?.summary.timeS ?? 0;
});
await bench.run();
for (const t of bench.tasks) { const e = (t.result as { error?: unknown } | undefined)?.error; if (e) throw e; }
const ours = latencyStats(bench.tasks[0]);
const peer = latencyStats(bench.tasks[1]);
console.log('\n1. Decision → new predicted route (ms)');
console.log(`   session over HTTP: p50 ${f(ours.p50)}  p90 ${f(ours.p90)}  p99 ${f(ours.p99)}  (n ${ours.n})`);
console.log(`   prepared again   : p50 ${f(peer.p50)}  p90 ${f(peer.p90)}  p99 ${f(peer.p99)}  (n ${peer.n})`);
console.log(`   ratio (peer / session), p50: ${(peer.p50 / ours.p50).toFixed(1)}×`);
const p95 = quantile95(bench.tasks[0]);
console.log(`   p95 ${f(p95)} ms — ${p95 < TARGET_P95_MS ? 'target met' : 'MISS'}: target p95 < ${TARGET_P95_MS} ms`);

// 2. CPU per simulated minute at ×60.
const seconds = quick ? 3 : 8;
let watched = 0;
async function cpuFor(watch: boolean): Promise<number> {
  const controller = new AbortController();
  let bytes = 0;
  if (watch) {
    void fetch(`${base}/api/events?token=${token}`, { signal: controller.signal }).then(async (r) => {
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    }).catch(() => {});
  }
  clock.setSpeed(60);
  clock.play();
  const before = process.cpuUsage();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const used = process.cpuUsage(before);
  clock.pause();
  controller.abort();
  sink += bytes;
  return (used.user + used.system) / 1000;
}
// Idle before and after the watched run; the smaller is the baseline (the machine is shared).
const idleMs = Math.min(await cpuFor(false), await cpuFor(true).then(async (w) => ((watched = w), cpuFor(false))));
const watchedMs = watched;
const simulatedMin = (seconds * 60) / 60;
console.log(`\n2. Server CPU at ×60 over ${seconds} s wall (${simulatedMin} simulated minutes)`);
console.log(`   one client watching: ${f(watchedMs / simulatedMin)} ms CPU per simulated minute (${((watchedMs / (seconds * 1000)) * 100).toFixed(1)} % of one core)`);
console.log(`   nobody watching    : ${f(idleMs / simulatedMin)} ms CPU per simulated minute`);
await app.close();
console.log(`\nsink ${sink > 0 ? 'ok' : 'EMPTY'}`);

function quantile95(task: Bench['tasks'][number] | undefined): number {
  const r = task?.result as { latency?: { samples?: ArrayLike<number> } } | undefined;
  const s = Float64Array.from(r?.latency?.samples ?? []).sort();
  return s[Math.min(s.length - 1, Math.floor(0.95 * (s.length - 1) + 0.5))] ?? NaN;
}
