// README.md documents every network rule's parameters (with their defaults) and control
// mappings; this fails when a rule changes and the page does not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../rules/core/engine/parameters.js';
import { selectRules } from '../../rules/index.js';

const page = readFileSync('README.md', 'utf8');
const rules = selectRules([
  'lb-sg-world-ingress',
  'lb-target-sg-restricted',
  'lb-internet-facing-approved',
  'nlb-has-security-groups',
  'alb-waf-enabled',
  'alb-drop-invalid-headers',
  'lb-desync-mitigation',
  'lb-deletion-protection',
  'lb-access-logs',
  'lb-target-health',
]);

/** A table row's leading cells, whatever padding the formatter gave the table. */
function row(...cells: string[]): RegExp {
  const escaped = cells.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`\\|\\s*${escaped.join('\\s*\\|\\s*')}\\s*\\|`);
}

function sectionOf(id: string): string {
  const start = page.indexOf(`\n### ${id}\n`);
  if (start < 0) return '';
  const next = page.indexOf('\n##', start + 5);
  return page.slice(start, next < 0 ? undefined : next);
}

describe.each(rules.map((rule) => [rule.id, rule] as const))('README.md on %s', (id, rule) => {
  const section = sectionOf(id);

  it('has a section with example annotations', () => {
    expect(section).toContain('Example annotations:');
  });

  it.each(Object.entries(rule.parameters as Record<string, ParamSpec>))(
    'documents parameter %s with its default',
    (name, spec) => {
      const value = Array.isArray(spec.default)
        ? spec.default.length
          ? spec.default.join(',')
          : '(empty)'
        : String(spec.default);
      expect(section).toMatch(row(`\`${name}\``, `\`${value}\``));
    },
  );

  it('documents every control mapping', () => {
    for (const control of rule.controls)
      expect(section).toMatch(row(`${control.framework} ${control.id}`, control.relation));
  });
});
