// Creates what a Terraform plan (terraform show -json) would create, through the AWS SDK, in the
// account the environment points at (moto in tests): VPCs and subnets, security groups and their
// rules, ACM certificates, target groups, load balancers with their attributes, listeners, rules,
// extra certificates, web ACL associations, Classic load balancers with their policies. A value
// known only after apply is taken from the resource the plan's configuration refers to.
//
// Where the plan cannot say what AWS would do, or moto describes less than AWS, this does what AWS
// does (every adjustment):
// - ids the plan holds of resources outside it (subnet-…, vpc-…) map onto a VPC with two subnets
//   made here; ACM certificate ARNs map onto certificates requested in this account's ACM, IAM
//   ones onto self-signed server certificates uploaded to IAM; a web ACL
//   ARN maps onto a web ACL of the same name made here;
// - availability zones of another region map onto the same letter in this region;
// - a security group's default allow-all egress is revoked, as Terraform does, and the plan's own
//   egress blocks are authorized instead; a rule a plan of existing resources lists twice (inline
//   and as aws_security_group_rule) is one rule, as in AWS;
// - ELBv2 attributes the plan does not set are set to what AWS describes from creation, which moto
//   leaves out or differs on: access_logs.s3.enabled false; for an ALB
//   routing.http.drop_invalid_header_fields.enabled false and load_balancing.cross_zone.enabled
//   true (moto: false);
// - the desync mitigation mode, when the plan does not set it: describeDesyncAsAws (AWS describes
//   defensive from creation, moto only once set).
import { readFileSync } from 'node:fs';
import { ACMClient } from '@aws-sdk/client-acm';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand as CreateClassicCommand,
  CreateLoadBalancerPolicyCommand,
  ElasticLoadBalancingClient,
  ModifyLoadBalancerAttributesCommand as ModifyClassicAttributesCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  type Action,
  type ActionTypeEnum,
  AddListenerCertificatesCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancerAttribute,
  ModifyLoadBalancerAttributesCommand,
  type RuleCondition,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { AssociateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { plannedResources } from '../../../rules/core/resources/code/terraform/plan.js';
import type { PlannedResource } from '../../../rules/core/resources/code/terraform/to-records.js';
import { isUnknown } from '../../../rules/core/resources/code/unknown.js';
import type { Json } from '../../../rules/core/resources/shape.js';
import { describeDesyncAsAws } from '../moto.js';
import { acmCertificate, iamServerCertificate, regionalWebAcl, replaceDefaultEgress } from './stand-ins.js';

type Region = string;

/** A value the plan knows (not unknown, not null). */
const known = (x: unknown): unknown => (isUnknown(x) || x === null ? undefined : x);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
const bool = (x: unknown): boolean | undefined => (typeof x === 'boolean' ? x : undefined);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const block = (x: unknown): Json | undefined => {
  const first = Array.isArray(x) ? x[0] : x;
  return first && typeof first === 'object' && !isUnknown(first) ? (first as Json) : undefined;
};

const LB = ['aws_lb', 'aws_alb'];
const LISTENER = ['aws_lb_listener', 'aws_alb_listener'];
const TARGET_GROUP = ['aws_lb_target_group', 'aws_alb_target_group'];

/** Live load balancer name by the plan's address (aws_lb, aws_alb, aws_elb). */
export async function deployPlan(file: string, region: Region): Promise<Map<string, string>> {
  const resources = plannedResources(JSON.parse(readFileSync(file, 'utf8')) as Json);
  return new PlanDeployment(resources, region).run();
}

class PlanDeployment {
  private readonly ec2 = new EC2Client({});
  private readonly acm = new ACMClient({});
  private readonly iam = new IAMClient({});
  private readonly elbv2 = new ElasticLoadBalancingV2Client({});
  private readonly classic = new ElasticLoadBalancingClient({});
  private readonly wafv2 = new WAFV2Client({});
  private readonly byAddress: Map<string, PlannedResource>;
  /** Plan address, or id/ARN the plan holds → the live id/ARN. */
  private readonly live = new Map<string, string>();
  private fallback?: Promise<{ vpc: string; subnets: string[] }>;
  private readonly names = new Map<string, string>();

  constructor(
    private readonly resources: PlannedResource[],
    private readonly region: Region,
  ) {
    this.byAddress = new Map(resources.map((r) => [r.address, r]));
  }

  private ofType(...types: string[]): PlannedResource[] {
    return this.resources.filter((r) => types.includes(r.type));
  }

  /** The plan resource an attribute refers to (by configuration reference), of one of `types`. */
  private referenced(r: PlannedResource, attribute: string, types: string[]): PlannedResource[] {
    const out: PlannedResource[] = [];
    for (const ref of r.references?.[attribute] ?? []) {
      const base = ref.replace(/\.(arn|id|name|policy_name)$/, '');
      const target =
        this.byAddress.get(base) ?? this.resources.find((o) => o.address.replace(/\[[^\]]*\]$/, '') === base);
      if (target && types.includes(target.type) && !out.includes(target)) out.push(target);
    }
    return out;
  }

  /** Live id of what an attribute names: the plan's value mapped, else the referenced resource's. */
  private resolve(
    r: PlannedResource,
    attribute: string,
    value: unknown,
    types: string[],
  ): string | undefined {
    const v = str(known(value));
    if (v) return this.live.get(v) ?? this.byValue(v, types);
    const [target] = this.referenced(r, attribute, types);
    return target && this.live.get(target.address);
  }

  /** A plan resource whose own id or ARN is the value. */
  private byValue(value: string, types: string[]): string | undefined {
    const target = this.resources.find(
      (o) => types.includes(o.type) && (o.values.id === value || o.values.arn === value),
    );
    return target && this.live.get(target.address);
  }

  private remember(r: PlannedResource, liveId: string): void {
    this.live.set(r.address, liveId);
    for (const own of [r.values.id, r.values.arn]) if (str(own)) this.live.set(own as string, liveId);
  }

  private zone(planned: unknown, index: number): string {
    const letter = str(known(planned))?.slice(-1) ?? 'ab'[index % 2];
    return `${this.region}${letter}`;
  }

  private fallbackNetwork(): Promise<{ vpc: string; subnets: string[] }> {
    this.fallback ??= (async () => {
      const vpc = (await this.ec2.send(new CreateVpcCommand({ CidrBlock: '10.250.0.0/16' }))).Vpc!.VpcId!;
      const subnets: string[] = [];
      for (const [i, letter] of ['a', 'b'].entries())
        subnets.push(
          (
            await this.ec2.send(
              new CreateSubnetCommand({
                VpcId: vpc,
                CidrBlock: `10.250.${i}.0/24`,
                AvailabilityZone: `${this.region}${letter}`,
              }),
            )
          ).Subnet!.SubnetId!,
        );
      return { vpc, subnets };
    })();
    return this.fallback;
  }

  async run(): Promise<Map<string, string>> {
    await this.network();
    await this.securityGroups();
    await this.certificates();
    await this.targetGroups();
    await this.loadBalancers();
    await this.listeners();
    await this.listenerRules();
    await this.listenerCertificates();
    await this.webAcls();
    await this.classicLoadBalancers();
    await this.classicPolicies();
    return this.names;
  }

  private async network(): Promise<void> {
    for (const vpc of this.ofType('aws_vpc')) {
      const cidr = str(known(vpc.values.cidr_block)) ?? '10.0.0.0/16';
      this.remember(vpc, (await this.ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!);
    }
    for (const [i, subnet] of this.ofType('aws_subnet').entries()) {
      const vpc = this.resolve(subnet, 'vpc_id', subnet.values.vpc_id, ['aws_vpc']);
      const cidr = str(known(subnet.values.cidr_block));
      if (!vpc || !cidr) throw new Error(`${subnet.address}: no VPC or CIDR to create it in`);
      const out = await this.ec2.send(
        new CreateSubnetCommand({
          VpcId: vpc,
          CidrBlock: cidr,
          AvailabilityZone: this.zone(subnet.values.availability_zone, i),
        }),
      );
      this.remember(subnet, out.Subnet!.SubnetId!);
    }
  }

  private async vpcOf(r: PlannedResource): Promise<string> {
    return this.resolve(r, 'vpc_id', r.values.vpc_id, ['aws_vpc']) ?? (await this.fallbackNetwork()).vpc;
  }

  /** Live subnets of a load balancer: the plan's (mapped), else the fallback network's. */
  private async subnetsOf(r: PlannedResource): Promise<string[]> {
    const values = known(r.values.subnets);
    const mapped = Array.isArray(values)
      ? values.map((s) => this.live.get(String(s)) ?? this.byValue(String(s), ['aws_subnet']))
      : this.referenced(r, 'subnets', ['aws_subnet']).map((s) => this.live.get(s.address));
    const found = mapped.filter((s): s is string => s !== undefined);
    if (found.length && found.length === mapped.length) return found;
    return (await this.fallbackNetwork()).subnets;
  }

  private async securityGroups(): Promise<void> {
    const groups = this.ofType('aws_security_group');
    for (const g of groups) {
      const name = str(known(g.values.name)) ?? g.address.replace(/[^A-Za-z0-9-]/g, '-');
      const out = await this.ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: name,
          Description: str(known(g.values.description)) ?? 'Managed by Terraform',
          VpcId: await this.vpcOf(g),
        }),
      );
      this.remember(g, out.GroupId!);
    }
    for (const g of groups) {
      const id = this.live.get(g.address)!;
      const ingress = list(known(g.values.ingress)).map((b) => this.permission(b as Json, id));
      if (ingress.length)
        await this.ec2.send(
          new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: ingress }),
        );
      // Terraform removes the default allow-all egress and sets the configuration's own.
      await replaceDefaultEgress(
        this.ec2,
        id,
        list(known(g.values.egress)).map((b) => this.permission(b as Json, id)),
      );
    }
    for (const r of this.ofType('aws_security_group_rule')) {
      const id = this.resolve(r, 'security_group_id', r.values.security_group_id, ['aws_security_group']);
      if (!id) throw new Error(`${r.address}: its security group is not in the plan`);
      const source = this.resolve(r, 'source_security_group_id', r.values.source_security_group_id, [
        'aws_security_group',
      ]);
      const permission = this.permission({ ...r.values, source_security_group_id: source }, id);
      const rule = { GroupId: id, IpPermissions: [permission] };
      await ignoreDuplicate(
        known(r.values.type) === 'egress'
          ? this.ec2.send(new AuthorizeSecurityGroupEgressCommand(rule))
          : this.ec2.send(new AuthorizeSecurityGroupIngressCommand(rule)),
      );
    }
    for (const r of this.ofType('aws_vpc_security_group_ingress_rule')) {
      const id = this.resolve(r, 'security_group_id', r.values.security_group_id, ['aws_security_group']);
      if (!id) throw new Error(`${r.address}: its security group is not in the plan`);
      const v = r.values;
      const referenced = this.resolve(r, 'referenced_security_group_id', v.referenced_security_group_id, [
        'aws_security_group',
      ]);
      await this.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: id,
          IpPermissions: [
            {
              IpProtocol: String(known(v.ip_protocol)),
              FromPort: num(known(v.from_port)),
              ToPort: num(known(v.to_port)),
              IpRanges: str(known(v.cidr_ipv4)) ? [{ CidrIp: String(v.cidr_ipv4) }] : undefined,
              Ipv6Ranges: str(known(v.cidr_ipv6)) ? [{ CidrIpv6: String(v.cidr_ipv6) }] : undefined,
              PrefixListIds: str(known(v.prefix_list_id))
                ? [{ PrefixListId: String(v.prefix_list_id) }]
                : undefined,
              UserIdGroupPairs: referenced ? [{ GroupId: referenced }] : undefined,
            },
          ],
        }),
      );
    }
  }

  /** An ingress/egress block or aws_security_group_rule as EC2 takes it. */
  private permission(v: Json, selfId: string): IpPermission {
    const groups = [
      ...list(known(v.security_groups)).map((g) => this.live.get(String(g)) ?? String(g)),
      ...(str(known(v.source_security_group_id)) ? [String(v.source_security_group_id)] : []),
      ...(v.self === true ? [selfId] : []),
    ];
    const description = str(known(v.description));
    return {
      IpProtocol: String(known(v.protocol)),
      FromPort: Number(known(v.from_port)),
      ToPort: Number(known(v.to_port)),
      IpRanges: list(known(v.cidr_blocks)).map((c) => ({ CidrIp: String(c), Description: description })),
      Ipv6Ranges: list(known(v.ipv6_cidr_blocks)).map((c) => ({
        CidrIpv6: String(c),
        Description: description,
      })),
      PrefixListIds: list(known(v.prefix_list_ids)).map((p) => ({ PrefixListId: String(p) })),
      UserIdGroupPairs: groups.map((GroupId) => ({ GroupId })),
    };
  }

  /** Each certificate ARN the plan names gets a certificate of this account's ACM. */
  private async certificates(): Promise<void> {
    const arns = new Set<string>();
    for (const r of this.resources) {
      for (const value of [r.values.certificate_arn])
        if (str(known(value))?.startsWith('arn:')) arns.add(String(value));
      for (const l of list(known(r.values.listener)))
        if (str(known((l as Json).ssl_certificate_id))) arns.add(String((l as Json).ssl_certificate_id));
    }
    for (const [i, arn] of [...arns].entries()) {
      this.live.set(
        arn,
        arn.includes(':iam:')
          ? await iamServerCertificate(this.iam, arn, `plan-${i}.example.com`)
          : await acmCertificate(this.acm, `plan-${i}.example.com`),
      );
    }
  }

  private async targetGroups(): Promise<void> {
    for (const tg of this.ofType(...TARGET_GROUP)) {
      const v = tg.values;
      const health = block(known(v.health_check));
      const targetType = str(known(v.target_type)) ?? 'instance';
      const out = await this.elbv2.send(
        new CreateTargetGroupCommand({
          Name: str(known(v.name)) ?? tg.address.replace(/[^A-Za-z0-9-]/g, '-').slice(-32),
          Protocol: targetType === 'lambda' ? undefined : (str(known(v.protocol)) as never),
          Port: targetType === 'lambda' ? undefined : num(known(v.port)),
          VpcId: targetType === 'lambda' ? undefined : await this.vpcOf(tg),
          TargetType: targetType as never,
          HealthCheckPath: health && str(known(health.path)),
          HealthCheckProtocol: health && (str(known(health.protocol)) as never),
        }),
      );
      this.remember(tg, out.TargetGroups![0]!.TargetGroupArn!);
    }
  }

  private lbName(r: PlannedResource): string {
    return str(known(r.values.name)) ?? r.address.replace(/[^A-Za-z0-9-]/g, '-').slice(-32);
  }

  private tagsOf(r: PlannedResource): { Key: string; Value: string }[] | undefined {
    const raw = known(r.values.tags_all) ?? known(r.values.tags);
    if (!raw || typeof raw !== 'object') return undefined;
    const tags = Object.entries(raw as Json).map(([Key, Value]) => ({ Key, Value: String(Value) }));
    return tags.length ? tags : undefined;
  }

  private async loadBalancers(): Promise<void> {
    for (const lb of this.ofType(...LB)) {
      const v = lb.values;
      const type = (str(known(v.load_balancer_type)) ?? 'application') as
        | 'application'
        | 'network'
        | 'gateway';
      const groups = this.groupsOf(lb);
      const out = await this.elbv2.send(
        new CreateLoadBalancerCommand({
          Name: this.lbName(lb),
          Type: type,
          Scheme: known(v.internal) === true ? 'internal' : 'internet-facing',
          Subnets: await this.subnetsOf(lb),
          SecurityGroups: groups,
          IpAddressType: str(known(v.ip_address_type)) as never,
          Tags: this.tagsOf(lb),
        }),
      );
      const arn = out.LoadBalancers![0]!.LoadBalancerArn!;
      this.remember(lb, arn);
      this.names.set(lb.address, this.lbName(lb));
      await this.elbv2.send(
        new ModifyLoadBalancerAttributesCommand({
          LoadBalancerArn: arn,
          Attributes: elbv2Attributes(v, type),
        }),
      );
      if (type === 'application' && !str(known(v.desync_mitigation_mode)))
        await describeDesyncAsAws({ elbv2: this.elbv2 }, { albArns: [arn] });
    }
  }

  /** Live security groups of a load balancer: the plan's ids mapped, else the referenced groups. */
  private groupsOf(r: PlannedResource): string[] | undefined {
    const values = known(r.values.security_groups);
    if (Array.isArray(values) && values.length)
      return values.map(
        (g) => this.live.get(String(g)) ?? this.byValue(String(g), ['aws_security_group']) ?? String(g),
      );
    const refs = this.referenced(r, 'security_groups', ['aws_security_group']);
    return refs.length ? refs.map((g) => this.live.get(g.address)!) : undefined;
  }

  private action(owner: PlannedResource, raw: Json, at: string, only: boolean): Action {
    const type = String(known(raw.type)).replace(/_/g, '-') as ActionTypeEnum;
    const out: Action = { Type: type, Order: num(known(raw.order)) };
    if (type === 'forward') {
      const direct = str(known(raw.target_group_arn));
      const forward = block(known(raw.forward));
      const viaBlock = list(known(forward?.target_group)).map((g) => str(known((g as Json).arn)));
      const refs = this.referenced(owner, `${at}.target_group_arn`, TARGET_GROUP);
      const arn =
        (direct && (this.live.get(direct) ?? this.byValue(direct, TARGET_GROUP))) ??
        (viaBlock[0] && (this.live.get(viaBlock[0]) ?? this.byValue(viaBlock[0], TARGET_GROUP))) ??
        (only && refs.length === 1 ? this.live.get(refs[0]!.address) : undefined);
      if (!arn) throw new Error(`${owner.address}: the target group of a forward action is not in the plan`);
      out.TargetGroupArn = arn;
    }
    const redirect = block(known(raw.redirect));
    if (type === 'redirect' && redirect)
      out.RedirectConfig = {
        Protocol: str(known(redirect.protocol)),
        Port: str(known(redirect.port)),
        Host: str(known(redirect.host)),
        Path: str(known(redirect.path)),
        Query: str(known(redirect.query)),
        StatusCode: String(known(redirect.status_code)) as never,
      };
    const fixed = block(known(raw.fixed_response));
    if (type === 'fixed-response' && fixed)
      out.FixedResponseConfig = {
        StatusCode: String(known(fixed.status_code)),
        ContentType: str(known(fixed.content_type)),
        MessageBody: str(known(fixed.message_body)),
      };
    return out;
  }

  private certificateOf(value: unknown): string | undefined {
    const arn = str(known(value));
    return arn && (this.live.get(arn) ?? arn);
  }

  private async listeners(): Promise<void> {
    for (const l of this.ofType(...LISTENER)) {
      const v = l.values;
      const lbArn = this.resolve(l, 'load_balancer_arn', v.load_balancer_arn, LB);
      if (!lbArn) throw new Error(`${l.address}: its load balancer is not in the plan`);
      const actions = list(known(v.default_action));
      const protocol = str(known(v.protocol));
      const tls = protocol === 'HTTPS' || protocol === 'TLS';
      const certificate = this.certificateOf(v.certificate_arn);
      const out = await this.elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: protocol as never,
          Port: num(known(v.port)),
          SslPolicy: tls ? str(known(v.ssl_policy)) : undefined,
          Certificates: tls && certificate ? [{ CertificateArn: certificate }] : undefined,
          AlpnPolicy: str(known(v.alpn_policy)) ? [String(v.alpn_policy)] : undefined,
          DefaultActions: actions.map((a) =>
            this.action(l, a as Json, 'default_action', actions.length === 1),
          ),
        }),
      );
      this.remember(l, out.Listeners![0]!.ListenerArn!);
    }
  }

  private async listenerRules(): Promise<void> {
    for (const rule of this.ofType('aws_lb_listener_rule', 'aws_alb_listener_rule')) {
      const v = rule.values;
      const listener = this.resolve(rule, 'listener_arn', v.listener_arn, LISTENER);
      if (!listener) throw new Error(`${rule.address}: its listener is not in the plan`);
      const actions = list(known(v.action));
      const conditions: RuleCondition[] = list(known(v.condition)).flatMap((c) =>
        Object.entries(c as Json).flatMap(([field, blocks]) =>
          list(known(blocks)).map((b) => ({
            Field: field.replace(/_/g, '-'),
            Values: list(known((b as Json).values)).map(String),
          })),
        ),
      );
      await this.elbv2.send(
        new CreateRuleCommand({
          ListenerArn: listener,
          Priority: num(known(v.priority)),
          Conditions: conditions,
          Actions: actions.map((a) => this.action(rule, a as Json, 'action', actions.length === 1)),
        }),
      );
    }
  }

  private async listenerCertificates(): Promise<void> {
    for (const c of this.ofType('aws_lb_listener_certificate', 'aws_alb_listener_certificate')) {
      const listener = this.resolve(c, 'listener_arn', c.values.listener_arn, LISTENER);
      const certificate = this.certificateOf(c.values.certificate_arn);
      if (!listener || !certificate) throw new Error(`${c.address}: its listener or certificate is unknown`);
      await this.elbv2.send(
        new AddListenerCertificatesCommand({
          ListenerArn: listener,
          Certificates: [{ CertificateArn: certificate }],
        }),
      );
    }
  }

  /** Each association's web ACL is made here (named as the plan's ARN or resource names it). */
  private async webAcls(): Promise<void> {
    for (const a of this.ofType('aws_wafv2_web_acl_association')) {
      const lb = this.resolve(a, 'resource_arn', a.values.resource_arn, LB);
      if (!lb) throw new Error(`${a.address}: its load balancer is not in the plan`);
      const planned = str(known(a.values.web_acl_arn));
      const [resource] = this.referenced(a, 'web_acl_arn', ['aws_wafv2_web_acl']);
      const name =
        planned?.split('/').at(-2) ?? str(known(resource?.values.name)) ?? a.address.replace(/\W/g, '-');
      const webAclArn = await regionalWebAcl(this.wafv2, name);
      await this.wafv2.send(new AssociateWebACLCommand({ WebACLArn: webAclArn, ResourceArn: lb }));
    }
  }

  private async classicLoadBalancers(): Promise<void> {
    for (const elb of this.ofType('aws_elb')) {
      const v = elb.values;
      const name = this.lbName(elb);
      await this.classic.send(
        new CreateClassicCommand({
          LoadBalancerName: name,
          Listeners: list(known(v.listener)).map((raw) => {
            const l = raw as Json;
            return {
              Protocol: String(known(l.lb_protocol)).toUpperCase(),
              LoadBalancerPort: Number(known(l.lb_port)),
              InstanceProtocol: String(known(l.instance_protocol)).toUpperCase(),
              InstancePort: Number(known(l.instance_port)),
              SSLCertificateId: this.certificateOf(l.ssl_certificate_id),
            };
          }),
          Subnets: await this.subnetsOf(elb),
          SecurityGroups: this.groupsOf(elb),
          Scheme: known(v.internal) === true ? 'internal' : undefined,
          Tags: this.tagsOf(elb),
        }),
      );
      this.remember(elb, name);
      this.live.set(name, name);
      this.names.set(elb.address, name);
      const health = block(known(v.health_check));
      if (health && str(known(health.target)))
        await this.classic.send(
          new ConfigureHealthCheckCommand({
            LoadBalancerName: name,
            HealthCheck: {
              Target: String(health.target),
              Interval: Number(known(health.interval) ?? 30),
              Timeout: Number(known(health.timeout) ?? 5),
              UnhealthyThreshold: Number(known(health.unhealthy_threshold) ?? 2),
              HealthyThreshold: Number(known(health.healthy_threshold) ?? 10),
            },
          }),
        );
      const logs = block(known(v.access_logs));
      const draining = bool(known(v.connection_draining));
      const crossZone = bool(known(v.cross_zone_load_balancing));
      const idle = num(known(v.idle_timeout));
      const desync = str(known(v.desync_mitigation_mode));
      await this.classic.send(
        new ModifyClassicAttributesCommand({
          LoadBalancerName: name,
          LoadBalancerAttributes: {
            CrossZoneLoadBalancing: crossZone === undefined ? undefined : { Enabled: crossZone },
            ConnectionDraining:
              draining === undefined
                ? undefined
                : { Enabled: draining, Timeout: num(known(v.connection_draining_timeout)) },
            ConnectionSettings: idle === undefined ? undefined : { IdleTimeout: idle },
            AccessLog: logs && {
              Enabled: bool(known(logs.enabled)) ?? true,
              S3BucketName: str(known(logs.bucket)),
              S3BucketPrefix: str(known(logs.bucket_prefix)),
              EmitInterval: num(known(logs.interval)),
            },
            AdditionalAttributes: desync
              ? [{ Key: 'elb.http.desyncmitigationmode', Value: desync }]
              : undefined,
          },
        }),
      );
      if (!desync) await describeDesyncAsAws({ classic: this.classic }, { classicNames: [name] });
    }
  }

  private classicName(r: PlannedResource, attribute: string): string {
    const name = this.resolve(r, attribute, r.values[attribute], ['aws_elb']);
    if (!name) throw new Error(`${r.address}: its load balancer is not in the plan`);
    return name;
  }

  private async classicPolicies(): Promise<void> {
    const attributes = (raw: unknown) =>
      list(known(raw)).map((a) => ({
        AttributeName: String((a as Json).name),
        AttributeValue: String((a as Json).value),
      }));
    for (const p of this.ofType('aws_load_balancer_policy'))
      await this.classic.send(
        new CreateLoadBalancerPolicyCommand({
          LoadBalancerName: this.classicName(p, 'load_balancer_name'),
          PolicyName: String(known(p.values.policy_name)),
          PolicyTypeName: String(known(p.values.policy_type_name)),
          PolicyAttributes: attributes(p.values.policy_attribute),
        }),
      );
    for (const p of this.ofType('aws_lb_ssl_negotiation_policy')) {
      const name = this.classicName(p, 'load_balancer');
      await this.classic.send(
        new CreateLoadBalancerPolicyCommand({
          LoadBalancerName: name,
          PolicyName: String(known(p.values.name)),
          PolicyTypeName: 'SSLNegotiationPolicyType',
          PolicyAttributes: attributes(p.values.attribute),
        }),
      );
      await this.classic.send(
        new SetLoadBalancerPoliciesOfListenerCommand({
          LoadBalancerName: name,
          LoadBalancerPort: Number(known(p.values.lb_port)),
          PolicyNames: [String(known(p.values.name))],
        }),
      );
    }
    for (const p of this.ofType('aws_load_balancer_listener_policy'))
      await this.classic.send(
        new SetLoadBalancerPoliciesOfListenerCommand({
          LoadBalancerName: this.classicName(p, 'load_balancer_name'),
          LoadBalancerPort: Number(known(p.values.load_balancer_port)),
          PolicyNames: list(known(p.values.policy_names)).map(String),
        }),
      );
  }
}

