import { describe, expect, it } from 'vitest';
import { rule } from '../../../rules/clb-https-ssl-only/rule.js';
import { classicItem } from '../../fixtures/config-items.js';
import { judgeItem } from '../../support/judge-item.js';

const CERT = 'arn:aws:iam::123456789012:server-certificate/web';

const cases = [
  {
    name: 'HTTPS and SSL only (camelCase item)',
    casing: 'camel' as const,
    listeners: [
      { protocol: 'HTTPS', port: 443, cert: CERT },
      { protocol: 'SSL', port: 8443, instanceProtocol: 'SSL', instancePort: 8443, cert: CERT },
    ],
    expected: 'COMPLIANT',
    annotation: /All listeners encrypted: HTTPS:443, SSL:8443/,
  },
  {
    name: 'one HTTP listener among HTTPS ones (lower-case item)',
    casing: 'lower' as const,
    listeners: [
      { protocol: 'HTTPS', port: 443, cert: CERT },
      { protocol: 'HTTP', port: 80 },
      { protocol: 'HTTPS', port: 8443, cert: CERT },
    ],
    expected: 'NON_COMPLIANT',
    annotation: /^HTTP:80 \(to instance HTTP:80\) is plaintext; use HTTPS or SSL$/,
  },
  {
    name: 'a TCP listener',
    casing: 'camel' as const,
    listeners: [{ protocol: 'TCP', port: 389, instanceProtocol: 'TCP', instancePort: 389 }],
    expected: 'NON_COMPLIANT',
    annotation: /TCP:389 \(to instance TCP:389\) is plaintext/,
  },
];

describe('clb-https-ssl-only', () => {
  it.each(cases)('$name → $expected', async ({ casing, listeners, expected, annotation }) => {
    const evaluation = await judgeItem(rule, classicItem({ name: 'legacy', casing, listeners }));
    expect(evaluation.complianceType).toBe(expected);
    expect(evaluation.annotation).toMatch(annotation);
    expect(evaluation.resourceType).toBe('AWS::ElasticLoadBalancing::LoadBalancer');
    expect(evaluation.resourceId).toBe('legacy');
  });

  it('needs no facet at all: it is answered from the configuration item alone', () => {
    expect(rule.needs).toEqual([]);
  });
});
