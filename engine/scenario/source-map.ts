import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';

/** A path into the scenario document: mapping keys and sequence indices. */
export type DocPath = readonly (string | number)[];

/**
 * The parsed scenario text with the means to turn a path into a line:column. YAML and JSON go through
 * the same parser (JSON is YAML 1.2 flow syntax), so JSON scenarios get positions too.
 */
export class SourceMap {
  private constructor(
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  static parse(text: string): SourceMap {
    const lines = new LineCounter();
    // uniqueKeys: a key given twice is an error (a planner's copy-paste slip would silently win otherwise).
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
    return new SourceMap(doc, lines);
  }

  /** 1-based line and column of a character offset. */
  lineCol(offset: number): { line: number; col: number } {
    const p = this.lines.linePos(offset);
    return { line: p.line, col: p.col };
  }

  /**
   * Position of the value at `path` (or of its key, with `atKey`). When the path leads to a missing field,
   * the position of the deepest node that exists (the mapping that lacks the field).
   */
  position(path: DocPath, atKey = false): { line: number; col: number } {
    let node: unknown = this.doc.contents;
    let keyNode: YamlNode | undefined;
    let last: YamlNode | undefined = isNodeWithRange(node) ? node : undefined;
    for (const seg of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyString(p.key) === String(seg));
        if (!pair) break;
        keyNode = isNodeWithRange(pair.key) ? pair.key : undefined;
        node = pair.value;
        // `key:` with nothing after it: point at the key.
        last = isNodeWithRange(node) ? node : keyNode ?? last;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) break;
        node = item;
        if (isNodeWithRange(node)) last = node;
      } else {
        break;
      }
    }
    const target = atKey && keyNode ? keyNode : last;
    const offset = target?.range?.[0] ?? 0;
    return this.lineCol(offset);
  }
}

function keyString(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}

function isNodeWithRange(n: unknown): n is YamlNode {
  return typeof n === 'object' && n !== null && 'range' in n && Array.isArray((n as YamlNode).range);
}

/** `movements.m1.options.primary.route`, with `[i]` for list indices. */
export function formatPath(path: DocPath): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s ? `.${seg}` : seg;
  }
  return s || '(root)';
}
