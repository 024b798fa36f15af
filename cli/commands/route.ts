import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { writeFileAtomic } from '../../engine/atomic-write.js';
import { InputError } from '../../engine/errors.js';
import { EdgeSnapper } from '../../engine/graph/edge-snapper.js';
import type { RoadGraph } from '../../engine/graph/index.js';
import { loadGazetteer, resolvePlace } from '../../engine/import/gazetteer.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { phnomPenhDataDir } from '../../engine/paths.js';
import { avoidClosedCounts } from '../../engine/route/area-validation.js';
import { readAvoidPolygons } from '../avoid-file.js';
import { compileOverlay, Router, routeToGeoJSON, serviceAreas, corridorShare, speedFactorsAt, parseClock, trafficPeriodAt, fastestVia, ALTERNATIVES, formatSnapM, SNAP_LIMIT_M, snapPlace, snapWarning, type CompiledOverlay, type PlaceSnap, type RouteEndpoint, type RouteFound, type RouteOverlay, type RouteAlgorithm } from '../../engine/route/index.js';
import { placesPassed } from '../../engine/route/route-places.js';
import { describeRoute, formatDuration, type NamedPlace } from '../../engine/route/route-text.js';
import { csvLine } from '../csv-cell.js';
import type { OdTable } from '../od-csv.js';
import { checkOutputPaths } from '../output-paths.js';
import { limits, LIMIT_ENV } from '../../engine/limits.js';
import { terminalSafe } from '../../engine/quote.js';
import { OSM_ATTRIBUTION } from '../../engine/graph/attribution.js';
import { runAction } from '../report-error.js';
import { roundTo } from '../../engine/rounding.js';

