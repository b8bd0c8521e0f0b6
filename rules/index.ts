// The registry: every rule, once. The CDK stack, the conformance pack, the IAM policies, the
// README rule table and the CLI are all generated from this list. Adding a rule is one folder
// under rules/ plus one line here; test/rules/index.test.ts fails when either is missing.

import { rule as albDropInvalidHeaders } from './alb-drop-invalid-headers/rule.js';
import { rule as albHttpsOnly } from './alb-https-only/rule.js';
import { rule as albWafEnabled } from './alb-waf-enabled/rule.js';
import { rule as clbAcmCertificateRequired } from './clb-acm-certificate-required/rule.js';
import { rule as clbConnectionDraining } from './clb-connection-draining/rule.js';
import { rule as clbHttpsSslOnly } from './clb-https-ssl-only/rule.js';
import { rule as clbTlsPolicy } from './clb-tls-policy/rule.js';
import type { AnyRule } from './core/engine/rule.js';
import { InputError } from './core/model/errors.js';
import { rule as elbv2AcmCertificateRequired } from './elbv2-acm-certificate-required/rule.js';
import { rule as elbv2TlsPolicy } from './elbv2-tls-policy/rule.js';
import { rule as lbAccessLogs } from './lb-access-logs/rule.js';
import { rule as lbCertificateExpiry } from './lb-certificate-expiry/rule.js';
import { rule as lbCertificateKeyStrength } from './lb-certificate-key-strength/rule.js';
import { rule as lbDeletionProtection } from './lb-deletion-protection/rule.js';
import { rule as lbDesyncMitigation } from './lb-desync-mitigation/rule.js';
import { rule as lbInternetFacingApproved } from './lb-internet-facing-approved/rule.js';
import { rule as lbMultiAz } from './lb-multi-az/rule.js';
import { rule as lbSgWorldIngress } from './lb-sg-world-ingress/rule.js';
import { rule as lbShieldAdvanced } from './lb-shield-advanced/rule.js';
import { rule as lbTargetHealth } from './lb-target-health/rule.js';
import { rule as lbTargetSgRestricted } from './lb-target-sg-restricted/rule.js';
import { rule as nlbHasSecurityGroups } from './nlb-has-security-groups/rule.js';
import { rule as nlbTlsOnly } from './nlb-tls-only/rule.js';

export const RULES: readonly AnyRule[] = [
  albHttpsOnly,
  nlbTlsOnly,
  clbHttpsSslOnly,
  elbv2TlsPolicy,
  clbTlsPolicy,
  lbCertificateExpiry,
  lbCertificateKeyStrength,
  elbv2AcmCertificateRequired,
  clbAcmCertificateRequired,
  lbSgWorldIngress,
  lbTargetSgRestricted,
  lbInternetFacingApproved,
  nlbHasSecurityGroups,
  albWafEnabled,
  albDropInvalidHeaders,
  lbDesyncMitigation,
  lbDeletionProtection,
  lbAccessLogs,
  lbTargetHealth,
  lbMultiAz,
  clbConnectionDraining,
  lbShieldAdvanced,
];

export function findRule(id: string): AnyRule | undefined {
  return RULES.find((r) => r.id === id);
}

export class UnknownRuleError extends InputError {
  override name = 'UnknownRuleError';
}

/** Rules by comma-separated ids; every id must exist. */
export function selectRules(ids: readonly string[] | undefined): AnyRule[] {
  if (!ids || ids.length === 0) return [...RULES];
  return ids.map((id) => {
    const rule = findRule(id);
    if (!rule) {
      throw new UnknownRuleError(
        `Unknown rule "${id}". Expected one of: ${RULES.map((r) => r.id).join(', ')}.`,
      );
    }
    return rule;
  });
}
