import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOsm } from '../../engine/import/osm/index.js';
import { DataFileError, EmptyGraphError, type MotorcadeError } from '../../engine/errors.js';
import { fixture } from './osm-helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-bad-'));
function write(name: string, content: string | Uint8Array): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

/** The error importOsm throws: one line naming the file, and the CLI's exit code 2 (bad input). */
function failure(file: string): MotorcadeError {
  try {
    importOsm(file);
  } catch (err) {
    const e = err as MotorcadeError;
    expect(e.message).not.toContain('\n');
    expect(e.exitCode).toBe(2);
    return e;
  }
  throw new Error(`importOsm(${file}) did not fail`);
}

const node = (id: number, lat: number, lon: number) => `<node id="${id}" lat="${lat}" lon="${lon}"/>`;
const osm = (body: string) => `<?xml version="1.0"?>\n<osm version="0.6">\n${body}\n</osm>\n`;

describe('bad OSM input: one clear line, the file, where when known', () => {
  it('missing file', () => {
    const e = failure(path.join(tmp, 'nope.osm.pbf'));
    expect(e).toBeInstanceOf(DataFileError);
    expect(e.message).toMatch(/nope\.osm\.pbf: file not found/);
  });

  it('malformed XML, with line and column', () => {
    const file = write('broken.osm', osm(`${node(1, 11.5, 104.9)}\n<way id="2"><nd ref="1"/>\n</osm>`));
    expect(failure(file).message).toMatch(/broken\.osm: malformed XML at line \d+, column \d+/);
  });

  it('malformed JSON, with line and column', () => {
    const file = write('broken.json', '{"elements": [\n {"type": "node", "id": 1,, "lat": 1}\n]}');
    expect(failure(file).message).toMatch(/broken\.json: Overpass JSON file is not valid JSON at 2:\d+/);
  });

  it('JSON that is not Overpass output', () => {
    expect(failure(write('other.json', '{"type": "FeatureCollection", "features": []}')).message).toMatch(/no "elements" array/);
  });

  it('coordinates out of range name the node', () => {
    const file = write('range.osm', osm(`${node(7, 95, 104.9)}${node(8, 11.5, 104.9)}<way id="1"><nd ref="7"/><nd ref="8"/><tag k="highway" v="primary"/></way>`));
    expect(failure(file).message).toMatch(/range\.osm: node 7 has coordinates out of range: lon 104.9, lat 95/);
  });

  it('a file with no highways', () => {
    const file = write('buildings.osm', osm(`${node(1, 11.5, 104.9)}${node(2, 11.51, 104.9)}<way id="1"><nd ref="1"/><nd ref="2"/><tag k="building" v="yes"/></way>`));
    const e = failure(file);
    expect(e).toBeInstanceOf(EmptyGraphError);
    expect(e.message).toMatch(/buildings\.osm: no highways \(read 1 ways, 2 nodes\)/);
  });

  it('highways but no drivable road left after filtering', () => {
    const file = write('paths.osm', osm(`${node(1, 11.5, 104.9)}${node(2, 11.51, 104.9)}<way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>`));
    const e = failure(file);
    expect(e).toBeInstanceOf(EmptyGraphError);
    expect(e.message).toMatch(/paths\.osm: no drivable road left after filtering/);
  });

  it('a truncated PBF', () => {
    const bytes = fs.readFileSync(fixture('network.osm.pbf'));
    const e = failure(write('cut.osm.pbf', bytes.subarray(0, bytes.length - 40)));
    expect(e.message).toMatch(/cut\.osm\.pbf: corrupt or unsupported PBF \(blob 3 at byte \d+\)/);
  });

  it('a PBF with a corrupt zlib stream', () => {
    const bytes = Buffer.from(fs.readFileSync(fixture('network.osm.pbf')));
    for (let i = bytes.length - 60; i < bytes.length - 20; i++) bytes[i] = bytes[i]! ^ 0x5a;
    expect(failure(write('flipped.osm.pbf', bytes)).message).toMatch(/flipped\.osm\.pbf: corrupt or unsupported PBF \(blob 3/);
  });

  it('something that is not a PBF at all', () => {
    expect(failure(write('text.osm.pbf', 'hello, this is not protobuf\n'.repeat(10))).message).toMatch(/text\.osm\.pbf: not a valid OSM PBF file/);
    expect(failure(write('empty.osm.pbf', '')).message).toMatch(/empty\.osm\.pbf: file is empty/);
  });
});

describe('compressed OSM files', () => {
  it('reads .osm.gz directly and explains .bz2', async () => {
    const zlib = await import('node:zlib');
    const gz = write('network.osm.gz', zlib.gzipSync(fs.readFileSync(fixture('network.osm'))));
    expect(importOsm(gz).edgeCount).toBe(importOsm(fixture('network.osm')).edgeCount);
    const e = failure(write('x.osm.bz2', Buffer.from('BZh91AY&SY....')));
    expect(e.message).toMatch(/x\.osm\.bz2: is bzip2-compressed: decompress it first/);
    expect(failure(write('bad.osm.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3]))).message).toMatch(/bad\.osm\.gz: corrupt gzip data/);
  });
});
