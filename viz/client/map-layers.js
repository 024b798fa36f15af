/* The live map: Leaflet without tiles. Roads and water come from the report's own data, one SVG path per
   road class, in muted greys so that the routes (one hue per movement, one line style per option) stand
   out; exposure is a separate layer of coloured bands under the routes. Labels are placed by labels.js
   around the markers and routes. Every layer is registered under a key for the toggles (legend.js) and
   for tests (window.motorcadeReport). */

var ROAD_STYLES = {
  motorway: { color: '#9c927f', weight: 3 },
  major: { color: '#aaa291', weight: 2.2 },
  link: { color: '#aaa291', weight: 1.4 },
  minor: { color: '#c8c2b5', weight: 0.9 },
  other: { color: '#d6d1c6', weight: 0.7 }
};
var WATER_STYLE = { color: '#8fb8d8', weight: 0.5, fillColor: '#aacde8', fillOpacity: 1, opacity: 1 };
var RESPONDER_COLORS = { police: '#1f5fbf', qrf: '#7b3fb0', ambulance: '#2a9d8f', eod: '#8c6d1f' };
var RESPONDER_LETTER = { police: 'P', qrf: 'Q', ambulance: 'A', eod: 'E' };
/** One hue per movement (dark enough for a 4 px line on the pale basemap; no reds or oranges, which
    belong to exposure and threats). Past the list, hues repeat with the next line-weight step. */
var MOVEMENT_COLORS = ['#1f5fbf', '#1b9e77', '#7b3fb0', '#a6761d', '#d6339b', '#0b7285', '#5c8a00', '#3949ab', '#6d4c41', '#00838f', '#8e24aa', '#37474f'];
/** One line style per option of a movement, in the scenario's order. */
var OPTION_DASHES = [null, '12 7', '2 6', '14 5 3 5', '6 3'];
var OPTION_DASH_NAMES = ['solid', 'dashed', 'dotted', 'dash-dot', 'short dash'];
/** Exposure classes, low → high (ColorBrewer YlOrRd): drawn as a band under the route lines. */
var EXPOSURE_COLORS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];

function movementColor(i) {
  return MOVEMENT_COLORS[i % MOVEMENT_COLORS.length];
}

function optionDash(j) {
  return OPTION_DASHES[j % OPTION_DASHES.length];
}

function optionDashName(j) {
  return OPTION_DASH_NAMES[j % OPTION_DASH_NAMES.length];
}

/** A round number near x: 1, 2, 2.5 or 5 × 10^k (exposure class breaks people can read and remember). */
function roundBreak(x) {
  if (!(x > 0)) return 0;
  var p = Math.pow(10, Math.floor(Math.log10(x)));
  var steps = [1, 2, 2.5, 5, 10];
  var best = steps[0];
  steps.forEach(function (s) { if (Math.abs(Math.log(x / (s * p))) < Math.abs(Math.log(x / (best * p)))) best = s; });
  return best * p;
}

