// lb-multi-az and clb-connection-draining against moto, over the wire: zones come from the live
// describe APIs (the availabilityZones facet), draining from DescribeLoadBalancerAttributes.
import * as ec2 from '@aws-sdk/client-ec2';
import * as elb from '@aws-sdk/client-elastic-load-balancing';
import * as v2 from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rule as connectionDraining } from '../../../rules/clb-connection-draining/rule.js';
import { RegionalAws } from '../../../rules/core/aws/regional-aws.js';
import { judge, ruleParameters } from '../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../rules/core/engine/rule.js';
import {
  CLASSIC_LOAD_BALANCER,
  ELBV2_LOAD_BALANCER,
  type LoadBalancer,
} from '../../../rules/core/model/model.js';
import { LiveEstate } from '../../../rules/core/resources/live/live-estate.js';
import { rule as multiAz } from '../../../rules/lb-multi-az/rule.js';
import { type MotoServer, requireMoto, startMoto, useMotoEnv } from '../../support/moto.js';

const run = requireMoto();
const REGION = 'us-east-1';
const NOW = new Date('2026-11-20T12:00:00Z');

describe.runIf(run)('lb-multi-az and clb-connection-draining on moto', () => {
  let moto: MotoServer;
  let restore: () => void;
  let estate: LiveEstate;
  let byName: Map<string, LoadBalancer>;

  beforeAll(async () => {
    moto = await startMoto();
    restore = useMotoEnv(moto.endpoint, REGION);
    const e = new ec2.EC2Client({});
    const vpc = (await e.send(new ec2.CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId ?? '';
    const subnet = async (cidr: string, az: string) =>
      (await e.send(new ec2.CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: az })))
        .Subnet?.SubnetId ?? '';
    const [a, b, c] = [
      await subnet('10.0.1.0/24', 'us-east-1a'),
      await subnet('10.0.2.0/24', 'us-east-1b'),
      await subnet('10.0.3.0/24', 'us-east-1c'),
    ];
    const v2c = new v2.ElasticLoadBalancingV2Client({});
    await v2c.send(
      new v2.CreateLoadBalancerCommand({ Name: 'alb-three', Subnets: [a, b, c], Type: 'application' }),
    );
    await v2c.send(new v2.CreateLoadBalancerCommand({ Name: 'nlb-one', Subnets: [a], Type: 'network' }));
    const classic = new elb.ElasticLoadBalancingClient({});
    const listeners = [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }];
    await classic.send(
      new elb.CreateLoadBalancerCommand({
        LoadBalancerName: 'clb-one',
        Listeners: listeners,
        AvailabilityZones: ['us-east-1a'],
      }),
    );
    await classic.send(
      new elb.CreateLoadBalancerCommand({
        LoadBalancerName: 'clb-two',
        Listeners: listeners,
        AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      }),
    );
    await classic.send(
      new elb.ModifyLoadBalancerAttributesCommand({
        LoadBalancerName: 'clb-two',
        LoadBalancerAttributes: { ConnectionDraining: { Enabled: true, Timeout: 120 } },
      }),
    );
    estate = await LiveEstate.open(new RegionalAws({ region: REGION, accountId: '123456789012' }));
    byName = new Map();
    for await (const lb of estate.listLoadBalancers([ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER]))
      byName.set(lb.name, lb);
  }, 60_000);

  afterAll(async () => {
    restore?.();
    await moto?.stop();
  });

  const verdict = async (rule: AnyRule, name: string, params: Record<string, string> = {}) => {
    const lb = byName.get(name);
    if (!lb) throw new Error(`${name} not listed`);
    return judge(rule, lb, estate, ruleParameters(rule, params), NOW);
  };

  it('counts the zones the describe APIs report', async () => {
    expect(await verdict(multiAz, 'alb-three')).toMatchObject({
      complianceType: 'COMPLIANT',
      annotation: 'Spans 3 Availability Zones: us-east-1a, us-east-1b, us-east-1c.',
    });
    expect((await verdict(multiAz, 'nlb-one')).complianceType).toBe('NON_COMPLIANT');
    expect((await verdict(multiAz, 'clb-one')).annotation).toBe(
      'spans 1 Availability Zone (us-east-1a); minAvailabilityZones is 2: enable it in more zones',
    );
    expect((await verdict(multiAz, 'clb-two')).complianceType).toBe('COMPLIANT');
    expect((await verdict(multiAz, 'alb-three', { minAvailabilityZones: '4' })).complianceType).toBe(
      'NON_COMPLIANT',
    );
  });

  it('reads connection draining from the Classic attributes', async () => {
    expect(await verdict(connectionDraining, 'clb-one')).toMatchObject({
      complianceType: 'NON_COMPLIANT',
      annotation: 'connectionDraining.enabled is false; enable connection draining',
    });
    expect(await verdict(connectionDraining, 'clb-two')).toMatchObject({
      complianceType: 'COMPLIANT',
      annotation: 'Connection draining is on (timeout 120s).',
    });
    expect(
      (await verdict(connectionDraining, 'clb-two', { minimumTimeoutSeconds: '300' })).complianceType,
    ).toBe('NON_COMPLIANT');
    expect((await verdict(connectionDraining, 'alb-three')).complianceType).toBe('NOT_APPLICABLE');
  });
});
