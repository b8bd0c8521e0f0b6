// elbv2-target-encryption and lb-cross-zone against a moto estate, read live: target groups of every
// protocol moto accepts, their tags and attributes, and load balancer cross-zone attributes.
// moto cannot express: QUIC and TCP_QUIC target groups (it rejects the protocol), a Gateway Load
// Balancer ARN of AWS's shape (moto's say loadbalancer/app/), and an ALB whose cross-zone attribute is
// fixed on (moto reports false for ALBs too: the rule does not read it for ALBs).
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand as CreateClassic,
  ElasticLoadBalancingClient,
  ModifyLoadBalancerAttributesCommand as ModifyClassicAttributes,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditResult, runAudit } from '../../../bin/cli/audit/audit.js';
import { RegionalAws } from '../../../rules/core/aws/regional-aws.js';
import { LiveEstate } from '../../../rules/core/resources/live/live-estate.js';
import { selectRules } from '../../../rules/index.js';
import {
  createVpcWithSubnets,
  type MotoServer,
  requireMoto,
  startMoto,
  useMotoEnv,
} from '../../support/moto.js';

const run = requireMoto();
const REGION = 'us-east-1';
const OFFLOAD = 'elb-config-rules:tls-offload';

async function buildEstate(): Promise<void> {
  const ec2 = new EC2Client({});
  const elbv2 = new ElasticLoadBalancingV2Client({});
  const classic = new ElasticLoadBalancingClient({});
  const certificate = (
    await new ACMClient({}).send(new RequestCertificateCommand({ DomainName: 'edge.example.com' }))
  ).CertificateArn!;
  const { vpc, subnets } = await createVpcWithSubnets(ec2, REGION);
  const sg = (
    await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'lb', Description: 'lb', VpcId: vpc }))
  ).GroupId!;
  const targetGroup = async (
    Name: string,
    options: {
      Protocol?: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'GENEVE';
      Port?: number;
      HealthCheckProtocol?: 'HTTP' | 'HTTPS' | 'TCP';
      TargetType?: 'lambda';
    },
  ) =>
    (
      await elbv2.send(
        new CreateTargetGroupCommand({
          Name,
          ...options,
          ...(options.TargetType === 'lambda' ? {} : { VpcId: vpc }),
        }),
      )
    ).TargetGroups![0]!.TargetGroupArn!;
  const loadBalancer = async (Name: string, Type: 'application' | 'network' | 'gateway') =>
    (
      await elbv2.send(
        new CreateLoadBalancerCommand({
          Name,
          Type,
          Subnets: subnets,
          ...(Type === 'application' ? { SecurityGroups: [sg] } : {}),
        }),
      )
    ).LoadBalancers![0]!.LoadBalancerArn!;
  const forward = async (
    lb: string,
    Protocol: 'HTTP' | 'TCP' | 'TLS' | 'UDP' | undefined,
    Port: number | undefined,
    tg: string,
  ) =>
    (
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb,
          Protocol,
          Port,
          ...(Protocol === 'TLS' ? { Certificates: [{ CertificateArn: certificate }] } : {}),
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
        }),
      )
    ).Listeners![0]!.ListenerArn!;
  const rule = (listener: string, priority: number, path: string, tg: string) =>
    elbv2.send(
      new CreateRuleCommand({
        ListenerArn: listener,
        Priority: priority,
        Conditions: [{ Field: 'path-pattern', Values: [path] }],
        Actions: [{ Type: 'forward', TargetGroupArn: tg }],
      }),
    );
  const crossZone = (tg: string, value: string) =>
    elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: tg,
        Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: value }],
      }),
    );

  // An ALB: a plaintext group, an HTTPS group that turns cross-zone off, a tagged TLS-offload group and a Lambda group.
  const web = await loadBalancer('web', 'application');
  const webHttp = await targetGroup('web-http', { Protocol: 'HTTP', Port: 80 });
  const webHttps = await targetGroup('web-https', {
    Protocol: 'HTTPS',
    Port: 443,
    HealthCheckProtocol: 'HTTPS',
  });
  const offload = await targetGroup('offload', { Protocol: 'HTTP', Port: 8080 });
  const fn = await targetGroup('fn', { TargetType: 'lambda' });
  const webListener = await forward(web, 'HTTP', 80, webHttp);
  await rule(webListener, 10, '/secure/*', webHttps);
  await rule(webListener, 20, '/offload/*', offload);
  await rule(webListener, 30, '/fn/*', fn);
  await crossZone(webHttps, 'false');
  await elbv2.send(
    new AddTagsCommand({ ResourceArns: [offload], Tags: [{ Key: OFFLOAD, Value: 'ends at the ALB' }] }),
  );

  // An ALB that passes both rules.
  const api = await loadBalancer('api', 'application');
  await forward(
    api,
    'HTTP',
    80,
    await targetGroup('api-https', { Protocol: 'HTTPS', Port: 443, HealthCheckProtocol: 'HTTPS' }),
  );

  // An NLB with a plaintext TCP group and cross-zone off (moto's default, as AWS's).
  const db = await loadBalancer('db', 'network');
  await forward(db, 'TCP', 5432, await targetGroup('db-tcp', { Protocol: 'TCP', Port: 5432 }));

  // An NLB with TLS and UDP groups, cross-zone on.
  const edge = await loadBalancer('edge', 'network');
  await forward(edge, 'TLS', 853, await targetGroup('edge-tls', { Protocol: 'TLS', Port: 853 }));
  await forward(edge, 'UDP', 53, await targetGroup('edge-udp', { Protocol: 'UDP', Port: 53 }));
  await elbv2.send(
    new ModifyLoadBalancerAttributesCommand({
      LoadBalancerArn: edge,
      Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }],
    }),
  );

  // A Gateway Load Balancer with a GENEVE group.
  const gw = await loadBalancer('gw', 'gateway');
  await forward(
    gw,
    undefined,
    undefined,
    await targetGroup('gw-geneve', { Protocol: 'GENEVE', Port: 6081, HealthCheckProtocol: 'TCP' }),
  );

  // Classic load balancers: cross-zone off (moto's default) and on.
  for (const name of ['legacy-off', 'legacy-on'])
    await classic.send(
      new CreateClassic({
        LoadBalancerName: name,
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }],
        Subnets: subnets,
      }),
    );
  await classic.send(
    new ModifyClassicAttributes({
      LoadBalancerName: 'legacy-on',
      LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: true } },
    }),
  );
}

