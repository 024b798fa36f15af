import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, readGraphCache, writeGraphCache } from '../../engine/import/graph-cache.js';
import { loadGraph } from '../../engine/import/load-graph.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'geojson');
let tmp: string;
let previousCache: string | undefined;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-cache-'));
  previousCache = process.env['MOTORCADE_CACHE'];
  process.env['MOTORCADE_CACHE'] = path.join(tmp, 'cache');
});

afterAll(() => {
  if (previousCache === undefined) delete process.env['MOTORCADE_CACHE'];
  else process.env['MOTORCADE_CACHE'] = previousCache;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A private copy of a fixture, so the test can change it. */
function copyFixture(name: string): string {
  const file = path.join(tmp, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
  fs.copyFileSync(path.join(fixtures, name), file);
  return file;
}

describe('graph cache (.mcg)', () => {
  it('builds once, then loads the same bytes from the cache', async () => {
    const source = copyFixture('shared-vertex.geojson');
    const first = await loadGraph({ source });
    expect(first.fromCache).toBe(false);
    expect(first.cacheRefused).toBe('no cache yet');
    expect(fs.existsSync(first.cacheFile!)).toBe(true);
    const second = await loadGraph({ source });
    expect(second.fromCache).toBe(true);
    expect(second.buildMs).toBe(0);
    expect(Buffer.from(new Uint8Array(second.graph.buffer)).equals(Buffer.from(new Uint8Array(first.graph.buffer)))).toBe(true);
    expect(second.graph.meta.report['repair']).toEqual(first.graph.meta.report['repair']);
  });

  it('refuses a stale cache when the input changed, and rebuilds it', async () => {
    const source = copyFixture('shared-vertex.geojson');
    await loadGraph({ source });
    fs.appendFileSync(source, '\n ');
    const again = await loadGraph({ source });
    expect(again.fromCache).toBe(false);
    expect(again.cacheRefused).toMatch(/stale \(input .*shared-vertex\.geojson changed\)/);
    expect((await loadGraph({ source })).fromCache).toBe(true);
  });

  it('refuses a stale cache when import parameters changed', async () => {
    const source = copyFixture('dangling-near.geojson');
    await loadGraph({ source });
    const other = await loadGraph({ source, repair: { coreToCoreToleranceM: 12 } });
    expect(other.fromCache).toBe(false);
    expect(other.cacheRefused).toMatch(/import parameters changed/);
    expect((other.graph.meta.report['repair'] as { danglingEnds: { joined: number } }).danglingEnds.joined).toBe(1);
  });

  it('refuses a foreign or corrupt file with a clear reason, and rebuilds it', async () => {
    const source = copyFixture('shared-vertex.geojson');
    const { cacheFile } = await loadGraph({ source });
    fs.writeFileSync(cacheFile!, 'this is not a graph at all, just some text long enough to have a header...........................................................................................................................................................');
    const foreign = await loadGraph({ source });
    expect(foreign.fromCache).toBe(false);
    expect(foreign.cacheRefused).toMatch(/not usable \(not a motorcade graph/);
    // Another format version in the header.
    const bytes = fs.readFileSync(cacheFile!);
    bytes.writeUInt32LE(999, 4);
    fs.writeFileSync(cacheFile!, bytes);
    const versioned = await loadGraph({ source });
    expect(versioned.cacheRefused).toMatch(/format version 999 is not supported/);
    expect((await loadGraph({ source })).fromCache).toBe(true);
  });

  it('readGraphCache checks the fingerprint; writeGraphCache leaves no temporary files', async () => {
    const source = copyFixture('shared-vertex.geojson');
    const { graph } = await loadGraph({ source, noCache: true });
    const file = path.join(tmp, 'direct', 'g.mcg');
    writeGraphCache(file, graph);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['g.mcg']);
    const read = readGraphCache(file, fingerprint('something-else', [source], {}));
    expect('refused' in read && read.refused).toMatch(/stale \(built from geojson, wanted something-else\)/);
  });

  it('a failed import writes no cache at all', async () => {
    const source = copyFixture('malformed.geojson');
    await expect(loadGraph({ source })).rejects.toThrow(/not valid JSON/);
    const dir = process.env['MOTORCADE_CACHE']!;
    const left = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.includes('malformed')) : [];
    expect(left).toEqual([]);
  });

  it('a .json source is GeoJSON when it is a FeatureCollection (else Overpass JSON for the OSM importer)', async () => {
    const source = path.join(tmp, 'roads.json');
    fs.copyFileSync(path.join(fixtures, 'shared-vertex.geojson'), source);
    const r = await loadGraph({ source, noCache: true });
    expect(r.graph.meta.source['kind']).toBe('geojson');
    expect(r.graph.nodeCount).toBe(5);
  });

  it('a cache folder that cannot be written costs a warning, not the graph', async () => {
    const source = copyFixture('shared-vertex.geojson');
    const blocker = path.join(tmp, 'not-a-folder');
    fs.writeFileSync(blocker, 'a file where the cache folder should be');
    const saved = process.env['MOTORCADE_CACHE'];
    process.env['MOTORCADE_CACHE'] = path.join(blocker, 'cache');
    try {
      const r = await loadGraph({ source });
      expect(r.graph.nodeCount).toBe(5);
      expect(r.cacheWriteError).toMatch(/cannot write the cache/);
      expect(r.cacheFile).toBeUndefined();
    } finally {
      process.env['MOTORCADE_CACHE'] = saved;
    }
  });

  it('noCache neither reads nor writes', async () => {
    const source = copyFixture('dangling-far.geojson');
    const r = await loadGraph({ source, noCache: true });
    expect(r.fromCache).toBe(false);
    expect(r.cacheFile).toBeUndefined();
    expect(fs.readdirSync(process.env['MOTORCADE_CACHE']!).some((f) => f.includes('dangling-far'))).toBe(false);
  });
});
