import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateReportHtml } from '../../viz/generate-report.js';
import { buildReportData } from '../../viz/build-report-data.js';
import { decodeLine, encodeLine } from '../../viz/geometry-codec.js';
import { profilePieces } from '../../viz/option-view.js';
import { cssString, jsonForScript, scriptHash } from '../../viz/render-html.js';
import { DEFAULT_CLASSIFICATION } from '../../viz/build-report-data.js';
import { streetLabelsOf } from '../../viz/map-labels.js';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon } from '@turf/helpers';
import { fixtureRun, WATER } from './fixture.js';
import vm from 'node:vm';
import { fmtMin } from '../../engine/minutes.js';

const OUT = path.resolve(import.meta.dirname, '../../test-output');

describe('report generator (fixture run)', () => {
  const input = { ...fixtureRun(), water: WATER };

  it('is one self-contained document: no external src/href, a CSP that forbids fetching', () => {
    const html = generateReportHtml(input);
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'fixture-report.html'), html);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/url\((?!#default#VML)/); // Leaflet's image urls are stripped
    expect(html).not.toContain('sourceMappingURL');
    expect(html).toContain('OpenStreetMap contributors');
    // Every <script> closes exactly once: inlined code never ends its own element early.
    expect(html.match(/<script/g)!.length).toBe(html.match(/<\/script>/g)!.length);
  });

  it('lets only its own two scripts run: script-src lists their SHA-256, never unsafe-inline', () => {
    const html = generateReportHtml(input);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    const executable = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(executable.length).toBe(2);
    expect(scriptSrc).toBe(`script-src ${executable.map((js) => `'sha256-${scriptHash(js)}'`).join(' ')}`);
  });

  it('prints a classification line on every page: the default, or the one given, escaped for CSS', () => {
    expect(generateReportHtml(input)).toContain(DEFAULT_CLASSIFICATION);
    const html = generateReportHtml({ ...input, classification: 'RESTRICTED — "planning" </style><script>x</script>' });
    expect(html).toContain(cssString('RESTRICTED — "planning" </style><script>x</script>'));
    expect(html).toContain('RESTRICTED — &quot;planning&quot; &lt;/style&gt;&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('size: A4 landscape');
    expect(html).toContain('counter(page)');
    expect(cssString('a"b\\')).toBe('"a\\22 b\\5c "');
  });

  it('is deterministic: the same run gives byte-identical HTML', () => {
    expect(generateReportHtml(input)).toBe(generateReportHtml(input));
  });

  it('copies the table numbers from the run unchanged', () => {
    const data = buildReportData(input);
    const m = input.result.movements[0]!;
    const dm = data.movements[0]!;
    expect(dm.recommendedOptionId).toBe('B');
    expect(dm.verdict).toBe(m.verdict);
    dm.options.forEach((o, i) => {
      const src = m.options[i]!;
      expect(o.timeS.p50).toBe(src.timeS.p50);
      expect(o.timeS.p95).toBe(src.timeS.p95);
      expect(o.exposure.total.p95).toBe(src.exposure.total.p95);
      expect(o.response.map((r) => r.p95S)).toEqual(src.response.map((r) => r.p95S));
      expect(o.coverage).toBe(Math.min(...src.response.map((r) => r.withinTargetShare)));
      expect(o.recommended).toBe(o.id === 'B');
    });
  });

  it('draws the route along its edges, every piece joined to the next, with a timed track', () => {
    const data = buildReportData(input);
    const a = data.movements[0]!.options[0]!;
    expect(a.pieces.length).toBeGreaterThan(1); // hotspot stretch splits the route
    for (let k = 1; k < a.pieces.length; k++) {
      const prev = decodeLine(a.pieces[k - 1]!.line);
      expect(decodeLine(a.pieces[k]!.line)[0]).toEqual(prev[prev.length - 1]);
    }
    const hot = Math.max(...a.pieces.map((p) => p.exposurePerKm));
    const cold = Math.min(...a.pieces.map((p) => p.exposurePerKm));
    expect(hot).toBeGreaterThan(cold);
    const track = a.playback!.track;
    for (let k = 5; k < track.length; k += 3) expect(track[k]!).toBeGreaterThanOrEqual(track[k - 3]!);
  });

  it('has service-area outlines that contain the post and grow with the target', () => {
    const data = buildReportData(input);
    const rings = (type: string, d = data) => d.serviceAreas.find((s) => s.type === type)!.outline.map((r) => decodeLine(r));
    const police = data.serviceAreas.find((s) => s.type === 'police')!;
    expect(police.roadCount).toBeGreaterThan(0);
    expect(police.outline.length).toBeGreaterThan(0);
    const post = input.scenario.responders.find((r) => r.type === 'police')!;
    const inside = (rs: [number, number][][], lon: number, lat: number) => rs.filter((r) => booleanPointInPolygon([lon, lat], polygon([r]))).length % 2 === 1;
    expect(inside(rings('police'), post.lon, post.lat)).toBe(true);
    const small = buildReportData({ ...input, result: { ...input.result, scoring: { ...input.result.scoring, responseTargetS: { ...input.result.scoring.responseTargetS, police: 150 } } } });
    expect(small.serviceAreas.find((s) => s.type === 'police')!.roadCount).toBeGreaterThan(0);
    expect(small.serviceAreas.find((s) => s.type === 'police')!.roadCount).toBeLessThan(police.roadCount);
    expect(inside(rings('police', small), post.lon, post.lat)).toBe(true);
  });

  it('names streets when the graph has names: the grid\'s two named roads, along their direction', () => {
    const data = buildReportData(input);
    expect([...new Set(data.streets.map((s) => s.name))].sort()).toEqual(['Monivong Boulevard', 'Street 2']);
    for (const s of data.streets) expect(Math.abs(Math.abs(s.angle) - (s.name === 'Street 2' ? 0 : 90))).toBeLessThanOrEqual(3);
    // At least 1.2 km between two anchors of one name; the 2.75 km street has at most 3.
    expect(data.streets.filter((s) => s.name === 'Street 2').length).toBeLessThanOrEqual(3);
    expect(streetLabelsOf(input.graph, { max: 1 }).length).toBe(1);
  });
});

describe('report generator: an option without a route', () => {
  it('keeps the row with its reason and draws nothing for it', () => {
    const run = fixtureRun();
    const a = run.result.movements[0]!.options[0]!;
    run.result.movements[0]!.options[0] = { ...a, found: false, reason: 'destination unreachable: bridge closed', route: { ...a.route, edges: [], coordinates: [] }, hotspots: [], playback: { ...a.playback, trajectory: [] } };
    const data = buildReportData({ ...run, water: null });
    const o = data.movements[0]!.options[0]!;
    expect(o.found).toBe(false);
    expect(o.reason).toBe('destination unreachable: bridge closed');
    expect(o.pieces).toEqual([]);
    expect(o.playback).toBeUndefined();
    expect(data.basemap.water).toEqual([]);
    expect(generateReportHtml({ ...run, water: null })).toContain('bridge closed');
  });
});

describe('route colouring from the engine\'s exposure per edge', () => {
  it('gives each stretch its exposure per km and joins the stretches', () => {
    const { graph, result } = fixtureRun();
    const edges = result.movements[0]!.options[0]!.route.edges.slice(0, 3);
    const lengthM = edges.map((e) => graph.lengthM[e]!);
    const pieces = profilePieces(graph, { edges, lengthM, exposure: [0, 10, 0] });
    expect(pieces.map((p) => p.exposurePerKm)).toEqual([0, Math.round((10 / (lengthM[1]! / 1000)) * 1000) / 1000, 0]);
    const a = decodeLine(pieces[0]!.line);
    expect(decodeLine(pieces[1]!.line)[0]).toEqual(a[a.length - 1]);
  });

  it('merges edges shorter than 200 m before dividing, so a junction wait is not an absurd rate', () => {
    const { graph, result } = fixtureRun();
    const edges = result.movements[0]!.options[0]!.route.edges.slice(0, 4);
    const pieces = profilePieces(graph, { edges, lengthM: [50, 50, 50, 50], exposure: [0, 20, 0, 0] });
    expect(pieces.length).toBe(1);
    expect(pieces[0]!.exposurePerKm).toBe(100);
  });
});

describe('threat zones', () => {
  it('include the zones injects add, active from the inject time', () => {
    const run = fixtureRun();
    const base = run.scenario.threats[0]!;
    run.scenario.injects = [{ id: 'device', trigger: { kind: 'at', atS: 31000 }, action: { type: 'add_threat', threat: { ...base, id: 'device', label: 'Suspected device', active: { fromS: 0, toS: 86400 } } }, note: '' }];
    const threats = buildReportData({ ...run, water: null }).threats;
    expect(threats.map((t) => t.id)).toEqual(['protest', 'overlook', 'device']);
    expect(threats[2]!.name).toBe('Suspected device (added by inject device)');
    expect(threats[2]!.windows).toEqual([{ fromS: 31000, toS: 86400 }]);
  });
});

describe('geometry codec', () => {
  it('round-trips a line at 1e-5 degree and drops collinear points', () => {
    const line: [number, number][] = [[104.9, 11.5], [104.90001, 11.5], [104.90002, 11.5], [104.91234, 11.56789]];
    const enc = encodeLine(line)!;
    const dec = decodeLine(enc);
    expect(dec[0]).toEqual([104.9, 11.5]);
    expect(dec[dec.length - 1]![0]).toBeCloseTo(104.91234, 5);
    expect(dec[dec.length - 1]![1]).toBeCloseTo(11.56789, 5);
    expect(dec.length).toBe(3);
  });

  it('drops lines shorter than the quantisation step', () => {
    expect(encodeLine([[104.9, 11.5], [104.900001, 11.500001]])).toBeUndefined();
  });

  it('keeps script-breaking text out of the inlined JSON', () => {
    const s = jsonForScript({ verdict: '</script><script>alert(1)</script>' });
    expect(s).not.toContain('<');
    expect(JSON.parse(s).verdict).toBe('</script><script>alert(1)</script>');
  });
});

describe('durations: the page and the engine write them alike', () => {
  // The page's format.js runs in a bare context: fmtMin needs nothing from the DOM.
  const context: { fmtMin?: (s: number | null, bare?: boolean, signed?: boolean) => string } = {};
  vm.runInNewContext(fs.readFileSync(path.resolve(import.meta.dirname, '../../viz/client/format.js'), 'utf8') + '\nthis.fmtMin = fmtMin;', context);
  const pageMin = context.fmtMin!;

  it('gives the verdict\'s "12.3 min" for the same seconds, with − and + only when asked or negative', () => {
    for (const s of [0, 1, 29, 30, 59.9, 60, 61, 89.99, 90, 737, 3599, 3600, 5432.1, 86399]) expect(pageMin(s), `${s} s`).toBe(fmtMin(s));
    expect(pageMin(737, true)).toBe('12.3');
    expect(pageMin(-90)).toBe('−1.5 min');
    expect(pageMin(90, false, true)).toBe('+1.5 min');
    expect(pageMin(1, false, true)).toBe('0.0 min');
    expect(pageMin(null)).toBe('—');
  });
});
