/* Playback of one sampled run: a vehicle marker moves along the timed track, the clock shows the
   simulated time of day, the event log fills as events happen; play/pause, scrub and speed. The map
   follows the convoy while "follow" is on (it zooms in on play, then pans to keep the convoy in the
   middle of the map). The default run is the one with the most events (injects, reroutes, stops), the
   recommended option of its movement when that ties. The track is [lon*1e5, lat*1e5, tS] triples with
   non-decreasing times (viz/option-view.ts). */

/** Zoom the map goes to when following a convoy from further out. */
var FOLLOW_ZOOM = 15;

function trackPosition(track, t) {
  var n = track.length / 3;
  if (n === 0) return null;
  if (t <= track[2]) return [track[1] / QUANT, track[0] / QUANT];
  if (t >= track[3 * (n - 1) + 2]) return [track[3 * (n - 1) + 1] / QUANT, track[3 * (n - 1)] / QUANT];
  var lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    var mid = (lo + hi) >> 1;
    if (track[3 * mid + 2] <= t) lo = mid; else hi = mid;
  }
  var t0 = track[3 * lo + 2], t1 = track[3 * hi + 2];
  var f = t1 > t0 ? (t - t0) / (t1 - t0) : 1;
  var x = track[3 * lo] + f * (track[3 * hi] - track[3 * lo]);
  var y = track[3 * lo + 1] + f * (track[3 * hi + 1] - track[3 * lo + 1]);
  return [y / QUANT, x / QUANT];
}

