/* Printed maps: static SVG, one overview of every movement for the first page and one map per movement
   fitted to its routes for that movement's page (the live Leaflet map cannot be re-fitted per page, and
   SVG prints as vectors). Built once, when the page is first printed ('beforeprint', which Chromium also
   fires for print-to-PDF), from the same data, colours, line styles and label placement as the live map.
   Geometry: equirectangular at the map's middle latitude (at city scale indistinguishable from the web
   map's Mercator), viewBox units, 1000 across. */

var PRINT_W = 1000;
var PRINT_FONT = '600 13px system-ui, sans-serif';
var PRINT_LABEL_H = 17;

/** Decoded basemap lines with their bounding boxes, shared by every printed map. */
var printBasemap = null;
function basemapForPrint(data) {
  if (printBasemap) return printBasemap;
  var bboxOf = function (pts) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    pts.forEach(function (p) { if (p[1] < b[0]) b[0] = p[1]; if (p[0] < b[1]) b[1] = p[0]; if (p[1] > b[2]) b[2] = p[1]; if (p[0] > b[3]) b[3] = p[0]; });
    return b;
  };
  printBasemap = {
    roads: data.basemap.roads.map(function (r) {
      return { style: r.style, lines: r.lines.map(function (l) { var pts = decodeLatLngs(l); return { pts: pts, bbox: bboxOf(pts) }; }) };
    }),
    water: data.basemap.water.map(function (poly) { var rings = poly.map(decodeLatLngs); return { rings: rings, bbox: bboxOf(rings[0]) }; })
  };
  return printBasemap;
}

