// Terraform resources of a plan into the models, as the CloudFormation mapping does for templates.
import {
  CLASSIC_LOAD_BALANCER,
  type ClassicListener,
  type ClassicPolicy,
  ELBV2_LOAD_BALANCER,
  ELBV2_TLS_PROTOCOLS,
  type ElbV2Kind,
  type ElbV2Listener,
  type ListenerAction,
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
import { securityGroup } from '../../normalize/security-group.js';
import { isObject, type Json } from '../../shape.js';
import { ELBV2_ATTRIBUTE_DEFAULTS, withLogsOffBlanks } from '../defaults.js';
import {
  type ArnScope,
  attributeRecord,
  type CodeRecord,
  emptyRecord,
  firstUnknown,
  securityGroupsFacet,
  setFacet,
  syntheticArn,
} from '../record.js';
import { isUnknown, Unknown, withUnknownFields } from '../unknown.js';

export interface PlannedResource {
  address: string;
  type: string;
  values: Json;
  /** Attribute path → addresses its configuration expression refers to. */
  references?: Record<string, string[]>;
}

const LB_TYPES = ['aws_lb', 'aws_alb'];
const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];
const ELBV2_KINDS: readonly ElbV2Kind[] = ['application', 'network', 'gateway'];

export function terraformModels(resources: PlannedResource[], file: string, scope: ArnScope): CodeRecord[] {
  const ofType = (...types: string[]) => resources.filter((r) => types.includes(r.type));
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  /** The resource of one of `types` an attribute points to: by a known ARN or id, else by reference. */
  const linked = (
    r: PlannedResource,
    attribute: string,
    types: readonly string[],
  ): PlannedResource | undefined => {
    const value = r.values[attribute];
    if (typeof value === 'string')
      return resources.find(
        (o) => types.includes(o.type) && (o.values.arn === value || o.values.id === value),
      );
    for (const ref of r.references?.[attribute] ?? []) {
      const target = byAddress.get(ref) ?? byAddress.get(ref.replace(/\.[a-z_]+$/, ''));
      if (target && types.includes(target.type)) return target;
      const indexed = resources.find(
        (o) => types.includes(o.type) && o.address.replace(/\[[^\]]*\]$/, '') === ref,
      );
      if (indexed) return indexed;
    }
    return undefined;
  };
  const where = (r: PlannedResource) => ({ id: r.address, file });
  const groups = securityGroupsOf(ofType('aws_security_group'), resources, linked);

  const records: CodeRecord[] = [];
  for (const lb of ofType(...LB_TYPES)) {
    const record = emptyRecord(ELBV2_LOAD_BALANCER, where(lb));
    records.push(record);
    const type = lb.values.load_balancer_type;
    // The provider's default: "load_balancer_type - (Optional) … Defaults to application."
    const kind = type === undefined || type === null ? 'application' : ELBV2_KINDS.find((k) => k === type);
    if (!kind) {
      record.unjudgeable = `load_balancer_type of ${lb.address}: ${isUnknown(type) ? type.reason : `not application, network or gateway (${String(type)})`}`;
      continue;
    }
    const arn =
      typeof lb.values.arn === 'string' ? lb.values.arn : syntheticArn.loadBalancer(scope, kind, lb.address);
    const groupIds = lbGroupIds(lb, kind, linked, groupIdOf);
    const unknownFields: Record<string, string> = {};
    const known: Record<string, unknown> = {
      kind,
      resourceType: ELBV2_LOAD_BALANCER,
      resourceId: arn,
      arn,
      accountId: scope.accountId,
      region: scope.region,
      name: typeof lb.values.name === 'string' ? lb.values.name : `${lb.address} (name set at apply)`,
    };
    schemeOf(lb, known, unknownFields);
    if (isUnknown(groupIds))
      unknownFields.securityGroupIds = `security_groups of ${lb.address}: ${groupIds.reason}`;
    else known.securityGroupIds = groupIds;
    record.loadBalancer = withUnknownFields(known, unknownFields) as unknown as LoadBalancer;
    setFacet(record, securityGroups.key, securityGroupsFacet(groupIds, groups, 'the plan'));
    setFacet(record, tags.key, tagsOf(lb));
    setFacet(record, attributes.key, elbv2Attributes(lb, kind));
    const own = ofType(...LISTENER_TYPES).filter((l) => linked(l, 'load_balancer_arn', LB_TYPES) === lb);
    // A listener whose load balancer cannot be told may be this one's.
    const stray = ofType(...LISTENER_TYPES).find(
      (l) => isUnknown(l.values.load_balancer_arn) && !linked(l, 'load_balancer_arn', LB_TYPES),
    );
    if (stray) {
      setFacet(
        record,
        listeners.key,
        new Unknown(`load_balancer_arn of ${stray.address} is known only after apply`),
      );
      setFacet(
        record,
        webAcl.key,
        kind === 'application' ? webAclOf(lb, ofType('aws_wafv2_web_acl_association'), linked, scope) : null,
      );
      continue;
    }
    const built = own.map((l) => ({ l, listener: listenerOf(l, arn, scope) }));
    const failedListener = built.find(({ listener }) => isUnknown(listener));
    const known2 = built.flatMap(({ listener }) => (isUnknown(listener) ? [] : [listener]));
    for (const { l, listener } of built) if (!isUnknown(listener)) record.children[listener.arn] = where(l);
    setFacet(record, listeners.key, failedListener ? failedListener.listener : known2);
    if (!failedListener) {
      const arnOf = new Map(built.map(({ l, listener }) => [l, listener as ElbV2Listener]));
      const certificates: Record<string, (ListenerCertificate | Unknown)[]> = {};
      for (const listener of known2)
        if (ELBV2_TLS_PROTOCOLS.has(listener.protocol))
          certificates[listener.arn] = [...listener.certificates];
      for (const c of ofType('aws_lb_listener_certificate', 'aws_alb_listener_certificate')) {
        const parent = linked(c, 'listener_arn', LISTENER_TYPES);
        const listener = parent && arnOf.get(parent);
        if (!listener || !certificates[listener.arn]) continue;
        const certArn = c.values.certificate_arn;
        certificates[listener.arn]!.push(
          typeof certArn === 'string'
            ? { arn: certArn, isDefault: false }
            : new Unknown(`certificate_arn of ${c.address}: known after apply`),
        );
      }
      setFacet(record, listenerCertificates.key, certificates);
      const rules: Record<string, (ListenerRule | Unknown)[]> = {};
      if (kind === 'application') {
        for (const listener of known2) if (listener.protocol === 'HTTP') rules[listener.arn] = [];
        for (const rule of ofType('aws_lb_listener_rule', 'aws_alb_listener_rule')) {
          const parent = linked(rule, 'listener_arn', LISTENER_TYPES);
          const listener = parent && arnOf.get(parent);
          if (listener && rules[listener.arn])
            rules[listener.arn]!.push(listenerRuleOf(rule, listener.arn, scope));
        }
      }
      setFacet(record, listenerRules.key, rules);
    }
    setFacet(
      record,
      webAcl.key,
      kind === 'application' ? webAclOf(lb, ofType('aws_wafv2_web_acl_association'), linked, scope) : null,
    );
  }
  for (const elb of ofType('aws_elb'))
    records.push(classicRecord(elb, where(elb), scope, groups, linked, groupIdOf, resources));
  return records;
}

