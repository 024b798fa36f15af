import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../../engine/paths.js';
import { decisionSchema, trainerInjectSchema, type JournalEntry, type JournalInput, type JournalWriter } from '../../engine/exercise/journal.js';
import { ExerciseInputError, type ExerciseSession } from '../../engine/exercise/session.js';
import { EdgeSnapper } from '../../engine/graph/edge-snapper.js';
import type { EncodedLine } from '../../viz/geometry-codec.js';
import { roadLayers } from '../../viz/basemap.js';
import { renderExerciseReview } from '../../viz/exercise-review.js';
import type { ExerciseClock } from './clock.js';

/**
 * The exercise console's HTTP server (fastify): the page and its assets from the package, a JSON API
 * for the clock, injects and decisions, and a server-sent-event stream of the exercise state. Every
 * request carries the session's random token (query `token`; 401 without it), the server listens on
 * 127.0.0.1 unless told otherwise, request bodies are small and bounded, and any number of browsers
 * may watch the same exercise.
 */

export interface ConsoleServerOptions {
  session: ExerciseSession;
  clock: ExerciseClock;
  journal: JournalWriter | null;
  token: string;
  scenarioName: string;
  water: EncodedLine[][];
  /** State pushes per second to every watching browser. */
  tickHz?: number;
  log?: (line: string) => void;
}

const MAX_BODY_BYTES = 64 * 1024;
const require = createRequire(import.meta.url);

function leafletFile(name: string): string {
  return path.join(path.dirname(require.resolve('leaflet/package.json')), 'dist', name);
}

const CONSOLE_DIR = path.join(PACKAGE_ROOT, 'viz', 'console');
const ASSETS: Record<string, { file: string; type: string }> = {
  'leaflet.js': { file: leafletFile('leaflet.js'), type: 'text/javascript; charset=utf-8' },
  'leaflet.css': { file: leafletFile('leaflet.css'), type: 'text/css; charset=utf-8' },
  'console.js': { file: path.join(CONSOLE_DIR, 'console.js'), type: 'text/javascript; charset=utf-8' },
  'console.css': { file: path.join(CONSOLE_DIR, 'console.css'), type: 'text/css; charset=utf-8' },
};

/** Same rules as the report: nothing but this server, no inline script, no frames. */
export const CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const clockBody = z.object({ action: z.enum(['play', 'pause', 'speed', 'jump', 'next_inject']), speed: z.number().min(1).max(120).optional(), toS: z.number().min(0).max(4 * 86_400).optional() });
const injectBody = z.object({ action: trainerInjectSchema, durationS: z.number().positive().max(86_400).nullable().default(null), note: z.string().max(500).default(''), id: z.string().min(1).max(80).optional() });
const scheduledBody = z.object({ injectId: z.string().min(1).max(80), op: z.enum(['fire', 'delay', 'cancel']), delayS: z.number().positive().max(86_400).optional() });
const decisionBody = z.object({ movementId: z.string().min(1).max(80), decision: decisionSchema, note: z.string().max(500).default(''), preview: z.boolean().default(false) });
const snapBody = z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });

