import { shortLabel } from '../route/route-text.js';
import path from 'node:path';
import type { RoadGraph } from '../graph/road-graph.js';
import { loadGazetteer } from '../import/gazetteer.js';
import type { Area, Inject, InjectAction, Place, Scenario, Threat } from './model.js';
import { InputError } from '../errors.js';
import { lookupId } from './id-record.js';
import type { PlanArea, PlanInject, PlanInjectAction, PlanOption, PlanPlace, PlanThreat, RunPlan } from '../model/run-plan.js';

/** Speeds below this count as stopped (km/h). Not a scenario field: walking pace of a convoy in a queue. */
export const STOPPED_KMH = 5;
/** Outside a threat zone its intensity decays to 0 over this distance (m): about the effective range of a rifle. */
export const THREAT_DECAY_M = 300;
/** Radius of a scenario place used as a trigger when the inject gives none. */
const DAY_END_S = 86400;

/**
 * Build the run's input model from a validated, normalised scenario (engine/scenario). Nothing here
 * guesses: every value comes from the scenario (whose defaults are documented in its schema) except the
 * two constants above, which docs/metrics.md documents. `auto` options with k alternatives
 * become k plan options: `<id>` (the best), `<id>-2`, … `<id>-k`.
 */
export function planFromScenario(scenario: Scenario, graph?: RoadGraph): RunPlan {
  const place = (id: string, where: string): PlanPlace => {
    const p = lookupId(scenario.places, id);
    if (!p) throw new InputError(`${where}: unknown place '${id}'`);
    return toPlace(p);
  };
  const movements = scenario.movements.map((mv) => {
    const del = lookupId(scenario.delegations, mv.delegation);
    const prof = del ? lookupId(scenario.escortProfiles, del.escort) : undefined;
    const options: PlanOption[] = [];
    const movementVia = mv.via.map((v) => place(v, `movement ${mv.id} via`));
    let autoRank = 0; // ranks run across all auto options of the movement: each takes different alternatives
    for (const o of mv.options) {
      const c = o.choice;
      if (c.kind === 'auto') {
        for (let r = 0; r < Math.max(1, c.k); r++) options.push({ id: r === 0 ? o.id : `${o.id}-${r + 1}`, label: r === 0 ? o.label : 'alternate', kind: 'auto', rank: autoRank++ });
      } else if (c.kind === 'safest') options.push({ id: o.id, label: o.label, kind: 'safest', maxDelayS: c.maxDelayS });
      else if (c.kind === 'via') options.push({ id: o.id, label: o.label, kind: 'via', via: [...movementVia, ...c.via.map((v) => place(v, `movement ${mv.id} option ${o.id} via`))] });
      else options.push(movementVia.length ? { id: o.id, label: o.label, kind: 'via', via: movementVia } : { id: o.id, label: o.label, kind: 'fastest' });
    }
    if (options.length === 0) options.push({ id: 'fastest', label: 'primary', kind: 'fastest' });
    return {
      id: mv.id,
      delegation: mv.delegation,
      from: place(mv.from, `movement ${mv.id} from`),
      to: place(mv.to, `movement ${mv.id} to`),
      departureS: mv.departure.fromS,
      departureWindowS: Math.max(0, mv.departure.toS - mv.departure.fromS),
      escort: {
        intersectionControl: prof?.intersectionControl ?? 'none',
        convoySpeedKmh: prof?.speedCapKmh ?? 60,
        convoyLengthM: prof?.convoyLengthM ?? 50,
      },
      options,
      responders: mv.responders,
    };
  });
  const places = Object.values(scenario.places).map(toPlace);
  let gazetteer: PlanPlace[] = [];
  try {
    gazetteer = loadGazetteer().map((l) => ({ id: l.id, label: shortName(l.name), lon: l.lon, lat: l.lat, kind: l.kind }));
  } catch {
    // The gazetteer only improves descriptions ("near …"); without it, coordinates are printed.
  }
  const w = scenario.scoring.weights;
  return {
    id: path.basename(scenario.file).replace(/\.(ya?ml|json)$/i, ''),
    name: scenario.name,
    seed: String(scenario.monteCarlo.seed),
    samples: scenario.monteCarlo.samples,
    movements,
    threats: scenario.threats.map(toThreat),
    chokepoints: scenario.chokepoints.map((c) => ({ id: c.id, label: c.label, lon: c.lon, lat: c.lat, radiusM: c.radiusM, bridge: c.bridge !== undefined })),
    responders: scenario.responders.map((r) => ({ id: r.id, type: r.type, lon: r.lon, lat: r.lat, turnoutS: r.turnoutS, fromS: r.available.fromS, toS: r.available.toS, count: r.count, ...(scenario.places[r.place]?.gazetteerPosition ? { landmark: true } : {}) })),
    hospitals: Object.values(scenario.places).filter((p) => p.trauma).map(toPlace),
    safeHavens: Object.values(scenario.places).filter((p) => p.kind === 'safe_haven').map(toPlace),
    landmarks: [...places, ...gazetteer.filter((g) => !places.some((p) => p.id === g.id))],
    traffic: {
      bands: scenario.traffic.bands.map((b) => ({ fromS: b.fromS, toS: b.toS, factorByClass: { ...b.factor }, default: 1 })),
      variationSigma: scenario.traffic.variationSigma,
      incidentsPerHour: scenario.traffic.incidentsPerHour,
    },
    injects: scenario.injects.map((inj) => toInject(inj, scenario)),
    scoring: {
      weights: { threat: w.threat, slow: w.slow, stopped: w.standstill, chokepoint: w.chokepoint, crowd: w.crowd, predictability: w.predictability },
      responseTargetS: { ...scenario.scoring.responseTargetS },
      evacuationTargetS: scenario.scoring.evacuationTargetS,
      slowKmh: scenario.scoring.slowSpeedKmh,
      stoppedKmh: STOPPED_KMH,
      threatDecayM: THREAT_DECAY_M,
      minArrivedShare: scenario.scoring.minArrivedShare,
      delayMinuteExposure: scenario.scoring.delayMinuteExposure,
    },
    graphSource: graph ? graphSourceOf(graph) : 'unknown',
  };
}

