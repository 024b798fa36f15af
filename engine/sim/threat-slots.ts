import type { ExposureZone } from '../metrics/place-exposure.js';
import type { PlanArea, PlanInject, PlanThreat } from '../model/run-plan.js';

/**
 * Every threat zone a run can meet, in a fixed order: the scenario's threats first, then one slot per
 * add_threat inject, then one per move_threat inject (the zone at its new place). A slot's base window is
 * where it stands before any inject fires; an inject-born slot starts inactive (fromS = +Infinity) and is
 * opened at the inject's time in the sample; a moved threat's original slot is closed at that time.
 */
export interface ThreatSlot {
  id: string;
  kind: string;
  /** Counts in the crowd component instead of the threat component. */
  crowd: boolean;
  intensity: number;
  area: PlanArea;
  baseFromS: number;
  baseToS: number;
  /** Index of the inject that opens this slot, or -1. */
  openedByInject: number;
  /** Slot this one replaces (move_threat), or -1. */
  replaces: number;
}

/** A threat of kind `crowd` counts in the crowd component; every other kind in the threat component. */
export function isCrowd(kind: string): boolean {
  return kind === 'crowd';
}

/** The scenario's zones as the exposure model sees them before any inject (the safest search's view). */
export function exposureZones(threats: readonly PlanThreat[]): ExposureZone[] {
  return threats.map((t) => ({ id: t.id, area: t.area, intensity: t.intensity, crowd: isCrowd(t.kind), fromS: t.fromS, toS: t.toS }));
}

export function buildThreatSlots(threats: readonly PlanThreat[], injects: readonly PlanInject[]): ThreatSlot[] {
  const slots: ThreatSlot[] = threats.map((t) => ({
    id: t.id,
    kind: t.kind,
    crowd: isCrowd(t.kind),
    intensity: t.intensity,
    area: t.area,
    baseFromS: t.fromS,
    baseToS: t.toS,
    openedByInject: -1,
    replaces: -1,
  }));
  injects.forEach((inj, i) => {
    const a = inj.action;
    if (a.type === 'add_threat') {
      slots.push({ id: a.threat.id, kind: a.threat.kind, crowd: isCrowd(a.threat.kind), intensity: a.threat.intensity, area: a.threat.area, baseFromS: Infinity, baseToS: a.threat.toS, openedByInject: i, replaces: -1 });
    } else if (a.type === 'move_threat') {
      // The zone where it stands now: the latest slot of that id (a threat may be moved more than once).
      const orig = slots.findLastIndex((s) => s.id === a.threatId);
      if (orig < 0) return;
      const o = slots[orig]!;
      const area: PlanArea = o.area.type === 'circle' ? { ...o.area, lon: a.lon, lat: a.lat } : shiftPolygon(o.area.coordinates, o.area, a.lon, a.lat);
      slots.push({ ...o, area, baseFromS: Infinity, openedByInject: i, replaces: orig });
    }
  });
  return slots;
}

/** Move a polygon so that its first-ring centroid (vertex mean) lands on lon/lat. */
function shiftPolygon(coords: [number, number][][], _area: PlanArea, lon: number, lat: number): PlanArea {
  const ring = coords[0] ?? [];
  let cx = 0;
  let cy = 0;
  for (const p of ring) {
    cx += p[0];
    cy += p[1];
  }
  cx /= Math.max(1, ring.length);
  cy /= Math.max(1, ring.length);
  return { type: 'polygon', coordinates: coords.map((r) => r.map(([x, y]) => [x - cx + lon, y - cy + lat] as [number, number])) };
}
