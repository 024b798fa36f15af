import { InputError } from '../../errors.js';
import { RESPONDER_TYPES, type ResponderType } from '../../model/run-result.js';
import type { PreparedRun } from '../../sim/prepared-run.js';
import type { CandidateSite } from './candidate-site.js';
import type { PlacementDemand } from './demand.js';
import { DEVICE_MARGIN_M, deviceHotspotWeight } from './device-hotspots.js';
import type { PlacementObjective } from './evaluator.js';
import { placeType, type TypePlacement } from './place-type.js';
import { placementUnits } from './placement-units.js';
import { securityDetailPosts, type SecurityDetailPost } from './security-details.js';
import { unitReasons, type UnitReason } from './unit-reasons.js';

/** Security-detail teams posted by default (the peer's six). */
export const DEFAULT_SECURITY_TEAMS = 6;
/** Candidate kinds a quick-reaction force may wait at (with its current post). */
const QRF_SITE_KINDS = new Set(['staging_area', 'listed', 'junction']);

export interface PlacementRequest {
  objective: PlacementObjective;
  /** Responder types to place; default every type the scenario has. */
  types?: readonly ResponderType[];
  /** Units per type; default the type's responder entries. */
  units?: Partial<Record<ResponderType, number>>;
  securityTeams?: number;
  exhaustive?: boolean;
  random?: number;
  seed?: string;
}

export interface PlacementResult {
  objective: PlacementObjective;
  sites: CandidateSite[];
  types: (TypePlacement & { reasons: UnitReason[]; focus: string })[];
  securityDetails: SecurityDetailPost[];
  /** Demand edges covered (every movement × option's nominal drive). */
  demandEdges: number;
}

/**
 * Responder placement over one prepared run: per type, greedy + swap local search over the candidate
 * sites (quick-reaction forces only at staging areas and listed sites, as the peer posts them; EOD teams
 * weighted to the road near suspected devices when the scenario has any), the reason for every unit, and
 * the security-detail posts at the highest-scoring chokepoints.
 */
export function placeResponders(ctx: PreparedRun, demand: PlacementDemand, sites: readonly CandidateSite[], req: PlacementRequest): PlacementResult {
  const present = RESPONDER_TYPES.filter((t) => ctx.plan.responders.some((r) => r.type === t));
  const types = req.types ?? present;
  const out: PlacementResult['types'] = [];
  for (const type of types) {
    const existing = ctx.plan.responders.filter((r) => r.type === type).length;
    const wanted = req.units?.[type] ?? existing;
    if (wanted < existing) throw new InputError(`--units ${type}=${wanted}: the scenario has ${existing} ${type} responders; place moves units and adds new ones, it does not remove any`);
    if (wanted === 0) continue;
    const units = placementUnits(ctx, type, wanted);
    const device = type === 'eod' ? deviceHotspotWeight(ctx, demand) : null;
    const allowed = type === 'qrf' ? sites.flatMap((s, i) => (QRF_SITE_KINDS.has(s.kind) ? [i] : [])) : undefined;
    const placed = placeType(ctx, demand, sites, type, units, {
      objective: req.objective,
      ...(allowed ? { sites: allowed } : {}),
      ...(device ? { weight: device.weight } : {}),
      ...(req.exhaustive ? { exhaustive: true } : {}),
      ...(req.random ? { random: req.random } : {}),
      ...(req.seed !== undefined ? { seed: req.seed } : {}),
    });
    const focus = device
      ? `the road within ${DEVICE_MARGIN_M} m of suspected devices (${device.devices.map((d) => d.id).join(', ')})`
      : type === 'eod'
        ? 'the whole routes (no suspected_device threat on them)'
        : type === 'qrf'
          ? 'the whole routes, from staging areas and listed sites'
          : 'the whole routes';
    out.push({ ...placed, reasons: unitReasons(placed, demand, sites, device?.weight), focus });
  }
  return { objective: req.objective, sites: [...sites], types: out, securityDetails: securityDetailPosts(ctx, req.securityTeams ?? DEFAULT_SECURITY_TEAMS), demandEdges: demand.tail.length };
}
