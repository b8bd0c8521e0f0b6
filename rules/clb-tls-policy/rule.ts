import { fromFindings } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER } from '../core/model/model.js';
import { setClassicSslPolicy } from '../core/remediation/set-classic-ssl-policy/link.js';
import { classicPolicies } from '../core/resources/facets/classic-policies.js';
import { tlsPolicies } from '../core/resources/facets/tls-policies.js';
import { isEncryptedClassicListener, resolveClassicPolicy } from '../core/tls/classic-policy.js';
import { lookupPolicy } from '../core/tls/lookup.js';
import {
  judgePolicy,
  minTlsVersionParam,
  policyListParams,
  requirementProblems,
  summarize,
} from '../core/tls/requirements.js';

export const rule = defineRule({
  id: 'clb-tls-policy',
  title: 'Classic HTTPS and SSL listeners negotiate only what you accept',
  description:
    'Every Classic HTTPS and SSL listener negotiates with a policy whose protocols and ciphers meet the ' +
    'requirements. The policy is resolved as ELB applies it: a custom policy’s own Protocol-* and cipher ' +
    'attributes win over the Reference-Security-Policy it was copied from, a policy that only names a ' +
    'reference is that predefined policy, and a listener with no policy uses ELBSecurityPolicy-2016-08 (TLS 1.0). ' +
    'Answered from the configuration item’s LoadBalancerPolicies when present. Forward secrecy is off by ' +
    'default because no predefined Classic policy has it: turning it on demands a custom policy.',
  severity: 'high',
  appliesTo: ['classic'],
  resourceTypes: [CLASSIC_LOAD_BALANCER],
  triggers: { changes: [CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    minTlsVersion: minTlsVersionParam(
      ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
      'Oldest protocol a policy may allow (Classic load balancers have no TLS 1.3).',
    ),
    requireForwardSecrecy: {
      type: 'boolean',
      default: false,
      description:
        'Whether every cipher must use ephemeral (EC)DHE key exchange. No predefined Classic policy passes: a ' +
        'custom policy without the AES*/DES RSA-key-exchange ciphers does.',
    },
    ...policyListParams,
    preset: {
      type: 'enum',
      values: ['none', 'securityhub-elb8', 'strict', 'securityhub'],
      default: 'none',
      description:
        'securityhub (or its older name securityhub-elb8): the listener uses ELBSecurityPolicy-TLS-1-2-2017-01 unmodified, as Security Hub ELB.8 ' +
        'requires (the property parameters are ignored). strict: nothing below TLS 1.2 and forward secrecy.',
    },
  },
  remediation: setClassicSslPolicy,
  needs: [classicPolicies, tlsPolicies],
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.8',
      relation: 'looser',
      note: 'The defaults pass any TLS 1.2-only policy, such as a custom one, where ELB.8 accepts only ELBSecurityPolicy-TLS-1-2-2017-01.',
      parity: { preset: 'securityhub' },
    },
    {
      framework: 'AWS Config managed rule',
      id: 'elb-predefined-security-policy-ssl-check',
      relation: 'stricter',
      note: 'The managed rule compares one predefined name; this rule resolves custom attributes too.',
    },
  ],
  validateParameters: requirementProblems,
  applicable(lb) {
    return lb.kind === 'classic' && !lb.listeners.some(isEncryptedClassicListener)
      ? 'No HTTPS or SSL listener: no TLS policy to judge (clb-https-ssl-only judges plaintext).'
      : undefined;
  },
  evaluate({ lb, classicPolicies, tlsPolicies }, { params }) {
    if (lb.kind !== 'classic') throw new Error('clb-tls-policy judges Classic load balancers only');
    const secure = lb.listeners.filter(isEncryptedClassicListener).sort((a, b) => a.port - b.port);
    if (secure.length === 0)
      throw new Error('clb-tls-policy judges Classic load balancers with an HTTPS or SSL listener only');
    // Classic has no TLS 1.3, so strict here means TLS 1.2 only with forward secrecy.
    const strict = params.preset === 'strict';
    const requirements = {
      ...params,
      minTlsVersion: strict ? ('TLSv1.2' as const) : params.minTlsVersion,
      requireForwardSecrecy: strict || params.requireForwardSecrecy,
      requireFips: false,
      requirePostQuantum: false,
      preset:
        params.preset === 'securityhub-elb8' || params.preset === 'securityhub'
          ? ('securityhub-elb8' as const)
          : undefined,
    };
    const predefined = (name: string) => {
      const found = lookupPolicy('classic', name, tlsPolicies);
      return found.ok ? found.profile : undefined;
    };
    const findings: string[] = [];
    const passed: string[] = [];
    for (const listener of secure) {
      const where = `${listener.protocol}:${listener.port}`;
      const resolved = resolveClassicPolicy(listener, classicPolicies, predefined);
      if (!resolved.ok) {
        findings.push(`${where} policy ${resolved.policyName} cannot be classified: ${resolved.reason}`);
        continue;
      }
      const label =
        resolved.origin === 'default'
          ? `${resolved.policyName} (no policy attached: ELB default)`
          : resolved.origin === 'custom'
            ? `${resolved.policyName} (custom${resolved.reference ? `, from ${resolved.reference}` : ''})`
            : resolved.reference && resolved.reference !== resolved.policyName
              ? `${resolved.policyName} (= ${resolved.reference})`
              : resolved.policyName;
      // An unmodified copy answers to its predefined name too; a modified one only to its own.
      const names =
        resolved.origin === 'custom' ? [resolved.policyName] : [resolved.policyName, resolved.profile.name];
      const verdict = judgePolicy(resolved.profile, names, requirements);
      if (verdict.ok) passed.push(`${where} ${label}: ${verdict.why ?? summarize(resolved.profile)}`);
      else findings.push(`${where} policy ${label} ${verdict.faults.join('; ')}`);
    }
    return fromFindings(findings, `TLS policies meet the requirements: ${passed.join(', ')}.`);
  },
});
