// CloudFormation resources into the models: load balancers with the listeners, listener rules and
// certificates, security groups (with their separate ingress resources), attributes, tags and web
// ACL associations the template declares. What it cannot tell is recorded as unknown.

import {
  CLASSIC_LOAD_BALANCER,
  type ClassicListener,
  type ClassicPolicy,
  ELBV2_LOAD_BALANCER,
  ELBV2_TLS_PROTOCOLS,
  type ElbV2Kind,
  type ElbV2Listener,
  type ListenerCertificate,
  type ListenerRule,
  type LoadBalancer,
  type SecurityGroup,
} from '../../../model/model.js';
import { attributes } from '../../facets/attributes.js';
import { classicPolicies } from '../../facets/classic-policies.js';
import { listenerCertificates } from '../../facets/listener-certificates.js';
import { listenerRules } from '../../facets/listener-rules.js';
import { listeners } from '../../facets/listeners.js';
import { securityGroups } from '../../facets/security-groups.js';
import { tags } from '../../facets/tags.js';
import { webAcl } from '../../facets/web-acl.js';
import { elbv2Listener, listenerRule } from '../../normalize/elbv2.js';
import { schemeOf } from '../../normalize/scheme.js';
import { securityGroup } from '../../normalize/security-group.js';
import { CLASSIC_ATTRIBUTE_DEFAULTS, ELBV2_ATTRIBUTE_DEFAULTS, withLogsOffBlanks } from '../defaults.js';
import { withDerivedFacets } from '../derived-facets.js';
import {
  type ArnScope,
  attributeRecord,
  type CodeLocation,
  type CodeRecord,
  emptyRecord,
  firstUnknown,
  securityGroupsFacet,
  setFacet,
  syntheticArn,
} from '../record.js';
import { isUnknown, Unknown, withUnknownFields } from '../unknown.js';
import { asString, ResourceLink, resolve } from './intrinsics.js';
import { CFN, type Linker, linker } from './links.js';
import type { Template, TemplateResource } from './template.js';

const ELBV2_KINDS: readonly ElbV2Kind[] = ['application', 'network', 'gateway'];

interface Declared {
  id: string;
  resource: TemplateResource;
  props: Record<string, unknown>;
}

