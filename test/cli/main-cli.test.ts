import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands.js';
import { PACKAGE_ROOT } from '../../engine/paths.js';

const MAIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', cwd: PACKAGE_ROOT, timeout: 60_000 });

describe('motorcade CLI conventions (compiled dist/)', () => {
  it('bare `motorcade` prints the help on stdout and exits 0, listing every command', () => {
    const r = cli();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: motorcade/);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'));
    expect(r.stderr).toBe('');
  });

  it('--version and -V print the package.json version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(cli('--version').stdout).toBe(`${version}\n`);
    expect(cli('-V').stdout).toBe(`${version}\n`);
  });

  it('an unknown command prints one line with a hint, not the whole help, and exits 2', () => {
    const r = cli('rout', '--from', 'x');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("motorcade: unknown command 'rout' (did you mean 'route'?); run motorcade --help for the list\n");
  });

  it('`help CMD` and `CMD --help` print that command\'s options', () => {
    for (const args of [['help', 'route'], ['route', '--help']]) {
      const r = cli(...args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: motorcade route/);
      expect(r.stdout).toMatch(/--from <place>/);
    }
  });

  it('the summaries listed without loading a command are the commands\' own descriptions', async () => {
    for (const c of COMMANDS) {
      const program = new Command();
      (await c.load())(program);
      const cmd = program.commands.find((x) => x.name() === c.name);
      expect(cmd, c.name).toBeDefined();
      expect(cmd!.description().startsWith(c.summary), `${c.name}: '${cmd!.description()}'`).toBe(true);
    }
  });
});
