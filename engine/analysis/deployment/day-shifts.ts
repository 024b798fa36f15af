import type { PreparedRun } from '../../sim/prepared-run.js';
import type { DeploymentInput } from './deployment-input.js';
import { conflictOf, type DepartureShift } from './departure-shift.js';
import { DrivenPath } from './driven-path.js';
import { Footprint } from './footprint.js';
import { optionDeployment } from './option-deployment.js';
import { sharedPlaces, type SharedPlace } from './shared-places.js';
import { shiftedNominal } from './shifted-nominal.js';

const MINUTE_S = 60;

/** A movement of the day as the shift search moves it: plan index, driven option, and its departure window relative to its nominal departure. */
export interface ShiftSide {
  mi: number;
  oi: number;
  movement: string;
  earliestS: number;
  latestS: number;
}

/** A conflict of a (possibly shifted) movement with another movement of the day. */
interface DayConflict {
  other: number;
  key: string;
  nodes: readonly number[];
  near: string;
}

const placeKey = (p: SharedPlace) => `${[...p.nodes].sort((x, y) => x - y).join(',')}|${[...p.roads].sort((x, y) => x - y).join(',')}`;

/**
 * Departure shifts checked by simulation against the whole day: a candidate shift re-simulates the
 * moved movement's nominal run at its new departure (shiftedNominal: the traffic bands it now meets
 * change its times), rebuilds its posts and footprint, and compares it with every other movement's
 * driven option, so a shift that clears one pair but creates a conflict with a third movement is seen.
 * Footprints and their conflicts are cached per (movement, shift): at most movements × (2·max_shift/60)
 * nominal runs of about a millisecond each.
 */
export class DayShifts {
  private readonly cache = new Map<string, DayConflict[]>();

  constructor(
    private readonly ctx: PreparedRun,
    private readonly input: DeploymentInput,
    private readonly sides: readonly ShiftSide[],
    private readonly footprints: readonly (Footprint | null)[],
  ) {}

  /** Conflicts of side s, its departure moved by shiftS, with every other side (unshifted). */
  private conflictsAt(s: number, shiftS: number): DayConflict[] {
    const key = `${s}:${shiftS}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const fp = shiftS === 0 ? this.footprints[s] : this.shiftedFootprint(s, shiftS);
    const out: DayConflict[] = [];
    if (fp) {
      this.footprints.forEach((other, j) => {
        if (j === s || !other) return;
        for (const p of sharedPlaces(fp, other, (lon, lat) => this.ctx.describe(lon, lat))) {
          if (conflictOf(p.a, p.b, this.input.rules.separationS).conflict) out.push({ other: j, key: `${j}@${placeKey(p)}`, nodes: p.nodes, near: p.near });
        }
      });
    }
    this.cache.set(key, out);
    return out;
  }

  private shiftedFootprint(s: number, shiftS: number): Footprint | null {
    const { mi, oi } = this.sides[s]!;
    const rec = shiftedNominal(this.ctx, mi, oi, shiftS);
    if (!rec) return null;
    const d = optionDeployment(this.ctx, mi, oi, this.input, rec);
    return new Footprint(this.ctx.graph, new DrivenPath(rec, this.ctx.plan.movements[mi]!.escort.convoyLengthM), d.posts);
  }

  /**
   * The smallest whole-minute shift of side a or b that clears `target` (re-simulated), in the order:
   * inside the mover's departure window first, then by size, then moving b, then later before earlier.
   * Preferred: a shift that creates no conflict the day did not have; when every clearing shift within
   * ±max_shift creates one, the first that clears the target, with `creates` naming the new conflicts.
   * `target(conflicts, partner)` says whether the mover's conflicts after the shift still hold it.
   */
  search(a: number, b: number, stillThere: (conflicts: readonly DayConflict[], partner: number) => boolean): DepartureShift | null {
    const steps = Math.floor(this.input.rules.maxShiftS / MINUTE_S);
    const cands: { s: number; partner: number; shiftS: number; withinWindow: boolean; order: number }[] = [];
    [b, a].forEach((s, which) => {
      const side = this.sides[s]!;
      for (let k = 1; k <= steps; k++) {
        for (const [dir, shiftS] of [[0, k * MINUTE_S], [1, -k * MINUTE_S]] as const) cands.push({ s, partner: s === a ? b : a, shiftS, withinWindow: shiftS >= side.earliestS && shiftS <= side.latestS, order: which * 2 + dir });
      }
    });
    cands.sort((x, y) => Number(y.withinWindow) - Number(x.withinWindow) || Math.abs(x.shiftS) - Math.abs(y.shiftS) || x.order - y.order);
    let fallback: DepartureShift | null = null;
    for (const c of cands) {
      const after = this.conflictsAt(c.s, c.shiftS);
      if (stillThere(after, c.partner)) continue;
      const before = new Set(this.conflictsAt(c.s, 0).map((x) => x.key));
      const created = after.filter((x) => !before.has(x.key));
      const shift: DepartureShift = { movement: this.sides[c.s]!.movement, shiftS: c.shiftS, withinWindow: c.withinWindow, creates: created.map((x) => ({ movement: this.sides[x.other]!.movement, near: x.near })) };
      if (created.length === 0) return shift;
      fallback ??= shift;
    }
    return fallback;
  }

  /** The shift that removes the conflict of a and b at the place holding `nodes`. */
  conflictShift(a: number, b: number, nodes: readonly number[]): DepartureShift | null {
    const at = new Set(nodes);
    return this.search(a, b, (after, partner) => after.some((x) => x.other === partner && (x.nodes.some((n) => at.has(n)) || (x.nodes.length === 0 && at.size === 0))));
  }

  /** The shift after which a and b conflict nowhere. */
  pairShift(a: number, b: number): DepartureShift | null {
    return this.search(a, b, (after, partner) => after.some((x) => x.other === partner));
  }
}
