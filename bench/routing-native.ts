import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../engine/paths.js';
import type { RoadGraph } from '../engine/graph/index.js';

/**
 * The C++ baselines, compiled with g++ -O2 at bench time into bench/native/build/ (git-ignored) and fed a
 * binary dump of the same CSR graph, weights and heuristic:
 *  - 'csr_search' (csr_search.cpp): our algorithm transcribed (indexed binary heap with decrease-key,
 *    epoch stamps): what the same algorithm costs in C++; modes dijkstra, astar and all (one-to-all).
 *  - 'one_to_all_lazy4' (one_to_all_lazy4.cpp): the fair limit for one-to-all, a minimal C++ Dijkstra
 *    with a lazy 4-ary heap; mode all only.
 */
export type NativeProgram = 'csr_search' | 'one_to_all_lazy4';

const BUILD = path.join(PACKAGE_ROOT, 'bench', 'native', 'build');

export function compileNative(program: NativeProgram = 'csr_search'): string {
  const source = path.join(PACKAGE_ROOT, 'bench', 'native', `${program}.cpp`);
  fs.mkdirSync(BUILD, { recursive: true });
  const bin = path.join(BUILD, program);
  if (!fs.existsSync(bin) || fs.statSync(bin).mtimeMs < fs.statSync(source).mtimeMs) {
    execFileSync('g++', ['-O2', '-std=c++17', '-o', bin, source], { stdio: 'inherit' });
  }
  return bin;
}

/** Write "CSR1" n m | firstOut | head | weight | x | y | k (little-endian), as csr_search.cpp reads it. */
export function writeNativeGraph(file: string, graph: RoadGraph, weight: Float64Array, x: Float64Array, y: Float64Array, k: number): void {
  const n = graph.nodeCount;
  const m = graph.edgeCount;
  const parts: Uint8Array[] = [];
  const head = new Uint8Array(12);
  head.set([0x43, 0x53, 0x52, 0x31]);
  new DataView(head.buffer).setUint32(4, n, true);
  new DataView(head.buffer).setUint32(8, m, true);
  parts.push(head);
  const bytes = (a: Uint32Array | Float64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  parts.push(bytes(graph.firstOut), bytes(graph.head), bytes(weight), bytes(x), bytes(y), bytes(new Float64Array([k])));
  fs.writeFileSync(file, Buffer.concat(parts));
}

export function writeQueries(file: string, pairs: readonly [number, number][]): void {
  const a = new Uint32Array(1 + 2 * pairs.length);
  a[0] = pairs.length;
  pairs.forEach(([s, t], i) => {
    a[1 + 2 * i] = s;
    a[2 + 2 * i] = t;
  });
  fs.writeFileSync(file, new Uint8Array(a.buffer));
}

/** Run the native program; per query its result (cost, or label checksum for 'all'), wall and CPU µs. */
export function runNative(bin: string, graphFile: string, queryFile: string, mode: 'dijkstra' | 'astar' | 'all'): { values: number[]; micros: number[]; cpuMicros: number[] } {
  const out = execFileSync(bin, [graphFile, queryFile, mode], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const values: number[] = [];
  const micros: number[] = [];
  const cpuMicros: number[] = [];
  for (const line of out.trim().split('\n')) {
    const [v, us, cpu] = line.split(' ');
    values.push(Number(v));
    micros.push(Number(us));
    cpuMicros.push(Number(cpu));
  }
  return { values, micros, cpuMicros };
}

export function buildDir(): string {
  fs.mkdirSync(BUILD, { recursive: true });
  return BUILD;
}
