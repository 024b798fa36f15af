/* Distributions: hand-written SVG, per movement one figure for travel time and one for exposure. Each
   figure holds a box plot (one row per option: whiskers p05..p95, box p25..p75, bar p50, white dot mean,
   small ticks at min and max) and below it one small histogram per option on the same x axis (bars =
   the run's equal-width bins, height relative to that option's fullest bin). No charting library: two
   chart types do not justify shipping one inside every report. Time axes read minutes, as the tables do;
   the figures scale down to the page width (viewBox, no fixed size). */

var BOX = { W: 560, left: 96, right: 20 };

/** A round step (1, 2 or 5 × 10^k) near `x`. */
function niceStep(x) {
  if (!(x > 0)) return 1;
  var p = Math.pow(10, Math.floor(Math.log10(x)));
  var f = x / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** A round time step in seconds near `x`: a round number of minutes (0.1, 0.2, 0.5, 1, 2, 5, 10 … min). */
function niceTimeStep(x) {
  return niceStep(x / 60) * 60;
}

/** Shared x domain of a figure: from the lowest min to the highest max, on round ticks. */
function domainOf(opts, pick, stepOf) {
  var min = Infinity, max = -Infinity;
  opts.forEach(function (o) { var b = pick(o); if (b.min < min) min = b.min; if (b.max > max) max = b.max; });
  if (!(max > min)) { var pad = Math.max(1, Math.abs(max) * 0.05); min -= pad; max += pad; }
  var step = stepOf((max - min) / 5);
  var lo = Math.floor(min / step) * step, hi = Math.ceil(max / step) * step;
  if (min >= 0 && lo < 0) lo = 0;
  return { lo: lo, hi: hi, step: step };
}

function axis(svg, dom, y, unit, fmt) {
  var W = BOX.W, left = BOX.left, right = BOX.right;
  svg.appendChild(svgEl('line', { x1: left, y1: y, x2: W - right, y2: y, stroke: '#888' }));
  var n = Math.round((dom.hi - dom.lo) / dom.step);
  for (var k = 0; k <= n; k++) {
    var v = dom.lo + dom.step * k;
    var px = left + ((W - left - right) * k) / n;
    svg.appendChild(svgEl('line', { x1: px, y1: y, x2: px, y2: y + 4, stroke: '#888' }));
    var t = svgEl('text', { x: px, y: y + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#333' });
    t.textContent = fmt(v);
    svg.appendChild(t);
  }
  var ut = svgEl('text', { x: W - right, y: y + 28, 'text-anchor': 'end', 'font-size': 11, fill: '#333' });
  ut.textContent = unit;
  svg.appendChild(ut);
}

function optionLabel(o, cy) {
  var lbl = svgEl('text', { x: BOX.left - 8, y: cy + 4, 'text-anchor': 'end', 'font-size': 12, 'font-weight': o.recommended ? 'bold' : 'normal' });
  lbl.textContent = o.id + (o.recommended ? ' ★' : '');
  return lbl;
}

/** Box plot rows, one per option with a route. */
function boxPlot(opts, title, unit, pick, fmt, color, dom) {
  var W = BOX.W, rowH = 28, top = 8, axisH = 34;
  var H = top + rowH * opts.length + axisH;
  var x = function (v) { return BOX.left + ((v - dom.lo) / (dom.hi - dom.lo)) * (W - BOX.left - BOX.right); };
  var svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': title });
  svg.setAttribute('class', 'boxplot');
  opts.forEach(function (o, i) {
    var b = pick(o);
    var cy = top + rowH * i + rowH / 2;
    var g = svgEl('g', { 'data-option': o.id });
    g.appendChild(optionLabel(o, cy));
    g.appendChild(svgEl('line', { x1: x(b.p05), y1: cy, x2: x(b.p95), y2: cy, stroke: '#444', 'stroke-width': 1 }));
    g.appendChild(svgEl('line', { x1: x(b.p05), y1: cy - 6, x2: x(b.p05), y2: cy + 6, stroke: '#444' }));
    g.appendChild(svgEl('line', { x1: x(b.p95), y1: cy - 6, x2: x(b.p95), y2: cy + 6, stroke: '#444' }));
    // min and max: short grey ticks beyond the whiskers (the extremes of the samples).
    g.appendChild(svgEl('line', { x1: x(b.min), y1: cy - 3, x2: x(b.min), y2: cy + 3, stroke: '#999', 'stroke-width': 1.5, 'class': 'box-extreme' }));
    g.appendChild(svgEl('line', { x1: x(b.max), y1: cy - 3, x2: x(b.max), y2: cy + 3, stroke: '#999', 'stroke-width': 1.5, 'class': 'box-extreme' }));
    g.appendChild(svgEl('rect', { x: x(b.p25), y: cy - 8, width: Math.max(1.5, x(b.p75) - x(b.p25)), height: 16, fill: color, 'fill-opacity': o.recommended ? 0.85 : 0.45, stroke: '#222' }));
    g.appendChild(svgEl('line', { x1: x(b.p50), y1: cy - 9, x2: x(b.p50), y2: cy + 9, stroke: '#000', 'stroke-width': 2.5 }));
    g.appendChild(svgEl('circle', { cx: x(b.mean), cy: cy, r: 3, fill: '#fff', stroke: '#000' }));
    var tip = svgEl('title', {});
    tip.textContent = o.id + ' (' + b.samples + ' samples, ' + unit + '): min ' + fmt(b.min) + ', p05 ' + fmt(b.p05) + ', p25 ' + fmt(b.p25) +
      ', p50 ' + fmt(b.p50) + ', p75 ' + fmt(b.p75) + ', p95 ' + fmt(b.p95) + ', max ' + fmt(b.max) + ', mean ' + fmt(b.mean);
    g.appendChild(tip);
    svg.appendChild(g);
  });
  axis(svg, dom, top + rowH * opts.length + 4, unit, fmt);
  return svg;
}

/** Small histograms, one row per option, on the box plot's x axis. */
function histograms(opts, title, unit, pick, fmt, color, dom, metric) {
  var W = BOX.W, rowH = 40, top = 6, axisH = 34, barH = rowH - 8;
  var H = top + rowH * opts.length + axisH;
  var x = function (v) { return BOX.left + ((v - dom.lo) / (dom.hi - dom.lo)) * (W - BOX.left - BOX.right); };
  var svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': title });
  svg.setAttribute('class', 'histogram');
  svg.setAttribute('data-metric', metric);
  opts.forEach(function (o, i) {
    var h = pick(o).histogram;
    var base = top + rowH * i + rowH - 2;
    var g = svgEl('g', { 'data-option': o.id, 'data-samples': pick(o).samples });
    g.appendChild(optionLabel(o, base - barH / 2));
    g.appendChild(svgEl('line', { x1: BOX.left, y1: base, x2: W - BOX.right, y2: base, stroke: '#ccc' }));
    var most = 0;
    h.counts.forEach(function (c) { if (c > most) most = c; });
    h.counts.forEach(function (c, k) {
      var from = h.start + h.width * k, to = h.start + h.width * (k + 1);
      // One bin of width 0 (every sample equal): a narrow bar at the value.
      var x0 = x(from), x1 = h.width > 0 ? x(to) : x0 + 3;
      if (h.width === 0) x0 -= 3;
      var hh = most > 0 ? (barH * c) / most : 0;
      var bar = svgEl('rect', { x: x0 + 0.5, y: base - hh, width: Math.max(1, x1 - x0 - 1), height: hh, fill: color, 'fill-opacity': o.recommended ? 0.85 : 0.5, 'data-count': c });
      bar.setAttribute('class', 'hist-bar');
      var tip = svgEl('title', {});
      tip.textContent = o.id + ': ' + c + ' of ' + pick(o).samples + ' samples in ' + fmt(from) + (h.width > 0 ? '–' + fmt(to) : '') + ' ' + unit;
      bar.appendChild(tip);
      g.appendChild(bar);
    });
    svg.appendChild(g);
  });
  axis(svg, dom, top + rowH * opts.length + 4, unit, fmt);
  return svg;
}

function distributionFigure(m, what, unit, pick, fmt, stepOf, color, metric) {
  var opts = m.options.filter(function (o) { return o.found; });
  var dom = domainOf(opts, pick, stepOf);
  var n = opts.length ? pick(opts[0]).samples : 0;
  var box = boxPlot(opts, what + ' box plot', unit, pick, fmt, color, dom);
  var hist = histograms(opts, what + ' histogram', unit, pick, fmt, color, dom, metric);
  var caption = what + ' over ' + n + ' samples, in ' + unit + '. Box plot: whiskers p05–p95, box p25–p75 (half the samples), ' +
    'black bar median, white dot mean, grey ticks min and max. Histograms below: samples per equal-width bin between min and max, ' +
    'bar height relative to the option\u2019s fullest bin.';
  return el('figure', { className: 'chart' }, [el('div', { className: 'chart-title', text: what + ' (' + unit + ')' }), box, hist, el('figcaption', { text: caption })]);
}

function buildCharts(m) {
  var wrap = el('div', { className: 'charts' });
  if (m.options.every(function (o) { return !o.found; })) return wrap;
  wrap.appendChild(distributionFigure(m, 'Travel time', 'minutes', function (o) { return o.distributions.timeS; }, function (s) { return fmtMin(s, true); }, niceTimeStep, '#4575b4', 'timeS'));
  wrap.appendChild(distributionFigure(m, 'Total exposure', 'exposure-s', function (o) { return o.distributions.exposure; }, fmtNum, niceStep, '#d73027', 'exposure'));
  return wrap;
}
