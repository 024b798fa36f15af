/* Inverse of viz/geometry-codec.ts: delta-encoded 1e-5 degree integers → Leaflet [lat, lng] arrays. */
var QUANT = 1e5;

function decodeLatLngs(enc) {
  var out = new Array(enc.length / 2);
  var x = 0, y = 0;
  for (var i = 0, j = 0; i + 1 < enc.length; i += 2, j++) {
    x += enc[i];
    y += enc[i + 1];
    out[j] = [y / QUANT, x / QUANT];
  }
  return out;
}
