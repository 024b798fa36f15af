import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../../engine/import/load-graph.js';
import { runMonteCarlo } from '../../engine/run/run.js';
import { loadScenarioOrThrow } from '../../engine/scenario/index.js';
import { toGeoJSON, writeCsv } from '../../cli/run-output.js';
import { unmarkedPartial } from '../support/audit-cases.js';

/**
 * An interrupted run says so in every output, not only in --json: options.csv (samples_done,
 * samples_asked, partial per row), manifest.json of the CSV folder, and the GeoJSON collection
 * (samples asked and done, partial) and each route (samples done). Interrupted here by aborting after
 * the first chunk, as Ctrl-C does.
 */
const FIX = path.join(import.meta.dirname, '..', 'fixtures', 'scenario-graph');

async function gridRun(samples: number, abortAfterFirstChunk: boolean) {
  const { graph } = await loadGraph({ source: path.join(FIX, 'grid-roads.geojson'), noCache: true });
  const scenario = await loadScenarioOrThrow(path.join(FIX, 'grid-scenario.yaml'), { graph });
  const stop = new AbortController();
  return runMonteCarlo(graph, scenario, { samples, seed: 'partial', workers: 0, signal: stop.signal, onProgress: () => abortAfterFirstChunk && stop.abort() });
}

const readCsv = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));

describe('partial runs are marked in every output', () => {
  it('interrupted: CSV rows, manifest and GeoJSON say partial with the samples done', async () => {
    const run = await gridRun(20_000, true);
    expect(run.partial).toBe(true);
    const done = run.result.movements[0]!.options[0]!.samplesDone;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(20_000);
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-partial-')), 'csv');
    writeCsv(dir, run.result);
    const [head, row] = readCsv(path.join(dir, 'options.csv'));
    const col = (name: string) => row![head!.indexOf(name)];
    expect([col('samples_done'), col('samples_asked'), col('partial')]).toEqual([String(done), '20000', 'true']);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'motorcade-csv/1', samples_asked: 20_000, samples_done: done, partial: true });
    const fc = toGeoJSON(run.result) as { motorcade: Record<string, unknown>; features: { properties: Record<string, unknown> }[] };
    expect(fc.motorcade).toMatchObject({ samples: 20_000, samples_asked: 20_000, samples_done: done, partial: true });
    expect(fc.features.find((f) => f.properties['kind'] === 'route')!.properties['samples_done']).toBe(done);
    // The check bench/audit-inputs makes on the outputs of an interrupted CLI run.
    expect(unmarkedPartial({ csvDir: dir, geojson: JSON.stringify(fc) }, true)).toEqual([]);
    expect(unmarkedPartial({ csvDir: dir, geojson: JSON.stringify(fc) }, false)).toHaveLength(3);
  });

  it('complete: the same marks say not partial, every sample done', async () => {
    const run = await gridRun(30, false);
    expect(run.partial).toBe(false);
    const fc = toGeoJSON(run.result) as { motorcade: Record<string, unknown> };
    expect(fc.motorcade).toMatchObject({ samples_asked: 30, samples_done: 30, partial: false });
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-partial-')), 'csv');
    writeCsv(dir, run.result);
    const [head, row] = readCsv(path.join(dir, 'options.csv'));
    expect(row![head!.indexOf('partial')]).toBe('false');
    expect(row![head!.indexOf('samples_done')]).toBe('30');
  });
});
