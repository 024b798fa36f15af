/* Layer toggles and the legend (colours, symbols and units), in the side panel beside the map. */

function buildToggles(view, container) {
  var boxes = {};
  view.onLayerChange(function (key, on) { if (boxes[key]) boxes[key].checked = on; });
  var groups = {};
  Object.keys(view.layers).forEach(function (key) {
    var l = view.layers[key];
    (groups[l.group] = groups[l.group] || []).push(l);
  });
  Object.keys(groups).forEach(function (g) {
    var fs = el('fieldset', { className: 'toggle-group' }, [el('legend', { text: g })]);
    groups[g].forEach(function (l) {
      var box = el('input', { type: 'checkbox', 'data-layer': l.key, id: 'toggle-' + l.key.replace(/[^a-zA-Z0-9_-]/g, '_') });
      box.checked = l.on;
      boxes[l.key] = box;
      box.addEventListener('change', function () { view.setLayer(l.key, box.checked); });
      fs.appendChild(el('label', { className: 'toggle' }, [box, ' ' + l.label]));
    });
    if (g === 'Routes') {
      var all = el('button', { type: 'button', className: 'routes-all', text: 'all routes' });
      all.addEventListener('click', function () {
        groups[g].forEach(function (l) { view.setLayer(l.key, true); });
      });
      fs.appendChild(all);
    }
    container.appendChild(fs);
  });
}

function swatchLine(color, weight, dashed) {
  var s = svgEl('svg', { width: 34, height: 12, 'aria-hidden': 'true' });
  var line = svgEl('line', { x1: 2, y1: 6, x2: 32, y2: 6, stroke: color, 'stroke-width': weight, 'stroke-linecap': 'round' });
  if (dashed) line.setAttribute('stroke-dasharray', '6 4');
  s.appendChild(line);
  return s;
}

function swatchBox(fill, stroke) {
  var s = svgEl('svg', { width: 34, height: 14, 'aria-hidden': 'true' });
  s.appendChild(svgEl('rect', { x: 4, y: 1, width: 26, height: 12, fill: fill, stroke: stroke || 'none', 'stroke-width': 1 }));
  return s;
}

function swatchDot(fill, stroke, letter) {
  var s = el('span', { className: 'legend-dot', style: 'background:' + fill + ';border-color:' + (stroke || fill) }, letter ? [letter] : []);
  return s;
}

function buildLegend(data, view, container) {
  function row(sw, text) {
    container.appendChild(el('div', { className: 'legend-row' }, [sw, el('span', { text: text })]));
  }
  function head(text) {
    container.appendChild(el('div', { className: 'legend-head', text: text }));
  }
  head('Roads (from the routing graph)');
  data.basemap.roads.slice().reverse().forEach(function (r) {
    var st = ROAD_STYLES[r.style] || ROAD_STYLES.other;
    row(swatchLine(st.color, Math.max(1.5, st.weight), false), r.label);
  });
  row(swatchBox(WATER_STYLE.fillColor, WATER_STYLE.color), 'river / water');

  head('Routes: exposure along the route (exposure-seconds per km)');
  var s = view.scale;
  var bounds = [0].concat(s.breaks);
  bounds.forEach(function (lo, i) {
    var hi = i + 1 < bounds.length ? bounds[i + 1] : null;
    row(swatchLine(s.color(lo), 5, false), hi === null ? fmtExp(lo) + ' – ' + fmtExp(s.max) : fmtExp(lo) + ' – ' + fmtExp(hi));
  });
  row(swatchLine('#555555', 5, false), 'recommended option (solid, wide)');
  row(swatchLine('#555555', 3, true), 'other options (dashed)');
  row(swatchLine('#111111', 2, true), 'playback: the path the sampled run drove (yellow dot: the convoy)');

  head('Risk and protection');
  row(swatchBox('rgba(214,96,77,0.35)', '#b2182b'), 'threat zone (darker = more intense; fades outside its time window during playback)');
  row(swatchDot('#ef6548', '#7f0000'), 'exposure hotspot (exposure-seconds on the stretch)');
  row(swatchDot('#5e3c99', '#5e3c99', '◆'), 'chokepoint (bridge, shared edge, junction, declared)');
  row(swatchDot('#ffffff', '#222222'), 'critical edge (extra time if closed on arrival)');
  row(swatchDot('#e08214', '#e08214', '!'), 'coverage gap: worst stretch beyond the response or evacuation target');
  Object.keys(RESPONDER_COLORS).forEach(function (t) {
    row(swatchDot(RESPONDER_COLORS[t], RESPONDER_COLORS[t], RESPONDER_LETTER[t]), 'responder: ' + t);
  });
  data.serviceAreas.forEach(function (a) {
    row(swatchLine(responderColor(a.type), 6, false), 'service area ' + a.type + ': roads reached within ' + fmtDuration(a.targetS) + ' (turnout + free-flow travel)');
  });
  row(swatchDot('#c0392b', '#c0392b', '+'), 'trauma hospital');
  row(swatchDot('#1b7837', '#1b7837', 'S'), 'safe haven');
  row(swatchDot('#ffffff', '#111111'), 'place of the scenario');
  head('Units: times in min:ss (clock hh:mm:ss), distances in km, exposure in weighted seconds.');
}