type Linked = (
  r: PlannedResource,
  attribute: string,
  types: readonly string[],
) => PlannedResource | undefined;

function schemeOf(r: PlannedResource, known: Record<string, unknown>, unknown: Record<string, string>): void {
  const internal = r.values.internal;
  if (typeof internal === 'boolean') known.scheme = internal ? 'internal' : 'internet-facing';
  else
    unknown.scheme = `internal of ${r.address}: ${isUnknown(internal) ? internal.reason : 'not in the plan'}`;
}

/** The load balancer's security groups: each as the plan declares it, unknown where it does not. */
function lbGroupIds(
  lb: PlannedResource,
  kind: ElbV2Kind | 'classic',
  linked: Linked,
  groupIdOf: (r: PlannedResource) => string,
): string[] | Unknown {
  const raw = lb.values.security_groups;
  if (Array.isArray(raw) && raw.every((id) => typeof id === 'string')) {
    if (raw.length === 0 && (kind === 'application' || kind === 'classic'))
      return new Unknown("none given: the VPC's default security group is attached at apply");
    return raw as string[];
  }
  if (!isUnknown(raw) && raw !== undefined && !Array.isArray(raw))
    return new Unknown('expected a list of ids');
  // Ids known only after apply: the groups the configuration refers to.
  const refs = (lb.references?.security_groups ?? []).filter((ref) =>
    /(^|\.)aws_security_group\.[^.]+$/.test(ref),
  );
  if (refs.length === 0 || (Array.isArray(raw) && raw.length !== refs.length))
    return firstUnknown(raw) ?? new Unknown('known after apply');
  const ids: string[] = [];
  for (const ref of refs) {
    const group = linked({ ...lb, values: {}, references: { sg: [ref] } }, 'sg', ['aws_security_group']);
    if (!group) return new Unknown(`${ref} is not in the plan`);
    ids.push(groupIdOf(group));
  }
  return ids;
}

