// createHandler end to end with mocked AWS clients (aws-sdk-client-mock).
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  GetResourceConfigHistoryCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import type { Listener, LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rule as albHttpsOnly } from '../../../rules/alb-https-only/rule.js';
import { rule as clbHttpsSslOnly } from '../../../rules/clb-https-ssl-only/rule.js';
import { clearCredentialCache } from '../../../rules/core/aws/credentials.js';
import { createHandler, IncompleteEvaluationError } from '../../../rules/core/engine/handler.js';
import { silentLog } from '../../../rules/core/engine/log.js';
import { PutEvaluationsError } from '../../../rules/core/engine/put-evaluations.js';
import {
  ACCOUNT,
  albArn,
  changeEvent,
  classicItem,
  elbv2LoadBalancerItem,
  forward,
  listenerApiShape,
  oversizedEvent,
  REGION,
  redirectTo,
  scheduledEvent,
} from '../../fixtures/config-items.js';

const config = mockClient(ConfigServiceClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const sts = mockClient(STSClient);
const noSleep = async () => {};
const options = {
  log: silentLog,
  sleep: noSleep,
  clientConfig: { region: REGION, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
};

function albs(count: number): LoadBalancer[] {
  return Array.from({ length: count }, (_, i) => ({
    LoadBalancerArn: albArn(`alb-${i}`, String(1000 + i)),
    LoadBalancerName: `alb-${i}`,
    Type: 'application',
    Scheme: 'internet-facing',
    SecurityGroups: [],
  })) as LoadBalancer[];
}

beforeEach(() => {
  config.reset();
  elbv2.reset();
  sts.reset();
  clearCredentialCache();
  config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
  config.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
});
afterEach(() => {
  delete process.env.ASSUME_EXECUTION_ROLE;
});

describe('createHandler', () => {
  it('sends TestMode for the TESTMODE token and nothing else when the item needs no API call', async () => {
    const handler = createHandler(clbHttpsSslOnly, options);
    await handler(
      changeEvent(classicItem({ name: 'legacy', listeners: [{ protocol: 'HTTP', port: 80 }] }), {
        resultToken: 'TESTMODE',
      }),
    );
    const calls = config.commandCalls(PutEvaluationsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({
      ResultToken: 'TESTMODE',
      TestMode: true,
      Evaluations: [
        {
          ComplianceResourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
          ComplianceResourceId: 'legacy',
          ComplianceType: 'NON_COMPLIANT',
          Annotation: 'HTTP:80 (to instance HTTP:80) is plaintext; use HTTPS or SSL',
        },
      ],
    });
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('sends a periodic sweep of 250 load balancers in batches of at most 100', async () => {
    const lbs = albs(250);
    elbv2.on(DescribeLoadBalancersCommand).callsFake((input: { Marker?: string }) => {
      const start = input.Marker ? Number(input.Marker) : 0;
      const page = lbs.slice(start, start + 100);
      return { LoadBalancers: page, NextMarker: start + 100 < lbs.length ? String(start + 100) : undefined };
    });
    elbv2.on(DescribeListenersCommand).callsFake((input: { LoadBalancerArn: string }) => ({
      Listeners: [
        listenerApiShape(input.LoadBalancerArn, 'l1', {
          port: 80,
          protocol: 'HTTP',
          defaultActions: [redirectTo('HTTPS')],
        }) as Listener,
      ],
    }));
    elbv2
      .on(DescribeRulesCommand)
      .resolves({ Rules: [{ RuleArn: 'arn:rule', Priority: 'default', IsDefault: true, Actions: [] }] });
    const result = await createHandler(albHttpsOnly, options)(scheduledEvent({ resultToken: 'real-token' }));
    const sizes = config.commandCalls(PutEvaluationsCommand).map((c) => c.args[0].input.Evaluations?.length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(result.delivered).toBe(250);
    expect(elbv2.commandCalls(DescribeLoadBalancersCommand)).toHaveLength(3);
    const first = config.commandCalls(PutEvaluationsCommand)[0]!.args[0].input;
    expect(first.TestMode).toBe(false);
    expect(first.Evaluations?.every((e) => e.ComplianceType === 'COMPLIANT')).toBe(true);
  });

  it('resends entries Config reports as failed until they land', async () => {
    config
      .on(PutEvaluationsCommand)
      .resolvesOnce({
        FailedEvaluations: [
          {
            ComplianceResourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
            ComplianceResourceId: 'legacy',
            ComplianceType: 'NON_COMPLIANT',
            OrderingTimestamp: new Date(),
          },
        ],
      })
      .resolves({ FailedEvaluations: [] });
    const handler = createHandler(clbHttpsSslOnly, options);
    await handler(
      changeEvent(classicItem({ name: 'legacy', listeners: [{ protocol: 'HTTP', port: 80 }] }), {
        resultToken: 'tok',
      }),
    );
    const calls = config.commandCalls(PutEvaluationsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.Evaluations?.map((e) => e.ComplianceResourceId)).toEqual(['legacy']);
  });

  it('fails the invocation when Config keeps refusing entries', async () => {
    config.on(PutEvaluationsCommand).resolves({
      FailedEvaluations: [
        {
          ComplianceResourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
          ComplianceResourceId: 'legacy',
          ComplianceType: 'NON_COMPLIANT',
          OrderingTimestamp: new Date(),
        },
      ],
    });
    const handler = createHandler(clbHttpsSslOnly, options);
    await expect(
      handler(changeEvent(classicItem({ name: 'legacy', listeners: [] }), { resultToken: 'tok' })),
    ).rejects.toBeInstanceOf(PutEvaluationsError);
    expect(config.commandCalls(PutEvaluationsCommand)).toHaveLength(6);
  });

  it('reads an oversized item from GetResourceConfigHistory', async () => {
    const arn = albArn('big');
    config.on(GetResourceConfigHistoryCommand).resolves({
      configurationItems: [
        {
          version: '1.3',
          accountId: ACCOUNT,
          configurationItemCaptureTime: new Date('2026-11-20T10:00:00Z'),
          configurationItemStatus: 'OK',
          arn,
          resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          resourceId: arn,
          awsRegion: REGION,
          configuration: JSON.stringify({
            loadBalancerArn: arn,
            loadBalancerName: 'big',
            type: 'application',
            scheme: 'internet-facing',
            securityGroups: [],
          }),
          supplementaryConfiguration: {},
        },
      ],
    });
    elbv2.on(DescribeListenersCommand).resolves({
      Listeners: [
        listenerApiShape(arn, 'l', { port: 80, protocol: 'HTTP', defaultActions: [forward()] }) as Listener,
      ],
    });
    elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });
    await createHandler(
      albHttpsOnly,
      options,
    )(oversizedEvent({ resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', resourceId: arn }));
    const history = config.commandCalls(GetResourceConfigHistoryCommand)[0]!.args[0].input;
    expect(history).toMatchObject({
      resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      resourceId: arn,
      limit: 1,
    });
    expect(history.laterTime?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(config.commandCalls(PutEvaluationsCommand)[0]!.args[0].input.Evaluations).toMatchObject([
      { ComplianceResourceId: arn, ComplianceType: 'NON_COMPLIANT' },
    ]);
  });

  it('delivers the readable resources, then fails naming the unreadable one', async () => {
    const lbs = albs(2);
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: lbs });
    elbv2
      .on(DescribeListenersCommand, { LoadBalancerArn: lbs[0]!.LoadBalancerArn })
      .rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' }));
    elbv2
      .on(DescribeListenersCommand, { LoadBalancerArn: lbs[1]!.LoadBalancerArn })
      .resolves({ Listeners: [] });
    const handler = createHandler(albHttpsOnly, options);
    await expect(handler(scheduledEvent())).rejects.toThrow(IncompleteEvaluationError);
    await expect(handler(scheduledEvent())).rejects.toThrow(/AccessDenied/);
    const sent = config.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations ?? []);
    expect(sent.map((e) => e.ComplianceResourceId)).toEqual([
      lbs[1]!.LoadBalancerArn,
      lbs[1]!.LoadBalancerArn,
    ]);
    expect(sent.some((e) => e.ComplianceResourceId === lbs[0]!.LoadBalancerArn)).toBe(false);
  });

  it('reads and reports through the event execution role when ASSUME_EXECUTION_ROLE is set', async () => {
    process.env.ASSUME_EXECUTION_ROLE = 'true';
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'AKIA',
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: new Date(Date.now() + 3600_000),
      },
    });
    const handler = createHandler(clbHttpsSslOnly, { ...options, clientConfig: { region: REGION } });
    await handler(changeEvent(classicItem({ name: 'legacy', listeners: [] })));
    const client = config.commandCalls(PutEvaluationsCommand)[0]!.thisValue as ConfigServiceClient;
    const identity = await client.config.credentials();
    expect(identity.accessKeyId).toBe('AKIA');
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input.RoleArn).toBe(
      `arn:aws:iam::${ACCOUNT}:role/config-role`,
    );
  });

  it('judges a change to an ALB item with one DescribeListeners and one DescribeRules per listener', async () => {
    const arn = albArn('web');
    elbv2.on(DescribeListenersCommand).resolves({
      Listeners: [
        listenerApiShape(arn, 'a', {
          port: 80,
          protocol: 'HTTP',
          defaultActions: [redirectTo('HTTPS')],
        }) as Listener,
      ],
    });
    elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });
    await createHandler(
      albHttpsOnly,
      options,
    )(changeEvent(elbv2LoadBalancerItem({ arn, type: 'application' })));
    expect(elbv2.commandCalls(DescribeListenersCommand)).toHaveLength(1);
    expect(elbv2.commandCalls(DescribeRulesCommand)).toHaveLength(1);
    expect(elbv2.commandCalls(DescribeLoadBalancersCommand)).toHaveLength(0);
  });
});
