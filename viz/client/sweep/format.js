/* Formatting and DOM helpers of the sweep page. The sweep speaks seconds and score units (seconds +
   exposure-seconds); people read minutes. Scores, times and exposure are over the samples that arrived:
   null where none did ("did not arrive") or where there was no route. */

var SVG_NS = 'http://www.w3.org/2000/svg';

/** An element with properties (className, text, title) and children. */
function el(tag, props, children) {
  var e = document.createElement(tag);
  props = props || {};
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.title) e.title = props.title;
  if (props.attrs) Object.keys(props.attrs).forEach(function (k) { e.setAttribute(k, props.attrs[k]); });
  (children || []).forEach(function (c) { e.appendChild(c); });
  return e;
}

/** An SVG element with attributes. */
function svgEl(tag, attrs, text) {
  var e = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Seconds → minutes with one decimal; "no route" for null. */
function fmtMin(s) {
  return s === null || s === undefined ? 'no route' : (s / 60).toFixed(1);
}

/** A score or exposure, whole; "no route" for null. */
function fmtScore(x) {
  return x === null || x === undefined ? 'no route' : String(Math.round(x));
}

/** A ranked entry's value x (score, time or exposure) in `fmt`: "did not arrive" when it has samples but none arrived, "no route" when it has none. */
function fmtEntry(e, x, fmt) {
  return x !== null && x !== undefined ? fmt(x) : e.arrivedShare === null ? 'no route' : 'did not arrive';
}

function fmtShare(x) {
  return x === null || x === undefined ? '—' : Math.round(x * 100) + ' %';
}

/** Round axis ticks over [lo, hi]: about `n` of them at 1, 2 or 5 × a power of ten. */
function ticks(lo, hi, n) {
  var span = hi - lo || 1;
  var step = Math.pow(10, Math.floor(Math.log10(span / n)));
  var err = span / n / step;
  step *= err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1;
  var out = [];
  for (var t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Math.round(t / step) * step);
  return out;
}