function tagsOf(r: PlannedResource): unknown {
  const raw = r.values.tags_all ?? r.values.tags;
  if (raw === null || raw === undefined) return {};
  if (isUnknown(raw) || !isObject(raw)) return isUnknown(raw) ? raw : new Unknown('tags: expected a map');
  return raw;
}

function flag(value: unknown): string | Unknown {
  if (isUnknown(value)) return value;
  return typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string'
    ? String(value)
    : new Unknown('not in the plan');
}

function elbv2Attributes(lb: PlannedResource, kind: ElbV2Kind): unknown {
  const v = lb.values;
  const out: Record<string, unknown> = { ...ELBV2_ATTRIBUTE_DEFAULTS[kind] };
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) out[key] = flag(value);
  };
  set('deletion_protection.enabled', v.enable_deletion_protection);
  const logs = Array.isArray(v.access_logs) ? v.access_logs[0] : v.access_logs;
  if (isUnknown(logs)) out['access_logs.s3.enabled'] = logs;
  else if (isObject(logs)) {
    set('access_logs.s3.enabled', logs.enabled);
    set('access_logs.s3.bucket', logs.bucket);
    set('access_logs.s3.prefix', logs.prefix);
  }
  if (kind === 'application') {
    set('routing.http.drop_invalid_header_fields.enabled', v.drop_invalid_header_fields);
    set('routing.http.desync_mitigation_mode', v.desync_mitigation_mode);
  } else set('load_balancing.cross_zone.enabled', v.enable_cross_zone_load_balancing);
  return attributeRecord(withLogsOffBlanks(out), `attributes of ${lb.address}`);
}

function actionOf(raw: unknown): ListenerAction | Unknown {
  if (isUnknown(raw)) return raw;
  if (!isObject(raw)) return new Unknown('an action block that is not an object');
  // order is computed when not set: the actions keep the order they are written in.
  const { order: _order, ...rest } = raw as Json;
  const unknown = firstUnknown(rest);
  if (unknown) return unknown;
  const a = raw as Json;
  const first = (x: unknown) => (Array.isArray(x) ? (x[0] as Json | undefined) : undefined);
  const forward = first(a.forward);
  const groups = new Set<string>();
  if (typeof a.target_group_arn === 'string' && a.target_group_arn) groups.add(a.target_group_arn);
  for (const g of Array.isArray(forward?.target_group) ? forward.target_group : []) {
    const arn = (g as Json).arn;
    if (typeof arn === 'string') groups.add(arn);
  }
  const redirect = first(a.redirect);
  const fixed = first(a.fixed_response);
  const s = (x: unknown) => (x === undefined || x === null || x === '' ? undefined : String(x));
  return {
    type: String(a.type ?? '')
      .toLowerCase()
      .replace(/_/g, '-'),
    order: typeof a.order === 'number' ? a.order : undefined,
    targetGroupArns: [...groups],
    redirect: redirect && {
      protocol: s(redirect.protocol),
      port: s(redirect.port),
      host: s(redirect.host),
      path: s(redirect.path),
      query: s(redirect.query),
      statusCode: s(redirect.status_code),
    },
    fixedResponse: fixed && {
      statusCode: s(fixed.status_code),
      contentType: s(fixed.content_type),
      messageBody: s(fixed.message_body),
    },
  };
}

