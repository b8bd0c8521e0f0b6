import type { ParityTable } from '../../support/parity.js';
import { classic, classicListener, NO_DESCRIBED_TLS_POLICIES } from '../../support/parity-models.js';

const ELB8 = 'ELBSecurityPolicy-TLS-1-2-2017-01';
const negotiation = (name: string, attributes: Record<string, string>) => ({
  name,
  typeName: 'SSLNegotiationPolicyType',
  attributes,
});
const withPolicy = (name: string, policy: ReturnType<typeof negotiation>) => ({
  lb: classic(name, [classicListener('HTTPS', 443, { policyNames: [policy.name] })]),
  facets: { classicPolicies: [policy], tlsPolicies: NO_DESCRIBED_TLS_POLICIES },
});

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.8',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-8 ; https://docs.aws.amazon.com/config/latest/developerguide/elb-predefined-security-policy-ssl-check.html',
    cases: [
      {
        name: 'HTTPS listener uses ELBSecurityPolicy-TLS-1-2-2017-01',
        ...withPolicy('shop', negotiation(ELB8, { 'Reference-Security-Policy': ELB8 })),
        control: 'PASSED',
      },
      {
        name: 'HTTPS listener uses ELBSecurityPolicy-2016-08',
        ...withPolicy(
          'old',
          negotiation('ELBSecurityPolicy-2016-08', {
            'Reference-Security-Policy': 'ELBSecurityPolicy-2016-08',
          }),
        ),
        control: 'FAILED',
      },
      {
        name: 'a custom TLS 1.2-only policy is not the predefined policy',
        ...withPolicy(
          'custom',
          negotiation('payments-tls12', {
            'Protocol-TLSv1': 'false',
            'Protocol-TLSv1.1': 'false',
            'Protocol-TLSv1.2': 'true',
            'ECDHE-RSA-AES128-GCM-SHA256': 'true',
          }),
        ),
        control: 'FAILED',
      },
      {
        name: 'HTTPS listener with no policy attached (ELB default 2016-08)',
        lb: classic('bare', [classicListener('HTTPS', 443)]),
        facets: { classicPolicies: [], tlsPolicies: NO_DESCRIBED_TLS_POLICIES },
        control: 'FAILED',
      },
      {
        name: 'no HTTPS or SSL listener',
        lb: classic('plain', [classicListener('HTTP', 80)]),
        control: 'NOT_APPLICABLE',
      },
    ],
  },
];
