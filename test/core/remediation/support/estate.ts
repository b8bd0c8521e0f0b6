// Builds small load balancer estates on moto for the remediation tests, with the real SDK.
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateManagedPrefixListCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  type IpPermission,
  RunInstancesCommand,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import {
  AddTagsCommand as AddClassicTagsCommand,
  type Listener as ClassicListener,
  CreateLoadBalancerCommand as CreateClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  type Action,
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  type IpAddressType,
  type LoadBalancerTypeEnum,
  type ProtocolEnum,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { motoEnv } from '../../../support/moto.js';

export const EXEMPT_TAG = 'elb-config-rules:remediation-exempt';

export interface Clients {
  endpoint: string;
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
  elb: ElasticLoadBalancingClient;
  acm: ACMClient;
  destroy(): void;
}

export function clients(endpoint: string): Clients {
  const env = motoEnv(endpoint);
  const config = {
    endpoint,
    region: env.AWS_REGION,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
    },
  };
  const made = {
    ec2: new EC2Client(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    elb: new ElasticLoadBalancingClient(config),
    acm: new ACMClient(config),
  };
  return {
    endpoint,
    ...made,
    destroy: () => {
      for (const client of Object.values(made)) client.destroy();
    },
  };
}

/** A VPC with two subnets in two zones: enough for any load balancer. */
export class Estate {
  vpcId = '';
  subnets: string[] = [];

  constructor(readonly aws: Clients) {}

  async network(): Promise<this> {
    const vpc = await this.aws.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    this.vpcId = vpc.Vpc?.VpcId ?? '';
    for (const [i, zone] of ['us-east-1a', 'us-east-1b'].entries()) {
      const subnet = await this.aws.ec2.send(
        new CreateSubnetCommand({
          VpcId: this.vpcId,
          CidrBlock: `10.0.${i + 1}.0/24`,
          AvailabilityZone: zone,
        }),
      );
      this.subnets.push(subnet.Subnet?.SubnetId ?? '');
    }
    return this;
  }

  async securityGroup(name: string, ingress: IpPermission[] = []): Promise<string> {
    const group = await this.aws.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: name, Description: `${name} group`, VpcId: this.vpcId }),
    );
    const id = group.GroupId ?? '';
    if (ingress.length) {
      await this.aws.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: ingress }),
      );
    }
    return id;
  }

  async prefixList(cidrs: string[]): Promise<string> {
    const out = await this.aws.ec2.send(
      new CreateManagedPrefixListCommand({
        PrefixListName: `world-${cidrs.length}`,
        AddressFamily: 'IPv4',
        MaxEntries: 5,
        Entries: cidrs.map((Cidr) => ({ Cidr })),
      }),
    );
    return out.PrefixList?.PrefixListId ?? '';
  }

  async ingressRules(groupId: string): Promise<SecurityGroupRule[]> {
    const out = await this.aws.ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
    );
    return (out.SecurityGroupRules ?? []).filter((r) => !r.IsEgress);
  }

  async tagGroup(groupId: string, value: string): Promise<void> {
    await this.aws.ec2.send(
      new CreateTagsCommand({ Resources: [groupId], Tags: [{ Key: EXEMPT_TAG, Value: value }] }),
    );
  }

  async certificate(domain = 'app.example.com'): Promise<string> {
    const out = await this.aws.acm.send(new RequestCertificateCommand({ DomainName: domain }));
    return out.CertificateArn ?? '';
  }

  async instance(groupIds: string[]): Promise<string> {
    const out = await this.aws.ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: this.subnets[0],
        SecurityGroupIds: groupIds,
      }),
    );
    return out.Instances?.[0]?.InstanceId ?? '';
  }

  async loadBalancer(options: {
    name: string;
    type?: LoadBalancerTypeEnum;
    scheme?: 'internet-facing' | 'internal';
    groups?: string[];
    ipAddressType?: IpAddressType;
  }): Promise<string> {
    const out = await this.aws.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: options.name,
        Type: options.type ?? 'application',
        Scheme: options.scheme ?? 'internet-facing',
        Subnets: this.subnets,
        ...(options.groups ? { SecurityGroups: options.groups } : {}),
        ...(options.ipAddressType ? { IpAddressType: options.ipAddressType } : {}),
      }),
    );
    return out.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  }

  async targetGroup(
    name: string,
    protocol: ProtocolEnum,
    port: number,
    instanceIds: string[] = [],
  ): Promise<string> {
    const out = await this.aws.elbv2.send(
      new CreateTargetGroupCommand({ Name: name, Protocol: protocol, Port: port, VpcId: this.vpcId }),
    );
    const arn = out.TargetGroups?.[0]?.TargetGroupArn ?? '';
    if (instanceIds.length) {
      await this.aws.elbv2.send(
        new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: instanceIds.map((Id) => ({ Id })) }),
      );
    }
    return arn;
  }

  async listener(
    loadBalancerArn: string,
    protocol: ProtocolEnum,
    port: number,
    actions: Action[],
    extra: { certificateArn?: string; sslPolicy?: string } = {},
  ): Promise<string> {
    const out = await this.aws.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: loadBalancerArn,
        Protocol: protocol,
        Port: port,
        DefaultActions: actions,
        ...(extra.certificateArn ? { Certificates: [{ CertificateArn: extra.certificateArn }] } : {}),
        ...(extra.sslPolicy ? { SslPolicy: extra.sslPolicy } : {}),
      }),
    );
    return out.Listeners?.[0]?.ListenerArn ?? '';
  }

  async rule(listenerArn: string, priority: number, path: string, actions: Action[]): Promise<string> {
    const out = await this.aws.elbv2.send(
      new CreateRuleCommand({
        ListenerArn: listenerArn,
        Priority: priority,
        Conditions: [{ Field: 'path-pattern', Values: [path] }],
        Actions: actions,
      }),
    );
    return out.Rules?.[0]?.RuleArn ?? '';
  }

  async tagLoadBalancer(arn: string, value: string): Promise<void> {
    await this.aws.elbv2.send(
      new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: EXEMPT_TAG, Value: value }] }),
    );
  }

  async classic(options: {
    name: string;
    listeners: ClassicListener[];
    groups?: string[];
    scheme?: 'internet-facing' | 'internal';
  }): Promise<string> {
    await this.aws.elb.send(
      new CreateClassicCommand({
        LoadBalancerName: options.name,
        Listeners: options.listeners,
        Subnets: [this.subnets[0] ?? ''],
        Scheme: options.scheme ?? 'internet-facing',
        ...(options.groups ? { SecurityGroups: options.groups } : {}),
      }),
    );
    return options.name;
  }

  async tagClassic(name: string, value: string): Promise<void> {
    await this.aws.elb.send(
      new AddClassicTagsCommand({ LoadBalancerNames: [name], Tags: [{ Key: EXEMPT_TAG, Value: value }] }),
    );
  }
}

export const forward = (targetGroupArn: string): Action[] => [
  { Type: 'forward', TargetGroupArn: targetGroupArn },
];
export const world = (protocol: string, from: number, to = from): IpPermission => ({
  IpProtocol: protocol,
  FromPort: from,
  ToPort: to,
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
});
export const worldV6 = (protocol: string, from: number, to = from): IpPermission => ({
  IpProtocol: protocol,
  FromPort: from,
  ToPort: to,
  Ipv6Ranges: [{ CidrIpv6: '::/0' }],
});
