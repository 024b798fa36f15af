import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `motorcade exercise` from the command line without a browser: replaying the bundled example journal
 * into a state and an after-action review, and bad input refused with one line and exit code 2.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const SCENARIO = 'scenarios/tabletop-bridge-closure.yaml';
const JOURNAL = 'docs/examples/tabletop-journal.jsonl';

function motorcade(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-exercise-cli-'));

describe('motorcade exercise --replay', () => {
  it('replays the example journal to its final state and writes a script-free review', () => {
    const review = path.join(tmp(), 'review.html');
    const r = motorcade('exercise', SCENARIO, '--replay', JOURNAL, '--review', review);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const state = JSON.parse(r.stdout) as { atS: number; movements: { id: string; status: string; events: { message: string }[] }[] };
    expect(state.atS).toBe(8 * 3600 + 40 * 60);
    const c1 = state.movements.find((m) => m.id === 'c1_hyatt_venue')!;
    expect(c1.events.some((e) => /diverts to Wat Phnom holding area/.test(e.message))).toBe(true);
    const b1 = state.movements.find((m) => m.id === 'b1_rosewood_venue')!;
    expect(b1.events.some((e) => /holds for 10 min/.test(e.message))).toBe(true);
    const html = fs.readFileSync(review, 'utf8');
    expect(html).toContain("content=\"default-src 'none'");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('decision for c1_hyatt_venue: divert to staging_wat_phnom');
    expect(html).toMatch(/b1_rosewood_venue<\/td><td>arrived<\/td><td>08:23:33<\/td>/);
    // Twice: the same bytes.
    const again = motorcade('exercise', SCENARIO, '--replay', JOURNAL);
    expect(again.stdout).toBe(r.stdout);
  });

  it.each([
    [['exercise', 'scenarios/nope.yaml'], /scenario file not found: scenarios\/nope\.yaml/],
    [['exercise', SCENARIO, '--speed', '500'], /--speed must be a whole number from 1 to 120, got "500"/],
    [['exercise', SCENARIO, '--port', 'http'], /--port must be a whole number from 0 to 65535/],
    [['exercise', SCENARIO, '--review', 'x.html'], /--review goes with --replay/],
  ])('%j → exit 2 and one line', (args, message) => {
    const r = motorcade(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a journal that is broken, of another scenario, or inconsistent, naming the line', () => {
    const dir = tmp();
    const lines = fs.readFileSync(path.join(ROOT, JOURNAL), 'utf8').trim().split('\n');
    const write = (name: string, content: string[]) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, content.join('\n') + '\n');
      return f;
    };
    const notJson = write('not-json.jsonl', [lines[0]!, lines[1]!, '{oops']);
    expect(motorcade('exercise', SCENARIO, '--replay', notJson).stderr).toMatch(/not-json\.jsonl:3: not JSON/);
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const other = write('other.jsonl', [JSON.stringify({ ...header, scenarioDigest: 'a'.repeat(64) }), ...lines.slice(1)]);
    const r = motorcade('exercise', SCENARIO, '--replay', other);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/made with another version of the scenario/);
    const badMovement = write('bad-movement.jsonl', [lines[0]!, JSON.stringify({ seq: 1, atS: 28800, who: 'player', type: 'decision', movementId: 'zz', decision: { kind: 'continue' }, note: '' })]);
    expect(motorcade('exercise', SCENARIO, '--replay', badMovement).stderr).toMatch(/entry 1: no movement "zz"/);
    const badField = write('bad-field.jsonl', [lines[0]!, JSON.stringify({ seq: 1, atS: -5, who: 'player', type: 'clock', action: 'play' })]);
    expect(motorcade('exercise', SCENARIO, '--replay', badField).stderr).toMatch(/bad-field\.jsonl:2: atS:/);
  });
});
