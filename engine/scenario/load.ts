import { quoteInput } from '../quote.js';
import fs from 'node:fs';
import path from 'node:path';
import type { RoadGraph } from '../graph/road-graph.js';
import type { Scenario } from './model.js';
import { DataFileError } from '../errors.js';
import { readInputText } from '../input-file.js';
import { limits, LIMIT_ENV } from '../limits.js';
import { findExcessNesting } from '../nesting-depth.js';
import { ScenarioError, sortProblems, type ScenarioProblem } from './problems.js';
import { loadGazetteer, type Landmark } from '../import/gazetteer.js';
import { phnomPenhDataDir } from '../paths.js';
import { CheckContext } from './check-context.js';
import { checkOnGraph } from './graph-checks.js';
import { normalise } from './normalise.js';
import { idRecord } from './id-record.js';
import { invalidIds, partialParse } from './partial.js';
import { PlaceResolver } from './places.js';
import { scenarioSchema } from './schema.js';
import { SourceMap } from './source-map.js';
import { describe } from './units.js';
import { problemsFromIssues } from './zod-issues.js';

export interface LoadScenarioOptions {
  /** When given, places are snapped to it and checked for distance and reachability. */
  graph?: RoadGraph;
  /** Phnom Penh data folder holding landmarks.json (default: phnomPenhDataDir()). */
  dataDir?: string;
}

/**
 * Read, validate and normalise a scenario file. Never throws for problems in the scenario: they are all
 * returned (sorted by position); `scenario` is only meaningful when `problems` is empty. Throws
 * DataFileError when the file cannot be read.
 */
export async function loadScenario(file: string, opts: LoadScenarioOptions = {}): Promise<{ scenario: Scenario; problems: ScenarioProblem[] }> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = readInputText(abs, 'scenario');
  } catch (err) {
    // Name the file as the user wrote it.
    if (err instanceof DataFileError) throw new DataFileError(file, err.message.slice(abs.length + 2), { cause: err });
    throw err;
  }
  const r = validateScenarioText(text, file, abs, opts);
  return { scenario: r.scenario, problems: capProblems(sortProblems(r.problems), file) };
}

/** loadScenario, throwing ScenarioError (an InputError, exit code 2) listing every problem. */
export async function loadScenarioOrThrow(file: string, opts: LoadScenarioOptions = {}): Promise<Scenario> {
  const { scenario, problems } = await loadScenario(file, opts);
  if (problems.length) throw new ScenarioError(file, problems);
  return scenario;
}

/** Validate scenario text; `displayName` is what problems print as the file, `abs` its absolute path. */
export function validateScenarioText(text: string, displayName: string, abs: string, opts: LoadScenarioOptions = {}): { scenario: Scenario; problems: ScenarioProblem[] } {
  const empty = emptyScenario(abs);
  const maxDepth = limits().nestingDepth;
  const deep = findExcessNesting(text, maxDepth);
  if (deep) {
    const message = `nesting ${deep.depth} levels deep, over the limit of ${maxDepth} (set ${LIMIT_ENV.nestingDepth} to raise it); a scenario nests a few levels`;
    return { scenario: empty, problems: [{ file: displayName, line: deep.line, col: deep.col, path: '(syntax)', message }] };
  }
  try {
    return validateParsed(text, displayName, abs, opts, empty);
  } catch (err) {
    // The depth pre-check keeps the parser's recursion bounded; this is the last guard, not the rule.
    if (!(err instanceof RangeError)) throw err;
    return { scenario: empty, problems: [{ file: displayName, line: 0, col: 0, path: '(syntax)', message: `the document nests too deeply to be read (${err.message})` }] };
  }
}

