import type { Conflict, DayPlace, DepartureShift, DeploymentPlan, OptionConflicts, OptionDeployment, SharedUse, StaffingTimeline } from '../engine/analysis/deployment/index.js';
import { csvDocument } from './csv-cell.js';
import { clock } from './run-output.js';

/**
 * How `motorcade deploy` presents a DeploymentPlan: terminal tables for the planner, one CSV row per
 * junction post for duty rosters, and an RFC 7946 FeatureCollection. Every export carries the ODbL
 * attribution (a last CSV column; a property of every feature and a foreign member).
 */

/** What a deploy output says about the plan besides the plan itself. */
export interface DeployContext {
  scenario: { id: string; name: string };
  attribution: string;
  /** Route coordinates of each movement's chosen option (null without a route), plan order. */
  routes: ([number, number][] | null)[];
}

/** HH:MM:SS (duty rosters need the seconds a terminal table rounds away). */
export function clockSeconds(s: number): string {
  const d = ((Math.round(s) % 86400) + 86400) % 86400;
  const two = (x: number) => String(x).padStart(2, '0');
  return `${two(Math.floor(d / 3600))}:${two(Math.floor((d % 3600) / 60))}:${two(d % 60)}`;
}

const POSTS_SHOWN = 10;
const SHARED_SHOWN = 12;

function minutesText(s: number): string {
  const m = s / 60;
  return `${m > 0 ? '+' : m < 0 ? '−' : ''}${Math.abs(m).toFixed(0)} min`;
}

/** "2 (with b1, c1)", "0", or "—" without a route: conflicts the option would have if driven. */
function conflictsCell(c: OptionConflicts): string {
  if (c.conflicts === null) return '—';
  return c.conflicts === 0 ? '0' : `${c.conflicts} (with ${c.with.join(', ')})`;
}

function optionLine(o: OptionDeployment, c: OptionConflicts, chosen: boolean): string {
  const name = `${o.option}${chosen ? ' *' : ''}`.padEnd(16);
  if (o.status === 'no_route') return `  ${name}no route: nothing to hold`;
  if (o.status === 'not_held') return `  ${name}intersection control none: the convoy drives with traffic, no junction is held; conflicts if driven: ${conflictsCell(c)}`;
  const peak = o.officersPeak.atS === null ? '—' : `${o.officersPeak.count} at ${clock(o.officersPeak.atS)}`;
  const cells = [String(o.posts.length).padStart(5), String(o.officersTotal).padStart(8), peak.padStart(14), o.disruption.roadMinutes.toFixed(0).padStart(9), String(o.disruption.majorJunctions).padStart(10), conflictsCell(c).padStart(9)];
  return `  ${name}${cells.join('  ')}${o.arrived ? '' : '  (did not arrive: posts up to where it stopped)'}`;
}

/** Officers posted every 15 minutes (the largest count within each quarter hour), from the first post to the last. */
export function timelineText(t: StaffingTimeline): string {
  if (t.officers.length === 0) return 'no officers posted';
  const parts: string[] = [];
  for (let m = 0; m < t.officers.length; m += 15) {
    const most = Math.max(...t.officers.slice(m, m + 15));
    // Quarter hours with nobody posted are shown once, as a gap.
    if (most > 0) parts.push(`${clock(t.startS + m * t.stepS)} ${most}`);
    else if (parts[parts.length - 1] !== '…') parts.push('…');
  }
  return parts.join(' | ');
}

function placeText(p: Pick<SharedUse, 'kind' | 'lengthM' | 'near'>): string {
  const what = p.kind === 'junction' ? 'junction' : `${p.kind}, ${p.lengthM >= 1000 ? `${(p.lengthM / 1000).toFixed(1)} km` : `${Math.round(p.lengthM)} m`}`;
  return `${p.near} (${what})`;
}

function presence(id: string, o: { fromS: number; toS: number; closeS: number | null; openS: number | null }): string {
  const closed = o.closeS !== null && o.openS !== null ? `, closed ${clock(o.closeS)}–${clock(o.openS)}` : '';
  return `${id} ${clockSeconds(o.fromS)}–${clockSeconds(o.toS)}${closed}`;
}

function dayPlaceText(p: DayPlace): string[] {
  return [`  ${placeText(p)}`, ...p.uses.map((u) => `    ${presence(`${u.movement}/${u.option}`, u)}${u.conflictsWith.length ? `  conflicts with ${u.conflictsWith.join(', ')}` : ''}`)];
}

