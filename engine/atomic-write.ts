import fs from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';
import { limits } from './limits.js';

/** Kernel pseudo-file systems: writing there is never an output (mkdir under /proc blocks forever). */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * Refuse an output path inside /proc, /sys or /dev, also when reached through a symbolic link: the
 * deepest existing ancestor is resolved first, so nothing is created or opened there.
 */
export function checkOutputLocation(file: string): void {
  let existing = path.resolve(file);
  const rest: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  let real = existing;
  try {
    real = fs.realpathSync(existing);
  } catch {
    // Unresolvable (permission): judge by the path as given.
  }
  const target = path.join(real, ...rest);
  const root = PSEUDO_ROOTS.find((r) => target === r || target.startsWith(r + '/'));
  if (root) throw new InputError(`${file}: cannot write an output under ${root} (a kernel pseudo-file system, not a place for files)`);
}

/** `.NAME.PID.MS.tmp`: the temporary file of one write (see writeFileAtomic). */
const TEMP_NAME = /^\.(.+)\.(\d+)\.(\d+)\.tmp$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove temporary files a killed earlier write of `file` left in `dir`: those whose process is gone, or
 * older than limits().staleTempSeconds (a live process with a reused id). A write in progress in another
 * live process is left alone.
 */
export function removeStaleTemps(dir: string, file: string): void {
  const base = path.basename(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  const maxAgeMs = limits().staleTempSeconds * 1000;
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[2]);
    const age = now - Number(m[3]);
    if (pid === process.pid && age < maxAgeMs) continue;
    if (processAlive(pid) && age < maxAgeMs) continue;
    fs.rmSync(path.join(dir, name), { force: true, recursive: true });
  }
}

/**
 * Write a file so that readers see either the old content or the complete new one: write to a temporary
 * file in the same folder, fsync, then rename over the target. Nothing half-written is ever left behind
 * by this write, and temporary files a killed earlier write left are removed when stale.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  checkOutputLocation(file);
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir, file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
