import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WITHIN_TARGET_MEANING, withinTarget } from '../../engine/analysis/within-target.js';
import { runInProcess } from '../../engine/run/run-in-process.js';
import { differences, compareReport } from '../../cli/compare-output.js';
import { movementTable, runSummary } from '../../cli/run-output.js';
import { optionView } from '../../viz/option-view.js';
import { basePlan, gridGraph, movement, place } from '../support/tiny-world.js';
import { fixtureRun } from '../viz/fixture.js';
import { ROOT } from './cli-spawn.js';

describe('"in target" means one thing everywhere', () => {
  it('terminal table, compare and report show the same number, the lowest share over responder types with units', () => {
    const { graph, result } = fixtureRun();
    const mv = result.movements[0]!;
    for (const o of mv.options) {
      // Fixture: police 0.9 and ambulance 0.85 within target → 85 %.
      expect(withinTarget(o)).toBe(0.85);
      expect(optionView(graph, o, mv.recommended).coverage).toBe(withinTarget(o));
    }
    expect(movementTable(mv)).toMatch(/in target\n.*85%\n.*85%$/);
    expect(compareReport(result)).toMatch(/in target +85% +85%/);
  });

  it('a responder type without units does not make it 0 %', () => {
    const { result } = fixtureRun();
    const o = result.movements[0]!.options[0]!;
    const withEmptyType = { ...o, response: [...o.response, { ...o.response[0]!, type: 'eod' as const, units: 0, withinTargetShare: 0 }] };
    expect(withinTarget(withEmptyType)).toBe(0.85);
  });

  it('the legends of the terminal, compare and the report say it in the same words', () => {
    const { result } = fixtureRun();
    expect(runSummary(result)).toContain(`"in target" = ${WITHIN_TARGET_MEANING}`);
    expect(compareReport(result)).toContain(`"in target" = ${WITHIN_TARGET_MEANING}`);
    expect(fs.readFileSync(path.join(ROOT, 'viz', 'client', 'table.js'), 'utf8')).toContain(`'${WITHIN_TARGET_MEANING}'`);
  });
});

describe('compare: differences that matter', () => {
  it('are ordered by size relative to the recommended option', () => {
    // 5×5 grid of 100 m at 10 m/s: short drives 400 m in 40 s; long goes round by (400,400): 1,200 m, 120 s.
    const g = gridGraph(5, 5);
    const plan = basePlan({ samples: 3, movements: [movement({ options: [{ id: 'short', label: 'primary', kind: 'fastest' }, { id: 'long', label: 'alternate', kind: 'via', via: [place('far', 400, 400)] }] })] });
    const mv = runInProcess(g, plan).result.movements[0]!;
    expect(mv.recommended).toBe('short');
    const d = differences(mv);
    expect(d[0]).toMatch(/\(200 % better\)$/);
    expect(d).toContain('length planned (km): short 0.4 vs long 1.2 (200 % better)');
    const sizes = d.map((x) => Number(/\((\d+) % (?:better|worse)\)$/.exec(x)?.[1] ?? Infinity));
    expect(sizes.length).toBeGreaterThan(2);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
    expect(d).toContain('time p50 (min): short 0.7 vs long 2.0 (200 % better)');
  });
});