/** "shift X +N min (within/outside its departure window)", and the conflicts it would create with other movements. */
function shiftText(sh: DepartureShift): string {
  const creates = sh.creates.length ? `; creates a conflict with ${sh.creates.map((x) => `${x.movement} at ${x.near}`).join(', ')} (no shift within max_shift avoids one)` : '';
  return `shift ${sh.movement} ${minutesText(sh.shiftS)}${sh.withinWindow ? ' (within its departure window)' : ' (outside its departure window)'}${creates}`;
}

function conflictText(c: Conflict, i: number): string[] {
  const why = c.reason === 'closures_overlap' ? 'closure windows overlap' : `${Math.round(c.gapS)} s apart`;
  const fix = c.shift ? shiftText(c.shift) : 'no departure shift within max_shift removes it';
  return [`  ${i + 1}. ${c.movementA}/${c.optionA} and ${c.movementB}/${c.optionB} at ${placeText(c)}: ${why}`, `     ${presence(c.movementA, c.a)}; ${presence(c.movementB, c.b)}`, `     → ${fix}`];
}

export function deploySummary(plan: DeploymentPlan, cx: DeployContext): string {
  const out: string[] = [`Deployment plan: ${cx.scenario.name}`, 'From the nominal run of each option; * marks the option driven on the day (deployment.drive or --option to choose); conflicts: with the other movements\' driven options, if this option were driven. Rules: docs/deployment.md', ''];
  for (const mv of plan.movements) {
    const first = mv.options[0]!;
    const chosen = mv.options.find((o) => o.option === mv.chosen)!;
    out.push(`Movement ${mv.movement} (${first.control === 'none' ? 'no intersection control' : `${first.control} control`}, ${first.outriders} outriders)`);
    out.push(`  ${'option'.padEnd(16)}${['posts'.padStart(5), 'officers'.padStart(8), 'peak (at)'.padStart(14), 'road-min'.padStart(9), 'major jct'.padStart(10), 'conflicts'.padStart(9)].join('  ')}`);
    mv.options.forEach((o, oi) => out.push(optionLine(o, mv.optionConflicts[oi]!, o.option === mv.chosen)));
    if (chosen.posts.length > 0) {
      const shown = chosen.posts.slice(0, POSTS_SHOWN);
      out.push(`  Posts of ${chosen.option}${chosen.posts.length > shown.length ? ` (first ${shown.length} of ${chosen.posts.length}; all in --csv)` : ''}:`);
      out.push(`  ${'#'.padStart(4)}  ${'close'.padEnd(5)}  ${'lead'.padEnd(8)}  ${'open'.padEnd(8)}  officers  kind   arms  near`);
      for (const p of shown) out.push(`  ${String(p.order).padStart(4)}  ${clock(p.closeS)}  ${clockSeconds(p.leadS)}  ${clockSeconds(p.openS)}  ${String(p.officers).padStart(8)}  ${p.kind.padEnd(5)}  ${String(p.arms).padStart(4)}  ${p.near}`);
    }
    out.push('');
  }
  const d = plan.day;
  out.push(`Day (${plan.movements.map((m) => `${m.movement}/${m.chosen}`).join(', ')})`);
  out.push(`  officers: ${d.officersTotal} posted in total, ${d.officersPeak.count} at the peak minute${d.officersPeak.atS === null ? '' : ` (${clock(d.officersPeak.atS)})`}`);
  out.push(`  outriders: ${d.outridersTotal} motorcycles in total, ${d.outridersPeak.count} on the road at once${d.outridersPeak.atS === null ? '' : ` (${clock(d.outridersPeak.atS)})`}`);
  out.push(`  disruption: ${d.roadMinutes.toFixed(0)} road-minutes closed; ${d.majorJunctions} of ${d.junctions} held junctions on major roads`);
  out.push(`  officers posted (most in each quarter hour): ${timelineText(d.timeline)}`);
  out.push('');
  const placesShown = d.places.slice(0, SHARED_SHOWN);
  if (d.places.length > 0) {
    out.push(`Places of the day (${d.places.length}${d.places.length > placesShown.length ? `; first ${placesShown.length}, all in --json day.places` : ''}), each with every movement there by time:`);
    for (const p of placesShown) out.push(...dayPlaceText(p));
    out.push('');
  }
  const sharedShown = d.shared.slice(0, SHARED_SHOWN);
  out.push(d.shared.length === 0 ? 'Shared places: none (no two movements drive the same road or junction)' : `Shared places (${d.shared.length}${d.shared.length > sharedShown.length ? `; first ${sharedShown.length}, all in --json` : ''}):`);
  for (const s of sharedShown) out.push(`  ${s.movementA} and ${s.movementB} at ${placeText(s)}: ${presence(s.movementA, s.a)}; ${presence(s.movementB, s.b)}`);
  out.push('');
  out.push(d.conflicts.length === 0 ? `Conflicts: none (separation ${Math.round(d.separationS / 60)} min)` : `Conflicts (${d.conflicts.length}; separation ${Math.round(d.separationS / 60)} min):`);
  d.conflicts.forEach((c, i) => out.push(...conflictText(c, i)));
  for (const p of d.pairs) {
    if (p.conflicts < 2) continue;
    const fix = p.shift ? shiftText(p.shift) : 'no single departure shift within max_shift';
    out.push(`  ${p.movementA} and ${p.movementB}: ${fix} removes all ${p.conflicts} of their conflicts`);
  }
  out.push('', `Road data ${cx.attribution}`);
  return out.join('\n');
}

