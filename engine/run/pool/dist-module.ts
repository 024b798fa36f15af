import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../paths.js';

/**
 * file: URL of a compiled module of this package, given its path from the package root without extension
 * (e.g. 'engine/run/pool/sample-worker'). Worker threads always load compiled JS from dist/, whether the
 * caller runs from dist/ (CLI, benches) or from TypeScript sources (vitest): `npm test` builds first.
 */
export function distModuleUrl(relativeWithoutExt: string): string {
  return pathToFileURL(path.join(PACKAGE_ROOT, 'dist', `${relativeWithoutExt}.js`)).href;
}

/** The piscina worker entry file. */
export function sampleWorkerUrl(): string {
  return distModuleUrl('engine/run/pool/sample-worker');
}
