import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFromScenario } from '../../engine/scenario/scenario-adapter.js';
import { validateScenarioText } from '../../engine/scenario/index.js';
import { ID_PATTERN } from '../../engine/scenario/schema.js';

/**
 * Ids equal to Object.prototype's members (`constructor`, `toString`, `__proto__` …) are ids like any
 * other: an item named so is kept (or, when the name breaks the id rule, refused with a problem), and a
 * reference to an undeclared one is reported as unknown. Each kind of id is tried with every such name.
 */
const NAMES = Object.getOwnPropertyNames(Object.prototype);
const VALID = NAMES.filter((n) => ID_PATTERN.test(n));
const INVALID = NAMES.filter((n) => !ID_PATTERN.test(n));

/** A data folder whose gazetteer holds one landmark per name (and the plain one the scenarios use). */
const DATA = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-proto-'));
fs.writeFileSync(
  path.join(DATA, 'landmarks.json'),
  JSON.stringify({ landmarks: [...NAMES.map((id, i) => ({ id, name: `Landmark ${i}`, kind: 'hotel', lon: 104.92 + i * 0.001, lat: 11.57 })), { id: 'plain_bridge', name: 'Bridge', kind: 'bridge', lon: 104.93, lat: 11.58 }] }),
);

/** Every kind of id named `n`: place, escort profile, delegation, movement, option, threat, chokepoint, responder, inject. */
function everythingNamed(n: string): string {
  return `name: everything named ${n}
date: 2022-11-10
places:
  ${n}: { lon: 104.921, lat: 11.577 }
  other: { lon: 104.937, lat: 11.572 }
escort_profiles:
  ${n}: { outriders: 2, speed_cap: 60 km/h }
delegations:
  ${n}: { size: 10, vehicles: { count: 3 }, escort: ${n} }
movements:
  ${n}:
    delegation: ${n}
    from: ${n}
    to: other
    departure: "08:30"
    responders: [${n}]
    options: { ${n}: { route: fastest } }
threats:
  ${n}: { kind: protest, center: ${n}, radius: 100 m, intensity: 0.5, active: { from: "08:00", to: "10:00" } }
chokepoints:
  ${n}: { center: ${n}, radius: 50 m }
responders:
  ${n}: { type: police, at: ${n} }
injects:
  ${n}: { at: "09:00", action: responder_out, responder: ${n} }
`;
}

/** A gazetteer without those names. */
const PLAIN = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-proto-plain-'));
fs.writeFileSync(path.join(PLAIN, 'landmarks.json'), JSON.stringify({ landmarks: [{ id: 'plain_bridge', name: 'Bridge', kind: 'bridge', lon: 104.93, lat: 11.58 }] }));

const validate = (text: string, dataDir = DATA) => validateScenarioText(text, 'proto.yaml', path.join(dataDir, 'proto.yaml'), { dataDir });

describe('ids named like Object.prototype members', () => {
  it.each(VALID)('%s: every kind of item named so is kept and reaches the run plan', (n) => {
    const { scenario, problems } = validate(everythingNamed(n));
    expect(problems).toEqual([]);
    expect(Object.keys(scenario.places).sort()).toEqual([n, 'other'].sort());
    expect(scenario.places[n]).toMatchObject({ id: n, lon: 104.921, lat: 11.577 });
    expect(Object.keys(scenario.delegations)).toEqual([n]);
    expect(Object.keys(scenario.escortProfiles)).toEqual([n]);
    expect(scenario.movements.map((m) => [m.id, m.delegation, m.from, m.to, m.options.map((o) => o.id), m.responders])).toEqual([[n, n, n, 'other', [n], [n]]]);
    expect(scenario.threats.map((t) => t.id)).toEqual([n]);
    expect(scenario.chokepoints.map((c) => c.id)).toEqual([n]);
    expect(scenario.responders.map((r) => [r.id, r.place])).toEqual([[n, n]]);
    expect(scenario.injects.map((i) => i.id)).toEqual([n]);
    const plan = planFromScenario(scenario);
    expect(plan.movements.map((m) => [m.id, m.from.id, m.escort.convoySpeedKmh])).toEqual([[n, n, 60]]);
    expect(plan.threats.length).toBe(1);
    expect(plan.responders.length).toBe(1);
  });

  it.each(VALID)('%s: a reference to an undeclared one is an unknown place, delegation, profile, responder', (n) => {
    const text = `name: t
date: 2022-11-10
places:
  a: { lon: 104.921, lat: 11.577 }
escort_profiles:
  vip: { outriders: 2, speed_cap: 60 km/h }
delegations:
  alpha: { size: 10, vehicles: { count: 3 }, escort: ${n} }
  beta: { size: 10, vehicles: { count: 3 }, escort: vip }
movements:
  m1: { delegation: ${n}, from: a, to: ${n}, departure: "08:30" }
  m2: { delegation: beta, from: a, to: plain_bridge, departure: "09:30", responders: [${n}] }
threats:
  t1: { kind: protest, center: ${n}, radius: 100 m, intensity: 0.5 }
`;
    const messages = validate(text, PLAIN).problems.map((p) => `${p.path}: ${p.message.replace(/ \(.*$/, '')}`);
    expect(messages.sort()).toEqual([
      `delegations.alpha.escort: unknown escort profile '${n}'`,
      `movements.m1.delegation: unknown delegation '${n}'`,
      `movements.m1.to: unknown place '${n}'`,
      `movements.m2.responders[0]: unknown responder '${n}'`,
      `threats.t1.center: unknown place '${n}'`,
    ].sort());
  });

  it.each(VALID)('%s: a gazetteer landmark of that id is a place; an undeclared non-landmark is unknown', (n) => {
    const text = `name: t
date: 2022-11-10
escort_profiles:
  vip: { outriders: 2, speed_cap: 60 km/h }
delegations:
  alpha: { size: 10, vehicles: { count: 3 }, escort: vip }
movements:
  m1: { delegation: alpha, from: plain_bridge, to: ${n}, departure: "08:30" }
`;
    const { scenario, problems } = validate(text);
    expect(problems).toEqual([]);
    expect(scenario.movements.map((m) => m.to)).toEqual([n]);
    expect(scenario.places[n]).toMatchObject({ landmark: n, kind: 'hotel' });
    const elsewhere = validateScenarioText(text.replace('plain_bridge', 'nowhere_known'), 'proto.yaml', path.join(DATA, 'proto.yaml'), { dataDir: DATA });
    expect(elsewhere.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^unknown place 'nowhere_known'/)]);
  });

  it.each(INVALID)('%s: breaks the id rule, so every item named so is refused with a problem naming it', (n) => {
    const { problems } = validate(everythingNamed(`"${n}"`).replace(/\b(escort|delegation|from|center|at|responder): "[^"]+"/g, '$1: x').replace(/responders: \["[^"]+"\]/, 'responders: []'));
    const sections = ['places', 'escort_profiles', 'delegations', 'movements', 'threats', 'chokepoints', 'responders', 'injects'];
    for (const s of sections) expect(problems.map((p) => `${p.path}: ${p.message}`)).toContain(`${s}.${n}: id '${n}' must start with a letter and hold only letters, digits, '_' or '-'`);
  });
});