function listenerOf(l: PlannedResource, lbArn: string, scope: ArnScope): ElbV2Listener | Unknown {
  const v = l.values;
  const unknown = firstUnknown([v.port, v.protocol, v.alpn_policy]);
  if (unknown) return new Unknown(`listener ${l.address}: ${unknown.reason}`);
  if (typeof v.port !== 'number' || typeof v.protocol !== 'string')
    return new Unknown(`listener ${l.address}: port or protocol not in the plan`);
  const protocol = v.protocol.toUpperCase();
  const tls = ELBV2_TLS_PROTOCOLS.has(protocol);
  // ssl_policy and certificate_arn are computed: "known after apply" on an HTTP or TCP listener means nothing.
  if (tls) {
    const tlsUnknown = firstUnknown([v.ssl_policy, v.certificate_arn]);
    if (tlsUnknown) return new Unknown(`listener ${l.address}: ${tlsUnknown.reason}`);
    if (typeof v.ssl_policy !== 'string' || v.ssl_policy === '')
      return new Unknown(
        `listener ${l.address}: ssl_policy not set; the policy ELB applies is chosen at apply`,
      );
  }
  const actions = actionsOf(l, 'default_action', scope);
  const failedAction = actions.find(isUnknown);
  if (failedAction) return new Unknown(`listener ${l.address}: ${failedAction.reason}`);
  return {
    arn: typeof v.arn === 'string' ? v.arn : `${lbArn.replace(':loadbalancer/', ':listener/')}/${l.address}`,
    loadBalancerArn: lbArn,
    port: v.port,
    protocol,
    sslPolicy: tls && typeof v.ssl_policy === 'string' && v.ssl_policy ? v.ssl_policy : undefined,
    certificates:
      tls && typeof v.certificate_arn === 'string' && v.certificate_arn
        ? [{ arn: v.certificate_arn, isDefault: true }]
        : [],
    alpnPolicy: typeof v.alpn_policy === 'string' && v.alpn_policy ? [v.alpn_policy] : [],
    defaultActions: actions as ListenerAction[],
  };
}

/** The actions of a listener or rule; a target group created in the same plan is named by its reference. */
function actionsOf(r: PlannedResource, field: string, scope: ArnScope): (ListenerAction | Unknown)[] {
  const groupRefs = (r.references?.[`${field}.target_group_arn`] ?? []).filter((ref) =>
    /(^|\.)aws_(lb|alb)_target_group\.[^.]+$/.test(ref),
  );
  const raw = Array.isArray(r.values[field]) ? (r.values[field] as unknown[]) : [];
  return raw.map((a) => {
    const action = a as Json;
    // Its ARN is known after apply; with one action and one target group referred to, that is the one.
    if (isObject(action) && isUnknown(action.target_group_arn) && raw.length === 1 && groupRefs.length === 1)
      return actionOf({ ...action, target_group_arn: syntheticArn.targetGroup(scope, groupRefs[0]!) });
    return actionOf(action);
  });
}

