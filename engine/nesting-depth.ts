/**
 * How deeply a YAML or JSON text nests, measured on the text before any parser sees it: the yaml library
 * and every recursive walker after it overflow the call stack (or, for flow collections tens of thousands
 * deep, the heap) long before the file size limit. Two measures, each against the limit: flow depth
 * (`[` / `{` outside strings and comments) and block depth (indentation levels and `- ` markers of lines
 * outside flow collections). A plain scalar may contain brackets; they count only where a flow
 * collection can start (line start, after `:`, `-`, `,`, `?` or another opener), and closers never go
 * below zero, so prose in values does not add up. One pass over the characters, no allocation per line.
 */
export interface TooDeep {
  line: number;
  col: number;
  depth: number;
}

export function findExcessNesting(text: string, max: number): TooDeep | undefined {
  let line = 1;
  let lineStart = 0;
  let flow = 0;
  // Indentation of the enclosing block levels (a stack held in a fixed array: deeper than max is the answer).
  const indents = new Int32Array(max + 2);
  let levels = 0;
  let blockScalarIndent = -1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: measure indentation and block depth when not inside a flow collection.
    let indent = 0;
    while (i + indent < n && text[i + indent] === ' ') indent++;
    const first = text[i + indent];
    const blank = first === undefined || first === '\n' || first === '\r' || first === '#';
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      i = skipLine(text, i);
      line++;
      lineStart = i;
      continue;
    }
    blockScalarIndent = -1;
    if (!blank && flow === 0) {
      while (levels > 0 && indents[levels - 1]! >= indent) levels--;
      indents[levels++] = indent;
      let dashes = 0;
      let k = i + indent;
      while (text[k] === '-' && (text[k + 1] === ' ' || text[k + 1] === '\t')) {
        dashes++;
        k += 2;
        while (text[k] === ' ') k++;
      }
      const depth = levels + Math.max(0, dashes - 1);
      if (depth > max) return { line, col: indent + 1, depth };
      if (levels > max) levels = max + 1;
    }
    i += indent;
    let prev = ' ';
    let lastNonSpace = '';
    while (i < n && text[i] !== '\n') {
      const c = text[i]!;
      if (c === '"' || (c === "'" && /[\s[{,:]/.test(prev))) {
        i = skipQuoted(text, i, c);
        prev = c;
        lastNonSpace = c;
        continue;
      }
      if (c === '#' && /\s/.test(prev)) {
        while (i < n && text[i] !== '\n') i++;
        break;
      }
      if ((c === '[' || c === '{') && (flow > 0 || /[\s:,?[{-]/.test(prev) || i === lineStart)) {
        flow++;
        if (flow > max) return { line, col: i - lineStart + 1, depth: flow };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      if (c !== ' ' && c !== '\t' && c !== '\r') lastNonSpace = c;
      prev = c;
      i++;
    }
    // `key: |` or `- >-`: the more-indented lines after it are text, not structure.
    if (flow === 0 && (lastNonSpace === '|' || lastNonSpace === '>' || /[|>][-+1-9]*\s*$/.test(text.slice(Math.max(lineStart, i - 8), i)))) {
      if (/(^|[\s:-])[|>][-+1-9]*\s*$/.test(text.slice(Math.max(lineStart, i - 12), i))) blockScalarIndent = indent;
    }
    if (i < n) i++;
    line++;
    lineStart = i;
  }
  return undefined;
}

function skipLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

/** Index after the closing quote (double quotes escape with \, single quotes with ''); stops at the end. */
function skipQuoted(text: string, i: number, q: string): number {
  let k = i + 1;
  while (k < text.length) {
    const c = text[k]!;
    if (q === '"' && c === '\\') k += 2;
    else if (c === q) {
      if (q === "'" && text[k + 1] === "'") k += 2;
      else return k + 1;
    } else k++;
  }
  return k;
}
