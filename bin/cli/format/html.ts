// The HTML report: one self-contained file (inline CSS, SVG and script; a Content-Security-Policy
// that forbids every network fetch). Summary by rule, control and account, a chart of compliance
// per rule, and a filterable findings table with annotations and remediation hints.

import type { ComplianceType } from '../../../rules/core/engine/outcome.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import { type AuditResult, COMPLIANCE_ORDER } from '../audit/audit.js';
import { severityRank } from '../audit/gate.js';
import { type Counts, controlLabel, emptyCounts, summarizeAudit } from '../audit/summary.js';
import { HTML_CLIENT_SCRIPT } from './html-client.js';
import { remediationHint } from './remediation.js';
import { TOOL } from './tool.js';

const CODES: readonly ComplianceType[] = [
  'NON_COMPLIANT',
  'INSUFFICIENT_DATA',
  'COMPLIANT',
  'NOT_APPLICABLE',
];
const LABEL: Record<ComplianceType, string> = {
  NON_COMPLIANT: 'FAIL',
  INSUFFICIENT_DATA: 'NO DATA',
  COMPLIANT: 'PASS',
  NOT_APPLICABLE: 'N/A',
};
const COLOR = { NON_COMPLIANT: '#c62828', INSUFFICIENT_DATA: '#b7791f', COMPLIANT: '#2e7d32' } as const;

