/* Label placement shared by the live map and the printed maps: greedy, in priority order, with collision
   boxes in screen pixels (or SVG units). Each label tries eight positions around its anchor, at two
   distances; a position is refused when it leaves the view, overlaps a placed label or a marker, and
   among the rest the one crossing the fewest route cells wins (routes are soft obstacles: a label may
   touch a route only when every free spot does). A required label (priority 0: the scenario's places)
   that finds no free spot near its anchor tries two further rings and is then drawn with a leader line
   back to its anchor. A label with no free position at all is not drawn: a hidden label is better than
   one covering another. Occupancy is kept on grids, so a layout of a few hundred
   candidates costs a few milliseconds. */

var LABEL_GRID = 4; // px per cell of the label/marker grids
var ROUTE_GRID = 6; // px per cell of the route grid

function Occupancy(w, h, cell) {
  this.cell = cell;
  this.cols = Math.max(1, Math.ceil(w / cell) + 1);
  this.rows = Math.max(1, Math.ceil(h / cell) + 1);
  this.bits = new Uint8Array(this.cols * this.rows);
}
Occupancy.prototype.range = function (b) {
  var c = this.cell;
  return {
    x0: Math.max(0, Math.floor(b.x0 / c)), y0: Math.max(0, Math.floor(b.y0 / c)),
    x1: Math.min(this.cols - 1, Math.floor(b.x1 / c)), y1: Math.min(this.rows - 1, Math.floor(b.y1 / c))
  };
};
Occupancy.prototype.addBox = function (b) {
  var r = this.range(b);
  for (var y = r.y0; y <= r.y1; y++) for (var x = r.x0; x <= r.x1; x++) this.bits[y * this.cols + x] = 1;
};
/** Cells of the box already taken. */
Occupancy.prototype.cost = function (b) {
  var r = this.range(b), n = 0;
  for (var y = r.y0; y <= r.y1; y++) for (var x = r.x0; x <= r.x1; x++) n += this.bits[y * this.cols + x];
  return n;
};
/** A line `width` wide, sampled every half cell. */
Occupancy.prototype.addSegment = function (ax, ay, bx, by, width) {
  var steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / (this.cell / 2)));
  var h = width / 2;
  for (var i = 0; i <= steps; i++) {
    var x = ax + ((bx - ax) * i) / steps, y = ay + ((by - ay) * i) / steps;
    this.addBox({ x0: x - h, y0: y - h, x1: x + h, y1: y + h });
  }
};

/** Text width in px for a CSS font (a canvas measures without touching the page's layout). */
var measureCanvas = null;
function textWidth(text, font) {
  measureCanvas = measureCanvas || document.createElement('canvas').getContext('2d');
  measureCanvas.font = font;
  return Math.ceil(measureCanvas.measureText(text).width);
}

/**
 * obstacles: { lines: [[x, y], …][], lineWidth, points: [{ x, y, r }] } in view units.
 * cands: [{ x, y, w, h, r, priority, center, angle }] (center: the label sits on its anchor, rotated by
 * angle degrees, as street names do; otherwise r is the anchor's clearance). Returns, per candidate in
 * input order, { left, top } of the unrotated box or null when not placed.
 */
function placeLabels(view, obstacles, cands) {
  var labels = new Occupancy(view.w, view.h, LABEL_GRID);
  var routes = new Occupancy(view.w, view.h, ROUTE_GRID);
  (obstacles.points || []).forEach(function (p) { labels.addBox({ x0: p.x - p.r, y0: p.y - p.r, x1: p.x + p.r, y1: p.y + p.r }); });
  (obstacles.lines || []).forEach(function (line) {
    for (var i = 1; i < line.length; i++) routes.addSegment(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1], obstacles.lineWidth || 6);
  });
  var order = cands.map(function (c, i) { return i; }).sort(function (a, b) { return cands[a].priority - cands[b].priority || a - b; });
  var out = new Array(cands.length);
  var margin = 2;
  order.forEach(function (i) {
    var c = cands[i];
    out[i] = null;
    var spots = c.center ? [[c.x - c.w / 2, c.y - c.h / 2]] : spotsAround(c, c.priority === 0 ? [c.r, c.r + 12, c.r + 32, c.r + 56] : [c.r, c.r + 12]);
    var best = null, bestCost = Infinity;
    for (var k = 0; k < spots.length; k++) {
      var left = spots[k][0], top = spots[k][1];
      var box = c.center && c.angle ? rotatedBox(c) : { x0: left, y0: top, x1: left + c.w, y1: top + c.h };
      if (box.x0 < margin || box.y0 < margin || box.x1 > view.w - margin || box.y1 > view.h - margin) continue;
      if (labels.cost(box) > 0) continue;
      var cost = routes.cost(box);
      if (c.center && cost > 0) continue; // a street name never sits on a route
      if (cost < bestCost) { bestCost = cost; best = { left: left, top: top, box: box, far: k >= 16 }; }
      if (cost === 0) break;
    }
    if (!best) return;
    // Pad placed labels by a cell so that neighbours keep a gap.
    labels.addBox({ x0: best.box.x0 - 2, y0: best.box.y0 - 1, x1: best.box.x1 + 2, y1: best.box.y1 + 1 });
    out[i] = { left: best.left, top: best.top, leader: best.far ? leaderOf(c, best.box) : null };
  });
  return out;
}

/** From the anchor to the nearest point of the label's box: { x0, y0, x1, y1 }. */
function leaderOf(c, box) {
  return { x0: c.x, y0: c.y, x1: Math.max(box.x0, Math.min(c.x, box.x1)), y1: Math.max(box.y0, Math.min(c.y, box.y1)) };
}

/** East, west, the four diagonals, north and south, at each distance from the anchor (8 spots a ring). */
function spotsAround(c, distances) {
  var out = [];
  distances.forEach(function (d) {
    var dd = d * 0.75;
    out.push([c.x + d, c.y - c.h / 2], [c.x - d - c.w, c.y - c.h / 2],
      [c.x + dd, c.y - dd - c.h], [c.x - dd - c.w, c.y - dd - c.h],
      [c.x + dd, c.y + dd], [c.x - dd - c.w, c.y + dd],
      [c.x - c.w / 2, c.y - d - c.h], [c.x - c.w / 2, c.y + d]);
  });
  return out;
}

/** Axis-aligned box of a label rotated about its centre (its anchor). */
function rotatedBox(c) {
  var a = (Math.abs(c.angle) * Math.PI) / 180;
  var hw = (c.w * Math.cos(a) + c.h * Math.sin(a)) / 2, hh = (c.w * Math.sin(a) + c.h * Math.cos(a)) / 2;
  return { x0: c.x - hw, y0: c.y - hh, x1: c.x + hw, y1: c.y + hh };
}
