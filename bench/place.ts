/**
 * Responder placement (`motorcade place`): time and placements scored by greedy + swap local search, against
 * exhaustive search on the same precomputed coverage.
 *
 *   npm run build && nice -n 10 node dist/bench/place.js [--rounds N]
 *
 * 1. The bundled summit-day scenario, 20 candidate sites (its 7 posts, staging areas and hospitals, then
 *    junctions of a 4 × 4 grid over the routes), 6 police units (its 4 and 2 new): the whole `place` step
 *    (one-to-all searches per site and band, then the search from every start) and the search alone.
 * 2. A smaller case exhaustive search can finish: the first 10 of those sites, 4 units (10^4 placements):
 *    greedy + swap against exhaustive, time and placements scored, and the gap.
 * 3. Every bundled scenario, every responder type, default candidates: the gap to the exhaustive optimum
 *    where it is at most 200,000 placements, and how many of 1,000 seeded random placements greedy + swap
 *    matches or beats.
 * Checks (DISAGREE → exit 1): greedy + swap never scores better than exhaustive (it would mean a bug in
 * either); the placement as written scores what the nominal simulation reports for every route (within,
 * p95, max; relative difference ≤ 1e-9).
 * Writes bench/results/place.md.
 */
import os from 'node:os';
import path from 'node:path';
import { Bench } from 'tinybench';
import { candidateSites } from '../engine/analysis/placement/candidate-sites.js';
import { placementDemand } from '../engine/analysis/placement/demand.js';
import { better, PlacementEvaluator, type PlacementScore } from '../engine/analysis/placement/evaluator.js';
import { placeType } from '../engine/analysis/placement/place-type.js';
import { placementUnits } from '../engine/analysis/placement/placement-units.js';
import { exhaustive, multiStart } from '../engine/analysis/placement/search.js';
import { SiteTimes } from '../engine/analysis/placement/site-times.js';
import { writeFileAtomic } from '../engine/atomic-write.js';
import { loadGraph } from '../engine/import/load-graph.js';
import { RESPONDER_TYPES } from '../engine/model/run-result.js';
import { PACKAGE_ROOT } from '../engine/paths.js';
import { loadScenarioOrThrow, planFromScenario } from '../engine/scenario/index.js';
import { PreparedRun } from '../engine/sim/prepared-run.js';
import { latencyStats, type LatencyStats } from './latency-stats.js';
import { relDiff, Verdict } from './verdict.js';

const arg = (name: string, dflt: number): number => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : dflt;
};
const ROUNDS = arg('--rounds', 5);
const verdict = new Verdict();
let sink = 0;
const ms = (s: LatencyStats) => `${s.p50.toFixed(1)} / ${s.p90.toFixed(1)} / ${s.p99.toFixed(1)} ms`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const { graph } = await loadGraph({ city: 'phnom-penh' });
async function prepared(name: string) {
  const scenario = await loadScenarioOrThrow(path.join(PACKAGE_ROOT, 'scenarios', name), { graph });
  const ctx = new PreparedRun(graph, planFromScenario(scenario, graph));
  return { scenario, ctx, demand: placementDemand(ctx) };
}

