import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';
import { docPages, fencedBlocks, readPage } from './doc-pages.js';

/**
 * Every command example of the README and docs/ is run against the built CLI, so docs and CLI cannot drift
 * apart. The convention (docs/development.md, "Command examples are tested"):
 * - every non-empty line of a ```sh block is one command; text after " #" is a comment;
 * - a comment starting with `exit N` means the command must exit with N (and say why on stderr);
 *   otherwise it must exit 0 and print something or write a non-empty file (`-o FILE`, `> FILE`);
 * - `motorcade` is `node dist/cli/main.js`; commands run with bash in a fresh temporary folder holding
 *   links to scenarios/, docs/, test/ and dist/, so output files stay out of the repository;
 * - `npm start` / `npm run NAME` run the package.json script in that folder;
 * - the build and test tools (npm ci/test/run build/run typecheck, npx vitest, npx tsc) and the scripts
 *   that write into the repository or take minutes (dist/bench/*, the JSON Schema writer) are checked,
 *   not run: their script or file must exist.
 * A command shown on several pages runs once.
 */

interface DocCommand {
  page: string;
  line: number;
  /** The command as written, without its comment. */
  command: string;
  expectedExit: number;
}

const LINKED = ['scenarios', 'docs', 'test', 'dist'];
const NOT_RUN_NPM = new Set(['ci', 'test', 'run build', 'run typecheck']);
const NOT_RUN_NODE = [/^dist\/bench\//, /^dist\/engine\/scenario\/write-json-schema\.js$/];
/** Commands at once: the machine has 2 cores, and each command is one Node process. */
const PARALLEL = 2;
/** Per command, including the wait for a free slot: generous, since the machine may be shared. */
const COMMAND_TIMEOUT_MS = 240_000;

function docCommands(): DocCommand[] {
  const out: DocCommand[] = [];
  for (const page of docPages()) {
    for (const block of fencedBlocks(readPage(page))) {
      if (block.lang !== 'sh') continue;
      block.body.split('\n').forEach((raw, i) => {
        const hash = raw.search(/\s#/);
        const command = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
        if (command === '') return;
        const comment = hash >= 0 ? raw.slice(hash).trim().replace(/^#\s*/, '') : '';
        const exit = /^exit (\d+)\b/.exec(comment);
        out.push({ page, line: block.line + i, command, expectedExit: exit ? Number(exit[1]) : 0 });
      });
    }
  }
  return out;
}

/** The command without leading VAR=value assignments. */
function bare(command: string): string {
  return command.replace(/^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*/, '');
}

type Plan = { kind: 'run'; script: string } | { kind: 'check'; problem: string | null };

const packageJson = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

function planFor(command: string): Plan {
  const words = bare(command).split(/\s+/);
  const [tool, sub, name] = words;
  if (tool === 'motorcade') return { kind: 'run', script: command };
  if (tool === 'npm') {
    const npmArgs = sub === 'run' ? `run ${name}` : sub!;
    if (NOT_RUN_NPM.has(npmArgs)) {
      const script = npmArgs === 'ci' ? 'prepare' : npmArgs.replace(/^run /, '');
      return { kind: 'check', problem: packageJson.scripts[script] ? null : `package.json has no "${script}" script` };
    }
    const script = packageJson.scripts[sub === 'run' ? name! : sub!];
    if (script === undefined) return { kind: 'check', problem: `package.json has no script for "npm ${npmArgs}"` };
    return { kind: 'run', script };
  }
  if (tool === 'npx' && (sub === 'vitest' || sub === 'tsc')) {
    const missing = words.slice(2).filter((w) => /\.(ts|json)$/.test(w) && !fs.existsSync(path.join(PACKAGE_ROOT, w)));
    return { kind: 'check', problem: missing.length ? `no such file: ${missing.join(', ')}` : null };
  }
  if (tool === 'node' && sub?.startsWith('dist/')) {
    if (NOT_RUN_NODE.some((re) => re.test(sub))) return { kind: 'check', problem: fs.existsSync(path.join(PACKAGE_ROOT, sub)) ? null : `no such file: ${sub}` };
    return { kind: 'run', script: command };
  }
  return { kind: 'check', problem: `not a documented kind of command example (see docs/development.md): ${command}` };
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  cwd: string;
}

let root: string;
let binDir: string;

/** Files (not the links) in the scratch folder and below, with their sizes. */
function writtenFiles(dir: string, base = dir): { file: string; bytes: number }[] {
  const out: { file: string; bytes: number }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) out.push(...writtenFiles(full, base));
    else if (entry.isFile()) out.push({ file: path.relative(base, full), bytes: fs.statSync(full).size });
  }
  return out;
}

function runInScratch(script: string): Promise<Outcome> {
  const cwd = fs.mkdtempSync(path.join(root, 'cmd-'));
  for (const dir of LINKED) fs.symlinkSync(path.join(PACKAGE_ROOT, dir), path.join(cwd, dir));
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env['PATH'] ?? ''}` } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, cwd }));
  });
}

/** A tiny semaphore: at most PARALLEL commands run at once, whatever vitest's concurrency. */
let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const commands = docCommands();
/** One run per distinct command, shared by every page that shows it. */
const outcomes = new Map<string, Promise<Outcome>>();
function outcomeOf(script: string): Promise<Outcome> {
  let o = outcomes.get(script);
  if (!o) {
    o = limited(() => runInScratch(script));
    outcomes.set(script, o);
  }
  return o;
}

describe('command examples in README.md and docs/', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/cli/main.js is missing: compile first (npx tsc -p tsconfig.json)');
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-doc-commands-'));
    binDir = path.join(root, 'bin');
    fs.mkdirSync(binDir);
    fs.writeFileSync(path.join(binDir, 'motorcade'), `#!/bin/sh\nexec node "${path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js')}" "$@"\n`, { mode: 0o755 });
  });
  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('finds the examples of every page that has them', () => {
    const pages = new Set(commands.map((c) => c.page));
    for (const page of ['README.md', 'docs/cli.md', 'docs/scenarios.md', 'docs/data.md', 'docs/development.md']) expect(pages).toContain(page);
    expect(commands.some((c) => c.expectedExit === 2)).toBe(true);
  });

  it.concurrent.each(commands.map((c) => [`${c.page}:${c.line}  ${c.command}`, c] as const))('%s', async (_name, c) => {
    const plan = planFor(c.command);
    if (plan.kind === 'check') {
      expect(plan.problem).toBeNull();
      return;
    }
    const out = await outcomeOf(plan.script);
    const detail = `exit ${out.code}\nstdout: ${out.stdout.slice(0, 2000)}\nstderr: ${out.stderr.slice(0, 2000)}`;
    expect(out.code, detail).toBe(c.expectedExit);
    if (c.expectedExit !== 0) {
      expect(out.stderr.trim(), 'an error example must say what is wrong').not.toBe('');
      expect(out.stderr, 'an error is one clear line, never a stack trace').not.toMatch(/\n\s+at /);
      return;
    }
    const files = writtenFiles(out.cwd);
    const produced = out.stdout.trim() !== '' || files.some((f) => f.bytes > 0);
    expect(produced, `no output: ${detail}`).toBe(true);
    expect(files.filter((f) => f.bytes === 0).map((f) => f.file), 'empty output files').toEqual([]);
  }, COMMAND_TIMEOUT_MS);

  it('names only benchmarks that exist (inline `node dist/bench/….js` anywhere in the docs)', () => {
    const missing: string[] = [];
    for (const page of docPages()) {
      for (const m of readPage(page).matchAll(/node (dist\/bench\/[\w-]+\.js)/g)) {
        if (!fs.existsSync(path.join(PACKAGE_ROOT, m[1]!))) missing.push(`${page}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('classifies commands as the convention says', () => {
    expect(planFor('motorcade route --from a --to b')).toEqual({ kind: 'run', script: 'motorcade route --from a --to b' });
    expect(planFor('MOTORCADE_PROGRESS=lines motorcade run x.yaml').kind).toBe('run');
    expect(planFor('npm start')).toEqual({ kind: 'run', script: packageJson.scripts['start'] });
    expect(planFor('npm test')).toEqual({ kind: 'check', problem: null });
    expect(planFor('node dist/bench/routing.js --quick')).toEqual({ kind: 'check', problem: null });
    expect(planFor('npx vitest run test/no-such.test.ts')).toEqual({ kind: 'check', problem: 'no such file: test/no-such.test.ts' });
    expect(planFor('rm -rf /').kind === 'check' && planFor('rm -rf /')).toMatchObject({ problem: expect.stringContaining('not a documented kind') });
  });
});
