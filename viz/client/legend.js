/* The legend (always in view at the top of the side panel: movements with their colour and their options'
   line styles, which double as the route switches, exposure classes, symbols) and the other layer
   switches below it. Every checkbox of a layer key follows the layer, wherever it was switched. */

var layerBoxes = {};

function layerBox(view, key, label) {
  var l = view.layers[key];
  var box = el('input', { type: 'checkbox', 'data-layer': key, id: 'toggle-' + key.replace(/[^a-zA-Z0-9_-]/g, '_'), 'aria-label': label || (l && l.label) || key });
  box.checked = !!(l && l.on);
  box.addEventListener('change', function () { view.setLayer(key, box.checked); });
  (layerBoxes[key] = layerBoxes[key] || []).push(box);
  return box;
}

function buildToggles(view, container) {
  var groups = {};
  Object.keys(view.layers).forEach(function (key) {
    var l = view.layers[key];
    if (l.group === 'Routes' || key === 'exposure') return; // in the legend
    (groups[l.group] = groups[l.group] || []).push(l);
  });
  Object.keys(groups).forEach(function (g) {
    var fs = el('fieldset', { className: 'toggle-group' }, [el('legend', { text: g })]);
    groups[g].forEach(function (l) {
      fs.appendChild(el('label', { className: 'toggle' }, [layerBox(view, l.key), ' ' + l.label]));
    });
    container.appendChild(fs);
  });
}

function swatchLine(color, weight, dash, casing) {
  var s = svgEl('svg', { width: 34, height: 12, 'aria-hidden': 'true', 'class': 'swatch' });
  if (casing) s.appendChild(svgEl('line', { x1: 2, y1: 6, x2: 32, y2: 6, stroke: '#fff', 'stroke-width': weight + 3, 'stroke-linecap': 'round' }));
  var line = svgEl('line', { x1: 2, y1: 6, x2: 32, y2: 6, stroke: color, 'stroke-width': weight, 'stroke-linecap': dash ? 'butt' : 'round' });
  if (dash) line.setAttribute('stroke-dasharray', dash);
  s.appendChild(line);
  return s;
}

function swatchBox(fill, stroke) {
  var s = svgEl('svg', { width: 22, height: 14, 'aria-hidden': 'true', 'class': 'swatch' });
  s.appendChild(svgEl('rect', { x: 2, y: 1, width: 18, height: 12, fill: fill, stroke: stroke || 'none', 'stroke-width': 1.5 }));
  return s;
}

function swatchDot(fill, stroke, letter) {
  return el('span', { className: 'legend-dot', style: 'background:' + fill + ';border-color:' + (stroke || fill) }, letter ? [letter] : []);
}

/** Movement rows: hue, id, from → to, and per option a switch showing its line style. */
function legendMovements(data, view, container) {
  var list = el('div', { className: 'legend-movements' });
  data.movements.forEach(function (m, mi) {
    var keys = m.options.filter(function (o) { return view.layers['route:' + m.id + ':' + o.id]; }).map(function (o) { return 'route:' + m.id + ':' + o.id; });
    var all = el('input', { type: 'checkbox', className: 'movement-toggle', 'data-movement': m.id, 'aria-label': 'all routes of ' + m.id });
    var sync = function () { all.checked = keys.some(function (k) { return view.layers[k].on; }); };
    sync();
    view.onLayerChange(function (key) { if (keys.indexOf(key) >= 0) sync(); });
    all.addEventListener('change', function () { keys.forEach(function (k) { view.setLayer(k, all.checked); }); });
    var chips = el('span', { className: 'option-chips' });
    m.options.forEach(function (o, oi) {
      var key = 'route:' + m.id + ':' + o.id;
      if (!view.layers[key]) {
        chips.appendChild(el('span', { className: 'opt-chip no-route', title: 'option ' + o.id + ': no route (' + (o.reason || 'unreachable') + ')', text: o.id + ' ✕' }));
        return;
      }
      chips.appendChild(el('label', { className: 'opt-chip' + (o.recommended ? ' recommended' : ''), title: 'option ' + o.id + ' (' + o.label + ', ' + optionDashName(oi) + ')' + (o.recommended ? ', recommended' : '') }, [
        layerBox(view, key, 'route ' + m.id + ' option ' + o.id), swatchLine(movementColor(mi), o.recommended ? 4 : 3, optionDash(oi), o.recommended), o.id + (o.recommended ? ' ★' : '')
      ]));
    });
    list.appendChild(el('div', { className: 'legend-movement', 'data-movement': m.id, 'data-color': movementColor(mi), title: m.id + ': ' + m.label }, [
      el('div', { className: 'movement-line' }, [all, el('span', { className: 'movement-hue', style: 'background:' + movementColor(mi) }), el('b', { text: m.id }), chips]),
      el('div', { className: 'movement-label', text: m.label })
    ]));
  });
  container.appendChild(list);
  var show = el('button', { type: 'button', className: 'routes-all', text: 'all routes' });
  show.addEventListener('click', function () {
    Object.keys(view.layers).forEach(function (k) { if (k.indexOf('route:') === 0) view.setLayer(k, true); });
  });
  container.appendChild(el('div', { className: 'legend-note' }, ['Colour = movement; line style = option (1st solid, 2nd dashed, 3rd dotted, 4th dash-dot); wide with a white edge = recommended ★. ', show]));
}

