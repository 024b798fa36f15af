/* The comparison table per movement: one row per option, the recommended one highlighted, and the run's
   plain-language verdict above it. Every numeric cell carries the run's raw value in data-value (seconds,
   shares 0..1, exposure-seconds) next to its formatted text, so the numbers can be checked against
   `motorcade run --json` exactly. */

var RESPONDER_ORDER = ['police', 'qrf', 'ambulance', 'eod'];
var EVAC_ORDER = ['hospital', 'safe_haven'];
var COMPONENT_SHORT = { threat: 'threat', slow: 'slow', stopped: 'stopped', chokepoint: 'choke', crowd: 'crowd', predictability: 'predict.' };
var COMPONENT_COLORS = { threat: '#b2182b', slow: '#fdae61', stopped: '#f46d43', chokepoint: '#5e3c99', crowd: '#e08214', predictability: '#9e9e9e' };

function cell(key, value, text, title) {
  var td = el('td', { 'data-key': key, 'data-value': value === null || value === undefined ? 'null' : String(value), title: title || null, text: text });
  td.className = 'num';
  return td;
}

/** A value inside a cell that holds two (evacuation time and its share in target). */
function part(tag, key, value, text) {
  return el(tag, { 'data-key': key, 'data-value': value === null || value === undefined ? 'null' : String(value), text: text });
}

function unionOf(options, pick, order) {
  var seen = {};
  options.forEach(function (o) { pick(o).forEach(function (x) { seen[x] = true; }); });
  var known = order.filter(function (t) { return seen[t]; });
  Object.keys(seen).sort().forEach(function (t) { if (known.indexOf(t) < 0) known.push(t); });
  return known;
}