function listenerRuleOf(r: PlannedResource, listenerArn: string, scope: ArnScope): ListenerRule | Unknown {
  const v = r.values;
  const actions = actionsOf(r, 'action', scope);
  const unknown = firstUnknown([v.priority, v.condition]) ?? actions.find(isUnknown);
  if (unknown) return new Unknown(`listener rule ${r.address}: ${unknown.reason}`);
  if (isUnknown(v.action)) return new Unknown(`listener rule ${r.address}: ${v.action.reason}`);
  const malformed = (Array.isArray(v.condition) ? v.condition : []).some(
    (c) =>
      !isObject(c) || Object.values(c).some((b) => b !== null && (!Array.isArray(b) || !b.every(isObject))),
  );
  if (malformed) return new Unknown(`listener rule ${r.address}: a condition block that is not an object`);
  const conditions = (Array.isArray(v.condition) ? v.condition : []).flatMap((c) =>
    Object.entries(c as Json).flatMap(([field, blocks]) =>
      Array.isArray(blocks) && blocks.length
        ? [
            `${field.replace(/_/g, '-')}=${blocks.flatMap((b) => (Array.isArray((b as Json).values) ? ((b as Json).values as unknown[]) : [])).join(',')}`,
          ]
        : [],
    ),
  );
  return {
    arn: typeof v.arn === 'string' ? v.arn : `${listenerArn}/rule/${r.address}`,
    priority: String(v.priority ?? ''),
    isDefault: false,
    conditions,
    actions: actions as ListenerAction[],
  };
}

function webAclOf(
  lb: PlannedResource,
  associations: PlannedResource[],
  linked: Linked,
  scope: ArnScope,
): unknown {
  const mine = associations.find((a) => linked(a, 'resource_arn', LB_TYPES) === lb);
  if (!mine)
    return new Unknown(
      'no aws_wafv2_web_acl_association in the plan; one may be made outside it (another configuration, Firewall Manager)',
    );
  const arn = mine.values.web_acl_arn;
  if (typeof arn === 'string') return { arn, name: arn.split('/').at(-2) ?? arn };
  const acl = linked(mine, 'web_acl_arn', ['aws_wafv2_web_acl']);
  if (acl && typeof acl.values.name === 'string')
    return { arn: syntheticArn.webAcl(scope, acl.address), name: acl.values.name };
  return new Unknown(`web_acl_arn of ${mine.address}: known after apply`);
}

/** A security group's id: its own when the plan knows it, else its address. */
function groupIdOf(r: PlannedResource): string {
  return typeof r.values.id === 'string' && r.values.id ? r.values.id : r.address;
}

function securityGroupsOf(declared: PlannedResource[], all: PlannedResource[], linked: Linked) {
  const out = new Map<string, SecurityGroup | Unknown>();
  for (const g of declared) {
    const id = groupIdOf(g);
    const inline = g.values.ingress;
    const rules: unknown[] = [];
    if (isUnknown(inline) || (inline !== undefined && inline !== null && !Array.isArray(inline))) {
      out.set(
        id,
        new Unknown(`ingress of ${g.address}: ${isUnknown(inline) ? inline.reason : 'not a list'}`),
      );
      continue;
    }
    for (const rule of Array.isArray(inline) ? inline : []) rules.push(permissionOf(rule as Json, id));
    for (const r of all) {
      if (
        r.type === 'aws_security_group_rule' &&
        r.values.type !== 'egress' &&
        linked(r, 'security_group_id', ['aws_security_group']) === g
      )
        // A rule whose direction is not known may be ingress.
        rules.push(
          r.values.type === 'ingress'
            ? permissionOf(r.values, id)
            : new Unknown(
                `type of ${r.address}: ${isUnknown(r.values.type) ? r.values.type.reason : 'neither ingress nor egress'}`,
              ),
        );
      if (
        r.type === 'aws_vpc_security_group_ingress_rule' &&
        linked(r, 'security_group_id', ['aws_security_group']) === g
      )
        rules.push(vpcRuleOf(r.values));
    }
    const unknown = firstUnknown(rules);
    if (unknown) {
      out.set(id, new Unknown(`ingress of ${g.address}: ${unknown.reason}`));
      continue;
    }
    const group = securityGroup({ GroupId: id, GroupName: g.values.name, IpPermissions: rules });
    const egress = Array.isArray(g.values.egress)
      ? g.values.egress.map((e) => permissionOf(e as Json, id))
      : new Unknown('known after apply');
    const unknownEgress = firstUnknown(egress);
    out.set(
      id,
      unknownEgress
        ? withUnknownFields(group, { egress: `egress of ${g.address}: ${unknownEgress.reason}` })
        : { ...group, egress: securityGroup({ GroupId: id, IpPermissions: egress }).ingress },
    );
  }
  return out;
}

