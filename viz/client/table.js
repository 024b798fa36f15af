/* The comparison table per movement: one row per option, the recommended one highlighted, and the run's
   plain-language verdict above it. Every numeric cell carries the run's raw value in data-value (seconds,
   shares 0..1, exposure-seconds) next to its formatted text, so the numbers can be checked against
   `motorcade run --json` exactly. */

var RESPONDER_ORDER = ['police', 'qrf', 'ambulance', 'eod'];
var EVAC_ORDER = ['hospital', 'safe_haven'];
var COMPONENT_SHORT = { threat: 'threat', slow: 'slow', stopped: 'stopped', chokepoint: 'choke', crowd: 'crowd', predictability: 'predict.' };

function cell(key, value, text, title) {
  var td = el('td', { 'data-key': key, 'data-value': value === null || value === undefined ? 'null' : String(value), title: title || null, text: text });
  td.className = 'num';
  return td;
}

function unionOf(options, pick, order) {
  var seen = {};
  options.forEach(function (o) { pick(o).forEach(function (x) { seen[x] = true; }); });
  var known = order.filter(function (t) { return seen[t]; });
  Object.keys(seen).sort().forEach(function (t) { if (known.indexOf(t) < 0) known.push(t); });
  return known;
}

function buildTable(m) {
  var rTypes = unionOf(m.options, function (o) { return o.response.map(function (r) { return r.type; }); }, RESPONDER_ORDER);
  var eKinds = unionOf(m.options, function (o) { return o.evacuation.map(function (v) { return v.to; }); }, EVAC_ORDER);
  var comps = m.options.length > 0 ? m.options[0].exposure.components.map(function (c) { return c.name; }) : [];

  var table = el('table', { className: 'comparison', 'data-movement': m.id });
  var h1 = el('tr');
  var h2 = el('tr');
  function group(text, span) { h1.appendChild(el('th', { colspan: span, scope: 'colgroup', text: text })); }
  function sub(text, title) { h2.appendChild(el('th', { scope: 'col', text: text, title: title || null })); }
  group('Option', 2); sub('option'); sub('route');
  group('Travel time (min:ss)', 2); sub('p50'); sub('p95');
  group('Exposure (exposure-s)', 2); sub('p50'); sub('p95');
  group('Exposure components, p50', comps.length);
  comps.forEach(function (c) { sub(COMPONENT_SHORT[c] || c, 'component ' + c + ', weighted, median over samples (hover a value for its p95)'); });
  if (rTypes.length > 0) { group('Response p95 (min:ss)', rTypes.length); rTypes.forEach(function (t) { sub(t); }); }
  group('Coverage', 1); sub('in target', 'share of the route within the response target of every responder type (minimum over types)');
  if (eKinds.length > 0) { group('Evacuation p95 (min:ss) / in target', 2 * eKinds.length); eKinds.forEach(function (k) { sub(k.replace('_', ' ')); sub('in target'); }); }
  group('Robustness', 2); sub('worst closure', 'extra time if the worst critical edge is closed on arrival'); sub('no detour', 'critical edges with no way round');
  group('Samples', 2); sub('arrived'); sub('rerouted');
  var thead = el('thead', null, [h1, h2]);
  table.appendChild(thead);

  var tbody = el('tbody');
  m.options.forEach(function (o) {
    var tr = el('tr', { 'data-option': o.id, className: o.recommended ? 'recommended' : null });
    tr.appendChild(el('th', { scope: 'row', className: 'opt' }, [o.id + (o.recommended ? ' ★' : ''), el('br'), el('small', { text: o.label + ' · ' + o.kind })]));
    if (!o.found) {
      tr.appendChild(el('td', { colspan: 100, className: 'no-route', text: 'no route: ' + (o.reason || 'unreachable') }));
      tbody.appendChild(tr);
      return;
    }
    tr.appendChild(el('td', { className: 'route', 'data-key': 'lengthM', 'data-value': String(o.lengthM) }, [fmtKm(o.lengthM), el('br'), el('small', { text: 'free flow ' + fmtDuration(o.freeFlowS) })]));
    tr.appendChild(cell('timeS.p50', o.timeS.p50, fmtDuration(o.timeS.p50)));
    tr.appendChild(cell('timeS.p95', o.timeS.p95, fmtDuration(o.timeS.p95)));
    tr.appendChild(cell('exposure.total.p50', o.exposure.total.p50, fmtExp(o.exposure.total.p50)));
    tr.appendChild(cell('exposure.total.p95', o.exposure.total.p95, fmtExp(o.exposure.total.p95)));
    o.exposure.components.forEach(function (c) {
      tr.appendChild(cell('exposure.components.' + c.name + '.p50', c.p50, fmtExp(c.p50), 'p95 ' + fmtExp(c.p95)));
    });
    rTypes.forEach(function (t) {
      var r = o.response.filter(function (x) { return x.type === t; })[0];
      tr.appendChild(r ? cell('response.' + t + '.p95S', r.p95S, fmtDuration(r.p95S), 'p50 ' + fmtDuration(r.p50S) + ', max ' + fmtDuration(r.maxS) + ', target ' + fmtDuration(r.targetS) + ', ' + fmtPct(r.shareWithinTarget) + ' of the route within target, ' + r.units + ' unit(s)') : cell('response.' + t + '.p95S', null, '—'));
    });
    tr.appendChild(cell('coverage', o.coverage, fmtPct(o.coverage)));
    eKinds.forEach(function (k) {
      var v = o.evacuation.filter(function (x) { return x.to === k; })[0];
      tr.appendChild(v ? cell('evacuation.' + k + '.p95S', v.p95S, fmtDuration(v.p95S), 'p50 ' + fmtDuration(v.p50S) + ', max ' + fmtDuration(v.maxS) + ', target ' + fmtDuration(v.targetS)) : cell('evacuation.' + k + '.p95S', null, '—'));
      tr.appendChild(v ? cell('evacuation.' + k + '.share', v.shareWithinTarget, fmtPct(v.shareWithinTarget)) : cell('evacuation.' + k + '.share', null, '—'));
    });
    var rb = o.robustness;
    tr.appendChild(cell('robustness.worstExtraS', rb.worstExtraS, rb.worstExtraS === null ? (rb.criticalEdges > 0 ? 'no detour' : '—') : '+' + fmtDuration(rb.worstExtraS), rb.criticalEdges + ' critical edge(s)'));
    tr.appendChild(cell('robustness.noDetour', rb.noDetour, String(rb.noDetour)));
    tr.appendChild(cell('arrivedShare', o.arrivedShare, fmtPct(o.arrivedShare)));
    tr.appendChild(cell('reroutedShare', o.reroutedShare, fmtPct(o.reroutedShare)));
    tbody.appendChild(tr);
  });
  table.appendChild(tbody);
  return table;
}

