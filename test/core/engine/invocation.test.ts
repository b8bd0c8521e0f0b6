// The invocation flow for every message type and item status, over an in-memory estate.
import { describe, expect, it, vi } from 'vitest';
import { rule as albHttpsOnly } from '../../../rules/alb-https-only/rule.js';
import { rule as clbHttpsSslOnly } from '../../../rules/clb-https-ssl-only/rule.js';
import type { ElbV2LoadBalancer } from '../../../rules/core/model/model.js';
import { elbv2Listener, elbv2LoadBalancer } from '../../../rules/core/resources/normalize/elbv2.js';
import type { LoadBalancerRecord } from '../../../rules/core/resources/snapshot/format.js';
import {
  ACCOUNT,
  albArn,
  changeEvent,
  classicItem,
  elbv2LoadBalancerItem,
  forward,
  listenerApiShape,
  listenerItem,
  oversizedEvent,
  REGION,
  redirectTo,
  scheduledEvent,
  securityGroupItem,
} from '../../fixtures/config-items.js';
import { invocationHarness } from '../../support/invocation-harness.js';

const WEB = albArn('web', '1111');
const API = albArn('api', '2222');

function albRecord(
  arn: string,
  securityGroupIds: string[],
  httpAction: unknown,
  failures?: Record<string, string>,
): LoadBalancerRecord {
  const lb = elbv2LoadBalancer(
    {
      LoadBalancerArn: arn,
      Type: 'application',
      Scheme: 'internet-facing',
      SecurityGroups: securityGroupIds,
    },
    ACCOUNT,
    REGION,
  ) as ElbV2LoadBalancer;
  const listener = elbv2Listener(
    listenerApiShape(arn, 'http', { port: 80, protocol: 'HTTP', defaultActions: [httpAction] }),
  );
  const facets: Record<string, unknown> = { listeners: [listener], listenerRules: { [listener.arn]: [] } };
  for (const key of Object.keys(failures ?? {})) delete facets[key];
  return { loadBalancer: lb, facets, failures };
}

const compact = (evaluations: { resourceId: string; complianceType: string }[]) =>
  evaluations.map((e) => [e.resourceId, e.complianceType]);

