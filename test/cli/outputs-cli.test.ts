import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliBuilt, FIXTURES } from './cli-spawn.js';

/** What the outputs of `run --csv` and `route --avoid` tell the user, as the CLI writes them. */
describe.skipIf(!cliBuilt)('CLI outputs', () => {
  it('run --csv: text cells that would start a spreadsheet formula are neutralised, numbers stay numbers', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-csv-inject-'));
    for (const f of ['cli-broken/place-label-formula.yaml', 'scenario-graph/grid-roads.geojson']) fs.copyFileSync(path.join(FIXTURES, f), path.join(work, path.basename(f)));
    const r = cli(['run', 'place-label-formula.yaml', '--csv', 'out', '--geojson', 'out/routes.geojson'], { cwd: work });
    expect(r.code, r.err).toBe(0);
    const cells: string[] = [];
    for (const f of fs.readdirSync(path.join(work, 'out')).filter((n) => n.endsWith('.csv'))) {
      // Cells of these files hold no quoted commas except the neutralised label and the event message.
      for (const line of fs.readFileSync(path.join(work, 'out', f), 'utf8').trim().split('\n')) cells.push(...line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
    }
    const bare = cells.map((c) => c.replace(/^"/, ''));
    expect(bare.filter((c) => /^[=+@\t\r]/.test(c) || (/^-/.test(c) && Number.isNaN(Number(c))))).toEqual([]);
    expect(bare.filter((c) => c.startsWith("'=HYPERLINK(")).length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(work, 'out', 'manifest.json'), 'utf8')).toMatch(/"partial": false/);
    expect(fs.existsSync(path.join(work, 'out', 'routes.geojson'))).toBe(true);
  });

  it('route --avoid says how many directed edges each area closed, in text and --json; an area off the roads is warned about', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-avoid-count-'));
    const square = (x: number, y: number, d: number) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
    const file = path.join(work, 'avoid.geojson');
    fs.writeFileSync(file, JSON.stringify({ type: 'MultiPolygon', coordinates: [[square(104.925, 11.553, 0.006)], [square(10, 50, 0.01)]] }));
    const text = cli(['route', '--from', 'pnh_airport', '--to', 'royal_palace', '--avoid', file]);
    expect(text.code, text.err).toBe(0);
    const counts = /avoid areas: area 1 closes (\d+) directed edges, area 2 closes 0 directed edges/.exec(text.out);
    expect(counts, text.out).not.toBeNull();
    expect(Number(counts![1])).toBeGreaterThan(0);
    expect(text.err).toMatch(/warning: --avoid .*avoid\.geojson: area 2 closes no road/);
    const json = cli(['route', '--from', 'pnh_airport', '--to', 'royal_palace', '--avoid', file, '--json']);
    expect(json.code, json.err).toBe(0);
    expect(JSON.parse(json.out).avoid_areas).toEqual([{ area: 1, closed_edges: Number(counts![1]) }, { area: 2, closed_edges: 0 }]);
  });
});
