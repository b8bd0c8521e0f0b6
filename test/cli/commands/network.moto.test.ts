// The network and hardening rules against moto, over the wire: an estate is built with the real
// SDK, then audited by the CLI in a child process (as a user runs it) and by runInvocation for a
// security-group change. moto serves WAFv2 associations, target health (a stopped instance is
// "unused", Target.InvalidState; Classic reports it OutOfService), instances and ENI lookups; it has
// no WAF Classic, whose calls go to the stand-in beside it (test/support/waf-classic-stand-in.ts).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as ec2 from '@aws-sdk/client-ec2';
import * as elb from '@aws-sdk/client-elastic-load-balancing';
import * as v2 from '@aws-sdk/client-elastic-load-balancing-v2';
import * as wafClassic from '@aws-sdk/client-waf-regional';
import * as waf from '@aws-sdk/client-wafv2';
import { beforeAll, describe, expect, it } from 'vitest';
import { rule as wafEnabled } from '../../../rules/alb-waf-enabled/rule.js';
import { RegionalAws } from '../../../rules/core/aws/regional-aws.js';
import { runInvocation } from '../../../rules/core/engine/invocation.js';
import { judge, ruleParameters } from '../../../rules/core/engine/judge.js';
import { silentLog } from '../../../rules/core/engine/log.js';
import type { LoadBalancer } from '../../../rules/core/model/model.js';
import { LiveEstate } from '../../../rules/core/resources/live/live-estate.js';
import { rule as worldIngress } from '../../../rules/lb-sg-world-ingress/rule.js';
import { NETWORK_RULES, permission, securityGroupItem, tcp } from '../../fixtures/network-items.js';
import { describeDesyncAsAws, requireMoto } from '../../support/moto.js';
import { motoForSuite } from '../../support/moto-suite.js';

const run = requireMoto();
const exec = promisify(execFile);

interface JsonEvaluation {
  ruleId: string;
  findings: string[];
  resourceName: string;
  resourceType: string;
  complianceType: string;
  annotation: string;
}

interface Estate {
  vpc: string;
  publicSg: string;
  internalSg: string;
  appSg: string;
  cleanAppSg: string;
  instances: string[];
  shopArn: string;
}