/**
 * A plan of existing resources (read from state) lists a group's separate rules among its inline
 * blocks too: AWS holds one rule, so the second authorization of it changes nothing.
 */
async function ignoreDuplicate(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if ((error as Error).name !== 'InvalidPermission.Duplicate') throw error;
  }
}

/** The plan's attributes, and where it sets none, what AWS describes from creation (see the top). */
function elbv2Attributes(v: Json, type: string): LoadBalancerAttribute[] {
  const out = new Map<string, string>();
  out.set('access_logs.s3.enabled', 'false');
  if (type === 'application') {
    out.set('routing.http.drop_invalid_header_fields.enabled', 'false');
    out.set('load_balancing.cross_zone.enabled', 'true');
  }
  const set = (key: string, value: unknown) => {
    const k = known(value);
    if (k !== undefined && k !== '') out.set(key, String(k));
  };
  set('deletion_protection.enabled', v.enable_deletion_protection);
  const logs = block(known(v.access_logs));
  if (logs) {
    set('access_logs.s3.enabled', logs.enabled ?? true);
    set('access_logs.s3.bucket', logs.bucket);
    set('access_logs.s3.prefix', logs.prefix);
  }
  if (type === 'application') {
    set('routing.http.drop_invalid_header_fields.enabled', v.drop_invalid_header_fields);
    set('routing.http.desync_mitigation_mode', v.desync_mitigation_mode);
  } else set('load_balancing.cross_zone.enabled', v.enable_cross_zone_load_balancing);
  return [...out].map(([Key, Value]) => ({ Key, Value }));
}
