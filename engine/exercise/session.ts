import type { RoadGraph } from '../graph/road-graph.js';
import type { PlanPlace, RunPlan } from '../model/run-plan.js';
import { PreparedRun } from '../sim/prepared-run.js';
import type { Recorder } from '../sim/recorder.js';
import type { CachedRoute } from '../sim/decision-routing.js';
import { effectivePlan } from './effective-plan.js';
import { checkEntry } from './entry-checks.js';
import { journalEntrySchema, type JournalEntry, type JournalInput } from './journal.js';
import { movementStateAt, type MovementState } from './movement-state.js';
import { mapLayersAt, type ExerciseMapLayers } from './map-layers.js';

/** A journal entry refused because it does not fit the exercise as it stands (shown to the trainer). */
export class ExerciseInputError extends Error {
  override readonly name = 'ExerciseInputError';
}

export interface ScheduledInjectState {
  id: string;
  note: string;
  action: string;
  /** When it fires (time of day, s); null for a positional trigger whose movement never gets there. */
  dueS: number | null;
  status: 'pending' | 'fired' | 'cancelled';
  /** Positional injects can be fired early or cancelled, not delayed. */
  delayable: boolean;
}

export interface ExerciseState {
  atS: number;
  t0S: number;
  movements: MovementState[];
  injects: ScheduledInjectState[];
  map: ExerciseMapLayers;
  /** Journal entries made so far (the trainer's and players' part of the log). */
  journal: JournalEntry[];
}

export interface Evaluation {
  world: PreparedRun;
  records: (Recorder | null)[];
}

/**
 * A live exercise: the scenario's plan run on the nominal model (every random draw at its median, so
 * the same decisions always give the same day) with the journal's injects and decisions applied at the
 * exercise time they were made. The state at any time is a pure function of (graph, plan, entries):
 * each change to the journal re-simulates the day (a nominal run per movement, a few milliseconds, on
 * the route options and coverage tables computed once), and the clock only picks the moment to read.
 */
export class ExerciseSession {
  private readonly entries: JournalEntry[] = [];
  private readonly scripted: PreparedRun;
  /** Each movement's nominal run with no inject and no decision: the plan, and the review's baseline. */
  readonly planned: readonly (Recorder | null)[];
  private evaluation: Evaluation | undefined;
  /** Searches and coverage tables every re-simulation of this exercise shares. */
  private readonly routeCache = new Map<string, CachedRoute | null>();
  private readonly coverage = new Map<string, Float64Array | null>();
  /** Scenario places a convoy can be diverted to, by id. */
  readonly places: ReadonlyMap<string, PlanPlace>;

  constructor(
    readonly graph: RoadGraph,
    readonly plan: RunPlan,
    readonly t0S: number,
  ) {
    this.scripted = new PreparedRun(graph, plan, { samples: 1 });
    const noInjects = new PreparedRun(graph, { ...plan, injects: [] }, { samples: 1, precomputed: this.scripted.share() });
    this.planned = plan.movements.map((_, mi) => record(noInjects, mi));
    this.places = new Map(plan.landmarks.map((p) => [p.id, p]));
  }

  /** Entries applied so far (a copy). */
  journal(): JournalEntry[] {
    return [...this.entries];
  }

  get lastAtS(): number {
    return this.entries.length > 0 ? this.entries[this.entries.length - 1]!.atS : this.t0S;
  }

  /** Check an entry against the exercise as it stands, number it and apply it; ExerciseInputError when refused. */
  apply(input: JournalInput): JournalEntry {
    if (input.atS < this.lastAtS) throw new ExerciseInputError(`exercise time ${input.atS} s is before the last entry's (${this.lastAtS} s)`);
    const problem = checkEntry(this, input);
    if (problem) throw new ExerciseInputError(problem);
    // Parsed into the journal's own shape (key order included), so a live session and its replay hold
    // the same objects.
    const entry = journalEntrySchema.parse({ ...input, seq: this.entries.length + 1 });
    this.entries.push(entry);
    if (entry.type !== 'clock') this.evaluation = undefined;
    return entry;
  }

