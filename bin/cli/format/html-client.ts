// The findings table's script, inlined into the HTML report. Plain ES2019 for any browser; it
// reads the embedded JSON, filters it, and draws at most MAX_ROWS rows with textContent only
// (no innerHTML), so nothing in the data can run as markup. Filters live in the URL hash, so a
// filtered view can be bookmarked or shared.
export const HTML_CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var MAX_ROWS = 1000;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var rules = data.rules;
  var severities = ['critical', 'high', 'medium', 'low', 'informational'];
  var labels = { NON_COMPLIANT: 'FAIL', INSUFFICIENT_DATA: 'NO DATA', COMPLIANT: 'PASS', NOT_APPLICABLE: 'N/A' };
  var codes = ['NON_COMPLIANT', 'INSUFFICIENT_DATA', 'COMPLIANT', 'NOT_APPLICABLE'];
  var ids = ['text', 'compliance', 'rule', 'severity', 'account', 'region'];
  var inputs = {};
  ids.forEach(function (id) { inputs[id] = document.getElementById('filter-' + id); });
  var body = document.getElementById('findings-body');
  var count = document.getElementById('match-count');
  var capped = document.getElementById('match-capped');

  function fromHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    ids.forEach(function (id) { if (params.has(id)) inputs[id].value = params.get(id); });
  }
  function toHash() {
    var params = new URLSearchParams();
    ids.forEach(function (id) { if (inputs[id].value) params.set(id, inputs[id].value); });
    var hash = params.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }
  function matches(e, f) {
    if (f.compliance === 'attention') { if (e.c !== 'NON_COMPLIANT' && e.c !== 'INSUFFICIENT_DATA') return false; }
    else if (f.compliance === 'applicable') { if (e.c === 'NOT_APPLICABLE') return false; }
    else if (f.compliance && e.c !== f.compliance) return false;
    if (f.rule && rules[e.r].id !== f.rule) return false;
    if (f.severity && severities.indexOf(rules[e.r].severity) > severities.indexOf(f.severity)) return false;
    if (f.account && e.a !== f.account) return false;
    if (f.region && e.g !== f.region) return false;
    if (f.text) {
      var hay = (e.n + ' ' + e.i + ' ' + e.t + ' ' + e.f.join(' ') + ' ' + rules[e.r].id).toLowerCase();
      if (hay.indexOf(f.text) < 0) return false;
    }
    return true;
  }
  function cell(row, text, cls) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text;
    row.appendChild(td);
    return td;
  }
  function render() {
    var f = {};
    ids.forEach(function (id) { f[id] = inputs[id].value; });
    f.text = f.text.trim().toLowerCase();
    var shown = 0;
    var total = 0;
    var fragment = document.createDocumentFragment();
    data.evaluations.forEach(function (e) {
      if (!matches(e, f)) return;
      total++;
      if (shown >= MAX_ROWS) return;
      shown++;
      var rule = rules[e.r];
      var row = document.createElement('tr');
      row.className = 'row-' + e.c;
      cell(row, labels[e.c], 'status status-' + e.c);
      cell(row, rule.severity, 'sev sev-' + rule.severity);
      cell(row, rule.id, 'rule');
      cell(row, e.a + ' / ' + e.g, 'scope');
      var name = cell(row, e.n, 'name');
      name.title = e.i;
      var detail = cell(row, e.t, 'annotation');
      if (e.f.length > 1) {
        var list = document.createElement('ul');
        e.f.forEach(function (finding) {
          var li = document.createElement('li');
          li.textContent = finding;
          list.appendChild(li);
        });
        detail.appendChild(list);
      }
      cell(row, e.c === 'NON_COMPLIANT' ? rule.hint : '', 'hint');
      fragment.appendChild(row);
    });
    body.textContent = '';
    body.appendChild(fragment);
    count.textContent = String(total);
    capped.hidden = total <= MAX_ROWS;
    capped.textContent = total > MAX_ROWS ? 'Showing the first ' + MAX_ROWS + '; narrow the filters to see the rest.' : '';
    toHash();
  }
  document.querySelectorAll('[data-filter]').forEach(function (el) {
    el.addEventListener('click', function (event) {
      event.preventDefault();
      var spec = JSON.parse(el.getAttribute('data-filter'));
      ids.forEach(function (id) { inputs[id].value = spec[id] || ''; });
      if (!spec.compliance) inputs.compliance.value = 'applicable';
      render();
      document.getElementById('findings').scrollIntoView();
    });
  });
  ids.forEach(function (id) { inputs[id].addEventListener('input', render); });
  document.getElementById('filter-reset').addEventListener('click', function () {
    ids.forEach(function (id) { inputs[id].value = ''; });
    inputs.compliance.value = 'applicable';
    render();
  });
  window.addEventListener('hashchange', function () { fromHash(); render(); });
  fromHash();
  render();
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;
