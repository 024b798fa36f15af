import type { RoadGraph } from '../engine/graph/road-graph.js';

/**
 * The outline of a service area (a set of reachable roads) as polygon rings, for a light fill and a
 * crisp edge on the map instead of thousands of overlapping translucent road lines. The roads are
 * rasterised onto a grid of square cells (cellM metres a side, equirectangular at the roads' mean
 * latitude), the grid is closed morphologically (dilated then eroded by one cell, which fills the
 * blocks between reached streets without growing the area outwards), and the boundary between filled
 * and empty cells is traced into rings: outer rings counter-clockwise, holes clockwise (lon = x, lat =
 * y), so either fill rule draws holes as holes. Water between two reached banks stays empty as long as
 * it is wider than two cells.
 */

const M_PER_DEG = 111_320;

export interface OutlineGrid {
  /** Filled cells, row-major, w × h; row 0 is the southernmost. */
  cells: Uint8Array;
  w: number;
  h: number;
  lon0: number;
  lat0: number;
  dLon: number;
  dLat: number;
}

/** Rasterise the edges' geometry onto the grid (samples every half cell along each segment). */
export function rasterise(graph: RoadGraph, edges: readonly number[], cellM: number): OutlineGrid | null {
  if (edges.length === 0) return null;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity, latSum = 0;
  const lines = edges.map((edge) => graph.edgeGeometry(edge));
  for (const g of lines) {
    for (const [lon, lat] of g) {
      if (lon < w) w = lon;
      if (lon > e) e = lon;
      if (lat < s) s = lat;
      if (lat > n) n = lat;
    }
    latSum += g[0]![1];
  }
  const k = Math.cos(((latSum / lines.length) * Math.PI) / 180);
  const dLat = cellM / M_PER_DEG;
  const dLon = cellM / (M_PER_DEG * k);
  // Two empty cells of margin on every side, so that dilation never leaves the grid.
  const lon0 = w - 2 * dLon;
  const lat0 = s - 2 * dLat;
  const gw = Math.ceil((e - lon0) / dLon) + 3;
  const gh = Math.ceil((n - lat0) / dLat) + 3;
  const cells = new Uint8Array(gw * gh);
  const mark = (lon: number, lat: number): void => {
    cells[Math.floor((lat - lat0) / dLat) * gw + Math.floor((lon - lon0) / dLon)] = 1;
  };
  for (const g of lines) {
    for (let i = 1; i < g.length; i++) {
      const [ax, ay] = g[i - 1]!;
      const [bx, by] = g[i]!;
      const steps = Math.max(1, Math.ceil(Math.max(Math.abs(bx - ax) / dLon, Math.abs(by - ay) / dLat) * 2));
      for (let t = 0; t <= steps; t++) mark(ax + ((bx - ax) * t) / steps, ay + ((by - ay) * t) / steps);
    }
  }
  return { cells, w: gw, h: gh, lon0, lat0, dLon, dLat };
}

/** One step of dilation (grow = true) or erosion over the 8 neighbours of every cell. */
function morph(src: Uint8Array, w: number, h: number, grow: boolean): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let any = 0;
      let all = 1;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          const v = xx >= 0 && yy >= 0 && xx < w && yy < h ? src[yy * w + xx]! : 0;
          any |= v;
          all &= v;
        }
      }
      out[y * w + x] = grow ? any : all;
    }
  }
  return out;
}

/** Close the grid: dilate, then erode (fills gaps of up to two cells, keeps the outer extent). */
export function closeGrid(grid: OutlineGrid): OutlineGrid {
  return { ...grid, cells: morph(morph(grid.cells, grid.w, grid.h, true), grid.w, grid.h, false) };
}

/**
 * Trace the boundary of the filled cells into closed rings of grid corners (x, y as integers), each
 * boundary side directed with its filled cell on the left; collinear corners dropped.
 */
export function traceRings(grid: OutlineGrid): [number, number][][] {
  const { cells, w, h } = grid;
  const filled = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < w && y < h && cells[y * w + x] === 1;
  // Directed boundary sides, keyed by their start corner (y * (w + 1) + x).
  const out = new Map<number, number[]>();
  const key = (x: number, y: number): number => y * (w + 1) + x;
  const add = (ax: number, ay: number, bx: number, by: number): void => {
    const k = key(ax, ay);
    const list = out.get(k);
    if (list) list.push(key(bx, by));
    else out.set(k, [key(bx, by)]);
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!filled(x, y)) continue;
      if (!filled(x, y - 1)) add(x, y, x + 1, y);
      if (!filled(x + 1, y)) add(x + 1, y, x + 1, y + 1);
      if (!filled(x, y + 1)) add(x + 1, y + 1, x, y + 1);
      if (!filled(x - 1, y)) add(x, y + 1, x, y);
    }
  }
  const rings: [number, number][][] = [];
  const starts = [...out.keys()].sort((a, b) => a - b);
  for (const start of starts) {
    while ((out.get(start)?.length ?? 0) > 0) {
      const ring: [number, number][] = [];
      let at = start;
      do {
        ring.push([at % (w + 1), Math.floor(at / (w + 1))]);
        const next = out.get(at)!.pop()!;
        at = next;
      } while (at !== start);
      rings.push(dropCollinear(ring));
    }
  }
  return rings;
}

function dropCollinear(ring: [number, number][]): [number, number][] {
  const n = ring.length;
  return ring.filter((p, i) => {
    const a = ring[(i - 1 + n) % n]!;
    const b = ring[(i + 1) % n]!;
    return (p[0] - a[0]) * (b[1] - p[1]) - (p[1] - a[1]) * (b[0] - p[0]) !== 0;
  });
}

/** Rings in [lon, lat] (closed: first point repeated at the end) around the given roads. */
export function outlineOfEdges(graph: RoadGraph, edges: readonly number[], cellM = 150): [number, number][][] {
  const raw = rasterise(graph, edges, cellM);
  if (!raw) return [];
  const grid = closeGrid(raw);
  return traceRings(grid).map((ring) => {
    const pts = ring.map(([x, y]) => [grid.lon0 + x * grid.dLon, grid.lat0 + y * grid.dLat] as [number, number]);
    pts.push(pts[0]!);
    return pts;
  });
}