function buildLegend(data, view, container) {
  function head(text, extra) {
    container.appendChild(el('div', { className: 'legend-head' }, [text].concat(extra || [])));
  }
  function grid(items) {
    container.appendChild(el('div', { className: 'legend-grid' }, items.map(function (it) {
      return el('div', { className: 'legend-row' }, [it[0], el('span', { text: it[1] })]);
    })));
  }
  head('Movements and route options');
  legendMovements(data, view, container);

  var s = view.scale;
  head('', [el('label', { className: 'toggle-inline' }, [layerBox(view, 'exposure', 'exposure along the routes'), ' Exposure along the routes']), el('span', { className: 'unit', text: ' (exposure-s per km)' })]);
  var bounds = [0].concat(s.breaks);
  container.appendChild(el('div', { className: 'exposure-classes' }, bounds.map(function (lo, i) {
    var hi = i + 1 < bounds.length ? bounds[i + 1] : null;
    var text = hi === null ? '≥ ' + fmtNum(lo) : fmtNum(lo) + '–' + fmtNum(hi);
    return el('span', { className: 'exposure-class', 'data-from': String(lo) }, [el('span', { className: 'exposure-chip', style: 'background:' + s.color(lo) }), text]);
  })));

  head('Symbols');
  var items = [
    [swatchBox('rgba(214,96,77,0.35)', '#b2182b'), 'threat zone'],
    [swatchDot('#ef6548', '#7f0000'), 'exposure hotspot'],
    [el('span', { className: 'legend-choke', text: 'n' }), 'chokepoint n (key under its tables)'],
    [swatchDot('#ffffff', '#222222'), 'critical edge'],
    [swatchDot('#e08214', '#e08214', '!'), 'coverage gap'],
    [swatchDot('#c0392b', '#c0392b', '+'), 'trauma hospital'],
    [swatchDot('#1b7837', '#1b7837', 'S'), 'safe haven'],
    [swatchDot('#ffffff', '#111111'), 'scenario place'],
    [swatchDot('#ffeb3b', '#000000'), 'playback convoy']
  ];
  var types = {};
  data.responders.forEach(function (r) { types[r.type] = true; });
  Object.keys(types).sort().forEach(function (t) { items.push([swatchDot(responderColor(t), responderColor(t), RESPONDER_LETTER[t] || '?'), 'responder: ' + t]); });
  data.serviceAreas.forEach(function (a) { items.push([swatchBox(hexAlpha(responderColor(a.type), 0.12), responderColor(a.type)), a.type + ' reach ≤ ' + fmtMin(a.targetS)]); });
  grid(items);
  container.appendChild(el('div', { className: 'legend-note', text: 'Chokepoints: one numbered diamond per place, larger when more routes pass it; "n+" = nearby ones merged at this zoom (hover to list them, zoom in to separate them).' }));
  container.appendChild(el('div', { className: 'legend-units', text: 'Durations in minutes (clock times hh:mm), distances in km, exposure in weighted seconds.' }));
}

/** '#rrggbb' + alpha → 'rgba(…)'. */
function hexAlpha(hex, a) {
  var n = parseInt(hex.slice(1), 16);
  return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
}

/** Keep every checkbox of a key in step with the layer. */
function syncLayerBoxes(view) {
  view.onLayerChange(function (key, on) { (layerBoxes[key] || []).forEach(function (b) { b.checked = on; }); });
}