/** A rule's protocol as the EC2 API spells it; one the plan does not hold is unknown, not "any". */
function protocolIn(v: Json, field: string) {
  const protocol = v[field];
  if (isUnknown(protocol)) return protocol;
  return protocol == null ? new Unknown(`${field} not in the plan`) : String(protocol);
}

/** An ingress block or aws_security_group_rule in the EC2 API's shape. */
function permissionOf(v: Json, selfId: string) {
  if (!isObject(v)) return new Unknown('a rule block that is not an object');
  const list = (x: unknown) => (isUnknown(x) ? [x] : Array.isArray(x) ? x : []);
  // source_security_group_id is computed, so unknown in a plan even where it cannot be set: the
  // provider refuses it beside cidr_blocks, ipv6_cidr_blocks or self.
  const cannotHaveSource =
    isUnknown(v.source_security_group_id) &&
    (v.self === true || [v.cidr_blocks, v.ipv6_cidr_blocks].some((c) => Array.isArray(c) && c.length > 0));
  const groups = [
    ...list(v.security_groups),
    ...(v.source_security_group_id && !cannotHaveSource ? [v.source_security_group_id] : []),
  ];
  if (v.self === true) groups.push(selfId);
  return {
    IpProtocol: protocolIn(v, 'protocol'),
    FromPort: v.from_port,
    ToPort: v.to_port,
    IpRanges: list(v.cidr_blocks).map((c) => (isUnknown(c) ? c : { CidrIp: c, Description: v.description })),
    Ipv6Ranges: list(v.ipv6_cidr_blocks).map((c) =>
      isUnknown(c) ? c : { CidrIpv6: c, Description: v.description },
    ),
    PrefixListIds: list(v.prefix_list_ids),
    UserIdGroupPairs: groups.map((g) => (isUnknown(g) ? g : { GroupId: g })),
  };
}

function vpcRuleOf(v: Json) {
  return {
    IpProtocol: protocolIn(v, 'ip_protocol'),
    FromPort: v.from_port ?? undefined,
    ToPort: v.to_port ?? undefined,
    IpRanges: v.cidr_ipv4 ? [{ CidrIp: v.cidr_ipv4, Description: v.description }] : [],
    Ipv6Ranges: v.cidr_ipv6 ? [{ CidrIpv6: v.cidr_ipv6, Description: v.description }] : [],
    PrefixListIds: v.prefix_list_id ? [v.prefix_list_id] : [],
    UserIdGroupPairs: v.referenced_security_group_id ? [{ GroupId: v.referenced_security_group_id }] : [],
  };
}

