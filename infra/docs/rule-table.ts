// The README's rule table, generated from the registry so the docs cannot drift from the code.
import { expectedForm, type ParamSpec } from '../../rules/core/engine/parameters.js';
import type { AnyRule } from '../../rules/core/engine/rule.js';

export const START_MARKER = '<!-- rules:start -->';
export const END_MARKER = '<!-- rules:end -->';

const FREQUENCY: Record<string, string> = {
  One_Hour: 'hourly',
  Three_Hours: 'every 3 hours',
  Six_Hours: 'every 6 hours',
  Twelve_Hours: 'every 12 hours',
  TwentyFour_Hours: 'daily',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${text}\``;

export function ruleTable(rules: readonly AnyRule[]): string {
  const header =
    '| Rule | Severity | Reports on | Triggers | Controls | Parameters | Remediation |\n' +
    '| --- | --- | --- | --- | --- | --- | --- |';
  const rows = rules.map((rule) =>
    [
      `${code(rule.id)}<br>${cell(rule.title)}`,
      rule.severity,
      rule.resourceTypes.map(code).join('<br>'),
      triggers(rule),
      rule.controls
        .map((c) =>
          cell(`${c.framework === 'Security Hub' ? 'FSBP' : 'Managed rule'} ${c.id} (${c.relation})`),
        )
        .join('<br>') || '-',
      parameters(rule),
      remediation(rule),
    ].join(' | '),
  );
  return [header, ...rows.map((r) => `| ${r} |`)].join('\n');
}

function triggers(rule: AnyRule): string {
  const parts = [];
  if (rule.triggers.changes.length)
    parts.push(`changes to ${rule.triggers.changes.map((t) => code(t.replace(/^AWS::/, ''))).join(', ')}`);
  if (rule.triggers.periodic) parts.push(FREQUENCY[rule.triggers.periodic] ?? rule.triggers.periodic);
  return parts.join('<br>');
}

function parameters(rule: AnyRule): string {
  const entries = Object.entries(rule.parameters as Record<string, ParamSpec>);
  if (!entries.length) return '-';
  return entries
    .map(([name, spec]) => {
      const value = Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default);
      const form = spec.type === 'boolean' ? '' : `; ${expectedForm(spec)}`;
      return cell(`${code(name)} (${spec.type}, default ${code(value || '""')}${form}): ${spec.description}`);
    })
    .join('<br>');
}

function remediation(rule: AnyRule): string {
  const link = rule.remediation;
  if (!link) return '-';
  const owner = link.kind === 'document' ? 'our SSM document' : 'AWS-managed runbook';
  return cell(`${code(link.documentName)} (${owner}): ${link.description}`);
}

/** README with the generated table between the markers; throws when the markers are missing. */
export function withRuleTable(readme: string, rules: readonly AnyRule[]): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start)
    throw new Error(`README.md must contain ${START_MARKER} followed by ${END_MARKER}`);
  return `${readme.slice(0, start + START_MARKER.length)}\n${ruleTable(rules)}\n${readme.slice(end)}`;
}

/**
 * The table with cell padding removed, so a README whose table a formatter aligned (biome pads
 * Markdown tables) still compares equal to the generated one.
 */
export function unpadTables(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      if (!line.startsWith('|')) return line;
      const cells = line
        .slice(1, line.endsWith('|') ? -1 : undefined)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim())
        .map((c) => (/^:?-+:?$/.test(c) ? '---' : c));
      return `| ${cells.join(' | ')} |`;
    })
    .join('\n');
}
