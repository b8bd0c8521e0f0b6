import { describe, expect, it } from 'vitest';
import {
  loadRemediationDocument,
  remediationDocumentPath,
  remediationDocuments,
} from '../../infra/remediation-documents.js';
import { rule as albHttpsOnly } from '../../rules/alb-https-only/rule.js';
import type { AnyRule, RemediationLink } from '../../rules/core/engine/rule.js';
import { RULES } from '../../rules/index.js';
import { remediation, targetGroupsRemediation } from '../../rules/lb-sg-world-ingress/remediation.js';

const withLink = (id: string, link: RemediationLink) =>
  ({ ...albHttpsOnly, id, remediation: link }) as unknown as AnyRule;

describe('remediation documents for deployment', () => {
  it('loads each linked document once, with the content AWS::SSM::Document takes', () => {
    const docs = remediationDocuments([
      ...RULES,
      withLink('lb-sg-world-ingress', remediation),
      withLink('lb-target-sg-restricted', targetGroupsRemediation),
    ]);
    const names = docs.map((d) => d.name);
    expect(names).toEqual(
      expect.arrayContaining(['ElbConfigRules-EnforceAlbHttps', 'ElbConfigRules-AddNlbTlsListener']),
    );
    expect(names.filter((n) => n === 'ElbConfigRules-RevokeWorldIngress')).toHaveLength(1);
    const revoke = docs.find((d) => d.name === 'ElbConfigRules-RevokeWorldIngress');
    expect(revoke?.content).toMatchObject({ schemaVersion: '0.3', assumeRole: '{{ AutomationAssumeRole }}' });
    expect(remediationDocumentPath('lb-target-sg-restricted', targetGroupsRemediation)).toBe(
      remediationDocumentPath('lb-sg-world-ingress', remediation),
    );
  });

  it('names the rule and the file when a document is missing or not an Automation document', () => {
    expect(() => loadRemediationDocument('alb-https-only', { ...remediation, file: 'nope.yaml' })).toThrow(
      /^Rule alb-https-only: remediation file nope.yaml cannot be read at .*rules\/alb-https-only\/nope\.yaml/,
    );
    expect(() => loadRemediationDocument('alb-https-only', { ...remediation, file: 'handler.ts' })).toThrow(
      /^Rule alb-https-only: .*handler\.ts is not valid YAML: /,
    );
    expect(() =>
      loadRemediationDocument('alb-https-only', { ...remediation, file: '../../biome.json' }),
    ).toThrow(
      /^Rule alb-https-only: .*biome\.json is not an SSM Automation document \(schemaVersion '0\.3'\)$/,
    );
  });

  it('refuses two files deployed under one name', () => {
    const clash = { ...remediation, file: '../alb-https-only/remediation.yaml' };
    expect(() =>
      remediationDocuments([withLink('lb-sg-world-ingress', remediation), withLink('x', clash)]),
    ).toThrow(/^Two different files are deployed as ElbConfigRules-RevokeWorldIngress/);
  });
});
