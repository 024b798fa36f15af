/* The map: Leaflet without tiles. Roads and water come from the report's own data, one SVG path per road
   class; routes, zones and markers are SVG/DOM too, so everything stays crisp in print. Service areas
   (tens of thousands of translucent lines, off by default) go on a canvas. Every layer
   is registered under a key for the toggles (legend.js) and for tests (window.motorcadeReport). */

var ROAD_STYLES = {
  motorway: { color: '#d9732b', weight: 3 },
  major: { color: '#e9b44c', weight: 2.2 },
  link: { color: '#e9b44c', weight: 1.4 },
  minor: { color: '#b9b4a9', weight: 0.9 },
  other: { color: '#cfcac0', weight: 0.7 }
};
var WATER_STYLE = { color: '#8fb8d8', weight: 0.5, fillColor: '#aacde8', fillOpacity: 1, opacity: 1 };
var RESPONDER_COLORS = { police: '#1f5fbf', qrf: '#7b3fb0', ambulance: '#2a9d8f', eod: '#8c6d1f' };
var RESPONDER_LETTER = { police: 'P', qrf: 'Q', ambulance: 'A', eod: 'E' };
/** Exposure classes, low → high: green to red (ColorBrewer RdYlGn, reversed). */
var EXPOSURE_COLORS = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'];

var LABEL_MIN_ZOOM = 13;

