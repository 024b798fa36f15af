/* Deployment (motorcade deploy), on screen only like the distributions (the duty roster is the CSV):
   the junction posts of each movement's driven option and the conflicts between movements as a map
   layer (off until asked for: a day holds hundreds of posts), and a day timeline under the tables: per
   movement its closures (light) and its drive (dark), the conflicts as red boxes across both movements'
   rows, and below them the officers posted per minute; then the shared places of the day on the same time
   axis: per place (a road, crossing or junction two or more driven options use) a row with every
   movement's presence there and its closure, outlined red where it conflicts. Hand-written SVG like the
   distributions. */

function addDeploymentLayer(view, dep) {
  var g = L.layerGroup();
  var ids = {};
  dep.movements.forEach(function (m, i) { ids[m.id] = i; });
  dep.posts.forEach(function (p) {
    L.circleMarker([p.lat, p.lon], { radius: 3 + Math.min(4, p.officers / 2), color: movementColor(ids[p.movement] || 0), weight: 2, fillColor: '#ffffff', fillOpacity: 1, className: 'deploy-post' })
      .bindTooltip('Post on ' + esc(p.movement + '/' + p.option) + ': ' + p.officers + ' officer(s), ' + esc(p.kind) + ' junction<br>closed ' +
        fmtClock(p.closeS).slice(0, 5) + '–' + fmtClock(p.openS).slice(0, 5) + '<br>' + esc(p.near)).addTo(g);
  });
  dep.conflicts.forEach(function (c) {
    var why = c.gapS === null ? 'closure windows overlap' : fmtMin(c.gapS) + ' apart';
    var shift = c.shift ? 'shift ' + c.shift.movement + ' ' + fmtMin(c.shift.shiftS, false, true) + (c.shift.withinWindow ? '' : ' (outside its departure window)') : 'no shift within max_shift';
    L.marker([c.lat, c.lon], { icon: letterIcon('×', '#b2182b', 'mc-conflict'), keyboard: false })
      .bindTooltip('Conflict ' + esc(c.movementA) + ' / ' + esc(c.movementB) + ': ' + esc(why) + '<br>' + esc(shift) + '<br>' + esc(c.near)).addTo(g);
  });
  view.register('deployment', 'Junction posts and conflicts (deploy)', g, false);
}

var DEPLOY = { W: 720, left: 220, right: 16, row: 18, places: 12 };

function buildDeploymentSection(dep) {
  var sec = el('section', { className: 'deployment', id: 'deployment' });
  sec.appendChild(el('h2', { text: 'Deployment: closures, officers and conflicts' }));
  sec.appendChild(el('p', { className: 'deploy-summary', text: dep.officersTotal + ' officers posted in total, ' + dep.officersPeak + ' at the peak minute' +
    (dep.peakAtS === null ? '' : ' (' + fmtClock(dep.peakAtS).slice(0, 5) + ')') + '; ' + dep.conflicts.length + ' conflict(s) between movements. From the nominal run of each driven option (motorcade deploy).' }));
  var lo = Infinity, hi = -Infinity;
  dep.movements.forEach(function (m) {
    [m.departS, m.arriveS, m.closeS, m.openS].forEach(function (t) { if (t !== null) { if (t < lo) lo = t; if (t > hi) hi = t; } });
  });
  if (!(hi > lo)) return sec;
  var step = niceTimeStep((hi - lo) / 6);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  var W = DEPLOY.W, left = DEPLOY.left, right = DEPLOY.right, row = DEPLOY.row;
  var x = function (t) { return left + ((t - lo) / (hi - lo)) * (W - left - right); };
  var staffH = 50;
  var top = 8, rowsH = dep.movements.length * row, axisY = top + rowsH + staffH + 8;
  var svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + (axisY + 24), class: 'deploy-timeline', role: 'img', 'aria-label': 'Deployment timeline of the day' });
  dep.movements.forEach(function (m, i) {
    var y = top + i * row;
    var label = svgEl('text', { x: left - 6, y: y + row * 0.65, 'text-anchor': 'end', 'font-size': 11 });
    label.textContent = m.id;
    svg.appendChild(label);
    if (m.closeS !== null && m.openS !== null) svg.appendChild(svgEl('rect', { x: x(m.closeS), y: y + 3, width: Math.max(1, x(m.openS) - x(m.closeS)), height: row - 6, fill: movementColor(i), 'fill-opacity': 0.25, class: 'deploy-closure', 'data-movement': m.id }));
    if (m.departS !== null && m.arriveS !== null) svg.appendChild(svgEl('rect', { x: x(m.departS), y: y + 6, width: Math.max(1, x(m.arriveS) - x(m.departS)), height: row - 12, fill: movementColor(i), class: 'deploy-drive', 'data-movement': m.id }));
  });
  var rowOf = {};
  dep.movements.forEach(function (m, i) { rowOf[m.id] = i; });
  dep.conflicts.forEach(function (c) {
    var a = rowOf[c.movementA], b = rowOf[c.movementB];
    var y1 = top + Math.min(a, b) * row, y2 = top + (Math.max(a, b) + 1) * row;
    var mark = svgEl('rect', { x: x(c.fromS), y: y1, width: Math.max(2, x(c.toS) - x(c.fromS)), height: y2 - y1, fill: 'none', stroke: '#b2182b', 'stroke-width': 1.5, class: 'deploy-conflict' });
    var title = svgEl('title', {});
    title.textContent = c.movementA + ' / ' + c.movementB + ' at ' + c.near + ': ' + c.reason + '; ' + c.shift;
    mark.appendChild(title);
    svg.appendChild(mark);
  });
  var peak = Math.max(1, dep.officersPeak);
  var baseY = top + rowsH + staffH;
  var pts = [];
  dep.timeline.officers.forEach(function (n, k) {
    var t0 = dep.timeline.startS + k * 60;
    pts.push(x(t0).toFixed(1) + ',' + (baseY - (n / peak) * (staffH - 6)).toFixed(1), x(t0 + 60).toFixed(1) + ',' + (baseY - (n / peak) * (staffH - 6)).toFixed(1));
  });
  if (pts.length) svg.appendChild(svgEl('polyline', { points: pts.join(' '), fill: 'none', stroke: '#333', 'stroke-width': 1.2, class: 'deploy-staffing' }));
  var staffLabel = svgEl('text', { x: left - 6, y: baseY - staffH / 2, 'text-anchor': 'end', 'font-size': 11 });
  staffLabel.textContent = 'officers (peak ' + dep.officersPeak + ')';
  svg.appendChild(staffLabel);
  svg.appendChild(svgEl('line', { x1: left, y1: axisY, x2: W - right, y2: axisY, stroke: '#888' }));
  for (var t = lo; t <= hi + 1e-6; t += step) {
    svg.appendChild(svgEl('line', { x1: x(t), y1: axisY, x2: x(t), y2: axisY + 4, stroke: '#888' }));
    var tick = svgEl('text', { x: x(t), y: axisY + 16, 'text-anchor': 'middle', 'font-size': 10 });
    tick.textContent = fmtClock(t).slice(0, 5);
    svg.appendChild(tick);
  }
  sec.appendChild(el('figure', { className: 'deploy-figure' }, [svg]));
  if (dep.places.length) sec.appendChild(buildPlacesFigure(dep, lo, hi, step, x, rowOf));
  return sec;
}