interface RouteFlags {
  from?: string;
  to?: string;
  via: string[];
  alternatives?: string;
  avoid?: string;
  closeEdge: string[];
  depart?: string;
  json?: boolean;
  geojson?: string;
  batch?: string;
  algorithm: string;
  maxSnap: string;
  data?: string;
  source?: string;
  serviceArea?: string;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function registerRoute(program: Command): void {
  program
    .command('route')
    .description('Fastest route(s) between places on the road graph (PLACE = landmark id or name, or LON,LAT)')
    .option('--from <place>', 'start: landmark id/name or LON,LAT')
    .option('--to <place>', 'destination: landmark id/name or LON,LAT')
    .option('--via <place>', 'pass through this place (repeatable, in order)', collect, [])
    .option('--alternatives <k>', `up to K different routes (stretch ≤ ${ALTERNATIVES.maxStretch}, shared length ≤ ${Math.round(ALTERNATIVES.maxShare * 100)} %)`)
    .option('--avoid <file.geojson>', 'close every road touching these polygons')
    .option('--close-edge <id>', 'close an edge id, both directions (repeatable)', collect, [])
    .option('--depart <HH:MM>', 'apply the Phnom Penh time-of-day speed profile for this departure')
    .option('--json', 'print JSON instead of text')
    .option('--geojson <file>', 'write the route(s) as a GeoJSON FeatureCollection')
    .option('--service-area <seconds>', 'instead of a route: roads reachable from --from within these times (e.g. 240,480), as GeoJSON with --geojson')
    .option('--batch <od.csv>', 'route every row of a CSV with from_lon,from_lat,to_lon,to_lat; one line per row')
    .option('--algorithm <name>', 'astar | dijkstra | bidirectional | ch | cch (same result, different work)', 'astar')
    .option('--max-snap <metres>', 'refuse coordinates farther than this from any road (landmarks always snap, with a warning past it); default: the routing policy limit', String(SNAP_LIMIT_M))
    .option('--data <dir>', 'Phnom Penh data folder (default ../shared/data/phnom-penh or $MOTORCADE_DATA)')
    .option('--source <file>', 'route on your own road file (.geojson, .osm, .osm.pbf) instead of Phnom Penh')
    .action(runAction(async (flags: RouteFlags) => routeCommand(flags)));
}

async function routeCommand(flags: RouteFlags): Promise<void> {
  const algorithm = flags.algorithm as RouteAlgorithm;
  if (!['astar', 'dijkstra', 'bidirectional', 'ch', 'cch'].includes(algorithm)) throw new InputError(`--algorithm '${flags.algorithm}' must be astar, dijkstra, bidirectional, ch or cch`);
  const maxSnap = Number(flags.maxSnap);
  if (!(maxSnap > 0)) throw new InputError(`--max-snap '${flags.maxSnap}' must be a positive number of metres`);
  const cutoffs = flags.serviceArea === undefined ? undefined : flags.serviceArea.split(',').map((x) => Number(x.trim()));
  if (cutoffs && (cutoffs.length === 0 || cutoffs.some((c) => !(c > 0) || !Number.isFinite(c)))) throw new InputError(`--service-area '${flags.serviceArea}' must be positive seconds separated by commas (e.g. 240,480)`);
  if (cutoffs && !flags.from) throw new InputError('--service-area needs --from');
  if (cutoffs && (flags.to || flags.via.length > 0 || flags.batch)) throw new InputError('--service-area takes --from only (no --to, --via or --batch)');
  if (cutoffs && flags.from !== undefined) flags.to = flags.from;
  if (!flags.batch && (!flags.from || !flags.to)) throw new InputError('route needs --from and --to (or --batch od.csv)');
  if (flags.batch && (flags.from || flags.to || flags.via.length > 0 || flags.alternatives)) throw new InputError('--batch cannot be combined with --from/--to/--via/--alternatives');
  let k = 1;
  if (flags.alternatives !== undefined) {
    k = Number(flags.alternatives);
    if (!Number.isInteger(k) || k < 1 || k > 10) throw new InputError(`--alternatives '${flags.alternatives}' must be an integer from 1 to 10`);
    if (flags.via.length > 0) throw new InputError('--alternatives cannot be combined with --via');
  }
  if (flags.geojson !== undefined) {
    const inputs = [
      ...(flags.avoid ? [{ what: 'the --avoid file', path: flags.avoid }] : []),
      ...(flags.batch ? [{ what: 'the --batch file', path: flags.batch }] : []),
      ...(flags.source ? [{ what: 'the --source road file', path: flags.source }] : []),
      { what: 'the gazetteer', path: path.join(phnomPenhDataDir(flags.data), 'landmarks.json') },
    ];
    checkOutputPaths([{ flag: '--geojson', path: flags.geojson, kind: 'file' }], inputs);
  }
  const departMin = flags.depart !== undefined ? parseClock(flags.depart) : undefined;
  const avoid = flags.avoid ? readAvoidPolygons(flags.avoid) : undefined;
  // Resolve places before loading the graph, so a typo fails at once.
  const landmarks = flags.batch ? [] : safeGazetteer(flags.data);
  const resolved = flags.batch
    ? []
    : [flags.from!, ...flags.via, flags.to!].map((spec, i, all) => {
        const what = i === 0 ? '--from' : i === all.length - 1 ? '--to' : '--via';
        const p = resolvePlace(spec, landmarks, what);
        // A landmark at its own gazetteer position snaps at any distance (engine/route/policy.ts).
        return { ...p, what, landmark: landmarks.some((l) => l.id === p.label && l.lon === p.lon && l.lat === p.lat) };
      });

  const { graph } = await loadGraph({ ...(flags.data ? { dataDir: flags.data } : {}), ...(flags.source ? { source: flags.source } : {}) });
  const overlay = buildOverlay(graph, flags, avoid, departMin);
  const avoidAreas = avoid ? avoidClosedCounts(graph, avoid).map((closed, i) => ({ area: i + 1, closed_edges: closed })) : [];
  for (const a of avoidAreas) {
    if (a.closed_edges === 0) process.stderr.write(`motorcade: warning: --avoid ${flags.avoid}: area ${a.area} closes no road: it touches no road of the graph (check that positions are [lon, lat])\n`);
  }
  const router = new Router(graph);
  const snapper = new EdgeSnapper(graph);
  const snapped = (p: { lon: number; lat: number; what: string; label: string; landmark: boolean }): PlaceSnap => {
    const s = snapPlace(snapper, p.lon, p.lat, p.landmark, maxSnap);
    if (!s) throw new InputError(p.landmark ? `${p.what} ${p.label}: the road graph is empty` : `${p.what} ${p.lon},${p.lat} is more than ${maxSnap} m from any road of the graph`);
    return s;
  };
  const opts = overlay ? { overlay, algorithm } : { algorithm };

  if (flags.batch) {
    if (avoidAreas.length > 0) process.stderr.write(avoidLine(avoidAreas) + '\n');
    // csv-parse is loaded for --batch only: a single route never opens its modules.
    const { readOdCsv } = await import('../od-csv.js');
    return batch(readOdCsv(flags.batch!), flags, graph, router, snapper, maxSnap, opts);
  }

  const places = resolved.map((p) => {
    const s = snapped(p);
    const warning = s.beyondLimit ? snapWarning(`${p.what} ${p.label}`, s.distanceM, maxSnap) : null;
    return { ...p, snap: s, warning, endpoint: { edge: s.edge, fraction: s.fraction } as RouteEndpoint };
  });
  const warnings = places.flatMap((p) => (p.warning ? [p.warning] : []));
  if (flags.json) for (const w of warnings) process.stderr.write(`motorcade: warning: ${w}\n`);
  if (cutoffs) {
    if (avoidAreas.length > 0) process.stderr.write(avoidLine(avoidAreas) + '\n');
    return serviceArea(flags, graph, router, places[0]!, cutoffs, overlay);
  }
  let routes: RouteFound[][];
  if (k > 1) {
    const alts = router.alternatives(places[0]!.endpoint, places[1]!.endpoint, { k, ...(overlay ? { overlay } : {}) });
    const first = alts[0]!;
    if (!first.found) return noRoute(flags, places[0]!.label, places[1]!.label, first.reason, avoidAreas);
    routes = alts.filter((r): r is RouteFound => r.found).map((r) => [r]);
  } else {
    const r = fastestVia(router, places.map((p) => p.endpoint), opts);
    if (!r.found) return noRoute(flags, places[0]!.label, places[places.length - 1]!.label, r.reason, avoidAreas);
    routes = [r.legs];
  }
  const label = places.map((p) => p.label).join(' → ');
  const named: NamedPlace[] = landmarks.map((l) => ({ id: l.id, name: l.name, kind: l.kind, lon: l.lon, lat: l.lat }));
  if (flags.geojson) writeFileAtomic(flags.geojson, JSON.stringify(toFeatureCollection(graph, routes, places)) + '\n');
  if (flags.json) {
    const out = {
      from: places[0]!.label,
      to: places[places.length - 1]!.label,
      via: places.slice(1, -1).map((p) => p.label),
      depart: flags.depart ?? null,
      ...(avoidAreas.length > 0 ? { avoid_areas: avoidAreas } : {}),
      places: places.map((p, i) => ({
        role: i === 0 ? 'from' : i === places.length - 1 ? 'to' : 'via',
        place: p.label,
        lon: p.lon,
        lat: p.lat,
        landmark: p.landmark,
        snapped: { lon: roundTo(p.snap.lon, 7), lat: roundTo(p.snap.lat, 7), edge: p.snap.edge, fraction: roundTo(p.snap.fraction, 6), distance_m: roundTo(p.snap.distanceM, 1) },
        warning: p.warning,
      })),
      snap_limit_m: maxSnap,
      warnings,
      routes: routes.map((legs, i) => ({
        rank: i + 1,
        time_s: roundTo(sum(legs, 'timeS'), 1),
        length_m: roundTo(sum(legs, 'lengthM'), 1),
        cost_s: roundTo(sum(legs, 'costS'), 1),
        passes: placesPassed(graph, legs, named).map((p) => ({ id: p.id, along_m: roundTo(p.alongM, 0), offset_m: roundTo(p.offsetM, 0) })),
        legs: legs.map((l) => ({ time_s: roundTo(l.timeS, 1), length_m: roundTo(l.lengthM, 1), edges: l.edges, from: l.fromPosition, to: l.toPosition })),
      })),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return;
  }
  const lines: string[] = [`Route ${label}`];
  for (const p of places) lines.push(`  ${p.what.slice(2)} ${p.label}: snapped ${formatSnapM(p.snap.distanceM)} onto the nearest road`);
  for (const w of warnings) lines.push(`  warning: ${w}`);
  if (departMin !== undefined) {
    const p = trafficPeriodAt(departMin);
    lines.push(`departing ${flags.depart} (${p.name}: arterial speeds ×${p.arterial}, collectors ×${p.collector}, local ×${p.local})`);
  }
  if (overlay && overlay.closedCount > 0) lines.push(`closed edges: ${overlay.closedCount}`);
  if (avoidAreas.length > 0) lines.push(avoidLine(avoidAreas));
  routes.forEach((legs, i) => {
    const head = routes.length > 1 ? `${i === 0 ? 'Fastest' : `Alternative ${i}`}:` : '';
    const body = describeRoute(graph, legs, overlay?.timeS, named);
    if (i > 0) {
      const extra = sum(legs, 'timeS') - sum(routes[0]!, 'timeS');
      const shared = corridorShare(graph, router.proj(), legs[0]!, routes[0]![0]!);
      body[0] += ` (+${formatDuration(extra)}, ${Math.round(shared * 100)} % shared with the fastest)`;
    }
    if (head) lines.push(head);
    for (const l of body) lines.push(`  ${l}`);
  });
  if (flags.geojson) lines.push(`written: ${flags.geojson}`);
  process.stdout.write(lines.join('\n') + '\n');
}

function buildOverlay(graph: RoadGraph, flags: RouteFlags, avoid: ReturnType<typeof readAvoidPolygons> | undefined, departMin: number | undefined): CompiledOverlay | undefined {
  const closed: number[] = [];
  for (const raw of flags.closeEdge) {
    const e = Number(raw);
    if (!Number.isInteger(e) || e < 0 || e >= graph.edgeCount) throw new InputError(`--close-edge '${raw}' is not an edge id of the graph (0..${graph.edgeCount - 1})`);
    closed.push(e);
    const t = graph.twin[e]!;
    if (t >= 0) closed.push(t);
  }
  const ov: RouteOverlay = {};
  if (closed.length > 0) ov.closedEdges = closed;
  if (avoid) ov.avoidPolygons = avoid;
  if (departMin !== undefined) ov.speedFactorByClass = speedFactorsAt(departMin);
  return Object.keys(ov).length > 0 ? compileOverlay(graph, ov) : undefined;
}

function batch(table: OdTable, flags: RouteFlags, graph: RoadGraph, router: Router, snapper: EdgeSnapper, maxSnap: number, opts: { overlay?: CompiledOverlay; algorithm: RouteAlgorithm }): void {
  const file = flags.batch === '-' ? '(stdin)' : flags.batch!;
  const { rows, problems, extraColumns } = table;
  const bad = new Map(problems.map((p) => [p.line, p]));
  const all = [...rows.map((r) => r.line), ...problems.map((p) => p.line)].sort((a, b) => a - b);
  const byLine = new Map(rows.map((r) => [r.line, r]));
  const out: string[] = [];
  const maxShown = limits().problems;
  let shown = 0;
  const extrasCsv = (extra: string[]): string => extra.map((v) => ',' + csvCell(v)).join('');
  const extrasJson = (extra: string[]): Record<string, string> => Object.fromEntries(extraColumns.map((c, i) => [c, extra[i] ?? '']));
  // ODbL: every row carries the attribution, as a last column (CSV) or field (JSON lines), as every export does.
  const attribution = `Road data ${OSM_ATTRIBUTION}`;
  const tail = ',' + csvCell(attribution);
  if (!flags.json) out.push('line,from_lon,from_lat,to_lon,to_lat,status,time_s,length_m,snap_from_m,snap_to_m' + extrasCsv(extraColumns) + ',attribution');
  for (const line of all) {
    const row = byLine.get(line);
    if (!row) {
      const p = bad.get(line)!;
      if (shown++ < maxShown) process.stderr.write(`motorcade: ${terminalSafe(`${file}:${line}: ${p.message}`)}\n`);
      out.push(flags.json ? JSON.stringify({ line, status: 'bad-row', error: p.message, ...(extraColumns.length ? { columns: extrasJson(p.extra) } : {}), attribution }) : `${line},,,,,bad-row,,,,${extrasCsv(p.extra)}${tail}`);
      continue;
    }
    const a = snapper.nearest(row.fromLon, row.fromLat, { maxDistanceM: maxSnap });
    const b = snapper.nearest(row.toLon, row.toLat, { maxDistanceM: maxSnap });
    let status = 'ok';
    let time = '';
    let len = '';
    if (!a || !b) status = 'too-far-from-road';
    else {
      const r = router.fastest({ edge: a.edge, fraction: a.fraction }, { edge: b.edge, fraction: b.fraction }, opts);
      if (!r.found) status = 'no-route';
      else {
        time = r.timeS.toFixed(1);
        len = r.lengthM.toFixed(1);
      }
    }
    const sa = a ? a.distanceM.toFixed(1) : '';
    const sb = b ? b.distanceM.toFixed(1) : '';
    if (flags.json) out.push(JSON.stringify({ line, from: [row.fromLon, row.fromLat], to: [row.toLon, row.toLat], status, time_s: time === '' ? null : Number(time), length_m: len === '' ? null : Number(len), snap_from_m: sa === '' ? null : Number(sa), snap_to_m: sb === '' ? null : Number(sb), ...(extraColumns.length ? { columns: extrasJson(row.extra) } : {}), attribution }));
    else out.push(csvLine([line, row.fromLon, row.fromLat, row.toLon, row.toLat, status, time, len, sa, sb]) + extrasCsv(row.extra) + tail);
  }
  process.stdout.write(out.join('\n') + '\n');
  if (problems.length > 0) {
    if (shown > maxShown) process.stderr.write(`motorcade: ${shown - maxShown} more bad row(s) not listed (set ${LIMIT_ENV.problems} to list more)\n`);
    process.stderr.write(`motorcade: ${problems.length} bad row(s) in ${file}; the other ${rows.length} were routed\n`);
    process.exitCode = 2;
  }
}

/** A CSV cell: quoted when it holds a comma, quote or line break (RFC 4180). */
function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function serviceArea(flags: RouteFlags, graph: RoadGraph, router: Router, from: { label: string; endpoint: RouteEndpoint }, cutoffs: number[], overlay: CompiledOverlay | undefined): void {
  const times = router.oneToAll([{ endpoint: from.endpoint }], overlay ? { overlay, cutoffS: Math.max(...cutoffs) } : { cutoffS: Math.max(...cutoffs) });
  const fc = serviceAreas(graph, times, cutoffs, overlay?.costS ?? graph.timeS);
  if (flags.geojson) writeFileAtomic(flags.geojson, JSON.stringify(fc) + '\n');
  const bands = fc.features.filter((f) => f.properties?.['kind'] === 'reachable-roads');
  if (flags.json) {
    process.stdout.write(JSON.stringify({ from: from.label, service_areas: bands.map((b) => ({ cutoff_s: b.properties!['cutoff_s'], road_length_m: b.properties!['road_length_m'] })) }, null, 2) + '\n');
    return;
  }
  const lines = [`Service area from ${from.label}`];
  for (const b of bands) lines.push(`  within ${formatDuration(b.properties!['cutoff_s'] as number)}: ${((b.properties!['road_length_m'] as number) / 1000).toFixed(1)} km of road`);
  if (flags.geojson) lines.push(`written: ${flags.geojson}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** How many directed edges each --avoid area closed, one line: `avoid areas: area 1 closes 34 directed edges, …`. */
function avoidLine(areas: readonly { area: number; closed_edges: number }[]): string {
  return `avoid areas: ${areas.map((a) => `area ${a.area} closes ${a.closed_edges} directed edge${a.closed_edges === 1 ? '' : 's'}`).join(', ')}`;
}

function noRoute(flags: RouteFlags, from: string, to: string, reason: string, avoidAreas: readonly { area: number; closed_edges: number }[]): void {
  if (flags.json) process.stdout.write(JSON.stringify({ from, to, routes: [], reason, ...(avoidAreas.length > 0 ? { avoid_areas: avoidAreas } : {}) }, null, 2) + '\n');
  else process.stdout.write(`No route ${from} → ${to}: ${reason}\n${avoidAreas.length > 0 ? avoidLine(avoidAreas) + '\n' : ''}`);
  process.exitCode = 1;
}

function toFeatureCollection(graph: RoadGraph, routes: RouteFound[][], places: { label: string; lon: number; lat: number; snap: PlaceSnap; warning: string | null }[]): FeatureCollection<Geometry> {
  const features: Feature<Geometry>[] = [];
  routes.forEach((legs, i) => {
    legs.forEach((leg, j) => {
      features.push(routeToGeoJSON(graph, leg, { rank: i + 1, leg: j + 1, from: places[j]?.label ?? null, to: places[j + 1]?.label ?? null }));
    });
  });
  places.forEach((p, i) => {
    const role = i === 0 ? 'from' : i === places.length - 1 ? 'to' : 'via';
    const snapped = [roundTo(p.snap.lon, 7), roundTo(p.snap.lat, 7)];
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { role, place: p.label, snap_m: roundTo(p.snap.distanceM, 1), snapped, warning: p.warning } });
    // The unmodelled stretch from the place to the road it snapped to.
    if (p.snap.distanceM > 0) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[p.lon, p.lat], snapped] }, properties: { role: 'snap', place: p.label, snap_m: roundTo(p.snap.distanceM, 1) } });
  });
  // ODbL: the attribution as a foreign member (RFC 7946 §6.1), as every motorcade export carries it.
  return { type: 'FeatureCollection', features, attribution: `Road data ${OSM_ATTRIBUTION}` } as FeatureCollection<Geometry>;
}

function safeGazetteer(dataDir: string | undefined): ReturnType<typeof loadGazetteer> {
  try {
    return loadGazetteer(dataDir);
  } catch {
    return [];
  }
}

function sum(legs: readonly RouteFound[], key: 'timeS' | 'lengthM' | 'costS'): number {
  return legs.reduce((a, l) => a + l[key], 0);
}

