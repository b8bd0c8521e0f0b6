// Delivery is all-or-report: a refused PutEvaluations entry or one resource type's failed listing
// loses nothing else, and the invocation then fails naming what was not delivered.
import {
  type Evaluation as ConfigEvaluation,
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearCredentialCache } from '../../../rules/core/aws/credentials.js';
import { createHandler, IncompleteEvaluationError } from '../../../rules/core/engine/handler.js';
import { silentLog } from '../../../rules/core/engine/log.js';
import { PUT_EVALUATIONS_BATCH, PutEvaluationsError } from '../../../rules/core/engine/put-evaluations.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import { rule as internetFacingApproved } from '../../../rules/lb-internet-facing-approved/rule.js';
import { albArn, REGION, scheduledEvent } from '../../fixtures/config-items.js';

const config = mockClient(ConfigServiceClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const classic = mockClient(ElasticLoadBalancingClient);
const options = {
  log: silentLog,
  sleep: async () => {},
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

function serveAlbs(lbs: LoadBalancer[]): void {
  elbv2.on(DescribeLoadBalancersCommand).callsFake((input: { Marker?: string }) => {
    const start = input.Marker ? Number(input.Marker) : 0;
    const next = start + 100 < lbs.length ? String(start + 100) : undefined;
    return { LoadBalancers: lbs.slice(start, start + 100), NextMarker: next };
  });
  elbv2.on(DescribeTagsCommand).callsFake((input: { ResourceArns: string[] }) => ({
    TagDescriptions: input.ResourceArns.map((arn) => ({
      ResourceArn: arn,
      Tags: [{ Key: 'elb-config-rules:internet-facing-approved', Value: 'true' }],
    })),
  }));
}

const sentEntries = () =>
  config.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations ?? []);

beforeEach(() => {
  config.reset();
  elbv2.reset();
  classic.reset();
  clearCredentialCache();
  config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
  config.on(GetComplianceDetailsByConfigRuleCommand).resolves({ EvaluationResults: [] });
  classic.on(DescribeClassicCommand).resolves({ LoadBalancerDescriptions: [] });
});

describe('PutEvaluations refusing entries on every call', () => {
  it('sends all three batches of a 250-resource sweep, resends the refused, then fails naming them', async () => {
    const lbs = albs(250);
    serveAlbs(lbs);
    // One entry in each batch is refused on every call, as Config does for an entry it will never take.
    const refused = new Set([lbs[7]!, lbs[150]!, lbs[249]!].map((lb) => lb.LoadBalancerArn!));
    config.on(PutEvaluationsCommand).callsFake((input: { Evaluations: ConfigEvaluation[] }) => ({
      FailedEvaluations: input.Evaluations.filter((e) => refused.has(e.ComplianceResourceId ?? '')),
    }));

    const error = await createHandler(internetFacingApproved, options)(scheduledEvent()).catch((e) => e);

    expect(error).toBeInstanceOf(PutEvaluationsError);
    expect((error as PutEvaluationsError).failedEntries.map((e) => e.ComplianceResourceId).sort()).toEqual(
      [...refused].sort(),
    );
    expect((error as PutEvaluationsError).delivered).toBe(247);
    for (const arn of refused) expect((error as Error).message).toContain(arn);
    const calls = config.commandCalls(PutEvaluationsCommand).map((c) => c.args[0].input.Evaluations ?? []);
    // Every batch went out once in full; each refused entry was then resent on its own, five times.
    expect(calls.filter((batch) => batch.length > 1).map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(calls.every((batch) => batch.length <= PUT_EVALUATIONS_BATCH)).toBe(true);
    for (const arn of refused) {
      expect(calls.filter((batch) => batch.some((e) => e.ComplianceResourceId === arn))).toHaveLength(6);
    }
    const delivered = new Set(
      sentEntries()
        .map((e) => e.ComplianceResourceId)
        .filter((id) => !refused.has(id ?? '')),
    );
    expect(delivered.size).toBe(247);
  });

  it('sends the later batches when one call fails outright, then fails naming its entries', async () => {
    const lbs = albs(250);
    serveAlbs(lbs);
    config
      .on(PutEvaluationsCommand)
      .rejectsOnce(Object.assign(new Error('1 validation error detected'), { name: 'ValidationException' }))
      .resolves({ FailedEvaluations: [] });

    const error = await createHandler(internetFacingApproved, options)(scheduledEvent()).catch((e) => e);

    expect(error).toBeInstanceOf(PutEvaluationsError);
    expect((error as PutEvaluationsError).failedEntries).toHaveLength(100);
    expect((error as Error).message).toMatch(/ValidationException: 1 validation error detected/);
    expect(
      config.commandCalls(PutEvaluationsCommand).map((c) => c.args[0].input.Evaluations?.length),
    ).toEqual([100, 100, 50]);
  });
});

describe('one resource type whose listing fails', () => {
  it.each([
    ['denied', Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' })],
    ['throttled past its retries', Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })],
    ['unavailable', Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' })],
  ])('delivers the ALBs when the Classic listing is %s, then fails naming Classic', async (_, fault) => {
    const lbs = albs(3);
    serveAlbs(lbs);
    classic.on(DescribeClassicCommand).rejects(fault);

    const error = await createHandler(internetFacingApproved, options)(scheduledEvent()).catch((e) => e);

    expect(error).toBeInstanceOf(IncompleteEvaluationError);
    expect((error as Error).message).toContain(CLASSIC_LOAD_BALANCER);
    expect((error as Error).message).toContain(fault.name);
    expect(sentEntries().map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual(
      lbs.map((lb) => [lb.LoadBalancerArn, 'COMPLIANT']),
    );
  });

  it('does not call the failed type`s earlier results stale, and still clears the listed type`s', async () => {
    serveAlbs(albs(1));
    classic
      .on(DescribeClassicCommand)
      .rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' }));
    const gone = albArn('deleted', '999');
    config.on(GetComplianceDetailsByConfigRuleCommand).resolves({
      EvaluationResults: [
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: CLASSIC_LOAD_BALANCER, ResourceId: 'legacy' },
          },
        },
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: { ResourceType: ELBV2_LOAD_BALANCER, ResourceId: gone },
          },
        },
      ],
    });

    await expect(createHandler(internetFacingApproved, options)(scheduledEvent())).rejects.toThrow(
      IncompleteEvaluationError,
    );

    const sent = sentEntries().map((e) => [e.ComplianceResourceId, e.ComplianceType]);
    expect(sent).toContainEqual([gone, 'NOT_APPLICABLE']);
    expect(sent.some(([id]) => id === 'legacy')).toBe(false);
    expect(sent).toHaveLength(2);
  });
});
