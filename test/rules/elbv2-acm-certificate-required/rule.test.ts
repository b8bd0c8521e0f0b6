// Table-driven tests over configuration items shaped as AWS Config records them.
import { describe, expect, it } from 'vitest';
import { annotationOf } from '../../../rules/core/engine/annotation.js';
import { rule as elbv2Acm } from '../../../rules/elbv2-acm-certificate-required/rule.js';
import { ACM, albFromItem, IAM, listenerFromItem, run } from '../../support/tls-items.js';

describe('ACM-required rules', () => {
  it('elbv2: an IAM certificate on a listener fails unless allowed', () => {
    const listeners = [
      listenerFromItem(443, 'HTTPS', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', IAM('legacy-cert')),
    ];
    const model = { lb: albFromItem(), listeners, listenerCertificates: {} };
    const failed = run(elbv2Acm, model);
    expect(annotationOf(failed)).toBe(
      `${IAM('legacy-cert')} on HTTPS:443 is an IAM server certificate; import it into ACM or request one there`,
    );
    expect(run(elbv2Acm, model, { allowedCertificates: 'legacy-cert' }).compliance).toBe('COMPLIANT');
  });

  it('elbv2: SNI certificates count too', () => {
    const listener = listenerFromItem(443, 'HTTPS', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    const sni = {
      [listener.arn]: [
        { arn: ACM('default'), isDefault: true },
        { arn: IAM('sni-cert'), isDefault: false },
      ],
    };
    const outcome = run(elbv2Acm, { lb: albFromItem(), listeners: [listener], listenerCertificates: sni });
    expect(annotationOf(outcome)).toMatch(/sni-cert on HTTPS:443 \(SNI\) is an IAM server certificate/);
  });
});
