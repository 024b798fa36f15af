/**
 * Input text quoted in an error message: at most `max` characters (default 80), control characters
 * (ANSI escapes, BEL, NUL, other C0/C1 and the line and paragraph separators) written as \n, \t, \xNN or
 * \u{…}, so that a hostile file can neither drive the terminal nor flood it.
 */
export const QUOTE_MAX = 80;

export function quoteInput(text: string, max = QUOTE_MAX): string {
  const chars = Array.from(text.length > 4 * max ? text.slice(0, 4 * max) : text);
  const shown = chars.slice(0, max).map(escapeChar).join('');
  const cut = chars.length > max || text.length > 4 * max;
  return `'${shown}${cut ? `…' (${text.length} characters)` : "'"}`;
}

function escapeChar(c: string): string {
  const code = c.codePointAt(0)!;
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  if (c === '\\') return '\\\\';
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return `\\u{${code.toString(16)}}`;
  return c;
}

/** Longest line printed as it is; a longer one is cut (messages quote input through quoteInput first). */
export const LINE_MAX = 400;

/**
 * A message made safe for a terminal as the last step before printing: control characters other than
 * newline escaped, each line at most LINE_MAX characters. Messages quote input through quoteInput already;
 * this catches any that do not.
 */
export function terminalSafe(message: string): string {
  return message
    .split('\n')
    .map((line) => {
      const chars = Array.from(line.length > 4 * LINE_MAX ? line.slice(0, 4 * LINE_MAX) : line);
      const cut = chars.length > LINE_MAX || line.length > 4 * LINE_MAX;
      const safe = chars.slice(0, LINE_MAX).map((c) => (c === '\t' || c === "'" || c === '\\' ? c : escapeChar(c))).join('');
      return cut ? `${safe}… (line of ${line.length} characters cut)` : safe;
    })
    .join('\n');
}
