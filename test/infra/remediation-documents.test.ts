import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRemediationDocument, remediationDocuments } from '../../infra/remediation-documents.js';
import { rule as albHttpsOnly } from '../../rules/alb-https-only/rule.js';
import type { AnyRule, RemediationLink } from '../../rules/core/engine/rule.js';
import { enforceAlbHttps } from '../../rules/core/remediation/enforce-alb-https/link.js';
import {
  revokeWorldIngress as remediation,
  revokeTargetsWorldIngress as targetGroupsRemediation,
} from '../../rules/core/remediation/revoke-world-ingress/link.js';
import { RULES } from '../../rules/index.js';

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
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
    expect(targetGroupsRemediation.file).toBe(remediation.file);
  });

  it('names the rule and the file when a document is missing or not an Automation document', () => {
    const missing = enforceAlbHttps.file.replace(/document\.yaml$/, 'nope.yaml');
    expect(() => loadRemediationDocument('alb-https-only', { ...remediation, file: missing })).toThrow(
      /^Rule alb-https-only: remediation file .*rules\/core\/remediation\/enforce-alb-https\/nope\.yaml cannot be read: /,
    );
    const notYaml = repoFile('rules/alb-https-only/handler.ts');
    expect(() => loadRemediationDocument('alb-https-only', { ...remediation, file: notYaml })).toThrow(
      /^Rule alb-https-only: .*handler\.ts is not valid YAML: /,
    );
    expect(() =>
      loadRemediationDocument('alb-https-only', { ...remediation, file: repoFile('biome.json') }),
    ).toThrow(
      /^Rule alb-https-only: .*biome\.json is not an SSM Automation document \(schemaVersion '0\.3'\)$/,
    );
  });

  it('refuses two files deployed under one name', () => {
    const clash = { ...remediation, file: enforceAlbHttps.file };
    expect(() =>
      remediationDocuments([withLink('lb-sg-world-ingress', remediation), withLink('x', clash)]),
    ).toThrow(/^Two different files are deployed as ElbConfigRules-RevokeWorldIngress/);
  });
});
