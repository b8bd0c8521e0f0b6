// The three listener-encryption rules against a moto estate built over the wire: `audit` reads it
// live, and `evaluate` reads configuration-item events made from the same estate.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand as CreateClassic,
  DescribeLoadBalancersCommand as DescribeClassic,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeEvent, configurationItem } from '../../fixtures/config-items.js';
import { runCli } from '../../support/cli.js';
import { createVpcWithSubnets, describeDesyncAsAws, requireMoto } from '../../support/moto.js';
import { motoForSuite } from '../../support/moto-suite.js';

const run = requireMoto();
const REGION = 'us-east-1';

interface Estate {
  albs: Record<string, string>;
  nlbs: Record<string, string>;
}

/** lowerCamel keys the way Config records ELB items: DNSName → dNSName, VPCId → vPCId. */
function configCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(configCase);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), configCase(v)]),
    );
  }
  return value;
}

async function buildEstate(): Promise<Estate> {
  const ec2 = new EC2Client({});
  const elbv2 = new ElasticLoadBalancingV2Client({});
  const classic = new ElasticLoadBalancingClient({});
  const { vpc, subnets } = await createVpcWithSubnets(ec2, REGION);
  const sg = (
    await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'lb', Description: 'lb', VpcId: vpc }))
  ).GroupId!;
  const tg = (
    await elbv2.send(new CreateTargetGroupCommand({ Name: 'web', Protocol: 'HTTP', Port: 80, VpcId: vpc }))
  ).TargetGroups![0]!.TargetGroupArn!;
  const tcpTg = (
    await elbv2.send(new CreateTargetGroupCommand({ Name: 'tcp', Protocol: 'TCP', Port: 5432, VpcId: vpc }))
  ).TargetGroups![0]!.TargetGroupArn!;
  const lb = async (name: string, type: 'application' | 'network') =>
    (
      await elbv2.send(
        new CreateLoadBalancerCommand({
          Name: name,
          Subnets: subnets,
          SecurityGroups: [sg],
          Type: type,
          Scheme: 'internet-facing',
        }),
      )
    ).LoadBalancers![0]!.LoadBalancerArn!;
  const listener = async (arn: string, protocol: 'HTTP' | 'TCP', port: number, action: object) =>
    (
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: arn,
          Protocol: protocol,
          Port: port,
          DefaultActions: [action as never],
        }),
      )
    ).Listeners![0]!.ListenerArn!;

  const redirectOnly = await lb('redirect-only', 'application');
  await listener(redirectOnly, 'HTTP', 80, {
    Type: 'redirect',
    RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
  });
  const fixedOnly = await lb('fixed-only', 'application');
  await listener(fixedOnly, 'HTTP', 80, {
    Type: 'fixed-response',
    FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain' },
  });
  const forwardsInRule = await lb('forwards-in-rule', 'application');
  const http = await listener(forwardsInRule, 'HTTP', 80, {
    Type: 'redirect',
    RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
  });
  await elbv2.send(
    new CreateRuleCommand({
      ListenerArn: http,
      Priority: 10,
      Conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }],
      Actions: [{ Type: 'forward', TargetGroupArn: tg }],
    }),
  );
  const forwards = await lb('forwards', 'application');
  await listener(forwards, 'HTTP', 8080, { Type: 'forward', TargetGroupArn: tg });
  const tcp = await lb('tcp-nlb', 'network');
  await listener(tcp, 'TCP', 5432, { Type: 'forward', TargetGroupArn: tcpTg });

  const cert = 'arn:aws:iam::123456789012:server-certificate/web';
  await classic.send(
    new CreateClassic({
      LoadBalancerName: 'classic-mixed',
      Subnets: subnets,
      SecurityGroups: [sg],
      Listeners: [
        {
          Protocol: 'HTTPS',
          LoadBalancerPort: 443,
          InstanceProtocol: 'HTTP',
          InstancePort: 80,
          SSLCertificateId: cert,
        },
        { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 },
        {
          Protocol: 'SSL',
          LoadBalancerPort: 8443,
          InstanceProtocol: 'TCP',
          InstancePort: 8443,
          SSLCertificateId: cert,
        },
      ],
    }),
  );
  await classic.send(
    new CreateClassic({
      LoadBalancerName: 'classic-secure',
      Subnets: subnets,
      Listeners: [
        {
          Protocol: 'HTTPS',
          LoadBalancerPort: 443,
          InstanceProtocol: 'HTTP',
          InstancePort: 80,
          SSLCertificateId: cert,
        },
      ],
    }),
  );
  await describeDesyncAsAws(
    { elbv2, classic },
    {
      albArns: [redirectOnly, fixedOnly, forwardsInRule, forwards],
      classicNames: ['classic-mixed', 'classic-secure'],
    },
  );
  return { albs: { redirectOnly, fixedOnly, forwardsInRule, forwards }, nlbs: { tcp } };
}

