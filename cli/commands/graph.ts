import { OSM_ATTRIBUTION } from '../../engine/graph/attribution.js';
import { Option, type Command } from 'commander';
import { writeFileAtomic } from '../../engine/atomic-write.js';
import { checkOutputPaths } from '../output-paths.js';
import { InputError } from '../../engine/errors.js';
import { summarizeGraph, type GraphSummary } from '../../engine/graph/graph-summary.js';
import { roadGraphToGeoJSON } from '../../engine/graph/to-geojson.js';
import { loadGraph, type LoadedGraph, type LoadGraphOptions } from '../../engine/import/load-graph.js';
import { runAction } from '../report-error.js';

interface SourceFlags {
  source?: string;
  city?: string;
  data?: string;
  rebuild?: boolean;
  /** commander's --no-cache sets cache = false. */
  cache?: boolean;
  tolerance?: string;
}

function sourceOptions(cmd: Command): Command {
  return cmd
    .option('--source <file>', 'your own road file (.geojson road lines, .osm, .osm.pbf, Overpass .json) instead of the bundled city')
    .option('--city <name>', 'bundled city (phnom-penh)')
    .option('--data <dir>', 'Phnom Penh data folder (default ../shared/data/phnom-penh beside the repository, or $MOTORCADE_DATA)')
    .option('--rebuild', 'ignore the cache, import again and rewrite it')
    .option('--no-cache', 'neither read nor write the .mcg cache')
    .option('--tolerance <metres>', 'GeoJSON repair: join a dangling road end to a road within this distance (default 12)');
}

function loadOptions(flags: SourceFlags): LoadGraphOptions {
  if (flags.source !== undefined && flags.city !== undefined) throw new InputError('give either --source FILE or --city NAME, not both');
  if (flags.city !== undefined && flags.city !== 'phnom-penh') throw new InputError(`--city '${flags.city}': unknown city (available: phnom-penh)`);
  let tolerance: number | undefined;
  if (flags.tolerance !== undefined) {
    tolerance = Number(flags.tolerance);
    if (!(tolerance >= 0 && tolerance <= 100)) throw new InputError(`--tolerance '${flags.tolerance}' must be a number of metres between 0 and 100`);
  }
  return {
    ...(flags.source !== undefined ? { source: flags.source } : { city: 'phnom-penh' as const }),
    ...(tolerance !== undefined ? { repair: { danglingToleranceM: tolerance } } : {}),
    ...(flags.data !== undefined ? { dataDir: flags.data } : {}),
    ...(flags.rebuild ? { rebuild: true } : {}),
    ...(flags.cache === false ? { noCache: true } : {}),
  };
}

