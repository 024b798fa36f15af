/* Distributions: hand-written SVG box plots, one row per option. Whiskers span min..max over samples,
   the box spans the two quantiles the run reports (p50..p95), the bar marks p50 and the dot the mean. */

function niceMax(x) {
  if (!(x > 0)) return 1;
  var p = Math.pow(10, Math.floor(Math.log10(x)));
  var f = x / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** One chart: `pick(option)` gives BoxStats; `scaleDiv` turns values into display units (60 for minutes). */
function boxPlot(m, title, unit, pick, scaleDiv, color) {
  var opts = m.options.filter(function (o) { return o.found; });
  var W = 520, left = 90, right = 20, rowH = 28, top = 8, axisH = 42;
  var H = top + rowH * Math.max(1, opts.length) + axisH;
  var max = 0, min = Infinity;
  opts.forEach(function (o) { var b = pick(o); if (b.max > max) max = b.max; if (b.min < min) min = b.min; });
  var hi = niceMax(max / scaleDiv);
  var lo = 0;
  var x = function (v) { return left + ((v / scaleDiv - lo) / (hi - lo)) * (W - left - right); };
  var svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img', 'aria-label': title });
  svg.setAttribute('class', 'boxplot');
  opts.forEach(function (o, i) {
    var b = pick(o);
    var cy = top + rowH * i + rowH / 2;
    var g = svgEl('g', { 'data-option': o.id });
    var lbl = svgEl('text', { x: left - 8, y: cy + 4, 'text-anchor': 'end', 'font-size': 12, 'font-weight': o.recommended ? 'bold' : 'normal' });
    lbl.textContent = o.id + (o.recommended ? ' ★' : '');
    g.appendChild(lbl);
    g.appendChild(svgEl('line', { x1: x(b.min), y1: cy, x2: x(b.max), y2: cy, stroke: '#444', 'stroke-width': 1 }));
    g.appendChild(svgEl('line', { x1: x(b.min), y1: cy - 6, x2: x(b.min), y2: cy + 6, stroke: '#444' }));
    g.appendChild(svgEl('line', { x1: x(b.max), y1: cy - 6, x2: x(b.max), y2: cy + 6, stroke: '#444' }));
    g.appendChild(svgEl('rect', { x: x(b.lo), y: cy - 8, width: Math.max(1.5, x(b.hi) - x(b.lo)), height: 16, fill: color, 'fill-opacity': o.recommended ? 0.85 : 0.45, stroke: '#222' }));
    g.appendChild(svgEl('line', { x1: x(b.p50), y1: cy - 9, x2: x(b.p50), y2: cy + 9, stroke: '#000', 'stroke-width': 2.5 }));
    g.appendChild(svgEl('circle', { cx: x(b.mean), cy: cy, r: 3, fill: '#fff', stroke: '#000' }));
    var tip = svgEl('title', {});
    tip.textContent = o.id + ': min ' + fmtNum(b.min / scaleDiv) + ', ' + b.loLabel + ' ' + fmtNum(b.lo / scaleDiv) + ', ' + b.hiLabel + ' ' + fmtNum(b.hi / scaleDiv) + ', max ' + fmtNum(b.max / scaleDiv) + ', mean ' + fmtNum(b.mean / scaleDiv) + ' ' + unit;
    g.appendChild(tip);
    svg.appendChild(g);
  });
  var axisY = top + rowH * Math.max(1, opts.length) + 4;
  svg.appendChild(svgEl('line', { x1: left, y1: axisY, x2: W - right, y2: axisY, stroke: '#888' }));
  for (var k = 0; k <= 5; k++) {
    var v = lo + ((hi - lo) * k) / 5;
    var px = left + ((W - left - right) * k) / 5;
    svg.appendChild(svgEl('line', { x1: px, y1: axisY, x2: px, y2: axisY + 4, stroke: '#888' }));
    var t = svgEl('text', { x: px, y: axisY + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#333' });
    t.textContent = fmtNum(v);
    svg.appendChild(t);
  }
  var ut = svgEl('text', { x: W - right, y: axisY + 28, 'text-anchor': 'end', 'font-size': 11, fill: '#333' });
  ut.textContent = unit;
  svg.appendChild(ut);
  return el('figure', { className: 'chart' }, [svg, el('figcaption', { text: title })]);
}

function fmtNum(v) {
  return Math.abs(v) >= 100 ? String(Math.round(v)) : (Math.round(v * 10) / 10).toString();
}

function buildCharts(m) {
  var wrap = el('div', { className: 'charts' });
  if (m.options.every(function (o) { return !o.found; })) return wrap;
  wrap.appendChild(boxPlot(m, 'Travel time over samples (whiskers min–max, box p50–p95, dot mean)', 'minutes', function (o) { return o.distributions.timeS; }, 60, '#4575b4'));
  wrap.appendChild(boxPlot(m, 'Total exposure over samples (whiskers min–max, box p50–p95, dot mean)', 'exposure-seconds', function (o) { return o.distributions.exposure; }, 1, '#d73027'));
  return wrap;
}
