/* The exercise console page (served by `motorcade exercise`): plain browser JavaScript, no build step.
 * It draws the map once, then follows the server's state stream (server-sent events, ~4 per second) and
 * sends the trainer's and players' actions as JSON. Every request carries the session token. */
(function () {
  'use strict';
  var TOKEN = document.body.getAttribute('data-token');
  var COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
  var QUANT = 1e5;
  var map, plan, state = null, tool = null, areaPoints = [], areaLine = null;
  var layers = { movements: {}, ahead: {}, behind: {}, preview: null, closures: null, threats: null, responders: null };
  /* The basemap is drawn on a canvas (thousands of lines); what changes is SVG, so tests and screen
     readers can find each convoy, route and closure by its class. */
  var live = null, fitted = false;

  function url(p) { return p + (p.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(TOKEN); }
  function api(p, body) {
    return fetch(url(p), body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || ('HTTP ' + r.status)); return j; }); });
  }
  function say(text, bad) {
    var m = document.getElementById('message');
    m.textContent = text;
    m.className = bad ? 'bad' : 'ok';
  }
  function fail(err) { say(err.message, true); }
  function clock(s) {
    if (s === null || s === undefined) return '—';
    var m = Math.floor(s / 60);
    return pad(Math.floor(m / 60) % 24) + ':' + pad(m % 60) + ':' + pad(Math.floor(s % 60));
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function minutes(s) { return (s >= 0 ? '+' : '−') + (Math.abs(s) / 60).toFixed(1) + ' min'; }
  function decode(enc) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i + 1 < enc.length; i += 2) { x += enc[i]; y += enc[i + 1]; out.push([y / QUANT, x / QUANT]); }
    return out;
  }
  function ll(p) { return [p[1], p[0]]; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function drawBasemap(b) {
    map = L.map('map', { preferCanvas: true, zoomSnap: 0.25 });
    live = L.svg({ padding: 0.5 });
    var styles = { motorway: { color: '#c77d2e', weight: 3 }, major: { color: '#9aa3ad', weight: 2.2 }, link: { color: '#b7bec6', weight: 1.4 }, minor: { color: '#d4d9de', weight: 1 }, other: { color: '#e1e5e9', weight: 0.8 } };
    b.water.forEach(function (poly) { L.polygon(poly.map(decode), { stroke: false, fillColor: '#b9d3ea', fillOpacity: 0.9, interactive: false }).addTo(map); });
    var bounds = null;
    b.roads.forEach(function (group) {
      var lines = group.lines.map(decode);
      var pl = L.polyline(lines, Object.assign({ interactive: false }, styles[group.style] || styles.other)).addTo(map);
      bounds = bounds ? bounds.extend(pl.getBounds()) : pl.getBounds();
    });
    b.places.forEach(function (p) {
      L.circleMarker([p.lat, p.lon], { radius: 3, color: '#334', weight: 1, fillOpacity: 0.8, interactive: false }).addTo(map)
        .bindTooltip(p.label, { permanent: ['venue', 'hotel', 'staging_area', 'safe_haven', 'bridge', 'airport'].indexOf(p.kind) >= 0, direction: 'right', className: 'place-label' });
    });
    map.fitBounds(bounds || [[11.5, 104.85], [11.65, 104.98]]);
    layers.closures = L.layerGroup().addTo(map);
    layers.threats = L.layerGroup().addTo(map);
    layers.responders = L.layerGroup().addTo(map);
    map.on('click', onMapClick);
  }

  function buildPanels() {
    var box = document.getElementById('movements');
    box.innerHTML = '<h2>Movements</h2>';
    plan.movements.forEach(function (m, i) {
      var card = el('article', { class: 'movement', id: 'mv-' + m.id, 'data-movement': m.id });
      card.style.borderLeftColor = COLOURS[i % COLOURS.length];
      card.appendChild(el('h3', {}, m.id + ' — ' + m.from + ' → ' + m.to));
      var facts = el('dl', { class: 'facts' });
      [['status', 'status'], ['speed', 'speed'], ['arrival', 'predicted arrival'], ['exposure', 'exposure'], ['coverage', 'coverage ahead']].forEach(function (f) {
        facts.appendChild(el('dt', {}, f[1]));
        facts.appendChild(el('dd', { 'data-field': f[0] }, '…'));
      });
      card.appendChild(facts);
      card.appendChild(el('ul', { class: 'alerts', 'data-field': 'alerts' }));
      var form = el('div', { class: 'decide' });
      var kind = el('select', { 'data-role': 'kind', 'aria-label': 'decision' });
      [['continue', 'continue'], ['switch', 'switch option'], ['reroute-fastest', 'reroute (fastest)'], ['reroute-safest', 'reroute (least exposed)'], ['hold', 'hold here'], ['release', 'release hold'], ['divert', 'divert to…'], ['return', 'return to start']].forEach(function (o) { kind.appendChild(el('option', { value: o[0] }, o[1])); });
      var option = el('select', { 'data-role': 'option', 'aria-label': 'option' });
      m.options.forEach(function (o) { option.appendChild(el('option', { value: o }, o)); });
      var place = el('select', { 'data-role': 'place', 'aria-label': 'divert place' });
      plan.divertPlaces.forEach(function (p) { place.appendChild(el('option', { value: p.id }, p.label)); });
      var hold = el('input', { 'data-role': 'hold', type: 'number', min: '0', max: '600', value: '0', title: 'minutes (0 = until released)', 'aria-label': 'hold minutes' });
      var previewBtn = el('button', { type: 'button', 'data-role': 'preview' }, 'Preview');
      var confirmBtn = el('button', { type: 'button', 'data-role': 'confirm' }, 'Confirm');
      [kind, option, place, hold, previewBtn, confirmBtn].forEach(function (x) { form.appendChild(x); });
      card.appendChild(form);
      card.appendChild(el('p', { class: 'preview', 'data-field': 'preview' }));
      previewBtn.addEventListener('click', function () { decide(m.id, card, true); });
      confirmBtn.addEventListener('click', function () { decide(m.id, card, false); });
      box.appendChild(card);
    });
    var mt = document.getElementById('move-threat');
    var rs = document.getElementById('responder');
    var bm = document.getElementById('breakdown-movement');
    plan.responders.forEach(function (r) { rs.appendChild(el('option', { value: r.id }, r.id + ' (' + r.type + ')')); });
    plan.movements.forEach(function (m) { bm.appendChild(el('option', { value: m.id }, m.id)); });
    plan.threats.forEach(function (t) { mt.appendChild(el('option', { value: t }, t)); });
  }

  function decisionOf(card) {
    var kind = card.querySelector('[data-role=kind]').value;
    if (kind === 'switch') return { kind: 'switch', optionId: card.querySelector('[data-role=option]').value };
    if (kind === 'reroute-fastest') return { kind: 'reroute', by: 'fastest' };
    if (kind === 'reroute-safest') return { kind: 'reroute', by: 'safest' };
    if (kind === 'hold') { var mins = Number(card.querySelector('[data-role=hold]').value) || 0; return { kind: 'hold', durationS: mins > 0 ? mins * 60 : null }; }
    if (kind === 'divert') return { kind: 'divert', placeId: card.querySelector('[data-role=place]').value };
    return { kind: kind };
  }

  function decide(movementId, card, preview) {
    var out = card.querySelector('[data-field=preview]');
    api('/api/decision', { movementId: movementId, decision: decisionOf(card), preview: preview })
      .then(function (r) {
        if (preview) {
          var p = r.preview;
          out.textContent = 'If confirmed: arrival ' + clock(p.predictedArrivalS) + (p.predictedArrivalS === null ? ' (does not arrive)' : '') + ', exposure ' + p.predictedExposure.toFixed(0) + ' (' + r.ms + ' ms)';
          if (layers.preview) map.removeLayer(layers.preview);
          layers.preview = L.polyline(p.ahead.map(ll), { color: '#111', weight: 3, dashArray: '6 6', className: 'preview-route', renderer: live }).addTo(map);
        } else {
          out.textContent = 'Decision #' + r.seq + ' confirmed.';
          if (layers.preview) { map.removeLayer(layers.preview); layers.preview = null; }
          say('Decision recorded for ' + movementId);
        }
      })
      .catch(function (e) { out.textContent = e.message; fail(e); });
  }

  function onMapClick(ev) {
    var lon = ev.latlng.lng, lat = ev.latlng.lat;
    if (tool === 'close_road') {
      api('/api/snap', { lon: lon, lat: lat }).then(function (s) {
        return api('/api/inject', { action: { type: 'close_edges', edges: s.edges, label: 'road at ' + lat.toFixed(4) + ', ' + lon.toFixed(4) }, note: 'closed from the console' });
      }).then(function (r) { say('Road closed (' + r.id + ')'); }).catch(fail);
      tool = null;
    } else if (tool === 'close_area') {
      areaPoints.push([lon, lat]);
      if (areaLine) map.removeLayer(areaLine);
      areaLine = L.polygon(areaPoints.map(ll), { color: '#a4161a', dashArray: '4 4' }).addTo(map);
    } else if (tool === 'add_threat') {
      var id = 'threat-' + Date.now().toString(36);
      api('/api/inject', { action: { type: 'add_threat', threatId: id, kind: 'protest', lon: lon, lat: lat, radiusM: 300, intensity: 0.6 }, note: 'dropped from the console' })
        .then(function (r) { say('Threat ' + id + ' added (' + r.id + ')'); var o = el('option', { value: id }, id); document.getElementById('move-threat').appendChild(o); }).catch(fail);
      tool = null;
    } else if (tool === 'move_threat') {
      var t = document.getElementById('move-threat').value;
      api('/api/inject', { action: { type: 'move_threat', threatId: t, lon: lon, lat: lat }, note: 'moved from the console' }).then(function () { say('Threat ' + t + ' moved'); }).catch(fail);
      tool = null;
    }
    document.body.classList.toggle('tool-active', tool !== null);
  }

  function render(s) {
    state = s;
    document.getElementById('clock').textContent = clock(s.atS) + ' (T+' + Math.round((s.atS - s.t0S) / 60) + ' min) ' + (s.clock.playing ? '▶' : '❚❚') + ' ×' + s.clock.speed;
    s.movements.forEach(function (m, i) {
      var colour = COLOURS[i % COLOURS.length];
      var card = document.getElementById('mv-' + m.id);
      if (!card) return;
      card.setAttribute('data-status', m.status);
      set(card, 'status', m.status.replace(/_/g, ' ') + (m.statusReason ? ' — ' + m.statusReason : ''));
      set(card, 'speed', Math.round(m.speedKmh) + ' km/h');
      var delta = m.predictedArrivalS !== null && m.plannedArrivalS !== null ? ' (' + minutes(m.predictedArrivalS - m.plannedArrivalS) + ' vs plan)' : '';
      set(card, 'arrival', m.predictedArrivalS === null ? 'does not arrive' : clock(m.predictedArrivalS) + delta);
      set(card, 'exposure', m.exposureSoFar.toFixed(0) + ' so far, ' + m.predictedExposure.toFixed(0) + ' predicted (plan ' + m.plannedExposure.toFixed(0) + ')');
      var cov = Object.keys(m.coverageAhead).map(function (k) { var v = m.coverageAhead[k]; return k + ' ' + (v === null ? '—' : Math.round(v * 100) + '%'); }).join(' · ');
      set(card, 'coverage', cov);
      var ul = card.querySelector('[data-field=alerts]');
      var alertsText = m.alerts.join('\n');
      if (ul.getAttribute('data-text') !== alertsText) {
        ul.setAttribute('data-text', alertsText);
        ul.innerHTML = '';
        m.alerts.forEach(function (a) { ul.appendChild(el('li', {}, a)); });
      }
      if (m.status === 'arrived' || (m.status === 'did_not_arrive' && m.atS !== undefined)) card.classList.add('done');
      var pos = [m.lat, m.lon];
      if (!layers.movements[m.id]) {
        layers.movements[m.id] = L.circleMarker(pos, { radius: 8, color: '#fff', weight: 2, fillColor: colour, fillOpacity: 1, className: 'convoy convoy-' + m.id, renderer: live }).addTo(map).bindTooltip(m.id);
        layers.ahead[m.id] = L.polyline([], { color: colour, weight: 4, opacity: 0.85, className: 'route-ahead route-ahead-' + m.id, renderer: live }).addTo(map);
        layers.behind[m.id] = L.polyline([], { color: colour, weight: 3, opacity: 0.35, renderer: live }).addTo(map);
      }
      layers.movements[m.id].setLatLng(pos);
      var aheadKey = m.ahead.length + ':' + (m.ahead[m.ahead.length - 1] || []).join(',') + ':' + (m.ahead[0] || []).join(',');
      if (layers.ahead[m.id]._key !== aheadKey) { layers.ahead[m.id]._key = aheadKey; layers.ahead[m.id].setLatLngs([pos].concat(m.ahead.map(ll))); }
      if (layers.behind[m.id]._n !== m.behind.length) { layers.behind[m.id]._n = m.behind.length; layers.behind[m.id].setLatLngs(m.behind.map(ll).concat([pos])); }
    });
    var closureKey = s.map.closures.map(function (c) { return c.injectId; }).join(',');
    if (layers.closures._key !== closureKey) {
      layers.closures._key = closureKey;
      layers.closures.clearLayers();
      s.map.closures.forEach(function (c) { L.polyline(c.lines.map(function (l) { return l.map(ll); }), { color: '#a4161a', weight: 6, opacity: 0.9, className: 'closure closure-' + c.injectId, renderer: live }).bindTooltip('closed: ' + c.label).addTo(layers.closures); });
    }
    var threatKey = JSON.stringify(s.map.threats);
    if (layers.threats._key !== threatKey) {
      layers.threats._key = threatKey;
      layers.threats.clearLayers();
      s.map.threats.forEach(function (t) {
        var style = { color: '#e07b00', weight: 1.5, fillOpacity: 0.15 + 0.25 * t.intensity, className: 'threat threat-' + t.id, renderer: live };
        var shape = t.area.type === 'circle' ? L.circle([t.area.lat, t.area.lon], Object.assign({ radius: t.area.radiusM }, style)) : L.polygon(t.area.coordinates.map(function (r) { return r.map(ll); }), style);
        shape.bindTooltip(t.kind + ' ' + t.id + ' (intensity ' + t.intensity + ')').addTo(layers.threats);
      });
    }
    var respKey = s.map.responders.map(function (r) { return r.inService; }).join(',');
    if (layers.responders._key !== respKey) {
      layers.responders._key = respKey;
      layers.responders.clearLayers();
      s.map.responders.forEach(function (r) {
        L.circleMarker([r.lat, r.lon], { radius: 5, color: r.inService > 0 ? '#0b5' : '#888', weight: 2, fillOpacity: 0.4, className: 'responder', renderer: live }).bindTooltip(r.id + ' (' + r.type + '): ' + r.inService + '/' + r.count + ' in service').addTo(layers.responders);
      });
    }
    if (!fitted) {
      var pts = [];
      s.movements.forEach(function (m) { m.ahead.concat(m.behind).forEach(function (p) { pts.push(ll(p)); }); });
      if (pts.length > 1) { map.fitBounds(L.latLngBounds(pts).pad(0.15)); fitted = true; }
    }
    renderInjects(s.injects);
    renderLog(s);
  }

  function set(card, field, text) {
    var e = card.querySelector('[data-field=' + field + ']');
    if (e.textContent !== text) e.textContent = text;
  }

  function renderInjects(list) {
    var key = list.map(function (i) { return i.id + i.status + i.dueS; }).join('|');
    var ul = document.getElementById('injects');
    if (ul.getAttribute('data-key') === key) return;
    ul.setAttribute('data-key', key);
    ul.innerHTML = '';
    list.forEach(function (i) {
      var li = el('li', { 'data-inject': i.id, 'data-status': i.status });
      li.appendChild(el('b', {}, i.id));
      li.appendChild(document.createTextNode(' ' + (i.dueS === null ? 'by position' : clock(i.dueS)) + ' · ' + i.status + ' — ' + i.note + ' '));
      if (i.status === 'pending') {
        [['fire', 'Fire now'], ['delay', 'Delay 5 min'], ['cancel', 'Cancel']].forEach(function (b) {
          if (b[0] === 'delay' && !i.delayable) return;
          var btn = el('button', { type: 'button', 'data-op': b[0] }, b[1]);
          btn.addEventListener('click', function () {
            api('/api/scheduled', { injectId: i.id, op: b[0], delayS: b[0] === 'delay' ? 300 : undefined }).then(function () { say(b[1] + ': ' + i.id); }).catch(fail);
          });
          li.appendChild(btn);
        });
      }
      ul.appendChild(li);
    });
  }

  function renderLog(s) {
    var rows = [];
    s.journal.forEach(function (e) { if (e.type !== 'clock') rows.push({ t: e.atS, who: e.who, what: describe(e) }); });
    s.movements.forEach(function (m) { m.events.forEach(function (e) { rows.push({ t: e.timeS, who: 'simulation', what: e.message }); }); });
    rows.sort(function (a, b) { return b.t - a.t; });
    var key = rows.length + ':' + (rows[0] ? rows[0].what : '');
    var ol = document.getElementById('log');
    if (ol.getAttribute('data-key') === key) return;
    ol.setAttribute('data-key', key);
    ol.innerHTML = '';
    rows.slice(0, 200).forEach(function (r) { ol.appendChild(el('li', { class: 'who-' + r.who }, clock(r.t) + ' · ' + r.who + ' · ' + r.what)); });
  }

  function describe(e) {
    if (e.type === 'decision') return 'decision for ' + e.movementId + ': ' + e.decision.kind + (e.decision.optionId ? ' ' + e.decision.optionId : '') + (e.decision.by ? ' (' + e.decision.by + ')' : '') + (e.decision.placeId ? ' ' + e.decision.placeId : '');
    if (e.type === 'inject') return 'inject ' + e.id + ': ' + e.action.type + (e.action.label ? ' ' + e.action.label : '');
    return e.type + ' ' + (e.injectId || '');
  }

  function wireControls() {
    document.getElementById('play').addEventListener('click', function () { api('/api/clock', { action: 'play' }).catch(fail); });
    document.getElementById('pause').addEventListener('click', function () { api('/api/clock', { action: 'pause' }).catch(fail); });
    document.getElementById('speed').addEventListener('change', function (e) { api('/api/clock', { action: 'speed', speed: Number(e.target.value) }).catch(fail); });
    document.getElementById('next-inject').addEventListener('click', function () { api('/api/clock', { action: 'next_inject' }).catch(fail); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-tool]'), function (b) {
      b.addEventListener('click', function () {
        tool = b.getAttribute('data-tool');
        areaPoints = [];
        document.getElementById('finish-area').hidden = tool !== 'close_area';
        document.body.classList.add('tool-active');
        say('Click the map: ' + b.textContent);
      });
    });
    document.getElementById('finish-area').addEventListener('click', function () {
      if (areaPoints.length < 3) { say('An area needs at least 3 corners', true); return; }
      api('/api/inject', { action: { type: 'close_area', polygon: areaPoints, label: 'area drawn in the console' }, note: 'closed from the console' }).then(function (r) { say('Area closed (' + r.id + ')'); }).catch(fail);
      if (areaLine) { map.removeLayer(areaLine); areaLine = null; }
      areaPoints = [];
      tool = null;
      document.getElementById('finish-area').hidden = true;
      document.body.classList.remove('tool-active');
    });
    document.getElementById('responder-out').addEventListener('click', function () {
      api('/api/inject', { action: { type: 'responder_out', responderId: document.getElementById('responder').value, count: 1 }, durationS: 1800, note: 'taken out from the console' }).then(function (r) { say('Unit out (' + r.id + ')'); }).catch(fail);
    });
    document.getElementById('breakdown').addEventListener('click', function () {
      api('/api/inject', { action: { type: 'breakdown', movementId: document.getElementById('breakdown-movement').value, durationS: 480 }, note: 'breakdown from the console' }).then(function (r) { say('Breakdown (' + r.id + ')'); }).catch(fail);
    });
  }

  Promise.all([api('/api/basemap'), api('/api/plan')]).then(function (r) {
    plan = r[1];
    drawBasemap(r[0]);
    buildPanels();
    wireControls();
    var es = new EventSource(url('/api/events'));
    es.onmessage = function (ev) { render(JSON.parse(ev.data)); };
    es.onerror = function () { say('Connection to the exercise server lost; retrying…', true); };
    document.body.setAttribute('data-ready', '1');
  }).catch(fail);
})();