function bboxesMeet(a, b) {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** A projection of [w, s, e, n] onto W × H units, the box grown to the frame's shape, with a margin. */
function printProjection(bbox, W, H) {
  var lat0 = (bbox[1] + bbox[3]) / 2;
  var k = Math.cos((lat0 * Math.PI) / 180);
  var x0 = bbox[0] * k, x1 = bbox[2] * k, y0 = bbox[1], y1 = bbox[3];
  var padX = (x1 - x0) * 0.06 + 0.002, padY = (y1 - y0) * 0.06 + 0.002;
  x0 -= padX; x1 += padX; y0 -= padY; y1 += padY;
  var s = Math.min(W / (x1 - x0), H / (y1 - y0));
  var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  var proj = function (lat, lon) { return [W / 2 + (lon * k - cx) * s, H / 2 - (lat - cy) * s]; };
  // The box actually shown, back in degrees, to pick the basemap lines to draw.
  var shown = [(cx - W / 2 / s) / k, cy - H / 2 / s, (cx + W / 2 / s) / k, cy + H / 2 / s];
  return { proj: proj, unitsPerM: s / 111320, shown: shown };
}

function pathOf(lines, proj) {
  var d = [];
  lines.forEach(function (pts) {
    pts.forEach(function (p, i) {
      var q = proj(p[0], p[1]);
      d.push((i === 0 ? 'M' : 'L') + q[0].toFixed(1) + ' ' + q[1].toFixed(1));
    });
  });
  return d.join('');
}

/** A round scale-bar length (m) no longer than maxM. */
function scaleBarM(maxM) {
  var p = Math.pow(10, Math.floor(Math.log10(maxM)));
  return [5, 2, 1].map(function (f) { return f * p; }).filter(function (m) { return m <= maxM; })[0] || p;
}

/**
 * One printed map: the basemap, threat zones, the given movements' routes (exposure bands under them
 * when `exposure`), their markers, the places and landmarks in view, labels placed around them.
 */
function printMapSvg(data, view, movementIds, bbox, W, H, exposure) {
  var P = printProjection(bbox, W, H);
  var proj = P.proj;
  var svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'print-map-svg', role: 'img', 'aria-label': 'Map of ' + movementIds.join(', ') });
  svg.appendChild(svgEl('rect', { x: 0, y: 0, width: W, height: H, fill: '#f3f0e8' }));
  var base = basemapForPrint(data);
  var water = base.water.filter(function (w) { return bboxesMeet(w.bbox, P.shown); });
  if (water.length) svg.appendChild(svgEl('path', { d: pathOf([].concat.apply([], water.map(function (w) { return w.rings; })), proj), fill: WATER_STYLE.fillColor, 'fill-rule': 'evenodd', stroke: 'none' }));
  base.roads.forEach(function (r) {
    var st = ROAD_STYLES[r.style] || ROAD_STYLES.other;
    var lines = r.lines.filter(function (l) { return bboxesMeet(l.bbox, P.shown); }).map(function (l) { return l.pts; });
    if (lines.length) svg.appendChild(svgEl('path', { d: pathOf(lines, proj), fill: 'none', stroke: st.color, 'stroke-width': st.weight * 0.8, 'stroke-linejoin': 'round', 'class': 'print-road' }));
  });
  data.threats.forEach(function (t) {
    var style = { fill: '#d6604d', 'fill-opacity': 0.12 + 0.3 * Math.min(1, t.intensity), stroke: '#b2182b', 'stroke-width': 1.5 };
    if (t.circle) {
      var c = proj(t.circle.lat, t.circle.lon);
      svg.appendChild(svgEl('circle', Object.assign({ cx: c[0], cy: c[1], r: t.circle.radiusM * P.unitsPerM }, style)));
    } else {
      svg.appendChild(svgEl('path', Object.assign({ d: pathOf([t.polygon.map(function (p) { return [p[1], p[0]]; })], proj) + 'Z' }, style)));
    }
  });
  var routeLines = [], points = [];
  data.movements.forEach(function (m, mi) {
    if (movementIds.indexOf(m.id) < 0) return;
    m.options.forEach(function (o, oi) {
      if (!o.found || o.pieces.length === 0) return;
      var lines = o.pieces.map(function (p) { return decodeLatLngs(p.line); });
      if (exposure) {
        o.pieces.forEach(function (p, k) {
          svg.appendChild(svgEl('path', { d: pathOf([lines[k]], proj), fill: 'none', stroke: view.scale.color(p.exposurePerKm), 'stroke-width': 13, 'stroke-opacity': 0.7 }));
        });
      }
      var d = pathOf(lines, proj);
      svg.appendChild(svgEl('path', { d: d, fill: 'none', stroke: '#fff', 'stroke-width': o.recommended ? 8 : 6, 'stroke-linejoin': 'round', 'stroke-linecap': 'round' }));
      var line = svgEl('path', { d: d, fill: 'none', stroke: movementColor(mi), 'stroke-width': o.recommended ? 5 : 3.5, 'stroke-linejoin': 'round', 'class': 'print-route', 'data-route': m.id + ':' + o.id });
      if (optionDash(oi)) line.setAttribute('stroke-dasharray', optionDash(oi));
      else line.setAttribute('stroke-linecap', 'round');
      svg.appendChild(line);
      lines.forEach(function (l) { routeLines.push(l.map(function (p) { return proj(p[0], p[1]); })); });
      o.hotspots.forEach(function (h) { points.push({ p: proj(h.lat, h.lon), kind: 'hotspot' }); });
    });
  });
  var inside = function (q) { return q[0] >= 0 && q[1] >= 0 && q[0] <= W && q[1] <= H; };
  // Chokepoints: the live map's numbered sites, clustered at this map's scale (chokepoints.js).
  var shownSites = chokepointSites(data).filter(function (s) { return s.routes.some(function (rk) { return movementIds.indexOf(rk.split(':')[0]) >= 0; }); });
  clusterSites(shownSites, function (s) { return proj(s.lat, s.lon); }).forEach(function (c) {
    if (inside([c.x, c.y])) points.push({ p: [c.x, c.y], kind: 'choke', w: c.w, n: c.sites[0].n, merged: c.sites.length > 1 });
  });
  var cands = [];
  var named = labelledPlaces(data);
  data.places.forEach(function (p) {
    var q = proj(p.lat, p.lon);
    if (!inside(q)) return;
    points.push({ p: q, kind: p.role === 'hospital' ? 'hospital' : p.role === 'safe_haven' ? 'haven' : 'place' });
    if (named.indexOf(p) >= 0) cands.push({ text: shortName(p.name), x: q[0], y: q[1], r: 9, priority: 0 });
  });
  otherLandmarks(data).forEach(function (l) {
    var q = proj(l.lat, l.lon);
    if (!inside(q)) return;
    points.push({ p: q, kind: 'landmark' });
    cands.push({ text: l.name, x: q[0], y: q[1], r: 4, priority: 1, italic: true });
  });
  data.responders.forEach(function (r) {
    var q = proj(r.lat, r.lon);
    if (inside(q)) points.push({ p: q, kind: 'responder', type: r.type });
  });
  points.forEach(function (pt) { svg.appendChild(printMarker(pt)); });
  cands.forEach(function (c) { c.w = textWidth(c.text, PRINT_FONT) + 6; c.h = PRINT_LABEL_H; });
  var placed = placeLabels({ w: W, h: H }, {
    lines: routeLines, lineWidth: 7,
    points: points.map(function (pt) { return { x: pt.p[0], y: pt.p[1], r: pt.kind === 'landmark' ? 4 : pt.kind === 'choke' ? pt.w / 2 + 1 : 9 }; })
  }, cands);
  cands.forEach(function (c, i) {
    var at = placed[i];
    if (!at) return;
    if (at.leader) svg.appendChild(svgEl('line', { x1: at.leader.x0, y1: at.leader.y0, x2: at.leader.x1, y2: at.leader.y1, stroke: '#333', 'stroke-width': 1 }));
    var t = svgEl('text', { x: at.left + 3, y: at.top + c.h * 0.74, 'font-size': 13, 'font-weight': 600, 'font-style': c.italic ? 'italic' : 'normal', fill: '#111', stroke: '#fff', 'stroke-width': 3.5, 'paint-order': 'stroke', 'stroke-linejoin': 'round', 'class': 'print-label' });
    t.textContent = c.text;
    svg.appendChild(t);
  });
  // Scale bar and north arrow, bottom left.
  var barM = scaleBarM(W * 0.2 / P.unitsPerM);
  var barU = barM * P.unitsPerM;
  var g = svgEl('g', { 'class': 'print-scale' });
  g.appendChild(svgEl('rect', { x: 10, y: H - 34, width: barU + 70, height: 26, fill: '#fff', 'fill-opacity': 0.85 }));
  g.appendChild(svgEl('path', { d: 'M18 ' + (H - 16) + 'h' + barU.toFixed(1) + 'M18 ' + (H - 22) + 'v6M' + (18 + barU).toFixed(1) + ' ' + (H - 22) + 'v6', stroke: '#111', 'stroke-width': 2, fill: 'none' }));
  var lbl = svgEl('text', { x: 24 + barU, y: H - 14, 'font-size': 12, fill: '#111' });
  lbl.textContent = (barM >= 1000 ? barM / 1000 + ' km' : barM + ' m') + '  N ↑';
  g.appendChild(lbl);
  svg.appendChild(g);
  return svg;
}