describe('change notifications', () => {
  it('judges a load balancer item with the facets it carries plus those it does not', async () => {
    const { run } = invocationHarness([albRecord(WEB, [], forward())]);
    const result = await run(
      albHttpsOnly,
      changeEvent(elbv2LoadBalancerItem({ arn: WEB, type: 'application' })),
    );
    expect(compact(result.evaluations)).toEqual([[WEB, 'NON_COMPLIANT']]);
    expect(result.orderingTimestamp.toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });

  it.each(['ResourceDeleted', 'ResourceDeletedNotRecorded', 'ResourceNotRecorded'])(
    'reports NOT_APPLICABLE for status %s',
    async (status) => {
      const { run } = invocationHarness([]);
      const result = await run(
        albHttpsOnly,
        changeEvent(elbv2LoadBalancerItem({ arn: WEB, type: 'application', status })),
      );
      expect(compact(result.evaluations)).toEqual([[WEB, 'NOT_APPLICABLE']]);
      expect(result.evaluations[0]!.annotation).toContain(status);
    },
  );

  it('evaluates ResourceDiscovered like OK', async () => {
    const { run } = invocationHarness([albRecord(WEB, [], redirectTo('HTTPS'))]);
    const result = await run(
      albHttpsOnly,
      changeEvent(elbv2LoadBalancerItem({ arn: WEB, type: 'application', status: 'ResourceDiscovered' })),
    );
    expect(compact(result.evaluations)).toEqual([[WEB, 'COMPLIANT']]);
  });

  it('reports NOT_APPLICABLE when the resource left the rule scope', async () => {
    const { run } = invocationHarness([albRecord(WEB, [], forward())]);
    const result = await run(
      albHttpsOnly,
      changeEvent(elbv2LoadBalancerItem({ arn: WEB, type: 'application' }), { leftScope: true }),
    );
    expect(compact(result.evaluations)).toEqual([[WEB, 'NOT_APPLICABLE']]);
    expect(result.evaluations[0]!.annotation).toMatch(/left the rule/);
  });

  it('reports a listener change on its load balancer', async () => {
    const { run } = invocationHarness([albRecord(WEB, [], forward())]);
    const item = listenerItem(WEB, 'http', { port: 80, protocol: 'HTTP', defaultActions: [forward()] });
    const result = await run(albHttpsOnly, changeEvent(item));
    expect(result.evaluations.map((e) => [e.resourceType, e.resourceId, e.complianceType])).toEqual([
      ['AWS::ElasticLoadBalancingV2::LoadBalancer', WEB, 'NON_COMPLIANT'],
    ]);
  });

  it('re-judges the load balancer when one of its listeners is deleted', async () => {
    const { run } = invocationHarness([albRecord(WEB, [], redirectTo('HTTPS'))]);
    const item = listenerItem(
      WEB,
      'gone',
      { port: 8080, protocol: 'HTTP', defaultActions: [] },
      'ResourceDeleted',
    );
    const result = await run(albHttpsOnly, changeEvent(item));
    expect(compact(result.evaluations)).toEqual([[WEB, 'COMPLIANT']]);
  });

  it('reports NOT_APPLICABLE on the load balancer when a listener change finds it gone', async () => {
    const { run } = invocationHarness([]);
    const item = listenerItem(WEB, 'http', { port: 80, protocol: 'HTTP', defaultActions: [forward()] });
    const result = await run(albHttpsOnly, changeEvent(item));
    expect(compact(result.evaluations)).toEqual([[WEB, 'NOT_APPLICABLE']]);
  });

  it('re-evaluates every load balancer using a changed security group, with the group from the item', async () => {
    const { run } = invocationHarness([
      albRecord(WEB, ['sg-1'], forward()),
      albRecord(API, ['sg-1', 'sg-2'], redirectTo('HTTPS')),
      albRecord(albArn('other', '3333'), ['sg-9'], forward()),
    ]);
    const item = securityGroupItem('sg-1', [
      { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: ['0.0.0.0/0'] },
    ]);
    const result = await run(albHttpsOnly, changeEvent(item));
    expect(compact(result.evaluations).sort()).toEqual([
      [API, 'COMPLIANT'],
      [WEB, 'NON_COMPLIANT'],
    ]);
  });

  it('answers a Classic item from the item alone, without opening facets', async () => {
    const { run } = invocationHarness([]);
    const result = await run(
      clbHttpsSslOnly,
      changeEvent(
        classicItem({
          name: 'legacy',
          listeners: [
            { protocol: 'HTTP', port: 80 },
            { protocol: 'HTTPS', port: 443, cert: 'arn:aws:acm:x' },
          ],
        }),
      ),
    );
    expect(compact(result.evaluations)).toEqual([['legacy', 'NON_COMPLIANT']]);
  });

  it('reports NOT_APPLICABLE for a load balancer type the rule does not report on', async () => {
    const { run } = invocationHarness([]);
    const result = await run(albHttpsOnly, changeEvent(classicItem({ name: 'legacy', listeners: [] })));
    expect(compact(result.evaluations)).toEqual([['legacy', 'NOT_APPLICABLE']]);
  });

  it('keeps a resource whose data could not be read out of the evaluations to send', async () => {
    const { run } = invocationHarness([
      albRecord(WEB, [], redirectTo('HTTPS'), { listenerRules: 'AccessDenied' }),
    ]);
    const result = await run(
      albHttpsOnly,
      changeEvent(elbv2LoadBalancerItem({ arn: WEB, type: 'application' })),
    );
    expect(result.evaluations).toEqual([]);
    expect(result.unreadable.map((e) => [e.resourceId, e.error?.code])).toEqual([[WEB, 'NotInSnapshot']]);
  });

  it('assumes ExecutionRoleName in the evaluated account', async () => {
    const { run, openEstate } = invocationHarness([albRecord(WEB, [], forward())]);
    await run(
      albHttpsOnly,
      changeEvent(elbv2LoadBalancerItem({ arn: WEB, type: 'application' }), {
        parameters: { ExecutionRoleName: 'elb-eval' },
      }),
    );
    expect(openEstate).toHaveBeenCalledWith({
      accountId: ACCOUNT,
      region: REGION,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/elb-eval`,
    });
  });

  it('fails the invocation on a bad parameter, naming it', async () => {
    const { run } = invocationHarness([]);
    await expect(
      run(
        albHttpsOnly,
        changeEvent(elbv2LoadBalancerItem({ arn: WEB, type: 'application' }), {
          parameters: { allowFixedResponse: 'sometimes' },
        }),
      ),
    ).rejects.toThrow(/allowFixedResponse/);
  });
});

describe('oversized notifications', () => {
  it('fetches the item and normalises the history shape back', async () => {
    const history = {
      version: '1.3',
      accountId: ACCOUNT,
      configurationItemCaptureTime: new Date('2026-11-20T10:00:00Z'),
      configurationItemStatus: 'OK',
      arn: WEB,
      resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      resourceId: WEB,
      awsRegion: REGION,
      configuration: JSON.stringify({
        loadBalancerArn: WEB,
        type: 'application',
        scheme: 'internal',
        securityGroups: [],
      }),
      supplementaryConfiguration: {
        LoadBalancerAttributes: JSON.stringify([{ key: 'deletion_protection.enabled', value: 'true' }]),
      },
      tags: {},
    };
    const fetchOversizedItem = vi.fn(async () => history);
    const { run } = invocationHarness([albRecord(WEB, [], forward())], { fetchOversizedItem });
    const result = await run(
      albHttpsOnly,
      oversizedEvent({ resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', resourceId: WEB }),
    );
    expect(fetchOversizedItem).toHaveBeenCalledOnce();
    expect(compact(result.evaluations)).toEqual([[WEB, 'NON_COMPLIANT']]);
  });

  it('reports NOT_APPLICABLE for an oversized deletion', async () => {
    const fetchOversizedItem = vi.fn(async () => ({
      accountId: ACCOUNT,
      configurationItemStatus: 'ResourceDeleted',
      resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
      resourceId: 'legacy',
      awsRegion: REGION,
      configurationItemCaptureTime: new Date('2026-11-20T10:00:00Z'),
    }));
    const { run } = invocationHarness([], { fetchOversizedItem });
    const result = await run(
      clbHttpsSslOnly,
      oversizedEvent({
        resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
        resourceId: 'legacy',
        status: 'ResourceDeleted',
      }),
    );
    expect(compact(result.evaluations)).toEqual([['legacy', 'NOT_APPLICABLE']]);
  });
});

describe('scheduled notifications', () => {
  it('judges every load balancer and clears evaluations of the ones that are gone', async () => {
    const listEvaluatedResources = vi.fn(async () => [
      { resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', resourceId: WEB },
      { resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', resourceId: albArn('deleted', '9999') },
    ]);
    const { run } = invocationHarness(
      [albRecord(WEB, [], forward()), albRecord(API, [], redirectTo('HTTPS'))],
      {
        listEvaluatedResources,
      },
    );
    const result = await run(albHttpsOnly, scheduledEvent());
    expect(compact(result.evaluations).sort()).toEqual([
      [API, 'COMPLIANT'],
      [albArn('deleted', '9999'), 'NOT_APPLICABLE'],
      [WEB, 'NON_COMPLIANT'],
    ]);
    expect(result.orderingTimestamp.toISOString()).toBe('2026-11-20T12:00:00.000Z');
  });

  it('keeps fresh results when the clean-up listing fails', async () => {
    const listEvaluatedResources = vi.fn(async () => {
      throw new Error('AccessDenied');
    });
    const { run } = invocationHarness([albRecord(WEB, [], forward())], { listEvaluatedResources });
    const result = await run(albHttpsOnly, scheduledEvent());
    expect(compact(result.evaluations)).toEqual([[WEB, 'NON_COMPLIANT']]);
  });

  it('lets one unreadable load balancer not stop the others', async () => {
    const { run } = invocationHarness([
      albRecord(WEB, [], forward(), { listeners: 'AccessDenied' }),
      albRecord(API, [], redirectTo('HTTPS')),
    ]);
    const result = await run(albHttpsOnly, scheduledEvent());
    expect(compact(result.evaluations)).toEqual([[API, 'COMPLIANT']]);
    expect(result.unreadable.map((e) => e.resourceId)).toEqual([WEB]);
  });
});
