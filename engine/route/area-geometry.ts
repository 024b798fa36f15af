import type { Polygon } from 'geojson';
import { ringsContain } from '../geo/point-in-polygon.js';

/**
 * Small planar geometry helpers for overlay compilation, in lon/lat degrees (or planar units). Areas in
 * overlays are city-sized, where treating degrees as a plane only matters for distances, which use
 * metres (circleContains).
 */

/** Ray casting over the outer ring and holes (even-odd): inside the outer ring and outside every hole. */
export function polygonContains(poly: Polygon, x: number, y: number): boolean {
  return ringsContain(poly.coordinates, x, y);
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Whether segments ab and cd touch or cross (collinear overlaps included). */
export function segmentsIntersect(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const on = (px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean =>
    Math.min(px, qx) <= rx && rx <= Math.max(px, qx) && Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
  if (d1 === 0 && on(cx, cy, dx, dy, ax, ay)) return true;
  if (d2 === 0 && on(cx, cy, dx, dy, bx, by)) return true;
  if (d3 === 0 && on(ax, ay, bx, by, cx, cy)) return true;
  if (d4 === 0 && on(ax, ay, bx, by, dx, dy)) return true;
  return false;
}

/** Whether a polyline has a vertex inside the polygon or crosses its boundary. */
export function polylineIntersectsPolygon(line: readonly (readonly [number, number])[], poly: Polygon): boolean {
  for (const [x, y] of line) if (polygonContains(poly, x, y)) return true;
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i]!;
    const [bx, by] = line[i + 1]!;
    for (const ring of poly.coordinates) {
      for (let j = 0; j + 1 < ring.length; j++) {
        if (segmentsIntersect(ax, ay, bx, by, ring[j]![0]!, ring[j]![1]!, ring[j + 1]![0]!, ring[j + 1]![1]!)) return true;
      }
    }
  }
  return false;
}

/** Bounding box [minX, minY, maxX, maxY] of a polygon's outer ring. */
export function polygonBBox(poly: Polygon): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of poly.coordinates[0] ?? []) {
    minX = Math.min(minX, p[0]!);
    minY = Math.min(minY, p[1]!);
    maxX = Math.max(maxX, p[0]!);
    maxY = Math.max(maxY, p[1]!);
  }
  return [minX, minY, maxX, maxY];
}