describe.skipIf(!run)('target group rules against moto', () => {
  let moto: MotoServer;
  let restore: (() => void) | undefined;

  const audit = async (parameters: Record<string, Record<string, unknown>> = {}): Promise<AuditResult> =>
    runAudit(
      [
        {
          label: REGION,
          region: REGION,
          accountId: '123456789012',
          open: async () => LiveEstate.open(new RegionalAws({ region: REGION, accountId: '123456789012' })),
        },
      ],
      { rules: selectRules(['elbv2-target-encryption', 'lb-cross-zone']), parameters },
    );
  const verdicts = (result: AuditResult, ruleId: string) =>
    Object.fromEntries(
      result.evaluations
        .filter((e) => e.ruleId === ruleId)
        .map((e) => [e.resourceName, [e.complianceType, e.annotation]]),
    );

  beforeAll(async () => {
    moto = await startMoto();
    restore = useMotoEnv(moto.endpoint, REGION);
    await buildEstate();
  }, 120_000);

  afterAll(async () => {
    restore?.();
    await moto?.stop();
  });

  it('judges target group protocols, health checks and exemptions live (Classic load balancers are not reported)', async () => {
    const result = await audit();
    expect(result.errors).toEqual([]);
    expect(verdicts(result, 'elbv2-target-encryption')).toEqual({
      web: [
        'NON_COMPLIANT',
        'web-http HTTP:80: sends plaintext HTTP to its targets; use HTTPS; health check uses HTTP; use HTTPS; Exempt: offload HTTP:8080 (TLS offload declared by tag elb-config-rules:tls-offload=ends at the ALB).; Not judged: fn (Lambda target).',
      ],
      api: ['COMPLIANT', 'Encrypted target groups: api-https HTTPS:443.'],
      db: ['NON_COMPLIANT', 'db-tcp TCP:5432: sends plaintext TCP to its targets; use TLS'],
      edge: [
        'COMPLIANT',
        'Encrypted target groups: edge-tls TLS:853. Exempt: edge-udp UDP:53 (cannot carry TLS).',
      ],
      gw: ['NOT_APPLICABLE', 'Gateway Load Balancer: its GENEVE target groups carry packets, not TLS.'],
    });
  });

  it('gives the Security Hub verdicts under the parity presets', async () => {
    const elb22 = verdicts(
      await audit({ 'elbv2-target-encryption': { preset: 'securityhub-elb22' } }),
      'elbv2-target-encryption',
    );
    expect(elb22.edge?.[0]).toBe('NON_COMPLIANT');
    expect(elb22.web?.[1]).toContain('offload HTTP:8080: sends plaintext HTTP');
    expect(elb22.gw?.[0]).toBe('NOT_APPLICABLE');
    const elb21 = verdicts(
      await audit({ 'elbv2-target-encryption': { preset: 'securityhub-elb21' } }),
      'elbv2-target-encryption',
    );
    expect(elb21.api?.[0]).toBe('COMPLIANT');
    expect(elb21.edge?.[1]).toContain('edge-tls: health check uses TCP; use HTTPS');
    expect(elb21.gw?.[1]).toContain('gw-geneve: health check uses TCP; use HTTPS');
  });

  it('judges cross-zone load balancing of Classic load balancers, NLBs and ALB target groups live', async () => {
    const result = await audit();
    expect(verdicts(result, 'lb-cross-zone')).toEqual({
      web: [
        'NON_COMPLIANT',
        'target group web-https turns cross-zone load balancing off; Not judged: fn (Lambda target).',
      ],
      api: ['COMPLIANT', 'Cross-zone on for target groups api-https.'],
      db: [
        'NON_COMPLIANT',
        'target group db-tcp follows the load balancer, which has cross-zone load balancing off',
      ],
      edge: ['COMPLIANT', 'Load balancer: on. Cross-zone on for target groups edge-tls, edge-udp.'],
      gw: expect.arrayContaining(['NOT_APPLICABLE']),
      'legacy-off': ['NON_COMPLIANT', 'cross-zone load balancing is disabled: enable CrossZoneLoadBalancing'],
      'legacy-on': ['COMPLIANT', 'Cross-zone load balancing is enabled.'],
    });
  });
});
