// The README's rule table, generated from the registry so the docs cannot drift from the code.
import type { AnyRule } from '../../rules/core/engine/rule.js';

export const START_MARKER = '<!-- rules:start -->';
export const END_MARKER = '<!-- rules:end -->';

export const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
export const code = (text: string) => `\`${text}\``;

/** The short name of a control mapping: "FSBP ELB.1" or "Managed rule alb-waf-enabled". */
export function controlName(control: AnyRule['controls'][number]): string {
  return `${control.framework === 'Security Hub' ? 'FSBP' : 'Managed rule'} ${control.id}`;
}

/** The rule count sentence and one row per rule, each linking to its generated page in docs/rules/. */
export function ruleTable(rules: readonly AnyRule[]): string {
  const intro = `The registry (\`rules/index.ts\`) holds ${rules.length} rules. Each has a page with its parameters, triggers, IAM actions and notes.`;
  const header =
    '| Rule | Severity | Reports on | Controls (relation) | Remediation |\n| --- | --- | --- | --- | --- |';
  const rows = rules.map((rule) =>
    [
      `[${code(rule.id)}](docs/rules/${rule.id}.md)<br>${cell(rule.title)}`,
      rule.severity,
      rule.resourceTypes.map(code).join('<br>'),
      rule.controls.map((c) => cell(`${controlName(c)} (${c.relation})`)).join('<br>') || '-',
      remediation(rule),
    ].join(' | '),
  );
  return [intro, '', header, ...rows.map((r) => `| ${r} |`)].join('\n');
}

function remediation(rule: AnyRule): string {
  const link = rule.remediation;
  if (!link) return '-';
  return `${code(link.documentName)} (${link.kind === 'document' ? 'our SSM document' : 'AWS-managed runbook'})`;
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
 * The table with cell padding removed, so a README whose table a formatter aligned still compares
 * equal to the generated one.
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