describe.runIf(run)('listener encryption rules against moto', () => {
  const moto = motoForSuite(REGION);
  let estate: Estate;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'events-'));

  beforeAll(async () => {
    env = moto.env;
    estate = await buildEstate();
  });

  const expected: [string, string, string][] = [
    ['alb-https-only', 'redirect-only', 'COMPLIANT'],
    ['alb-https-only', 'fixed-only', 'COMPLIANT'],
    ['alb-https-only', 'forwards-in-rule', 'NON_COMPLIANT'],
    ['alb-https-only', 'forwards', 'NON_COMPLIANT'],
    ['alb-https-only', 'tcp-nlb', 'NOT_APPLICABLE'],
    ['nlb-tls-only', 'tcp-nlb', 'NON_COMPLIANT'],
    ['nlb-tls-only', 'redirect-only', 'NOT_APPLICABLE'],
    ['clb-https-ssl-only', 'classic-mixed', 'NON_COMPLIANT'],
    ['clb-https-ssl-only', 'classic-secure', 'COMPLIANT'],
  ];

  it('audit --format json gives the right compliance for every load balancer', async () => {
    const result = await runCli(['audit', '--region', REGION, '--format', 'json'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      evaluations: {
        ruleId: string;
        resourceName: string;
        complianceType: string;
        annotation: string;
        region: string;
        accountId: string;
      }[];
      summary: { loadBalancers: number };
    };
    expect(report.summary.loadBalancers).toBe(7);
    const find = (ruleId: string, name: string) =>
      report.evaluations.find((e) => e.ruleId === ruleId && e.resourceName === name);
    for (const [ruleId, name, compliance] of expected) {
      expect(find(ruleId, name)?.complianceType, `${ruleId} ${name}`).toBe(compliance);
    }
    expect(find('alb-https-only', 'forwards-in-rule')?.annotation).toMatch(
      /HTTP:80 rule 10 \(path-pattern=\/api\/\*\) forwards HTTP to targetgroup\/web/,
    );
    expect(find('clb-https-ssl-only', 'classic-mixed')?.annotation).toMatch(
      /^HTTP:80 \(to instance HTTP:80\) is plaintext/,
    );
    expect(find('nlb-tls-only', 'tcp-nlb')?.annotation).toBe('TCP:5432 is plaintext TCP; use a TLS listener');
    expect(find('alb-https-only', 'redirect-only')).toMatchObject({
      region: REGION,
      accountId: '123456789012',
    });
  });

  async function evaluate(ruleId: string, item: unknown) {
    const file = join(dir, `${ruleId}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(changeEvent(item)));
    const result = await runCli(['evaluate', '--event', file, '--rule', ruleId], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as {
      ComplianceResourceType: string;
      ComplianceResourceId: string;
      ComplianceType: string;
      Annotation: string;
    }[];
  }

  it('evaluate --event gives the same answers from load balancer items', async () => {
    const elbv2 = new ElasticLoadBalancingV2Client({});
    const lbs = (await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    const cases = expected.filter(([, n]) => !n.startsWith('classic'));
    const answers = await Promise.all(
      cases.map(([ruleId, name]) => {
        const lb = lbs.find((l) => l.LoadBalancerName === name)!;
        const item = configurationItem({
          resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          resourceId: lb.LoadBalancerArn!,
          ARN: lb.LoadBalancerArn!,
          configuration: configCase(lb),
        });
        return evaluate(ruleId, item);
      }),
    );
    cases.forEach(([ruleId, name, compliance], i) => {
      const lb = lbs.find((l) => l.LoadBalancerName === name)!;
      expect(
        [answers[i]?.[0]?.ComplianceResourceId, answers[i]?.[0]?.ComplianceType],
        `${ruleId} ${name}`,
      ).toEqual([lb.LoadBalancerArn, compliance]);
    });
  });

  it('evaluate --event reports a Listener item on its load balancer', async () => {
    const elbv2 = new ElasticLoadBalancingV2Client({});
    const [listener] =
      (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: estate.albs.forwardsInRule })))
        .Listeners ?? [];
    const item = configurationItem({
      resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
      resourceId: listener!.ListenerArn!,
      ARN: listener!.ListenerArn!,
      configuration: listener,
    });
    const evaluations = await evaluate('alb-https-only', item);
    expect(evaluations).toMatchObject([
      {
        ComplianceResourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        ComplianceResourceId: estate.albs.forwardsInRule,
        ComplianceType: 'NON_COMPLIANT',
      },
    ]);
    expect(evaluations[0]?.Annotation).toMatch(/rule 10/);
  });

  it('evaluate --event answers Classic items from the item alone', async () => {
    const classic = new ElasticLoadBalancingClient({});
    const descriptions = (await classic.send(new DescribeClassic({}))).LoadBalancerDescriptions ?? [];
    await Promise.all(
      expected
        .filter(([, n]) => n.startsWith('classic'))
        .map(async ([ruleId, name, compliance]) => {
          const description = descriptions.find((d) => d.LoadBalancerName === name)!;
          const item = configurationItem({
            resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
            resourceId: name,
            resourceName: name,
            configuration: configCase(description),
          });
          // No endpoint at all: a Classic item must not need one.
          const file = join(dir, `${name}.json`);
          writeFileSync(file, JSON.stringify(changeEvent(item)));
          const result = await runCli(['evaluate', '--event', file, '--rule', ruleId], {
            ...env,
            AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
          });
          expect(result.code, result.stderr).toBe(0);
          expect(JSON.parse(result.stdout)).toMatchObject([
            { ComplianceResourceId: name, ComplianceType: compliance },
          ]);
        }),
    );
  });

  it('snapshot records the estate so that auditing the file gives the live answers', async () => {
    const file = join(dir, 'recorded.json');
    const recorded = await runCli(['snapshot', '--output', file, '--region', REGION], env);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stderr).toMatch(/recorded 7 load balancer\(s\) in 1 region\(s\)/);
    const [live, replay] = await Promise.all([
      runCli(['audit', '--region', REGION, '--format', 'json'], env),
      runCli(['audit', '--snapshot', file, '--format', 'json'], {
        ...env,
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      }),
    ]);
    const answers = (text: string) =>
      (
        JSON.parse(text) as {
          evaluations: { ruleId: string; resourceId: string; complianceType: string; annotation: string }[];
        }
      ).evaluations.map((e) => [e.ruleId, e.resourceId, e.complianceType, e.annotation]);
    // What moto cannot answer (Shield, Classic zones) is INSUFFICIENT_DATA on both sides; the replay
    // says the data "could not be recorded" and then gives the live reason.
    const live_ = answers(live.stdout);
    const replay_ = answers(replay.stdout);
    expect(replay_.map((a) => a.slice(0, 3))).toEqual(live_.map((a) => a.slice(0, 3)));
    replay_.forEach((answer, i) => {
      const [, , complianceType, annotation] = live_[i] ?? [];
      if (complianceType !== 'INSUFFICIENT_DATA') expect(answer[3]).toBe(annotation);
      else expect(answer[3]).toContain(' could not be recorded: ');
    });
  });
});
