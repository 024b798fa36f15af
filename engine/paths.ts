import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';

/**
 * Where data and caches live. The package root is found by walking up from this file to package.json,
 * so the same code works from engine/*.ts (tests) and dist/engine/*.js (production, workers).
 */
function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('motorcade: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();

/** Root of the shared data: $MOTORCADE_SHARED_DATA, else ../shared/data beside the repository. */
export function sharedDataRoot(): string {
  return process.env['MOTORCADE_SHARED_DATA'] ?? path.resolve(PACKAGE_ROOT, '..', 'shared', 'data');
}

/** The Phnom Penh data folder: an explicit flag, else $MOTORCADE_DATA, else <shared>/phnom-penh. */
export function phnomPenhDataDir(flag?: string): string {
  return flag ?? process.env['MOTORCADE_DATA'] ?? path.join(sharedDataRoot(), 'phnom-penh');
}

/** The scale graphs folder (../shared/data/city-graphs). */
export function cityGraphsDir(): string {
  return path.join(sharedDataRoot(), 'city-graphs');
}

/**
 * Cache folder for built graphs: $MOTORCADE_CACHE; else .cache/ in a checkout (git-ignored); else, when
 * the package is installed (its folder inside node_modules) or its folder is not writable, the user's
 * cache directory: $XDG_CACHE_HOME/motorcade, or ~/.cache/motorcade.
 */
export function cacheDir(): string {
  const explicit = process.env['MOTORCADE_CACHE'];
  if (explicit) return explicit;
  if (!isInstalledPackage(PACKAGE_ROOT) && isWritable(PACKAGE_ROOT)) return path.join(PACKAGE_ROOT, '.cache');
  return userCacheDir();
}

/** $XDG_CACHE_HOME/motorcade, else ~/.cache/motorcade (the XDG default; also what macOS CLIs commonly use). */
export function userCacheDir(): string {
  const xdg = process.env['XDG_CACHE_HOME'];
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'motorcade');
}

/** True when `root` lies inside a node_modules folder (installed as someone's dependency). */
export function isInstalledPackage(root: string): boolean {
  return path.resolve(root).split(path.sep).includes('node_modules');
}

function isWritable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