function classicRecord(
  elb: PlannedResource,
  location: { id: string; file: string },
  scope: ArnScope,
  groups: Map<string, SecurityGroup | Unknown>,
  linked: Linked,
  groupIdOf: (r: PlannedResource) => string,
  resources: PlannedResource[],
): CodeRecord {
  const record = emptyRecord(CLASSIC_LOAD_BALANCER, location);
  const policies = classicPoliciesOf(elb, resources, linked);
  const v = elb.values;
  const name = typeof v.name === 'string' ? v.name : `${elb.address} (name set at apply)`;
  const known: Record<string, unknown> = {
    kind: 'classic',
    resourceType: CLASSIC_LOAD_BALANCER,
    resourceId: name,
    name,
    accountId: scope.accountId,
    region: scope.region,
  };
  const unknownFields: Record<string, string> = {};
  schemeOf(elb, known, unknownFields);
  const groupIds = lbGroupIds(elb, 'classic', linked, groupIdOf);
  if (isUnknown(groupIds))
    unknownFields.securityGroupIds = `security_groups of ${elb.address}: ${groupIds.reason}`;
  else known.securityGroupIds = groupIds;
  const listenerList = Array.isArray(v.listener) ? v.listener : [];
  const unknownListener =
    firstUnknown(v.listener) ??
    (listenerList.every(isObject) ? undefined : new Unknown('a listener block that is not an object'));
  if (unknownListener) unknownFields.listeners = `listener of ${elb.address}: ${unknownListener.reason}`;
  else
    known.listeners = listenerList.map((l): ClassicListener => {
      const x = l as Json;
      const port = Number(x.lb_port);
      return {
        protocol: String(x.lb_protocol).toUpperCase(),
        port,
        instanceProtocol: String(x.instance_protocol).toUpperCase(),
        instancePort: Number(x.instance_port),
        sslCertificateId:
          typeof x.ssl_certificate_id === 'string' && x.ssl_certificate_id ? x.ssl_certificate_id : undefined,
        // Set by separate resources; when they are unknown, so is the classicPolicies facet, which every reader of these names needs.
        policyNames: isUnknown(policies) ? [] : (policies.namesByPort.get(port) ?? []),
      };
    });
  if (Array.isArray(v.instances) && v.instances.every((i) => typeof i === 'string'))
    known.instanceIds = v.instances;
  else unknownFields.instanceIds = `instances of ${elb.address}: known after apply`;
  const health = Array.isArray(v.health_check) ? (v.health_check[0] as Json | undefined) : undefined;
  if (typeof health?.target === 'string') known.healthCheckTarget = health.target;
  record.loadBalancer = withUnknownFields(known, unknownFields) as unknown as LoadBalancer;
  setFacet(record, securityGroups.key, securityGroupsFacet(groupIds, groups, 'the plan'));
  setFacet(record, tags.key, tagsOf(elb));
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) out[key] = flag(value);
  };
  const logs = Array.isArray(v.access_logs) ? (v.access_logs[0] as Json | undefined) : undefined;
  if (isUnknown(v.access_logs)) out['accessLog.enabled'] = v.access_logs;
  else if (logs) {
    set('accessLog.enabled', logs.enabled);
    set('accessLog.s3BucketName', logs.bucket);
    set('accessLog.s3BucketPrefix', logs.bucket_prefix);
    set('accessLog.emitInterval', logs.interval);
  }
  set('connectionDraining.enabled', v.connection_draining);
  set('connectionDraining.timeout', v.connection_draining_timeout);
  set('crossZoneLoadBalancing.enabled', v.cross_zone_load_balancing);
  set('connectionSettings.idleTimeout', v.idle_timeout);
  set('elb.http.desyncmitigationmode', v.desync_mitigation_mode);
  setFacet(record, attributes.key, attributeRecord(out, `attributes of ${elb.address}`));
  setFacet(record, classicPolicies.key, isUnknown(policies) ? policies : policies.policies);
  setFacet(record, listeners.key, []);
  setFacet(record, listenerCertificates.key, {});
  setFacet(record, listenerRules.key, {});
  setFacet(record, webAcl.key, null);
  return record;
}

const CLASSIC_POLICY_TYPES = [
  'aws_load_balancer_policy',
  'aws_load_balancer_listener_policy',
  'aws_lb_ssl_negotiation_policy',
] as const;
/** The attribute of each policy resource that names its Classic load balancer. */
const OWNER_ATTRIBUTE: Record<(typeof CLASSIC_POLICY_TYPES)[number], string> = {
  aws_load_balancer_policy: 'load_balancer_name',
  aws_load_balancer_listener_policy: 'load_balancer_name',
  aws_lb_ssl_negotiation_policy: 'load_balancer',
};

/** The Classic load balancer a policy resource names: by a known name, else by reference. */
function ownerOf(r: PlannedResource, linked: Linked, all: PlannedResource[]): PlannedResource | undefined {
  const attribute = OWNER_ATTRIBUTE[r.type as keyof typeof OWNER_ATTRIBUTE];
  const value = r.values[attribute];
  if (typeof value === 'string')
    return all.find((o) => o.type === 'aws_elb' && (o.values.name === value || o.values.id === value));
  return linked(r, attribute, ['aws_elb']);
}

