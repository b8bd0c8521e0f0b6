// Static parameters that several remediation documents declare with the same meaning.
import type { RemediationParameter } from '../engine/rule.js';

/** Every document of ours can report what it would change without changing it. */
export const DRY_RUN: RemediationParameter = {
  default: 'false',
  description: 'true: report what would change and change nothing.',
};

/** The security policy a document gives the listener it creates: the strictest current ELBv2 policy. */
export const NEW_LISTENER_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

/** The certificate of the listener a document creates; listener names it by protocol (TLS, HTTPS). */
export function newListenerCertificateArn(listener: string): RemediationParameter {
  return {
    default: '',
    description: `(Required) ACM certificate ARN for the ${listener} listener; there is no safe default.`,
  };
}

/** The security policy of the listener a document creates; listener names it by protocol (TLS, HTTPS). */
export function newListenerSslPolicy(listener: string): RemediationParameter {
  return { default: NEW_LISTENER_SSL_POLICY, description: `Security policy of the ${listener} listener.` };
}
