import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../engine/import/gazetteer.js';
import { readJsonFile } from '../engine/read-json-file.js';
import { readAvoidPolygons } from '../cli/avoid-file.js';

describe('readJsonFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-json-'));
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, '{ "a": ');
  const good = path.join(dir, 'good.json');
  fs.writeFileSync(good, '{ "a": [1, 2] }');

  it('parses a file', () => {
    expect(readJsonFile(good, 'test')).toEqual({ a: [1, 2] });
  });

  it('a missing or malformed file is an InputError (exit 2) naming the file and what it should hold', () => {
    const missing = path.join(dir, 'nope.json');
    expect(() => readJsonFile(missing, 'gazetteer')).toThrowError(`${missing}: gazetteer file not found`);
    try {
      readJsonFile(bad, 'avoid polygons');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).name).toBe('DataFileError');
      expect((err as { exitCode: number }).exitCode).toBe(2);
      expect((err as Error).message).toMatch(/bad\.json: avoid polygons file is not valid JSON/);
    }
  });

  it('is what the gazetteer and the avoid-file reader use', () => {
    expect(() => loadGazetteer(dir)).toThrowError(/landmarks\.json: gazetteer file not found/);
    expect(() => readAvoidPolygons(bad)).toThrowError(/avoid polygons file is not valid JSON/);
  });
});