/* The shared places, in the day-level view's order (first arrival), the first DEPLOY.places of them. */
function buildPlacesFigure(dep, lo, hi, step, x, rowOf) {
  var W = DEPLOY.W, left = DEPLOY.left, right = DEPLOY.right, row = DEPLOY.row;
  var shown = dep.places.slice(0, DEPLOY.places);
  // A row is tall enough for a 4 px band per movement there (a crossing may carry eight).
  var heights = shown.map(function (p) { return Math.max(row, 4 + 4 * p.uses.length); });
  var top = 4, axisY = top + heights.reduce(function (a, h) { return a + h; }, 0) + 4;
  var svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + (axisY + 24), class: 'deploy-places', role: 'img', 'aria-label': 'Places two or more movements share, by time' });
  var clampX = function (t) { return x(Math.max(lo, Math.min(hi, t))); };
  var y = top;
  shown.forEach(function (p, i) {
    var h = heights[i];
    if (i % 2 === 1) svg.appendChild(svgEl('rect', { x: left, y: y, width: W - left - right, height: h, fill: '#f4f4f4' }));
    var label = svgEl('text', { x: left - 6, y: y + h / 2 + 4, 'text-anchor': 'end', 'font-size': 11, 'font-weight': p.kind === 'crossing' ? 'bold' : 'normal' });
    label.textContent = p.near.length > 27 ? p.near.slice(0, 26) + '…' : p.near;
    var full = svgEl('title', {});
    full.textContent = p.near + ' (' + p.kind + ')';
    label.appendChild(full);
    svg.appendChild(label);
    var band = (h - 4) / p.uses.length;
    p.uses.forEach(function (u, k) {
      var colour = movementColor(rowOf[u.movement] || 0);
      var y0 = y + 2 + k * band;
      if (u.closeS !== null && u.openS !== null) svg.appendChild(svgEl('rect', { x: clampX(u.closeS), y: y0, width: Math.max(1, clampX(u.openS) - clampX(u.closeS)), height: band - 0.5, fill: colour, 'fill-opacity': 0.25 }));
      var bar = svgEl('rect', { x: clampX(u.fromS), y: y0, width: Math.max(2, clampX(u.toS) - clampX(u.fromS)), height: band - 0.5, fill: colour, class: 'deploy-place-use' + (u.conflictsWith.length ? ' deploy-place-conflict' : ''), 'data-movement': u.movement,
        stroke: u.conflictsWith.length ? '#b2182b' : 'none', 'stroke-width': 1 });
      var title = svgEl('title', {});
      title.textContent = u.movement + '/' + u.option + ' at ' + p.near + ' ' + fmtClock(u.fromS).slice(0, 5) + '–' + fmtClock(u.toS).slice(0, 5) +
        (u.conflictsWith.length ? '; conflicts with ' + u.conflictsWith.join(', ') : '');
      bar.appendChild(title);
      svg.appendChild(bar);
    });
    y += h;
  });
  svg.appendChild(svgEl('line', { x1: left, y1: axisY, x2: W - right, y2: axisY, stroke: '#888' }));
  for (var t = lo; t <= hi + 1e-6; t += step) {
    var tick = svgEl('text', { x: x(t), y: axisY + 16, 'text-anchor': 'middle', 'font-size': 10 });
    tick.textContent = fmtClock(t).slice(0, 5);
    svg.appendChild(tick);
  }
  var caption = 'Places two or more movements share, by first arrival: each movement\'s presence (dark) and closure (light), outlined red where it conflicts; bold: a crossing (a bridge)' +
    (dep.places.length > shown.length ? '; the first ' + shown.length + ' of ' + dep.places.length + ' (all in motorcade deploy --json, day.places)' : '') + '.';
  return el('figure', { className: 'deploy-figure deploy-places-figure' }, [el('figcaption', { text: caption }), svg]);
}
