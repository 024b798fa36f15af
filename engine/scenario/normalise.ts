import fs from 'node:fs';
import path from 'node:path';
import { describeFsError } from '../input-file.js';
import { quoteInput } from '../quote.js';
import { suggest } from '../import/gazetteer.js';
import { ROAD_CLASSES, type RoadClassName } from '../graph/road-class.js';
import { CheckContext, checkRef, formatWindow, overlaps } from './check-context.js';
import type { Delegation, EscortProfile, GraphSource, Movement, RouteChoice, RouteOption, Scenario, ScenarioDeployment, Traffic, TrafficBand } from './model.js';
import { normaliseChokepoints, normaliseInjects, normaliseResponders, normaliseThreats } from './normalise-events.js';
import { idRecord } from './id-record.js';
import type { PartialScenario } from './partial.js';
import type { PlaceResolver } from './places.js';
import { phnomPenhTrafficBands } from '../route/policy.js';
import type { RawScenario } from './schema.js';
import type { DeploymentRules } from '../model/deployment-rules.js';

/**
 * Build the normalised Scenario from the valid parts of the file, checking what spans fields:
 * references (with suggestions), times out of order, windows that must not overlap, dates and zones.
 */
export function normalise(part: PartialScenario, ctx: CheckContext, places: PlaceResolver, abs: string): Scenario {
  const raw = part.raw;
  places.resolveDeclared();

  if (!part.failed.has('date') && raw.date !== undefined && !isCalendarDate(raw.date)) ctx.add(['date'], `date ${quoteInput(raw.date)} is not a calendar date`);
  if (!part.failed.has('timezone') && !isTimeZone(raw.timezone)) {
    ctx.add(['timezone'], `unknown time zone ${quoteInput(raw.timezone)} (expected an IANA name such as 'Asia/Phnom_Penh')`);
  }
  const startS = raw.start !== undefined ? ctx.time(raw.start) : null;

  const escortProfiles = idRecord<EscortProfile>();
  for (const [id, p] of Object.entries(raw.escort_profiles)) {
    escortProfiles[id] = {
      id,
      outriders: p.outriders,
      leadCars: p.lead_cars,
      sweepCars: p.sweep_cars,
      intersectionControl: p.intersection_control,
      speedCapKmh: ctx.kmh(p.speed_cap),
      convoyLengthM: ctx.metres(p.convoy_length),
    };
    const cap = escortProfiles[id]!.speedCapKmh;
    if (cap < 5 || cap > 130) ctx.add(['escort_profiles', id, 'speed_cap'], `speed cap ${cap} km/h is outside 5–130 km/h`);
  }

  const delegations = idRecord<Delegation>();
  for (const [id, d] of Object.entries(raw.delegations)) {
    const base = ['delegations', id];
    if (d.vehicles.armoured > d.vehicles.count) ctx.add([...base, 'vehicles', 'armoured'], `armoured ${d.vehicles.armoured} is more than the ${d.vehicles.count} vehicles`);
    if (!checkRef(ctx, d.escort, part.declaredIds['escort_profiles']!, [...base, 'escort'], 'escort profile')) continue;
    delegations[id] = { id, name: d.name ?? id, size: d.size, priority: d.priority, vehicles: { count: d.vehicles.count, armoured: d.vehicles.armoured }, escort: d.escort };
  }

  const movements = normaliseMovements(part, ctx, places);
  if (!part.failed.has('movements') && (part.declaredIds['movements']?.size ?? 0) === 0) {
    ctx.add(['movements'], 'a scenario needs at least one movement');
  }

  const threats = normaliseThreats(raw, ctx, places);
  const responders = normaliseResponders(raw, ctx, places);
  const injects = normaliseInjects(raw, ctx, places, part, startS, threats);

  return {
    file: abs,
    name: raw.name ?? '',
    description: raw.description,
    date: raw.date ?? '',
    timezone: raw.timezone,
    startS,
    graph: graphSource(raw.graph, abs, ctx, part.failed.has('graph')),
    places: places.places,
    delegations,
    escortProfiles,
    movements,
    threats,
    chokepoints: normaliseChokepoints(raw, ctx, places),
    responders,
    traffic: normaliseTraffic(part, ctx),
    injects,
    monteCarlo: { samples: raw.monte_carlo.samples, seed: raw.monte_carlo.seed },
    scoring: {
      weights: { ...raw.scoring.weights },
      responseTargetS: {
        police: ctx.seconds(raw.scoring.targets.response.police),
        qrf: ctx.seconds(raw.scoring.targets.response.qrf),
        ambulance: ctx.seconds(raw.scoring.targets.response.ambulance),
        eod: ctx.seconds(raw.scoring.targets.response.eod),
      },
      evacuationTargetS: ctx.seconds(raw.scoring.targets.evacuation),
      slowSpeedKmh: ctx.kmh(raw.scoring.targets.slow_speed),
      minArrivedShare: raw.scoring.min_arrived_share,
      delayMinuteExposure: raw.scoring.delay_minute_exposure,
    },
    deployment: { ...normaliseDeployment(raw.deployment, ctx), drive: normaliseDrive(part, ctx, movements) },
  };
}

