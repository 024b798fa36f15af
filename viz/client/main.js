/* Entry: read the embedded data, draw the tables first (they are what a planner reads first and need no
   map), then the map, its toggles and legend, the playback and the charts. window.motorcadeReport exposes
   the live objects for debugging and the browser tests. */

var data = JSON.parse(document.getElementById('report-data').textContent);
var movementsEl = document.getElementById('movements');
var view = null;
var sections = data.movements.map(function (m) {
  var sec = buildMovementSection(m, function (id) { if (view) view.showMovement(id); }, function (id) { if (view) view.onlyMovement(id); });
  movementsEl.appendChild(sec);
  return sec;
});
performance.mark('motorcade-tables');
view = buildMap(data);
var playback = buildPlayback(data, view, document.getElementById('playback'));
buildToggles(view, document.getElementById('layer-toggles'));
buildLegend(data, view, document.getElementById('legend'));
data.movements.forEach(function (m, i) { sections[i].appendChild(buildCharts(m)); });
movementsEl.appendChild(buildContextSection(data));

// Print: the map is laid out at page width, so let Leaflet re-measure before and after printing.
window.addEventListener('beforeprint', function () { view.map.invalidateSize(); });
window.addEventListener('afterprint', function () { view.map.invalidateSize(); });

window.motorcadeReport = {
  data: data,
  map: view.map,
  playback: playback,
  layerVisible: function (key) { var l = view.layers[key]; return !!l && l.on; },
  layerKeys: function () { return Object.keys(view.layers); }
};
document.documentElement.setAttribute('data-report-ready', 'true');
// Leaflet paints canvas layers on the next animation frame: two frames later the map is on screen.
requestAnimationFrame(function () {
  requestAnimationFrame(function () {
    performance.mark('motorcade-map-drawn');
    document.documentElement.setAttribute('data-map-drawn', 'true');
  });
});