function buildPlayback(data, view, container) {
  var runs = [];
  data.movements.forEach(function (m) {
    m.options.forEach(function (o) {
      if (o.playback && o.playback.track.length >= 6) runs.push({ m: m, o: o, pb: o.playback });
    });
  });
  container.appendChild(el('h2', { text: 'Playback of a sampled run' }));
  if (runs.length === 0) {
    container.appendChild(el('p', { text: 'No sampled run to play back (no option found a route).' }));
    return null;
  }
  var first = defaultRun(runs);

  var select = el('select', { id: 'playback-run', 'aria-label': 'Run to play back' });
  runs.forEach(function (r, i) {
    var opt = el('option', { value: String(i), text: r.m.id + ' · option ' + r.o.id + ' (' + r.o.label + ')' + (r.o.recommended ? ' ★' : '') + ' — sample ' + r.pb.sampleIndex });
    select.appendChild(opt);
  });
  select.value = String(first);
  var playBtn = el('button', { id: 'playback-play', type: 'button', text: '▶ Play' });
  var scrub = el('input', { id: 'playback-scrub', type: 'range', min: '0', max: '1000', step: '1', value: '0', 'aria-label': 'Scrub through the run' });
  var speed = el('select', { id: 'playback-speed', 'aria-label': 'Playback speed' });
  [10, 30, 60, 120, 300].forEach(function (s) { speed.appendChild(el('option', { value: String(s), text: '×' + s })); });
  speed.value = '60';
  var follow = el('input', { id: 'playback-follow', type: 'checkbox' });
  follow.checked = true;
  var clock = el('output', { id: 'playback-clock', className: 'clock', text: '--:--:--' });
  var status = el('span', { id: 'playback-status', className: 'playback-status' });
  var log = el('ol', { id: 'event-log', className: 'event-log', 'aria-live': 'polite' });
  container.appendChild(el('div', { className: 'playback-controls' }, [select, playBtn, scrub, el('label', null, ['speed ', speed]), el('label', { title: 'keep the convoy in view' }, [follow, ' follow']), clock, status]));
  container.appendChild(log);

  var vehicle = L.circleMarker([0, 0], { radius: 8, color: '#000', weight: 3, fillColor: '#ffeb3b', fillOpacity: 1, className: 'vehicle' });
  // The latest event where it happened (inject, reroute, breakdown …), with its message.
  var eventMark = L.circleMarker([0, 0], { radius: 11, color: '#b2182b', weight: 3, fill: false, dashArray: '3 3', className: 'event-marker' });
  // The path this sample actually drove (it leaves the planned route when it reroutes).
  var driven = L.polyline([], { color: '#111111', weight: 2, opacity: 0.8, dashArray: '2 5', interactive: false, className: 'driven-track' });
  var vehicleLayer = L.layerGroup([driven, vehicle]);
  view.register('vehicle', 'Playback vehicle and driven path', vehicleLayer, true, 'Playback');

  var state = { run: null, log: [], t0: 0, t1: 0, t: 0, playing: false, last: 0, shown: -1, following: false };

  function eventsUpTo(t) {
    var n = 0;
    var ev = state.log;
    while (n < ev.length && ev[n].tS <= t) n++;
    return n;
  }

  /**
   * The log shown: the run's events plus its stops that matter (every non-junction stop, and junction
   * waits of 30 s or more; the many short junction waits are counted in the status line instead).
   */
  function logOf(pb) {
    var log = pb.events.map(function (e) { return e; });
    pb.stops.forEach(function (st) {
      var d = st.toS - st.fromS;
      if (st.reason !== 'junction' || d >= 30) {
        log.push({ tS: st.fromS, kind: 'stop', message: 'stopped ' + fmtMin(d) + ' (' + st.reason + ')', lon: st.lon, lat: st.lat });
      }
    });
    // Stable by time: events keep their order, a stop goes after the events of the same second.
    return log.map(function (e, i) { return { e: e, i: i }; })
      .sort(function (a, b) { return a.e.tS - b.e.tS || a.i - b.i; })
      .map(function (x) { return x.e; });
  }

  function render() {
    var r = state.run;
    clock.textContent = fmtClock(state.t);
    clock.setAttribute('data-t', String(state.t));
    scrub.value = String(Math.round(state.t1 > state.t0 ? ((state.t - state.t0) / (state.t1 - state.t0)) * 1000 : 0));
    var pos = trackPosition(r.pb.track, state.t);
    if (pos) {
      vehicle.setLatLng(pos);
      if (state.following) keepInView(pos);
    }
    var stop = r.pb.stops.filter(function (s) { return state.t >= s.fromS && state.t < s.toS; })[0];
    var stopsSoFar = 0, stoppedS = 0;
    r.pb.stops.forEach(function (s) { if (s.fromS <= state.t) { stopsSoFar++; stoppedS += Math.min(state.t, s.toS) - s.fromS; } });
    status.textContent = (stop ? 'stopped: ' + stop.reason : state.t >= state.t1 ? 'arrived / end of run' : 'moving') +
      ' · ' + stopsSoFar + ' stop(s) so far, ' + fmtMin(stoppedS) + ' standing';
    var n = eventsUpTo(state.t);
    if (n !== state.shown) {
      while (log.firstChild) log.removeChild(log.firstChild);
      state.log.slice(0, n).forEach(function (e, i) {
        var li = el('li', { className: 'event event-' + e.kind + (i === n - 1 ? ' latest' : ''), 'data-kind': e.kind, 'data-t': String(e.tS), title: 'jump here' }, [
          el('time', { text: fmtClock(e.tS) }), ' ', el('b', { text: e.kind }), ' ' + e.message
        ]);
        li.addEventListener('click', function () { pause(); startFollowing(); state.t = e.tS; render(); });
        log.appendChild(li);
      });
      state.shown = n;
      var latest = n > 0 ? state.log[n - 1] : null;
      if (latest && typeof latest.lon === 'number' && latest.kind !== 'depart' && latest.kind !== 'arrive') {
        eventMark.setLatLng([latest.lat, latest.lon]);
        eventMark.bindTooltip(fmtClock(latest.tS) + ' ' + esc(latest.kind) + ': ' + esc(latest.message));
        if (!vehicleLayer.hasLayer(eventMark)) vehicleLayer.addLayer(eventMark);
      } else if (vehicleLayer.hasLayer(eventMark)) {
        vehicleLayer.removeLayer(eventMark);
      }
    }
    view.setClock(state.t);
  }

  /** Pan (and, the first time, zoom) so that the convoy stays in the middle half of the map. */
  function keepInView(pos) {
    var map = view.map;
    if (!follow.checked) return;
    if (map.getZoom() < FOLLOW_ZOOM - 0.5) { map.setView(pos, FOLLOW_ZOOM, { animate: false }); return; }
    var size = map.getSize();
    var p = map.latLngToContainerPoint(pos);
    if (p.x < size.x * 0.25 || p.x > size.x * 0.75 || p.y < size.y * 0.25 || p.y > size.y * 0.75) map.panTo(pos, { animate: false });
  }

  function load(i) {
    var r = runs[i];
    var tr = r.pb.track;
    state.run = r;
    state.log = logOf(r.pb);
    var pts = [];
    for (var k = 0; k + 2 < tr.length; k += 3) pts.push([tr[k + 1] / QUANT, tr[k] / QUANT]);
    driven.setLatLngs(pts);
    state.t0 = Math.min(tr[2], r.pb.events.length ? r.pb.events[0].tS : tr[2]);
    state.t1 = Math.max(tr[tr.length - 1], r.pb.events.length ? r.pb.events[r.pb.events.length - 1].tS : 0);
    state.t = state.t0;
    state.shown = -1;
    render();
  }

  /** The map follows once the user moves the clock (play, scrub, a click in the log), not on page load. */
  function startFollowing() {
    state.following = follow.checked;
  }
  follow.addEventListener('change', function () {
    state.following = follow.checked;
    if (follow.checked) render();
  });

  function frame(now) {
    if (!state.playing) return;
    var dt = Math.min(0.25, (now - state.last) / 1000);
    state.last = now;
    state.t = Math.min(state.t1, state.t + dt * Number(speed.value));
    render();
    if (state.t >= state.t1) { pause(); return; }
    requestAnimationFrame(frame);
  }
  function play() {
    if (state.t >= state.t1) state.t = state.t0;
    startFollowing();
    state.playing = true;
    state.last = performance.now();
    playBtn.textContent = '❚❚ Pause';
    playBtn.setAttribute('aria-pressed', 'true');
    requestAnimationFrame(frame);
  }
  function pause() {
    state.playing = false;
    playBtn.textContent = '▶ Play';
    playBtn.setAttribute('aria-pressed', 'false');
  }
  playBtn.addEventListener('click', function () { if (state.playing) pause(); else play(); });
  scrub.addEventListener('input', function () {
    startFollowing();
    state.t = state.t0 + (Number(scrub.value) / 1000) * (state.t1 - state.t0);
    render();
  });
  select.addEventListener('change', function () { pause(); startFollowing(); load(Number(select.value)); });
  load(first);
  return { play: play, pause: pause, state: state, load: load };
}

/** Index of the run with the most log entries (events and stops that matter); recommended, then first, on ties. */
function defaultRun(runs) {
  var best = 0, bestScore = -1;
  runs.forEach(function (r, i) {
    var longStops = r.pb.stops.filter(function (s) { return s.reason !== 'junction' || s.toS - s.fromS >= 30; }).length;
    var score = (r.pb.events.length + longStops) * 2 + (r.o.recommended ? 1 : 0);
    if (score > bestScore) { bestScore = score; best = i; }
  });
  return best;
}
