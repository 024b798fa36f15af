import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceContext } from '../../cli/serve/context.js';
import { OsrmError } from '../../cli/serve/osrm-error.js';
import { scenarioService } from '../../cli/serve/scenario-service.js';
import { loadGraph } from '../../engine/import/load-graph.js';

// POST /scenario/run whose request is aborted (deadline passed, client gone) before the run is prepared:
// the preparation stops and the reply is Timeout, naming the preparation; nothing is simulated.
const FIX = path.join(import.meta.dirname, '..', 'fixtures', 'scenario-graph');

describe('POST /scenario/run aborted during the preparation', () => {
  it('replies Timeout naming the preparation', async () => {
    const { graph } = await loadGraph({ source: path.join(FIX, 'grid-roads.geojson'), noCache: true });
    const body = fs.readFileSync(path.join(FIX, 'grid-scenario.yaml'), 'utf8').replace(/^graph:.*$/m, '');
    const ac = new AbortController();
    ac.abort(new Error('the client closed the connection'));
    const err = await scenarioService(new ServiceContext(graph, []), body, { samples: 10 }, ac.signal).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OsrmError);
    expect((err as OsrmError).code).toBe('Timeout');
    expect((err as OsrmError).message).toMatch(/the run's preparation did not finish before the request deadline \(before its first movement\)/);
  });
});
