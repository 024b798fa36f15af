import type { PlanDecision, PlanInject, PlanInjectAction, PlanPlace, RunPlan } from '../model/run-plan.js';
import type { JournalEntry, TrainerInject } from './journal.js';

/** How long an open hold (no release yet) lasts in predictions: the rest of any exercise day. */
export const OPEN_HOLD_S = 12 * 3600;
/** Threats a trainer drops stay active this long unless the inject has a duration. */
export const DROPPED_THREAT_S = 12 * 3600;

/**
 * The plan the exercise simulates after `entries`: the scenario's scripted injects as fired early,
 * delayed or cancelled, the trainer's new injects, and the players' decisions, each at the exercise time
 * it was made. Everything else of the plan is unchanged, so the route options and coverage tables of the
 * scripted plan still apply (PreparedRun.share()).
 */
export function effectivePlan(plan: RunPlan, entries: readonly JournalEntry[], places: ReadonlyMap<string, PlanPlace>): RunPlan {
  const scripted = plan.injects.map((inj) => ({ ...inj }));
  const byId = new Map(scripted.map((inj) => [inj.id, inj]));
  const cancelled = new Set<string>();
  const added: PlanInject[] = [];
  entries.forEach((e, index) => {
    switch (e.type) {
      case 'fire': {
        const inj = byId.get(e.injectId);
        if (inj) {
          inj.atS = e.atS;
          delete inj.trigger;
        }
        break;
      }
      case 'delay': {
        const inj = byId.get(e.injectId);
        if (inj && inj.atS !== undefined) inj.atS += e.delayS;
        break;
      }
      case 'cancel':
        cancelled.add(e.injectId);
        break;
      case 'inject':
        added.push({ id: e.id, atS: e.atS, durationS: e.durationS, action: trainerAction(e.action, e.atS, e.durationS), note: e.note });
        break;
      case 'decision': {
        const decision = planDecision(e, entries, index, places);
        if (decision) added.push({ id: `decision-${e.seq}`, atS: e.atS, durationS: null, action: { type: 'decision', movementId: e.movementId, decision }, note: e.note });
        break;
      }
      case 'clock':
        break;
    }
  });
  return { ...plan, injects: [...scripted.filter((inj) => !cancelled.has(inj.id)), ...added] };
}

function trainerAction(a: TrainerInject, atS: number, durationS: number | null): PlanInjectAction {
  switch (a.type) {
    case 'close_edges':
      return { type: 'close_edges', edges: a.edges, label: a.label };
    case 'close_area': {
      const ring = [...a.polygon];
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first);
      return { type: 'close_area', area: { type: 'polygon', coordinates: [ring] }, label: a.label };
    }
    case 'add_threat':
      return {
        type: 'add_threat',
        threat: { id: a.threatId, kind: a.kind, intensity: a.intensity, area: { type: 'circle', lon: a.lon, lat: a.lat, radiusM: a.radiusM }, fromS: atS, toS: atS + (durationS ?? DROPPED_THREAT_S) },
      };
    case 'move_threat':
      return { type: 'move_threat', threatId: a.threatId, lon: a.lon, lat: a.lat };
    case 'responder_out':
      return { type: 'responder_out', responderId: a.responderId, count: a.count };
    case 'breakdown':
      return { type: 'breakdown', movementId: a.movementId, durationS: a.durationS };
  }
}

/**
 * The simulation's decision for entry `index`, or null for decisions that change nothing by themselves
 * (`continue`, `release`). An open hold lasts until the time of the movement's next decision (a release
 * or any other), else OPEN_HOLD_S.
 */
function planDecision(e: Extract<JournalEntry, { type: 'decision' }>, entries: readonly JournalEntry[], index: number, places: ReadonlyMap<string, PlanPlace>): PlanDecision | null {
  const d = e.decision;
  switch (d.kind) {
    case 'continue':
    case 'release':
      return null;
    case 'hold': {
      if (d.durationS !== null) return { kind: 'hold', durationS: d.durationS };
      const next = entries.slice(index + 1).find((x) => x.type === 'decision' && x.movementId === e.movementId);
      return next ? { kind: 'hold', durationS: next.atS - e.atS, untilS: next.atS } : { kind: 'hold', durationS: OPEN_HOLD_S };
    }
    case 'switch':
      return { kind: 'switch', optionId: d.optionId };
    case 'reroute':
      return { kind: 'reroute', by: d.by };
    case 'divert': {
      const place = places.get(d.placeId);
      return place ? { kind: 'divert', place } : null;
    }
    case 'return':
      return { kind: 'return' };
  }
}
