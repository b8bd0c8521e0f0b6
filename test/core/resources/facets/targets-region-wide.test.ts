// A sweep lists the region's target groups once, page by page, instead of once per load balancer;
// a change evaluation keeps the one call filtered by its load balancer.
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ELBV2_LOAD_BALANCER, type LoadBalancer } from '../../../../rules/core/model/model.js';
import { targets } from '../../../../rules/core/resources/facets/targets.js';
import { lbNamed, open, tgArn } from '../../../support/live-facets.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
/** The botocore model's PageSize maximum for DescribeTargetGroups: AWS refuses more (moto does not). */
const MODEL_MAX_PAGE_SIZE = 400;

const [a, b, idle] = ['a', 'b', 'idle'].map(lbNamed) as [LoadBalancer, LoadBalancer, LoadBalancer];
const arnOf = (lb: LoadBalancer) => (lb as LoadBalancer & { arn: string }).arn;
const group = (name: string, ...lbs: LoadBalancer[]): TargetGroup => ({
  TargetGroupArn: tgArn(name),
  TargetGroupName: name,
  TargetType: 'instance',
  Protocol: 'HTTP',
  Port: 80,
  HealthCheckEnabled: true,
  LoadBalancerArns: lbs.map(arnOf),
});

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
});
afterEach(() => elbv2.reset());

const names = (result: Awaited<ReturnType<Awaited<ReturnType<typeof open>>['facet']>>) =>
  result.ok ? (result.value as { name: string }[]).map((g) => g.name).sort() : result;

describe('target groups on a sweep', () => {
  it('are listed region-wide once, every page at most the model maximum, and indexed by load balancer', async () => {
    elbv2
      .on(DescribeTargetGroupsCommand, { Marker: undefined })
      .resolves({ TargetGroups: [group('a-web', a), group('shared', a, b)], NextMarker: 'page-2' })
      .on(DescribeTargetGroupsCommand, { Marker: 'page-2' })
      .resolves({ TargetGroups: [group('b-api', b), group('unattached')] });
    const estate = await open();
    for await (const _ of estate.listLoadBalancers([ELBV2_LOAD_BALANCER])) break;
    const [ofA, ofB, ofIdle] = await Promise.all([a, b, idle].map((lb) => estate.facet(targets, lb)));
    expect(names(ofA!)).toEqual(['a-web', 'shared']);
    expect(names(ofB!)).toEqual(['b-api', 'shared']);
    expect(names(ofIdle!)).toEqual([]);
    const calls = elbv2.commandCalls(DescribeTargetGroupsCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(2);
    for (const input of calls) {
      expect(input.LoadBalancerArn).toBeUndefined();
      expect(input.PageSize).toBeLessThanOrEqual(MODEL_MAX_PAGE_SIZE);
    }
    expect(elbv2.commandCalls(DescribeTargetHealthCommand)).toHaveLength(3);
  });

  it('a failed listing fails the facet of every load balancer, never reads as "no target groups"', async () => {
    elbv2
      .on(DescribeTargetGroupsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const estate = await open();
    for await (const _ of estate.listLoadBalancers([ELBV2_LOAD_BALANCER])) break;
    const results = await Promise.all([a, b].map((lb) => estate.facet(targets, lb)));
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(elbv2.commandCalls(DescribeTargetGroupsCommand)).toHaveLength(1);
  });

  it('a load balancer read again after release is asked for by itself', async () => {
    elbv2
      .on(DescribeTargetGroupsCommand, { LoadBalancerArn: arnOf(a) })
      .resolves({ TargetGroups: [group('a-web', a)] })
      .on(DescribeTargetGroupsCommand, { Marker: undefined, LoadBalancerArn: undefined })
      .resolves({ TargetGroups: [group('a-web', a)] });
    const estate = await open();
    for await (const _ of estate.listLoadBalancers([ELBV2_LOAD_BALANCER])) break;
    expect(names(await estate.facet(targets, a))).toEqual(['a-web']);
    estate.release(a);
    expect(names(await estate.facet(targets, a))).toEqual(['a-web']);
    const inputs = elbv2.commandCalls(DescribeTargetGroupsCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => i.LoadBalancerArn)).toEqual([undefined, arnOf(a)]);
  });
});

describe('target groups on a change evaluation', () => {
  it('are read by load balancer, one call, never a region-wide listing', async () => {
    elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [group('a-web', a)] });
    const estate = await open();
    expect(names(await estate.facet(targets, a))).toEqual(['a-web']);
    const inputs = elbv2.commandCalls(DescribeTargetGroupsCommand).map((c) => c.args[0].input);
    expect(inputs).toEqual([{ LoadBalancerArn: arnOf(a), PageSize: MODEL_MAX_PAGE_SIZE }]);
  });
});
