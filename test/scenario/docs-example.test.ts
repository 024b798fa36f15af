import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/scenario/index.js';
import { PACKAGE_ROOT } from '../../engine/paths.js';

describe('the scenario example of docs/scenarios.md (its first yaml block)', () => {
  it('is a valid scenario', async () => {
    const page = fs.readFileSync(path.join(PACKAGE_ROOT, 'docs', 'scenarios.md'), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(page)![1]!;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-doc-')), 'example.yaml');
    fs.writeFileSync(file, yaml);
    const { problems, scenario } = await loadScenario(file);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    expect(problems).toEqual([]);
    expect(scenario.movements[0]!.options.map((o) => o.choice.kind)).toEqual(['fastest', 'safest', 'via']);
  });
});
