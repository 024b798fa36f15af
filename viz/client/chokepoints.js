/* Chokepoints without the clutter. Every option of every movement lists its own chokepoints, so one
   junction or bridge end used by twelve routes came out as twelve diamonds on top of each other. Here
   the chokepoints of all routes become numbered sites (within CHOKE_SITE_M of each other: the same
   place), numbered by importance (routes through the site, then the strength of its reason); the number
   is the site's name on the map, in the key under each movement's table and on the printed maps. On the
   map one diamond is drawn per cluster: sites whose diamonds would touch at the current zoom merge into
   the most important one ("3+", the tooltip lists them all), so no two diamonds overlap at any zoom.
   A diamond grows with the routes through its site. */

/** Chokepoints of different routes this close (m) are one site: the same junction or bridge end. */
var CHOKE_SITE_M = 60;
/** Gap (px or print units) kept between two diamonds; closer, they merge. */
var CHOKE_GAP = 3;
var CHOKE_COLOR = '#5e3c99';
/** Declared by the planner first, then structural reasons, then "every option uses it". */
var CHOKE_KIND_RANK = { declared: 0, bridge: 1, roundabout: 2, betweenness: 3, shared: 4 };

function chokeKindRank(kind) {
  return kind in CHOKE_KIND_RANK ? CHOKE_KIND_RANK[kind] : 5;
}

/** "104.92344, 11.44966" (a place with no name near it) names nothing. */
function nearIsCoordinates(near) {
  return /^-?\d+(\.\d+)?, ?-?\d+(\.\d+)?$/.test(near || '');
}

var chokeSitesCache = null;
/**
 * The report's chokepoint sites, built once: { n, lat, lon, kind, name, routes: ['m:o'], members:
 * [{ movement, option, kind, reason }] }, numbered 1… by importance.
 */
function chokepointSites(data) {
  if (chokeSitesCache) return chokeSitesCache;
  var items = [];
  data.movements.forEach(function (m) {
    m.options.forEach(function (o) {
      if (!o.found) return;
      o.chokepoints.forEach(function (c) { items.push({ c: c, movement: m.id, option: o.id, order: items.length }); });
    });
  });
  // The strongest reasons seed the sites, so that a site sits where its main reason is.
  items.sort(function (a, b) { return chokeKindRank(a.c.kind) - chokeKindRank(b.c.kind) || a.order - b.order; });
  var sites = [];
  items.forEach(function (it) {
    var c = it.c;
    var s = sites.filter(function (x) { return metresBetween(x.lat, x.lon, c.lat, c.lon) < CHOKE_SITE_M; })[0];
    if (!s) {
      s = { n: 0, lat: c.lat, lon: c.lon, kind: c.kind, name: c.near || c.kind, routes: [], members: [] };
      sites.push(s);
    }
    // A place name beats "350 m from …", which beats bare coordinates.
    var better = function (a, b) { return (nearIsCoordinates(a) ? 2 : /^\d+ m from /.test(a) ? 1 : 0) < (nearIsCoordinates(b) ? 2 : /^\d+ m from /.test(b) ? 1 : 0); };
    if (c.near && better(c.near, s.name)) s.name = c.near;
    var route = it.movement + ':' + it.option;
    if (s.routes.indexOf(route) < 0) s.routes.push(route);
    s.members.push({ movement: it.movement, option: it.option, kind: c.kind, reason: c.reason });
  });
  sites.sort(function (a, b) { return b.routes.length - a.routes.length || chokeKindRank(a.kind) - chokeKindRank(b.kind) || a.lat - b.lat || a.lon - b.lon; });
  sites.forEach(function (s, i) { s.n = i + 1; });
  chokeSitesCache = sites;
  return sites;
}

/**
 * Width (= height) of a site's diamond: 20 px for one route, 2 px more per further route, up to 28;
 * at least wide enough for its number (the diamond is only as wide as w − 8 px at the text's height).
 */
function chokeSize(site) {
  var digits = String(site.n).length;
  return Math.max(20 + 2 * Math.min(4, site.routes.length - 1), digits >= 3 ? 28 : digits === 2 ? 22 : 18);
}

/**
 * Clusters of sites, most important first: a site whose diamond would meet an earlier cluster's diamond
 * (boxes, plus CHOKE_GAP) joins that cluster; otherwise it starts one. `at(site)` gives its [x, y].
 * The leads of the clusters are drawn, so no two drawn diamonds overlap.
 */
function clusterSites(sites, at) {
  var clusters = [];
  sites.forEach(function (s) {
    var p = at(s), w = chokeSize(s);
    var host = clusters.filter(function (c) {
      var reach = (c.w + w) / 2 + CHOKE_GAP;
      return Math.abs(c.x - p[0]) < reach && Math.abs(c.y - p[1]) < reach;
    })[0];
    if (host) host.sites.push(s);
    else clusters.push({ x: p[0], y: p[1], w: w, sites: [s] });
  });
  return clusters;
}

/** "3" for one site, "3+" when others merged into it (the + is drawn in the diamond's corner). */
function clusterText(cluster) {
  return cluster.sites[0].n + (cluster.sites.length > 1 ? '+' : '');
}

/**
 * The diamond, an <svg> w wide with its top-left at (x, y) (for the printed maps; the live map's icon
 * puts it at 0, 0): the site's number in the middle and, when others merged into it, a "+" in the free
 * top-right corner of its box.
 */
