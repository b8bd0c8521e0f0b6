// Creates a CloudFormation template's load balancers, and what they use, in moto through the AWS
// SDK, as CloudFormation would create them in a fresh stack: each property passed to the API call
// CloudFormation makes for it, intrinsic functions evaluated on the created resources. Resources
// no rule looks at (Auto Scaling, IAM, ECS, routes…) are not created; a property of a created
// resource that needs one of them fails the deployment by name.
//
// What the template names but does not create (a VPC id, subnet ids, a certificate or web ACL
// ARN of another account) gets a stand-in created in moto, so the template deploys unchanged.

import { readFileSync } from 'node:fs';
import { ACMClient, type KeyAlgorithm } from '@aws-sdk/client-acm';
import {
  AllocateAddressCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import {
  type Listener as ClassicListener,
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand as CreateClassicCommand,
  CreateLoadBalancerPolicyCommand,
  ElasticLoadBalancingClient,
  ModifyLoadBalancerAttributesCommand as ModifyClassicAttributesCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  AddListenerCertificatesCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { AssociateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import {
  parseTemplate,
  type TemplateResource,
} from '../../../rules/core/resources/code/cloudformation/template.js';
import { describeDesyncAsAws } from '../moto.js';
import { acmCertificate, iamServerCertificate, regionalWebAcl, replaceDefaultEgress } from './stand-ins.js';

export interface DeployedTemplate {
  /** The live load balancer's name by the template's logical id. */
  names: Map<string, string>;
  /** Resources the deployment did not create, with their type (no rule reads them). */
  notCreated: Map<string, string>;
}

const ACCOUNT = '123456789012';
type Json = unknown;
type Props = Record<string, Json>;

/** A value a resource not created here would have supplied: using it fails the deployment. */
class NotCreated {
  constructor(readonly what: string) {}
}

class DeployError extends Error {}

export async function deployTemplate(
  file: string,
  options: { region: string; stack: string; parameters?: Record<string, string> },
): Promise<DeployedTemplate> {
  const template = parseTemplate(readFileSync(file, 'utf8'), file);
  if (!template) throw new DeployError(`${file}: not a CloudFormation template`);
  const { region, stack } = options;
  const ec2 = new EC2Client({});
  const elbv2 = new ElasticLoadBalancingV2Client({});
  const classic = new ElasticLoadBalancingClient({});
  const acm = new ACMClient({});
  const wafv2 = new WAFV2Client({});
  const iam = new IAMClient({});

  // Stand-ins for what the template names but does not create.
  const standIns = new Map<string, string>();
  let vpcStandIn: string | undefined;
  const vpcOf = async (id: string): Promise<string> => {
    vpcStandIn ??= (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.99.0.0/16' }))).Vpc?.VpcId;
    standIns.set(id, vpcStandIn as string);
    return vpcStandIn as string;
  };
  let subnetCount = 0;
  const standIn = async (id: string): Promise<string> => {
    const known = standIns.get(id);
    if (known) return known;
    let created: string | undefined;
    if (/^vpc-/.test(id)) created = await vpcOf(id);
    else if (/^subnet-/.test(id)) {
      const zone = 'abcdef'[subnetCount % 6];
      const VpcId = vpcStandIn ?? (await vpcOf('vpc-stand-in'));
      created = (
        await ec2.send(
          new CreateSubnetCommand({
            VpcId,
            CidrBlock: `10.99.${subnetCount++}.0/24`,
            AvailabilityZone: `${region}${zone}`,
          }),
        )
      ).Subnet?.SubnetId;
    } else if (/^arn:aws:acm:/.test(id)) created = await acmCertificate(acm, `${stack}.example.com`);
    else if (/^arn:aws:iam::\d+:server-certificate\//.test(id)) created = await iamServerCertificate(iam, id);
    else if (/^arn:aws:wafv2:/.test(id))
      created = await regionalWebAcl(wafv2, `${stack}-acl-${standIns.size}`);
    else return id;
    standIns.set(id, created as string);
    return created as string;
  };

  // Parameters: the given value, else the default, else a stand-in of the parameter's type.
  const parameters = new Map<string, Json>();
  for (const [name, p] of Object.entries(template.parameters)) {
    const given = options.parameters?.[name] ?? p.Default;
    const type = String(p.Type ?? 'String');
    const item = /^List<(.+)>$/.exec(type)?.[1];
    const placeholder = /^AWS::EC2::VPC::Id$/.test(item ?? type)
      ? ['vpc-param']
      : /^AWS::EC2::Subnet::Id$/.test(item ?? type)
        ? [`subnet-${name}-a`, `subnet-${name}-b`]
        : undefined;
    const values =
      given === undefined
        ? placeholder
        : String(given).split(item || type === 'CommaDelimitedList' ? ',' : /$^/);
    if (!values) parameters.set(name, new NotCreated(`parameter ${name}`));
    else {
      const ids = await Promise.all(values.map(standIn));
      parameters.set(name, item || type === 'CommaDelimitedList' ? ids : ids[0]);
    }
  }

  const conditions = new Map<string, boolean>();
  const physical = new Map<string, string>();
  const attributes = new Map<string, Record<string, Json>>();
  const notCreated = new Map<string, string>();
  const names = new Map<string, string>();

  const evaluate = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(evaluate).filter((v) => v !== NO_VALUE);
    if (typeof value !== 'object' || value === null || value instanceof NotCreated) return value;
    const entries = Object.entries(value as Props);
    const [fn, arg] = entries[0] ?? [];
    if (
      entries.length === 1 &&
      fn !== undefined &&
      (fn === 'Ref' || fn.startsWith('Fn::') || fn === 'Condition')
    )
      return intrinsic(fn, arg);
    const out: Props = {};
    for (const [k, v] of entries) {
      const e = evaluate(v);
      if (e !== NO_VALUE) out[k] = e;
    }
    return out;
  };

  const ref = (name: string): Json => {
    if (parameters.has(name)) return parameters.get(name);
    const pseudo: Record<string, Json> = {
      'AWS::Region': region,
      'AWS::AccountId': ACCOUNT,
      'AWS::StackName': stack,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::NoValue': NO_VALUE,
    };
    if (name in pseudo) return pseudo[name];
    if (physical.has(name)) return physical.get(name);
    if (notCreated.has(name)) return new NotCreated(`${name} (${notCreated.get(name)})`);
    throw new Pending(name);
  };

  const condition = (name: string): boolean => {
    const known = conditions.get(name);
    if (known !== undefined) return known;
    const value = evaluate(template.conditions[name]) === true;
    conditions.set(name, value);
    return value;
  };

  const intrinsic = (fn: string, arg: Json): Json => {
    const args = Array.isArray(arg) ? arg : [arg];
    switch (fn) {
      case 'Ref':
        return ref(String(arg));
      case 'Condition':
        return condition(String(arg));
      case 'Fn::GetAtt': {
        const [id, attribute] = typeof arg === 'string' ? arg.split(/\.(.*)/s) : (args as string[]);
        if (notCreated.has(String(id))) return new NotCreated(`${id}.${attribute}`);
        const attrs = attributes.get(String(id));
        if (!attrs) throw new Pending(String(id));
        if (!(String(attribute) in attrs))
          throw new DeployError(`${file}: GetAtt ${id}.${attribute}: not supported`);
        return attrs[String(attribute)];
      }
      case 'Fn::Sub': {
        const [text, vars] = typeof arg === 'string' ? [arg, {}] : (args as [string, Props]);
        const values = evaluate(vars) as Props;
        return String(text).replace(/\$\{([^}]+)\}/g, (_, name: string) => {
          const v =
            name in values ? values[name] : name.includes('.') ? intrinsic('Fn::GetAtt', name) : ref(name);
          if (v instanceof NotCreated) throw new UsesNotCreated(v);
          return String(v);
        });
      }
      case 'Fn::Join': {
        const [sep, list] = args as [string, Json];
        const items = evaluate(list) as Json[];
        const found = items.find((i) => i instanceof NotCreated);
        return found ?? items.join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = evaluate(args) as [Json, Json[]];
        return list[Number(index)];
      }
      case 'Fn::Split': {
        const [sep, text] = evaluate(args) as [string, string];
        return String(text).split(sep);
      }
      case 'Fn::GetAZs':
        return ['a', 'b', 'c', 'd', 'e', 'f'].map((z) => `${region}${z}`);
      case 'Fn::FindInMap': {
        const [map, top, second] = evaluate(args) as string[];
        return ((template.mappings[String(map)] as Props)?.[String(top)] as Props)?.[String(second)];
      }
      case 'Fn::Base64':
        return Buffer.from(String(evaluate(arg))).toString('base64');
      case 'Fn::If': {
        const [name, yes, no] = args as [string, Json, Json];
        return evaluate(condition(name) ? yes : no);
      }
      case 'Fn::Equals': {
        const [a, b] = evaluate(args) as [Json, Json];
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not':
        return !(evaluate(args[0]) as boolean);
      case 'Fn::And':
        return (evaluate(args) as boolean[]).every(Boolean);
      case 'Fn::Or':
        return (evaluate(args) as boolean[]).some(Boolean);
      default:
        throw new DeployError(`${file}: ${fn} is not supported by the moto deployment`);
    }
  };

  /** The resource's properties, evaluated; throws Pending while a resource they name is not created. */
  const propsOf = (id: string, r: TemplateResource): Props => {
    const props = evaluate(r.properties) as Props;
    const uses = firstNotCreated(props);
    if (uses)
      throw new DeployError(`${file}: ${id} needs ${uses.what}, which the moto deployment does not create`);
    return props;
  };

  const create = async (id: string, r: TemplateResource, p: Props): Promise<void> => {
    const tags = (p.Tags as { Key: string; Value: string }[] | undefined) ?? undefined;
    switch (r.type) {
      case 'AWS::EC2::VPC': {
        const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: String(p.CidrBlock) }))).Vpc?.VpcId;
        physical.set(id, String(vpc));
        attributes.set(id, { VpcId: vpc });
        return;
      }
      case 'AWS::EC2::Subnet': {
        const subnet = (
          await ec2.send(
            new CreateSubnetCommand({
              VpcId: String(p.VpcId),
              CidrBlock: String(p.CidrBlock),
              AvailabilityZone: p.AvailabilityZone as string | undefined,
            }),
          )
        ).Subnet;
        physical.set(id, String(subnet?.SubnetId));
        attributes.set(id, { SubnetId: subnet?.SubnetId, AvailabilityZone: subnet?.AvailabilityZone });
        return;
      }
      case 'AWS::EC2::EIP': {
        const out = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
        physical.set(id, String(out.PublicIp));
        attributes.set(id, { AllocationId: out.AllocationId, PublicIp: out.PublicIp });
        return;
      }
      case 'AWS::EC2::SecurityGroup': {
        const VpcId = p.VpcId === undefined ? undefined : await standIn(String(p.VpcId));
        const GroupId = (
          await ec2.send(
            new CreateSecurityGroupCommand({
              GroupName: String(p.GroupName ?? `${stack}-${id}`),
              Description: String(p.GroupDescription),
              VpcId,
            }),
          )
        ).GroupId as string;
        const ingress = (p.SecurityGroupIngress as Props[] | undefined) ?? [];
        if (ingress.length)
          await ec2.send(
            new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: ingress.map(permission) }),
          );
        // SecurityGroupEgress replaces the default allow-all rule, even when it is empty.
        const egress = p.SecurityGroupEgress as Props[] | undefined;
        if (egress !== undefined) await replaceDefaultEgress(ec2, GroupId, egress.map(permission));
        physical.set(id, VpcId ? GroupId : String(p.GroupName ?? `${stack}-${id}`));
        attributes.set(id, { GroupId, VpcId });
        return;
      }
      case 'AWS::EC2::SecurityGroupIngress':
      case 'AWS::EC2::SecurityGroupEgress': {
        const { GroupId, GroupName, ...rule } = p;
        const IpPermissions = [permission(rule)];
        if (r.type === 'AWS::EC2::SecurityGroupIngress')
          await ec2.send(
            new AuthorizeSecurityGroupIngressCommand({
              GroupId: GroupId as string | undefined,
              GroupName: GroupName as string | undefined,
              IpPermissions,
            }),
          );
        else
          await ec2.send(
            new AuthorizeSecurityGroupEgressCommand({ GroupId: String(GroupId), IpPermissions }),
          );
        physical.set(id, `${id}-rule`);
        return;
      }
      case 'AWS::CertificateManager::Certificate': {
        const arn = await acmCertificate(
          acm,
          String(p.DomainName),
          p.KeyAlgorithm as KeyAlgorithm | undefined,
        );
        physical.set(id, arn);
        return;
      }
      case 'AWS::S3::Bucket': {
        // No rule reads the bucket and moto's ELB does not check it: only its name is needed.
        const name = String(p.BucketName ?? generatedName(stack, id).toLowerCase());
        physical.set(id, name);
        attributes.set(id, { Arn: `arn:aws:s3:::${name}`, DomainName: `${name}.s3.amazonaws.com` });
        return;
      }
      case 'AWS::WAFv2::WebACL': {
        const arn = await regionalWebAcl(wafv2, String(p.Name ?? `${stack}-${id}`));
        physical.set(id, arn);
        attributes.set(id, { Arn: arn });
        return;
      }
      case 'AWS::WAFv2::WebACLAssociation': {
        await wafv2.send(
          new AssociateWebACLCommand({
            ResourceArn: String(p.ResourceArn),
            WebACLArn: await standIn(String(p.WebACLArn)),
          }),
        );
        physical.set(id, `${id}-association`);
        return;
      }
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
        const Name = String(p.Name ?? generatedName(stack, id));
        const mappings = p.SubnetMappings as Props[] | undefined;
        const lb = (
          await elbv2.send(
            new CreateLoadBalancerCommand({
              Name,
              Type: p.Type as 'application' | 'network' | undefined,
              Scheme: p.Scheme as 'internet-facing' | 'internal' | undefined,
              IpAddressType: p.IpAddressType as 'ipv4' | undefined,
              Subnets: p.Subnets ? await Promise.all((p.Subnets as string[]).map(standIn)) : undefined,
              SubnetMappings: mappings
                ? await Promise.all(
                    mappings.map(async (m) => ({
                      SubnetId: await standIn(String(m.SubnetId)),
                      AllocationId: m.AllocationId as string | undefined,
                    })),
                  )
                : undefined,
              SecurityGroups: p.SecurityGroups as string[] | undefined,
              Tags: tags,
            }),
          )
        ).LoadBalancers?.[0];
        const LoadBalancerArn = String(lb?.LoadBalancerArn);
        const Attributes = (p.LoadBalancerAttributes as { Key: string; Value: string }[] | undefined) ?? [];
        if (Attributes.length)
          await elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn, Attributes }));
        // AWS describes the desync mode of every ALB from creation; moto only once set.
        if (
          (p.Type ?? 'application') === 'application' &&
          !Attributes.some((a) => a.Key === 'routing.http.desync_mitigation_mode')
        )
          await describeDesyncAsAws({ elbv2 }, { albArns: [LoadBalancerArn] });
        physical.set(id, LoadBalancerArn);
        attributes.set(id, {
          DNSName: lb?.DNSName,
          LoadBalancerName: Name,
          LoadBalancerFullName: LoadBalancerArn.split(':loadbalancer/')[1],
          LoadBalancerArn,
          SecurityGroups: lb?.SecurityGroups,
          CanonicalHostedZoneID: lb?.CanonicalHostedZoneId,
        });
        names.set(id, Name);
        return;
      }
      case 'AWS::ElasticLoadBalancingV2::TargetGroup': {
        const Name = String(p.Name ?? generatedName(stack, id));
        const tg = (
          await elbv2.send(
            new CreateTargetGroupCommand({
              Name,
              Port: p.Port === undefined ? undefined : Number(p.Port),
              Protocol: p.Protocol as 'HTTP' | undefined,
              VpcId: p.VpcId === undefined ? undefined : await standIn(String(p.VpcId)),
              TargetType: p.TargetType as 'instance' | undefined,
              HealthCheckProtocol: p.HealthCheckProtocol as 'HTTP' | undefined,
              HealthCheckPath: p.HealthCheckPath as string | undefined,
            }),
          )
        ).TargetGroups?.[0];
        const TargetGroupArn = String(tg?.TargetGroupArn);
        const Attributes = (p.TargetGroupAttributes as { Key: string; Value: string }[] | undefined) ?? [];
        if (Attributes.length)
          await elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn, Attributes }));
        physical.set(id, TargetGroupArn);
        attributes.set(id, {
          TargetGroupArn,
          TargetGroupName: Name,
          TargetGroupFullName: TargetGroupArn.split(':')[5],
        });
        return;
      }
      case 'AWS::ElasticLoadBalancingV2::Listener': {
        const certificates = await Promise.all(
          ((p.Certificates as Props[] | undefined) ?? []).map(async (c) => ({
            CertificateArn: await standIn(String(c.CertificateArn)),
          })),
        );
        const listener = (
          await elbv2.send(
            new CreateListenerCommand({
              LoadBalancerArn: String(p.LoadBalancerArn),
              Port: p.Port === undefined ? undefined : Number(p.Port),
              Protocol: p.Protocol as 'HTTP' | undefined,
              SslPolicy: p.SslPolicy as string | undefined,
              Certificates: certificates.length ? certificates : undefined,
              DefaultActions: actions(p.DefaultActions),
            }),
          )
        ).Listeners?.[0];
        physical.set(id, String(listener?.ListenerArn));
        attributes.set(id, { ListenerArn: listener?.ListenerArn });
        return;
      }
      case 'AWS::ElasticLoadBalancingV2::ListenerRule': {
        const rule = (
          await elbv2.send(
            new CreateRuleCommand({
              ListenerArn: String(p.ListenerArn),
              Priority: Number(p.Priority),
              Conditions: p.Conditions as never,
              Actions: actions(p.Actions),
            }),
          )
        ).Rules?.[0];
        physical.set(id, String(rule?.RuleArn));
        return;
      }
      case 'AWS::ElasticLoadBalancingV2::ListenerCertificate': {
        await elbv2.send(
          new AddListenerCertificatesCommand({
            ListenerArn: String(p.ListenerArn),
            Certificates: await Promise.all(
              (p.Certificates as Props[]).map(async (c) => ({
                CertificateArn: await standIn(String(c.CertificateArn)),
              })),
            ),
          }),
        );
        physical.set(id, `${id}-certificates`);
        return;
      }
      case 'AWS::ElasticLoadBalancing::LoadBalancer': {
        const LoadBalancerName = String(p.LoadBalancerName ?? generatedName(stack, id));
        const listeners = (p.Listeners as Props[]).map(
          (l): ClassicListener => ({
            LoadBalancerPort: Number(l.LoadBalancerPort),
            InstancePort: Number(l.InstancePort),
            Protocol: String(l.Protocol),
            InstanceProtocol: l.InstanceProtocol as string | undefined,
            SSLCertificateId: l.SSLCertificateId as string | undefined,
          }),
        );
        for (const l of listeners)
          if (l.SSLCertificateId) l.SSLCertificateId = await standIn(l.SSLCertificateId);
        await classic.send(
          new CreateClassicCommand({
            LoadBalancerName,
            Listeners: listeners,
            AvailabilityZones: p.AvailabilityZones as string[] | undefined,
            Subnets: p.Subnets ? await Promise.all((p.Subnets as string[]).map(standIn)) : undefined,
            SecurityGroups: p.SecurityGroups as string[] | undefined,
            Scheme: p.Scheme as string | undefined,
            Tags: tags,
          }),
        );
        const health = p.HealthCheck as Props | undefined;
        if (health)
          await classic.send(
            new ConfigureHealthCheckCommand({
              LoadBalancerName,
              HealthCheck: {
                Target: String(health.Target),
                Interval: Number(health.Interval),
                Timeout: Number(health.Timeout),
                HealthyThreshold: Number(health.HealthyThreshold),
                UnhealthyThreshold: Number(health.UnhealthyThreshold),
              },
            }),
          );
        const draining = p.ConnectionDrainingPolicy as Props | undefined;
        const logs = p.AccessLoggingPolicy as Props | undefined;
        await classic.send(
          new ModifyClassicAttributesCommand({
            LoadBalancerName,
            LoadBalancerAttributes: {
              ...(p.CrossZone === undefined
                ? {}
                : { CrossZoneLoadBalancing: { Enabled: truthy(p.CrossZone) } }),
              ...(draining
                ? {
                    ConnectionDraining: {
                      Enabled: truthy(draining.Enabled),
                      Timeout: draining.Timeout === undefined ? undefined : Number(draining.Timeout),
                    },
                  }
                : {}),
              ...(logs
                ? {
                    AccessLog: {
                      Enabled: truthy(logs.Enabled),
                      S3BucketName: logs.S3BucketName as string | undefined,
                      S3BucketPrefix: logs.S3BucketPrefix as string | undefined,
                      EmitInterval: logs.EmitInterval === undefined ? undefined : Number(logs.EmitInterval),
                    },
                  }
                : {}),
              // AWS describes the desync mode of every Classic load balancer from creation; moto only once set.
              AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'defensive' }],
            },
          }),
        );
        for (const policy of (p.Policies as Props[] | undefined) ?? []) {
          await classic.send(
            new CreateLoadBalancerPolicyCommand({
              LoadBalancerName,
              PolicyName: String(policy.PolicyName),
              PolicyTypeName: String(policy.PolicyType),
              PolicyAttributes: ((policy.Attributes as Props[] | undefined) ?? []).map((a) => ({
                AttributeName: String(a.Name),
                AttributeValue: String(a.Value),
              })),
            }),
          );
        }
        for (const l of p.Listeners as Props[])
          if (Array.isArray(l.PolicyNames) && l.PolicyNames.length)
            await classic.send(
              new SetLoadBalancerPoliciesOfListenerCommand({
                LoadBalancerName,
                LoadBalancerPort: Number(l.LoadBalancerPort),
                PolicyNames: l.PolicyNames as string[],
              }),
            );
        physical.set(id, LoadBalancerName);
        attributes.set(id, {
          DNSName: `${LoadBalancerName}.${region}.elb.amazonaws.com`,
          'SourceSecurityGroup.OwnerAlias': 'amazon-elb',
          'SourceSecurityGroup.GroupName': 'amazon-elb-sg',
        });
        names.set(id, LoadBalancerName);
        return;
      }
      default:
        notCreated.set(id, r.type);
    }
  };

  // Create in dependency order: a resource waits until every resource it names exists.
  const waiting = new Map(
    [...template.resources].filter(([, r]) => r.condition === undefined || condition(r.condition)),
  );
  while (waiting.size) {
    let progressed = false;
    for (const [id, r] of waiting) {
      if (!CREATED_TYPES.has(r.type)) {
        notCreated.set(id, r.type);
        waiting.delete(id);
        progressed = true;
        continue;
      }
      let props: Props;
      try {
        props = propsOf(id, r);
      } catch (error) {
        if (error instanceof Pending) continue;
        if (error instanceof UsesNotCreated)
          throw new DeployError(
            `${file}: ${id} needs ${error.value.what}, which the moto deployment does not create`,
          );
        throw error;
      }
      await create(id, r, props);
      waiting.delete(id);
      progressed = true;
    }
    if (!progressed)
      throw new DeployError(`${file}: cannot order ${[...waiting.keys()].join(', ')} (a cycle?)`);
  }
  return { names, notCreated };
}

