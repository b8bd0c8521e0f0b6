import {
  DescribeSSLPoliciesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { requireMoto } from './moto.js';
import { motoForSuite } from './moto-suite.js';

const run = requireMoto();

describe.runIf(run)('moto harness', () => {
  motoForSuite();
  it('serves the ELBv2 API over the wire through AWS_ENDPOINT_URL', async () => {
    const out = await new ElasticLoadBalancingV2Client({}).send(new DescribeSSLPoliciesCommand({}));
    expect(out.SslPolicies?.some((p) => p.Name === 'ELBSecurityPolicy-2016-08')).toBe(true);
  });
});