function shortName(name) {
  if (/^-?\d/.test(name)) return name; // "lon,lat" places keep their coordinates
  var cut = name.search(/[,(]/);
  return (cut > 3 ? name.slice(0, cut) : name).trim();
}

function responderColor(type) {
  return RESPONDER_COLORS[type] || '#555555';
}

/**
 * Class breaks of exposure per km over every route piece of the report: quintiles of the distinct values,
 * so that the colours separate the routes actually compared (an equal-step scale lets one extreme
 * stretch paint everything else green). breaks[i] is the lower bound of class i + 1.
 */
function exposureScale(data) {
  var values = [];
  data.movements.forEach(function (m) {
    m.options.forEach(function (o) {
      o.pieces.forEach(function (p) { values.push(p.exposurePerKm); });
    });
  });
  values.sort(function (a, b) { return a - b; });
  var distinct = values.filter(function (v, i) { return i === 0 || v !== values[i - 1]; });
  var breaks = [];
  for (var k = 1; k < EXPOSURE_COLORS.length; k++) {
    var b = distinct.length ? distinct[Math.min(distinct.length - 1, Math.round((k * distinct.length) / EXPOSURE_COLORS.length))] : 0;
    if (b > 0 && (breaks.length === 0 || b > breaks[breaks.length - 1])) breaks.push(b);
  }
  return {
    breaks: breaks,
    max: values.length ? values[values.length - 1] : 0,
    classOf: function (v) {
      var i = 0;
      while (i < breaks.length && v >= breaks[i]) i++;
      return i;
    },
    color: function (v) {
      // With fewer breaks than colours, spread the classes over the whole ramp.
      var i = this.classOf(v);
      return EXPOSURE_COLORS[breaks.length === 0 ? 0 : Math.round((i * (EXPOSURE_COLORS.length - 1)) / breaks.length)];
    }
  };
}

function windowsText(ws) {
  return ws.map(function (w) {
    return w.fromS <= 0 && w.toS >= 86400 ? 'all day' : fmtClock(w.fromS).slice(0, 5) + '–' + fmtClock(w.toS).slice(0, 5);
  }).join(', ');
}

function letterIcon(letter, color, extraClass) {
  return L.divIcon({
    className: 'mc-icon ' + (extraClass || ''),
    html: '<span style="background:' + color + '">' + letter + '</span>',
    iconSize: [18, 18],
    iconAnchor: [9, 9]
  });
}

function buildMap(data) {
  var map = L.map('map', { zoomSnap: 0.25, preferCanvas: false, attributionControl: true, worldCopyJump: false });
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution(data.attribution);
  var b = data.bbox;
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
  var canvas = L.canvas({ padding: 0.3 });
  // The basemap is SVG: bench/report-render.ts measured it as fast as one canvas (each road class is one
  // path element), and it prints as vectors. '#canvas-roads' draws it on a canvas, for that bench.
  var basemapRenderer = /(^|[#&])canvas-roads\b/.test(location.hash) ? canvas : L.svg({ padding: 0.3 });
  // Every toggle is an entry here. A plain entry owns one layer. A per-route entry (hotspots,
  // chokepoints, gaps) owns one layer group per route option, shown only while both its own toggle and
  // that route's toggle are on: switching a route off also hides its markers.
  var layers = {};
  var perRoute = {};
  function register(key, label, layer, on, group) {
    layers[key] = { key: key, label: label, layer: layer, group: group || 'Map', on: !!on };
    if (on) layer.addTo(map);
  }
  function registerPerRoute(key, label, on, fill) {
    var groups = {};
    data.movements.forEach(function (m) {
      m.options.forEach(function (o) {
        var g = L.layerGroup();
        fill(m, o, g);
        if (g.getLayers().length > 0) groups[m.id + ':' + o.id] = g;
      });
    });
    perRoute[key] = groups;
    layers[key] = { key: key, label: label, layer: null, group: 'Map', on: !!on };
  }
  function apply() {
    Object.keys(layers).forEach(function (key) {
      var l = layers[key];
      if (l.layer) {
        if (l.on && !map.hasLayer(l.layer)) map.addLayer(l.layer);
        else if (!l.on && map.hasLayer(l.layer)) map.removeLayer(l.layer);
      }
    });
    Object.keys(perRoute).forEach(function (key) {
      var groups = perRoute[key];
      Object.keys(groups).forEach(function (rk) {
        var route = layers['route:' + rk];
        var want = layers[key].on && (!route || route.on);
        if (want && !map.hasLayer(groups[rk])) map.addLayer(groups[rk]);
        else if (!want && map.hasLayer(groups[rk])) map.removeLayer(groups[rk]);
      });
    });
  }
  var listeners = [];
  function setLayer(key, on) {
    if (!layers[key]) return;
    layers[key].on = !!on;
    apply();
    listeners.forEach(function (f) { f(key, !!on); });
  }
  function onLayerChange(f) { listeners.push(f); }
  /** Show the routes of one movement only (and fit the map to them). */
  function onlyMovement(id) {
    Object.keys(layers).forEach(function (key) {
      if (key.indexOf('route:') === 0) setLayer(key, key.indexOf('route:' + id + ':') === 0);
    });
    showMovement(id);
  }

  // Water below roads.
  var water = data.basemap.water.map(function (poly) { return poly.map(decodeLatLngs); });
  register('water', 'Rivers and water', L.polygon(water, Object.assign({ renderer: basemapRenderer, interactive: false, className: 'basemap-water' }, WATER_STYLE)), true);

  var roads = L.layerGroup();
  data.basemap.roads.forEach(function (r) {
    var st = ROAD_STYLES[r.style] || ROAD_STYLES.other;
    L.polyline(r.lines.map(decodeLatLngs), { renderer: basemapRenderer, color: st.color, weight: st.weight, opacity: 1, interactive: false, smoothFactor: 1, className: 'basemap-road road-' + r.style }).addTo(roads);
  });
  register('roads', 'Roads by class', roads, true);
  performance.mark('motorcade-basemap-built');

  // Service areas name basemap lines by index (numbered across the road styles in drawing order).
  var allRoadLines = [];
  data.basemap.roads.forEach(function (r) { r.lines.forEach(function (l) { allRoadLines.push(l); }); });
  // Built on first display: tens of thousands of lines nobody sees until the layer is switched on.
  var areas = L.layerGroup();
  var areasBuilt = false;
  areas.on('add', function () {
    if (areasBuilt) return;
    areasBuilt = true;
    data.serviceAreas.forEach(function (a) {
      if (a.roads.length === 0) return;
      var idx = 0;
      var lines = a.roads.map(function (d) { idx += d; return decodeLatLngs(allRoadLines[idx]); });
      L.polyline(lines, { renderer: canvas, color: responderColor(a.type), weight: 6, opacity: 0.28, interactive: false, className: 'service-area' }).addTo(areas);
    });
  });
  register('service-areas', 'Responder service areas', areas, false);

  var threats = L.layerGroup();
  var threatShapes = [];
  data.threats.forEach(function (t) {
    var style = { color: '#b2182b', weight: 1.5, fillColor: '#d6604d', fillOpacity: 0.12 + 0.3 * Math.min(1, t.intensity), className: 'threat-zone' };
    var shape = t.circle ? L.circle([t.circle.lat, t.circle.lon], Object.assign({ radius: t.circle.radiusM }, style))
      : L.polygon(t.polygon.map(function (p) { return [p[1], p[0]]; }), style);
    shape.bindTooltip(esc(t.name) + ' (' + esc(t.kind) + ', intensity ' + t.intensity + ')<br>active ' + windowsText(t.windows), { sticky: true });
    shape.addTo(threats);
    threatShapes.push({ threat: t, shape: shape, style: style });
  });
  register('threats', 'Threat zones (with time windows)', threats, true);

  var scale = exposureScale(data);
  data.movements.forEach(function (m) {
    m.options.forEach(function (o) {
      if (!o.found || o.pieces.length === 0) return;
      var g = L.layerGroup();
      var casing = o.pieces.map(function (p) { return decodeLatLngs(p.line); });
      L.polyline(casing, { color: '#ffffff', weight: o.recommended ? 9 : 7, opacity: 0.9, interactive: false, className: 'route-casing' }).addTo(g);
      o.pieces.forEach(function (p) {
        L.polyline(decodeLatLngs(p.line), {
          color: scale.color(p.exposurePerKm),
          weight: o.recommended ? 6 : 4,
          opacity: 1,
          dashArray: o.recommended ? null : '10 7',
          className: 'route-line route-' + m.id + '-' + o.id + (o.recommended ? ' route-recommended' : '')
        }).bindTooltip(esc(m.label) + ' — option ' + esc(o.id) + ' (' + esc(o.label) + (o.recommended ? ', recommended' : '') + ')<br>' +
          fmtExp(p.exposurePerKm) + ' exposure-s/km here · time p50 ' + fmtDuration(o.timeS.p50), { sticky: true }).addTo(g);
      });
      register('route:' + m.id + ':' + o.id, m.id + ' · ' + o.id + ' (' + o.label + ')' + (o.recommended ? ' ★' : ''), g, true, 'Routes');
    });
  });

  registerPerRoute('hotspots', 'Exposure hotspots', true, function (m, o, g) {
    o.hotspots.forEach(function (h) {
      L.circleMarker([h.lat, h.lon], { radius: 7, color: '#7f0000', weight: 2, fillColor: '#ef6548', fillOpacity: 0.9, className: 'hotspot' })
        .bindTooltip('Hotspot on ' + esc(m.id + '/' + o.id) + ': ' + fmtExp(h.exposure) + ' exposure-s<br>' + esc(h.label)).addTo(g);
    });
  });
  registerPerRoute('chokepoints', 'Chokepoints and critical edges', true, function (m, o, g) {
    o.chokepoints.forEach(function (c) {
      L.marker([c.lat, c.lon], { icon: letterIcon('◆', '#5e3c99', 'mc-choke'), keyboard: false })
        .bindTooltip('Chokepoint (' + esc(c.kind) + ') on ' + esc(m.id + '/' + o.id) + ': ' + esc(c.reason)).addTo(g);
    });
    o.robustness.items.forEach(function (c) {
      L.circleMarker([c.lat, c.lon], { radius: 5, color: '#222222', weight: 2, fill: false, className: 'critical-edge' })
        .bindTooltip('Critical edge on ' + esc(m.id + '/' + o.id) + ': closing it costs ' + (c.extraS === null ? 'no detour exists' : '+' + fmtDuration(c.extraS)) + '<br>' + esc(c.label)).addTo(g);
    });
  });
  // Many markers (every worst stretch of every type): off until asked for.
  registerPerRoute('gaps', 'Coverage gaps (beyond target)', false, function (m, o, g) {
    (o.gaps || []).forEach(function (gap) {
      L.marker([gap.lat, gap.lon], { icon: letterIcon('!', '#e08214', 'mc-gap'), keyboard: false })
        .bindTooltip('Coverage gap on ' + esc(m.id + '/' + o.id) + ': ' + esc(gap.what) + ' ' + (gap.valueS === null ? 'unreachable' : fmtDuration(gap.valueS)) +
          ' (target ' + fmtDuration(gap.targetS) + ')<br>' + esc(gap.near)).addTo(g);
    });
  });
  apply();

  var responders = L.layerGroup();
  data.responders.forEach(function (r) {
    L.marker([r.lat, r.lon], { icon: letterIcon(RESPONDER_LETTER[r.type] || '?', responderColor(r.type), 'mc-responder'), keyboard: false })
      .bindTooltip(esc(r.type) + ' × ' + r.count + ' at ' + esc(r.name) + ' (turnout ' + fmtDuration(r.turnoutS) + ')').addTo(responders);
  });
  register('responders', 'Responders', responders, true);

  var care = L.layerGroup();
  var places = L.layerGroup();
  // Labels are DOM text in a divIcon, not permanent tooltips: a tooltip measures itself on every update
  // (a forced layout each, which the profiler showed as most of the map's start-up time).
  data.places.forEach(function (p) {
    var short = shortName(p.name);
    var label = L.marker([p.lat, p.lon], {
      icon: L.divIcon({ className: 'place-label-icon', html: '<span class="place-label"></span>', iconSize: null, iconAnchor: [-9, 9] }),
      keyboard: false, interactive: false
    });
    label.on('add', function () { var e = label.getElement(); if (e) e.firstChild.textContent = short; });
    if (p.role === 'hospital' || p.role === 'safe_haven') {
      var icon = p.role === 'hospital' ? letterIcon('+', '#c0392b', 'mc-hospital') : letterIcon('S', '#1b7837', 'mc-haven');
      L.marker([p.lat, p.lon], { icon: icon, keyboard: false, title: p.name }).addTo(care);
      label.addTo(care);
    } else {
      L.circleMarker([p.lat, p.lon], { radius: 5, color: '#111111', weight: 2, fillColor: '#ffffff', fillOpacity: 1, className: 'place' })
        .bindTooltip(esc(p.name)).addTo(places);
      label.addTo(places);
    }
  });
  register('hospitals', 'Hospitals and safe havens', care, true);
  register('places', 'Places (labels)', places, true);
  performance.mark('motorcade-overlays-built');

  // Labels only when zoomed in enough to read them; zoomed out they would pile up on the centre.
  function labelsByZoom() {
    var c = map.getContainer();
    if (map.getZoom() < LABEL_MIN_ZOOM) c.classList.add('labels-hidden');
    else c.classList.remove('labels-hidden');
  }
  map.on('zoomend', labelsByZoom);
  labelsByZoom();

  /** Fit the map to one movement's routes (the "show on map" buttons of the tables). */
  function showMovement(id) {
    var b = L.latLngBounds([]);
    data.movements.forEach(function (m) {
      if (m.id !== id) return;
      m.options.forEach(function (o) { o.pieces.forEach(function (p) { b.extend(L.latLngBounds(decodeLatLngs(p.line))); }); });
    });
    if (b.isValid()) map.fitBounds(b, { padding: [30, 30] });
    map.getContainer().scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  /** Playback: threat zones fade when inactive at the clock time. */
  function setClock(tS) {
    threatShapes.forEach(function (ts) {
      var active = ts.threat.windows.some(function (w) { return tS >= w.fromS && tS < w.toS; });
      ts.shape.setStyle({ fillOpacity: active ? ts.style.fillOpacity + 0.15 : 0.04, opacity: active ? 1 : 0.35 });
    });
  }

  return { map: map, layers: layers, register: register, setLayer: setLayer, onLayerChange: onLayerChange, scale: scale, setClock: setClock, showMovement: showMovement, onlyMovement: onlyMovement };
}
