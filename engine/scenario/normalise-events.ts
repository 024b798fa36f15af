import { quoteInput } from '../quote.js';
import { suggest } from '../import/gazetteer.js';
import { CheckContext, checkRef } from './check-context.js';
import type { Area, Chokepoint, Inject, InjectAction, InjectTrigger, Responder, Threat } from './model.js';
import type { PartialScenario } from './partial.js';
import type { PlaceResolver } from './places.js';
import type { RawInject, RawScenario, RawThreat } from './schema.js';
import type { DocPath } from './source-map.js';
import { formatTimeOfDay, parseInjectTime } from './units.js';

/** Threats, chokepoints, responders and injects: the parts of a scenario that are about events. */

type RawArea = { center?: RawThreat['center']; radius?: string | undefined; polygon?: [number, number][] | undefined };

/** center + radius, or polygon: exactly one. */
function area(raw: RawArea, path: DocPath, ctx: CheckContext, places: PlaceResolver, what: string): Area | undefined {
  const hasCircle = raw.center !== undefined || raw.radius !== undefined;
  if (hasCircle && raw.polygon) {
    ctx.add([...path, 'polygon'], `${what} gives both center/radius and polygon; keep one`);
    return undefined;
  }
  if (raw.polygon) {
    const ring = raw.polygon.map((p) => [p[0], p[1]] as [number, number]);
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
    if (ring.length < 4) {
      ctx.add([...path, 'polygon'], `${what} polygon needs at least 3 distinct points`);
      return undefined;
    }
    return { type: 'polygon', ring };
  }
  if (raw.center === undefined) {
    ctx.add(path, `${what} needs center and radius, or polygon`);
    return undefined;
  }
  if (raw.radius === undefined) {
    ctx.add(path, `${what} has a center but no radius`);
    return undefined;
  }
  const p = places.point(raw.center, [...path, 'center']);
  const radiusM = ctx.metres(raw.radius);
  if (radiusM <= 0) ctx.add([...path, 'radius'], `radius must be more than 0 m`);
  return p ? { type: 'circle', lon: p.lon, lat: p.lat, radiusM } : undefined;
}

function threat(id: string, t: RawThreat, path: DocPath, ctx: CheckContext, places: PlaceResolver): Threat | undefined {
  const a = area(t, path, ctx, places, `threat '${id}'`);
  const active = ctx.window(t.active, [...path, 'active']);
  return a ? { id, kind: t.kind, area: a, intensity: t.intensity, active, label: t.label ?? id } : undefined;
}

export function normaliseThreats(raw: RawScenario, ctx: CheckContext, places: PlaceResolver): Threat[] {
  const out: Threat[] = [];
  for (const [id, t] of Object.entries(raw.threats)) {
    const th = threat(id, t, ['threats', id], ctx, places);
    if (th) out.push(th);
  }
  return out;
}

export function normaliseChokepoints(raw: RawScenario, ctx: CheckContext, places: PlaceResolver): Chokepoint[] {
  const out: Chokepoint[] = [];
  for (const [id, c] of Object.entries(raw.chokepoints)) {
    const path = ['chokepoints', id];
    const radiusM = ctx.metres(c.radius);
    if ((c.center === undefined) === (c.bridge === undefined)) {
      ctx.add(path, `chokepoint '${id}' needs exactly one of center or bridge`);
      continue;
    }
    if (c.bridge !== undefined) {
      const lm = places.landmark(c.bridge);
      if (!lm || lm.kind !== 'bridge') {
        const bridges = places.landmarkIds().filter((l) => places.landmark(l)?.kind === 'bridge');
        const hint = suggest(c.bridge, bridges);
        ctx.add([...path, 'bridge'], `${quoteInput(c.bridge)} is not a bridge of the gazetteer${hint ? ` (did you mean '${hint}'?)` : bridges.length ? ` (bridges: ${bridges.join(', ')})` : ''}`);
        continue;
      }
      out.push({ id, lon: lm.lon, lat: lm.lat, radiusM, label: c.label ?? lm.name, bridge: lm.id });
      continue;
    }
    const p = places.point(c.center!, [...path, 'center']);
    if (p) out.push({ id, lon: p.lon, lat: p.lat, radiusM, label: c.label ?? p.label });
  }
  return out;
}

export function normaliseResponders(raw: RawScenario, ctx: CheckContext, places: PlaceResolver): Responder[] {
  const out: Responder[] = [];
  for (const [id, r] of Object.entries(raw.responders)) {
    const path = ['responders', id];
    const p = places.point(r.at, [...path, 'at']);
    const available = ctx.window(r.available, [...path, 'available']);
    if (p) out.push({ id, type: r.type, place: p.id, lon: p.lon, lat: p.lat, turnoutS: ctx.seconds(r.turnout), available, count: r.count });
  }
  return out;
}

