/**
 * Sort the first `count` entries of `idx` by (keys[idx], idx) ascending, in place, allocating nothing.
 *
 * Why not `idx.subarray(0, count).sort((a, b) => keys[a] - keys[b] || a - b)`: V8's TypedArray sort with a
 * comparator copies the array into a tagged work array and boxes every comparator result as a heap number,
 * ~10 KB of garbage per call on a 100-edge route. Called for every coverage kind of every sample whose
 * coverage changed en route, it was most of the simulation's allocation, and with two workers the extra
 * scavenges competed for the same two cores.
 *
 * Order: keys ascending, equal keys by index ascending (so +Infinity ties, i.e. unreachable edges, keep
 * their route order). NaN keys are not expected (edge values are finite or +Infinity).
 * Quicksort (median of three) down to short ranges, then insertion sort; recursion only on the smaller
 * side, so the stack depth is O(log count).
 */
export function sortIndicesByKey(idx: Uint32Array, keys: Float64Array, count: number): void {
  quicksort(idx, keys, 0, count - 1);
}

/** Ranges up to this length are finished by insertion sort (fewer comparisons than partitioning there). */
const INSERTION_MAX = 16;

function before(keys: Float64Array, a: number, b: number): boolean {
  const ka = keys[a]!;
  const kb = keys[b]!;
  return ka < kb || (ka === kb && a < b);
}

function quicksort(idx: Uint32Array, keys: Float64Array, lo: number, hi: number): void {
  while (hi - lo >= INSERTION_MAX) {
    const mid = (lo + hi) >>> 1;
    // Median of three into idx[mid], with idx[lo] ≤ idx[mid] ≤ idx[hi].
    if (before(keys, idx[mid]!, idx[lo]!)) swap(idx, mid, lo);
    if (before(keys, idx[hi]!, idx[lo]!)) swap(idx, hi, lo);
    if (before(keys, idx[hi]!, idx[mid]!)) swap(idx, hi, mid);
    const pivot = idx[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(keys, idx[i]!, pivot)) i++;
      while (before(keys, pivot, idx[j]!)) j--;
      if (i <= j) {
        swap(idx, i, j);
        i++;
        j--;
      }
    }
    // Recurse into the smaller part, loop on the larger.
    if (j - lo < hi - i) {
      quicksort(idx, keys, lo, j);
      lo = i;
    } else {
      quicksort(idx, keys, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = idx[i]!;
    let j = i - 1;
    while (j >= lo && before(keys, v, idx[j]!)) {
      idx[j + 1] = idx[j]!;
      j--;
    }
    idx[j + 1] = v;
  }
}

function swap(idx: Uint32Array, a: number, b: number): void {
  const t = idx[a]!;
  idx[a] = idx[b]!;
  idx[b] = t;
}
