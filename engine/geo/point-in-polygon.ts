/**
 * Point-in-polygon by ray casting, in whatever planar coordinates the caller uses (lon/lat degrees at city
 * scale, or projected units). Rings are closed or open sequences of [x, y]; a polygon is its outer ring
 * followed by its holes, combined even-odd, so a point in a hole is outside. Agrees with
 * @turf/boolean-point-in-polygon off the boundary (test/geo/turf-reference.test.ts).
 */
export type Ring = readonly (readonly number[])[];

export function ringContains(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole (even-odd over all rings). */
export function ringsContain(rings: readonly Ring[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) if (ringContains(ring, x, y)) inside = !inside;
  return inside;
}
