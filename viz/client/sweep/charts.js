/* The sweep page's two charts, as SVG: the paired intervals of a ranking against its best entry, and the
   time–exposure scatter of the plans with the Pareto front. */

/** One row per entry after the first: mean difference to the best (dot) and its 95 % interval (bar), around 0. */
function intervalChart(entries, title) {
  var rows = entries.filter(function (e) { return e.vsBest; });
  var w = 640, rowH = 26, left = 130, right = 24, top = 28;
  var h = top + rows.length * rowH + 30;
  var svg = svgEl('svg', { viewBox: '0 0 ' + w + ' ' + h, class: 'interval-chart', role: 'img', 'aria-label': title });
  if (!rows.length) return svg;
  var lo = Math.min(0, Math.min.apply(null, rows.map(function (e) { return e.vsBest.low; })));
  var hi = Math.max(0, Math.max.apply(null, rows.map(function (e) { return e.vsBest.high; })));
  var pad = (hi - lo) * 0.05 || 1;
  lo -= pad; hi += pad;
  var x = function (v) { return left + ((v - lo) / (hi - lo)) * (w - left - right); };
  svg.appendChild(svgEl('text', { x: left, y: 16, class: 'chart-title' }, title));
  ticks(lo, hi, 6).forEach(function (t) {
    svg.appendChild(svgEl('line', { x1: x(t), x2: x(t), y1: top - 4, y2: h - 26, class: 'grid' }));
    svg.appendChild(svgEl('text', { x: x(t), y: h - 10, class: 'tick', 'text-anchor': 'middle' }, String(t)));
  });
  svg.appendChild(svgEl('line', { x1: x(0), x2: x(0), y1: top - 6, y2: h - 26, class: 'zero' }));
  rows.forEach(function (e, i) {
    var y = top + i * rowH + rowH / 2;
    var d = e.vsBest;
    var g = svgEl('g', { class: 'interval' + (d.significant ? ' significant' : ''), 'data-id': e.id });
    g.appendChild(svgEl('text', { x: left - 8, y: y + 4, 'text-anchor': 'end', class: 'label' }, e.id));
    g.appendChild(svgEl('line', { x1: x(d.low), x2: x(d.high), y1: y, y2: y, class: 'bar' }));
    g.appendChild(svgEl('circle', { cx: x(d.mean), cy: y, r: 4, class: 'mean' }));
    g.appendChild(svgEl('title', {}, e.id + ' − best: ' + d.mean + ' [' + d.low + ', ' + d.high + '] over ' + d.pairs + ' pairs' + (d.significant ? ' (significant)' : ' (not significant)')));
    svg.appendChild(g);
  });
  return svg;
}