/** The exposure components (median over samples) as one stacked bar; every segment carries its value. */
function exposureMix(o) {
  var total = o.exposure.components.reduce(function (a, c) { return a + Math.max(0, c.p50); }, 0);
  var W = 84, H = 12, x = 0;
  var svg = svgEl('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'class': 'mix' });
  var parts = [];
  o.exposure.components.forEach(function (c) {
    var w = total > 0 ? (W * Math.max(0, c.p50)) / total : 0;
    var r = svgEl('rect', { x: x, y: 0, width: w, height: H, fill: COMPONENT_COLORS[c.name] || '#777', 'data-key': 'exposure.components.' + c.name + '.p50', 'data-value': String(c.p50) });
    svg.appendChild(r);
    x += w;
    parts.push((COMPONENT_SHORT[c.name] || c.name) + ' ' + fmtExp(c.p50) + ' (p95 ' + fmtExp(c.p95) + ')');
  });
  if (total <= 0) svg.appendChild(svgEl('rect', { x: 0, y: 0, width: W, height: H, fill: 'none', stroke: '#bbb' }));
  var tip = svgEl('title', {});
  tip.textContent = 'Exposure components, median over samples (exposure-s): ' + parts.join(', ');
  svg.appendChild(tip);
  svg.setAttribute('aria-label', tip.textContent);
  var td = el('td', { className: 'mix-cell', title: tip.textContent }, [svg]);
  return td;
}

/**
 * The comparison table, key columns first: time, exposure, arrival, then route, coverage, response,
 * evacuation and closures. Durations are decimal minutes (fmtMin), as in the verdict, the charts and the terminal.
 */
function buildTable(m) {
  var rTypes = unionOf(m.options, function (o) { return o.response.map(function (r) { return r.type; }); }, RESPONDER_ORDER);
  var eKinds = unionOf(m.options, function (o) { return o.evacuation.map(function (v) { return v.to; }); }, EVAC_ORDER);

  var table = el('table', { className: 'comparison', 'data-movement': m.id });
  var h1 = el('tr');
  var h2 = el('tr');
  function group(text, span, title) { h1.appendChild(el('th', { colspan: span, scope: 'colgroup', text: text, title: title || null })); }
  function sub(text, title) { h2.appendChild(el('th', { scope: 'col', text: text, title: title || null })); }
  group('Option', 1); sub('');
  group('Time (min)', 2); sub('p50'); sub('p95');
  group('Exposure (exp-s)', 3); sub('p50'); sub('p95'); sub('mix', 'exposure components, median over samples (hover for the numbers)');
  group('Samples', 2); sub('arrived', 'share of samples that arrived'); sub('rerouted');
  group('Route', 2); sub('km'); sub('free flow', 'travel time with no traffic, no stops (min)');
  group('Cover', 1, 'share of the route within the response target of every responder type that has units (the lowest over those types)'); sub('in target');
  if (rTypes.length > 0) { group('Response p95 (min)', rTypes.length); rTypes.forEach(function (t) { sub(t); }); }
  if (eKinds.length > 0) { group('Evacuation p95 (min) · in target', eKinds.length); eKinds.forEach(function (k) { sub(k.replace('_', ' ')); }); }
  group('Closure', 2, 'crossings and corridors (both spans of a bridge, both carriageways) closed when the motorcade reaches them'); sub('worst (min)', 'extra time of the worst closure, minutes (up to two crossings together)'); sub('no detour', 'closures with no way round');
  table.appendChild(el('thead', null, [h1, h2]));

  var tbody = el('tbody');
  m.options.forEach(function (o) {
    var tr = el('tr', { 'data-option': o.id, className: o.recommended ? 'recommended' : null });
    tr.appendChild(el('th', { scope: 'row', className: 'opt' }, [o.id + (o.recommended ? ' ★' : ''), el('br'), el('small', { text: o.label + ' · ' + o.kind })]));
    if (!o.found) {
      tr.appendChild(el('td', { colspan: 100, className: 'no-route', text: 'no route: ' + (o.reason || 'unreachable') }));
      tbody.appendChild(tr);
      return;
    }
    if (o.didNotArrive) {
      tr.appendChild(el('td', { colspan: 100, className: 'no-route', text: 'did not arrive: ' + o.didNotArrive }));
      tbody.appendChild(tr);
      return;
    }
    tr.appendChild(cell('timeS.p50', o.timeS.p50, fmtMin(o.timeS.p50, true)));
    tr.appendChild(cell('timeS.p95', o.timeS.p95, fmtMin(o.timeS.p95, true)));
    tr.appendChild(cell('exposure.total.p50', o.exposure.total.p50, fmtExp(o.exposure.total.p50)));
    tr.appendChild(cell('exposure.total.p95', o.exposure.total.p95, fmtExp(o.exposure.total.p95)));
    tr.appendChild(exposureMix(o));
    var arrived = cell('arrivedShare', o.arrivedShare, fmtPct(o.arrivedShare));
    if (o.arrivedShare < 1) arrived.className += ' warn';
    tr.appendChild(arrived);
    tr.appendChild(cell('reroutedShare', o.reroutedShare, fmtPct(o.reroutedShare)));
    tr.appendChild(cell('lengthM', o.lengthM, (o.lengthM / 1000).toFixed(1)));
    tr.appendChild(cell('freeFlowS', o.freeFlowS, fmtMin(o.freeFlowS, true)));
    tr.appendChild(cell('coverage', o.coverage, fmtPct(o.coverage)));
    rTypes.forEach(function (t) {
      var r = o.response.filter(function (x) { return x.type === t; })[0];
      tr.appendChild(r ? cell('response.' + t + '.p95S', r.p95S, r.p95S === null ? 'none' : fmtMin(r.p95S, true), 'p50 ' + fmtMin(r.p50S) + ', max ' + fmtMin(r.maxS) + ', target ' + fmtMin(r.targetS) + ', ' + fmtPct(r.shareWithinTarget) + ' of the route within target, ' + r.units + ' unit(s)') : cell('response.' + t + '.p95S', null, '—'));
    });
    eKinds.forEach(function (k) {
      var v = o.evacuation.filter(function (x) { return x.to === k; })[0];
      if (!v) { tr.appendChild(cell('evacuation.' + k + '.p95S', null, '—')); return; }
      var td = el('td', { className: 'num', title: 'p50 ' + fmtMin(v.p50S) + ', max ' + fmtMin(v.maxS) + ', target ' + fmtMin(v.targetS) }, [
        part('span', 'evacuation.' + k + '.p95S', v.p95S, v.p95S === null ? 'none' : fmtMin(v.p95S, true)), ' ', part('small', 'evacuation.' + k + '.share', v.shareWithinTarget, fmtPct(v.shareWithinTarget))
      ]);
      tr.appendChild(td);
    });
    var rb = o.robustness;
    tr.appendChild(cell('robustness.worstExtraS', rb.worstExtraS, rb.worstCannotArrive ? 'cannot arrive' : rb.worstExtraS === null ? '—' : fmtMin(rb.worstExtraS, true, true), (rb.worstCannotArrive ? 'cannot arrive if closed; ' : '') + rb.criticalEdges + ' closure(s) tried'));
    tr.appendChild(cell('robustness.noDetour', rb.noDetour, String(rb.noDetour)));
    tbody.appendChild(tr);
  });
  table.appendChild(tbody);
  return table;
}

function mixKey() {
  return el('p', { className: 'mix-key' }, ['Exposure mix: '].concat(Object.keys(COMPONENT_SHORT).map(function (c) {
    return el('span', null, [el('span', { className: 'exposure-chip', style: 'background:' + COMPONENT_COLORS[c] }), COMPONENT_SHORT[c] + ' ']);
  })));
}

function buildMovementSection(m, mi, onShow, onOnly) {
  var sec = el('section', { className: 'movement', id: 'movement-' + m.id, 'data-movement': m.id });
  var show = el('button', { type: 'button', className: 'show-on-map', text: 'show on map' });
  show.addEventListener('click', function () { onShow(m.id); });
  var only = el('button', { type: 'button', className: 'show-on-map only-movement', text: 'only this movement' });
  only.addEventListener('click', function () { onOnly(m.id); });
  sec.appendChild(el('h2', null, [el('span', { className: 'movement-hue', style: 'background:' + movementColor(mi) }), m.id + ': ' + m.label, el('span', { className: 'heading-buttons' }, [show, only])]));
  sec.appendChild(el('p', { className: 'movement-meta', text: m.delegation + ' · departs ' + fmtClock(m.departS).slice(0, 5) + ' · ' + m.options.length + ' option(s)' + (m.recommendedOptionId ? ' · recommended: ' + m.recommendedOptionId : ' · no option found a route') }));
  sec.appendChild(el('p', { className: 'verdict', text: m.verdict }));
  // Filled when the page is printed (print-maps.js): this movement's routes, fitted to the page.
  sec.appendChild(el('div', { className: 'print-row' }, [el('figure', { className: 'print-map', 'data-movement': m.id }), el('div', { className: 'print-side' })]));
  var wrap = el('div', { className: 'table-wrap' }, [buildTable(m)]);
  sec.appendChild(wrap);
  sec.appendChild(mixKey());
  return sec;
}

/** Threat zones and responders in words, for the briefing pack (the map shows them, print needs text). */
function buildContextSection(data) {
  var sec = el('section', { className: 'context', id: 'context' });
  if (data.threats.length > 0) {
    sec.appendChild(el('h2', { text: 'Threat zones' }));
    var t = el('table', { className: 'context-table threats' }, [
      el('thead', null, [el('tr', null, ['zone', 'kind', 'intensity', 'active', 'area'].map(function (h) { return el('th', { text: h }); }))])
    ]);
    var tb = el('tbody');
    data.threats.forEach(function (z) {
      tb.appendChild(el('tr', { 'data-threat': z.id }, [
        el('td', { text: z.name }), el('td', { text: z.kind }), el('td', { className: 'num', text: String(z.intensity) }),
        el('td', { text: windowsText(z.windows) }),
        el('td', { text: z.circle ? 'circle, radius ' + Math.round(z.circle.radiusM) + ' m' : 'polygon' })
      ]));
    });
    t.appendChild(tb);
    sec.appendChild(el('div', { className: 'context-scroll' }, [t]));
  }
  if (data.responders.length > 0) {
    sec.appendChild(el('h2', { text: 'Responders' }));
    var r = el('table', { className: 'context-table responders' }, [
      el('thead', null, [el('tr', null, ['type', 'post', 'units', 'turnout (min)', 'target, min (service area)'].map(function (h) { return el('th', { text: h }); }))])
    ]);
    var rb = el('tbody');
    data.responders.forEach(function (x) {
      var area = data.serviceAreas.filter(function (a) { return a.type === x.type; })[0];
      rb.appendChild(el('tr', null, [
        el('td', { text: x.type }), el('td', { text: x.name }), el('td', { className: 'num', text: String(x.count) }),
        el('td', { className: 'num', text: fmtMin(x.turnoutS, true) }), el('td', { className: 'num', text: area ? fmtMin(area.targetS, true) : '—' })
      ]));
    });
    r.appendChild(rb);
    sec.appendChild(el('div', { className: 'context-scroll' }, [r]));
  }
  return sec;
}
