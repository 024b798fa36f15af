import fs from 'node:fs';
import { z } from 'zod';

/**
 * The exercise journal: one JSON object per line, appended (and flushed) as each thing happens, so a
 * crash loses at most the line being written. The first line is the header (`start`); every other entry
 * carries the exercise time it happened at (`atS`, seconds since local midnight of the scenario day) and
 * a sequence number. The exercise state is a function of the entries alone (never of wall-clock time):
 * replaying a journal gives the same state and the same review, byte for byte.
 */

export const JOURNAL_VERSION = 1;

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** A trainer's new inject, in the terms of the map: what was clicked or drawn. */
export const trainerInjectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('close_edges'), edges: z.array(z.number().int().min(0)).min(1).max(10_000), label: z.string().max(200) }),
  z.object({ type: z.literal('close_area'), polygon: z.array(lonLat).min(3).max(1_000), label: z.string().max(200) }),
  z.object({ type: z.literal('add_threat'), threatId: z.string().min(1).max(80), kind: z.string().min(1).max(40), lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90), radiusM: z.number().positive().max(20_000), intensity: z.number().min(0).max(1) }),
  z.object({ type: z.literal('move_threat'), threatId: z.string().min(1).max(80), lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
  z.object({ type: z.literal('responder_out'), responderId: z.string().min(1).max(80), count: z.number().int().min(1).max(1_000) }),
  z.object({ type: z.literal('breakdown'), movementId: z.string().min(1).max(80), durationS: z.number().positive().max(86_400) }),
]);
export type TrainerInject = z.infer<typeof trainerInjectSchema>;

/** A player's decision for one movement (PlanDecision before places are resolved; holds may be open). */
export const decisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('continue') }),
  z.object({ kind: z.literal('switch'), optionId: z.string().min(1).max(80) }),
  z.object({ kind: z.literal('reroute'), by: z.enum(['fastest', 'safest']) }),
  /** durationS null: hold until a `release`. */
  z.object({ kind: z.literal('hold'), durationS: z.number().positive().max(86_400).nullable() }),
  z.object({ kind: z.literal('release') }),
  z.object({ kind: z.literal('divert'), placeId: z.string().min(1).max(80) }),
  z.object({ kind: z.literal('return') }),
]);
export type Decision = z.infer<typeof decisionSchema>;

const who = z.enum(['trainer', 'player', 'system']);
const base = { seq: z.number().int().min(1), atS: z.number().min(0).max(4 * 86_400), who, wall: z.string().max(40).optional() };

export const journalEntrySchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('clock'), action: z.enum(['play', 'pause', 'speed', 'jump']), speed: z.number().min(1).max(120).optional(), toS: z.number().min(0).max(4 * 86_400).optional() }),
  z.object({ ...base, type: z.literal('inject'), id: z.string().min(1).max(80), action: trainerInjectSchema, durationS: z.number().positive().max(86_400).nullable(), note: z.string().max(500) }),
  /** A scheduled inject of the scenario: fired now, delayed by delayS, or cancelled. */
  z.object({ ...base, type: z.literal('fire'), injectId: z.string().min(1).max(80) }),
  z.object({ ...base, type: z.literal('delay'), injectId: z.string().min(1).max(80), delayS: z.number().positive().max(86_400) }),
  z.object({ ...base, type: z.literal('cancel'), injectId: z.string().min(1).max(80) }),
  z.object({ ...base, type: z.literal('decision'), movementId: z.string().min(1).max(80), decision: decisionSchema, note: z.string().max(500) }),
]);
export type JournalEntry = z.infer<typeof journalEntrySchema>;
/** An entry before the session numbers it. */
export type JournalInput = DistributiveOmit<JournalEntry, 'seq'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export const journalHeaderSchema = z.object({
  type: z.literal('start'),
  v: z.literal(JOURNAL_VERSION),
  scenario: z.string().max(4096),
  /** sha256 of the scenario file's bytes: a journal resumes only against the scenario it was made with. */
  scenarioDigest: z.string().regex(/^[0-9a-f]{64}$/),
  t0S: z.number().min(0).max(86_400),
  seed: z.string().max(200),
});
export type JournalHeader = z.infer<typeof journalHeaderSchema>;

export class JournalError extends Error {
  override readonly name = 'JournalError';
}

/** Largest journal read back (a day of exercise is a few thousand lines). */
export const MAX_JOURNAL_BYTES = 16 * 1024 * 1024;

/**
 * Read a journal. A last line without its newline is a write cut short by a crash: it is dropped and
 * counted in `torn`; any other bad line is an error naming the line.
 */
export function readJournal(file: string): { header: JournalHeader; entries: JournalEntry[]; torn: number; validBytes: number } {
  const st = fs.statSync(file);
  if (!st.isFile()) throw new JournalError(`${file}: not a regular file`);
  if (st.size > MAX_JOURNAL_BYTES) throw new JournalError(`${file}: ${st.size} bytes is larger than a journal can be (${MAX_JOURNAL_BYTES})`);
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  let torn = 0;
  if (lines[lines.length - 1] === '') lines.pop();
  else if (lines.length > 0) {
    lines.pop();
    torn = 1;
  }
  if (lines.length === 0) throw new JournalError(`${file}: empty journal (no start line)`);
  const parse = (line: string, n: number): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      throw new JournalError(`${file}:${n}: not JSON`);
    }
  };
  const h = journalHeaderSchema.safeParse(parse(lines[0]!, 1));
  if (!h.success) throw new JournalError(`${file}:1: not a motorcade exercise journal header (${describeZod(h.error)})`);
  const entries: JournalEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const r = journalEntrySchema.safeParse(parse(lines[i]!, i + 1));
    if (!r.success) throw new JournalError(`${file}:${i + 1}: ${describeZod(r.error)}`);
    if (r.data.seq !== entries.length + 1) throw new JournalError(`${file}:${i + 1}: seq ${r.data.seq}, expected ${entries.length + 1}`);
    entries.push(r.data);
  }
  const validBytes = Buffer.byteLength(lines.map((l) => l + '\n').join(''), 'utf8');
  return { header: h.data, entries, torn, validBytes };
}

/** Appends entries with one write + fsync each (an exercise writes a few lines a minute). */
export class JournalWriter {
  private readonly fd: number;

  /** `truncateTo`: drop a torn last line (readJournal's validBytes) before appending. */
  constructor(readonly file: string, header?: JournalHeader, truncateTo?: number) {
    if (truncateTo !== undefined) fs.truncateSync(file, truncateTo);
    this.fd = fs.openSync(file, 'a');
    if (header) this.write(header);
  }

  write(entry: JournalHeader | JournalEntry): void {
    fs.writeSync(this.fd, JSON.stringify(entry) + '\n');
    fs.fsyncSync(this.fd);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function describeZod(err: z.ZodError): string {
  const first = err.issues[0];
  if (!first) return 'invalid';
  return `${first.path.join('.') || '(entry)'}: ${first.message}`;
}