function normaliseDeployment(d: RawScenario['deployment'], ctx: CheckContext): DeploymentRules {
  return {
    officers: { major: { base: d.officers.major.base, perArm: d.officers.major.per_arm }, minor: { base: d.officers.minor.base, perArm: d.officers.minor.per_arm } },
    staticCloseBeforeS: ctx.seconds(d.close_before.static),
    rollingCloseBeforeS: ctx.seconds(d.close_before.rolling),
    separationS: ctx.seconds(d.separation),
    maxShiftS: ctx.seconds(d.max_shift),
  };
}

/** deployment.drive: each movement must be declared and have the named option (skipped for movements whose own entry failed). */
function normaliseDrive(part: PartialScenario, ctx: CheckContext, movements: readonly Movement[]): ScenarioDeployment['drive'] {
  if (part.failed.has('deployment')) return [];
  const out: { movement: string; option: string }[] = [];
  for (const [mid, oid] of Object.entries(part.raw.deployment.drive)) {
    const at = ['deployment', 'drive', mid];
    if (!checkRef(ctx, mid, part.declaredIds['movements'] ?? new Set(), at, 'movement')) continue;
    const mv = movements.find((m) => m.id === mid);
    if (!mv) continue;
    const ids = mv.options.map((o) => o.id);
    if (!ids.includes(oid)) {
      const hint = suggest(oid, ids);
      ctx.add(at, `movement ${mid} has no option ${quoteInput(oid)}${hint ? ` (did you mean '${hint}'?)` : ''}; options: ${ids.join(', ')}`);
      continue;
    }
    out.push({ movement: mid, option: oid });
  }
  return out;
}

