// Per-listener evaluations through createHandler: batches of at most 100 to PutEvaluations, each
// named as a Listener (aws-sdk-client-mock).
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
  type Listener,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, expect, it } from 'vitest';
import { createHandler } from '../../../rules/core/engine/handler.js';
import { silentLog } from '../../../rules/core/engine/log.js';
import { rule as nlbTlsOnly } from '../../../rules/nlb-tls-only/rule.js';
import {
  listenerApiShape,
  listenerArnOf,
  nlbArn,
  REGION,
  scheduledEvent,
} from '../../fixtures/config-items.js';

const config = mockClient(ConfigServiceClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const options = {
  log: silentLog,
  sleep: async () => {},
  clientConfig: { region: REGION, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
};

beforeEach(() => {
  config.reset();
  elbv2.reset();
  config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
});

it('sends 60 NLBs of 3 listeners as 180 Listener evaluations in batches of 100 and 80, clearing a stale one', async () => {
  const nlbs = Array.from({ length: 60 }, (_, i) => ({
    LoadBalancerArn: nlbArn(`nlb-${i}`, String(1000 + i)),
    LoadBalancerName: `nlb-${i}`,
    Type: 'network',
    Scheme: 'internet-facing',
  })) as LoadBalancer[];
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: nlbs });
  elbv2.on(DescribeListenersCommand).callsFake((input: { LoadBalancerArn: string }) => ({
    Listeners: [
      { port: 443, protocol: 'TLS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' },
      { port: 80, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ].map(
      (l) => listenerApiShape(input.LoadBalancerArn, `l${l.port}`, { ...l, defaultActions: [] }) as Listener,
    ),
  }));
  const stale = listenerArnOf(nlbArn('nlb-0', '1000'), 'deleted');
  config.on(GetComplianceDetailsByConfigRuleCommand).resolves({
    EvaluationResults: [
      {
        EvaluationResultIdentifier: {
          EvaluationResultQualifier: {
            ConfigRuleName: 'elb-config-rules-test',
            ResourceType: 'AWS::ElasticLoadBalancingV2::Listener',
            ResourceId: stale,
          },
        },
        ComplianceType: 'NON_COMPLIANT',
      },
    ],
  });
  const result = await createHandler(
    nlbTlsOnly,
    options,
  )(scheduledEvent({ resultToken: 'token', parameters: { reportOn: 'listener' } }));
  const sent = config.commandCalls(PutEvaluationsCommand).map((c) => c.args[0].input.Evaluations ?? []);
  expect(sent.map((batch) => batch.length)).toEqual([100, 81]);
  expect(result.delivered).toBe(181);
  const all = sent.flat();
  expect(new Set(all.map((e) => e.ComplianceResourceType))).toEqual(
    new Set(['AWS::ElasticLoadBalancingV2::Listener']),
  );
  expect(all.filter((e) => e.ComplianceType === 'NON_COMPLIANT')).toHaveLength(60);
  expect(all.find((e) => e.ComplianceResourceId === stale)?.ComplianceType).toBe('NOT_APPLICABLE');
  // One DescribeListeners per load balancer: each model is read once for all its listeners.
  expect(elbv2.commandCalls(DescribeListenersCommand)).toHaveLength(60);
});
