/**
 * Closest point on a segment, in a plane. Callers bring coordinates into local metres first (see
 * `localMetres` for lon/lat) so that the parameter and the distance mean the same thing in every direction.
 */

/**
 * Parameter t in [0, 1] of the point of segment a→b closest to p (0 = a, 1 = b). A degenerate segment
 * (a = b) gives 0. No allocation: the caller computes the point as a + t (b - a).
 */
export function closestParameter(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return 0;
  const t = ((px - ax) * dx + (py - ay) * dy) / len2;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Squared distance from p to segment a→b, in the units of the inputs. */
export function segmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const t = closestParameter(px, py, ax, ay, bx, by);
  const qx = ax + t * (bx - ax) - px;
  const qy = ay + t * (by - ay) - py;
  return qx * qx + qy * qy;
}
