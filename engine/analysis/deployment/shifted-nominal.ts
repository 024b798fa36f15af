import { Recorder } from '../../sim/recorder.js';
import type { PreparedRun } from '../../sim/prepared-run.js';
import { NominalRng } from '../../sim/rng.js';
import type { SimContext } from '../../sim/sim-context.js';
import { SampleScratch, simulateSample } from '../../sim/simulate.js';

/**
 * The nominal run of movement mi on option oi with its departure moved by shiftS seconds: simulated
 * again, so the traffic bands met on the way (and timed injects) act at the new times. Everything else
 * is the prepared run's; only this movement's departure differs.
 */
export function shiftedNominal(ctx: PreparedRun, mi: number, oi: number, shiftS: number): Recorder | null {
  const mv = ctx.movements[mi]!;
  if (!mv.tracks[oi]) return null;
  const movements = ctx.movements.map((m, k) => (k === mi ? { ...m, departureS: m.departureS + shiftS } : m));
  const view: SimContext = {
    traffic: ctx.traffic,
    slots: ctx.slots,
    injects: ctx.injects,
    coverage: ctx.coverage,
    weights: ctx.weights,
    slowMps: ctx.slowMps,
    stoppedMps: ctx.stoppedMps,
    junctionWaitS: ctx.junctionWaitS,
    responseTargetS: ctx.responseTargetS,
    incidentRatePerMS: ctx.incidentRatePerMS,
    evacuationTargetS: ctx.evacuationTargetS,
    movements,
    reroute: (a, b, c, d, e) => ctx.reroute(a, b, c, d, e),
    decide: (a, b, c, d, e, f, g) => ctx.decide(a, b, c, d, e, f, g),
    lonLatOfNode: (n) => ctx.lonLatOfNode(n),
    nodeLon: (n) => ctx.nodeLon(n),
    nodeLat: (n) => ctx.nodeLat(n),
    describe: (lon, lat) => ctx.describe(lon, lat),
  };
  const rec = new Recorder();
  simulateSample(view, mi, oi, new NominalRng(), new SampleScratch(view, ctx.plan.responders.length), rec, -1, ctx.plan.responders);
  return rec;
}
