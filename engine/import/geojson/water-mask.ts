import { DataFileError } from '../../errors.js';
import { readJsonFile } from '../../read-json-file.js';
import { featuresOf, readPosition } from './read-lines.js';
import type { LocalPlane } from './planar.js';

/** A water polygon in plane metres: outer ring first, then holes (islands), each ring x, y interleaved. */
export type WaterPolygon = Float64Array[];

/** Read the Polygon / MultiPolygon features of a GeoJSON water file into plane coordinates. */
export function readWaterPolygons(file: string, plane: LocalPlane): WaterPolygon[] {
  const features = featuresOf(file, readJsonFile(file, 'water GeoJSON', 'road'));
  const polygons: WaterPolygon[] = [];
  features.forEach((raw, i) => {
    const g = (raw as { geometry?: { type?: unknown; coordinates?: unknown } })?.geometry;
    const polys: unknown[] = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' && Array.isArray(g.coordinates) ? g.coordinates : [];
    for (const poly of polys) {
      if (!Array.isArray(poly)) throw new DataFileError(file, `features[${i}].geometry: expected an array of rings`);
      polygons.push(
        poly.map((ring: unknown, r: number) => {
          if (!Array.isArray(ring)) throw new DataFileError(file, `features[${i}].geometry.coordinates[${r}]: expected an array of positions`);
          const xy = new Float64Array(ring.length * 2);
          ring.forEach((p: unknown, j: number) => {
            const [lon, lat] = readPosition(file, `features[${i}].geometry.coordinates[${r}][${j}]`, p);
            xy[2 * j] = plane.x(lon);
            xy[2 * j + 1] = plane.y(lat);
          });
          return xy;
        }),
      );
    }
  });
  return polygons;
}

/**
 * Water as a raster of CELL_M cells (1 byte per cell): "is this point over water" becomes one array
 * lookup, which the bridge test asks millions of times. Rasterised by scanlines at cell centres with the
 * even-odd rule per polygon, so islands (holes) stay dry. At 10 m the 45 × 45 km box is ~20 MB, freed
 * after import.
 */
export class WaterMask {
  static readonly CELL_M = 10;
  private readonly cells: Uint8Array;
  private readonly cols: number;
  private readonly rows: number;

  constructor(
    polygons: readonly WaterPolygon[],
    private readonly x0: number,
    private readonly y0: number,
    x1: number,
    y1: number,
  ) {
    const c = WaterMask.CELL_M;
    this.cols = Math.max(1, Math.ceil((x1 - x0) / c));
    this.rows = Math.max(1, Math.ceil((y1 - y0) / c));
    this.cells = new Uint8Array(this.cols * this.rows);
    for (const poly of polygons) this.fill(poly);
  }

  private fill(poly: WaterPolygon): void {
    const c = WaterMask.CELL_M;
    let ymin = Infinity;
    let ymax = -Infinity;
    for (const ring of poly) {
      for (let k = 1; k < ring.length; k += 2) {
        ymin = Math.min(ymin, ring[k]!);
        ymax = Math.max(ymax, ring[k]!);
      }
    }
    const r0 = Math.max(0, Math.floor((ymin - this.y0) / c));
    const r1 = Math.min(this.rows - 1, Math.floor((ymax - this.y0) / c));
    if (r1 < r0) return;
    const crossings: number[][] = Array.from({ length: r1 - r0 + 1 }, () => []);
    for (const ring of poly) {
      const n = ring.length / 2;
      for (let k = 0; k < n; k++) {
        const ax = ring[2 * k]!;
        const ay = ring[2 * k + 1]!;
        const bx = ring[2 * ((k + 1) % n)]!;
        const by = ring[2 * ((k + 1) % n) + 1]!;
        if (ay === by) continue;
        const lo = Math.min(ay, by);
        const hi = Math.max(ay, by);
        // Rows whose centre line y = y0 + (r + 0.5) c lies in [lo, hi) (half-open: a vertex counts once).
        const ra = Math.max(r0, Math.ceil((lo - this.y0) / c - 0.5));
        const rb = Math.min(r1, Math.ceil((hi - this.y0) / c - 0.5) - 1);
        for (let r = ra; r <= rb; r++) {
          const yc = this.y0 + (r + 0.5) * c;
          crossings[r - r0]!.push(ax + ((yc - ay) / (by - ay)) * (bx - ax));
        }
      }
    }
    for (let i = 0; i < crossings.length; i++) {
      const xs = crossings[i]!.sort((a, b) => a - b);
      const row = (r0 + i) * this.cols;
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const ca = Math.max(0, Math.ceil((xs[k]! - this.x0) / c - 0.5));
        const cb = Math.min(this.cols - 1, Math.floor((xs[k + 1]! - this.x0) / c - 0.5));
        for (let col = ca; col <= cb; col++) this.cells[row + col] = 1;
      }
    }
  }

  isWater(x: number, y: number): boolean {
    const col = Math.floor((x - this.x0) / WaterMask.CELL_M);
    const row = Math.floor((y - this.y0) / WaterMask.CELL_M);
    if (col < 0 || row < 0 || col >= this.cols || row >= this.rows) return false;
    return this.cells[row * this.cols + col] === 1;
  }

  /** Is there water within `radiusM` of a point (tested on a small cross and the point itself)? */
  nearWater(x: number, y: number, radiusM: number): boolean {
    if (this.isWater(x, y)) return true;
    for (let r = WaterMask.CELL_M; r <= radiusM; r += WaterMask.CELL_M) {
      if (this.isWater(x + r, y) || this.isWater(x - r, y) || this.isWater(x, y + r) || this.isWater(x, y - r)) return true;
    }
    return false;
  }
}