export function newToken(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export async function buildConsoleServer(opts: ConsoleServerOptions): Promise<FastifyInstance> {
  const { session, clock, token } = opts;
  const log = opts.log ?? (() => {});
  const app = Fastify({ bodyLimit: MAX_BODY_BYTES, logger: false, connectionTimeout: 30_000, requestTimeout: 30_000 });
  const watchers = new Set<FastifyReply>();
  let injectCounter = session.journal().filter((e) => e.type === 'inject').length;

  const tokenOk = (req: FastifyRequest): boolean => {
    const q = (req.query as Record<string, unknown> | undefined)?.['token'];
    const given = typeof q === 'string' ? q : String(req.headers['x-motorcade-token'] ?? '');
    return given.length === token.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(token));
  };
  app.addHook('onRequest', async (req, reply) => {
    reply.header('Content-Security-Policy', CONSOLE_CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    if (!tokenOk(req)) {
      log(`401 ${req.method} ${req.url.replace(/token=[^&]*/, 'token=…')}`);
      return reply.code(401).type('text/plain').send('motorcade exercise: this page needs the token printed when the console started\n');
    }
  });
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof ExerciseInputError) return reply.code(400).send({ error: err.message });
    if (err instanceof z.ZodError) {
      const first = err.issues[0];
      return reply.code(400).send({ error: first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'invalid request' });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).send({ error: (err as Error).message });
    log(`500 ${(err as Error).message}`);
    return reply.code(500).send({ error: 'internal error: ' + (err as Error).message });
  });

  const record = (input: JournalInput): JournalEntry => {
    const entry = session.apply({ ...input, wall: new Date().toISOString() } as JournalInput);
    opts.journal?.write(entry);
    log(`journal #${entry.seq} ${entry.type} at ${entry.atS}`);
    push();
    return entry;
  };

  const statePayload = () => ({ ...session.state(clock.atS), clock: { playing: clock.playing, speed: clock.speed } });
  const push = (): void => {
    if (watchers.size === 0) return;
    const data = `data: ${JSON.stringify(statePayload())}\n\n`;
    for (const w of watchers) w.raw.write(data);
  };
  const timer = setInterval(push, Math.round(1000 / (opts.tickHz ?? 4)));
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    for (const w of watchers) w.raw.end();
  });

  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(consolePage(opts.scenarioName, token)));
  app.get<{ Params: { name: string } }>('/assets/:name', async (req, reply) => {
    const asset = ASSETS[req.params.name];
    if (!asset) return reply.code(404).send({ error: 'no such asset' });
    let body = fs.readFileSync(asset.file, 'utf8');
    if (req.params.name === 'leaflet.css') body = body.replace(/url\([^)]*\)/g, 'none');
    if (req.params.name === 'leaflet.js') body = body.replace(/\n\/\/# sourceMappingURL=[^\n]*\s*$/, '\n');
    return reply.type(asset.type).send(body);
  });
  const basemap = { roads: roadLayers(session.graph), water: opts.water, places: session.plan.landmarks.map((p) => ({ id: p.id, label: p.label, kind: p.kind, lon: p.lon, lat: p.lat })) };
  app.get('/api/basemap', async () => basemap);
  app.get('/api/plan', async () => ({
    scenario: opts.scenarioName,
    t0S: session.t0S,
    movements: session.plan.movements.map((m) => ({ id: m.id, delegation: m.delegation, from: m.from.label, to: m.to.label, departureS: m.departureS, options: m.options.map((o) => o.id) })),
    responders: session.plan.responders.map((r) => ({ id: r.id, type: r.type })),
    threats: session.plan.threats.map((t) => t.id),
    divertPlaces: session.plan.landmarks.filter((p) => ['staging_area', 'safe_haven', 'hospital'].includes(p.kind)).map((p) => ({ id: p.id, label: p.label, kind: p.kind })),
  }));
  app.get('/api/state', async () => statePayload());
  app.get('/api/events', (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'Content-Security-Policy': CONSOLE_CSP });
    reply.raw.write(`data: ${JSON.stringify(statePayload())}\n\n`);
    watchers.add(reply);
    req.raw.on('close', () => watchers.delete(reply));
  });
  app.post('/api/clock', async (req) => {
    const b = clockBody.parse(req.body);
    const atS = clock.atS;
    if (b.action === 'play') clock.play();
    else if (b.action === 'pause') clock.pause();
    else if (b.action === 'speed') {
      if (b.speed === undefined) throw new ExerciseInputError('speed: give a speed from 1 to 120');
      clock.setSpeed(b.speed);
    } else {
      const to = b.action === 'next_inject' ? session.nextInjectS(atS) : b.toS;
      if (to === null || to === undefined) throw new ExerciseInputError(b.action === 'next_inject' ? 'no scheduled inject is still to come' : 'toS: give the exercise time to jump to');
      if (to <= atS) throw new ExerciseInputError(`cannot jump back in time (now ${atS} s, asked ${to} s)`);
      clock.jump(to);
    }
    const entry = record({ type: 'clock', atS, who: 'trainer', action: b.action === 'next_inject' ? 'jump' : b.action, ...(b.speed !== undefined ? { speed: b.speed } : {}), ...(b.action === 'jump' || b.action === 'next_inject' ? { toS: clock.atS } : {}) });
    return { ok: true, seq: entry.seq };
  });
  app.post('/api/inject', async (req) => {
    const b = injectBody.parse(req.body);
    const id = b.id ?? `trainer-${++injectCounter}`;
    const entry = record({ type: 'inject', atS: clock.atS, who: 'trainer', id, action: b.action, durationS: b.durationS, note: b.note });
    return { ok: true, seq: entry.seq, id };
  });
  app.post('/api/scheduled', async (req) => {
    const b = scheduledBody.parse(req.body);
    const atS = clock.atS;
    if (b.op === 'delay' && b.delayS === undefined) throw new ExerciseInputError('delayS: give the delay in seconds');
    const entry = record(b.op === 'delay' ? { type: 'delay', atS, who: 'trainer', injectId: b.injectId, delayS: b.delayS! } : { type: b.op, atS, who: 'trainer', injectId: b.injectId });
    return { ok: true, seq: entry.seq };
  });
  app.post('/api/decision', async (req) => {
    const b = decisionBody.parse(req.body);
    const input: JournalInput = { type: 'decision', atS: clock.atS, who: 'player', movementId: b.movementId, decision: b.decision, note: b.note };
    if (b.preview) {
      const t0 = performance.now();
      const p = session.preview(input);
      return { ok: true, preview: p.movements.find((m) => m.id === b.movementId), ms: Math.round((performance.now() - t0) * 10) / 10 };
    }
    const entry = record(input);
    return { ok: true, seq: entry.seq };
  });
  const snapper = EdgeSnapper.for(session.graph);
  app.post('/api/snap', async (req) => {
    const b = snapBody.parse(req.body);
    const s = snapper.nearest(b.lon, b.lat, { maxDistanceM: 100 });
    if (!s) throw new ExerciseInputError(`no road within 100 m of ${b.lon.toFixed(5)}, ${b.lat.toFixed(5)}`);
    const twin = session.graph.twin[s.edge]!;
    return { edges: twin >= 0 ? [s.edge, twin] : [s.edge], distanceM: Math.round(s.distanceM), line: session.graph.edgeGeometry(s.edge) };
  });
  app.get('/api/review', async (_req, reply) => reply.type('text/html; charset=utf-8').header('Content-Disposition', 'attachment; filename="exercise-review.html"').send(renderExerciseReview(session, opts.scenarioName, clock.atS)));
  return app;
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page: markup only; the token travels in asset URLs and in a data attribute for the script. */
function consolePage(name: string, token: string): string {
  const q = `?token=${encodeURIComponent(token)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Exercise console — ${escapeAttr(name)}</title>
<link rel="stylesheet" href="/assets/leaflet.css${q}">
<link rel="stylesheet" href="/assets/console.css${q}">
</head>
<body data-token="${escapeAttr(token)}">
<header id="bar">
  <h1>${escapeAttr(name)}</h1>
  <div id="clock-controls">
    <span id="clock" aria-live="polite">--:--:--</span>
    <button id="play" type="button">Play</button>
    <button id="pause" type="button">Pause</button>
    <label>Speed <select id="speed">${[1, 2, 5, 10, 30, 60, 120].map((s) => `<option value="${s}">×${s}</option>`).join('')}</select></label>
    <button id="next-inject" type="button">Next inject »</button>
    <a id="review" href="/api/review${q}">After-action review</a>
  </div>
  <p id="message" role="status"></p>
</header>
<main>
  <div id="map" role="region" aria-label="Exercise map"></div>
  <aside id="panel">
    <section id="movements" aria-label="Movements"></section>
    <section aria-label="Scheduled injects"><h2>Scheduled injects</h2><ul id="injects"></ul></section>
    <section aria-label="New inject"><h2>New inject</h2>
      <div id="tools">
        <button type="button" data-tool="close_road">Close a road (click it)</button>
        <button type="button" data-tool="close_area">Close an area (click corners, then Finish)</button>
        <button type="button" id="finish-area" hidden>Finish area</button>
        <button type="button" data-tool="add_threat">Drop a threat (click)</button>
        <label>Move threat <select id="move-threat"></select></label><button type="button" data-tool="move_threat">Click new place</button>
        <label>Responder <select id="responder"></select></label><button type="button" id="responder-out">Take one unit out</button>
        <label>Breakdown <select id="breakdown-movement"></select></label><button type="button" id="breakdown">Break a vehicle down (8 min)</button>
      </div>
    </section>
    <section aria-label="Event log"><h2>Event log</h2><ol id="log"></ol></section>
  </aside>
</main>
<script src="/assets/leaflet.js${q}"></script>
<script src="/assets/console.js${q}"></script>
</body>
</html>
`;
}