function normaliseMovements(part: PartialScenario, ctx: CheckContext, places: PlaceResolver): Movement[] {
  const out: Movement[] = [];
  for (const [id, m] of Object.entries(part.raw.movements)) {
    const base = ['movements', id];
    let ok = checkRef(ctx, m.delegation, part.declaredIds['delegations']!, [...base, 'delegation'], 'delegation');
    const from = places.point(m.from, [...base, 'from'])?.id;
    const to = places.point(m.to, [...base, 'to'])?.id;
    if (from !== undefined && from === to) {
      ctx.add([...base, 'to'], `'to' is the same place as 'from' ('${from}')`);
      ok = false;
    }
    const via: string[] = [];
    m.via.forEach((v, i) => {
      const p = places.point(v, [...base, 'via', i]);
      if (p) via.push(p.id);
      else ok = false;
    });
    const departure =
      typeof m.departure === 'string' ? { fromS: ctx.time(m.departure), toS: ctx.time(m.departure) } : ctx.window(m.departure, [...base, 'departure']);
    const options: RouteOption[] = [];
    let primaries = 0;
    for (const [oid, o] of Object.entries(m.options)) {
      const opath = [...base, 'options', oid];
      let choice: RouteChoice;
      if (o.route === 'fastest') choice = { kind: 'fastest' };
      else if (o.route === 'auto') choice = { kind: 'auto', k: o.k };
      else if (o.route === 'safest') choice = { kind: 'safest', maxDelayS: ctx.seconds(o.max_delay) };
      else {
        const ids: string[] = [];
        o.via.forEach((v, i) => {
          const p = places.point(v, [...opath, 'via', i]);
          if (p) ids.push(p.id);
          else ok = false;
        });
        choice = { kind: 'via', via: ids };
      }
      if (o.label === 'primary' && ++primaries === 2) ctx.add([...opath, 'label'], `movement '${id}' has more than one option labelled primary`);
      options.push({ id: oid, label: o.label, choice });
    }
    let responders: string[] | null = null;
    if (m.responders) {
      responders = m.responders;
      m.responders.forEach((r, i) => {
        if (!checkRef(ctx, r, part.declaredIds['responders']!, [...base, 'responders', i], 'responder')) ok = false;
      });
    }
    if (options.length === 0) ctx.add([...base, 'options'], `movement '${id}' has no route options`);
    if (ok && from !== undefined && to !== undefined) out.push({ id, delegation: m.delegation, from, to, via, departure, options, responders });
  }
  // A delegation cannot leave for two movements at once: departure windows of its movements must not overlap.
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = out[i]!;
      const b = out[j]!;
      if (a.delegation === b.delegation && (overlaps(a.departure, b.departure) || a.departure.fromS === b.departure.fromS)) {
        ctx.add(['movements', a.id, 'departure'], `departure ${formatWindow(a.departure)} overlaps movement '${b.id}' (${formatWindow(b.departure)}) of the same delegation '${a.delegation}': it cannot leave for two movements at once`);
      }
    }
  }
  return out;
}

function normaliseTraffic(part: PartialScenario, ctx: CheckContext): Traffic {
  const t = part.raw.traffic;
  let bands: TrafficBand[];
  if (t.bands) {
    bands = t.bands.map((b, i) => {
      const w = ctx.window({ from: b.from, to: b.to }, ['traffic', 'bands', i]);
      const all = b.factors['all'] ?? 1;
      const factor = Object.fromEntries(ROAD_CLASSES.map((c) => [c, b.factors[c] ?? all])) as Record<RoadClassName, number>;
      return { ...w, factor };
    });
    const order = bands.map((b, i) => ({ b, i })).sort((x, y) => x.b.fromS - y.b.fromS);
    for (let k = 1; k < order.length; k++) {
      const prev = order[k - 1]!;
      const cur = order[k]!;
      if (overlaps(prev.b, cur.b)) {
        ctx.add(['traffic', 'bands', Math.max(prev.i, cur.i), 'from'], `traffic band ${formatWindow(bands[Math.max(prev.i, cur.i)]!)} overlaps band [${Math.min(prev.i, cur.i)}] (${formatWindow(bands[Math.min(prev.i, cur.i)]!)})`);
      }
    }
    bands.sort((a, b) => a.fromS - b.fromS);
  } else bands = t.profile === 'phnom_penh' ? phnomPenhTrafficBands() : [];
  return { bands, variationSigma: t.variation_sigma, incidentsPerHour: t.incidents_per_hour };
}

function graphSource(raw: string, scenarioFile: string, ctx: CheckContext, failed: boolean): GraphSource {
  if (failed || raw === 'phnom-penh' || raw === 'phnom_penh') return { kind: 'bundled', city: 'phnom-penh' };
  const p = path.resolve(path.dirname(scenarioFile), raw);
  try {
    fs.statSync(p);
  } catch (err) {
    const why = describeFsError(err, p);
    if (why === 'file not found') ctx.add(['graph'], `graph file ${quoteInput(raw)} not found (paths are relative to the scenario's folder); use 'phnom-penh' for the bundled data`);
    else ctx.add(['graph'], `graph file ${quoteInput(raw)}: ${why}`);
  }
  const { line, col } = ctx.src.position(['graph']);
  return { kind: 'file', path: p, at: `${ctx.file}:${line}:${col} graph` };
}

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
