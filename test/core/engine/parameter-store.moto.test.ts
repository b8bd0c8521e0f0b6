// A real handler invocation against moto with a list parameter kept in SSM Parameter Store: the
// items decide the verdicts, and a missing, encrypted or malformed parameter fails the invocation.
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../../rules/core/engine/handler.js';
import type { Log } from '../../../rules/core/engine/log.js';
import { rule as acmRequired } from '../../../rules/elbv2-acm-certificate-required/rule.js';
import { rule as internetFacingApproved } from '../../../rules/lb-internet-facing-approved/rule.js';
import { REGION, scheduledEvent } from '../../fixtures/config-items.js';
import { runCli } from '../../support/cli.js';
import { createVpcWithSubnets, requireMoto } from '../../support/moto.js';
import { motoForSuite } from '../../support/moto-suite.js';

const run = requireMoto();

describe.skipIf(!run)('list parameters from SSM Parameter Store, on moto', () => {
  const moto = motoForSuite(REGION);

  beforeAll(async () => {
    const ec2 = new EC2Client({});
    const { subnets } = await createVpcWithSubnets(ec2, REGION);
    const elbv2 = new ElasticLoadBalancingV2Client({});
    for (const name of ['web-a', 'web-b', 'web-c'])
      await elbv2.send(
        new CreateLoadBalancerCommand({
          Name: name,
          Subnets: subnets,
          Scheme: 'internet-facing',
          Type: 'application',
        }),
      );
    const ssm = new SSMClient({});
    const put = (Name: string, Value: string, Type: 'String' | 'StringList' | 'SecureString') =>
      ssm.send(new PutParameterCommand({ Name, Value, Type }));
    await put('/elb-config-rules/approved', 'web-a, web-c', 'StringList');
    await put('/elb-config-rules/secret', 'web-a', 'SecureString');
    await put(
      '/elb-config-rules/certificates',
      'arn:aws:acm:us-east-1:123456789012:certificate/x,not a name!',
      'String',
    );
  }, 60_000);

  const invoke = async (
    rule: typeof internetFacingApproved | typeof acmRequired,
    parameters: Record<string, string>,
  ) => {
    const verdicts: Record<string, string> = {};
    const log: Log = {
      debug() {},
      warn() {},
      error() {},
      info(message, attributes) {
        if (message === 'evaluated')
          verdicts[String(attributes?.resourceId).split('/')[2]!] = String(attributes?.decision);
      },
    };
    const result = await createHandler(rule, { log, sleep: async () => {} })(
      scheduledEvent({ resultToken: 'TESTMODE', parameters }),
    );
    return { verdicts, result };
  };

  it('judges with the items the parameter holds', async () => {
    const { verdicts, result } = await invoke(internetFacingApproved, {
      allowedLoadBalancers: 'ssm:/elb-config-rules/approved',
    });
    expect(verdicts).toEqual({ 'web-a': 'COMPLIANT', 'web-b': 'NON_COMPLIANT', 'web-c': 'COMPLIANT' });
    expect(result.delivered).toBe(3);
  });

  it('fails the invocation for a missing parameter and for a SecureString, never taking the list as empty', async () => {
    await expect(
      invoke(internetFacingApproved, { allowedLoadBalancers: 'ssm:/elb-config-rules/gone' }),
    ).rejects.toThrow(/SSM parameter \/elb-config-rules\/gone could not be read: it does not exist/);
    await expect(
      invoke(internetFacingApproved, { allowedLoadBalancers: 'ssm:/elb-config-rules/secret' }),
    ).rejects.toThrow(/\/elb-config-rules\/secret is a SecureString/);
  });

  it('refuses content an inline value could not hold, with the same error', async () => {
    await expect(
      invoke(acmRequired, { allowedCertificates: 'ssm:/elb-config-rules/certificates' }),
    ).rejects.toThrow(
      'Rule parameter "allowedCertificates" must be a comma-separated list of certificate ARNs or IAM server certificate names; item "not a name!" is not. (read from SSM parameter /elb-config-rules/certificates)',
    );
  });

  it('the CLI audit reads the parameter with its own credentials, and a snapshot audit refuses it', async () => {
    const param = 'lb-internet-facing-approved.allowedLoadBalancers=ssm:/elb-config-rules/approved';
    const live = await runCli(
      [
        'audit',
        '--region',
        REGION,
        '--rules',
        'lb-internet-facing-approved',
        '--format',
        'json',
        '--param',
        param,
      ],
      moto.env,
    );
    expect(live.stderr).toBe('');
    const verdicts = Object.fromEntries(
      (JSON.parse(live.stdout).evaluations as { resourceName: string; complianceType: string }[]).map((e) => [
        e.resourceName,
        e.complianceType,
      ]),
    );
    expect(verdicts).toEqual({ 'web-a': 'COMPLIANT', 'web-b': 'NON_COMPLIANT', 'web-c': 'COMPLIANT' });

    const missing = await runCli(
      ['audit', '--region', REGION, '--rules', 'lb-internet-facing-approved', '--param', `${param}-gone`],
      moto.env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /SSM parameter \/elb-config-rules\/approved-gone could not be read: it does not exist/,
    );

    const offline = await runCli([
      'audit',
      '--snapshot',
      'rules/core/resources/sample-estate',
      '--param',
      param,
    ]);
    expect(offline.code).toBe(2);
    expect(offline.stderr).toContain('a --snapshot audit reads none, so give the list inline');
  }, 300_000);
});
