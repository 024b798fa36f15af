import type { PlacementResult } from '../engine/analysis/placement/placement.js';
import type { PlacementScore } from '../engine/analysis/placement/evaluator.js';
import type { TypePlacement } from '../engine/analysis/placement/place-type.js';

/** `motorcade place` output: the terminal text and the --json document. */

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const secs = (s: number) => (Number.isFinite(s) ? `${Math.round(s)} s` : 'unreachable');
const num = (s: number) => (Number.isFinite(s) ? Math.round(s * 100) / 100 : null);

function objectiveValue(p: TypePlacement, s: PlacementScore): string {
  return p.objective === 'within' ? pct(s.withinShare) : secs(s.worstP95S);
}

/** Gap to a reference score, in the objective's unit (percentage points of route, or seconds of worst p95). */
function gap(p: TypePlacement, ref: PlacementScore): string {
  return p.objective === 'within' ? `${(100 * (ref.withinShare - p.after.withinShare)).toFixed(1)} pp` : `${Math.round(p.after.worstP95S - ref.worstP95S)} s`;
}

export function placementText(file: string, r: PlacementResult, written?: string): string {
  const lines: string[] = [];
  const what = r.objective === 'within' ? 'share of route length within target' : 'worst p95 response time';
  lines.push(`Placement for ${file}: ${what}, ${r.sites.length} candidate sites, ${r.demandEdges} route edges (nominal drive of every movement × option)`);
  for (const p of r.types) {
    lines.push('');
    lines.push(`${p.type}: ${p.units.length} unit${p.units.length === 1 ? '' : 's'}, target ${p.targetS} s, ${p.sites.length} sites; covering ${p.focus}`);
    lines.push(`  within target ${pct(p.before.withinShare)} → ${pct(p.after.withinShare)}` + (p.objective === 'p95' ? `, worst p95 ${secs(p.before.worstP95S)} → ${secs(p.after.worstP95S)}` : '') + `  (${p.evaluations} placements scored, ${p.searches} one-to-all searches)`);
    if (p.exhaustive) lines.push(`  exhaustive optimum ${objectiveValue(p, p.exhaustive.score)} (${p.exhaustive.evaluations} placements): gap ${gap(p, p.exhaustive.score)}`);
    if (p.random) lines.push(`  ${p.random.count} random placements: best ${objectiveValue(p, p.random.best)}, median ${objectiveValue(p, p.random.median)}; greedy + swap is at least as good as ${p.random.notBetter} of ${p.random.count}`);
    for (const u of p.units) {
      const from = u.from >= 0 ? r.sites[u.from]!.label : 'new unit';
      lines.push(`  ${u.unit.id.padEnd(20)} ${u.from === u.to ? `stays at ${from}` : `${from} → ${r.sites[u.to]!.label}`}`);
    }
    lines.push(`  ${'movement'.padEnd(24)} ${'option'.padEnd(12)} within before → after   p95 before → after`);
    for (const c of p.routes) {
      lines.push(`  ${c.movementId.padEnd(24)} ${c.optionId.padEnd(12)} ${`${pct(c.before.withinShare)} → ${pct(c.after.withinShare)}`.padEnd(23)} ${secs(c.before.p95S)} → ${secs(c.after.p95S)}`);
    }
  }
  lines.push('');
  lines.push('Team roles');
  r.securityDetails.forEach((s, i) => lines.push(`  security detail ${i + 1}: ${s.reason} (score ${s.score})`));
  const roleName: Record<string, string> = { qrf: 'quick-reaction force', eod: 'EOD team', police: 'police', ambulance: 'ambulance' };
  for (const p of r.types) for (const why of p.reasons) lines.push(`  ${roleName[p.type]} ${why.text}`);
  if (written) lines.push('', `Wrote ${written}: \`motorcade run ${written}\` scores the placement.`);
  return lines.join('\n');
}

export function placementJson(file: string, r: PlacementResult, written?: string): unknown {
  const score = (s: PlacementScore) => ({ withinShare: num(s.withinShare), worstP95S: num(s.worstP95S), cappedMeanS: num(s.cappedMeanS) });
  return {
    scenario: file,
    objective: r.objective,
    ...(written ? { written } : {}),
    sites: r.sites,
    demandEdges: r.demandEdges,
    types: r.types.map((p) => ({
      type: p.type,
      targetS: p.targetS,
      focus: p.focus,
      sites: p.sites.map((s) => r.sites[s]!.id),
      before: score(p.before),
      after: score(p.after),
      evaluations: p.evaluations,
      searches: p.searches,
      ...(p.exhaustive ? { exhaustive: { ...score(p.exhaustive.score), evaluations: p.exhaustive.evaluations } } : {}),
      ...(p.random ? { random: { count: p.random.count, best: score(p.random.best), median: score(p.random.median), notBetter: p.random.notBetter } } : {}),
      units: p.units.map((u, i) => ({ id: u.unit.id, from: u.from >= 0 ? r.sites[u.from]!.id : null, to: r.sites[u.to]!.id, turnoutS: u.unit.turnoutS, count: u.unit.count, reason: p.reasons[i]!.text })),
      routes: p.routes.map((c) => ({ movement: c.movementId, option: c.optionId, before: stats(c.before), after: stats(c.after) })),
    })),
    securityDetails: r.securityDetails,
  };
}

function stats(s: { p50S: number; p95S: number; maxS: number; withinShare: number }) {
  return { withinShare: num(s.withinShare), p50S: num(s.p50S), p95S: num(s.p95S), maxS: num(s.maxS) };
}