const lines: string[] = [];
lines.push('# Responder placement: greedy + swap against exhaustive search', '');
lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores shared with other processes (load average ${os.loadavg()[0]!.toFixed(1)} at the start), node ${process.version}; tinybench, ${ROUNDS} iterations per task; times p50 / p90 / p99 (wall).`, '');

// 1. summit-day, 20 sites, 6 police units.
const summit = await prepared('summit-day.yaml');
const sites20 = candidateSites(summit.ctx, summit.scenario, summit.demand, { grid: 4 }).slice(0, 20);
const units6 = placementUnits(summit.ctx, 'police', 6);
const target = summit.ctx.responseTargetS[0]!;
const times20 = new SiteTimes(summit.ctx, summit.demand, sites20, units6);
const ev20 = new PlacementEvaluator(times20, summit.demand, target, 'within');
const all20 = sites20.map((_, i) => i);
let placeEvals = 0;
let searchEvals = 0;
const bench = new Bench({ iterations: ROUNDS, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
bench.add('place (site times + greedy + swap)', () => {
  const r = placeType(summit.ctx, summit.demand, sites20, 'police', units6, { objective: 'within' });
  placeEvals = r.evaluations;
  sink += r.after.withinShare;
});
bench.add('greedy + swap alone', () => {
  const r = multiStart(ev20, 6, all20);
  searchEvals = r.evaluations;
  sink += r.score.withinShare;
});
// 2. The smaller case: 10 sites, 4 units.
const sites10 = all20.slice(0, 10);
const units4 = placementUnits(summit.ctx, 'police', 4);
const ev10 = new PlacementEvaluator(new SiteTimes(summit.ctx, summit.demand, sites20, units4), summit.demand, target, 'within');
let small: { gs: PlacementScore; ex: PlacementScore; gsEvals: number; exEvals: number } | undefined;
bench.add('small case: greedy + swap (10 sites, 4 units)', () => {
  const r = multiStart(ev10, 4, sites10);
  small = { ...(small ?? { ex: r.score, exEvals: 0 }), gs: r.score, gsEvals: r.evaluations };
  sink += r.score.withinShare;
});
bench.add('small case: exhaustive (10^4 placements)', () => {
  const r = exhaustive(ev10, 4, sites10);
  small = { ...(small ?? { gs: r.score, gsEvals: 0 }), ex: r.score, exEvals: r.evaluations };
  sink += r.score.withinShare;
});
await bench.run();
const stat = (name: string) => latencyStats(bench.tasks.find((t) => t.name === name));
const place = stat('place (site times + greedy + swap)');
const search = stat('greedy + swap alone');
const gsSmall = stat('small case: greedy + swap (10 sites, 4 units)');
const exSmall = stat('small case: exhaustive (10^4 placements)');
lines.push('## summit-day: 20 candidate sites, 6 police units', '');
lines.push('| task | p50 / p90 / p99 | placements scored | one-to-all searches |', '|---|---|---|---|');
lines.push(`| place (site times + greedy + swap from every start) | ${ms(place)} | ${placeEvals} | ${times20.searches} |`);
lines.push(`| greedy + swap alone, every start (site times precomputed) | ${ms(search)} | ${searchEvals} | 0 |`);
lines.push('', `Exhaustive search of this case would score 20^6 = 64,000,000 placements (${Math.round(64e6 / searchEvals).toLocaleString('en-US')}× greedy + swap's).`, '');
lines.push('## Smaller case: the first 10 sites, 4 police units', '');
lines.push('| search | p50 / p90 / p99 | placements scored | within target |', '|---|---|---|---|');
lines.push(`| greedy + swap | ${ms(gsSmall)} | ${small!.gsEvals} | ${pct(small!.gs.withinShare)} |`);
lines.push(`| exhaustive | ${ms(exSmall)} | ${small!.exEvals} | ${pct(small!.ex.withinShare)} |`);
lines.push('', `Exhaustive / greedy + swap: ${(exSmall.p50 / gsSmall.p50).toFixed(1)}× the time (p50), ${(small!.exEvals / small!.gsEvals).toFixed(1)}× the placements; gap ${(100 * (small!.ex.withinShare - small!.gs.withinShare)).toFixed(2)} pp.`, '');
verdict.agree('small case: greedy + swap never better than exhaustive', !better(small!.gs, small!.ex), `greedy + swap ${pct(small!.gs.withinShare)}, exhaustive ${pct(small!.ex.withinShare)}`);

// 3. Every bundled scenario and responder type.
lines.push('## Bundled scenarios: gap to exhaustive and against 1,000 random placements (default candidates)', '');
lines.push('| scenario | type | units | sites | before | greedy + swap | exhaustive | gap | random best / median | random not better than greedy + swap |', '|---|---|---|---|---|---|---|---|---|---|');
for (const name of ['summit-day.yaml', 'asean-2022-arrivals.yaml', 'contingency-plans.yaml', 'tabletop-bridge-closure.yaml']) {
  const { scenario, ctx, demand } = name === 'summit-day.yaml' ? summit : await prepared(name);
  const sites = candidateSites(ctx, scenario, demand, {});
  for (const type of RESPONDER_TYPES) {
    const units = placementUnits(ctx, type);
    if (!units.length) continue;
    const feasible = sites.length ** units.length <= 200_000;
    const r = placeType(ctx, demand, sites, type, units, { objective: 'within', exhaustive: feasible, random: 1000, seed: 'bench' });
    const ex = r.exhaustive?.score;
    if (ex) verdict.agree(`${name} ${type}: greedy + swap never better than exhaustive`, !better(r.after, ex), `${pct(r.after.withinShare)} vs ${pct(ex.withinShare)}`);
    // Sums of drive + turnout differ from the multi-source search's in the last bits only.
    const diff = Math.max(...r.routes.map((c, i) => {
      const rt = demand.routes[i]!;
      const nominal = ctx.nominal(rt.movement, rt.option)!.summary.response[RESPONDER_TYPES.indexOf(type)]!;
      return Math.max(relDiff(nominal.withinShare, c.before.withinShare), relDiff(nominal.p95S, c.before.p95S), relDiff(nominal.maxS, c.before.maxS));
    }));
    verdict.agreeWithin(`${name} ${type}: placement as written scores as the nominal simulation (${r.routes.length} routes)`, diff);
    lines.push(`| ${name} | ${type} | ${units.length} | ${r.sites.length} | ${pct(r.before.withinShare)} | ${pct(r.after.withinShare)} | ${ex ? pct(ex.withinShare) : `infeasible (${r.sites.length}^${units.length})`} | ${ex ? `${(100 * (ex.withinShare - r.after.withinShare)).toFixed(2)} pp` : '–'} | ${pct(r.random!.best.withinShare)} / ${pct(r.random!.median.withinShare)} | ${r.random!.notBetter} of 1000 |`);
  }
}
lines.push('', '```', ...verdict.summary(), '```', '');
console.log(lines.join('\n'));
console.log(`sink ${sink.toFixed(3)}`);
writeFileAtomic(path.join(PACKAGE_ROOT, 'bench', 'results', 'place.md'), lines.join('\n'));
verdict.finish();