export function cloudFormationRecords(
  template: Template,
  scope: ArnScope,
  pseudo?: Readonly<Record<string, string>>,
): CodeRecord[] {
  const ctx = { template, pseudo };
  const declared = (type: string): Declared[] =>
    [...template.resources]
      .filter(([, r]) => r.type === type)
      .map(([id, resource]) => ({
        id,
        resource,
        props: resolve(resource.properties, ctx) as Record<string, unknown>,
      }));
  const where = (d: Declared): CodeLocation => ({ id: d.id, file: template.file, line: d.resource.line });

  const elbv2 = declared(CFN.elbv2);
  const kinds = new Map(elbv2.map((d) => [d.id, kindOf(d.props.Type)] as const));
  const kindOfId = (id: string) => {
    const kind = kinds.get(id);
    return kind && !isUnknown(kind) ? kind : undefined;
  };
  const listenerResources = declared(CFN.listener);
  // A listener's parent is found from its raw link, before links can become ARNs.
  const parentOf = new Map<string, string>();
  const bare = linker(
    template,
    scope,
    () => undefined,
    () => undefined,
  );
  for (const l of listenerResources) {
    const parent = bare.target(l.props.LoadBalancerArn, CFN.elbv2, ['LoadBalancerArn']);
    if (parent) parentOf.set(l.id, parent);
  }
  const links = linker(template, scope, kindOfId, (id) => parentOf.get(id));
  // A child whose parent cannot be told (an import, a parameter) may belong to any load balancer
  // or group of the template: what it would add is unknown for all of them.
  const stray = (type: string, property: string, parentType: string, attributes: readonly string[]) => {
    const child = declared(type).find((d) => {
      const parent = d.props[property];
      return (
        (isUnknown(parent) || parent instanceof ResourceLink) && !links.target(parent, parentType, attributes)
      );
    });
    return (
      child && new Unknown(`${property} of ${child.id} is not known before deployment; it may name this one`)
    );
  };
  const strayListener = stray(CFN.listener, 'LoadBalancerArn', CFN.elbv2, ['LoadBalancerArn']);
  const strayRule = stray(CFN.listenerRule, 'ListenerArn', CFN.listener, ['ListenerArn']);
  const strayCertificate = stray(CFN.listenerCertificate, 'ListenerArn', CFN.listener, ['ListenerArn']);
  const strayIngress = stray(CFN.ingress, 'GroupId', CFN.securityGroup, ['GroupId']);
  const groups = securityGroupsOf(declared(CFN.securityGroup), declared(CFN.ingress), links);

  const records: CodeRecord[] = [];
  for (const lb of elbv2) {
    const kind = kinds.get(lb.id);
    const record = emptyRecord(ELBV2_LOAD_BALANCER, where(lb));
    records.push(record);
    if (!kind || isUnknown(kind)) {
      record.unjudgeable = `Type of ${lb.id}: ${kind?.reason ?? 'not application, network or gateway'}`;
      continue;
    }
    const arn = syntheticArn.loadBalancer(scope, kind, lb.id);
    const groupIds = securityGroupIdsOf(lb.props, kind, links);
    record.loadBalancer = model(
      {
        kind,
        resourceType: ELBV2_LOAD_BALANCER,
        resourceId: arn,
        arn,
        ...common(lb, scope),
      },
      lb,
      groupIds,
    ) as unknown as LoadBalancer;
    setFacet(record, securityGroups.key, strayIngress ?? securityGroupsFacet(groupIds, groups, 'the code'));
    setFacet(record, tags.key, tagsOf(lb.props.Tags));
    setFacet(record, attributes.key, elbv2Attributes(lb, kind));
    const own = listenerResources.filter((l) => parentOf.get(l.id) === lb.id);
    const built = own.map((l) => ({ l, listener: listenerOf(l, arn, links) }));
    for (const { l, listener } of built) if (!isUnknown(listener)) record.children[listener.arn] = where(l);
    const failedListener = built.find(({ listener }) => isUnknown(listener));
    const known = built.flatMap(({ listener }) => (isUnknown(listener) ? [] : [listener]));
    setFacet(record, listeners.key, strayListener ?? (failedListener ? failedListener.listener : known));
    if (!failedListener) {
      setFacet(
        record,
        listenerCertificates.key,
        strayCertificate ?? certificatesOf(known, declared(CFN.listenerCertificate), links),
      );
      setFacet(
        record,
        listenerRules.key,
        kind === 'application' ? (strayRule ?? rulesOf(known, declared(CFN.listenerRule), links)) : {},
      );
    }
    setFacet(
      record,
      webAcl.key,
      kind === 'application' ? webAclOf(lb.id, declared(CFN.webAclAssociation), links) : null,
    );
  }
  for (const lb of declared(CFN.classic)) {
    const record = emptyRecord(CLASSIC_LOAD_BALANCER, where(lb));
    records.push(record);
    const groupIds = securityGroupIdsOf(lb.props, 'classic', links);
    const base = common(lb, scope);
    const classic = links.materialize(lb.props);
    const props = classic as Record<string, unknown>;
    const instances = props.Instances === undefined ? [] : props.Instances;
    const listenersOrUnknown = classicListeners(props.Listeners);
    record.loadBalancer = model(
      {
        kind: 'classic',
        resourceType: CLASSIC_LOAD_BALANCER,
        resourceId: base.name,
        ...base,
        listeners: listenersOrUnknown,
        instanceIds: instances,
        healthCheckTarget: (props.HealthCheck as Record<string, unknown> | undefined)?.Target,
      },
      lb,
      groupIds,
    ) as unknown as LoadBalancer;
    setFacet(record, securityGroups.key, strayIngress ?? securityGroupsFacet(groupIds, groups, 'the code'));
    setFacet(record, tags.key, tagsOf(lb.props.Tags));
    setFacet(record, attributes.key, classicAttributes(lb.id, props));
    setFacet(record, classicPolicies.key, classicPoliciesOf(props.Policies));
    setFacet(record, listeners.key, []);
    setFacet(record, listenerCertificates.key, {});
    setFacet(record, listenerRules.key, {});
    setFacet(record, webAcl.key, null);
  }
  return records.map(withDerivedFacets);
}

function kindOf(type: unknown): ElbV2Kind | Unknown | undefined {
  // "The default is application." (AWS::ElasticLoadBalancingV2::LoadBalancer, Type:
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-loadbalancer.html)
  if (type === undefined) return 'application';
  if (isUnknown(type)) return type;
  return ELBV2_KINDS.find((k) => k === String(type).toLowerCase());
}

function common(d: Declared, scope: ArnScope) {
  const name = d.props.Name ?? d.props.LoadBalancerName;
  return {
    accountId: scope.accountId,
    region: scope.region,
    // A generated name cannot match an allowed name: it is not a valid load balancer name.
    name: typeof name === 'string' ? name : `${d.id} (name set at deployment)`,
  };
}