async function buildEstate(): Promise<Estate> {
  const e = new ec2.EC2Client({});
  const c = new v2.ElasticLoadBalancingV2Client({});
  const vpc = (await e.send(new ec2.CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId ?? '';
  const subnet = async (cidr: string, az: string) =>
    (await e.send(new ec2.CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: az }))).Subnet
      ?.SubnetId ?? '';
  const subnets = [await subnet('10.0.1.0/24', 'us-east-1a'), await subnet('10.0.2.0/24', 'us-east-1b')];
  const group = async (name: string, IpPermissions: ec2.IpPermission[]) => {
    const id =
      (await e.send(new ec2.CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpc })))
        .GroupId ?? '';
    if (IpPermissions.length)
      await e.send(new ec2.AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions }));
    return id;
  };
  const world = (from: number, to = from): ec2.IpPermission => ({
    IpProtocol: 'tcp',
    FromPort: from,
    ToPort: to,
    IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  });
  // The public load balancers' group: 443 and 80 for the world, and SSH over IPv6 by mistake.
  const publicSg = await group('public-lb', [
    world(443),
    world(80),
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
  ]);
  const internalSg = await group('internal-lb', [world(8080)]);
  const appSg = await group('app', [
    { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: publicSg }] },
    world(8080),
  ]);
  const cleanAppSg = await group('clean-app', []);
  const launch = async (SecurityGroupIds: string[], count: number) =>
    (
      await e.send(
        new ec2.RunInstancesCommand({
          ImageId: 'ami-12c6146b',
          MinCount: count,
          MaxCount: count,
          SubnetId: subnets[0],
          SecurityGroupIds,
          InstanceType: 't3.micro',
        }),
      )
    ).Instances?.map((i) => i.InstanceId ?? '') ?? [];
  const instances = await launch([appSg], 2);
  const [cleanInstance] = await launch([cleanAppSg], 1);
  await e.send(
    new ec2.CreateNetworkInterfaceCommand({
      SubnetId: subnets[0],
      PrivateIpAddress: '10.0.1.50',
      Groups: [appSg],
    }),
  );

  const alb = async (
    Name: string,
    Scheme: v2.LoadBalancerSchemeEnum,
    SecurityGroups: string[],
    Type: v2.LoadBalancerTypeEnum = 'application',
  ) => {
    const arn =
      (
        await c.send(
          new v2.CreateLoadBalancerCommand({ Name, Subnets: subnets, SecurityGroups, Scheme, Type }),
        )
      ).LoadBalancers?.[0]?.LoadBalancerArn ?? '';
    if (Type === 'application') await describeDesyncAsAws({ elbv2: c }, { albArns: [arn] });
    return arn;
  };
  const targetGroup = async (
    Name: string,
    Port: number,
    TargetType: v2.TargetTypeEnum,
    Protocol: v2.ProtocolEnum = 'HTTP',
  ) =>
    (await c.send(new v2.CreateTargetGroupCommand({ Name, Protocol, Port, VpcId: vpc, TargetType })))
      .TargetGroups?.[0]?.TargetGroupArn ?? '';
  const listen = (LoadBalancerArn: string, Protocol: v2.ProtocolEnum, Port: number, TargetGroupArn: string) =>
    c.send(
      new v2.CreateListenerCommand({
        LoadBalancerArn,
        Protocol,
        Port,
        DefaultActions: [{ Type: 'forward', TargetGroupArn }],
      }),
    );

  // shop: internet-facing, SSH open to ::/0, instance targets behind a world-open group (one
  // stopped), IP targets (one outside the VPC), a web ACL, desync mitigation in monitor mode.
  const shopArn = await alb('shop', 'internet-facing', [publicSg]);
  const api = await targetGroup('api', 8080, 'instance');
  const ips = await targetGroup('ip-api', 8080, 'ip');
  await listen(shopArn, 'HTTP', 80, api);
  await listen(shopArn, 'HTTP', 443, ips);
  await c.send(
    new v2.RegisterTargetsCommand({ TargetGroupArn: api, Targets: instances.map((Id) => ({ Id })) }),
  );
  await c.send(
    new v2.RegisterTargetsCommand({
      TargetGroupArn: ips,
      Targets: [{ Id: '10.0.1.50' }, { Id: '192.168.9.9', AvailabilityZone: 'all' }],
    }),
  );
  await c.send(
    new v2.ModifyLoadBalancerAttributesCommand({
      LoadBalancerArn: shopArn,
      Attributes: [
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'routing.http.desync_mitigation_mode', Value: 'monitor' },
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: 'corp-elb-logs' },
      ],
    }),
  );
  await c.send(
    new v2.AddTagsCommand({
      ResourceArns: [shopArn],
      Tags: [{ Key: 'elb-config-rules:internet-facing-approved', Value: 'true' }],
    }),
  );
  const w = new waf.WAFV2Client({});
  const acl = await w.send(
    new waf.CreateWebACLCommand({
      Name: 'edge-protection',
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: {
        SampledRequestsEnabled: false,
        CloudWatchMetricsEnabled: false,
        MetricName: 'edge',
      },
      Rules: [],
    }),
  );
  await w.send(new waf.AssociateWebACLCommand({ WebACLArn: acl.Summary?.ARN, ResourceArn: shopArn }));

  // storefront: internet-facing, world only on its listener port, targets admit only the load
  // balancer's group; but no web ACL and no approval tag.
  const storefront = await alb('storefront', 'internet-facing', [publicSg]);
  const clean = await targetGroup('clean', 9000, 'instance');
  await listen(storefront, 'HTTP', 443, clean);
  await listen(storefront, 'HTTP', 80, clean);
  await c.send(new v2.RegisterTargetsCommand({ TargetGroupArn: clean, Targets: [{ Id: cleanInstance }] }));
  await c.send(new v2.ModifyTargetGroupCommand({ TargetGroupArn: clean, HealthCheckPort: '9000' }));
  // storefront's group also holds SSH for ::/0: give it its own group instead.
  const storefrontSg = await group('storefront-lb', [world(443), world(80)]);
  await c.send(
    new v2.SetSecurityGroupsCommand({ LoadBalancerArn: storefront, SecurityGroups: [storefrontSg] }),
  );
  await e.send(
    new ec2.AuthorizeSecurityGroupIngressCommand({
      GroupId: cleanAppSg,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 9000, ToPort: 9000, UserIdGroupPairs: [{ GroupId: storefrontSg }] },
      ],
    }),
  );

  // admin: internal, yet its group admits the world on its listener port; a WAF Classic web ACL.
  const admin = await alb('admin', 'internal', [internalSg]);
  await listen(admin, 'HTTP', 8080, await targetGroup('admin', 8080, 'instance'));
  const classic = new wafClassic.WAFRegionalClient({});
  const token = async () => (await classic.send(new wafClassic.GetChangeTokenCommand({}))).ChangeToken;
  const classicAcl = await classic.send(
    new wafClassic.CreateWebACLCommand({
      Name: 'legacy-edge',
      MetricName: 'legacyedge',
      DefaultAction: { Type: 'ALLOW' },
      ChangeToken: await token(),
    }),
  );
  await classic.send(
    new wafClassic.AssociateWebACLCommand({ WebACLId: classicAcl.WebACL?.WebACLId, ResourceArn: admin }),
  );

  // bare-nlb: an NLB created without security groups.
  await alb('bare-nlb', 'internal', [], 'network');

  // legacy: a Classic load balancer in front of the same instances, health-checked on 8080.
  const cl = new elb.ElasticLoadBalancingClient({});
  await cl.send(
    new elb.CreateLoadBalancerCommand({
      LoadBalancerName: 'legacy',
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 }],
      Subnets: [subnets[0] ?? ''],
      SecurityGroups: [publicSg],
    }),
  );
  await describeDesyncAsAws({ classic: cl }, { classicNames: ['legacy'] });
  await cl.send(
    new elb.ConfigureHealthCheckCommand({
      LoadBalancerName: 'legacy',
      HealthCheck: {
        Target: 'HTTP:8080/health',
        Interval: 30,
        Timeout: 5,
        UnhealthyThreshold: 2,
        HealthyThreshold: 2,
      },
    }),
  );
  await cl.send(
    new elb.RegisterInstancesWithLoadBalancerCommand({
      LoadBalancerName: 'legacy',
      Instances: instances.map((InstanceId) => ({ InstanceId })),
    }),
  );

  // A stopped instance: "unused" (Target.InvalidState) in the target group, OutOfService on Classic.
  await e.send(new ec2.StopInstancesCommand({ InstanceIds: [instances[1] ?? ''] }));
  return { vpc, publicSg, internalSg, appSg, cleanAppSg, instances, shopArn };
}

