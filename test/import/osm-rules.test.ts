import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOsm, osmReportOf } from '../../engine/import/osm/index.js';
import { along, edgeBetween, edgesOf, fixture } from './osm-helpers.js';

describe('OSM import rules (one fixture per rule)', () => {
  it('folds degree-2 vertices into geometry and splits a way where another way joins it', () => {
    const g = importOsm(fixture('fold.osm'));
    const [n1, n2, n3, n4, n5, n6] = [[104.92, 11.56], [104.921, 11.56], [104.922, 11.5605], [104.923, 11.56], [104.924, 11.56], [104.922, 11.562]] as [number, number][];
    expect(g.nodeCount).toBe(4); // 1, 3 (shared), 5, 6; nodes 2 and 4 are folded
    expect(g.edgeCount).toBe(6);
    const a = edgeBetween(g, n1!, n3!)!;
    expect(a.interior).toEqual([n2]);
    expect(a.lengthM).toBeCloseTo(along(n1!, n2!, n3!), 6);
    expect(a.name).toBe('Street 51');
    expect(a.class).toBe('residential');
    expect(a.speedKmh).toBeCloseTo(30, 9); // residential default
    expect(a.flags).toEqual([]);
    const back = edgeBetween(g, n3!, n1!)!;
    expect(back.interior).toEqual([n2]);
    expect(edgeBetween(g, n3!, n5!)!.interior).toEqual([n4]);
    expect(edgeBetween(g, n3!, n5!)!.lengthM).toBeCloseTo(along(n3!, n4!, n5!), 6);
    expect(edgeBetween(g, n6!, n3!)!.name).toBe('Street 154');
    expect(osmReportOf(g)).toMatchObject({ roadSegments: 3, junctions: 4, keptByClass: { residential: 2 } });
  });

  it('keeps a loop back onto the same way, split at its middle vertex (no self-loop)', () => {
    const g = importOsm(fixture('loop.osm'));
    const [p90, p91, p92, p93, p94] = [[104.95, 11.55], [104.951, 11.55], [104.9515, 11.5505], [104.952, 11.55], [104.9515, 11.5495]] as [number, number][];
    expect(g.nodeCount).toBe(3); // 90 (end), 91 (the way returns to it), 93 (middle of the loop)
    expect(g.edgeCount).toBe(6);
    expect(edgeBetween(g, p90!, p91!)).toBeDefined();
    expect(edgeBetween(g, p91!, p93!)!.interior).toEqual([p92]);
    expect(edgeBetween(g, p93!, p91!)!.interior).toEqual(expect.any(Array));
    const halves = edgesOf(g).filter((e) => e.name === 'Borey loop' && e.interior.length === 1).map((e) => e.interior[0]);
    expect(halves).toEqual(expect.arrayContaining([p92, p94]));
    for (let e = 0; e < g.edgeCount; e++) expect(g.tail[e]).not.toBe(g.head[e]);
  });

  it('makes a roundabout one-way along its node order, flagged ROUNDABOUT', () => {
    const g = importOsm(fixture('roundabout.osm'));
    const [r10, r11, r12, r13, a20, a21] = [[104.93, 11.57], [104.9305, 11.5705], [104.93, 11.571], [104.9295, 11.5705], [104.93, 11.568], [104.93, 11.573]] as [number, number][];
    expect(g.nodeCount).toBe(4);
    expect(g.edgeCount).toBe(6);
    const first = edgeBetween(g, r10!, r12!)!;
    expect(first.flags).toEqual(['ONEWAY', 'ROUNDABOUT']);
    expect(first.interior).toEqual([r11]);
    expect(edgeBetween(g, r12!, r10!)!.interior).toEqual([r13]); // the other half, not a twin
    expect(edgesOf(g).filter((e) => e.flags.includes('ROUNDABOUT'))).toHaveLength(2);
    expect(edgeBetween(g, a20!, r10!)!.flags).toEqual([]);
    expect(edgeBetween(g, r10!, a20!)).toBeDefined();
    expect(edgeBetween(g, a21!, r12!)).toBeDefined();
    expect(osmReportOf(g)!.oneway).toMatchObject({ implied: 1, twoWay: 2 });
  });

  it('reads oneway=-1 against the node order; motorways imply oneway unless oneway=no', () => {
    const g = importOsm(fixture('oneway-reverse.osm'));
    const [p30, p31, p32, p33] = [[104.9, 11.55], [104.901, 11.55], [104.901, 11.551], [104.9, 11.552]] as [number, number][];
    expect(g.nodeCount).toBe(4);
    expect(g.edgeCount).toBe(7);
    // Way 300 is drawn 31 → 30 with oneway=-1: traffic runs 30 → 31 only.
    expect(edgeBetween(g, p30!, p31!)!.flags).toEqual(['ONEWAY']);
    expect(edgeBetween(g, p31!, p30!)).toBeUndefined();
    expect(edgeBetween(g, p31!, p32!)!.flags).toEqual(['ONEWAY']);
    expect(edgeBetween(g, p32!, p31!)).toBeUndefined();
    // motorway with oneway=no: both ways; motorway_link without a tag: one way (and a LINK).
    expect(edgeBetween(g, p30!, p33!)!.class).toBe('motorway');
    expect(edgeBetween(g, p33!, p30!)).toBeDefined();
    expect(edgeBetween(g, p33!, p32!)!.flags).toEqual(['ONEWAY', 'LINK']);
    expect(edgeBetween(g, p32!, p33!)).toBeUndefined();
    expect(osmReportOf(g)!.oneway).toEqual({ tagged: 1, reverse: 1, implied: 1, explicitNo: 1, unrecognised: 0, twoWay: 2 });
  });

  it('excludes access=private / motorcar=no roads (they create no junction); motor_vehicle=yes overrides access=no', () => {
    const g = importOsm(fixture('private.osm'));
    const [p40, p41, p42, p43, , p45] = [[104.91, 11.58], [104.911, 11.58], [104.911, 11.581], [104.91, 11.581], [104.9115, 11.579], [104.912, 11.582]] as [number, number][];
    expect(g.nodeCount).toBe(3); // 40 (ring start), 42 (joined by the kept service road), 45
    expect(g.edgeCount).toBe(6);
    // Two parallel roads 40-42 (the two halves of the ring): 41 and 43 folded, the private road is gone.
    const halves = edgesOf(g).filter((e) => e.from[0] === p40![0] && e.from[1] === p40![1]).map((e) => e.interior);
    expect(halves).toEqual(expect.arrayContaining([[p41], [p43]]));
    expect(halves).toHaveLength(2);
    expect(edgeBetween(g, p42!, p45!)!.class).toBe('service');
    expect(osmReportOf(g)!.excluded.access).toBe(2);
  });

  it('flags bridges and tunnels (any value but "no") and names "name (ref)"', () => {
    const g = importOsm(fixture('bridge.osm'));
    const [p50, p51, p52, p53] = [[104.925, 11.585], [104.927, 11.585], [104.933, 11.585], [104.935, 11.585]] as [number, number][];
    const approach = edgeBetween(g, p50!, p51!)!;
    expect(approach.flags).toEqual([]);
    expect(approach.name).toBe('NR6');
    const bridge = edgeBetween(g, p51!, p52!)!;
    expect(bridge.flags).toEqual(['BRIDGE']);
    expect(edgeBetween(g, p52!, p51!)!.flags).toEqual(['BRIDGE']);
    expect(bridge.name).toBe('Chroy Changvar Bridge (NR6)');
    expect(bridge.lanes).toBe(2); // lanes=4 on a two-way road: 2 per direction
    expect(bridge.lengthM).toBeCloseTo(along(p51!, p52!), 6);
    expect(edgeBetween(g, p52!, p53!)!.flags).toEqual(['TUNNEL']);
  });

  it('reads maxspeed "30 mph" as 48.28 km/h and falls back to the class default on an unparsable value', () => {
    const g = importOsm(fixture('maxspeed-mph.osm'));
    const [p60, p61, p62] = [[104.88, 11.56], [104.885, 11.56], [104.89, 11.56]] as [number, number][];
    const mph = edgeBetween(g, p60!, p61!)!;
    expect(mph.speedKmh).toBeCloseTo(48.28032, 9);
    expect(mph.flags).toEqual(['MAXSPEED_TAGGED']);
    const e = g.firstOut[0]!;
    expect(g.timeS[e]! * (48.28032 / 3.6)).toBeCloseTo(g.lengthM[e]!, 6); // seconds = metres / (m/s)
    const fallback = edgeBetween(g, p61!, p62!)!;
    expect(fallback.speedKmh).toBeCloseTo(40, 9); // secondary default
    expect(fallback.flags).toEqual([]);
    expect(osmReportOf(g)!.maxspeed).toEqual({ parsed: 1, none: 0, defaulted: 0, unparsable: 1, unparsableValues: ['fast'] });
  });

  it('reads country codes (KH:urban = 40), "50 km/h", "walk" and "none"', () => {
    const g = importOsm(fixture('maxspeed-kh.osm'));
    const pts = [104.88, 104.885, 104.89, 104.895, 104.9].map((lon) => [lon, 11.54] as [number, number]);
    const speed = (i: number) => edgeBetween(g, pts[i]!, pts[i + 1]!)!.speedKmh;
    expect(speed(0)).toBeCloseTo(40, 9); // KH:urban
    expect(speed(1)).toBeCloseTo(50, 9); // 50 km/h
    expect(speed(2)).toBeCloseTo(6, 9); // walk
    expect(speed(3)).toBeCloseTo(60, 9); // none → trunk default
    expect(osmReportOf(g)!.maxspeed).toMatchObject({ parsed: 3, none: 1, unparsable: 0 });
  });

  it('keeps only motor-traffic highways: footway, cycleway, path, steps, pedestrian, construction are dropped', () => {
    const g = importOsm(fixture('footway.osm'));
    expect(g.nodeCount).toBe(2); // the footway touching node 81 does not split the street
    expect(g.edgeCount).toBe(2);
    expect(edgesOf(g)[0]!.interior).toEqual([[104.916, 11.565]]);
    expect(osmReportOf(g)!.excluded.notMotorTraffic).toEqual({ footway: 1, cycleway: 1, path: 1, steps: 1, pedestrian: 1, construction: 1 });
    expect(osmReportOf(g)).toMatchObject({ waysRead: 8, highwayWays: 7 });
  });
});