export function normaliseInjects(raw: RawScenario, ctx: CheckContext, places: PlaceResolver, part: PartialScenario, startS: number | null, threats: Threat[]): Inject[] {
  const out: { inject: Inject; order: number }[] = [];
  const threatIds = new Set(part.declaredIds['threats']);
  for (const t of threats) threatIds.add(t.id);
  // Threats added by injects can be moved by later injects.
  for (const inj of Object.values(raw.injects)) if (inj.action === 'add_threat') threatIds.add(inj.threat.id);
  const responders = new Map(Object.entries(raw.responders));
  let order = 0;
  for (const [id, inj] of Object.entries(raw.injects)) {
    const path = ['injects', id];
    const trigger = injectTrigger(id, inj, path, ctx, places, part, startS);
    const action = injectAction(inj, path, ctx, places, part, threatIds, responders, threats);
    if (trigger && action) out.push({ inject: { id, trigger, action, note: inj.note ?? '' }, order: order++ });
  }
  const key = (t: InjectTrigger) => (t.kind === 'at' ? t.atS : Infinity);
  return out.sort((a, b) => key(a.inject.trigger) - key(b.inject.trigger) || a.order - b.order).map((x) => x.inject);
}

function injectTrigger(id: string, inj: RawInject, path: DocPath, ctx: CheckContext, places: PlaceResolver, part: PartialScenario, startS: number | null): InjectTrigger | undefined {
  if ((inj.at === undefined) === (inj.when === undefined)) {
    ctx.add(path, `inject '${id}' needs exactly one of 'at' (a time) or 'when' (a movement reaching a place)`);
    return undefined;
  }
  if (inj.at !== undefined) {
    const t = parseInjectTime(inj.at, startS);
    if (!t.ok) {
      ctx.add([...path, 'at'], t.message);
      return undefined;
    }
    if (startS !== null && t.value < startS) ctx.add([...path, 'at'], `inject at ${formatTimeOfDay(t.value)} is before the exercise start ${formatTimeOfDay(startS)}`);
    return { kind: 'at', atS: t.value };
  }
  const w = inj.when!;
  const okMovement = checkRef(ctx, w.movement, part.declaredIds['movements']!, [...path, 'when', 'movement'], 'movement');
  const p = places.point(w.reaches, [...path, 'when', 'reaches']);
  return okMovement && p ? { kind: 'reaches', movement: w.movement, place: p.id, radiusM: ctx.metres(w.within) } : undefined;
}

function injectAction(
  inj: RawInject,
  path: DocPath,
  ctx: CheckContext,
  places: PlaceResolver,
  part: PartialScenario,
  threatIds: ReadonlySet<string>,
  responders: Map<string, { count: number }>,
  threats: Threat[],
): InjectAction | undefined {
  const dur = (d: string | undefined) => (d === undefined ? null : ctx.seconds(d));
  switch (inj.action) {
    case 'close_road': {
      if (inj.near === undefined && inj.edges === undefined) {
        ctx.add(path, `close_road needs 'near' (a place or [lon, lat]) or 'edges'`);
        return undefined;
      }
      const p = inj.near === undefined ? undefined : places.point(inj.near, [...path, 'near']);
      if (inj.near !== undefined && !p) return undefined;
      return { type: 'close_road', area: p ? { type: 'circle', lon: p.lon, lat: p.lat, radiusM: ctx.metres(inj.radius) } : null, edges: inj.edges ?? [], durationS: dur(inj.duration) };
    }
    case 'close_area': {
      const a = area(inj, path, ctx, places, 'close_area');
      return a ? { type: 'close_area', area: a, durationS: dur(inj.duration) } : undefined;
    }
    case 'add_threat': {
      const tid = inj.threat.id;
      if (threats.some((t) => t.id === tid) || part.declaredIds['threats']!.has(tid)) {
        ctx.add([...path, 'threat', 'id'], `threat id '${tid}' is already used under threats`);
        return undefined;
      }
      const t = threat(tid, inj.threat, [...path, 'threat'], ctx, places);
      return t ? { type: 'add_threat', threat: t } : undefined;
    }
    case 'move_threat': {
      const ok = checkRef(ctx, inj.threat, threatIds, [...path, 'threat'], 'threat');
      const p = places.point(inj.to, [...path, 'to']);
      return ok && p ? { type: 'move_threat', threat: inj.threat, lon: p.lon, lat: p.lat } : undefined;
    }
    case 'responder_out': {
      if (!checkRef(ctx, inj.responder, part.declaredIds['responders']!, [...path, 'responder'], 'responder')) return undefined;
      const have = responders.get(inj.responder)?.count ?? 1;
      if (inj.count !== undefined && inj.count > have) ctx.add([...path, 'count'], `count ${inj.count} is more than the ${have} unit${have === 1 ? '' : 's'} of responder '${inj.responder}'`);
      return { type: 'responder_out', responder: inj.responder, count: inj.count ?? have, durationS: dur(inj.duration) };
    }
    case 'breakdown': {
      if (!checkRef(ctx, inj.movement, part.declaredIds['movements']!, [...path, 'movement'], 'movement')) return undefined;
      return { type: 'breakdown', movement: inj.movement, durationS: ctx.seconds(inj.duration) };
    }
  }
}
