import { quoteInput } from '../quote.js';
import { suggest } from '../import/gazetteer.js';
import type { ScenarioProblem } from './problems.js';
import { formatPath, type DocPath, type SourceMap } from './source-map.js';
import { parseQuantity, parseTimeOfDay, formatTimeOfDay } from './units.js';
import type { TimeWindow } from './model.js';

/** What the cross-field checks share: where to report, and small helpers that report as they parse. */
export class CheckContext {
  readonly problems: ScenarioProblem[] = [];
  constructor(
    readonly file: string,
    readonly src: SourceMap,
  ) {}

  add(path: DocPath, message: string, atKey = false): void {
    const { line, col } = this.src.position(path, atKey);
    this.problems.push({ file: this.file, line, col, path: formatPath(path), message });
  }

  /** Quantities and times have already passed the schema's pattern, so these never fail in practice. */
  seconds(raw: string): number {
    const p = parseQuantity('duration', raw);
    return p.ok ? p.value : 0;
  }
  metres(raw: string): number {
    const p = parseQuantity('distance', raw);
    return p.ok ? p.value : 0;
  }
  kmh(raw: string): number {
    const p = parseQuantity('speed', raw);
    return p.ok ? p.value : 0;
  }
  time(raw: string): number {
    const p = parseTimeOfDay(raw);
    return p.ok ? p.value : 0;
  }

  /** A {from, to} window; reports `to` not after `from`. Missing → the whole day. */
  window(raw: { from: string; to: string } | undefined, path: DocPath): TimeWindow {
    if (!raw) return { fromS: 0, toS: 86400 };
    const fromS = this.time(raw.from);
    const toS = this.time(raw.to);
    if (toS <= fromS) this.add([...path, 'to'], `times out of order: 'to' ${formatTimeOfDay(toS)} is not after 'from' ${formatTimeOfDay(fromS)}`);
    return { fromS, toS };
  }
}

/** Does [a.fromS, a.toS) intersect [b.fromS, b.toS)? */
export function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  return a.fromS < b.toS && b.fromS < a.toS;
}

export function formatWindow(w: TimeWindow): string {
  return w.fromS === w.toS ? formatTimeOfDay(w.fromS) : `${formatTimeOfDay(w.fromS)}–${formatTimeOfDay(w.toS)}`;
}

/** Is `name` among `declared`? If not, report it with a suggestion. */
export function checkRef(ctx: CheckContext, name: string, declared: ReadonlySet<string>, at: DocPath, what: string): boolean {
  if (declared.has(name)) return true;
  const hint = suggest(name, [...declared]);
  ctx.add(at, `unknown ${what} ${quoteInput(name)}${hint ? ` (did you mean '${hint}'?)` : declared.size ? '' : ` (none declared)`}`);
  return false;
}