/** The model, with scheme, security groups and any Unknown field left unknown (reading it throws). */
function model(
  known: Record<string, unknown>,
  d: Declared,
  groupIds: string[] | Unknown,
): Record<string, unknown> {
  const unknown: Record<string, string> = {};
  const out: Record<string, unknown> = { ...known };
  const scheme = d.props.Scheme === undefined ? undefined : asString(d.props.Scheme);
  if (scheme === undefined && known.kind !== 'classic') {
    // "The default is an Internet-facing load balancer." (AWS::ElasticLoadBalancingV2::LoadBalancer, Scheme)
    out.scheme = 'internet-facing';
  } else if (typeof scheme === 'string') out.scheme = schemeOf(scheme);
  else
    unknown.scheme = `Scheme of ${d.id}: ${isUnknown(scheme) ? scheme.reason : 'not set, and CloudFormation documents no default'}`;
  if (isUnknown(groupIds)) unknown.securityGroupIds = `SecurityGroups of ${d.id}: ${groupIds.reason}`;
  else out.securityGroupIds = groupIds;
  for (const [key, value] of Object.entries(out)) {
    const inner = firstUnknown(value);
    if (inner) {
      unknown[key] = `${key} of ${d.id}: ${inner.reason}`;
      delete out[key];
    }
  }
  return withUnknownFields(out, unknown);
}

function securityGroupIdsOf(
  props: Record<string, unknown>,
  kind: ElbV2Kind | 'classic',
  links: Linker,
): string[] | Unknown {
  const raw = props.SecurityGroups;
  if (raw === undefined)
    return kind === 'network' || kind === 'gateway'
      ? []
      : new Unknown("not set: the VPC's default security group is attached at deployment");
  const ids = links.materialize(raw);
  if (!Array.isArray(ids)) return isUnknown(ids) ? ids : new Unknown('expected a list of security group ids');
  const ids2 = ids.map(asString);
  return ids2.find(isUnknown) ?? (ids2 as string[]);
}

function securityGroupsOf(declaredGroups: Declared[], ingressResources: Declared[], links: Linker) {
  const out = new Map<string, SecurityGroup | Unknown>();
  for (const g of declaredGroups) {
    const props = links.materialize(g.props) as Record<string, unknown>;
    const extra = ingressResources
      .filter((i) => links.target(i.props.GroupId, CFN.securityGroup, ['GroupId']) === g.id)
      .map((i) => links.materialize(i.props));
    const rules = [
      ...(Array.isArray(props.SecurityGroupIngress) ? props.SecurityGroupIngress : []),
      ...extra,
    ];
    const unknown = firstUnknown([props.SecurityGroupIngress, rules]);
    if (unknown || (props.SecurityGroupIngress !== undefined && !Array.isArray(props.SecurityGroupIngress))) {
      out.set(g.id, new Unknown(`ingress of security group ${g.id}: ${unknown?.reason ?? 'not a list'}`));
      continue;
    }
    const missing = rules.find((r) => (r as Record<string, unknown>).IpProtocol === undefined);
    if (missing) {
      out.set(g.id, new Unknown(`an ingress rule of security group ${g.id} has no IpProtocol`));
      continue;
    }
    const group = securityGroup({
      GroupId: g.id,
      GroupName: props.GroupName,
      IpPermissions: rules.map(apiPermission),
    });
    // Egress is left unknown when not declared: the rules that CloudFormation adds then depend on the VPC.
    const egress = props.SecurityGroupEgress;
    const egressUnknown =
      egress === undefined
        ? 'not declared in the code'
        : (firstUnknown(egress)?.reason ?? (Array.isArray(egress) ? undefined : 'not a list'));
    out.set(
      g.id,
      egressUnknown
        ? withUnknownFields(group, { egress: `egress of security group ${g.id}: ${egressUnknown}` })
        : {
            ...group,
            egress: securityGroup({ GroupId: g.id, IpPermissions: (egress as unknown[]).map(apiPermission) })
              .ingress,
          },
    );
  }
  return out;
}

/** A CloudFormation ingress rule (CidrIp, SourceSecurityGroupId…) in the EC2 API's shape. */
function apiPermission(rule: unknown) {
  const r = rule as Record<string, unknown>;
  return {
    IpProtocol: String(r.IpProtocol),
    FromPort: r.FromPort,
    ToPort: r.ToPort,
    IpRanges: r.CidrIp === undefined ? [] : [{ CidrIp: r.CidrIp, Description: r.Description }],
    Ipv6Ranges: r.CidrIpv6 === undefined ? [] : [{ CidrIpv6: r.CidrIpv6, Description: r.Description }],
    PrefixListIds: [r.SourcePrefixListId, r.DestinationPrefixListId].filter((p) => p !== undefined),
    UserIdGroupPairs:
      r.SourceSecurityGroupId === undefined && r.DestinationSecurityGroupId === undefined
        ? []
        : [
            {
              GroupId: r.SourceSecurityGroupId ?? r.DestinationSecurityGroupId,
              UserId: r.SourceSecurityGroupOwnerId,
            },
          ],
  };
}

