import type { RoadGraph } from '../graph/road-graph.js';
import type { RunPlan } from '../model/run-plan.js';
import { edgesInArea, edgesNear } from './edge-masks.js';
import type { SimInject } from './sim-context.js';
import type { ThreatSlot } from './threat-slots.js';

/**
 * The plan's injects as the sample loop reads them: closures as per-edge masks (both directions), threat
 * injects as the threat slot they open (and the one they replace), responder and movement ids as indices.
 * Timed injects are due at their `at`; triggered ones stay due at Infinity until trigger-times.ts sets the
 * time from the trigger movement's nominal run.
 */
export function compileInjects(g: RoadGraph, plan: RunPlan, slots: readonly ThreatSlot[]): SimInject[] {
  const mIndex = new Map(plan.movements.map((m, i) => [m.id, i]));
  let slotCursor = plan.threats.length;
  return plan.injects.map((inj) => {
    const a = inj.action;
    const triggerMovement = inj.trigger ? (mIndex.get(inj.trigger.movementId) ?? -1) : -1;
    const si: SimInject = { plan: inj, closedMask: null, responder: -1, openSlot: -1, closeSlot: -1, breakdownMovement: -1, decisionMovement: -1, triggerMovement, nominalTimeS: Infinity, dueS: triggerMovement >= 0 ? Infinity : inj.atS ?? Infinity };
    if (a.type === 'close_road' || a.type === 'close_edges' || a.type === 'close_area') {
      const mask = new Uint8Array(g.edgeCount);
      const edges = a.type === 'close_edges' ? a.edges : a.type === 'close_road' ? edgesNear(g, a.lon, a.lat, a.radiusM) : edgesInArea(g, a.area);
      for (const e of edges) {
        if (e < 0 || e >= g.edgeCount) continue;
        mask[e] = 1;
        const tw = g.twin[e]!;
        if (tw >= 0) mask[tw] = 1;
      }
      si.closedMask = mask;
    } else if (a.type === 'add_threat' || a.type === 'move_threat') {
      const slot = slots.findIndex((s, k) => k >= slotCursor && s.openedByInject === plan.injects.indexOf(inj));
      if (slot >= 0) {
        si.openSlot = slot;
        si.closeSlot = slots[slot]!.replaces;
        slotCursor = slot + 1;
      }
    } else if (a.type === 'responder_out') si.responder = plan.responders.findIndex((r) => r.id === a.responderId);
    else if (a.type === 'breakdown') si.breakdownMovement = mIndex.get(a.movementId) ?? -1;
    else if (a.type === 'decision') si.decisionMovement = mIndex.get(a.movementId) ?? -1;
    return si;
  });
}
