/** Loader-thread half of module-count/preload.ts: one `MODULE-LOADED <path>` line per file module loaded. */
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type NextLoad = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<unknown> {
  if (url.startsWith('file:')) writeSync(2, `MODULE-LOADED ${fileURLToPath(url)}\n`);
  return nextLoad(url, context);
}
