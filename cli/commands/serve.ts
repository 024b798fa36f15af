import type { Command } from 'commander';
import { InputError } from '../../engine/errors.js';
import { loadGazetteer, type Landmark } from '../../engine/import/gazetteer.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { runAction } from '../report-error.js';

interface ServeFlags {
  port: string;
  host: string;
  city?: string;
  source?: string;
  data?: string;
  logLevel: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('a local HTTP routing API over the graph: OSRM v1 route, table and nearest, plus isochrone and scenario runs')
    .option('--port <n>', 'TCP port (0 = any free port)', '5000')
    .option('--host <address>', 'address to listen on; anything but loopback exposes the API to the network', '127.0.0.1')
    .option('--city <name>', 'bundled city (phnom-penh)')
    .option('--source <file>', 'your own road file (.geojson, .osm, .osm.pbf) instead of the bundled city')
    .option('--data <dir>', 'Phnom Penh data folder (default ../shared/data/phnom-penh or $MOTORCADE_DATA)')
    .option('--log-level <level>', 'request log on stderr (JSON lines): info | warn | error | silent', 'info')
    .action(runAction(async (flags: ServeFlags) => serve(flags)));
}

async function serve(flags: ServeFlags): Promise<void> {
  const port = Number(flags.port);
  if (!/^\d+$/.test(flags.port) || port > 65535) throw new InputError(`--port '${flags.port}' must be a whole number from 0 to 65535`);
  if (!['info', 'warn', 'error', 'silent', 'debug'].includes(flags.logLevel)) throw new InputError(`--log-level '${flags.logLevel}' must be info, warn, error, debug or silent`);
  if (flags.source !== undefined && flags.city !== undefined) throw new InputError('give either --source FILE or --city NAME, not both');
  if (flags.city !== undefined && flags.city !== 'phnom-penh') throw new InputError(`--city '${flags.city}': unknown city (available: phnom-penh)`);
  if (!LOOPBACK.has(flags.host)) process.stderr.write(`motorcade: warning: listening on ${flags.host}: the API has no authentication and is reachable from other machines\n`);
  const [{ buildServer }, { ServiceContext }] = await Promise.all([import('../serve/server.js'), import('../serve/context.js')]);
  const { graph } = await loadGraph({ ...(flags.source !== undefined ? { source: flags.source } : {}), ...(flags.data !== undefined ? { dataDir: flags.data } : {}) });
  let landmarks: Landmark[] = [];
  if (flags.source === undefined) landmarks = loadGazetteer(flags.data);
  const ctx = new ServiceContext(graph, landmarks, undefined, flags.source ?? 'phnom-penh');
  const app = buildServer(ctx, { logLevel: flags.logLevel });
  await app.listen({ port, host: flags.host });
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  const shown = flags.host.includes(':') ? `[${flags.host}]` : flags.host;
  process.stdout.write(`http://${shown}:${actual}/\n`);
  const stop = (): void => {
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
