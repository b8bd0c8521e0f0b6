import {
  DescribeSSLPoliciesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MotoServer, requireMoto, startMoto, useMotoEnv } from './moto.js';

const run = requireMoto();

describe.runIf(run)('moto harness', () => {
  let moto: MotoServer;
  let restore: () => void;
  beforeAll(async () => {
    moto = await startMoto();
    restore = useMotoEnv(moto.endpoint);
  });
  afterAll(async () => {
    restore?.();
    await moto?.stop();
  });
  it('serves the ELBv2 API over the wire through AWS_ENDPOINT_URL', async () => {
    const out = await new ElasticLoadBalancingV2Client({}).send(new DescribeSSLPoliciesCommand({}));
    expect(out.SslPolicies?.some((p) => p.Name === 'ELBSecurityPolicy-2016-08')).toBe(true);
  });
});
