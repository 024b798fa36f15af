/* Entry of the sweep page: read the embedded sweep result (format motorcade-sweep/2) and draw the
   ranking with its intervals, the Pareto chart, where each plan breaks, and the per-movement rankings.
   html[data-sweep-drawn] is set when everything is drawn (the browser tests wait for it). */

var data = JSON.parse(document.getElementById('sweep-data').textContent);

function rankingTable(entries, caption, noun) {
  var head = ['rank', noun, 'score', 'time (min)', 'p95 time (min)', 'exposure', 'arrived', 'vs best: mean [95 % interval]'];
  var table = el('table', { className: 'ranking' }, [el('caption', { text: caption }), el('thead', {}, [el('tr', {}, head.map(function (h) { return el('th', { text: h }); }))])]);
  var body = el('tbody');
  entries.forEach(function (e) {
    var d = e.vsBest;
    var vs = d ? (d.mean < 0 ? '' : '+') + Math.round(d.mean) + ' [' + Math.round(d.low) + ', ' + Math.round(d.high) + '] ' + (d.significant ? 'significant' : 'not significant') : e.rank === 1 && e.eligible ? 'best' : '—';
    body.appendChild(el('tr', { attrs: { 'data-id': e.id }, className: [d && !d.significant ? 'tie' : '', e.eligible ? '' : 'rare'].join(' ').trim() }, [
      el('td', { text: String(e.rank) }), el('td', { text: e.id }), el('td', { text: fmtEntry(e, e.meanScore, fmtScore) }), el('td', { text: fmtEntry(e, e.meanTimeS, fmtMin) }),
      el('td', { text: fmtEntry(e, e.p95TimeS, fmtMin) }), el('td', { text: fmtEntry(e, e.meanExposure, fmtScore) }), el('td', { text: fmtShare(e.arrivedShare) }), el('td', { text: vs })
    ]));
  });
  table.appendChild(body);
  return table;
}

/** Under a ranking: the entries that arrive too rarely to be ranked first, or that none is recommended; null when all arrive often enough. */
function eligibilityNote(entries, noun) {
  var least = Math.round(data.scoring.minArrivedShare * 100) + ' %';
  if (entries.length && !entries[0].eligible) return el('p', { className: 'note rare', text: 'No ' + noun + ' arrives in at least ' + least + ' of its samples: none is recommended.' });
  var rare = entries.filter(function (e) { return !e.eligible && e.arrivedShare !== null; });
  if (!rare.length) return null;
  return el('p', { className: 'note rare', text: rare.map(function (e) { return e.id + ' arrives in ' + fmtShare(e.arrivedShare) + ' of its samples'; }).join('; ') + ', below the ' + least + ' minimum: never ranked first.' });
}

function appendIf(container, node) {
  if (node) container.appendChild(node);
}

function drawRanking(container) {
  container.appendChild(el('h2', { text: 'Plans overall' }));
  var options = {};
  data.plans.forEach(function (p) { options[p.id] = p.options.join(', '); });
  container.appendChild(rankingTable(data.ranking, 'Ranked by mean score over every variant and sample that arrived', 'plan'));
  appendIf(container, eligibilityNote(data.ranking, 'plan'));
  container.appendChild(el('p', { className: 'note', text: 'Plans: ' + data.plans.map(function (p) { return p.id + ' = ' + options[p.id]; }).join('; ') + '.' }));
  container.appendChild(intervalChart(data.ranking, 'Paired difference to ' + data.ranking[0].id + ' (95 % intervals; dark = significant)'));
  container.appendChild(el('p', { className: 'note', text: 'Door-to-door time of each plan over every variant and sample that arrived (min; samples per equal-width bin):' }));
  container.appendChild(timeHistogramChart(data.timeHistograms));
}

function drawPareto(container) {
  container.appendChild(el('h2', { text: 'Time against exposure' }));
  var front = data.pareto.filter(function (p) { return p.onFront; }).map(function (p) { return p.plan; });
  container.appendChild(el('p', { className: 'note', text: 'Pareto front (no other plan is better on both means over the samples that arrived): ' + (front.join(', ') || 'none') + '.' }));
  container.appendChild(paretoChart(data.pareto.filter(function (p) { return p.meanTimeS !== null; })));
  var absent = data.pareto.filter(function (p) { return p.meanTimeS === null; }).map(function (p) { return p.plan; });
  appendIf(container, absent.length ? el('p', { className: 'note rare pareto-absent', text: 'Not drawn, did not arrive in any sample: ' + absent.join(', ') + '.' }) : null);
}

function drawBreaks(container) {
  container.appendChild(el('h2', { text: 'Where each plan breaks' }));
  container.appendChild(el('p', { className: 'note', text: 'A plan breaks in a variant when it has no route there, arrives in fewer of its samples than the scenario\'s minimum share (it is never recommended there) or the sweep\'s target share, or the p95 time of its samples that arrived passes the target.' }));
  data.breaks.forEach(function (b) {
    var block = el('div', { className: 'plan-breaks', attrs: { 'data-plan': b.plan } }, [el('h3', { text: b.plan + (b.variants.length ? ' breaks in ' + b.variants.length + ' of ' + data.variants.length + ' variants' : ' holds in every variant') })]);
    if (b.variants.length) {
      block.appendChild(el('ul', {}, b.variants.map(function (v) {
        return el('li', { attrs: { 'data-variant': v.variant } }, [el('b', { text: v.label }), document.createTextNode(': ' + v.reason)]);
      })));
    }
    container.appendChild(block);
  });
  // Every variant × plan: the score, broken cells marked.
  var broken = {};
  data.breaks.forEach(function (b) { b.variants.forEach(function (v) { broken[b.plan + '|' + v.variant] = v.reason; }); });
  var table = el('table', { className: 'variants' }, [el('caption', { text: 'Mean score per variant (red: the plan breaks there)' }),
    el('thead', {}, [el('tr', {}, [el('th', { text: 'variant' })].concat(data.plans.map(function (p) { return el('th', { text: p.id }); })))])]);
  var body = el('tbody');
  data.perVariant.forEach(function (v, i) {
    body.appendChild(el('tr', { attrs: { 'data-variant': v.variant } }, [el('td', { text: data.variants[i].label })].concat(v.plans.map(function (p) {
      var why = broken[p.plan + '|' + v.variant];
      return el('td', { className: why ? 'broken' : '', title: why || '', text: p.meanScore !== null ? fmtScore(p.meanScore) : p.noRoute || (p.arrivedShare === null ? 'no route' : 'did not arrive') });
    }))));
  });
  table.appendChild(body);
  container.appendChild(table);
}

function drawMovements(container) {
  var many = data.movements.filter(function (m) { return m.ranking.length > 1; });
  if (!many.length) return;
  container.appendChild(el('h2', { text: 'Options of each movement' }));
  many.forEach(function (m) {
    container.appendChild(rankingTable(m.ranking, 'Options of ' + m.id, 'option'));
    appendIf(container, eligibilityNote(m.ranking, 'option'));
    container.appendChild(intervalChart(m.ranking, 'Paired difference to ' + m.ranking[0].id));
  });
}

drawRanking(document.getElementById('ranking'));
drawPareto(document.getElementById('pareto'));
drawBreaks(document.getElementById('breaks'));
drawMovements(document.getElementById('movement-rankings'));
document.documentElement.setAttribute('data-sweep-drawn', 'true');