export interface HtmlOptions {
  generatedAt?: Date;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const pct = (counts: Counts): string => {
  const judged = counts.COMPLIANT + counts.NON_COMPLIANT + counts.INSUFFICIENT_DATA;
  return judged ? `${Math.round((100 * counts.COMPLIANT) / judged)}%` : '–';
};

const filterLink = (text: string, filter: Record<string, string>): string =>
  `<a href="#" data-filter="${escapeHtml(JSON.stringify(filter))}">${escapeHtml(text)}</a>`;

function countCells(counts: Counts, filter: Record<string, string>): string {
  return CODES.map(
    (code) =>
      `<td class="num c-${code}">${counts[code] ? filterLink(String(counts[code]), { ...filter, compliance: code }) : '0'}</td>`,
  ).join('');
}

export function formatHtml(
  result: AuditResult,
  rules: readonly AnyRule[],
  options: HtmlOptions = {},
): string {
  const summary = summarizeAudit(result, rules);
  const generatedAt = (options.generatedAt ?? new Date()).toISOString();
  const ruleList = [...rules].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || a.id.localeCompare(b.id),
  );
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));

  const byControl = new Map<string, { counts: Counts; rules: string[] }>();
  for (const rule of ruleList) {
    for (const control of rule.controls) {
      const entry = byControl.get(controlLabel(control)) ?? { counts: emptyCounts(), rules: [] };
      entry.rules.push(`${rule.id} (${control.relation})`);
      const counts = summary.byRule[rule.id] ?? emptyCounts();
      for (const code of CODES) entry.counts[code] += counts[code];
      byControl.set(controlLabel(control), entry);
    }
  }

  const data = {
    rules: ruleList.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      hint: remediationHint(r),
    })),
    // Worst first across rules: failures of the most severe rules lead the table.
    evaluations: result.evaluations
      .filter((e) => ruleIndex.has(e.ruleId))
      .sort(
        (a, b) =>
          COMPLIANCE_ORDER[a.complianceType] - COMPLIANCE_ORDER[b.complianceType] ||
          (ruleIndex.get(a.ruleId) ?? 0) - (ruleIndex.get(b.ruleId) ?? 0) ||
          a.accountId.localeCompare(b.accountId) ||
          a.region.localeCompare(b.region) ||
          a.resourceName.localeCompare(b.resourceName),
      )
      .map((e) => ({
        r: ruleIndex.get(e.ruleId),
        a: e.accountId,
        g: e.region,
        n: e.resourceName,
        i: e.resourceId,
        c: e.complianceType,
        t: e.annotation,
        f: e.findings,
      })),
  };

  const accounts = Object.keys(summary.byAccount).sort();
  const regions = [...new Set(result.evaluations.map((e) => e.region))].sort();
  const options_ = (values: readonly string[]) =>
    values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('');

  const ruleRows = ruleList
    .map((rule) => {
      const counts = summary.byRule[rule.id] ?? emptyCounts();
      return `<tr><td>${filterLink(rule.id, { rule: rule.id })}</td><td>${escapeHtml(rule.title)}</td><td class="sev sev-${rule.severity}">${rule.severity}</td>${countCells(counts, { rule: rule.id })}<td class="num">${pct(counts)}</td></tr>`;
    })
    .join('\n');
  const controlRows = [...byControl]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([label, entry]) =>
        `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(entry.rules.join(', '))}</td>${CODES.map((c) => `<td class="num c-${c}">${entry.counts[c]}</td>`).join('')}<td class="num">${pct(entry.counts)}</td></tr>`,
    )
    .join('\n');
  const accountRows = accounts
    .map((account) => {
      const counts = summary.byAccount[account] ?? emptyCounts();
      const inAccount = [
        ...new Set(result.evaluations.filter((e) => e.accountId === account).map((e) => e.region)),
      ];
      return `<tr><td>${filterLink(account, { account })}</td><td>${escapeHtml(inAccount.sort().join(', '))}</td>${countCells(counts, { account })}<td class="num">${pct(counts)}</td></tr>`;
    })
    .join('\n');
  const problems = [
    ...result.errors.map(
      (e) =>
        `<li class="error">${escapeHtml(`${e.accountId ?? ''}${e.accountId ? '/' : ''}${e.region}`)}: <strong>${escapeHtml(e.code)}</strong> ${escapeHtml(e.message)}</li>`,
    ),
    ...result.skipped.map(
      (s) =>
        `<li class="skipped">Skipped ${escapeHtml(`${s.accountId ?? ''}${s.accountId ? '/' : ''}${s.region}`)}: ${escapeHtml(s.reason)}</li>`,
    ),
  ];

  const c = summary.compliance;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>Load balancer audit — ${escapeHtml(TOOL.name)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Load balancer audit</h1>
<p class="meta">${escapeHtml(TOOL.name)} ${escapeHtml(TOOL.version)} · generated <time datetime="${generatedAt}">${generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</time> · ${summary.scopes.length} account/region scope(s) · ${summary.complete ? 'complete' : '<strong>incomplete</strong>'}</p>
</header>
<section id="overview" aria-label="Overview">
<div class="card"><span class="big" id="total-load-balancers">${summary.loadBalancers}</span> load balancers</div>
<div class="card c-NON_COMPLIANT"><span class="big" id="total-NON_COMPLIANT">${c.NON_COMPLIANT}</span> non-compliant</div>
<div class="card c-INSUFFICIENT_DATA"><span class="big" id="total-INSUFFICIENT_DATA">${c.INSUFFICIENT_DATA}</span> not judged</div>
<div class="card c-COMPLIANT"><span class="big" id="total-COMPLIANT">${c.COMPLIANT}</span> compliant</div>
<div class="card c-NOT_APPLICABLE"><span class="big" id="total-NOT_APPLICABLE">${c.NOT_APPLICABLE}</span> not applicable</div>
</section>
${problems.length ? `<section id="problems"><h2>Scopes not fully audited</h2><ul>${problems.join('\n')}</ul></section>` : ''}
<section id="chart"><h2>Compliance per rule</h2>
${complianceChart(ruleList, summary.byRule)}
</section>
<section id="by-rule"><h2>By rule</h2>
<table class="summary"><thead><tr><th>Rule</th><th>Title</th><th>Severity</th>${CODES.map((code) => `<th class="num">${LABEL[code]}</th>`).join('')}<th class="num">Compliant</th></tr></thead>
<tbody>
${ruleRows}
</tbody></table></section>
<section id="by-control"><h2>By control</h2>
<table class="summary"><thead><tr><th>Control</th><th>Rules (relation)</th>${CODES.map((code) => `<th class="num">${LABEL[code]}</th>`).join('')}<th class="num">Compliant</th></tr></thead>
<tbody>
${controlRows || '<tr><td colspan="7">No rule maps to a control.</td></tr>'}
</tbody></table></section>
<section id="by-account"><h2>By account</h2>
<table class="summary"><thead><tr><th>Account</th><th>Regions</th>${CODES.map((code) => `<th class="num">${LABEL[code]}</th>`).join('')}<th class="num">Compliant</th></tr></thead>
<tbody>
${accountRows}
</tbody></table></section>
<section id="findings"><h2>Findings</h2>
<form class="filters" onsubmit="return false">
<label>Search <input id="filter-text" type="search" placeholder="name, ARN, finding…"></label>
<label>Result <select id="filter-compliance"><option value="applicable" selected>All applicable</option><option value="attention">Needs attention</option>${CODES.map((code) => `<option value="${code}">${LABEL[code]}</option>`).join('')}<option value="">Everything</option></select></label>
<label>Rule <select id="filter-rule"><option value="">All rules</option>${options_(ruleList.map((r) => r.id))}</select></label>
<label>Severity <select id="filter-severity"><option value="">Any</option><option value="critical">critical</option><option value="high">high or above</option><option value="medium">medium or above</option><option value="low">low or above</option></select></label>
<label>Account <select id="filter-account"><option value="">All accounts</option>${options_(accounts)}</select></label>
<label>Region <select id="filter-region"><option value="">All regions</option>${options_(regions)}</select></label>
<button type="button" id="filter-reset">Reset</button>
</form>
<p><span id="match-count">0</span> matching evaluation(s). <span id="match-capped" hidden></span></p>
<noscript><p>The findings table needs JavaScript; the summaries above do not.</p></noscript>
<table class="findings"><thead><tr><th>Result</th><th>Severity</th><th>Rule</th><th>Account / region</th><th>Load balancer</th><th>Annotation</th><th>How to fix</th></tr></thead>
<tbody id="findings-body"></tbody></table>
</section>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${HTML_CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

/** Horizontal stacked bars, one per rule: failing, not judged and compliant shares. */
function complianceChart(rules: readonly AnyRule[], byRule: Record<string, Counts>): string {
  const labelWidth = 220;
  const barWidth = 440;
  const rowHeight = 26;
  const height = rules.length * rowHeight + 30;
  const rows = rules.map((rule, i) => {
    const counts = byRule[rule.id] ?? emptyCounts();
    const judged = counts.NON_COMPLIANT + counts.INSUFFICIENT_DATA + counts.COMPLIANT;
    const y = i * rowHeight + 4;
    let x = labelWidth;
    const segments = (['NON_COMPLIANT', 'INSUFFICIENT_DATA', 'COMPLIANT'] as const)
      .filter((code) => counts[code] > 0)
      .map((code) => {
        const w = (barWidth * counts[code]) / judged;
        const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="18" fill="${COLOR[code]}"><title>${escapeHtml(rule.id)}: ${counts[code]} ${LABEL[code]}</title></rect>`;
        x += w;
        return rect;
      })
      .join('');
    const empty = judged
      ? ''
      : `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="18" fill="#e0e0e0"><title>${escapeHtml(rule.id)}: nothing applicable</title></rect>`;
    return `<g class="bar" data-rule="${escapeHtml(rule.id)}"><text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end">${escapeHtml(rule.id)}</text>${segments}${empty}<text x="${labelWidth + barWidth + 8}" y="${y + 13}">${pct(counts)} compliant</text></g>`;
  });
  const legendY = rules.length * rowHeight + 16;
  const legend = (['NON_COMPLIANT', 'INSUFFICIENT_DATA', 'COMPLIANT'] as const)
    .map(
      (code, i) =>
        `<rect x="${labelWidth + i * 120}" y="${legendY - 10}" width="12" height="12" fill="${COLOR[code]}"/><text x="${labelWidth + i * 120 + 16}" y="${legendY}">${LABEL[code]}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Compliance per rule" viewBox="0 0 ${labelWidth + barWidth + 120} ${height}" width="100%" style="max-width:${labelWidth + barWidth + 120}px">${rows.join('')}${legend}</svg>`;
}

const CSS = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff; }
body { margin: 0 auto; max-width: 1280px; padding: 1rem 1.5rem 3rem; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
.meta { color: #57606a; margin-top: 0; }
#overview { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1rem; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: .6rem 1rem; min-width: 9rem; }
.card .big { display: block; font-size: 1.8rem; font-weight: 600; }
.card.c-NON_COMPLIANT .big, td.c-NON_COMPLIANT, .status-NON_COMPLIANT { color: #c62828; }
.card.c-INSUFFICIENT_DATA .big, td.c-INSUFFICIENT_DATA, .status-INSUFFICIENT_DATA { color: #b7791f; }
.card.c-COMPLIANT .big, td.c-COMPLIANT, .status-COMPLIANT { color: #2e7d32; }
.card.c-NOT_APPLICABLE .big, td.c-NOT_APPLICABLE, .status-NOT_APPLICABLE { color: #6e7781; }
#problems li.error { color: #c62828; } #problems li.skipped { color: #57606a; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { background: #f6f8fa; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { font-weight: 600; white-space: nowrap; }
.sev-critical, .sev-high { font-weight: 600; }
td.annotation ul { margin: .3rem 0 0 1rem; padding: 0; }
td.hint { color: #57606a; font-size: .85rem; max-width: 22rem; }
td.name { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
td.rule, td.scope, td.status, td.sev { white-space: nowrap; }
svg text { font-size: 12px; fill: #1f2328; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin-bottom: .5rem; }
.filters label { display: flex; flex-direction: column; font-size: .8rem; color: #57606a; }
.filters input, .filters select, .filters button { font: inherit; font-size: .9rem; padding: .25rem .4rem; }
a { color: #0969da; }
@media print { .filters, #filter-reset { display: none; } th { position: static; } }
`;
