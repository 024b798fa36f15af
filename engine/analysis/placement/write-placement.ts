import path from 'node:path';
import { parseDocument } from 'yaml';
import type { Scenario } from '../../scenario/model.js';
import type { CandidateSite } from './candidate-site.js';
import { NEW_UNIT_TURNOUT_S } from './placement-units.js';
import type { TypePlacement } from './place-type.js';

/**
 * The scenario text with the suggested placement: each placed responder's `at:` set to its new site (a
 * place or landmark id, else [lon, lat]), new units added as responder entries, everything else as written
 * (comments included). Paths relative to the scenario (`graph:`, `$schema`) are rewritten relative to the
 * output file, so that `motorcade run OUTPUT` reads the same roads.
 */
export function scenarioWithPlacement(text: string, scenario: Scenario, outFile: string, sites: readonly CandidateSite[], placements: readonly TypePlacement[], summary: string): string {
  const doc = parseDocument(text);
  const at = (s: CandidateSite) => {
    if (s.placeId) return s.placeId;
    const node = doc.createNode([s.lon, s.lat]);
    node.flow = true;
    return node;
  };
  for (const p of placements) {
    for (const u of p.units) {
      const site = sites[u.to]!;
      if (u.from >= 0 || u.unit.current) {
        if (u.from !== u.to) doc.setIn(['responders', u.unit.id, 'at'], at(site));
        continue;
      }
      const entry = doc.createNode({ type: u.unit.type, at: site.placeId ?? [site.lon, site.lat], turnout: `${NEW_UNIT_TURNOUT_S} s` });
      entry.flow = true;
      doc.setIn(['responders', u.unit.id], entry);
    }
  }
  const outDir = path.dirname(path.resolve(outFile));
  const srcDir = path.dirname(scenario.file);
  if (scenario.graph.kind === 'file') doc.set('graph', relative(outDir, scenario.graph.path));
  const schema = doc.get('$schema');
  if (typeof schema === 'string' && !/^[a-z]+:\/\//i.test(schema) && !path.isAbsolute(schema)) doc.set('$schema', relative(outDir, path.resolve(srcDir, schema)));
  doc.commentBefore = [doc.commentBefore, ...summary.split('\n').map((l) => ` ${l}`)].filter(Boolean).join('\n');
  return doc.toString({ lineWidth: 0 });
}

function relative(fromDir: string, target: string): string {
  const r = path.relative(fromDir, target).split(path.sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
}