describe('OSM XML from editors', () => {
  it('skips objects JOSM marks action="delete" (and reads negative ids of new objects)', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'josm-')), 'edited.osm');
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?><osm version="0.6" generator="JOSM">
  <node id="-1" action="modify" lat="11.55" lon="104.9"/><node id="-2" lat="11.55" lon="104.91"/><node id="-3" lat="11.56" lon="104.91"/>
  <way id="-10" action="modify"><nd ref="-1"/><nd ref="-2"/><tag k="highway" v="residential"/></way>
  <way id="-11" action="delete"><nd ref="-2"/><nd ref="-3"/><tag k="highway" v="residential"/></way>
</osm>`,
    );
    const g = importOsm(file);
    expect(g.nodeCount).toBe(2);
    expect(g.edgeCount).toBe(2);
  });
});

describe('directional maxspeed', () => {
  it('uses maxspeed:forward/backward when maxspeed is absent (the lower one on a two-way road)', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'maxspeed-dir-')), 'dir.osm');
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?><osm version="0.6">
  <node id="1" lat="11.55" lon="104.90"/><node id="2" lat="11.55" lon="104.91"/><node id="3" lat="11.55" lon="104.92"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="maxspeed:forward" v="60"/><tag k="maxspeed:backward" v="40"/></way>
  <way id="11"><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/><tag k="oneway" v="-1"/><tag k="maxspeed:forward" v="30"/><tag k="maxspeed:backward" v="70"/></way>
  <way id="12"><nd ref="3"/><nd ref="1"/><tag k="highway" v="primary"/></way>
</osm>`,
    );
    const g = importOsm(file);
    expect(edgeBetween(g, [104.9, 11.55], [104.91, 11.55])!.speedKmh).toBeCloseTo(40, 9);
    expect(edgeBetween(g, [104.91, 11.55], [104.9, 11.55])!.speedKmh).toBeCloseTo(40, 9);
    expect(edgeBetween(g, [104.92, 11.55], [104.91, 11.55])!.speedKmh).toBeCloseTo(70, 9); // oneway=-1 runs "backward"
    expect(osmReportOf(g)!.maxspeed).toMatchObject({ parsed: 2, defaulted: 1 });
  });
});
