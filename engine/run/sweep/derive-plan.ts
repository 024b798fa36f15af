import type { PlanInject, RunPlan } from '../../model/run-plan.js';
import type { Variant } from './sweep-model.js';

/**
 * The run plan of one variant: the base plan with each dimension value applied. Movement and option ids
 * stay those of the base plan, so sample i of every variant draws the same random stream (the stream key
 * is seed | movement | option | sample, engine/sim/rng.ts): differences between variants and plans are
 * paired, sample by sample.
 *
 * - departure_shift: every movement's departure window moves by the shift (threat windows and traffic
 *   bands stay, so a later start meets other bands);
 * - escort: the delegation's movements drive with that profile's control, speed cap and length;
 * - traffic_factor: every band's speed factors are multiplied (below 1: slower traffic);
 * - threat_intensity: every threat's intensity (injected ones too) is multiplied, capped at 1;
 * - closure: the place is closed from midnight for the whole day (a close_road inject at 00:00);
 * - responders: only the set's responders are on duty, and they cover every movement.
 */
export function derivePlan(base: RunPlan, variant: Variant): RunPlan {
  const plan = structuredClone(base);
  for (const v of variant.values) {
    switch (v.kind) {
      case 'departure_shift':
        for (const mv of plan.movements) mv.departureS = Math.max(0, mv.departureS + v.shiftS);
        break;
      case 'escort':
        for (const mv of plan.movements) if (mv.delegation === v.delegation) mv.escort = { ...v.escort };
        break;
      case 'traffic_factor':
        for (const band of plan.traffic.bands) {
          band.default *= v.factor;
          for (const k of Object.keys(band.factorByClass)) band.factorByClass[k]! *= v.factor;
        }
        break;
      case 'threat_intensity':
        for (const t of plan.threats) t.intensity = Math.min(1, t.intensity * v.factor);
        for (const inj of plan.injects) if (inj.action.type === 'add_threat') inj.action.threat.intensity = Math.min(1, inj.action.threat.intensity * v.factor);
        break;
      case 'closure':
        if (v.closure) {
          const inject: PlanInject = {
            id: `sweep-closure-${v.closure.label}`,
            atS: 0,
            durationS: null,
            action: { type: 'close_road', lon: v.closure.lon, lat: v.closure.lat, radiusM: v.closure.radiusM, label: `closed for the sweep: ${v.closure.label}` },
            note: `closed for the sweep: ${v.closure.label}`,
          };
          plan.injects.unshift(inject);
        }
        break;
      case 'responders':
        if (v.ids) {
          const on = new Set(v.ids);
          plan.responders = plan.responders.filter((r) => on.has(r.id));
          for (const mv of plan.movements) mv.responders = null;
        }
        break;
    }
  }
  return plan;
}
