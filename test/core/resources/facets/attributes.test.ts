// The attributes facet is primed from the configuration item, for ELBv2 and Classic alike.
import { describe, expect, it } from 'vitest';
import { attributes } from '../../../../rules/core/resources/facets/attributes.js';
import { albWith, classicWith } from '../../../fixtures/network-items.js';

describe('attribute rules read the configuration item’s own attributes', () => {
  it('primes the attributes facet from an ELBv2 item', () => {
    const { facets } = albWith({ 'deletion_protection.enabled': 'true' });
    expect(facets[attributes.key]).toEqual({
      'deletion_protection.enabled': 'true',
      'routing.http.desync_mitigation_mode': 'defensive',
    });
  });

  it('primes the attributes facet from a Classic item, flattening its groups', () => {
    const { facets } = classicWith({
      accessLog: { enabled: true, s3BucketName: 'corp-elb-logs', emitInterval: 60, s3BucketPrefix: 'legacy' },
      additionalAttributes: [{ key: 'elb.http.desyncmitigationmode', value: 'monitor' }],
    });
    expect(facets[attributes.key]).toMatchObject({
      'accessLog.enabled': 'true',
      'accessLog.s3BucketName': 'corp-elb-logs',
      'elb.http.desyncmitigationmode': 'monitor',
    });
  });
});
