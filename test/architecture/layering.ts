import path from 'node:path';
import ts from 'typescript';

/**
 * The engine's pipeline, earliest first. A file may import its own stage and earlier ones only. The
 * top-level helpers (engine/errors.ts, paths.ts, atomic-write.ts, read-json-file.ts) sit below every stage;
 * engine/index.ts is the library entry and sits above every stage. Nothing in engine/ imports cli/ or viz/.
 */
export const STAGES = ['geo', 'graph', 'model', 'import', 'route', 'scenario', 'metrics', 'sim', 'analysis', 'run', 'exercise'] as const;

const BASE = 'engine (top-level helpers)';
const ENTRY = 'engine/index.ts (library entry)';

export interface SourceFile {
  /** Path from the package root, with forward slashes (e.g. engine/sim/simulate.ts). */
  path: string;
  text: string;
}

export interface LayeringViolation {
  file: string;
  specifier: string;
  /** The imported file, from the package root. */
  target: string;
  fromStage: string;
  toStage: string;
  message: string;
}

/** Every module specifier of a file: static imports, `export … from`, dynamic `import()`, `import('…')` types and `require()`. */
export function moduleSpecifiers(file: SourceFile): string[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const literal = (node: ts.Node | undefined): void => {
    if (node && ts.isStringLiteralLike(node)) out.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) literal(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The stage of a file under engine/ (null when it is not under engine/ at all). Throws for a folder with no stage. */
export function stageOf(file: string): string | null {
  const parts = file.split('/');
  if (parts[0] !== 'engine') return null;
  if (parts.length === 2) return parts[1] === 'index.ts' ? ENTRY : BASE;
  const stage = parts[1]!;
  if (!(STAGES as readonly string[]).includes(stage)) throw new Error(`${file}: folder engine/${stage}/ has no stage; add it to STAGES in test/architecture/layering.ts (${STAGES.join(' → ')})`);
  return stage;
}

function rank(stage: string): number {
  if (stage === BASE) return -1;
  if (stage === ENTRY) return STAGES.length;
  return STAGES.indexOf(stage as (typeof STAGES)[number]);
}

/** Every import under engine/ that points to a later stage or out of the engine (cli/, viz/, anything relative outside engine/). */
export function layeringViolations(files: readonly SourceFile[]): LayeringViolation[] {
  const out: LayeringViolation[] = [];
  for (const file of files) {
    const fromStage = stageOf(file.path);
    if (fromStage === null) continue;
    for (const specifier of moduleSpecifiers(file)) {
      if (!specifier.startsWith('.')) continue; // packages and node: builtins
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier)).replace(/\.js$/, '.ts');
      const toStage = target.startsWith('engine/') ? stageOf(target)! : target.split('/')[0]!;
      const allowed = target.startsWith('engine/') && rank(toStage) <= rank(fromStage);
      if (allowed) continue;
      const why = target.startsWith('engine/')
        ? `stage ${fromStage} may not import ${toStage}, which comes later (${STAGES.join(' → ')})`
        : `the engine may not import ${toStage}/ (cli and viz sit on top of the engine)`;
      out.push({ file: file.path, specifier, target, fromStage, toStage, message: `${file.path} imports '${specifier}' (${target}): ${why}` });
    }
  }
  return out;
}
