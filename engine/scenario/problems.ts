import { InputError } from '../errors.js';
import { terminalSafe } from '../quote.js';

/** One thing wrong with a scenario, located in its source text. */
export interface ScenarioProblem {
  file: string;
  /** 1-based line and column of the offending value (or key, for unknown fields); 0 when unknown. */
  line: number;
  col: number;
  /** Dotted path to the field, e.g. `movements.m1.departure`; `(root)` for the document itself. */
  path: string;
  message: string;
}

/** `file:line:col  path.to.field  message`, the format every command prints. */
export function formatProblem(p: ScenarioProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  return terminalSafe(`${where}  ${p.path || '(root)'}  ${p.message}`);
}

/** Problems in file order (line, then column), so that the list reads top to bottom. */
export function sortProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}

/** A scenario that does not validate; the message lists every problem, one per line. Exit code 2. */
export class ScenarioError extends InputError {
  override name = 'ScenarioError';
  constructor(
    readonly file: string,
    readonly problems: ScenarioProblem[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in scenario\n` + sortProblems(problems).map(formatProblem).join('\n'));
  }
}