function tagsOf(raw: unknown): unknown {
  if (raw === undefined) return {};
  if (!Array.isArray(raw))
    return isUnknown(raw) ? raw : new Unknown('Tags: expected a list of Key and Value');
  const out: Record<string, unknown> = {};
  for (const tag of raw) {
    const t = tag as Record<string, unknown>;
    const key = asString(t.Key);
    if (isUnknown(key)) return key;
    out[key] = asString(t.Value);
  }
  return out;
}

function elbv2Attributes(d: Declared, kind: ElbV2Kind): unknown {
  const raw = d.props.LoadBalancerAttributes;
  const out: Record<string, unknown> = { ...ELBV2_ATTRIBUTE_DEFAULTS[kind] };
  if (raw !== undefined) {
    if (!Array.isArray(raw))
      return isUnknown(raw) ? raw : new Unknown('LoadBalancerAttributes: expected a list');
    for (const pair of raw) {
      const p = pair as Record<string, unknown>;
      const key = asString(p.Key);
      if (isUnknown(key)) return key;
      out[key] = asString(p.Value);
    }
  }
  return attributeRecord(withLogsOffBlanks(out), `attributes of ${d.id}`);
}

function classicAttributes(id: string, props: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = { ...CLASSIC_ATTRIBUTE_DEFAULTS };
  const logs = props.AccessLoggingPolicy as Record<string, unknown> | undefined;
  if (logs) {
    out['accessLog.enabled'] = asString(logs.Enabled);
    if (logs.S3BucketName !== undefined) out['accessLog.s3BucketName'] = asString(logs.S3BucketName);
    // "If the prefix is not provided, the log is placed at the root level of the bucket."
    // (AWS::ElasticLoadBalancing::LoadBalancer AccessLoggingPolicy, S3BucketPrefix)
    out['accessLog.s3BucketPrefix'] = logs.S3BucketPrefix === undefined ? '' : asString(logs.S3BucketPrefix);
    if (logs.EmitInterval !== undefined) out['accessLog.emitInterval'] = asString(logs.EmitInterval);
    // With logs known to be off the bucket decides nothing; the describe API then reports none.
    if (out['accessLog.enabled'] === 'false' && out['accessLog.s3BucketName'] === undefined)
      out['accessLog.s3BucketName'] = '';
  }
  const draining = props.ConnectionDrainingPolicy as Record<string, unknown> | undefined;
  if (draining) {
    out['connectionDraining.enabled'] = asString(draining.Enabled);
    if (draining.Timeout !== undefined) out['connectionDraining.timeout'] = asString(draining.Timeout);
  }
  if (props.CrossZone !== undefined) out['crossZoneLoadBalancing.enabled'] = asString(props.CrossZone);
  const idle = (props.ConnectionSettings as Record<string, unknown> | undefined)?.IdleTimeout;
  if (idle !== undefined) out['connectionSettings.idleTimeout'] = asString(idle);
  return attributeRecord(out, `attributes of ${id}`);
}

function classicListeners(raw: unknown): ClassicListener[] | Unknown {
  if (!Array.isArray(raw)) return isUnknown(raw) ? raw : new Unknown('Listeners: expected a list');
  const out: ClassicListener[] = [];
  for (const item of raw) {
    const l = item as Record<string, unknown>;
    const unknown = firstUnknown(l);
    if (unknown) return unknown;
    if (l.Protocol === undefined || l.LoadBalancerPort === undefined || l.InstancePort === undefined)
      return new Unknown('a listener lacks Protocol, LoadBalancerPort or InstancePort');
    if (l.InstanceProtocol === undefined)
      return new Unknown(
        `listener ${String(l.LoadBalancerPort)}: InstanceProtocol not set, and CloudFormation documents no default`,
      );
    out.push({
      protocol: String(l.Protocol).toUpperCase(),
      port: Number(l.LoadBalancerPort),
      instanceProtocol: String(l.InstanceProtocol).toUpperCase(),
      instancePort: Number(l.InstancePort),
      sslCertificateId: l.SSLCertificateId === undefined ? undefined : String(l.SSLCertificateId),
      policyNames: Array.isArray(l.PolicyNames) ? l.PolicyNames.map(String) : [],
    });
  }
  return out;
}