/** Mean time (min) against mean exposure per plan (over the samples that arrived: only plans with such means); front members filled and joined in time order. */
function paretoChart(points) {
  var w = 640, h = 380, left = 64, right = 24, top = 24, bottom = 48;
  var svg = svgEl('svg', { viewBox: '0 0 ' + w + ' ' + h, class: 'pareto-chart', role: 'img', 'aria-label': 'Mean time against mean exposure per plan' });
  if (!points.length) return svg;
  var xs = points.map(function (p) { return p.meanTimeS / 60; });
  var ys = points.map(function (p) { return p.meanExposure; });
  var pad = function (lo, hi) { var d = (hi - lo) * 0.1 || Math.max(1, Math.abs(hi) * 0.1); return [lo - d, hi + d]; };
  var xr = pad(Math.min.apply(null, xs), Math.max.apply(null, xs));
  var yr = pad(Math.min.apply(null, ys), Math.max.apply(null, ys));
  var x = function (v) { return left + ((v - xr[0]) / (xr[1] - xr[0])) * (w - left - right); };
  var y = function (v) { return h - bottom - ((v - yr[0]) / (yr[1] - yr[0])) * (h - top - bottom); };
  ticks(xr[0], xr[1], 6).forEach(function (t) {
    svg.appendChild(svgEl('line', { x1: x(t), x2: x(t), y1: top, y2: h - bottom, class: 'grid' }));
    svg.appendChild(svgEl('text', { x: x(t), y: h - bottom + 16, 'text-anchor': 'middle', class: 'tick' }, String(t)));
  });
  ticks(yr[0], yr[1], 5).forEach(function (t) {
    svg.appendChild(svgEl('line', { x1: left, x2: w - right, y1: y(t), y2: y(t), class: 'grid' }));
    svg.appendChild(svgEl('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, String(t)));
  });
  svg.appendChild(svgEl('text', { x: (left + w - right) / 2, y: h - 10, 'text-anchor': 'middle', class: 'axis' }, 'mean door-to-door time (min)'));
  svg.appendChild(svgEl('text', { x: 14, y: (top + h - bottom) / 2, 'text-anchor': 'middle', class: 'axis', transform: 'rotate(-90 14 ' + (top + h - bottom) / 2 + ')' }, 'mean exposure'));
  var front = points.filter(function (p) { return p.onFront; }).sort(function (a, b) { return a.meanTimeS - b.meanTimeS; });
  if (front.length > 1) {
    svg.appendChild(svgEl('polyline', { class: 'front', points: front.map(function (p) { return x(p.meanTimeS / 60) + ',' + y(p.meanExposure); }).join(' ') }));
  }
  points.forEach(function (p) {
    var g = svgEl('g', { class: 'plan-point' + (p.onFront ? ' on-front' : ''), 'data-plan': p.plan });
    g.appendChild(svgEl('circle', { cx: x(p.meanTimeS / 60), cy: y(p.meanExposure), r: 6 }));
    g.appendChild(svgEl('text', { x: x(p.meanTimeS / 60) + 9, y: y(p.meanExposure) - 7, class: 'label' }, p.plan));
    g.appendChild(svgEl('title', {}, p.plan + ': ' + fmtMin(p.meanTimeS) + ' min, exposure ' + fmtScore(p.meanExposure) + (p.onFront ? ' (on the front)' : ' (dominated)')));
    svg.appendChild(g);
  });
  return svg;
}

/**
 * One small histogram per plan of its door-to-door time (min) over every variant and sample that arrived,
 * on one shared axis; a plan with no such sample (histogram null) gets its row with "did not arrive".
 */
function timeHistogramChart(hists) {
  var rows = hists.filter(function (h) { return !h.histogram || h.histogram.counts.length; });
  var drawn = rows.filter(function (h) { return h.histogram; });
  var w = 640, rowH = 46, left = 130, right = 24, top = 10;
  var h = top + rows.length * rowH + 30;
  var svg = svgEl('svg', { viewBox: '0 0 ' + w + ' ' + h, class: 'time-histograms', role: 'img', 'aria-label': 'Door-to-door time per plan' });
  if (!rows.length) return svg;
  var end = function (x) { return x.histogram.start + Math.max(1, x.histogram.counts.length) * x.histogram.width; };
  var lo = drawn.length ? Math.min.apply(null, drawn.map(function (x) { return x.histogram.start; })) / 60 : 0;
  var hi = drawn.length ? Math.max.apply(null, drawn.map(function (x) { return x.histogram.width ? end(x) : x.histogram.start + 60; })) / 60 : 1;
  if (!(hi > lo)) hi = lo + 1;
  var xs = function (v) { return left + ((v - lo) / (hi - lo)) * (w - left - right); };
  ticks(lo, hi, 6).forEach(function (t) {
    svg.appendChild(svgEl('line', { x1: xs(t), x2: xs(t), y1: top, y2: h - 26, class: 'grid' }));
    svg.appendChild(svgEl('text', { x: xs(t), y: h - 10, 'text-anchor': 'middle', class: 'tick' }, String(t)));
  });
  rows.forEach(function (x, i) {
    var g = svgEl('g', { class: 'plan-histogram' + (x.histogram ? '' : ' absent'), 'data-plan': x.plan });
    var base = top + (i + 1) * rowH - 6;
    if (!x.histogram) {
      g.appendChild(svgEl('text', { x: left - 8, y: base - 4, 'text-anchor': 'end', class: 'label' }, x.plan));
      g.appendChild(svgEl('text', { x: left, y: base - 4, class: 'absent-note' }, 'did not arrive'));
      svg.appendChild(g);
      return;
    }
    var most = Math.max.apply(null, x.histogram.counts);
    var width = x.histogram.width || 60;
    g.appendChild(svgEl('text', { x: left - 8, y: base - 4, 'text-anchor': 'end', class: 'label' }, x.plan));
    x.histogram.counts.forEach(function (c, b) {
      var x0 = xs((x.histogram.start + b * width) / 60);
      var x1 = xs((x.histogram.start + (b + 1) * width) / 60);
      var bh = most ? (c / most) * (rowH - 12) : 0;
      g.appendChild(svgEl('rect', { x: x0, y: base - bh, width: Math.max(0.5, x1 - x0 - 0.5), height: bh, class: 'bin', 'data-count': c }));
    });
    svg.appendChild(g);
  });
  return svg;
}