function buildMovementSection(m, onShow, onOnly) {
  var sec = el('section', { className: 'movement', id: 'movement-' + m.id, 'data-movement': m.id });
  var show = el('button', { type: 'button', className: 'show-on-map', text: 'show on map' });
  show.addEventListener('click', function () { onShow(m.id); });
  var only = el('button', { type: 'button', className: 'show-on-map only-movement', text: 'only this movement' });
  only.addEventListener('click', function () { onOnly(m.id); });
  sec.appendChild(el('h2', null, [m.id + ': ' + m.label, show, only]));
  sec.appendChild(el('p', { className: 'movement-meta', text: m.delegation + ' · departs ' + fmtClock(m.departS).slice(0, 5) + ' · ' + m.options.length + ' option(s)' + (m.recommendedOptionId ? ' · recommended: ' + m.recommendedOptionId : ' · no option found a route') }));
  sec.appendChild(el('p', { className: 'verdict', text: m.verdict }));
  var wrap = el('div', { className: 'table-wrap' }, [buildTable(m)]);
  sec.appendChild(wrap);
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
    sec.appendChild(t);
  }
  if (data.responders.length > 0) {
    sec.appendChild(el('h2', { text: 'Responders' }));
    var r = el('table', { className: 'context-table responders' }, [
      el('thead', null, [el('tr', null, ['type', 'post', 'units', 'turnout', 'target (service area)'].map(function (h) { return el('th', { text: h }); }))])
    ]);
    var rb = el('tbody');
    data.responders.forEach(function (x) {
      var area = data.serviceAreas.filter(function (a) { return a.type === x.type; })[0];
      rb.appendChild(el('tr', null, [
        el('td', { text: x.type }), el('td', { text: x.name }), el('td', { className: 'num', text: String(x.count) }),
        el('td', { className: 'num', text: fmtDuration(x.turnoutS) }), el('td', { className: 'num', text: area ? fmtDuration(area.targetS) : '—' })
      ]));
    });
    r.appendChild(rb);
    sec.appendChild(r);
  }
  return sec;
}
