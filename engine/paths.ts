import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

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

/** Cache folder for built graphs: $MOTORCADE_CACHE, else .cache/ in the repository (git-ignored). */
export function cacheDir(): string {
  return process.env['MOTORCADE_CACHE'] ?? path.join(PACKAGE_ROOT, '.cache');
}