export function registerGraph(program: Command): void {
  const graph = program.command('graph').description(`Road graph: import and repair, cache, inspect, export. Road data ${OSM_ATTRIBUTION}.`);

  sourceOptions(graph.command('info').description('nodes, edges, km by class, bbox, components kept/dropped, repair report, build and load time'))
    .option('--json', 'print JSON')
    .action(
      runAction(async (flags: SourceFlags & { json?: boolean }) => {
        const loaded = await loadGraph(loadOptions(flags));
        if (loaded.cacheWriteError) process.stderr.write(`motorcade: warning: ${loaded.cacheWriteError}\n`);
        const info = graphInfo(loaded);
        process.stdout.write(flags.json ? JSON.stringify(info, null, 2) + '\n' : formatInfo(info));
      }),
    );

  sourceOptions(graph.command('build').description('import (and repair) the road data and write the .mcg cache; later runs load the cache')).action(
    runAction(async (flags: SourceFlags) => {
      const loaded = await loadGraph(loadOptions(flags));
      if (loaded.cacheWriteError) process.stderr.write(`motorcade: warning: ${loaded.cacheWriteError}\n`);
      const s = summarizeGraph(loaded.graph);
      const how = loaded.fromCache ? `cache is up to date, loaded in ${loaded.loadMs.toFixed(1)} ms` : `built in ${Math.round(loaded.buildMs)} ms${loaded.cacheRefused ? ` (${loaded.cacheRefused})` : ''}`;
      process.stdout.write(`${s.nodes} nodes, ${s.edges} directed edges, ${s.km.toFixed(1)} km of road: ${how}\n${loaded.cacheFile ? `cache: ${loaded.cacheFile}\n` : ''}`);
    }),
  );

  sourceOptions(graph.command('export').description('write every directed edge (length_m, time_s, class, oneway, bridge, name) as GeoJSON or GraphML'))
    .requiredOption('--format <format>', 'geojson | graphml')
    .option('-o, --out <file>', 'output file (default: standard output); written atomically')
    .addOption(new Option('--output <file>', 'the old spelling of --out').hideHelp())
    .action(
      runAction(async (flags: SourceFlags & { format: string; out?: string; output?: string }) => {
        if (flags.out !== undefined) flags.output = flags.out;
        const format = flags.format.toLowerCase();
        if (format !== 'geojson' && format !== 'graphml') throw new InputError(`--format '${flags.format}' must be geojson or graphml`);
        if (flags.output !== undefined) checkOutputPaths([{ flag: '-o', path: flags.output, kind: 'file' }], flags.source ? [{ what: 'the --source road file', path: flags.source }] : []);
        const { graph: g } = await loadGraph(loadOptions(flags));
        let text: string;
        if (format === 'geojson') text = roadGraphToGeoJSON(g);
        else {
          const { roadGraphToGraphML } = await import('../../engine/graph/graph-interchange.js');
          text = roadGraphToGraphML(g);
        }
        if (flags.output === undefined) {
          // `… | head` closes the pipe early: that is the reader's choice, not an error.
          process.stdout.on('error', (err: NodeJS.ErrnoException) => {
            if (err.code === 'EPIPE') process.exit(0);
            throw err;
          });
          process.stdout.write(text);
        }
        else {
          writeFileAtomic(flags.output, text);
          process.stderr.write(`wrote ${g.edgeCount} edges to ${flags.output} (${format})\n`);
        }
      }),
    );
}

interface GraphInfo {
  source: Record<string, unknown>;
  summary: GraphSummary;
  components: unknown;
  repair: unknown;
  report: Record<string, unknown>;
  fromCache: boolean;
  cacheFile: string | null;
  cacheRefused: string | null;
  buildMs: number;
  loadMs: number;
  /** Import time recorded when the graph was built (also when it now comes from the cache). */
  importMs: number | null;
  builtAt: string;
}

function graphInfo(loaded: LoadedGraph): GraphInfo {
  const meta = loaded.graph.meta;
  const report = meta.report ?? {};
  const repair = (report['repair'] ?? null) as { components?: unknown; buildMs?: number } | null;
  const components = report['components'] ?? repair?.components ?? null;
  const importMs = typeof repair?.buildMs === 'number' ? repair.buildMs : typeof report['buildMs'] === 'number' ? (report['buildMs'] as number) : null;
  return {
    source: meta.source,
    summary: summarizeGraph(loaded.graph),
    components,
    repair,
    report,
    fromCache: loaded.fromCache,
    cacheFile: loaded.cacheFile ?? null,
    cacheRefused: loaded.cacheRefused ?? null,
    buildMs: Math.round(loaded.buildMs),
    loadMs: Math.round(loaded.loadMs * 100) / 100,
    importMs,
    builtAt: meta.builtAt,
  };
}

