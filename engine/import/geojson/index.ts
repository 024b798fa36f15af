import path from 'node:path';
import { keepLargestComponent } from '../../graph/subgraph.js';
import { replaceMeta } from '../../graph/replace-meta.js';
import type { GraphMeta, RoadGraph } from '../../graph/road-graph.js';
import { assembleGraph, type SpeedRule } from './assemble.js';
import { resolveCrossings } from './crossings.js';
import { joinDanglingEnds } from './dangling-join.js';
import { removeMetroDuplicates } from './dedup-merge.js';
import { LocalPlane } from './planar.js';
import { readRoadLines, type RoadLine } from './read-lines.js';
import { DEFAULT_REPAIR_PARAMS, type RepairParams, type RepairReport } from './repair-report.js';
import { RoadSet, SegmentNetwork } from './segment-network.js';
import { addLinesMergingVertices, densify } from './vertex-merge.js';
import { readWaterPolygons, WaterMask } from './water-mask.js';
import { round3 } from '../../rounding.js';
import type { GeoJsonImportInput } from './inputs.js';

export { DEFAULT_REPAIR_PARAMS, type RepairParams, type RepairReport } from './repair-report.js';
export type { SpeedRule } from './assemble.js';
export { phnomPenhInputs, type GeoJsonImportInput } from './inputs.js';

function planeFor(lineSets: readonly (readonly RoadLine[])[]): LocalPlane {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const lines of lineSets) {
    for (const l of lines) {
      for (let k = 0; k < l.coords.length; k += 2) {
        minLon = Math.min(minLon, l.coords[k]!);
        maxLon = Math.max(maxLon, l.coords[k]!);
        minLat = Math.min(minLat, l.coords[k + 1]!);
        maxLat = Math.max(maxLat, l.coords[k + 1]!);
      }
    }
  }
  return new LocalPlane((minLon + maxLon) / 2, (minLat + maxLat) / 2);
}

function waterMaskFor(file: string, net: SegmentNetwork): WaterMask {
  const pad = 200;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let v = 0; v < net.vertexCount; v++) {
    x0 = Math.min(x0, net.x[v]!);
    x1 = Math.max(x1, net.x[v]!);
    y0 = Math.min(y0, net.y[v]!);
    y1 = Math.max(y1, net.y[v]!);
  }
  return new WaterMask(readWaterPolygons(file, net.plane), x0 - pad, y0 - pad, x1 + pad, y1 + pad);
}

/**
 * Import GeoJSON road lines with topology repair (see docs/data.md, section "Importing the bundled Phnom Penh data" for the rules and
 * numbers): shared vertices → junctions; metro duplicates of core roads removed; dangling ends joined
 * (splitting the road they join); metro crossings joined unless over water or at a grade separation;
 * degree-2 vertices folded; bridges flagged from water; the largest strongly connected component kept.
 */
export function importRoadGeoJson(input: GeoJsonImportInput, params: Partial<RepairParams> = {}, source: Record<string, unknown> = {}, speedOf?: SpeedRule): RoadGraph {
  const started = performance.now();
  const p: RepairParams = { ...DEFAULT_REPAIR_PARAMS, ...params };
  const stepMs: Record<string, number> = {};
  let mark = started;
  const lap = (name: string): void => {
    const now = performance.now();
    stepMs[name] = Math.round(now - mark);
    mark = now;
  };
  const core = readRoadLines(input.core);
  const metro = input.metro !== undefined ? readRoadLines(input.metro) : undefined;
  const net = new SegmentNetwork(planeFor(metro ? [core.lines, metro.lines] : [core.lines]));
  const inputs: RepairReport['inputs'] = {};
  inputs[path.basename(input.core)] = { ...addLinesMergingVertices(net, core.lines, RoadSet.CORE), skippedFeatures: core.skippedFeatures };
  lap('readCore');
  let duplicates: RepairReport['duplicates'] = null;
  let cutVertices: ReadonlySet<number> = new Set();
  if (metro && input.metro !== undefined) {
    inputs[path.basename(input.metro)] = { ...addLinesMergingVertices(net, metro.lines, RoadSet.METRO), skippedFeatures: metro.skippedFeatures };
    lap('readMetro');
    densify(net, RoadSet.METRO, p.densifyM);
    const dedup = removeMetroDuplicates(net, { toleranceM: p.duplicateToleranceM, maxAngleDeg: p.duplicateMaxAngleDeg, sliverM: p.sliverM });
    cutVertices = dedup.cutVertices;
    lap('dedup');
    duplicates = { segmentsRemoved: dedup.segmentsRemoved, kmRemoved: round3(dedup.kmRemoved), sliversRemoved: dedup.sliversRemoved, cutEnds: dedup.cutEnds };
  }
  const water = input.water !== undefined ? waterMaskFor(input.water, net) : undefined;
  lap('water');
  const danglingEnds = joinDanglingEnds(net, { toleranceM: p.danglingToleranceM, coreToCoreToleranceM: p.coreToCoreToleranceM, cutToleranceM: p.cutEndToleranceM, cutVertices, snapToVertexM: 1 });
  lap('dangling');
  const crossings = resolveCrossings(net, water, {
    joinMetroCrossings: p.joinMetroCrossings,
    minAngleDeg: p.crossingMinAngleDeg,
    waterRadiusM: p.crossingWaterRadiusM,
    gradeSeparationRadiusM: p.gradeSeparationRadiusM,
  });
  lap('crossings');
  const verticesMerged = Object.values(inputs).reduce((a, c) => a + c.verticesMerged, 0);
  for (const c of Object.values(inputs)) c.km = round3(c.km);
  const meta: GraphMeta = { source, report: {}, builtAt: new Date().toISOString() };
  const assembled = assembleGraph(net, water, p.bridgeMinWaterM, meta, speedOf);
  lap('assemble');
  const before = assembled.graph;
  let beforeKm = 0;
  for (let e = 0; e < before.edgeCount; e++) if (before.twin[e]! < 0 || before.twin[e]! > e) beforeKm += before.lengthM[e]!;
  const report: RepairReport = {
    params: p,
    inputs,
    verticesMerged,
    duplicates,
    danglingEnds,
    crossings,
    bridges: assembled.counts,
    beforeComponents: { nodes: before.nodeCount, edges: before.edgeCount, km: round3(beforeKm / 1000) },
    buildMs: 0,
  };
  const { graph, report: components } = keepLargestComponent(before);
  report.components = components;
  lap('components');
  report.stepMs = stepMs;
  report.buildMs = Math.round(performance.now() - started);
  // Store the complete report (with the component step and the total time) in the meta.
  return replaceMeta(graph, { ...graph.meta, report: { ...graph.meta.report, repair: report } });
}
