import fs from 'node:fs';
import { workerData } from 'node:worker_threads';
import { RoadGraph } from '../engine/graph/road-graph.js';
import { loadCityGraph, type CityGraphName } from '../engine/import/city-graph.js';
import { loadGraph } from '../engine/import/load-graph.js';

/**
 * Piscina worker for the hand-over benchmark: instead of receiving the graph's SharedArrayBuffer, each
 * worker loads the graph itself, from the cached graph file or from the source data. The handler is a
 * barrier probe, so that N concurrent probes prove N workers are up and hold a graph.
 */
interface ReimportData {
  /** cache: read a graph file; source: a city graph's .bin files; pp-cache / pp-source: loadGraph() of Phnom Penh. */
  mode: 'cache' | 'source' | 'pp-cache' | 'pp-source';
  /** Cache file (mode 'cache'). */
  file?: string;
  /** City graph (mode 'source'). */
  city?: CityGraphName;
}

const data = workerData as ReimportData;
async function load(): Promise<RoadGraph> {
  switch (data.mode) {
    case 'cache':
      return RoadGraph.from(new Uint8Array(fs.readFileSync(data.file!)).buffer);
    case 'source':
      return loadCityGraph(data.city!, undefined, { largestComponent: true });
    case 'pp-cache':
      return (await loadGraph()).graph;
    case 'pp-source':
      return (await loadGraph({ noCache: true })).graph;
  }
}
const graph = await load();

export default function probe(task: { barrier: SharedArrayBuffer; parties: number }): number {
  const counter = new Int32Array(task.barrier);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
  const deadline = Date.now() + 30_000;
  for (let seen = Atomics.load(counter, 0); seen < task.parties && Date.now() < deadline; seen = Atomics.load(counter, 0)) Atomics.wait(counter, 0, seen, 50);
  return graph.edgeCount;
}