function toPlace(p: Place): PlanPlace {
  return { id: p.id, label: shortName(p.label), lon: p.lon, lat: p.lat, kind: p.kind, ...(p.gazetteerPosition ? { landmark: true } : {}) };
}

/** Gazetteer names are long ("Sokha Phnom Penh Hotel & Residence (summit venue), …"): keep the part before the first comma/parenthesis. */
export const shortName = shortLabel;

function toArea(a: Area): PlanArea {
  return a.type === 'circle' ? { type: 'circle', lon: a.lon, lat: a.lat, radiusM: a.radiusM } : { type: 'polygon', coordinates: [a.ring] };
}

function toThreat(t: Threat): PlanThreat {
  return { id: t.id, kind: t.kind, intensity: t.intensity, area: toArea(t.area), fromS: t.active.fromS, toS: Math.min(t.active.toS, 2 * DAY_END_S) };
}

function toInject(inj: Inject, scenario: Scenario): PlanInject {
  const a: InjectAction = inj.action;
  let action: PlanInjectAction;
  let durationS: number | null = null;
  switch (a.type) {
    case 'close_road':
      durationS = a.durationS;
      action = a.area ? { type: 'close_road', lon: a.area.lon, lat: a.area.lat, radiusM: a.area.radiusM, label: inj.note || inj.id } : { type: 'close_edges', edges: a.edges, label: inj.note || inj.id };
      break;
    case 'close_area':
      durationS = a.durationS;
      action = { type: 'close_area', area: toArea(a.area), label: inj.note || inj.id };
      break;
    case 'add_threat':
      action = { type: 'add_threat', threat: toThreat(a.threat) };
      break;
    case 'move_threat':
      action = { type: 'move_threat', threatId: a.threat, lon: a.lon, lat: a.lat };
      break;
    case 'responder_out':
      durationS = a.durationS;
      action = { type: 'responder_out', responderId: a.responder, count: a.count };
      break;
    case 'breakdown':
      action = { type: 'breakdown', movementId: a.movement, durationS: a.durationS };
      break;
  }
  const base = { id: inj.id, durationS, action, note: inj.note };
  if (inj.trigger.kind === 'at') return { ...base, atS: inj.trigger.atS };
  const p = lookupId(scenario.places, inj.trigger.place);
  if (!p) throw new InputError(`inject ${inj.id}: unknown trigger place '${inj.trigger.place}'`);
  return { ...base, trigger: { movementId: inj.trigger.movement, place: toPlace(p), radiusM: inj.trigger.radiusM } };
}

function graphSourceOf(graph: RoadGraph): string {
  const src = graph.meta.source as { kind?: unknown; city?: unknown; files?: unknown };
  if (typeof src.city === 'string') return src.city;
  if (typeof src.kind === 'string') return src.kind;
  return 'road graph';
}
