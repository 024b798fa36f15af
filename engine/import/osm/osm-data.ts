/**
 * What the three OSM readers (PBF, XML, Overpass JSON) hand to the graph builder: node coordinates and the
 * ways that carry a `highway` tag. Readers push elements into an `OsmCollector`; everything else (relations,
 * non-highway ways, node tags) is dropped on the way in to keep memory to coordinates and road ways.
 */
import { IdTable } from '../id-table.js';

export type OsmTags = Record<string, string>;

export interface OsmWay {
  id: number;
  /** Node ids in way order. */
  refs: number[];
  tags: OsmTags;
}

/** Where a reader found a bad element, for the one-line error (an XML line, a PBF block…). */
export type OsmLocation = string;

export class OsmCoordinateError extends Error {
  override name = 'OsmCoordinateError';
}

/** nodeIndex value of a node a highway way uses but that has not been read yet. */
const WANTED = -2;

export class OsmCollector {
  /** After keepOnlyWayNodes, only nodes marked WANTED (used by highway ways) are stored. */
  private restricted = false;
  /** OSM node id → index into `coord` (or WANTED). */
  private readonly nodeIndex = new IdTable();
  private coord = new Float64Array(1 << 12);
  private count = 0;
  readonly ways: OsmWay[] = [];
  /** Every way seen, with or without a highway tag. */
  waysRead = 0;
  nodesRead = 0;

  /**
   * From now on store only the nodes that highway ways use. Readers call this after reading the ways and
   * before the nodes, so memory holds road nodes only (a country extract has several times more nodes
   * on buildings, landuse and coastlines than on roads).
   */
  keepOnlyWayNodes(): void {
    let refs = 0;
    for (const w of this.ways) refs += w.refs.length;
    this.nodeIndex.reserve(refs);
    for (const w of this.ways) for (const ref of w.refs) this.nodeIndex.setIfAbsent(ref, WANTED);
    this.restricted = true;
  }

  /** Record a node; coordinates in degrees, checked here so every reader gets the same message. */
  node(id: number, lon: number, lat: number, where?: OsmLocation): void {
    this.nodesRead++;
    let i: number;
    if (this.restricted) {
      // One probe: claim the slot of a wanted node; anything else (not a road node, or a node listed
      // twice) is skipped, first occurrence wins.
      if (!this.nodeIndex.replace(id, WANTED, this.count)) return;
      i = this.count++;
    } else {
      i = this.nodeIndex.get(id);
      if (i < 0) {
        i = this.count++;
        this.nodeIndex.set(id, i);
      }
    }
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
      throw new OsmCoordinateError(`node ${id}${where ? ` (${where})` : ''} has coordinates out of range: lon ${lon}, lat ${lat}`);
    }
    if (2 * this.count > this.coord.length) {
      const grown = new Float64Array(this.coord.length * 2);
      grown.set(this.coord);
      this.coord = grown;
    }
    this.coord[2 * i] = lon;
    this.coord[2 * i + 1] = lat;
  }

  /** Count a way a reader skipped because it has no `highway` tag. */
  skipWay(): void {
    this.waysRead++;
  }

  /** Record a way; only ways with a `highway` tag are kept. */
  way(id: number, refs: number[], tags: OsmTags): void {
    this.waysRead++;
    if (tags['highway'] !== undefined) this.ways.push({ id, refs, tags });
  }

  /** Index of a node's coordinates, or -1 when the extract does not contain it. */
  indexOf(id: number): number {
    const i = this.nodeIndex.get(id);
    return i >= 0 ? i : -1;
  }

  /** Nodes stored (coordinate indices are 0 .. nodeCount-1). */
  get nodeCount(): number {
    return this.count;
  }

  hasNode(id: number): boolean {
    return this.nodeIndex.get(id) >= 0;
  }

  lon(index: number): number {
    return this.coord[2 * index]!;
  }

  lat(index: number): number {
    return this.coord[2 * index + 1]!;
  }
}