function validateParsed(text: string, displayName: string, abs: string, opts: LoadScenarioOptions, empty: Scenario): { scenario: Scenario; problems: ScenarioProblem[] } {
  const src = SourceMap.parse(text);
  const ctx = new CheckContext(displayName, src);
  if (src.doc.errors.length) {
    const seen = new Set<string>();
    for (const err of src.doc.errors) {
      const pos = err.linePos?.[0] ?? src.lineCol(err.pos[0]);
      // One message per position: the parser often explains one slip twice.
      if (seen.has(`${pos.line}:${pos.col}`)) continue;
      seen.add(`${pos.line}:${pos.col}`);
      let message = syntaxMessage(err.message);
      if (err.code === 'DUPLICATE_KEY') {
        const key = /^["']?([^"':\s]+)/.exec(text.slice(err.pos[0]))?.[1];
        message = `key ${quoteInput(key ?? '?')} is given twice in the same mapping (keys must be unique)`;
      }
      ctx.problems.push({ file: displayName, line: pos.line, col: pos.col, path: '(syntax)', message });
    }
    return { scenario: empty, problems: ctx.problems };
  }
  let data: unknown;
  try {
    // Aliases are fine (shared escort blocks), but not exponential expansion ("billion laughs").
    data = src.doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    ctx.add([], `the document cannot be expanded: ${err instanceof Error ? err.message : String(err)}`);
    return { scenario: empty, problems: ctx.problems };
  }
  if (data === null || data === undefined) {
    ctx.add([], 'the file is empty: a scenario is a mapping with name, date and movements');
    return { scenario: empty, problems: ctx.problems };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    ctx.add([], `a scenario is a mapping (name, date, movements …), got ${describe(data)}`);
    return { scenario: empty, problems: ctx.problems };
  }
  const crowded = oversizedCollection(data, limits().items);
  if (crowded) {
    ctx.add(crowded.path, `${crowded.count} entries, over the limit of ${limits().items} per list or mapping (set ${LIMIT_ENV.items} to raise it)`);
    return { scenario: empty, problems: ctx.problems };
  }
  const whole = scenarioSchema.safeParse(data);
  if (!whole.success) ctx.problems.push(...problemsFromIssues(whole.error.issues, scenarioSchema, data, displayName, src));
  const part = partialParse(data as Record<string, unknown>);
  for (const [section, id] of invalidIds(data as Record<string, unknown>)) ctx.add([section, id], `id '${id}' must start with a letter and hold only letters, digits, '_' or '-'`, true);
  const landmarks = gazetteer(opts.dataDir ?? phnomPenhDataDir());
  const places = new PlaceResolver(ctx, part.raw.places, part.declaredIds['places']!, landmarks);
  const scenario = normalise(part, ctx, places, abs);
  if (opts.graph) checkOnGraph(scenario, opts.graph, ctx, places.firstUse);
  return { scenario, problems: dedupe(ctx.problems) };
}

/** The first list or mapping (depth first) with more than `max` entries; depth is bounded by the pre-check. */
function oversizedCollection(value: unknown, max: number, at: (string | number)[] = []): { path: (string | number)[]; count: number } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value as Record<string, unknown>);
  if (entries.length > max) return { path: at, count: entries.length };
  for (const [k, v] of entries) {
    const found = oversizedCollection(v, max, [...at, k]);
    if (found) return found;
  }
  return undefined;
}

/** At most limits().problems problems; the rest are counted in one closing line. */
function capProblems(problems: ScenarioProblem[], file: string): ScenarioProblem[] {
  const max = limits().problems;
  if (problems.length <= max) return problems;
  const more = problems.length - max;
  const last = problems[max - 1]!;
  return [...problems.slice(0, max), { file, line: last.line, col: last.col, path: '(limit)', message: `${more} more problem${more === 1 ? '' : 's'} not shown (the first ${max} are listed; set ${LIMIT_ENV.problems} to see more)` }];
}

/** The gazetteer of a data folder, read once per change of landmarks.json (validate and tests load many files). */
const GAZETTEERS = new Map<string, { mtimeMs: number; landmarks: Landmark[] | Error }>();
function gazetteer(dataDir: string): Landmark[] | Error {
  let mtimeMs = -1;
  try {
    mtimeMs = fs.statSync(path.join(dataDir, 'landmarks.json')).mtimeMs;
  } catch {
    // Missing file: loadGazetteer below words the error.
  }
  const hit = GAZETTEERS.get(dataDir);
  if (hit && hit.mtimeMs === mtimeMs && mtimeMs >= 0) return hit.landmarks;
  let landmarks: Landmark[] | Error;
  try {
    landmarks = loadGazetteer(dataDir);
  } catch (err) {
    landmarks = err instanceof Error ? err : new Error(String(err));
  }
  GAZETTEERS.set(dataDir, { mtimeMs, landmarks });
  return landmarks;
}

/** The yaml library's messages end with a code excerpt; keep the first line. */
function syntaxMessage(m: string): string {
  return m.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Same position and message reported by two routes (whole parse and cross-check): keep one. */
function dedupe(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.line}:${p.col}:${p.path}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function emptyScenario(abs: string): Scenario {
  return {
    file: abs, name: '', description: '', date: '', timezone: 'Asia/Phnom_Penh', startS: null, graph: { kind: 'bundled', city: 'phnom-penh' },
    places: idRecord(), delegations: idRecord(), escortProfiles: idRecord(), movements: [], threats: [], chokepoints: [], responders: [],
    traffic: { bands: [], variationSigma: 0, incidentsPerHour: 0 }, injects: [], monteCarlo: { samples: 0, seed: 0 },
    scoring: { weights: { threat: 0, slow: 0, standstill: 0, chokepoint: 0, crowd: 0, predictability: 0 }, responseTargetS: { police: 0, qrf: 0, ambulance: 0, eod: 0 }, evacuationTargetS: 0, slowSpeedKmh: 0, minArrivedShare: 0.5, delayMinuteExposure: 60 },
    deployment: { officers: { major: { base: 0, perArm: 0 }, minor: { base: 0, perArm: 0 } }, staticCloseBeforeS: 0, rollingCloseBeforeS: 0, separationS: 0, maxShiftS: 0, drive: [] },
  };
}