function printMarker(pt) {
  var x = pt.p[0], y = pt.p[1];
  var g = svgEl('g', { 'class': 'print-marker print-' + pt.kind });
  var letter = function (fill, ch) {
    g.appendChild(svgEl('circle', { cx: x, cy: y, r: 8, fill: fill, stroke: '#fff', 'stroke-width': 1.5 }));
    var t = svgEl('text', { x: x, y: y + 4, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 700, fill: '#fff' });
    t.textContent = ch;
    g.appendChild(t);
  };
  if (pt.kind === 'hospital') letter('#c0392b', '+');
  else if (pt.kind === 'haven') letter('#1b7837', 'S');
  else if (pt.kind === 'responder') letter(responderColor(pt.type), RESPONDER_LETTER[pt.type] || '?');
  else if (pt.kind === 'choke') {
    g.appendChild(diamondSvg(pt.w, pt.n, pt.merged, (x - pt.w / 2).toFixed(1), (y - pt.w / 2).toFixed(1)));
  }
  else if (pt.kind === 'hotspot') g.appendChild(svgEl('circle', { cx: x, cy: y, r: 6, fill: '#ef6548', stroke: '#7f0000', 'stroke-width': 2 }));
  else if (pt.kind === 'landmark') g.appendChild(svgEl('circle', { cx: x, cy: y, r: 2.5, fill: '#555' }));
  else g.appendChild(svgEl('circle', { cx: x, cy: y, r: 5, fill: '#fff', stroke: '#111', 'stroke-width': 2 }));
  return g;
}

