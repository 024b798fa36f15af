import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeSnapper } from '../../engine/graph/edge-snapper.js';
import { SECTION } from '../../engine/graph/format.js';
import { checkGraphContent, sealGraphBuffer } from '../../engine/graph/integrity.js';
import type { RoadGraph } from '../../engine/graph/road-graph.js';
import { loadGazetteer } from '../../engine/import/gazetteer.js';
import { readGraphFile } from '../../engine/import/graph-cache.js';
import { loadGraph } from '../../engine/import/load-graph.js';
import { Router } from '../../engine/route/router.js';

/**
 * A damaged or altered Phnom Penh cache is refused with its reason and rebuilt, and the route
 * pnh_airport → sokha_hotel is the same as before the damage. Without the checks (verify: false) one
 * flipped bit in a travel time does change that route: the test proves the checksum is what catches it.
 */
let tmp: string;
let previousCache: string | undefined;
let cacheFile: string;
let original: Buffer;
let reference: { edges: number[]; timeS: number };

function route(graph: RoadGraph): { edges: number[]; timeS: number } {
  const places = loadGazetteer();
  const snapper = new EdgeSnapper(graph);
  const at = (id: string): { edge: number; fraction: number } => {
    const l = places.find((p) => p.id === id)!;
    const s = snapper.nearest(l.lon, l.lat, { maxDistanceM: 1000 })!;
    return { edge: s.edge, fraction: s.fraction };
  };
  const r = new Router(graph).fastest(at('pnh_airport'), at('sokha_hotel'));
  if (!r.found) throw new Error('no route');
  return { edges: [...r.edges], timeS: r.timeS };
}

const word = (i: number): number => 4 * i;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-integrity-'));
  previousCache = process.env['MOTORCADE_CACHE'];
  process.env['MOTORCADE_CACHE'] = tmp;
  const built = await loadGraph();
  cacheFile = built.cacheFile!;
  original = fs.readFileSync(cacheFile);
  reference = route(built.graph);
});

afterAll(() => {
  if (previousCache === undefined) delete process.env['MOTORCADE_CACHE'];
  else process.env['MOTORCADE_CACHE'] = previousCache;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Write a damaged copy of the cache, load, and check it was refused for `reason` and rebuilt. */
async function refusedAndRebuilt(damage: (b: Buffer) => void, reason: RegExp): Promise<void> {
  const bytes = Buffer.from(original);
  damage(bytes);
  fs.writeFileSync(cacheFile, bytes);
  const r = await loadGraph();
  expect(r.fromCache).toBe(false);
  expect(r.cacheRefused).toMatch(/^cache .* is not usable \(/);
  expect(r.cacheRefused).toMatch(reason);
  expect(route(r.graph)).toEqual(reference);
  expect(fs.readFileSync(cacheFile).equals(bytes)).toBe(false);
  expect((await loadGraph()).fromCache).toBe(true);
}

describe('graph cache integrity', () => {
  it('an intact cache loads and gives the reference route', async () => {
    const r = await loadGraph();
    expect(r.fromCache).toBe(true);
    expect(route(r.graph)).toEqual(reference);
  });

  it('a flipped byte in the header counts is refused', async () => {
    await refusedAndRebuilt((b) => (b[word(2)]! ^= 0x10), /section 0 .* holds \d+ entries, the header's counts say \d+/);
  });

  it('an edge count blown up to 4 billion is refused before any view is made', async () => {
    await refusedAndRebuilt((b) => b.writeUInt32LE(0xfffffff0, word(3)), /header's counts say 4294967280/);
  });

  it('a flipped byte in a section offset is refused', async () => {
    await refusedAndRebuilt((b) => (b[word(8 + 2 * SECTION.timeS) + 1]! ^= 0x01), /graph section 6 .*(overlaps|aligned|past the end)/);
  });

  it('a section length pointing past the end of the file is refused', async () => {
    await refusedAndRebuilt((b) => b.writeUInt32LE(0x7ffffff8, word(9 + 2 * SECTION.meta)), /section 17 .* runs past the end/);
  });

  it("one flipped bit in an edge's travel time is refused by the checksum (and would change the route)", async () => {
    const edge = reference.edges[Math.floor(reference.edges.length / 2)]!;
    const timeOffset = original.readUInt32LE(word(8 + 2 * SECTION.timeS));
    // Bit 61 (an exponent bit that is 0 for times of 2 s to 2^511 s) multiplies the time by 2^512: still finite.
    const flip = (b: Buffer): void => {
      b[timeOffset + 8 * edge + 7]! ^= 0x20;
    };
    const damaged = Buffer.from(original);
    flip(damaged);
    const unchecked = readGraphFile(writeTo('unchecked.mcg', damaged), { verify: false });
    expect(Number.isFinite(unchecked.timeS[edge]!)).toBe(true);
    expect(route(unchecked).edges).not.toEqual(reference.edges);
    await refusedAndRebuilt(flip, /checksum mismatch \(stored 0x[0-9a-f]{8}, bytes give 0x[0-9a-f]{8}\)/);
  });

  it('a file whose checksum was forged over bad content is refused by the content checks', async () => {
    await refusedAndRebuilt((b) => {
      const headOffset = b.readUInt32LE(word(8 + 2 * SECTION.head));
      b.writeUInt32LE(0xffffff, headOffset + 4 * 10);
      reseal(b);
    }, /edge 10: head 16777215 is not a node|inEdge\[\d+\] = 10 is not an edge into node/);
    await refusedAndRebuilt((b) => {
      const timeOffset = b.readUInt32LE(word(8 + 2 * SECTION.timeS));
      b.writeDoubleLE(Number.NaN, timeOffset + 8 * 5);
      reseal(b);
    }, /edge 5: travel time NaN is not a finite non-negative number/);
  });

  it('every graph the builder makes passes the content checks', async () => {
    const r = await loadGraph();
    expect(() => checkGraphContent(r.graph)).not.toThrow();
  });
});

function writeTo(name: string, bytes: Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Recompute the checksum of edited bytes, as someone forging a file would. */
function reseal(b: Buffer): void {
  const copy = new Uint8Array(b.length);
  copy.set(b);
  sealGraphBuffer(copy.buffer);
  b.set(copy);
}