describe.runIf(run)('network and hardening rules against moto', () => {
  const moto = motoForSuite();
  let estate: Estate;
  let evaluations: JsonEvaluation[];

  const find = (ruleId: string, name: string) => {
    const found = evaluations.find((e) => e.ruleId === ruleId && e.resourceName === name);
    if (!found) throw new Error(`no evaluation of ${ruleId} on ${name}`);
    return found;
  };

  beforeAll(async () => {
    estate = await buildEstate();
    const { stdout } = await exec(
      'npm',
      [
        'run',
        '--silent',
        'cli',
        '--',
        'audit',
        '--region',
        'us-east-1',
        '--format',
        'json',
        '--rules',
        NETWORK_RULES.join(','),
        '--param',
        'lb-target-health.unhealthyStates=unhealthy,unused',
      ],
      { env: { ...process.env, ...moto.env }, maxBuffer: 16 * 1024 * 1024 },
    );
    evaluations = JSON.parse(stdout).evaluations;
  });

  it('reads every load balancer for every rule, with no unreadable data', () => {
    const names = new Set(evaluations.map((e) => e.resourceName));
    expect([...names].sort()).toEqual(['admin', 'bare-nlb', 'legacy', 'shop', 'storefront']);
    expect(evaluations.filter((e) => e.complianceType === 'INSUFFICIENT_DATA')).toEqual([]);
    // Every rule reports on each ELBv2 load balancer; six of them also report on Classic ones.
    expect(evaluations.filter((e) => e.resourceName === 'shop')).toHaveLength(NETWORK_RULES.length);
    expect(
      evaluations
        .filter((e) => e.resourceName === 'legacy')
        .map((e) => e.ruleId)
        .sort(),
    ).toEqual([
      'lb-access-logs',
      'lb-desync-mitigation',
      'lb-internet-facing-approved',
      'lb-sg-world-ingress',
      'lb-target-health',
      'lb-target-sg-restricted',
    ]);
  });

  it('lb-sg-world-ingress: listener ports pass, SSH for ::/0 fails, internal world ingress fails', () => {
    expect(find('lb-sg-world-ingress', 'storefront')).toMatchObject({
      complianceType: 'COMPLIANT',
      annotation: 'World ingress only on listener ports tcp 80, 443.',
    });
    expect(find('lb-sg-world-ingress', 'shop').annotation).toBe(
      `${estate.publicSg} (public-lb) allows tcp 22 from ::/0: not a listener port`,
    );
    expect(find('lb-sg-world-ingress', 'admin').annotation).toBe(
      `${estate.internalSg} (internal-lb) allows tcp 8080 from 0.0.0.0/0 on an internal load balancer; if an internet-facing load balancer shares the group and needs it open, split the group: revoking cannot fix both`,
    );
    // legacy shares the public group but listens on 80 only.
    expect(find('lb-sg-world-ingress', 'legacy').findings).toEqual([
      `${estate.publicSg} (public-lb) allows tcp 443 from 0.0.0.0/0: not a listener port`,
      `${estate.publicSg} (public-lb) allows tcp 22 from ::/0: not a listener port`,
    ]);
    expect(find('lb-sg-world-ingress', 'bare-nlb').complianceType).toBe('NOT_APPLICABLE');
  });

  it('lb-target-sg-restricted: finds world-open instance and ENI-owned IP targets, names the unchecked IP', () => {
    const shop = find('lb-target-sg-restricted', 'shop');
    expect(shop.complianceType).toBe('NON_COMPLIANT');
    expect(shop.annotation).toContain(`${estate.appSg} (app) allows tcp 8080 from 0.0.0.0/0: world ingress`);
    expect(shop.annotation).toContain('targetgroup/api');
    expect(shop.annotation).toContain('targetgroup/ip-api');
    expect(shop.annotation).toContain(
      'Not checked: IP target 192.168.9.9: no network interface in this account holds it',
    );
    expect(find('lb-target-sg-restricted', 'legacy').annotation).toContain(
      'world ingress, on traffic and health check port tcp 8080 of registered instances (2 targets)',
    );
    expect(find('lb-target-sg-restricted', 'storefront')).toMatchObject({
      complianceType: 'COMPLIANT',
      annotation: 'Checked 1 target: load balancer ports admit only its security groups or allowed sources.',
    });
  });

  it('alb-waf-enabled: reads the WAFv2 association', () => {
    expect(find('alb-waf-enabled', 'shop').annotation).toBe('Protected by web ACL edge-protection.');
    expect(find('alb-waf-enabled', 'storefront').annotation).toBe(
      'internet-facing ALB has no AWS WAF web ACL',
    );
    expect(find('alb-waf-enabled', 'admin').complianceType).toBe('NOT_APPLICABLE');
  });

  it('alb-waf-enabled: WAF Classic counts under preset=securityhub (ELB.16), not by default', async () => {
    const live = await LiveEstate.open(new RegionalAws({ region: 'us-east-1', accountId: '123456789012' }));
    const byName = new Map<string, LoadBalancer>();
    for await (const lb of live.listLoadBalancers(wafEnabled.resourceTypes)) byName.set(lb.name, lb);
    const verdict = async (name: string, params: Record<string, unknown>) => {
      const lb = byName.get(name);
      if (!lb) throw new Error(`no load balancer ${name}`);
      const evaluation = await judge(wafEnabled, lb, live, ruleParameters(wafEnabled, params), new Date());
      return [evaluation.complianceType, evaluation.annotation];
    };
    const parity = { preset: 'securityhub' };
    expect(await verdict('admin', parity)).toEqual([
      'COMPLIANT',
      'Protected by WAF Classic web ACL legacy-edge.',
    ]);
    expect(await verdict('shop', parity)).toEqual(['COMPLIANT', 'Protected by web ACL edge-protection.']);
    expect(await verdict('storefront', parity)).toEqual([
      'NON_COMPLIANT',
      'internet-facing ALB has no AWS WAF web ACL',
    ]);
    expect(await verdict('admin', { scope: 'all' })).toEqual([
      'NON_COMPLIANT',
      'internal ALB has only WAF Classic web ACL legacy-edge, which does not count (WAF Classic support ended on 30 September 2025): migrate it to AWS WAF (WAFv2)',
    ]);
    expect(await verdict('bare-nlb', parity)).toEqual([
      'NOT_APPLICABLE',
      expect.stringContaining('Network Load Balancer'),
    ]);
  });

  it('attribute rules read the load balancer attributes', () => {
    expect(find('alb-drop-invalid-headers', 'shop').complianceType).toBe('COMPLIANT');
    expect(find('alb-drop-invalid-headers', 'storefront').complianceType).toBe('NON_COMPLIANT');
    expect(find('lb-desync-mitigation', 'shop').annotation).toBe(
      'routing.http.desync_mitigation_mode is monitor; minimumMode is defensive',
    );
    expect(find('lb-deletion-protection', 'shop').complianceType).toBe('COMPLIANT');
    expect(find('lb-deletion-protection', 'admin').complianceType).toBe('NON_COMPLIANT');
    expect(find('lb-access-logs', 'shop').annotation).toBe('Access logs go to s3://corp-elb-logs.');
    expect(find('lb-access-logs', 'legacy').annotation).toBe('access logs are off (accessLog.enabled=false)');
  });

  it('lb-target-health: names the stopped instance with its reason code, on ELBv2 and Classic', () => {
    const [, stopped] = estate.instances;
    expect(find('lb-target-health', 'shop').annotation).toBe(
      `targetgroup/api: 1 of 2 targets unhealthy (Target.InvalidState ×1: ${stopped})`,
    );
    expect(find('lb-target-health', 'legacy').annotation).toBe(
      `registered instances: 1 of 2 targets unhealthy (unhealthy ×1: ${stopped})`,
    );
    expect(find('lb-target-health', 'storefront').complianceType).toBe('COMPLIANT');
  });

  it('approval and NLB security groups', () => {
    expect(find('lb-internet-facing-approved', 'shop').complianceType).toBe('COMPLIANT');
    expect(find('lb-internet-facing-approved', 'storefront').annotation).toBe(
      'internet-facing but not approved: no tag elb-config-rules:internet-facing-approved and not in allowedLoadBalancers',
    );
    expect(find('nlb-has-security-groups', 'bare-nlb').complianceType).toBe('NON_COMPLIANT');
  });

  it('a security-group change re-evaluates, live, every load balancer using the group', async () => {
    // The item says the shop group now opens 3306 to the world; moto still holds the old rules,
    // so the findings can only come from the primed item.
    const item = securityGroupItem(estate.publicSg, 'public-lb', [
      tcp(443, 443, { v4: ['0.0.0.0/0'] }),
      tcp(80, 80, { v4: ['0.0.0.0/0'] }),
      permission({ protocol: 'tcp', from: 3306, to: 3306, v4: ['0.0.0.0/0'] }),
    ]);
    const result = await runInvocation(
      worldIngress,
      {
        invokingEvent: JSON.stringify({
          messageType: 'ConfigurationItemChangeNotification',
          configurationItem: { ...item, awsAccountId: '123456789012' },
          notificationCreationTime: '2026-11-20T10:00:05.000Z',
        }),
        ruleParameters: '{}',
        resultToken: 'TESTMODE',
        eventLeftScope: false,
        accountId: '123456789012',
        configRuleName: 'lb-sg-world-ingress',
      },
      {
        openEstate: (scope) =>
          LiveEstate.open(new RegionalAws({ region: scope.region, accountId: scope.accountId })),
        fetchOversizedItem: async () => {
          throw new Error('not oversized');
        },
        now: () => new Date(),
        log: silentLog,
      },
    );
    const judged = result.evaluations.map((e) => [e.resourceName, e.complianceType, e.findings]);
    expect(judged.sort()).toEqual([
      [
        'legacy',
        'NON_COMPLIANT',
        [
          `${estate.publicSg} (public-lb) allows tcp 443 from 0.0.0.0/0: not a listener port`,
          `${estate.publicSg} (public-lb) allows tcp 3306 from 0.0.0.0/0: not a listener port`,
        ],
      ],
      [
        'shop',
        'NON_COMPLIANT',
        [`${estate.publicSg} (public-lb) allows tcp 3306 from 0.0.0.0/0: not a listener port`],
      ],
    ]);
  });
});
