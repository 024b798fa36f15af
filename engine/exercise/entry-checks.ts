import type { JournalInput } from './journal.js';
import type { ExerciseSession } from './session.js';
import { clock } from './movement-state.js';

/**
 * Why `input` cannot be applied to the exercise as it stands, or null when it can. Every refusal names
 * the thing and the value, so the console can show it to the trainer as it is.
 */
export function checkEntry(session: ExerciseSession, input: JournalInput): string | null {
  const plan = session.plan;
  const movementIds = plan.movements.map((m) => m.id);
  const movement = (id: string): string | null => (movementIds.includes(id) ? null : `no movement ${quote(id)} (movements: ${movementIds.join(', ')})`);
  const stillDriving = (id: string): string | null => {
    const st = session.movementStates(undefined, input.atS).find((m) => m.id === id)!;
    if (st.status === 'arrived') return `${id} arrived at ${clock(st.predictedArrivalS!)}: no decision or inject for it any more`;
    if (st.status === 'did_not_arrive' && (st.predictedArrivalS === null && st.events.some((e) => e.kind === 'no_route'))) return `${id} has stopped for good (${st.statusReason ?? 'no route'})`;
    return null;
  };
  const scripted = (id: string): string | null => (plan.injects.some((i) => i.id === id) ? null : `no scripted inject ${quote(id)} (injects: ${plan.injects.map((i) => i.id).join(', ') || 'none'})`);
  const st = () => session.state(input.atS).injects;
  switch (input.type) {
    case 'clock':
      return null;
    case 'fire':
    case 'delay':
    case 'cancel': {
      const bad = scripted(input.injectId);
      if (bad) return bad;
      const inj = st().find((i) => i.id === input.injectId)!;
      if (inj.status === 'cancelled') return `inject ${input.injectId} is cancelled`;
      if (inj.status === 'fired') return `inject ${input.injectId} has already fired${inj.dueS !== null ? ` at ${clock(inj.dueS)}` : ''}`;
      if (input.type === 'delay' && !inj.delayable) return `inject ${input.injectId} fires by position, not time: fire it now or cancel it`;
      return null;
    }
    case 'inject': {
      if (plan.injects.some((i) => i.id === input.id) || session.journal().some((e) => e.type === 'inject' && e.id === input.id)) return `an inject ${quote(input.id)} exists already`;
      const a = input.action;
      switch (a.type) {
        case 'close_edges': {
          const bad = a.edges.find((e) => e >= session.graph.edgeCount);
          return bad === undefined ? null : `no road edge ${bad} (the graph has ${session.graph.edgeCount} edges)`;
        }
        case 'close_area':
          return null;
        case 'add_threat':
          return plan.threats.some((t) => t.id === a.threatId) || session.journal().some((e) => e.type === 'inject' && e.action.type === 'add_threat' && e.action.threatId === a.threatId) ? `a threat ${quote(a.threatId)} exists already` : null;
        case 'move_threat': {
          const known = [...plan.threats.map((t) => t.id), ...plan.injects.flatMap((i) => (i.action.type === 'add_threat' ? [i.action.threat.id] : [])), ...session.journal().flatMap((e) => (e.type === 'inject' && e.action.type === 'add_threat' ? [e.action.threatId] : []))];
          return known.includes(a.threatId) ? null : `no threat ${quote(a.threatId)} (threats: ${known.join(', ') || 'none'})`;
        }
        case 'responder_out':
          return plan.responders.some((r) => r.id === a.responderId) ? null : `no responder ${quote(a.responderId)} (responders: ${plan.responders.map((r) => r.id).join(', ')})`;
        case 'breakdown':
          return movement(a.movementId) ?? stillDriving(a.movementId);
      }
      return null;
    }
    case 'decision': {
      const bad = movement(input.movementId) ?? stillDriving(input.movementId);
      if (bad) return bad;
      const d = input.decision;
      const mv = plan.movements.find((m) => m.id === input.movementId)!;
      if (d.kind === 'switch' && !mv.options.some((o) => o.id === d.optionId)) return `${mv.id} has no option ${quote(d.optionId)} (options: ${mv.options.map((o) => o.id).join(', ')})`;
      if (d.kind === 'divert' && !session.places.has(d.placeId)) return `no place ${quote(d.placeId)} to divert to`;
      if (d.kind === 'release') {
        const open = [...session.journal()].reverse().find((e) => e.type === 'decision' && e.movementId === mv.id);
        if (!open || open.type !== 'decision' || open.decision.kind !== 'hold' || open.decision.durationS !== null) return `${mv.id} is not on an open hold: nothing to release`;
      }
      return null;
    }
  }
}

/** A user-given name in a message: at most 60 characters, control characters escaped. */
function quote(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(clean.length > 60 ? clean.slice(0, 57) + '…' : clean);
}