/** [w, s, e, n] of some movements' routes and end points. */
function movementsBbox(data, ids) {
  var b = [Infinity, Infinity, -Infinity, -Infinity];
  var add = function (lat, lon) { if (lon < b[0]) b[0] = lon; if (lat < b[1]) b[1] = lat; if (lon > b[2]) b[2] = lon; if (lat > b[3]) b[3] = lat; };
  data.movements.forEach(function (m) {
    if (ids.indexOf(m.id) < 0) return;
    m.options.forEach(function (o) { o.pieces.forEach(function (p) { decodeLatLngs(p.line).forEach(function (q) { add(q[0], q[1]); }); }); });
  });
  return isFinite(b[0]) ? b : [data.bbox[0], data.bbox[1], data.bbox[2], data.bbox[3]];
}

/** The key beside a movement's printed map: its options with line style and the headline numbers. */
function printOptionKey(m, mi) {
  var list = el('div', { className: 'print-key' }, [el('div', { className: 'legend-head', text: 'Options' })]);
  m.options.forEach(function (o, oi) {
    list.appendChild(el('div', { className: 'legend-row' }, [
      swatchLine(movementColor(mi), o.recommended ? 4 : 3, optionDash(oi), o.recommended),
      el('span', { text: o.id + (o.recommended ? ' ★' : '') + ' ' + o.label + (o.found ? ' — ' + fmtMin(o.timeS.p50) + ' (p95 ' + fmtMin(o.timeS.p95) + '), exposure ' + fmtExp(o.exposure.total.p50) : ' — no route') })
    ]));
  });
  return list;
}

var printMapsBuilt = false;
function buildPrintMaps(data, view) {
  if (printMapsBuilt) return;
  printMapsBuilt = true;
  var ids = data.movements.map(function (m) { return m.id; });
  var overview = document.getElementById('print-overview-map');
  if (overview) overview.appendChild(printMapSvg(data, view, ids, movementsBbox(data, ids), PRINT_W, 560, false));
  var exposure = !!(view.layers.exposure && view.layers.exposure.on);
  data.movements.forEach(function (m, mi) {
    var fig = document.querySelector('figure.print-map[data-movement="' + CSS.escape(m.id) + '"]');
    if (!fig) return;
    fig.appendChild(printMapSvg(data, view, [m.id], movementsBbox(data, [m.id]), PRINT_W, 600, exposure));
    var side = fig.parentNode.querySelector('.print-side');
    if (side) side.appendChild(printOptionKey(m, mi));
    // The chokepoint key goes beside the map in print, where the page has room for it.
    var chokes = fig.closest('section').querySelector(':scope > .choke-key-wrap');
    if (side && chokes) side.appendChild(chokes.cloneNode(true));
  });
  document.documentElement.setAttribute('data-print-maps', 'true');
}
