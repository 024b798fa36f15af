import { DataFileError } from './errors.js';
import { readInputText, type InputKind } from './input-file.js';
import { limits, LIMIT_ENV } from './limits.js';
import { findExcessNesting } from './nesting-depth.js';

/**
 * Read and parse a JSON file. A missing, unreadable, oversized or non-UTF-8 file (input-file.ts), text
 * nested deeper than the limit, or text that is not JSON is a DataFileError naming the file and `what` it
 * should hold (e.g. 'gazetteer', 'avoid polygons'): "FILE: gazetteer file not found", "FILE: avoid
 * polygons file is not valid JSON at 3:14 (…)". Syntax errors give a position, never the file's content:
 * the file may be anything a path or symlink points at. The caller validates the shape.
 */
export function readJsonFile(file: string, what: string, kind: InputKind = 'text'): unknown {
  return parseJsonText(readInputText(file, what, kind, true), file, what);
}

/** JSON.parse with the checks and messages of readJsonFile, for text already read. */
export function parseJsonText(text: string, file: string, what: string): unknown {
  const start = /\S/.exec(text);
  if (!start) throw new DataFileError(file, `${what} file is empty`);
  if (start[0] !== '{' && start[0] !== '[') throw new DataFileError(file, `${what} file is not JSON (it does not start with { or [)`);
  const deep = findExcessNesting(text, limits().nestingDepth);
  if (deep) throw new DataFileError(file, `${what} file nests ${deep.depth} levels deep at ${deep.line}:${deep.col}, over the limit of ${limits().nestingDepth} (set ${LIMIT_ENV.nestingDepth} to raise it)`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DataFileError(file, `${what} file is not valid JSON${jsonErrorDetail(err as Error, text)}`, { cause: err });
  }
}

/** " at line:col (what was expected)" from V8's message, without the excerpt of the text it quotes. */
function jsonErrorDetail(err: Error, text: string): string {
  const m = err.message;
  const pos = /at position (\d+)/.exec(m);
  let where = '';
  if (pos) {
    const at = Number(pos[1]);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    where = ` at ${line}:${at - before.lastIndexOf('\n')}`;
  }
  const reason = m
    .replace(/,? ".*"(\.\.\.)? is not valid JSON$/s, '')
    .replace(/ (in JSON )?at position \d+.*$/s, '')
    .replace(/^Unexpected token '(.)'$/s, 'unexpected character')
    .replace(/^Unexpected token.*$/s, 'unexpected character');
  return `${where} (${reason.charAt(0).toLowerCase()}${reason.slice(1)})`;
}
