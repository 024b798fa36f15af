import { createHash } from 'node:crypto';
import { Alea } from '../../sim/alea.js';
import type { Dimension, DimensionValue, SweepSpec, Variant } from './sweep-model.js';
import { valueKey, valueLabel } from './value-label.js';

/**
 * The variants of a sweep: the full grid (the last dimension varies fastest), or a Latin hypercube
 * sample of it: each dimension's values are cut into `variants` equal strata, one draw per stratum, the
 * strata permuted independently per dimension (seeded Alea: the same sweep file gives the same variants).
 * Duplicate points (more draws than grid points) are kept once. A variant's id is a digest of its values,
 * so it stays the same when other dimensions change order or the sample changes.
 */
export function sweepVariants(spec: SweepSpec): Variant[] {
  const dims = spec.dimensions.filter((d) => d.values.length > 0);
  const points: DimensionValue[][] = spec.sampling.method === 'grid' ? grid(dims) : latinHypercube(dims, spec.sampling.variants ?? 1, spec.sampling.seed);
  const seen = new Set<string>();
  const out: Variant[] = [];
  for (const values of points) {
    const id = variantId(values);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, index: out.length, label: values.length ? values.map(valueLabel).join(', ') : 'base scenario', values });
  }
  return out;
}

export function variantId(values: readonly DimensionValue[]): string {
  return 'v' + createHash('sha256').update(values.map(valueKey).join('\n')).digest('hex').slice(0, 10);
}

function grid(dims: Dimension[]): DimensionValue[][] {
  let points: DimensionValue[][] = [[]];
  for (const d of dims) points = points.flatMap((p) => d.values.map((v) => [...p, v]));
  return points;
}

function latinHypercube(dims: Dimension[], n: number, seed: string): DimensionValue[][] {
  const rng = new Alea();
  rng.seed(`${seed}|latin-hypercube|`, 0);
  const columns = dims.map((d) => {
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [strata[i], strata[j]] = [strata[j]!, strata[i]!];
    }
    return strata.map((s) => d.values[Math.min(d.values.length - 1, Math.floor(((s + rng.next()) / n) * d.values.length))]!);
  });
  return Array.from({ length: n }, (_, i) => columns.map((c) => c[i]!));
}
