import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { JournalWriter, readJournal, type JournalHeader, type JournalInput } from '../../engine/exercise/journal.js';
import { ExerciseInputError, ExerciseSession } from '../../engine/exercise/session.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import type { RunPlan } from '../../engine/model/run-plan.js';
import { loadScenarioOrThrow } from '../../engine/scenario/index.js';
import { planFromScenario } from '../../engine/scenario/scenario-adapter.js';
import { renderExerciseReview } from '../../viz/exercise-review.js';

/**
 * The exercise engine on the bundled tabletop scenario: journal → state is deterministic (a replay gives
 * the same state byte for byte), decisions change the prediction as a commander expects, and entries
 * that do not fit the exercise are refused with a message naming what is wrong.
 */
const T0 = 8 * 3600;
const min = (m: number) => T0 + m * 60;
let graph: RoadGraph;
let plan: RunPlan;

beforeAll(async () => {
  graph = (await loadGraph()).graph;
  const scenario = await loadScenarioOrThrow('scenarios/tabletop-bridge-closure.yaml', { graph });
  plan = planFromScenario(scenario, graph);
});

const header: JournalHeader = { type: 'start', v: 1, scenario: 'tabletop', scenarioDigest: '0'.repeat(64), t0S: T0, seed: '1' };

/** A trainer's morning: play, fire the bridge closure early, a new closure, holds, a switch, a divert. */
const SCRIPT: JournalInput[] = [
  { type: 'clock', atS: T0, who: 'trainer', action: 'play' },
  { type: 'clock', atS: min(2), who: 'trainer', action: 'speed', speed: 60 },
  { type: 'fire', atS: min(3), who: 'trainer', injectId: 'bridge_closed' },
  { type: 'decision', atS: min(4), who: 'player', movementId: 'b1_rosewood_venue', decision: { kind: 'hold', durationS: null }, note: 'wait at the hotel' },
  { type: 'inject', atS: min(6), who: 'trainer', id: 'monivong_crash', action: { type: 'close_edges', edges: [100, 101], label: 'crash on a side street' }, durationS: 1200, note: '' },
  { type: 'cancel', atS: min(7), who: 'trainer', injectId: 'ambulance_called_away' },
  { type: 'decision', atS: min(10), who: 'player', movementId: 'b1_rosewood_venue', decision: { kind: 'release' }, note: 'go' },
  { type: 'decision', atS: min(11), who: 'player', movementId: 'b1_rosewood_venue', decision: { kind: 'switch', optionId: 'hold' }, note: 'via Wat Phnom' },
  { type: 'decision', atS: min(12), who: 'player', movementId: 'c1_hyatt_venue', decision: { kind: 'divert', placeId: 'staging_wat_phnom' }, note: 'stage' },
  { type: 'clock', atS: min(20), who: 'trainer', action: 'pause' },
];

