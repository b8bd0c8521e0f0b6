// The document that fixes elbv2-tls-policy findings, and the list of policies it leaves alone (or
// changes), derived from the rule's own parameters so the document and the rule agree on what passes.

import type { RemediationLink } from '../../engine/rule.js';
import { ELBV2_CATALOG } from '../../tls/catalog.js';
import { judgePolicy, type TlsRequirements } from '../../tls/requirements.js';
import { documentBeside } from '../document-file.js';
import { DRY_RUN } from '../parameters.js';
import { ARN, describeOnly } from '../permissions.js';

/** The elbv2-tls-policy parameters that decide which policies pass. */
export interface TlsPolicyRuleParams extends Omit<TlsRequirements, 'preset'> {
  preset: 'none' | 'securityhub-elb17' | 'strict' | 'securityhub';
  /** What each evaluation is about; the accepted policies do not depend on it. */
  reportOn?: 'loadBalancer' | 'listener';
}

/** The requirements preset a parameter value names: securityhub is the current name of securityhub-elb17. */
export function tlsPreset(preset: TlsPolicyRuleParams['preset']): TlsRequirements['preset'] {
  if (preset === 'none') return undefined;
  return preset === 'securityhub' ? 'securityhub-elb17' : preset;
}

/**
 * Every catalogued policy the rule accepts with these parameters, plus allowedPolicies: the value of
 * the document's AcceptedPolicies, so it changes exactly the listeners the rule fails.
 */
export function acceptedPoliciesFor(params: TlsPolicyRuleParams): string[] {
  const requirements: TlsRequirements = {
    ...params,
    preset: tlsPreset(params.preset),
  };
  const accepted = [...ELBV2_CATALOG.values()]
    .filter((profile) => judgePolicy(profile, [profile.name], requirements).ok)
    .map((profile) => profile.name);
  return [...new Set([...accepted, ...params.allowedPolicies])]
    .filter((name) => !params.deniedPolicies.includes(name))
    .sort();
}

/** Config's StaticValue.Values: at most 25 values (botocore config StaticParameterValues). */
export const MAX_STATIC_VALUES = 25;

/**
 * What the document is told: the policies that need no change, or, when that list would exceed
 * Config's 25 values, the policies that must change (the catalogued ones the rule fails, and
 * deniedPolicies; empty when the rule accepts every catalogued policy). One of the two is short:
 * together they are the catalog plus the named exceptions.
 */
export function policyListFor(params: TlsPolicyRuleParams): {
  PoliciesAre: 'accepted' | 'rejected';
  Policies: string[];
} {
  const accepted = acceptedPoliciesFor(params);
  if (accepted.length <= MAX_STATIC_VALUES) return { PoliciesAre: 'accepted', Policies: accepted };
  const rejected = [
    ...new Set([
      ...[...ELBV2_CATALOG.keys()].filter((name) => !accepted.includes(name)),
      ...params.deniedPolicies,
    ]),
  ].sort();
  if (rejected.length <= MAX_STATIC_VALUES) return { PoliciesAre: 'rejected', Policies: rejected };
  throw new Error(
    `elbv2-tls-policy remediation: ${accepted.length} accepted and ${rejected.length} rejected policies; ` +
      `Config passes at most ${MAX_STATIC_VALUES} values (StaticValue.Values). Shorten allowedPolicies or deniedPolicies.`,
  );
}

/** The rule's default parameters (test/core/remediation/tls-policy-alignment.test.ts keeps them equal). */
export const RULE_DEFAULTS: TlsPolicyRuleParams = {
  minTlsVersion: 'TLSv1.2',
  requireForwardSecrecy: true,
  requireFips: false,
  requirePostQuantum: false,
  allowedPolicies: [],
  deniedPolicies: [],
  preset: 'none',
  reportOn: 'loadBalancer',
};

export const setElbv2SslPolicy = {
  kind: 'document' as const,
  file: documentBeside(import.meta.url),
  documentName: 'ElbConfigRules-SetElbv2SslPolicy',
  description: 'Sets a current security policy on every HTTPS or TLS listener whose policy is not accepted.',
  resourceIdParameter: 'LoadBalancerArn',
  staticParameters: {
    SslPolicy: {
      default: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      description: 'Policy to set on failing listeners.',
    },
    Policies: {
      default: policyListFor(RULE_DEFAULTS).Policies,
      description:
        'Policies, one per value, that need no change (PoliciesAre=accepted) or must change (rejected); ' +
        'derived from the rule’s parameters by policyListFor.',
    },
    PoliciesAre: {
      default: policyListFor(RULE_DEFAULTS).PoliciesAre,
      description:
        'accepted: listeners on a policy not in Policies change. rejected: listeners on one in Policies change.',
    },
    DryRun: DRY_RUN,
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
  staticValuesFor: (params) => policyListFor(params as unknown as TlsPolicyRuleParams),
} satisfies RemediationLink;
