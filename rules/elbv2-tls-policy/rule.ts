import { fromFindings, notApplicable } from '../core/engine/outcome.js';
import { eachListener, reportOnParameter } from '../core/engine/per-resource.js';
import { defineRule } from '../core/engine/rule.js';
import { ELBV2_LISTENER, ELBV2_LOAD_BALANCER, ELBV2_TLS_PROTOCOLS } from '../core/model/model.js';
import { setElbv2SslPolicy, tlsPreset } from '../core/remediation/set-elbv2-ssl-policy/link.js';
import { listeners } from '../core/resources/facets/listeners.js';
import { tlsPolicies } from '../core/resources/facets/tls-policies.js';
import { lookupPolicy } from '../core/tls/lookup.js';
import {
  judgePolicy,
  minTlsVersionParam,
  policyListParams,
  requirementProblems,
  summarize,
} from '../core/tls/requirements.js';

export const rule = defineRule({
  id: 'elbv2-tls-policy',
  title: 'ALB HTTPS and NLB TLS listeners use a TLS policy that allows only what you accept',
  description:
    'Every HTTPS (ALB) and TLS (NLB) listener uses a security policy whose protocols and ciphers meet the ' +
    'requirements: no protocol below minTlsVersion, only forward-secret key exchange, and FIPS or post-quantum ' +
    'key exchange when required. Policies are judged by what they allow, read from a catalog built from AWS ' +
    'documentation or from DescribeSSLPolicies, never by their names: ELBSecurityPolicy-TLS13-1-0-PQ-2025-09 ' +
    'fails because it allows TLS 1.0. A policy that cannot be classified fails. preset=securityhub ' +
    '(also securityhub-elb17) reproduces Security Hub ELB.17.',
  severity: 'high',
  appliesTo: ['application', 'network'],
  resourceTypes: [ELBV2_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, ELBV2_LISTENER], periodic: 'TwentyFour_Hours' },
  parameters: {
    minTlsVersion: minTlsVersionParam(
      ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
      'Oldest protocol a policy may allow.',
    ),
    requireForwardSecrecy: {
      type: 'boolean',
      default: true,
      description: 'Whether every cipher usable below TLS 1.3 must use ephemeral (EC)DHE key exchange.',
    },
    requireFips: {
      type: 'boolean',
      default: false,
      description: 'Whether the policy must be a FIPS policy (FIPS 140 validated module).',
    },
    requirePostQuantum: {
      type: 'boolean',
      default: false,
      description: 'Whether the policy must offer hybrid post-quantum (ML-KEM) key exchange.',
    },
    ...policyListParams,
    preset: {
      type: 'enum',
      values: ['none', 'securityhub-elb17', 'strict', 'securityhub'],
      default: 'none',
      description:
        'securityhub (or its older name securityhub-elb17): accept exactly the policies Security Hub ELB.17 accepts (the property parameters are ' +
        'ignored). strict: TLS 1.3 supported, nothing below TLS 1.2, forward secrecy, and either only AEAD ciphers ' +
        '(the Res shape) or post-quantum key exchange; added to the property parameters.',
    },
    reportOn: reportOnParameter('listener'),
  },
  remediation: setElbv2SslPolicy,
  needs: [listeners, tlsPolicies],
  reportEach: { resourceType: ELBV2_LISTENER, evaluateEach: eachListener },
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.17',
      relation: 'looser',
      note: 'The defaults pass any TLS 1.2+ forward-secret policy, such as ELBSecurityPolicy-TLS13-1-2-2021-06, which ELB.17 fails.',
      parity: { preset: 'securityhub', reportOn: 'listener' },
    },
    {
      framework: 'AWS Config managed rule',
      id: 'elbv2-predefined-security-policy-ssl-check',
      relation: 'stricter',
      note: 'The managed rule compares names against a list; this rule checks what each policy allows.',
    },
  ],
  validateParameters: requirementProblems,
  evaluate({ listeners, tlsPolicies }, { params }) {
    const secure = [...listeners]
      .filter((l) => ELBV2_TLS_PROTOCOLS.has(l.protocol))
      .sort((a, b) => a.port - b.port);
    if (secure.length === 0)
      return notApplicable(
        'No HTTPS or TLS listener: no TLS policy to judge (the listener rules judge plaintext).',
      );
    const requirements = { ...params, preset: tlsPreset(params.preset) };
    const findings: string[] = [];
    const passed: string[] = [];
    for (const listener of secure) {
      const where = `${listener.protocol}:${listener.port}`;
      if (!listener.sslPolicy) {
        findings.push(`${where} has no security policy recorded, so what it allows is unknown`);
        continue;
      }
      const found = lookupPolicy('elbv2', listener.sslPolicy, tlsPolicies);
      if (!found.ok) {
        findings.push(`${where} policy ${listener.sslPolicy} cannot be classified: ${found.reason}`);
        continue;
      }
      const verdict = judgePolicy(found.profile, [listener.sslPolicy], requirements);
      if (verdict.ok)
        passed.push(`${where} ${listener.sslPolicy} (${verdict.why ?? summarize(found.profile)})`);
      else findings.push(`${where} policy ${listener.sslPolicy} ${verdict.faults.join('; ')}`);
    }
    return fromFindings(findings, `TLS policies meet the requirements: ${passed.join(', ')}.`);
  },
});