describe('exercise session', () => {
  it('replays a journal to the same state and the same review, byte for byte', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-exercise-'));
    const file = path.join(dir, 'journal.jsonl');
    const live = new ExerciseSession(graph, plan, T0);
    const writer = new JournalWriter(file, header);
    for (const input of SCRIPT) writer.write(live.apply(input));
    writer.close();
    const read = readJournal(file);
    expect(read.torn).toBe(0);
    expect(read.entries).toHaveLength(SCRIPT.length);
    const replayed = new ExerciseSession(graph, plan, T0);
    for (const e of read.entries) replayed.apply(e);
    for (const t of [min(5), min(15), min(20), min(90)]) expect(JSON.stringify(replayed.state(t))).toBe(JSON.stringify(live.state(t)));
    expect(renderExerciseReview(replayed, 'tabletop', min(20))).toBe(renderExerciseReview(live, 'tabletop', min(20)));
  });

  it('a journal cut short by a crash loses only its torn last line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-exercise-'));
    const file = path.join(dir, 'journal.jsonl');
    const s = new ExerciseSession(graph, plan, T0);
    const writer = new JournalWriter(file, header);
    for (const input of SCRIPT.slice(0, 3)) writer.write(s.apply(input));
    writer.close();
    fs.appendFileSync(file, '{"type":"decision","atS":');
    const read = readJournal(file);
    expect(read.torn).toBe(1);
    expect(read.entries).toHaveLength(3);
    const again = new JournalWriter(file, undefined, read.validBytes);
    again.write({ ...SCRIPT[3]!, seq: 4 } as never);
    again.close();
    expect(readJournal(file).entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('holding before departure delays the predicted arrival by the hold; the plan stays as it was', () => {
    const s = new ExerciseSession(graph, plan, T0);
    // Without the scripted bridge closure, which a later crossing would run into.
    s.apply({ type: 'cancel', atS: T0, who: 'trainer', injectId: 'bridge_closed' });
    const before = s.state(T0).movements.find((m) => m.id === 'a1_raffles_venue')!;
    s.apply({ type: 'decision', atS: T0, who: 'player', movementId: 'a1_raffles_venue', decision: { kind: 'hold', durationS: 600 }, note: '' });
    const after = s.state(min(6)).movements.find((m) => m.id === 'a1_raffles_venue')!;
    expect(after.plannedArrivalS).toBe(before.plannedArrivalS);
    // The hold starts at departure (08:05); traffic bands can shift the drive by a little either way.
    expect(after.predictedArrivalS! - before.predictedArrivalS!).toBeGreaterThan(540);
    expect(after.predictedArrivalS! - before.predictedArrivalS!).toBeLessThan(900);
    expect(after.status).toBe('held');
    expect(s.state(min(30)).movements.find((m) => m.id === 'a1_raffles_venue')!.events.some((e) => e.kind === 'decision' && /holds for 10 min/.test(e.message))).toBe(true);
  });

  it('firing the bridge closure early reroutes the convoys that have not crossed yet', () => {
    const s = new ExerciseSession(graph, plan, T0);
    const before = s.state(T0).movements;
    s.apply({ type: 'fire', atS: T0, who: 'trainer', injectId: 'bridge_closed' });
    const st = s.state(min(1));
    expect(st.injects.find((i) => i.id === 'bridge_closed')!.status).toBe('fired');
    expect(st.map.closures.map((c) => c.injectId)).toContain('bridge_closed');
    const a1 = st.movements.find((m) => m.id === 'a1_raffles_venue')!;
    expect(a1.predictedArrivalS!).toBeGreaterThan(before.find((m) => m.id === 'a1_raffles_venue')!.predictedArrivalS! + 300);
    expect(s.state(min(40)).movements.find((m) => m.id === 'a1_raffles_venue')!.events.some((e) => e.kind === 'reroute')).toBe(true);
  });

  it('a divert ends the movement at the staging area', () => {
    const s = new ExerciseSession(graph, plan, T0);
    s.apply({ type: 'decision', atS: min(1), who: 'player', movementId: 'c1_hyatt_venue', decision: { kind: 'divert', placeId: 'staging_wat_phnom' }, note: '' });
    const c1 = s.state(min(120)).movements.find((m) => m.id === 'c1_hyatt_venue')!;
    expect(c1.status).toBe('arrived');
    const wat = plan.landmarks.find((p) => p.id === 'staging_wat_phnom')!;
    // Ends on the road nearest the holding area (gate points are a few hundred metres from it at most).
    expect(Math.hypot((c1.lon - wat.lon) * 109_000, (c1.lat - wat.lat) * 111_000)).toBeLessThan(600);
  });

  it('preview predicts exactly what confirming the decision gives', () => {
    const s = new ExerciseSession(graph, plan, T0);
    const input: JournalInput = { type: 'decision', atS: min(2), who: 'player', movementId: 'b1_rosewood_venue', decision: { kind: 'reroute', by: 'safest' }, note: '' };
    const preview = s.preview(input).movements;
    s.apply(input);
    expect(JSON.stringify(s.state(min(2)).movements)).toBe(JSON.stringify(preview));
  });

  it('refuses what does not fit the exercise, naming it', () => {
    const s = new ExerciseSession(graph, plan, T0);
    const refuse = (input: JournalInput, message: RegExp) => {
      expect(() => s.apply(input)).toThrow(ExerciseInputError);
      expect(() => s.apply(input)).toThrow(message);
    };
    refuse({ type: 'decision', atS: T0, who: 'player', movementId: 'zz_unknown', decision: { kind: 'continue' }, note: '' }, /no movement "zz_unknown" \(movements: a1_raffles_venue/);
    refuse({ type: 'inject', atS: T0, who: 'trainer', id: 'x', action: { type: 'close_edges', edges: [graph.edgeCount + 5], label: 'x' }, durationS: null, note: '' }, new RegExp(`no road edge ${graph.edgeCount + 5} \\(the graph has ${graph.edgeCount} edges\\)`));
    refuse({ type: 'decision', atS: T0, who: 'player', movementId: 'a1_raffles_venue', decision: { kind: 'release' }, note: '' }, /not on an open hold/);
    refuse({ type: 'decision', atS: T0, who: 'player', movementId: 'a1_raffles_venue', decision: { kind: 'switch', optionId: 'nope' }, note: '' }, /has no option "nope" \(options: primary\)/);
    refuse({ type: 'delay', atS: T0, who: 'trainer', injectId: 'breakdown_c1', delayS: 300 }, /fires by position, not time/);
    refuse({ type: 'inject', atS: T0, who: 'trainer', id: 'm', action: { type: 'move_threat', threatId: 'ghost', lon: 104.9, lat: 11.56 }, durationS: null, note: '' }, /no threat "ghost"/);
    refuse({ type: 'decision', atS: min(60), who: 'player', movementId: 'a1_raffles_venue', decision: { kind: 'reroute', by: 'fastest' }, note: '' }, /a1_raffles_venue arrived at 08:13/);
    s.apply({ type: 'clock', atS: min(5), who: 'trainer', action: 'play' });
    refuse({ type: 'cancel', atS: min(1), who: 'trainer', injectId: 'bridge_closed' }, /before the last entry/);
    refuse({ type: 'fire', atS: min(30), who: 'trainer', injectId: 'bridge_closed' }, /has already fired at 08:12/);
    expect(s.journal()).toHaveLength(1);
  });
});
