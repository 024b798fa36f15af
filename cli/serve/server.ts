import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { OSM_ATTRIBUTION } from '../../engine/graph/attribution.js';
import type { ServiceContext } from './context.js';
import { ISOCHRONE_QUERY_SCHEMA, isochroneService, type IsochroneQuery } from './isochrone-service.js';
import { NEAREST_QUERY_SCHEMA, nearestService, type NearestQuery } from './nearest-service.js';
import { OsrmError } from './osrm-error.js';
import { ROUTE_QUERY_SCHEMA, routeService, type RouteQuery } from './route-service.js';
import { SCENARIO_QUERY_SCHEMA, scenarioService, type ScenarioQuery } from './scenario-service.js';
import { TABLE_QUERY_SCHEMA, tableService, type TableQuery } from './table-service.js';

export interface ServerOptions {
  /** Largest request body (a scenario document), bytes. */
  bodyLimit: number;
  /** Requests being answered at once; more get 503 TooBusy (searches run one at a time on the event loop). */
  maxInFlight: number;
  /** Scenario runs at once (each holds the event loop for its samples). */
  maxScenarioRuns: number;
  /** Deadline for receiving a request and for a scenario run, ms. */
  requestTimeoutMs: number;
  /** pino log level for the structured request log on stderr ('silent' for none). */
  logLevel: string;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = { bodyLimit: 256 * 1024, maxInFlight: 64, maxScenarioRuns: 1, requestTimeoutMs: 30_000, logLevel: 'info' };

const SERVICES = ['route', 'table', 'nearest', 'isochrone', 'scenario'];
const PROFILE = '^(driving|car)$';

/**
 * The HTTP layer: URL and query validation (JSON schemas, checked by fastify's ajv), limits, logging and
 * the mapping of every failure to an OSRM `{ code, message }` reply. The services below it (one module
 * per query kind) are plain functions of the ServiceContext; the engine searches below them know nothing
 * of HTTP.
 */
export function buildServer(ctx: ServiceContext, options: Partial<ServerOptions> = {}): FastifyInstance {
  const opts = { ...DEFAULT_SERVER_OPTIONS, ...options };
  const app = Fastify({
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel, stream: process.stderr },
    bodyLimit: opts.bodyLimit,
    requestTimeout: opts.requestTimeoutMs,
    connectionTimeout: opts.requestTimeoutMs,
    // Coordinates travel in the path: 200 points of 22 characters.
    routerOptions: { maxParamLength: 8000 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false } },
  });

  // Scenario documents are read as text (YAML is a superset of JSON: one parser gives line numbers for both).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain', 'application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  let inFlight = 0;
  let scenarioRuns = 0;
  app.addHook('onRequest', async (req, reply) => {
    if (inFlight >= opts.maxInFlight) {
      reply.code(503).send({ code: 'TooBusy', message: `more than ${opts.maxInFlight} requests at once; retry later` });
      return reply;
    }
    inFlight++;
    return undefined;
  });
  app.addHook('onResponse', async () => {
    inFlight = Math.max(0, inFlight - 1);
  });

  app.setErrorHandler((err: FastifyError | OsrmError, req, reply) => {
    if (err instanceof OsrmError) return reply.code(err.status).send({ code: err.code, message: err.message });
    if (err.validation) {
      const where = err.validationContext === 'params' ? 'InvalidUrl' : 'InvalidOptions';
      const first = err.validation[0];
      const extra = (first?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
      const message = extra !== undefined ? `unknown option '${extra}'` : `${err.validationContext ?? 'query'}: ${err.message}`;
      return reply.code(400).send({ code: where, message });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ code: 'TooBig', message: `request body over ${opts.bodyLimit} bytes` });
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ code: 'InvalidQuery', message: 'send the scenario as application/json, application/yaml or text/plain' });
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send({ code: 'InvalidQuery', message: err.message });
    req.log.error({ err }, 'internal error');
    return reply.code(500).send({ code: 'InternalError', message: 'internal error (see the server log)' });
  });

  app.setNotFoundHandler((req, reply) => {
    const [service, version] = req.url.split('?')[0]!.split('/').filter(Boolean);
    if (service !== undefined && !SERVICES.includes(service)) return reply.code(400).send({ code: 'InvalidService', message: `service '${service}' not found (available: ${SERVICES.join(', ')})` });
    if (version !== undefined && version !== 'v1' && service !== 'scenario') return reply.code(400).send({ code: 'InvalidVersion', message: `version '${version}' not found (available: v1)` });
    return reply.code(400).send({ code: 'InvalidUrl', message: `URL ${req.method} ${req.url.split('?')[0]} does not match /{service}/v1/driving/{coordinates}` });
  });

  const params = { type: 'object', properties: { profile: { type: 'string', pattern: PROFILE }, coordinates: { type: 'string', minLength: 1 } }, required: ['profile', 'coordinates'] } as const;
  type Coords = { Params: { profile: string; coordinates: string } };

  app.get('/', async () => ({
    code: 'Ok',
    graph: ctx.graphLabel,
    nodes: ctx.graph.nodeCount,
    edges: ctx.graph.edgeCount,
    services: ['/route/v1/driving/{lon,lat;lon,lat…}', '/table/v1/driving/{lon,lat;…}', '/nearest/v1/driving/{lon,lat}', '/isochrone/v1/driving/{lon,lat}?contours_minutes=5,10', 'POST /scenario/run'],
    limits: ctx.limits,
    attribution: OSM_ATTRIBUTION,
  }));
  app.get<Coords & { Querystring: RouteQuery }>('/route/v1/:profile/:coordinates', { schema: { params, querystring: ROUTE_QUERY_SCHEMA } }, async (req) => routeService(ctx, req.params.coordinates, req.query));
  app.get<Coords & { Querystring: TableQuery }>('/table/v1/:profile/:coordinates', { schema: { params, querystring: TABLE_QUERY_SCHEMA } }, async (req) => tableService(ctx, req.params.coordinates, req.query));
  app.get<Coords & { Querystring: NearestQuery }>('/nearest/v1/:profile/:coordinates', { schema: { params, querystring: NEAREST_QUERY_SCHEMA } }, async (req) => nearestService(ctx, req.params.coordinates, req.query));
  app.get<Coords & { Querystring: IsochroneQuery }>('/isochrone/v1/:profile/:coordinates', { schema: { params, querystring: ISOCHRONE_QUERY_SCHEMA } }, async (req) => isochroneService(ctx, req.params.coordinates, req.query));
  app.post<{ Querystring: ScenarioQuery; Body: string }>('/scenario/run', { schema: { querystring: SCENARIO_QUERY_SCHEMA } }, async (req, reply) => {
    if (typeof req.body !== 'string' || req.body.trim() === '') throw new OsrmError('InvalidQuery', 'the request body must be a scenario document (YAML or JSON)');
    if (scenarioRuns >= opts.maxScenarioRuns) throw new OsrmError('TooBusy', `${opts.maxScenarioRuns} scenario run(s) already in progress; retry later`);
    scenarioRuns++;
    // The run stops at its deadline, and as soon as the client goes away (its connection closes before the
    // reply is sent): during the preparation of a large day too, which yields between movements.
    const gone = new AbortController();
    const onClose = (): void => {
      if (!reply.raw.writableEnded) gone.abort(new Error('the client closed the connection'));
    };
    reply.raw.on('close', onClose);
    try {
      return await scenarioService(ctx, req.body, req.query, AbortSignal.any([AbortSignal.timeout(opts.requestTimeoutMs), gone.signal]));
    } finally {
      reply.raw.off('close', onClose);
      scenarioRuns--;
    }
  });
  return app;
}
