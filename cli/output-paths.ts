import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../engine/errors.js';

/**
 * The one check of every output path a command was given, made before any work starts (a simulation
 * can take minutes; an output that cannot be written must fail first, not after it). A bad path is
 * an InputError (exit 2) naming the flag and the path:
 * - a file output must not be a folder or a special file (FIFO, device), a folder output not a file;
 * - its parent folder must exist and a file must be creatable in it (outputs are written as a temporary
 *   file or folder beside the target, then renamed over it);
 * - no output may be one of the command's inputs (the scenario, its road file, an avoid or batch file),
 *   compared by real path and, for existing files, by device and inode (hard links, symlinks);
 * - no two outputs may be the same path; a file output may be inside a folder output.
 */
export interface OutputPath {
  /** The flag as the user typed it, e.g. `--geojson`, `-o`. */
  flag: string;
  path: string;
  kind: 'file' | 'folder';
}

/** An input of the command; `what` names it in the message ("the scenario", "the road file"). */
export interface InputPath {
  what: string;
  path: string;
}

export function checkOutputPaths(outputs: readonly OutputPath[], inputs: readonly InputPath[]): void {
  const seen = new Map<string, OutputPath>();
  const folders = new Set(outputs.filter((o) => o.kind === 'folder').map((o) => realOrResolved(o.path)));
  const inputIds = inputs.map((i) => ({ ...i, real: realOrResolved(i.path), stat: statOrNull(i.path) }));
  for (const out of outputs) {
    const where = `${out.flag} ${out.path}`;
    if (out.path.trim() === '') throw new InputError(`${out.flag}: expected a path, got an empty string`);
    const real = realOrResolved(out.path);
    const stat = statOrNull(out.path);
    for (const input of inputIds) {
      const sameFile = stat && input.stat && stat.dev === input.stat.dev && stat.ino === input.stat.ino;
      if (real === input.real || sameFile) throw new InputError(`${where}: is ${input.what} (${input.path}); refusing to overwrite an input, choose another output path`);
      if (out.kind === 'folder' && isInside(input.real, real)) throw new InputError(`${where}: holds ${input.what} (${input.path}); the CSV folder is replaced as a whole, choose a folder of its own`);
    }
    const other = seen.get(real);
    if (other) throw new InputError(`${where}: is also the path of ${other.flag}; give each output its own path`);
    seen.set(real, out);
    if (stat) {
      if (out.kind === 'file' && stat.isDirectory()) throw new InputError(`${where}: is a folder, expected a file path`);
      if (out.kind === 'file' && !stat.isFile()) throw new InputError(`${where}: is not a regular file (a device, FIFO or socket); give a file path`);
      if (out.kind === 'folder' && !stat.isDirectory()) throw new InputError(`${where}: is a file, expected a folder`);
    }
    const parent = path.dirname(path.resolve(out.path));
    // A file inside a folder output of the same command (`--csv out --geojson out/routes.geojson`):
    // that folder is created first, and its own parent is checked as the folder's.
    if (folders.has(realOrResolved(parent))) continue;
    const pstat = statOrNull(parent);
    if (!pstat) throw new InputError(`${where}: folder ${parent} does not exist`);
    if (!pstat.isDirectory()) throw new InputError(`${where}: ${parent} is not a folder`);
    const why = cannotCreateIn(parent);
    if (why) throw new InputError(`${where}: cannot write in folder ${parent} (${why})`);
  }
}

/** The real path of p, or of its nearest existing ancestor joined with the rest (for paths not yet created). */
export function realOrResolved(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest);
    } catch {
      const up = path.dirname(cur);
      if (up === cur) return abs;
      rest.unshift(path.basename(cur));
      cur = up;
    }
  }
}

/**
 * Why a file cannot be created in `dir` (the temporary file of an atomic write goes there), or null.
 * Tried for real: permission bits do not tell about read-only mounts, /proc or a full disk.
 */
function cannotCreateIn(dir: string): string | null {
  const probe = path.join(dir, `.motorcade-write-probe.${process.pid}.${Date.now()}`);
  try {
    fs.closeSync(fs.openSync(probe, 'wx'));
    fs.rmSync(probe, { force: true });
    return null;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'EROFS' ? 'read-only file system' : (e.code ?? e.message);
  }
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

function isInside(child: string, folder: string): boolean {
  const rel = path.relative(folder, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