function diamondSvg(w, n, merged, x, y) {
  var h = w / 2;
  var svg = svgEl('svg', { width: w, height: w, viewBox: '0 0 ' + w + ' ' + w, x: x || 0, y: y || 0, 'class': 'choke-diamond' });
  svg.appendChild(svgEl('polygon', { points: h + ',0.8 ' + (w - 0.8) + ',' + h + ' ' + h + ',' + (w - 0.8) + ' 0.8,' + h, fill: CHOKE_COLOR, stroke: '#fff', 'stroke-width': 1.5 }));
  var text = function (attrs, s) { var t = svgEl('text', Object.assign({ 'font-family': 'system-ui, sans-serif' }, attrs)); t.textContent = s; svg.appendChild(t); };
  text({ x: h, y: h + 3.5, 'text-anchor': 'middle', 'font-size': String(n).length >= 3 ? 9 : 10, 'font-weight': 700, fill: '#fff' }, String(n));
  if (merged) text({ x: w - 0.5, y: 8, 'text-anchor': 'end', 'font-size': 11, 'font-weight': 800, fill: CHOKE_COLOR, stroke: '#fff', 'stroke-width': 2.5, 'paint-order': 'stroke' }, '+');
  return svg;
}

/** What a site is, in words: its name, then per movement the reasons and the options that pass it. */
function siteLines(site, movementId) {
  var byMovement = {};
  var order = [];
  site.members.forEach(function (x) {
    if (movementId && x.movement !== movementId) return;
    if (!byMovement[x.movement]) { byMovement[x.movement] = { reasons: [], options: [] }; order.push(x.movement); }
    var g = byMovement[x.movement];
    if (g.reasons.indexOf(x.reason) < 0) g.reasons.push(x.reason);
    if (g.options.indexOf(x.option) < 0) g.options.push(x.option);
  });
  return order.map(function (mid) { return { movement: mid, reasons: byMovement[mid].reasons, options: byMovement[mid].options }; });
}

function clusterTooltip(cluster) {
  return cluster.sites.map(function (s) {
    return '<b>◆' + s.n + ' ' + esc(s.name) + '</b> (' + s.routes.length + ' route' + (s.routes.length > 1 ? 's' : '') + ')' +
      siteLines(s).map(function (g) { return '<br>' + esc(g.movement) + ' ' + esc(g.options.join(', ')) + ': ' + esc(g.reasons.join('; ')); }).join('');
  }).join('<br>');
}

/**
 * The live diamonds: rebuilt after every zoom and every layer switch (apply() in map-layers.js calls
 * relayout), from the sites with at least one route on. Cluster positions are in layer pixels at the
 * current zoom, so panning keeps them.
 */
function chokepointLayer(map, data, layers) {
  var sites = chokepointSites(data);
  var group = L.layerGroup().addTo(map);
  var drawn = [];
  function relayout() {
    group.clearLayers();
    drawn = [];
    if (!layers.chokepoints || !layers.chokepoints.on) return;
    var zoom = map.getZoom();
    var visible = sites.filter(function (s) {
      return s.routes.some(function (rk) { var l = layers['route:' + rk]; return !l || l.on; });
    });
    var clusters = clusterSites(visible, function (s) { var p = map.project([s.lat, s.lon], zoom); return [p.x, p.y]; });
    clusters.forEach(function (c) {
      var lead = c.sites[0];
      var icon = L.divIcon({ className: 'mc-choke', html: diamondSvg(c.w, lead.n, c.sites.length > 1), iconSize: [c.w, c.w], iconAnchor: [c.w / 2, c.w / 2] });
      var mk = L.marker([lead.lat, lead.lon], { icon: icon, keyboard: false, zIndexOffset: 100 - lead.n });
      mk.bindTooltip(clusterTooltip(c));
      mk.on('add', function () {
        var e = mk.getElement();
        e.setAttribute('data-sites', c.sites.map(function (s) { return s.n; }).join(' '));
        e.setAttribute('aria-label', 'chokepoint ' + clusterText(c) + ': ' + c.sites.map(function (s) { return s.name; }).join('; '));
      });
      mk.addTo(group);
      drawn.push(c);
    });
  }
  map.on('zoomend', relayout);
  return { relayout: relayout, sites: sites, clusters: function () { return drawn; } };
}

/** Under a movement's table: its chokepoint sites by number, what each is, and which options pass it. */
function chokepointKey(data, m) {
  var mine = chokepointSites(data).filter(function (s) { return s.members.some(function (x) { return x.movement === m.id; }); });
  if (mine.length === 0) return null;
  var list = el('ul', { className: 'choke-key', 'data-movement': m.id });
  mine.forEach(function (s) {
    var g = siteLines(s, m.id)[0];
    list.appendChild(el('li', { 'data-site': String(s.n) }, [
      el('span', { className: 'choke-badge', text: String(s.n) }),
      el('b', { text: s.name }),
      ' — ' + g.reasons.join('; ') + ' · ' + (g.options.length === m.options.filter(function (o) { return o.found; }).length ? 'every option' : g.options.join(', ')),
      s.routes.length > g.options.length ? el('span', { className: 'choke-also', text: ' (also ' + (s.routes.length - g.options.length) + ' route(s) of other movements)' }) : null
    ]));
  });
  return el('div', { className: 'choke-key-wrap' }, [el('div', { className: 'choke-key-head', text: 'Chokepoints (◆ numbers on the map)' }), list]);
}