function classicPoliciesOf(raw: unknown): ClassicPolicy[] | Unknown {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return isUnknown(raw) ? raw : new Unknown('Policies: expected a list');
  const unknown = firstUnknown(raw);
  if (unknown) return unknown;
  const out: ClassicPolicy[] = [];
  for (const p of raw) {
    const policy = (p ?? {}) as Record<string, unknown>;
    if (typeof policy.PolicyName !== 'string' || typeof policy.PolicyType !== 'string')
      return new Unknown('Policies: a policy without PolicyName or PolicyType');
    const attributes: Record<string, string> = {};
    for (const a of Array.isArray(policy.Attributes) ? policy.Attributes : []) {
      const attr = (a ?? {}) as Record<string, unknown>;
      if (typeof attr.Name !== 'string' || attr.Value === undefined || attr.Value === null)
        return new Unknown(`Policies: ${policy.PolicyName}: an attribute without Name or Value`);
      attributes[attr.Name] = String(attr.Value);
    }
    out.push({ name: policy.PolicyName, typeName: policy.PolicyType, attributes });
  }
  return out;
}

function listenerOf(d: Declared, lbArn: string, links: Linker): ElbV2Listener | Unknown {
  const props = links.materialize(d.props) as Record<string, unknown>;
  const unknown = firstUnknown([
    props.Port,
    props.Protocol,
    props.SslPolicy,
    props.Certificates,
    props.DefaultActions,
    props.AlpnPolicy,
  ]);
  if (unknown) return new Unknown(`listener ${d.id}: ${unknown.reason}`);
  if (props.Port === undefined || props.Protocol === undefined)
    return new Unknown(`listener ${d.id}: Port or Protocol not set, and CloudFormation documents no default`);
  const protocol = String(props.Protocol).toUpperCase();
  if (ELBV2_TLS_PROTOCOLS.has(protocol) && props.SslPolicy === undefined)
    return new Unknown(`listener ${d.id}: SslPolicy not set; the policy ELB applies is chosen at deployment`);
  return elbv2Listener({ ...props, ListenerArn: listenerArnOf(d, lbArn), LoadBalancerArn: lbArn });
}

function listenerArnOf(d: Declared, lbArn: string): string {
  return `${lbArn.replace(':loadbalancer/', ':listener/')}/${d.id}`;
}

function certificatesOf(known: ElbV2Listener[], extra: Declared[], links: Linker): unknown {
  const out: Record<string, (ListenerCertificate | Unknown)[]> = {};
  for (const listener of known) {
    if (!ELBV2_TLS_PROTOCOLS.has(listener.protocol)) continue;
    out[listener.arn] = [...listener.certificates];
  }
  for (const d of extra) {
    const listenerArn = links.materialize(d.props.ListenerArn);
    const certs = links.materialize(d.props.Certificates);
    const target = typeof listenerArn === 'string' ? out[listenerArn] : undefined;
    if (!target) continue;
    for (const c of Array.isArray(certs) ? certs : [new Unknown(`Certificates of ${d.id}: not a list`)]) {
      const arn = isUnknown(c) ? c : asString((c as Record<string, unknown>).CertificateArn);
      target.push(isUnknown(arn) ? arn : { arn, isDefault: false });
    }
  }
  return out;
}

function rulesOf(known: ElbV2Listener[], declaredRules: Declared[], links: Linker): unknown {
  const out: Record<string, (ListenerRule | Unknown)[]> = {};
  for (const listener of known) if (listener.protocol === 'HTTP') out[listener.arn] = [];
  for (const d of declaredRules) {
    const props = links.materialize(d.props) as Record<string, unknown>;
    const listenerArn = props.ListenerArn;
    const target = typeof listenerArn === 'string' ? out[listenerArn] : undefined;
    if (!target) continue;
    const unknown = firstUnknown(props);
    target.push(
      unknown
        ? new Unknown(`listener rule ${d.id}: ${unknown.reason}`)
        : listenerRule({ ...props, RuleArn: `${listenerArn}/rule/${d.id}` }),
    );
  }
  return out;
}

function webAclOf(lbId: string, associations: Declared[], links: Linker): unknown {
  const mine = associations.find(
    (a) => links.target(a.props.ResourceArn, CFN.elbv2, ['LoadBalancerArn']) === lbId,
  );
  if (!mine)
    return new Unknown(
      'no AWS::WAFv2::WebACLAssociation in the code; one may be made outside it (another stack, Firewall Manager)',
    );
  const arn = asString(links.materialize(mine.props.WebACLArn));
  if (isUnknown(arn)) return arn;
  return { arn, name: arn.split('/').at(-2) ?? arn };
}
