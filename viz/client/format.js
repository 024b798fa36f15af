/* Display formatting. The engine speaks seconds and metres; people read minutes, clock times and km. */

/**
 * Every duration of the report (tables, verdict, tooltips, charts, playback, deployment): decimal minutes
 * with one decimal, "12.3 min" ("12.3" when `bare`, under a heading that names the unit), rounded as the
 * engine's verdict and the terminal round them ((s / 60).toFixed(1)), so a number reads the same in the
 * report, in `motorcade run` and in the verdict above the table. Minutes, not m:ss: a clock time of day
 * (hh:mm) is also on the page and "12:30" would read as either. '—' for null/undefined. A sign is
 * written only when `signed` ("+1.5 min", "−0.4 min").
 */
function fmtMin(s, bare, signed) {
  if (s === null || s === undefined || !isFinite(s)) return '—';
  var body = (Math.abs(s) / 60).toFixed(1);
  var sign = s < 0 && body !== '0.0' ? '−' : signed && body !== '0.0' ? '+' : '';
  return sign + body + (bare ? '' : ' min');
}

function pad2(n) {
  return (n < 10 ? '0' : '') + n;
}

/** Seconds since midnight → "hh:mm:ss". */
function fmtClock(s) {
  var t = Math.max(0, Math.floor(s));
  return pad2(Math.floor(t / 3600) % 24) + ':' + pad2(Math.floor((t % 3600) / 60)) + ':' + pad2(t % 60);
}

/** A share 0..1 → "87%"; '—' for null. */
function fmtPct(x) {
  if (x === null || x === undefined || !isFinite(x)) return '—';
  return Math.round(x * 100) + '%';
}

/** Exposure in weighted seconds, one decimal. */
function fmtExp(x) {
  if (x === null || x === undefined || !isFinite(x)) return '—';
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1);
}

/** A plain number for axes and class breaks: whole from 100 up, else one decimal at most. */
function fmtNum(v) {
  return Math.abs(v) >= 100 ? String(Math.round(v)) : (Math.round(v * 10) / 10).toString();
}

function fmtKm(m) {
  return (m / 1000).toFixed(1) + ' km';
}

/** Escape text for the few places that take HTML (Leaflet tooltips): scenario names are data, not markup. */
function esc(s) {
  return String(s).replace(/[&<>"']/g, function (c) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
  });
}

/** Create an element with attributes and children (strings become text nodes: never innerHTML). */
function el(tag, attrs, children) {
  var e = document.createElement(tag);
  if (attrs) {
    for (var k in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] === undefined || attrs[k] === null) continue;
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'className') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
  }
  (children || []).forEach(function (c) {
    if (c === null || c === undefined) return;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  });
  return e;
}

var SVG_NS = 'http://www.w3.org/2000/svg';
function svgEl(tag, attrs) {
  var e = document.createElementNS(SVG_NS, tag);
  for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
  return e;
}
