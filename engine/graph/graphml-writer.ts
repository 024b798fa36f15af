import type { AbstractGraph, Attributes } from 'graphology-types';

/**
 * GraphML (graphml.graphdrawing.org) text for a graphology graph. graphology-graphml 0.5 only parses, so
 * this is the writer; its output is checked by parsing it back with graphology-graphml in the tests.
 * Attribute keys are declared from the values present: booleans → boolean, numbers → double (unless
 * `types` says `int`/`long`: an integer-valued length is still a double), anything else or a mix →
 * string. Missing values are simply left out.
 */
export function writeGraphML(graph: AbstractGraph, opts: GraphMLWriteOptions = {}): string {
  const nodeKeys = declareKeys('n', graph.nodes().map((n) => graph.getNodeAttributes(n)), opts.nodeTypes ?? {});
  const edgeKeys = declareKeys('e', graph.edges().map((e) => graph.getEdgeAttributes(e)), opts.edgeTypes ?? {});
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [name, k] of nodeKeys) out.push(`  <key id="${k.id}" for="node" attr.name="${escapeXml(name)}" attr.type="${k.type}"/>`);
  for (const [name, k] of edgeKeys) out.push(`  <key id="${k.id}" for="edge" attr.name="${escapeXml(name)}" attr.type="${k.type}"/>`);
  const graphKeys = declareKeys('g', [opts.graphAttributes ?? {}], {});
  for (const [name, k] of graphKeys) out.push(`  <key id="${k.id}" for="graph" attr.name="${escapeXml(name)}" attr.type="${k.type}"/>`);
  const edgedefault = graph.type === 'undirected' ? 'undirected' : 'directed';
  out.push(`  <graph id="${escapeXml(opts.graphId ?? 'G')}" edgedefault="${edgedefault}">`);
  if (graphKeys.size > 0) out.push(`    ${dataElements(opts.graphAttributes ?? {}, graphKeys)}`);
  graph.forEachNode((node, attrs) => {
    out.push(`    <node id="${escapeXml(node)}">${dataElements(attrs, nodeKeys)}</node>`);
  });
  graph.forEachEdge((edge, attrs, source, target, _sa, _ta, undirected) => {
    const dir = graph.type === 'mixed' ? ` directed="${!undirected}"` : '';
    out.push(`    <edge id="${escapeXml(edge)}" source="${escapeXml(source)}" target="${escapeXml(target)}"${dir}>${dataElements(attrs, edgeKeys)}</edge>`);
  });
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

export type GraphMLType = 'boolean' | 'int' | 'long' | 'float' | 'double' | 'string';
type KeyType = GraphMLType;

export interface GraphMLWriteOptions {
  graphId?: string;
  /** Declared GraphML types per attribute name, overriding the inferred ones. */
  nodeTypes?: Record<string, GraphMLType>;
  edgeTypes?: Record<string, GraphMLType>;
  /** Attributes of the graph itself (<data> under <graph>), e.g. crs for OSMnx. */
  graphAttributes?: Record<string, string | number | boolean>;
}
type KeyDecl = { id: string; type: KeyType };

/** Key ids are prefixed ('n' for nodes, 'e' for edges): GraphML wants them unique in the document. */
function declareKeys(prefix: string, records: Attributes[], declared: Record<string, GraphMLType>): Map<string, KeyDecl> {
  const types = new Map<string, KeyType>();
  for (const rec of records) {
    for (const [name, value] of Object.entries(rec)) {
      if (value === undefined || value === null) continue;
      const t: KeyType = declared[name] ?? (typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'double' : 'string');
      const prev = types.get(name);
      types.set(name, prev === undefined || prev === t ? t : 'string');
    }
  }
  const keys = new Map<string, KeyDecl>();
  for (const [name, type] of types) keys.set(name, { id: `${prefix}${keys.size}`, type });
  return keys;
}

function dataElements(attrs: Attributes, keys: Map<string, KeyDecl>): string {
  let s = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    const key = keys.get(name);
    if (key === undefined) continue;
    s += `<data key="${key.id}">${escapeXml(typeof value === 'object' ? JSON.stringify(value) : String(value))}</data>`;
  }
  return s;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;'));
}
