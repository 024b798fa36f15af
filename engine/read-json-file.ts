import fs from 'node:fs';
import { DataFileError } from './errors.js';

/**
 * Read and parse a JSON file. A missing or unreadable file, or text that is not JSON, is a DataFileError
 * naming the file and `what` it should hold (e.g. 'gazetteer', 'avoid polygons'): "FILE: gazetteer file
 * not found", "FILE: avoid polygons file is not valid JSON: …". The caller validates the shape.
 */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new DataFileError(file, e.code === 'ENOENT' ? `${what} file not found` : `${what} file cannot be read: ${e.message}`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DataFileError(file, `${what} file is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}
