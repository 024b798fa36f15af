/* Labels on the live map: the scenario's places, landmarks and bridges at every zoom, street names
   (when the graph has them) from zoom 14 for main roads and 16 for the rest. After every move, zoom,
   resize or layer toggle they are placed again (labels.js) around the markers and routes then on the
   map. Labels are DOM text in a pane above the markers, hidden during the zoom animation. */

var LABEL_FONTS = {
  place: '600 11.5px system-ui, sans-serif',
  landmark: 'italic 500 11px system-ui, sans-serif',
  street: '500 10.5px system-ui, sans-serif'
};
var LABEL_H = { place: 18, landmark: 16, street: 14 };
/** Lowest zoom at which a street of a rank (5 motorway … 0 other) is named. */
function streetMinZoom(rank) {
  return rank >= 4 ? 14 : rank >= 3 ? 15 : 16;
}

function mapLabelLayer(map, data, layers) {
  var pane = map.createPane('labels');
  pane.style.zIndex = 650;
  pane.style.pointerEvents = 'none';
  var box = L.DomUtil.create('div', 'map-labels leaflet-zoom-hide', pane);

  var cands = [];
  labelledPlaces(data).forEach(function (p) {
    var care = p.role === 'hospital' || p.role === 'safe_haven';
    cands.push({ kind: 'place', text: shortName(p.name), title: p.name, lat: p.lat, lon: p.lon, layer: care ? 'hospitals' : 'places', r: 10, priority: 0 });
  });
  otherLandmarks(data).forEach(function (l) {
    cands.push({ kind: 'landmark', text: l.name, title: l.name, lat: l.lat, lon: l.lon, layer: 'landmarks', r: 4, priority: l.kind === 'bridge' ? 1 : 1.5, bridge: l.kind === 'bridge' });
  });
  data.streets.forEach(function (s) {
    cands.push({ kind: 'street', text: s.name, title: s.name, lat: s.lat, lon: s.lon, layer: 'streets', center: true, angle: s.angle, minZoom: streetMinZoom(s.rank), priority: 2 + (5 - s.rank) / 10 });
  });
  cands.forEach(function (c) {
    c.w = textWidth(c.text, LABEL_FONTS[c.kind]) + (c.kind === 'street' ? 2 : 6);
    c.h = LABEL_H[c.kind];
    c.el = null;
  });

  function element(c) {
    if (c.el) return c.el;
    var outer = L.DomUtil.create('div', 'map-label-pos', box);
    var span = L.DomUtil.create('span', 'map-label ' + c.kind + '-label' + (c.bridge ? ' bridge-label' : ''), outer);
    span.textContent = c.text;
    span.title = c.title;
    if (c.kind === 'street') span.style.transform = 'translate(-50%, -50%) rotate(' + -c.angle + 'deg)';
    c.el = outer;
    return outer;
  }

  /** What labels must not cover: visible markers (hard) and route lines (soft), in container pixels. */
  function obstacles(size) {
    var points = [], lines = [];
    var inView = function (p, pad) { return p.x > -pad && p.y > -pad && p.x < size.x + pad && p.y < size.y + pad; };
    map.eachLayer(function (l) {
      var cls = (l.options && l.options.className) || '';
      if (l instanceof L.Marker) {
        var p = map.latLngToContainerPoint(l.getLatLng());
        var size = l.options.icon && l.options.icon.options.iconSize;
        if (inView(p, 20)) points.push({ x: p.x, y: p.y, r: size ? Math.max(10, size[0] / 2 + 1) : 10 });
      } else if (l instanceof L.CircleMarker && !(l instanceof L.Circle)) {
        var q = map.latLngToContainerPoint(l.getLatLng());
        if (inView(q, 20)) points.push({ x: q.x, y: q.y, r: l.getRadius() + 2 });
      } else if (l instanceof L.Polyline && cls.indexOf('route-line') >= 0) {
        var ll = l.getLatLngs();
        (L.LineUtil.isFlat(ll) ? [ll] : ll).forEach(function (part) {
          lines.push(part.map(function (x) { var c = map.latLngToContainerPoint(x); return [c.x, c.y]; }));
        });
      }
    });
    return { points: points, lines: lines, lineWidth: 7 };
  }

  function relayout() {
    var size = map.getSize();
    var zoom = map.getZoom();
    var active = cands.filter(function (c) {
      var on = layers[c.layer] && layers[c.layer].on && (!c.minZoom || zoom >= c.minZoom);
      if (!on && c.el) c.el.style.display = 'none';
      return on;
    });
    var placed = placeLabels({ w: size.x, h: size.y }, obstacles(size), active.map(function (c) {
      var p = map.latLngToContainerPoint([c.lat, c.lon]);
      return { x: p.x, y: p.y, w: c.w, h: c.h, r: c.r || 0, priority: c.priority, center: !!c.center, angle: c.angle || 0 };
    }));
    active.forEach(function (c, i) {
      var at = placed[i];
      if (c.leaderEl) c.leaderEl.style.display = 'none';
      if (!at) { if (c.el) c.el.style.display = 'none'; return; }
      if (at.leader) drawLeader(c, at.leader);
      var el = element(c);
      el.style.display = '';
      // Street names are centred on their anchor by their own transform; the others sit at their box.
      var corner = c.center ? L.point(at.left + c.w / 2, at.top + c.h / 2) : L.point(at.left, at.top);
      L.DomUtil.setPosition(el, map.containerPointToLayerPoint(corner));
    });
    box.setAttribute('data-placed', String(placed.filter(Boolean).length));
    box.setAttribute('data-candidates', String(active.length));
  }
  /** A thin line from a far label back to its anchor: a 1 px div rotated about its start. */
  function drawLeader(c, ln) {
    if (!c.leaderEl) {
      c.leaderEl = L.DomUtil.create('div', 'map-label-pos label-leader', box);
      L.DomUtil.create('div', 'label-leader-line', c.leaderEl);
    }
    var len = Math.hypot(ln.x1 - ln.x0, ln.y1 - ln.y0);
    var line = c.leaderEl.firstChild;
    line.style.width = len.toFixed(1) + 'px';
    line.style.transform = 'rotate(' + Math.atan2(ln.y1 - ln.y0, ln.x1 - ln.x0) + 'rad)';
    c.leaderEl.style.display = '';
    L.DomUtil.setPosition(c.leaderEl, map.containerPointToLayerPoint(L.point(ln.x0, ln.y0)));
  }
  map.on('moveend zoomend resize', relayout);
  return { relayout: relayout };
}
