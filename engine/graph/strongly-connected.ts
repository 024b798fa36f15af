/**
 * Strongly connected components of the CSR road graph: Tarjan's algorithm made iterative (an explicit
 * call stack of (node, next edge) pairs), so that a 400k-node city never overflows the JS stack.
 * O(n + m) time, five Int32/Uint32 arrays of n entries.
 */

/** The part of a CSR graph the search reads (a RoadGraph satisfies it). */
export interface CsrAdjacency {
  readonly nodeCount: number;
  readonly firstOut: Uint32Array;
  readonly head: Uint32Array;
}

export interface StronglyConnected {
  /** Component id per node, 0 .. count-1 (ids in reverse topological order, as Tarjan emits them). */
  componentOf: Int32Array;
  count: number;
  /** Node count per component. */
  size: Uint32Array;
}

export function stronglyConnectedComponents(graph: CsrAdjacency): StronglyConnected {
  const n = graph.nodeCount;
  const { firstOut, head } = graph;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const sccStack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Uint32Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  let sp = 0;
  let cp = 0;
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    sccStack[sp++] = root;
    onStack[root] = 1;
    callNode[cp] = root;
    callEdge[cp] = firstOut[root]!;
    cp++;
    while (cp > 0) {
      const v = callNode[cp - 1]!;
      const e = callEdge[cp - 1]!;
      if (e < firstOut[v + 1]!) {
        callEdge[cp - 1] = e + 1;
        const w = head[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          sccStack[sp++] = w;
          onStack[w] = 1;
          callNode[cp] = w;
          callEdge[cp] = firstOut[w]!;
          cp++;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      // All edges of v done: v roots a component if nothing below reached further up.
      cp--;
      if (low[v] === index[v]) {
        const id = sizes.length;
        let count = 0;
        for (;;) {
          const w = sccStack[--sp]!;
          onStack[w] = 0;
          componentOf[w] = id;
          count++;
          if (w === v) break;
        }
        sizes.push(count);
      }
      if (cp > 0) {
        const u = callNode[cp - 1]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
    }
  }
  return { componentOf, count: sizes.length, size: Uint32Array.from(sizes) };
}
