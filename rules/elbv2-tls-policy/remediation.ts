// The document that fixes elbv2-tls-policy findings, and the list of policies it leaves alone,
// derived from the rule's own parameters so the document and the rule agree on what passes.
import { ARN, describeOnly } from '../engine/remediation-permissions.js';
import type { RemediationLink } from '../engine/rule.js';
import { ELBV2_CATALOG } from '../tls/catalog.js';
import { judgePolicy, type TlsRequirements } from '../tls/requirements.js';

/** The elbv2-tls-policy parameters that decide which policies pass. */
export interface TlsPolicyRuleParams extends Omit<TlsRequirements, 'preset'> {
  preset: 'none' | 'securityhub-elb17' | 'strict';
}

/**
 * Every catalogued policy the rule accepts with these parameters, plus allowedPolicies: the value of
 * the document's AcceptedPolicies, so it changes exactly the listeners the rule fails.
 */
export function acceptedPoliciesFor(params: TlsPolicyRuleParams): string[] {
  const requirements: TlsRequirements = {
    ...params,
    preset: params.preset === 'none' ? undefined : params.preset,
  };
  const accepted = [...ELBV2_CATALOG.values()]
    .filter((profile) => judgePolicy(profile, [profile.name], requirements).ok)
    .map((profile) => profile.name);
  return [...new Set([...accepted, ...params.allowedPolicies])]
    .filter((name) => !params.deniedPolicies.includes(name))
    .sort();
}

/** The rule's default parameters (test/remediation/tls-policy-alignment.test.ts keeps them equal). */
export const RULE_DEFAULTS: TlsPolicyRuleParams = {
  minTlsVersion: 'TLSv1.2',
  requireForwardSecrecy: true,
  requireFips: false,
  requirePostQuantum: false,
  allowedPolicies: [],
  deniedPolicies: [],
  preset: 'none',
};

export const remediation = {
  kind: 'document' as const,
  file: 'remediation.yaml',
  documentName: 'ElbConfigRules-SetElbv2SslPolicy',
  description: 'Sets a current security policy on every HTTPS or TLS listener whose policy is not accepted.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {
    SslPolicy: {
      default: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      description: 'Policy to set on failing listeners.',
    },
    AcceptedPolicies: {
      default: acceptedPoliciesFor(RULE_DEFAULTS).join(','),
      description:
        'Comma-separated policies that need no change; set it to acceptedPoliciesFor(the rule’s parameters).',
    },
    DryRun: { default: 'false', description: 'true: report what would change and change nothing.' },
  },
  permissions: [
    describeOnly([
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeSSLPolicies',
      'elasticloadbalancing:DescribeTags',
    ]),
    // Listener ARNs carry no load balancer tags, so the exemption is enforced by the document's own check.
    { actions: ['elasticloadbalancing:ModifyListener'], resources: [ARN.albListener, ARN.nlbListener] },
  ],
  staticValuesFor: (params) => ({
    AcceptedPolicies: acceptedPoliciesFor(params as unknown as TlsPolicyRuleParams).join(','),
  }),
} satisfies RemediationLink;
