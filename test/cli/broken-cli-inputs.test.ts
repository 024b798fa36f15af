import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_CASES as CASES, makeCliWork } from '../support/audit-cases.js';
import { cli, cliBuilt, STACK_LINE } from './cli-spawn.js';

/**
 * The broken-input corpus of the command line: each case is a command a careless or hostile user may
 * type, with the one line it must print, exit code 2, no stack trace, nothing on stdout (the refusal
 * comes before any work), and every file of the work folder unchanged (an output that is an input must
 * not overwrite it). Cases run in a temporary copy of test/fixtures/cli-broken and scenario-graph, so a
 * regression cannot damage the fixtures. The cases are listed in test/support/audit-cases.ts
 * (bench/audit-inputs runs them too).
 */
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-broken-cli-'));
makeCliWork(WORK);

function digestOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

describe.skipIf(!cliBuilt)('broken command-line inputs: one line, exit 2, no stack, nothing overwritten', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const before = digestOf(WORK);
    const r = cli(c.args, { cwd: WORK });
    expect(r.err).toMatch(c.message);
    expect(r.code, r.err).toBe(2);
    expect(r.err).not.toMatch(STACK_LINE);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.out).toBe('');
    expect(digestOf(WORK)).toEqual(before);
  });
});
