import type { RoadGraph } from '../graph/road-graph.js';
import { distanceToAreaM } from '../metrics/threat-geometry.js';
import type { Recorder } from './recorder.js';
import type { SimInject, SimMovement } from './sim-context.js';

/**
 * A triggered inject fires for its own movement when that movement comes within the trigger radius (the
 * loop checks it), and for every other movement at the time the trigger movement's nominal run first gets
 * there: this sets that time (nominalTimeS, dueS) from the nominal run of the trigger movement's first
 * option with a route. `nominal` runs it; an inject whose trigger is never reached stays at Infinity.
 * One inject at a time (each reads only its trigger movement's nominal run), in inject order.
 */
export function resolveTriggerTime(g: RoadGraph, inj: SimInject, movements: readonly SimMovement[], nominal: (mi: number, oi: number) => { record: Recorder } | null): void {
  if (inj.triggerMovement < 0) return;
  const trig = inj.plan.trigger!;
  const oi = movements[inj.triggerMovement]!.tracks.findIndex((t) => t !== null);
  const run = oi >= 0 ? nominal(inj.triggerMovement, oi) : null;
  if (!run) return;
  for (const [node, time] of run.record.nodeTime) {
    const d = distanceToAreaM({ type: 'circle', lon: trig.place.lon, lat: trig.place.lat, radiusM: trig.radiusM }, g.lon(node), g.lat(node));
    if (d === 0 && time < inj.nominalTimeS) inj.nominalTimeS = inj.dueS = time;
  }
}
