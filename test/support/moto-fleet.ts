// Creates a mixed fleet of load balancers in moto through the SDK, in a fixed pattern so the
// expected compliance of each is known: out of every 10, 5 ALBs (HTTP:80 redirecting to HTTPS
// or, every third, forwarding; plus HTTPS:443), 3 NLBs (TLS:443, or TCP:5432 every other one)
// and 2 Classic (HTTPS:443, or HTTP:80 every other one). Used by fleet tests and the benchmark.

import { CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand as CreateClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  type Action,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsCredentialIdentity } from '@smithy/types';
import { createVpcWithSubnets } from './moto.js';

export type FleetKind = 'application' | 'network' | 'classic';

export interface FleetMember {
  index: number;
  name: string;
  kind: FleetKind;
  /** What the three listener-encryption rules should say about it. */
  expected: 'COMPLIANT' | 'NON_COMPLIANT';
}

export function fleetKind(index: number): FleetKind {
  const slot = index % 10;
  return slot < 5 ? 'application' : slot < 8 ? 'network' : 'classic';
}

export function fleetMember(index: number, prefix = 'lb'): FleetMember {
  const kind = fleetKind(index);
  const insecure = kind === 'application' ? index % 3 === 0 : index % 2 === 1;
  return { index, name: `${prefix}-${index}`, kind, expected: insecure ? 'NON_COMPLIANT' : 'COMPLIANT' };
}

export interface FleetOptions {
  region?: string;
  credentials?: AwsCredentialIdentity;
  /** Names are PREFIX-INDEX. */
  prefix?: string;
  /** Create calls in flight at once. */
  concurrency?: number;
}

export async function createFleet(
  from: number,
  to: number,
  options: FleetOptions = {},
): Promise<FleetMember[]> {
  const region = options.region ?? 'us-east-1';
  const config = { region, ...(options.credentials ? { credentials: options.credentials } : {}) };
  const ec2 = new EC2Client(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const elb = new ElasticLoadBalancingClient(config);
  const { vpc, subnets } = await createVpcWithSubnets(ec2, region);
  const group =
    (
      await ec2.send(
        new CreateSecurityGroupCommand({ GroupName: `fleet-${from}`, Description: 'fleet', VpcId: vpc }),
      )
    ).GroupId ?? '';
  const certificate = `arn:aws:iam::123456789012:server-certificate/fleet`;
  const prefix = options.prefix ?? 'lb';

  const createOne = async (index: number): Promise<FleetMember> => {
    const member = fleetMember(index, prefix);
    if (member.kind === 'classic') {
      const secure = member.expected === 'COMPLIANT';
      await elb.send(
        new CreateClassicCommand({
          LoadBalancerName: member.name,
          Listeners: [
            secure
              ? {
                  Protocol: 'HTTPS',
                  LoadBalancerPort: 443,
                  InstanceProtocol: 'HTTP',
                  InstancePort: 80,
                  SSLCertificateId: certificate,
                }
              : { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 },
          ],
          AvailabilityZones: [`${region}a`],
        }),
      );
      return member;
    }
    const network = member.kind === 'network';
    const lb = await elbv2.send(
      new CreateLoadBalancerCommand({
        Name: member.name,
        Type: member.kind,
        // AWS's default, stated: AWS always returns Scheme, moto only when it was given.
        Scheme: 'internet-facing',
        Subnets: subnets,
        ...(network ? {} : { SecurityGroups: [group] }),
      }),
    );
    const lbArn = lb.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
    const tg = await elbv2.send(
      new CreateTargetGroupCommand({
        Name: `tg-${prefix}-${index}`.slice(0, 32),
        Protocol: network ? 'TCP' : 'HTTP',
        Port: 80,
        VpcId: vpc,
      }),
    );
    const forward: Action = { Type: 'forward', TargetGroupArn: tg.TargetGroups?.[0]?.TargetGroupArn };
    const redirect: Action = {
      Type: 'redirect',
      RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
    };
    const listen = (Port: number, Protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS', action: Action) =>
      elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Port,
          Protocol,
          DefaultActions: [action],
          ...(Protocol === 'HTTPS' || Protocol === 'TLS'
            ? {
                Certificates: [{ CertificateArn: certificate }],
                SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
              }
            : {}),
        }),
      );
    if (network) {
      await (member.expected === 'COMPLIANT' ? listen(443, 'TLS', forward) : listen(5432, 'TCP', forward));
    } else {
      await listen(80, 'HTTP', member.expected === 'COMPLIANT' ? redirect : forward);
      await listen(443, 'HTTPS', forward);
    }
    return member;
  };

  const out: FleetMember[] = [];
  const queue = Array.from({ length: to - from }, (_, i) => from + i);
  await Promise.all(
    Array.from({ length: options.concurrency ?? 4 }, async () => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift())
        out.push(await createOne(index));
    }),
  );
  for (const client of [ec2, elbv2, elb]) client.destroy();
  return out.sort((a, b) => a.index - b.index);
}
