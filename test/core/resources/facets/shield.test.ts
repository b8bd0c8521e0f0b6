// The Shield Advanced facets against a mocked Shield client, with the response shapes of the Shield
// API reference (GetSubscriptionState, DescribeProtection). moto does not implement
// GetSubscriptionState, so these facets cannot be run against moto.
import {
  DescribeProtectionCommand,
  GetSubscriptionStateCommand,
  InternalErrorException,
  ResourceNotFoundException,
  ShieldClient,
} from '@aws-sdk/client-shield';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegionalAws } from '../../../../rules/core/aws/regional-aws.js';
import { shieldProtection } from '../../../../rules/core/resources/facets/shield-protection.js';
import { shieldSubscription } from '../../../../rules/core/resources/facets/shield-subscription.js';
import { LiveEstate } from '../../../../rules/core/resources/live/live-estate.js';
import {
  ACCOUNT,
  classicItem,
  elbv2Arn,
  elbv2Item,
  loadBalancerOf,
} from '../../../fixtures/network-items.js';
import { lbNamed, open } from '../../../support/live-facets.js';

const shield = mockClient(ShieldClient);

beforeEach(() => shield.reset());
afterEach(() => shield.reset());

const notFound = () =>
  new ResourceNotFoundException({
    message: 'The referenced protection does not exist.',
    $metadata: { httpStatusCode: 400 },
  });

describe('shieldSubscription facet', () => {
  it('reads GetSubscriptionState once for every load balancer of the estate', async () => {
    shield.on(GetSubscriptionStateCommand).resolves({ SubscriptionState: 'INACTIVE' });
    const estate = await open();
    const results = await Promise.all(
      ['a', 'b', 'c'].map((name) => estate.facet(shieldSubscription, lbNamed(name))),
    );
    expect(results).toEqual([1, 2, 3].map(() => ({ ok: true, value: 'INACTIVE' })));
    expect(shield.commandCalls(GetSubscriptionStateCommand)).toHaveLength(1);
  });

  it('asks the us-east-1 endpoint from any region', async () => {
    shield.on(GetSubscriptionStateCommand).resolves({ SubscriptionState: 'ACTIVE' });
    const estate = await LiveEstate.open(new RegionalAws({ region: 'eu-west-1', accountId: ACCOUNT }));
    expect(await estate.facet(shieldSubscription, lbNamed('web'))).toEqual({ ok: true, value: 'ACTIVE' });
    const [call] = shield.commandCalls(GetSubscriptionStateCommand);
    expect(await call?.thisValue.config.region()).toBe('us-east-1');
  });

  it.each([
    ['no state', {}],
    ['an unknown state', { SubscriptionState: 'PENDING' }],
  ])('does not take a response with %s as an answer', async (_what, response) => {
    shield.on(GetSubscriptionStateCommand).resolves(response as never);
    const result = await (await open()).facet(shieldSubscription, lbNamed('web'));
    expect(result.ok).toBe(false);
  });

  it('reports a failed call as a failed read', async () => {
    shield
      .on(GetSubscriptionStateCommand)
      .rejects(new InternalErrorException({ message: 'internal', $metadata: { httpStatusCode: 500 } }));
    const result = await (await open()).facet(shieldSubscription, lbNamed('web'));
    expect(result).toMatchObject({ ok: false });
  });
});

describe('shieldProtection facet', () => {
  it('returns the protection of an ALB by its ARN, or null on ResourceNotFoundException', async () => {
    shield.on(GetSubscriptionStateCommand).resolves({ SubscriptionState: 'ACTIVE' });
    shield.on(DescribeProtectionCommand, { ResourceArn: elbv2Arn('guarded') }).resolves({
      Protection: {
        Id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
        Name: 'guarded-alb',
        ResourceArn: elbv2Arn('guarded'),
        HealthCheckIds: [],
        ProtectionArn: `arn:aws:shield::${ACCOUNT}:protection/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`,
      },
    });
    shield.on(DescribeProtectionCommand, { ResourceArn: elbv2Arn('bare') }).rejects(notFound());
    const estate = await open();
    expect(await estate.facet(shieldProtection, lbNamed('guarded'))).toEqual({
      ok: true,
      value: { id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', name: 'guarded-alb' },
    });
    expect(await estate.facet(shieldProtection, lbNamed('bare'))).toEqual({ ok: true, value: null });
  });

  it('looks a Classic load balancer up by the ARN built from its name', async () => {
    shield.on(GetSubscriptionStateCommand).resolves({ SubscriptionState: 'ACTIVE' });
    shield.on(DescribeProtectionCommand).rejects(notFound());
    const classic = loadBalancerOf(
      classicItem({ name: 'legacy', listeners: [{ protocol: 'HTTP', port: 80, instancePort: 80 }] }),
    ).lb;
    expect(await (await open()).facet(shieldProtection, classic)).toEqual({ ok: true, value: null });
    expect(shield.commandCalls(DescribeProtectionCommand)[0]?.args[0].input).toEqual({
      ResourceArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/legacy`,
    });
  });

  it('treats any other error as a failed read, never as unprotected', async () => {
    shield.on(GetSubscriptionStateCommand).resolves({ SubscriptionState: 'ACTIVE' });
    shield.on(DescribeProtectionCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: shield:DescribeProtection'), {
        name: 'AccessDeniedException',
      }),
    );
    const result = await (await open()).facet(shieldProtection, lbNamed('web'));
    expect(result).toMatchObject({ ok: false });
  });

  it('makes no protection call without a subscription, nor for a Network Load Balancer', async () => {
    shield.on(GetSubscriptionStateCommand).resolves({ SubscriptionState: 'INACTIVE' });
    const estate = await open();
    expect(await estate.facet(shieldProtection, lbNamed('web'))).toEqual({ ok: true, value: null });
    const nlb = loadBalancerOf(elbv2Item({ name: 'nlb', type: 'network' })).lb;
    expect(await estate.facet(shieldProtection, nlb)).toEqual({ ok: true, value: null });
    expect(shield.commandCalls(DescribeProtectionCommand)).toHaveLength(0);
  });
});