/**
 * Class breaks of exposure per km over every route piece of the report: quintiles of the distinct
 * values (so that the classes separate the routes actually compared, not one extreme stretch against
 * the rest), each rounded to a round number. breaks[i] is the lower bound of class i + 1.
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
    var b = distinct.length ? roundBreak(distinct[Math.min(distinct.length - 1, Math.round((k * distinct.length) / EXPOSURE_COLORS.length))]) : 0;
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

function shortName(name) {
  if (/^-?\d/.test(name)) return name; // "lon,lat" places keep their coordinates
  var cut = name.search(/[,(]/);
  return (cut > 3 ? name.slice(0, cut) : name).trim();
}

function responderColor(type) {
  return RESPONDER_COLORS[type] || '#555555';
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
  // Exposure bands sit under the routes (overlayPane is z-index 400), labels over the markers (600).
  map.createPane('exposure').style.zIndex = 390;
  map.createPane('areas').style.zIndex = 380;
  var exposureRenderer = L.svg({ pane: 'exposure', padding: 0.3 });
  var areaRenderer = L.svg({ pane: 'areas', padding: 0.3 });
  // The basemap is SVG: bench/report-render.ts measured it as fast as one canvas (each road class is one
  // path element), and it prints as vectors. '#canvas-roads' draws it on a canvas, for that bench.
  var basemapRenderer = /(^|[#&])canvas-roads\b/.test(location.hash) ? L.canvas({ padding: 0.3 }) : L.svg({ padding: 0.3 });
  // Every toggle is an entry here. A plain entry owns one layer. A per-route entry (exposure, hotspots,
  // chokepoints, gaps) owns one layer group per route option, shown only while both its own toggle and
  // that route's toggle are on: switching a route off also hides its markers.
  var layers = {};
  var perRoute = {};
  function register(key, label, layer, on, group) {
    layers[key] = { key: key, label: label, layer: layer, group: group || 'Map', on: !!on };
    if (on) layer.addTo(map);
  }
  function registerPerRoute(key, label, on, fill, group) {
    var groups = {};
    data.movements.forEach(function (m, mi) {
      m.options.forEach(function (o, oi) {
        var g = L.layerGroup();
        fill(m, o, g, mi, oi);
        if (g.getLayers().length > 0) groups[m.id + ':' + o.id] = g;
      });
    });
    perRoute[key] = groups;
    layers[key] = { key: key, label: label, layer: null, group: group || 'Map', on: !!on };
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
    if (chokeLayer) chokeLayer.relayout();
    if (labelLayer) labelLayer.relayout();
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
  var labelLayer = null;
  var chokeLayer = null;

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

  // Service areas: per responder type an outline and a light fill of the roads its units reach in time.
  data.serviceAreas.forEach(function (a) {
    if (a.outline.length === 0) return;
    var c = responderColor(a.type);
    var shape = L.polygon(a.outline.map(decodeLatLngs), { renderer: areaRenderer, color: c, weight: 1.6, opacity: 0.9, fillColor: c, fillOpacity: 0.08, interactive: false, className: 'service-area service-area-' + a.type });
    register('service-area:' + a.type, a.type + ' within ' + fmtMin(a.targetS), shape, false, 'Service areas');
  });

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
  registerPerRoute('exposure', 'Exposure along the routes', true, function (m, o, g) {
    if (!o.found) return;
    o.pieces.forEach(function (p) {
      L.polyline(decodeLatLngs(p.line), { renderer: exposureRenderer, color: scale.color(p.exposurePerKm), weight: 14, opacity: 0.7, lineCap: 'butt', interactive: false, className: 'exposure-band exposure-class-' + scale.classOf(p.exposurePerKm) }).addTo(g);
    });
  });

  data.movements.forEach(function (m, mi) {
    m.options.forEach(function (o, oi) {
      if (!o.found || o.pieces.length === 0) return;
      var g = L.layerGroup();
      var line = o.pieces.map(function (p) { return decodeLatLngs(p.line); });
      L.polyline(line, { color: '#ffffff', weight: o.recommended ? 8 : 6, opacity: 0.9, interactive: false, className: 'route-casing' }).addTo(g);
      L.polyline(line, {
        color: movementColor(mi),
        weight: o.recommended ? 5 : 3.5,
        opacity: 1,
        dashArray: optionDash(oi),
        lineCap: optionDash(oi) ? 'butt' : 'round',
        className: 'route-line route-' + m.id + '-' + o.id + (o.recommended ? ' route-recommended' : '')
      }).bindTooltip(esc(m.id + ': ' + m.label) + '<br>option ' + esc(o.id) + ' (' + esc(o.label) + (o.recommended ? ', recommended' : '') + ') · time p50 ' +
        fmtMin(o.timeS.p50) + ' · exposure p50 ' + fmtExp(o.exposure.total.p50), { sticky: true }).addTo(g);
      register('route:' + m.id + ':' + o.id, o.id + (o.recommended ? ' ★' : ''), g, true, 'Routes');
    });
  });

  registerPerRoute('hotspots', 'Exposure hotspots', true, function (m, o, g) {
    o.hotspots.forEach(function (h) {
      L.circleMarker([h.lat, h.lon], { radius: 6, color: '#7f0000', weight: 2, fillColor: '#ef6548', fillOpacity: 0.9, className: 'hotspot' })
        .bindTooltip('Hotspot on ' + esc(m.id + '/' + o.id) + ': ' + fmtExp(h.exposure) + ' exposure-s<br>' + esc(h.label)).addTo(g);
    });
  });
  // The chokepoint diamonds themselves are one decluttered layer over all routes (chokepoints.js); this
  // toggle switches them together with the routes' critical edges.
  registerPerRoute('chokepoints', 'Chokepoints and critical edges', true, function (m, o, g) {
    o.robustness.items.forEach(function (c) {
      L.circleMarker([c.lat, c.lon], { radius: 5, color: '#222222', weight: 2, fill: false, className: 'critical-edge' })
        .bindTooltip('Closure on ' + esc(m.id + '/' + o.id) + ': ' + (c.cannotArrive ? 'cannot arrive if closed' : c.extraS === null ? 'the route starts or ends on it' : 'closing it costs ' + fmtMin(c.extraS, false, true)) + '<br>' + esc(c.label)).addTo(g);
    });
  });
  // Many markers (every worst stretch of every type): off until asked for.
  registerPerRoute('gaps', 'Coverage gaps (beyond target)', false, function (m, o, g) {
    (o.gaps || []).forEach(function (gap) {
      L.marker([gap.lat, gap.lon], { icon: letterIcon('!', '#e08214', 'mc-gap'), keyboard: false })
        .bindTooltip('Coverage gap on ' + esc(m.id + '/' + o.id) + ': ' + esc(gap.what) + ' ' + (gap.valueS === null ? 'unreachable' : fmtMin(gap.valueS)) +
          ' (target ' + fmtMin(gap.targetS) + ')<br>' + esc(gap.near)).addTo(g);
    });
  });

  var responders = L.layerGroup();
  data.responders.forEach(function (r) {
    L.marker([r.lat, r.lon], { icon: letterIcon(RESPONDER_LETTER[r.type] || '?', responderColor(r.type), 'mc-responder'), keyboard: false })
      .bindTooltip(esc(r.type) + ' × ' + r.count + ' at ' + esc(r.name) + ' (turnout ' + fmtMin(r.turnoutS) + ')').addTo(responders);
  });
  register('responders', 'Responders', responders, true);

  var care = L.layerGroup();
  var places = L.layerGroup();
  data.places.forEach(function (p) {
    if (p.role === 'hospital' || p.role === 'safe_haven') {
      var icon = p.role === 'hospital' ? letterIcon('+', '#c0392b', 'mc-hospital') : letterIcon('S', '#1b7837', 'mc-haven');
      L.marker([p.lat, p.lon], { icon: icon, keyboard: false, title: p.name }).addTo(care);
    } else {
      L.circleMarker([p.lat, p.lon], { radius: 5, color: '#111111', weight: 2, fillColor: '#ffffff', fillOpacity: 1, className: 'place' })
        .bindTooltip(esc(p.name)).addTo(places);
    }
  });
  register('hospitals', 'Hospitals and safe havens', care, true);
  register('places', 'Places of the scenario', places, true);

  var marks = L.layerGroup();
  otherLandmarks(data).forEach(function (l) {
    L.circleMarker([l.lat, l.lon], { radius: 2.5, color: '#555', weight: 1, fillColor: '#555', fillOpacity: 1, interactive: false, className: 'landmark-dot' }).addTo(marks);
  });
  register('landmarks', 'Landmarks and bridges', marks, true);
  if (data.streets.length > 0) register('streets', 'Street names', L.layerGroup(), true);
  performance.mark('motorcade-overlays-built');

  chokeLayer = chokepointLayer(map, data, layers);
  labelLayer = mapLabelLayer(map, data, layers);
  apply();

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

  return { map: map, layers: layers, register: register, setLayer: setLayer, onLayerChange: onLayerChange, scale: scale, setClock: setClock, showMovement: showMovement, onlyMovement: onlyMovement, labels: labelLayer, chokepoints: chokeLayer };
}

/** Metres between two points (equirectangular; city distances). */
function metresBetween(aLat, aLon, bLat, bLon) {
  var k = Math.cos((aLat * Math.PI) / 180);
  return Math.hypot((aLon - bLon) * k, aLat - bLat) * 111320;
}

/** Places to label: one label per name within 1 km (two places of one name close together read as one). */
function labelledPlaces(data) {
  var kept = [];
  data.places.forEach(function (p) {
    var name = shortName(p.name);
    if (!kept.some(function (q) { return shortName(q.name) === name && metresBetween(p.lat, p.lon, q.lat, q.lon) < 1000; })) kept.push(p);
  });
  return kept;
}

/**
 * Landmarks that are not already a place of the scenario: none within 150 m, and none within 2 km whose
 * name starts with the same word ("Techo airport" is the scenario's name for "Techo International Airport").
 */
function otherLandmarks(data) {
  var firstWord = function (s) { return s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)[0] || ''; };
  return data.landmarks.filter(function (l) {
    return !data.places.some(function (p) {
      var d = metresBetween(p.lat, p.lon, l.lat, l.lon);
      return d < 150 || (d < 2000 && firstWord(p.name) === firstWord(l.name));
    });
  });
}