  /** The whole exercise state at exercise time `t`. */
  state(t: number): ExerciseState {
    const ev = this.evaluate();
    return {
      atS: t,
      t0S: this.t0S,
      movements: this.movementStates(ev, t),
      injects: this.scheduledInjects(ev, t),
      map: mapLayersAt(this.graph, ev.world, t),
      journal: this.journal(),
    };
  }

  /** Movement states at `t` (cheap: the day is simulated once per journal change). */
  movementStates(ev: Evaluation = this.evaluate(), t: number): MovementState[] {
    return this.plan.movements.map((mv, mi) => {
      const rec = ev.records[mi];
      if (!rec) return noRouteState(mv.id, mv.departureS);
      return movementStateAt(this.graph, mv.id, rec, this.planned[mi] ?? null, t, this.plan.scoring.responseTargetS);
    });
  }

  /** What the day would look like with `input` added, without journaling it (the player's preview). */
  preview(input: JournalInput): { movements: MovementState[] } {
    const problem = checkEntry(this, input);
    if (problem) throw new ExerciseInputError(problem);
    const trial = [...this.entries, { ...input, seq: this.entries.length + 1 } as JournalEntry];
    return { movements: this.movementStates(this.evaluateEntries(trial), input.atS) };
  }

  /** The scripted injects' due times at `t`, for "jump to the next inject". */
  nextInjectS(t: number): number | null {
    const due = this.scheduledInjects(this.evaluate(), t)
      .filter((i) => i.status === 'pending' && i.dueS !== null && i.dueS > t)
      .map((i) => i.dueS!);
    return due.length > 0 ? Math.min(...due) : null;
  }

  /** The evaluation of the current journal (cached until the journal changes). */
  evaluate(): Evaluation {
    this.evaluation ??= this.evaluateEntries(this.entries);
    return this.evaluation;
  }

  /** Simulate the day with `entries` applied. */
  evaluateEntries(entries: readonly JournalEntry[]): Evaluation {
    const precomputed = { routes: this.scripted.routes, coverage: [...this.coverage] };
    const world = new PreparedRun(this.graph, effectivePlan(this.plan, entries, this.places), { samples: 1, precomputed, routeCache: this.routeCache });
    const records = this.plan.movements.map((_, mi) => record(world, mi));
    for (const [key, table] of world.coverage.entries()) this.coverage.set(key, table);
    return { world, records };
  }

  private scheduledInjects(ev: Evaluation, t: number): ScheduledInjectState[] {
    const cancelled = new Set(this.entries.flatMap((e) => (e.type === 'cancel' ? [e.injectId] : [])));
    return this.plan.injects.map((inj) => {
      const sim = ev.world.injects.find((x) => x.plan.id === inj.id);
      const dueS = sim ? (Number.isFinite(sim.dueS) ? sim.dueS : Number.isFinite(sim.nominalTimeS) ? sim.nominalTimeS : null) : null;
      const status = cancelled.has(inj.id) ? 'cancelled' : dueS !== null && dueS <= t ? 'fired' : 'pending';
      return { id: inj.id, note: inj.note, action: inj.action.type, dueS, status, delayable: (sim?.plan.trigger ?? inj.trigger) === undefined };
    });
  }
}

/** The nominal run of movement mi on its first option with a route (the plan's primary). */
function record(world: PreparedRun, mi: number): Recorder | null {
  const oi = world.movements[mi]!.tracks.findIndex((t) => t !== null);
  return oi >= 0 ? (world.nominal(mi, oi)?.record ?? null) : null;
}

function noRouteState(id: string, departureS: number): MovementState {
  return {
    id,
    status: 'did_not_arrive',
    statusReason: 'no option of this movement has a route',
    lon: 0,
    lat: 0,
    speedKmh: 0,
    departureS,
    predictedArrivalS: null,
    plannedArrivalS: null,
    exposureSoFar: 0,
    predictedExposure: 0,
    plannedExposure: 0,
    coverageAhead: { police: null, qrf: null, ambulance: null, eod: null },
    alerts: [],
    ahead: [],
    behind: [],
    events: [],
  };
}
