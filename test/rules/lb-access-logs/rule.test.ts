import { describe, expect, it } from 'vitest';
import { rule as accessLogs } from '../../../rules/lb-access-logs/rule.js';
import { albWith, classicWith, judgeWith } from '../../fixtures/network-items.js';

describe('lb-access-logs (ELB.5)', () => {
  const on = {
    'access_logs.s3.enabled': 'true',
    'access_logs.s3.bucket': 'corp-elb-logs',
    'access_logs.s3.prefix': 'web',
  };

  it('passes logging to any bucket by default, naming it', async () => {
    const { lb, facets } = albWith(on);
    expect((await judgeWith(accessLogs, lb, facets)).annotation).toBe(
      'Access logs go to s3://corp-elb-logs/web.',
    );
  });

  it('fails logging off', async () => {
    const { lb, facets } = albWith({ 'access_logs.s3.enabled': 'false' });
    expect((await judgeWith(accessLogs, lb, facets)).annotation).toBe(
      'access logs are off (access_logs.s3.enabled=false)',
    );
  });

  it('fails a bucket outside allowedBuckets', async () => {
    const { lb, facets } = albWith(on);
    const evaluation = await judgeWith(accessLogs, lb, facets, {
      allowedBuckets: 'central-logs-111122223333',
    });
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toContain('bucket corp-elb-logs, which is not one of allowedBuckets');
  });

  it('reads Classic access logs from the item', async () => {
    const { lb, facets } = classicWith({ accessLog: { enabled: false, emitInterval: 60 } });
    expect((await judgeWith(accessLogs, lb, facets)).annotation).toBe(
      'access logs are off (accessLog.enabled=false)',
    );
  });

  it('skips NLBs unless checkNetworkLoadBalancers=true', async () => {
    const { lb, facets } = albWith({ 'access_logs.s3.enabled': 'false' }, { name: 'nlb', type: 'network' });
    expect((await judgeWith(accessLogs, lb, facets)).complianceType).toBe('NOT_APPLICABLE');
    const checked = await judgeWith(accessLogs, lb, facets, { checkNetworkLoadBalancers: 'true' });
    expect(checked.complianceType).toBe('NON_COMPLIANT');
  });

  it('refuses a malformed bucket name', async () => {
    const { lb, facets } = albWith(on);
    await expect(judgeWith(accessLogs, lb, facets, { allowedBuckets: 'Corp_Logs' })).rejects.toThrow(
      /allowedBuckets.*S3 bucket names; item "Corp_Logs"/,
    );
  });
});