const CREATED_TYPES = new Set([
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::EIP',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::CertificateManager::Certificate',
  'AWS::S3::Bucket',
  'AWS::WAFv2::WebACL',
  'AWS::WAFv2::WebACLAssociation',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::ListenerCertificate',
  'AWS::ElasticLoadBalancing::LoadBalancer',
]);

const NO_VALUE = Symbol('AWS::NoValue');

class Pending extends Error {
  constructor(readonly resource: string) {
    super(`waits for ${resource}`);
  }
}

class UsesNotCreated extends Error {
  constructor(readonly value: NotCreated) {
    super(value.what);
  }
}

function firstNotCreated(value: Json): NotCreated | undefined {
  if (value instanceof NotCreated) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const v of Object.values(value)) {
    const found = firstNotCreated(v);
    if (found) return found;
  }
  return undefined;
}

const truthy = (v: Json) => v === true || v === 'true';

/** CloudFormation's generated physical names: stack, logical id and a suffix, at most 32 characters. */
function generatedName(stack: string, id: string): string {
  return (
    `${stack}-${id}`
      .replace(/[^A-Za-z0-9-]/g, '')
      .slice(0, 26)
      .replace(/-+$/, '') + '-cfn01'
  );
}

function permission(rule: Props): IpPermission {
  const from = rule.FromPort === undefined ? undefined : Number(rule.FromPort);
  const to = rule.ToPort === undefined ? undefined : Number(rule.ToPort);
  return {
    IpProtocol: String(rule.IpProtocol),
    FromPort: from,
    ToPort: to,
    ...(rule.CidrIp ? { IpRanges: [{ CidrIp: String(rule.CidrIp) }] } : {}),
    ...(rule.CidrIpv6 ? { Ipv6Ranges: [{ CidrIpv6: String(rule.CidrIpv6) }] } : {}),
    ...(rule.SourceSecurityGroupId
      ? { UserIdGroupPairs: [{ GroupId: String(rule.SourceSecurityGroupId) }] }
      : {}),
  };
}

/** Listener actions as the API takes them (CloudFormation's ports are strings there too). */
function actions(value: Json) {
  return (value as Props[]).map((a) => ({
    ...a,
    ...(a.RedirectConfig
      ? {
          RedirectConfig: {
            ...(a.RedirectConfig as Props),
            Port: String((a.RedirectConfig as Props).Port ?? '#{port}'),
          },
        }
      : {}),
  })) as never;
}