/** --json: the plan, with the scenario and the attribution. */
export function deployJson(plan: DeploymentPlan, cx: DeployContext): object {
  return { scenario: cx.scenario, attribution: `Road data ${cx.attribution}`, ...plan };
}

export const POST_CSV_HEADER = ['movement', 'option', 'control', 'post', 'node', 'lon', 'lat', 'near', 'kind', 'arms', 'blocked_arms', 'officers', 'close', 'lead', 'open', 'close_s', 'lead_s', 'open_s', 'closed_min', 'attribution'] as const;

/** --csv FILE: one row per junction post of each movement's chosen option, in driving order: a duty roster. */
export function postsCsv(plan: DeploymentPlan, cx: DeployContext): string {
  const rows: unknown[][] = [[...POST_CSV_HEADER]];
  const attribution = `Road data ${cx.attribution}`;
  for (const mv of plan.movements) {
    const o = mv.options.find((x) => x.option === mv.chosen)!;
    for (const p of o.posts) {
      rows.push([mv.movement, o.option, o.control, p.order, p.node, p.lon, p.lat, p.near, p.kind, p.arms, p.blockedArms, p.officers, clockSeconds(p.closeS), clockSeconds(p.leadS), clockSeconds(p.openS), p.closeS, p.leadS, p.openS, Math.round((p.openS - p.closeS) / 6) / 10, attribution]);
    }
  }
  return csvDocument(rows);
}

/**
 * --geojson FILE: the chosen route of each movement (LineString), its junction posts (Points with the
 * window and officers) and the conflicts (Points at the shared place), every feature with `kind` and
 * the attribution; the day totals in the foreign member `motorcade`.
 */
export function deployGeoJSON(plan: DeploymentPlan, cx: DeployContext): object {
  const attribution = `Road data ${cx.attribution}`;
  const features: object[] = [];
  plan.movements.forEach((mv, mi) => {
    const o = mv.options.find((x) => x.option === mv.chosen)!;
    const coords = cx.routes[mi];
    if (coords) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: { kind: 'route', movement: mv.movement, option: o.option, control: o.control, posts: o.posts.length, officers: o.officersTotal, road_minutes: o.disruption.roadMinutes, attribution } });
    for (const p of o.posts) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { kind: 'post', movement: mv.movement, option: o.option, post: p.order, near: p.near, junction: p.kind, arms: p.arms, blocked_arms: p.blockedArms, officers: p.officers, close: clockSeconds(p.closeS), open: clockSeconds(p.openS), close_s: p.closeS, lead_s: p.leadS, open_s: p.openS, attribution },
      });
    }
  });
  plan.day.conflicts.forEach((c, i) => {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
      properties: { kind: 'conflict', conflict: i + 1, place: c.kind, near: c.near, movement_a: c.movementA, movement_b: c.movementB, reason: c.reason, gap_s: c.gapS, shift_movement: c.shift?.movement ?? null, shift_s: c.shift?.shiftS ?? null, shift_within_window: c.shift?.withinWindow ?? null, attribution },
    });
  });
  const d = plan.day;
  return { type: 'FeatureCollection', features, attribution, motorcade: { scenario: cx.scenario, officers_total: d.officersTotal, officers_peak: d.officersPeak.count, outriders_total: d.outridersTotal, conflicts: d.conflicts.length } };
}
