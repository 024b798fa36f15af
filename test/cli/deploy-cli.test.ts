import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { POST_CSV_HEADER } from '../../cli/deploy-output.js';
import { cli, cliBuilt, FIXTURES, STACK_LINE } from './cli-spawn.js';

/** `motorcade deploy` as users run it: the terminal plan, --json, the duty-roster CSV, GeoJSON, bad flags. */
describe.skipIf(!cliBuilt)('motorcade deploy', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-deploy-'));

  it('prints each movement\'s options, the day totals, shared places and conflicts with the shift that removes each', () => {
    const r = cli(['deploy', 'scenarios/summit-day.yaml']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Movement a1_raffles_venue \(static control, \d+ outriders\)$/m);
    expect(r.out).toMatch(/officers: \d+ posted in total, \d+ at the peak minute \(\d\d:\d\d\)/);
    expect(r.out).toMatch(/^Places of the day \(\d+\), each with every movement there by time:$/m);
    expect(r.out).toMatch(/^Conflicts \(\d+; separation 5 min\):$/m);
    expect(r.out).toMatch(/→ shift \w+ [+−]\d+ min \((within|outside) its departure window\)/);
    expect(r.out).toMatch(/Road data © OpenStreetMap contributors, ODbL 1\.0/);
  });

  it('--json: posts per option, the day with its staffing timeline; the timeline sums the driven options\' posts', () => {
    const r = cli(['deploy', 'scenarios/summit-day.yaml', '--json']);
    expect(r.code, r.err).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.attribution).toMatch(/OpenStreetMap/);
    const driven = plan.movements.map((m: { chosen: string; options: { option: string }[] }) => m.options.find((o) => o.option === m.chosen));
    const posts = driven.flatMap((o: { posts: { officers: number; closeS: number; openS: number }[] }) => o.posts);
    expect(plan.day.officersTotal).toBe(posts.reduce((a: number, p: { officers: number }) => a + p.officers, 0));
    // Officers posted in the peak minute, counted again from the posts.
    const t = plan.day.officersPeak.atS as number;
    const inPeak = posts.filter((p: { closeS: number; openS: number }) => p.closeS < t + 60 && p.openS > t).reduce((a: number, p: { officers: number }) => a + p.officers, 0);
    expect(inPeak).toBe(plan.day.officersPeak.count);
    expect(Math.max(...plan.day.timeline.officers)).toBe(plan.day.officersPeak.count);
    for (const p of posts) expect(p.openS).toBeGreaterThan(p.closeS);
    // The day-level view: every pair's shared place appears under a place whose uses list both movements, by arrival.
    const places = plan.day.places as { nodes: number[]; uses: { movement: string; fromS: number }[] }[];
    for (const s of plan.day.shared as { nodes: number[]; movementA: string; movementB: string }[]) {
      const at = places.find((p) => p.nodes.length === s.nodes.length && s.nodes.every((n) => p.nodes.includes(n)));
      expect(at?.uses.map((u) => u.movement)).toEqual(expect.arrayContaining([s.movementA, s.movementB]));
    }
    for (const p of places) expect(p.uses.map((u) => u.fromS)).toEqual([...p.uses.map((u) => u.fromS)].sort((a, b) => a - b));
  });

  it('--option and --separation change what is driven and what conflicts', () => {
    const base = JSON.parse(cli(['deploy', 'scenarios/asean-2022-arrivals.yaml', '--json']).out);
    const r = cli(['deploy', 'scenarios/asean-2022-arrivals.yaml', '--json', '--option', 'c1_pnh_hyatt=safer', '--separation', '2 h']);
    expect(r.code, r.err).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.movements.find((m: { movement: string }) => m.movement === 'c1_pnh_hyatt').chosen).toBe('safer');
    expect(plan.day.separationS).toBe(7200);
    expect(plan.day.conflicts.length).toBeGreaterThan(base.day.conflicts.length);
  });

  it("the scenario's deployment.drive chooses the driven option, --option overrides it; every option says what it would conflict with", () => {
    const text = fs.readFileSync('scenarios/asean-2022-arrivals.yaml', 'utf8');
    fs.writeFileSync(path.join(work, 'drive.yaml'), `${text}\ndeployment:\n  drive:\n    c1_pnh_hyatt: safer\n`);
    const chosen = (args: string[]) => {
      const r = cli(['deploy', 'drive.yaml', '--json', ...args], { cwd: work });
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out).movements.find((m: { movement: string }) => m.movement === 'c1_pnh_hyatt');
    };
    const m = chosen([]);
    expect(m.chosen).toBe('safer');
    expect(m.optionConflicts.map((c: { option: string }) => c.option)).toEqual(m.options.map((o: { option: string }) => o.option));
    expect(chosen(['--option', 'c1_pnh_hyatt=primary']).chosen).toBe('primary');
    const t = cli(['deploy', 'drive.yaml'], { cwd: work });
    expect(t.out).toMatch(/^ {2}option +posts +officers +peak \(at\) +road-min +major jct +conflicts$/m);
    expect(t.out).toMatch(/^ {2}safer \* /m);
  });

  it('--csv: one row per post, ODbL attribution last, formula-like text neutralised; --geojson: RFC 7946 points with the window', () => {
    for (const f of ['cli-broken/place-label-formula.yaml', 'scenario-graph/grid-roads.geojson']) fs.copyFileSync(path.join(FIXTURES, f), path.join(work, path.basename(f)));
    const r = cli(['deploy', 'place-label-formula.yaml', '--csv', 'posts.csv', '--geojson', 'deploy.geojson', '--json'], { cwd: work });
    expect(r.code, r.err).toBe(0);
    const plan = JSON.parse(r.out);
    const lines = fs.readFileSync(path.join(work, 'posts.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(POST_CSV_HEADER.join(','));
    const posts = plan.movements[0].options[0].posts;
    expect(lines).toHaveLength(1 + posts.length);
    for (const line of lines.slice(1)) expect(line.endsWith(',"Road data © OpenStreetMap contributors, ODbL 1.0"')).toBe(true);
    const cells = lines.slice(1).flatMap((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)).map((c) => c.replace(/^"/, ''));
    expect(cells.filter((c) => /^[=+@\t\r]/.test(c))).toEqual([]);
    expect(cells.some((c) => c.startsWith("'+1+2"))).toBe(true);
    const gj = JSON.parse(fs.readFileSync(path.join(work, 'deploy.geojson'), 'utf8'));
    expect(gj.type).toBe('FeatureCollection');
    expect(gj.attribution).toMatch(/ODbL/);
    const points = gj.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'post');
    expect(points).toHaveLength(posts.length);
    for (const f of gj.features) expect(f.properties.attribution).toMatch(/OpenStreetMap/);
    expect(points[0].geometry).toEqual({ type: 'Point', coordinates: [posts[0].lon, posts[0].lat] });
    expect(points[0].properties.close_s).toBe(posts[0].closeS);
    expect(gj.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'LineString')).toHaveLength(1);
  });

  it('bad input: one clear line and exit 2, never a stack trace', () => {
    const cases: [string[], RegExp][] = [
      [['deploy', 'scenarios/summit-day.yaml', '--option', 'a1_rafles_venue=primary'], /no movement 'a1_rafles_venue' \(did you mean 'a1_raffles_venue'\?\)/],
      [['deploy', 'scenarios/summit-day.yaml', '--option', 'a1_raffles_venue=fastest'], /movement a1_raffles_venue has no option 'fastest'.*options: /],
      [['deploy', 'scenarios/summit-day.yaml', '--option', 'a1_raffles_venue'], /is not MOVEMENT=OPTION/],
      [['deploy', 'scenarios/summit-day.yaml', '--separation', '5'], /--separation: duration '5' has no unit/],
      [['deploy', 'scenarios/nope.yaml'], /scenario file not found: scenarios\/nope\.yaml/],
      [['deploy', 'scenarios/summit-day.yaml', '--csv', 'scenarios/summit-day.yaml'], /--csv scenarios\/summit-day\.yaml/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err).not.toMatch(STACK_LINE);
    }
  });
});
