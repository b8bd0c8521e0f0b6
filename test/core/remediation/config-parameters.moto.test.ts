// Every document of ours takes the parameters exactly as its rule's remediation configuration makes
// Config pass them (StartAutomationExecution: every value a list of strings, the resource id a
// string), under the defaults and under parameter sets that change the derived values.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../rules/index.js';
import { loadDocument } from '../../support/ssm-runner/index.js';
import { coerceParameter } from '../../support/ssm-runner/values.js';
import { configParameters } from './support/harness.js';

const RESOURCE = {
  classic: 'payments',
  elbv2: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188',
} as const;

/** Values of the right form for parameters a deployer must give (a certificate ARN otherwise). */
const REQUIRED_VALUES: Record<string, string> = {
  WebAclArn:
    'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shield/0c5e1b8a-1111-2222-3333-444455556666',
};

const PARAMETER_SETS: Record<string, Record<string, unknown>[]> = {
  'elbv2-tls-policy': [
    {},
    { minTlsVersion: 'TLSv1', requireForwardSecrecy: false },
    { preset: 'securityhub-elb17' },
  ],
  'lb-sg-world-ingress': [{}, { worldPrefixListIds: 'pl-0123456789abcdef0', allowWorldIcmp: true }],
};

describe("documents take Config's parameters as Config passes them", () => {
  const documentRules = RULES.filter((rule) => rule.remediation?.kind === 'document');

  it('covers every rule with a document of ours', () => {
    expect(documentRules.length).toBeGreaterThanOrEqual(5);
  });

  for (const rule of documentRules) {
    it(`${rule.id}`, () => {
      const link = rule.remediation as Extract<NonNullable<typeof rule.remediation>, { kind: 'document' }>;
      const doc = loadDocument(link.file);
      const required = Object.fromEntries(
        Object.entries(link.staticParameters)
          .filter(([, spec]) => spec.default === '')
          .map(([name]) => [
            name,
            REQUIRED_VALUES[name] ?? `arn:aws:acm:us-east-1:123456789012:certificate/${name.length}`,
          ]),
      );
      const resource = rule.resourceTypes.some((t) => t.includes('V2')) ? RESOURCE.elbv2 : RESOURCE.classic;
      for (const ruleParameters of PARAMETER_SETS[rule.id] ?? [{}]) {
        const passed = configParameters(rule.id, resource, { ruleParameters, staticValues: required });
        expect(passed[link.resourceIdParameter]).toBe(resource);
        for (const [name, value] of Object.entries(passed)) {
          const spec = doc.parameters[name];
          expect(
            spec,
            `${rule.id}: Config passes ${name}, which the document does not declare`,
          ).toBeDefined();
          if (name !== link.resourceIdParameter) expect(Array.isArray(value), name).toBe(true);
          expect(
            () => coerceParameter(name, spec!, value),
            `${rule.id} ${name} ${JSON.stringify(ruleParameters)}`,
          ).not.toThrow();
        }
      }
    });
  }
});
