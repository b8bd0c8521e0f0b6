// Table-driven tests over configuration items shaped as AWS Config records them.
import { describe, expect, it } from 'vitest';
import { rule as clbAcm } from '../../../rules/clb-acm-certificate-required/rule.js';
import { annotationOf } from '../../../rules/core/engine/annotation.js';
import { ACM, classicFromItem, IAM, run } from '../../support/tls-items.js';

describe('clb-acm-certificate-required', () => {
  it('classic: reads sslcertificateId from the item', () => {
    const { lb } = classicFromItem(
      [
        { protocol: 'HTTPS', port: 443, policyNames: [], cert: IAM('old') },
        { protocol: 'SSL', port: 8443, policyNames: [], cert: ACM('ok') },
      ],
      [],
    );
    const outcome = run(clbAcm, { lb });
    expect(outcome.compliance).toBe('NON_COMPLIANT');
    expect(annotationOf(outcome)).toMatch(/old on HTTPS:443 is an IAM server certificate/);
  });
});
