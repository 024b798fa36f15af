/* Entry: read the embedded data, draw the tables first (they are what a planner reads first and need no
   map), then the map, its legend and switches, the playback and the charts. Printing builds the printed
   maps (print-maps.js) and stamps the print date into the page footer. window.motorcadeReport exposes
   the live objects for debugging and the browser tests. */

var data = JSON.parse(document.getElementById('report-data').textContent);
var movementsEl = document.getElementById('movements');
var view = null;
var sections = data.movements.map(function (m, mi) {
  var sec = buildMovementSection(m, mi, function (id) { if (view) view.showMovement(id); }, function (id) { if (view) view.onlyMovement(id); });
  var chokes = chokepointKey(data, m);
  if (chokes) sec.appendChild(chokes);
  movementsEl.appendChild(sec);
  return sec;
});
performance.mark('motorcade-tables');
view = buildMap(data);
if (data.deployment) addDeploymentLayer(view, data.deployment);
var playback = buildPlayback(data, view, document.getElementById('playback'));
buildLegend(data, view, document.getElementById('legend'));
buildToggles(view, document.getElementById('layer-toggles'));
syncLayerBoxes(view);
data.movements.forEach(function (m, i) { sections[i].appendChild(buildCharts(m)); });
// The deployment timeline joins the context page (threats, responders): in print it is part of that page.
var contextSec = buildContextSection(data);
if (data.deployment) contextSec.appendChild(buildDeploymentSection(data.deployment));
movementsEl.appendChild(contextSec);
buildOverviewKey(data, document.getElementById('print-overview-key'));

// On a phone the switches start folded: the legend and the map come first.
if (window.matchMedia('(max-width: 760px)').matches) document.getElementById('layer-panel').removeAttribute('open');

function buildOverviewKey(data, container) {
  container.appendChild(el('div', { className: 'legend-head', text: 'Movements' }));
  data.movements.forEach(function (m, mi) {
    container.appendChild(el('div', { className: 'legend-row' }, [
      el('span', { className: 'movement-hue', style: 'background:' + movementColor(mi) }),
      el('span', { text: m.id + ': ' + m.label + ' · departs ' + fmtClock(m.departS).slice(0, 5) + (m.recommendedOptionId ? ' · recommended ' + m.recommendedOptionId : ' · no route') })
    ]));
  });
  container.appendChild(el('p', { className: 'legend-note', text: 'Line style = option (1st solid, 2nd dashed, 3rd dotted, 4th dash-dot); wide with a white edge = recommended. One page per movement follows.' }));
}

function pad2Date(d) {
  return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate()) + ' ' + pad2(d.getHours()) + ':' + pad2(d.getMinutes());
}

function preparePrint() {
  buildPrintMaps(data, view);
  var stamp = 'Printed ' + pad2Date(new Date());
  document.getElementById('print-date-style').textContent = '@page { @bottom-left { content: "' + stamp + '"; font: 8pt system-ui, sans-serif; } }';
  view.map.invalidateSize();
}
window.addEventListener('beforeprint', preparePrint);
window.addEventListener('afterprint', function () { view.map.invalidateSize(); });
var printQuery = window.matchMedia('print');
if (printQuery.addEventListener) printQuery.addEventListener('change', function (e) { if (e.matches) preparePrint(); });

window.motorcadeReport = {
  data: data,
  map: view.map,
  playback: playback,
  preparePrint: preparePrint,
  layerVisible: function (key) { var l = view.layers[key]; return !!l && l.on; },
  layerKeys: function () { return Object.keys(view.layers); },
  chokepointSites: function () { return chokepointSites(data); }
};
document.documentElement.setAttribute('data-report-ready', 'true');
// Leaflet paints canvas layers on the next animation frame: two frames later the map is on screen.
requestAnimationFrame(function () {
  requestAnimationFrame(function () {
    performance.mark('motorcade-map-drawn');
    document.documentElement.setAttribute('data-map-drawn', 'true');
  });
});