function policyAttributes(raw: unknown, what: string): Record<string, string> | Unknown {
  if (raw === undefined || raw === null) return {};
  if (!Array.isArray(raw)) return isUnknown(raw) ? raw : new Unknown(`${what}: expected a list`);
  const unknown = firstUnknown(raw);
  if (unknown) return new Unknown(`${what}: ${unknown.reason}`);
  const out: Record<string, string> = {};
  for (const a of raw) {
    const { name, value } = a as Json;
    if (typeof name !== 'string' || value === undefined || value === null)
      return new Unknown(`${what}: an attribute without a name or value`);
    out[name] = String(value);
  }
  return out;
}

/**
 * A Classic load balancer's policies and the policies each listener port uses, as the plan's
 * aws_load_balancer_policy, aws_load_balancer_listener_policy and aws_lb_ssl_negotiation_policy
 * (one SSLNegotiationPolicyType policy set on its port) declare them. Unknown when any of them
 * is, when one names a load balancer the plan cannot tell, or when two set the same port.
 */
function classicPoliciesOf(
  elb: PlannedResource,
  all: PlannedResource[],
  linked: Linked,
): { policies: ClassicPolicy[]; namesByPort: Map<number, string[]> } | Unknown {
  const policies: ClassicPolicy[] = [];
  const namesByPort = new Map<number, string[]>();
  const setPort = (r: PlannedResource, port: unknown, names: unknown): Unknown | undefined => {
    if (isUnknown(port) || typeof port !== 'number')
      return new Unknown(`port of ${r.address}: ${isUnknown(port) ? port.reason : 'not in the plan'}`);
    const unknown = firstUnknown(names);
    if (unknown || !Array.isArray(names) || !names.every((n) => typeof n === 'string'))
      return new Unknown(`policies of ${r.address}: ${unknown?.reason ?? 'not a list of names'}`);
    if (namesByPort.has(port))
      return new Unknown(`two resources set the policies of port ${port}; which one applies last is unknown`);
    namesByPort.set(port, names as string[]);
    return undefined;
  };
  for (const r of all.filter((o) => (CLASSIC_POLICY_TYPES as readonly string[]).includes(o.type))) {
    const owner = ownerOf(r, linked, all);
    if (!owner) {
      const named = r.values[OWNER_ATTRIBUTE[r.type as keyof typeof OWNER_ATTRIBUTE]];
      // A known name of a load balancer outside the plan is not this one's, unless its own name is set at apply.
      if (typeof named === 'string' && typeof elb.values.name === 'string') continue;
      return new Unknown(
        typeof named === 'string'
          ? `${r.address} names ${named}, which may be ${elb.address} (its name is set at apply)`
          : `the load balancer of ${r.address} is known only after apply`,
      );
    }
    if (owner !== elb) continue;
    const v = r.values;
    if (r.type === 'aws_load_balancer_listener_policy') {
      const failed = setPort(r, v.load_balancer_port, v.policy_names ?? []);
      if (failed) return failed;
      continue;
    }
    const ssl = r.type === 'aws_lb_ssl_negotiation_policy';
    const name = ssl ? v.name : v.policy_name;
    const typeName = ssl ? 'SSLNegotiationPolicyType' : v.policy_type_name;
    const attributes = policyAttributes(ssl ? v.attribute : v.policy_attribute, `attributes of ${r.address}`);
    const unknown = firstUnknown([name, typeName]) ?? (isUnknown(attributes) ? attributes : undefined);
    if (unknown) return new Unknown(`${r.address}: ${unknown.reason}`);
    if (typeof name !== 'string' || typeof typeName !== 'string')
      return new Unknown(`${r.address}: name or type not in the plan`);
    policies.push({ name, typeName, attributes: attributes as Record<string, string> });
    if (ssl) {
      const failed = setPort(r, v.lb_port, [name]);
      if (failed) return failed;
    }
  }
  return { policies, namesByPort };
}
