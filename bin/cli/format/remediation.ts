// The remediation hint a report shows beside a rule's findings, from the rule's metadata.
import type { AnyRule } from '../../../rules/core/engine/rule.js';

export function remediationHint(rule: AnyRule): string {
  const link = rule.remediation;
  if (!link) return 'Fix each finding listed (no automated remediation for this rule).';
  const owner = link.kind === 'aws-managed' ? ' (owned by AWS)' : '';
  const text = link.description.trim().replace(/\.?$/, '.');
  return `${text} Automation: SSM document ${link.documentName}${owner}.`;
}