function formatInfo(info: GraphInfo): string {
  const s = info.summary;
  const out: string[] = [];
  const files = (info.source['files'] as { path: string }[] | undefined)?.map((f) => f.path) ?? [];
  out.push(`source     ${String(info.source['kind'] ?? 'graph')}${files.length ? `: ${files.join(', ')}` : ''}`);
  out.push(`graph      ${s.nodes} nodes, ${s.edges} directed edges (${s.roads} roads), ${s.km.toFixed(1)} km`);
  out.push(`by class   ${Object.entries(s.kmByClass).map(([c, km]) => `${c} ${km.toFixed(1)} km`).join(', ')}`);
  out.push(`bridges    ${s.bridges.roads} roads, ${s.bridges.km.toFixed(2)} km;  one-way ${s.oneway.edges} edges`);
  out.push(`bbox       ${s.bbox.map((v) => v.toFixed(5)).join(', ')}  (lon/lat min, max)`);
  const c = info.components as { componentCount: number; kept: { nodes: number; km: number }; dropped: { components: number; nodes: number; edges: number; km: number } } | null;
  if (c) out.push(`components largest of ${c.componentCount} kept (${c.kept.nodes} nodes, ${c.kept.km.toFixed(1)} km); dropped ${c.dropped.components} components, ${c.dropped.nodes} nodes, ${c.dropped.edges} edges, ${c.dropped.km.toFixed(1)} km`);
  const r = info.repair as RepairView | null;
  if (r) {
    out.push('repair');
    for (const [name, i] of Object.entries(r.inputs)) out.push(`  input    ${name}: ${i.lines} lines, ${i.vertices} vertices, ${i.km.toFixed(1)} km`);
    out.push(`  shared vertices merged: ${r.verticesMerged}`);
    if (r.duplicates) out.push(`  metro duplicates of core roads removed: ${r.duplicates.segmentsRemoved} pieces, ${r.duplicates.kmRemoved.toFixed(1)} km (${r.duplicates.sliversRemoved} slivers)`);
    const d = r.danglingEnds;
    out.push(`  dangling ends: ${d.danglingEnds}, joined ${d.joined} (metro ${d.joinedMetro}, core ${d.joinedCore}; ${d.joinedCutEnds} cut by dedup), roads split ${d.roadsSplit}, gap mean ${d.meanGapM} m max ${d.maxGapM} m (tolerance ${r.params.danglingToleranceM} m, core to core ${r.params.coreToCoreToleranceM} m)`);
    const x = r.crossings;
    out.push(`  crossings without shared vertex: ${x.found}: joined ${x.joined}; left: core/core ${x.coreCoreLeft}, over water ${x.overWaterLeft}, near a grade separation ${x.nearGradeSeparationLeft}, shallow angle ${x.shallowAngleLeft}`);
    out.push(`  bridges from water: ${r.bridges.bridgeRoads} roads, ${r.bridges.bridgeKm.toFixed(2)} km`);
  } else {
    for (const [key, value] of Object.entries(info.report)) if (key !== 'components') out.push(`${key.padEnd(10)} ${JSON.stringify(value)}`);
  }
  const timing = info.fromCache
    ? `loaded from cache in ${info.loadMs.toFixed(1)} ms${info.importMs !== null ? ` (import took ${info.importMs} ms when built ${info.builtAt})` : ''}`
    : `built in ${info.buildMs} ms${info.cacheRefused ? ` (${info.cacheRefused})` : ''}`;
  out.push(`time       ${timing}`);
  out.push(`memory     ${(s.bytes / 1e6).toFixed(2)} MB, ${s.bytesPerEdge} bytes per edge${info.cacheFile ? `; cache ${info.cacheFile}` : ''}`);
  out.push(`Road data ${OSM_ATTRIBUTION}.`);
  return out.join('\n') + '\n';
}

interface RepairView {
  params: { danglingToleranceM: number; coreToCoreToleranceM: number };
  inputs: Record<string, { lines: number; vertices: number; km: number }>;
  verticesMerged: number;
  duplicates: { segmentsRemoved: number; kmRemoved: number; sliversRemoved: number } | null;
  danglingEnds: { danglingEnds: number; joined: number; joinedMetro: number; joinedCore: number; joinedCutEnds: number; roadsSplit: number; meanGapM: number; maxGapM: number };
  crossings: { found: number; joined: number; coreCoreLeft: number; overWaterLeft: number; nearGradeSeparationLeft: number; shallowAngleLeft: number };
  bridges: { bridgeRoads: number; bridgeKm: number };
}
