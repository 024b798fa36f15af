import fs from 'node:fs';
import path from 'node:path';
import type { RoadGraph } from '../../graph/road-graph.js';
import { InputError, DataFileError } from '../../errors.js';
import type { Scenario } from '../../scenario/model.js';
import type { RunPlan } from '../../model/run-plan.js';
import { planFromScenario } from '../../scenario/scenario-adapter.js';
import { CheckContext } from '../../scenario/check-context.js';
import { formatProblem, sortProblems, type ScenarioProblem } from '../../scenario/problems.js';
import { SourceMap, type DocPath } from '../../scenario/source-map.js';
import { problemsFromIssues } from '../../scenario/zod-issues.js';
import { parseQuantity } from '../../scenario/units.js';
import { lookupId } from '../../scenario/id-record.js';
import { suggest } from '../../import/gazetteer.js';
import { sweepSchema, type SweepFile } from './sweep-schema.js';
import type { Dimension, DimensionValue, SweepPlan, SweepSpec } from './sweep-model.js';

/** A sweep file that does not validate: every problem, one per line, positioned (exit code 2). */
export class SweepError extends InputError {
  override name = 'SweepError';
  constructor(
    readonly file: string,
    readonly problems: ScenarioProblem[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in sweep\n` + sortProblems(problems).map(formatProblem).join('\n'));
  }
}

export interface LoadedSweep {
  spec: SweepSpec;
  graph: RoadGraph;
  scenario: Scenario;
  /** The base scenario's run plan: every variant derives from it. */
  basePlan: RunPlan;
}

/** Loads and validates the base scenario and its graph (the CLI passes its loadRunInputs). */
export type ScenarioInputsLoader = (scenarioFile: string) => Promise<{ graph: RoadGraph; scenario: Scenario }>;

/**
 * Read and validate a sweep file, then its base scenario, then check every id the sweep names against the
 * scenario (delegations, escort profiles, chokepoints, responders, movements, options). Throws SweepError
 * listing every problem with its line and column, or the scenario's own ScenarioError.
 */
export async function loadSweep(file: string, loadInputs: ScenarioInputsLoader): Promise<LoadedSweep> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = await fs.promises.readFile(abs, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new DataFileError(file, e.code === 'ENOENT' ? 'file not found' : `cannot read: ${e.message}`, { cause: err });
  }
  const src = SourceMap.parse(text);
  const ctx = new CheckContext(file, src);
  if (src.doc.errors.length) {
    for (const err of src.doc.errors) {
      const pos = err.linePos?.[0] ?? src.lineCol(err.pos[0]);
      ctx.problems.push({ file, line: pos.line, col: pos.col, path: '(syntax)', message: err.message.split('\n')[0]! });
    }
    throw new SweepError(file, ctx.problems);
  }
  const data: unknown = src.doc.toJS({ maxAliasCount: 1000 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    ctx.add([], 'a sweep file is a mapping with name, scenario and dimensions');
    throw new SweepError(file, ctx.problems);
  }
  const parsed = sweepSchema.safeParse(data);
  if (!parsed.success) throw new SweepError(file, problemsFromIssues(parsed.error.issues, sweepSchema, data, file, src));
  const raw = parsed.data;

  const scenarioFile = path.resolve(path.dirname(abs), raw.scenario);
  if (!fs.existsSync(scenarioFile)) {
    ctx.add(['scenario'], `base scenario not found: ${raw.scenario} (${scenarioFile})`);
    throw new SweepError(file, ctx.problems);
  }
  const { graph, scenario } = await loadInputs(scenarioFile);
  const basePlan = planFromScenario(scenario, graph);
  const spec = buildSpec(raw, abs, scenarioFile, scenario, basePlan, ctx);
  if (ctx.problems.length) throw new SweepError(file, ctx.problems);
  return { spec, graph, scenario, basePlan };
}

function buildSpec(raw: SweepFile, abs: string, scenarioFile: string, scenario: Scenario, plan: RunPlan, ctx: CheckContext): SweepSpec {
  const d = raw.dimensions;
  const dims: Dimension[] = [];
  const ref = (name: string, declared: string[], at: DocPath, what: string, atKey = false): boolean => {
    if (declared.includes(name)) return true;
    const hint = suggest(name, declared);
    ctx.add(at, `unknown ${what} '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}; the scenario has: ${declared.join(', ') || 'none'}`, atKey);
    return false;
  };

  if (d.departure_shift) {
    const secs = (s: string, at: DocPath): number => {
      const sign = /^\s*-/.test(s) ? -1 : 1;
      const p = parseQuantity('duration', s.replace(/^\s*[+-]/, ''));
      if (!p.ok) ctx.add(at, p.message);
      return p.ok ? sign * p.value : 0;
    };
    const at: DocPath = ['dimensions', 'departure_shift'];
    const values = Array.isArray(d.departure_shift)
      ? d.departure_shift.map((s, i) => secs(s, [...at, i]))
      : expandRange(secs(d.departure_shift.from, [...at, 'from']), secs(d.departure_shift.to, [...at, 'to']), secs(d.departure_shift.step, [...at, 'step']), at, ctx);
    dims.push({ key: 'departure_shift', values: unique(values).map((shiftS) => ({ kind: 'departure_shift', shiftS })) });
  }
  if (d.escort) {
    for (const [delegation, profiles] of Object.entries(d.escort)) {
      const at: DocPath = ['dimensions', 'escort', delegation];
      if (!ref(delegation, Object.keys(scenario.delegations), at, 'delegation', true)) continue;
      const values: DimensionValue[] = [];
      profiles.forEach((profile, i) => {
        const p = lookupId(scenario.escortProfiles, profile);
        if (!ref(profile, Object.keys(scenario.escortProfiles), [...at, i], 'escort profile') || !p) return;
        values.push({ kind: 'escort', delegation, profile, escort: { intersectionControl: p.intersectionControl, convoySpeedKmh: p.speedCapKmh, convoyLengthM: p.convoyLengthM } });
      });
      dims.push({ key: `escort.${delegation}`, values });
    }
  }
  for (const key of ['traffic_factor', 'threat_intensity'] as const) {
    const v = d[key];
    if (!v) continue;
    const values = Array.isArray(v) ? v : expandRange(v.from, v.to, v.step, ['dimensions', key], ctx);
    dims.push({ key, values: unique(values).map((factor) => ({ kind: key, factor })) });
  }
  if (d.closures) {
    const chokepoints = plan.chokepoints.map((c) => c.id);
    const values: DimensionValue[] = [];
    d.closures.forEach((c, i) => {
      const at: DocPath = ['dimensions', 'closures', i];
      if (c === 'none') values.push({ kind: 'closure', closure: null });
      else if (c === 'each_chokepoint') {
        if (!chokepoints.length) ctx.add(at, "'each_chokepoint': the scenario declares no chokepoints");
        for (const cp of plan.chokepoints) values.push({ kind: 'closure', closure: { label: cp.id, lon: cp.lon, lat: cp.lat, radiusM: cp.radiusM } });
      } else if ('chokepoint' in c) {
        const cp = plan.chokepoints.find((x) => x.id === c.chokepoint);
        if (ref(c.chokepoint, chokepoints, [...at, 'chokepoint'], 'chokepoint') && cp) values.push({ kind: 'closure', closure: { label: cp.id, lon: cp.lon, lat: cp.lat, radiusM: cp.radiusM } });
      } else {
        const r = parseQuantity('distance', c.area.radius);
        values.push({ kind: 'closure', closure: { label: c.label, lon: c.area.center[0], lat: c.area.center[1], radiusM: r.ok ? r.value : 0 } });
      }
    });
    const seen = new Set<string>();
    dims.push({ key: 'closure', values: values.filter((v) => v.kind === 'closure' && !seen.has(v.closure?.label ?? '') && seen.add(v.closure?.label ?? '')) });
  }
  if (d.responders) {
    const ids = plan.responders.map((r) => r.id);
    const values: DimensionValue[] = [];
    for (const [set, list] of Object.entries(d.responders)) {
      if (list === 'scenario') values.push({ kind: 'responders', set, ids: null });
      else {
        const ok = list.every((r, i) => ref(r, ids, ['dimensions', 'responders', set, i], 'responder'));
        if (ok) values.push({ kind: 'responders', set, ids: [...list] });
      }
    }
    dims.push({ key: 'responders', values });
  }

  const plans: SweepPlan[] = [];
  if (raw.plans) {
    for (const [id, choices] of Object.entries(raw.plans)) {
      const p: SweepPlan = { id, choices: [] };
      for (const [movementId, optionId] of Object.entries(choices)) {
        const at: DocPath = ['plans', id, movementId];
        const mi = plan.movements.findIndex((m) => m.id === movementId);
        if (!ref(movementId, plan.movements.map((m) => m.id), at, 'movement', true)) continue;
        const options = plan.movements[mi]!.options.map((o) => o.id);
        const oi = options.indexOf(optionId);
        if (!ref(optionId, options, at, `option of ${movementId}`)) continue;
        p.choices.push({ movementIndex: mi, optionIndex: oi, movementId, optionId });
      }
      if (Object.keys(choices).length === 0) ctx.add(['plans', id], 'a plan chooses an option for at least one movement');
      plans.push(p);
    }
  } else {
    plan.movements.forEach((mv, mi) => mv.options.forEach((o, oi) => plans.push({ id: `${mv.id}/${o.id}`, choices: [{ movementIndex: mi, optionIndex: oi, movementId: mv.id, optionId: o.id }] })));
  }

  const s = raw.sampling;
  const grid = dims.reduce((n, dim) => n * Math.max(1, dim.values.length), 1);
  if (s.method === 'grid' && grid > s.max_grid) ctx.add(['sampling'], `the grid has ${grid} variants, more than max_grid ${s.max_grid}: use method: latin_hypercube with variants: N, or raise max_grid`);
  if (s.method === 'latin_hypercube' && s.variants === undefined) ctx.add(['sampling'], 'latin_hypercube needs variants: N (how many variants to draw)');
  const p95 = raw.targets.p95_time !== undefined ? parseQuantity('duration', raw.targets.p95_time) : undefined;
  return {
    name: raw.name,
    file: abs,
    scenarioFile,
    samples: raw.samples ?? scenario.monteCarlo.samples,
    seed: String(raw.seed ?? scenario.monteCarlo.seed),
    shardSamples: raw.shard_samples ?? 100,
    dimensions: dims,
    plans,
    sampling: { method: s.method, variants: s.variants ?? null, seed: String(s.seed ?? raw.seed ?? scenario.monteCarlo.seed) },
    targets: { arrivedShare: raw.targets.arrived_share, p95TimeS: p95?.ok ? p95.value : null },
  };
}

/** from, from + step, … up to to (inclusive, within a millionth of a step); refuses a step that cannot get there. */
function expandRange(from: number, to: number, step: number, at: DocPath, ctx: CheckContext): number[] {
  if (!(step > 0) || to < from) {
    ctx.add(at, `a range needs from ≤ to and a positive step, got from ${from}, to ${to}, step ${step}`);
    return [from];
  }
  const n = Math.floor((to - from) / step + 1e-6);
  if (n > 1000) {
    ctx.add(at, `the range has ${n + 1} values, at most 1001`);
    return [from];
  }
  return Array.from({ length: n + 1 }, (_, i) => Math.round((from + i * step) * 1e9) / 1e9);
}

function unique(xs: number[]): number[] {
  return [...new Set(xs)];
}
