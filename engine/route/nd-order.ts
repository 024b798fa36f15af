import type { RoadGraph } from '../graph/index.js';
import type { NodeProjection } from './projection.js';

/** Parts at most this big are not split further. */
const LEAF_SIZE = 32;

/**
 * A node order for the customizable hierarchy by geometric nested dissection: split the nodes of a part at
 * the median coordinate of its longer side; the nodes of one half that touch the other half form the
 * separator, ranked above both halves, which are ordered recursively. Road networks are nearly planar, so
 * these separators stay small and contracting in this order adds few arcs; an order computed for one
 * metric (the classic hierarchy's) fills in badly without witness searches. Returns rank per node.
 */
export function nestedDissectionOrder(graph: RoadGraph, proj: NodeProjection): Uint32Array {
  const n = graph.nodeCount;
  const rank = new Uint32Array(n);
  const side = new Uint8Array(n);
  let next = 0;
  const { x, y } = proj;
  const touchesOther = (v: number): boolean => {
    for (let e = graph.firstOut[v]!; e < graph.firstOut[v + 1]!; e++) if (side[graph.head[e]!] === 2) return true;
    for (let i = graph.firstIn[v]!; i < graph.firstIn[v + 1]!; i++) if (side[graph.tail[graph.inEdge[i]!]!] === 2) return true;
    return false;
  };
  // Explicit stack of work items: a part to split, or a separator to rank once both halves are done.
  type Item = { part: Int32Array; separator: boolean };
  const stack: Item[] = [{ part: Int32Array.from({ length: n }, (_, i) => i), separator: false }];
  while (stack.length > 0) {
    const { part, separator } = stack.pop()!;
    if (separator || part.length <= LEAF_SIZE) {
      for (const v of part) rank[v] = next++;
      continue;
    }
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const v of part) {
      minX = Math.min(minX, x[v]!);
      maxX = Math.max(maxX, x[v]!);
      minY = Math.min(minY, y[v]!);
      maxY = Math.max(maxY, y[v]!);
    }
    const coord = maxX - minX >= maxY - minY ? x : y;
    const sorted = Int32Array.from(part).sort((a, b) => coord[a]! - coord[b]! || a - b);
    const half = sorted.length >> 1;
    for (let i = 0; i < sorted.length; i++) side[sorted[i]!] = i < half ? 1 : 2;
    const a: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < half; i++) {
      const v = sorted[i]!;
      if (touchesOther(v)) s.push(v);
      else a.push(v);
    }
    for (const v of sorted) side[v] = 0;
    // Popped last-in first-out: halves are ranked first, the separator after them (above both).
    stack.push({ part: Int32Array.from(s), separator: true });
    stack.push({ part: sorted.subarray(half), separator: false });
    stack.push({ part: Int32Array.from(a), separator: false });
  }
  return rank;
}
