import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../engine/errors.js';

/**
 * The `--csv DIR` folder, written as one set: every file of a run is written (and fsynced) into a
 * temporary sibling folder `.DIR.csv-set.PID.TIME.tmp`, then swapped in by renames: an existing DIR is
 * renamed aside to `.DIR.csv-set.PID.TIME.old`, the new folder renamed to DIR, the old one removed.
 * A kill while files are written leaves DIR as it was (the old set); a kill between the two renames
 * (microseconds) leaves DIR absent and the old set complete in the `.old` sibling, which the next write
 * puts back before it starts. `manifest.json`, written last, names the run and every file with its
 * sha256, so a set can be checked as a whole.
 *
 * Because the folder is replaced as a whole, DIR may hold only the set's own files (and other outputs
 * of the same run, which are rewritten after the swap): anything else is refused before the run.
 */
export const CSV_MANIFEST = 'manifest.json';

const SIBLING = /^\.(.+)\.csv-set\.(\d+)\.(\d+)\.(tmp|old)$/;

/** Refuse a CSV folder whose entries are not the set's files nor other outputs of this run. */
export function checkCsvFolder(dir: string, setFiles: readonly string[], otherOutputs: readonly string[]): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return; // not there yet (or not a folder: checkOutputPaths says so)
  }
  const own = new Set([...setFiles, CSV_MANIFEST]);
  const others = new Set(otherOutputs.map((p) => path.resolve(p)));
  const foreign = entries.filter((e) => !own.has(e) && !others.has(path.resolve(dir, e)));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).map((e) => `'${e}'`).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '');
    throw new InputError(`--csv ${dir}: the folder also holds ${shown}; the CSV set replaces the folder as a whole, so give a new or empty folder (or one motorcade wrote)`);
  }
}

export interface CsvSetFile {
  name: string;
  text: string;
  /** Data rows (the header not counted). */
  rows: number;
}

/** Write the files as one set into `dir` (see above); `manifest` fields go into manifest.json with the file list. Returns the paths written. */
export function writeCsvSet(dir: string, files: readonly CsvSetFile[], manifest: Record<string, unknown>): string[] {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  recoverCsvSet(dir);
  const stamp = `${process.pid}.${Date.now()}`;
  const tmp = path.join(parent, `.${base}.csv-set.${stamp}.tmp`);
  fs.mkdirSync(tmp);
  try {
    const listed = files.map((f) => {
      writeSynced(path.join(tmp, f.name), f.text);
      return { name: f.name, rows: f.rows, sha256: createHash('sha256').update(f.text).digest('hex') };
    });
    writeSynced(path.join(tmp, CSV_MANIFEST), JSON.stringify({ ...manifest, files: listed }, null, 2) + '\n');
    syncFolder(tmp);
    if (fs.existsSync(target)) {
      const old = path.join(parent, `.${base}.csv-set.${stamp}.old`);
      fs.renameSync(target, old);
      fs.renameSync(tmp, target);
      fs.rmSync(old, { recursive: true, force: true });
    } else fs.renameSync(tmp, target);
    syncFolder(parent);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return [...files.map((f) => path.join(dir, f.name)), path.join(dir, CSV_MANIFEST)];
}

/**
 * Siblings left by a killed writer (its PID no longer running): a `.tmp` is an unfinished set and is
 * removed; an `.old` with DIR absent is the previous complete set, put back.
 */
export function recoverCsvSet(dir: string): void {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const e of entries.sort()) {
    const m = SIBLING.exec(e);
    if (!m || m[1] !== base || isRunning(Number(m[2]))) continue;
    const p = path.join(parent, e);
    if (m[4] === 'old' && !fs.existsSync(target)) fs.renameSync(p, target);
    else fs.rmSync(p, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeSynced(file: string, text: string): void {
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the renames are still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
