// Links between the template's resources turned into the ids the models carry: a listener's
// load balancer ARN, a security group id, a certificate ARN. A link whose value is only known
// after deployment (a DNS name, a role ARN) is Unknown.

import { type ArnScope, syntheticArn } from '../record.js';
import { Unknown } from '../unknown.js';
import { ResourceLink } from './intrinsics.js';
import type { Template } from './template.js';

export const CFN = {
  elbv2: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  listener: 'AWS::ElasticLoadBalancingV2::Listener',
  listenerRule: 'AWS::ElasticLoadBalancingV2::ListenerRule',
  listenerCertificate: 'AWS::ElasticLoadBalancingV2::ListenerCertificate',
  targetGroup: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  classic: 'AWS::ElasticLoadBalancing::LoadBalancer',
  securityGroup: 'AWS::EC2::SecurityGroup',
  ingress: 'AWS::EC2::SecurityGroupIngress',
  webAclAssociation: 'AWS::WAFv2::WebACLAssociation',
  webAcl: 'AWS::WAFv2::WebACL',
  certificate: 'AWS::CertificateManager::Certificate',
  instance: 'AWS::EC2::Instance',
} as const;

export type ElbV2KindOf = (logicalId: string) => 'application' | 'network' | 'gateway' | undefined;

export interface Linker {
  /** The logical id a link names, when it is a Ref (or the id-giving GetAtt) of that resource type. */
  target(value: unknown, type: string, idAttributes?: readonly string[]): string | undefined;
  /** The value with every link replaced by the id the model carries, or Unknown. */
  materialize(value: unknown): unknown;
}

export function linker(
  template: Template,
  scope: ArnScope,
  kindOf: ElbV2KindOf,
  listenerParent: (listenerId: string) => string | undefined,
): Linker {
  const target = (value: unknown, type: string, idAttributes: readonly string[] = []) => {
    if (!(value instanceof ResourceLink)) return undefined;
    if (template.resources.get(value.logicalId)?.type !== type) return undefined;
    if (value.attribute !== undefined && !idAttributes.includes(value.attribute)) return undefined;
    return value.logicalId;
  };
  const idOf = (link: ResourceLink): string | Unknown => {
    const type = template.resources.get(link.logicalId)?.type;
    const id = link.logicalId;
    const is = (t: string, attrs: readonly string[] = []) => target(link, t, attrs) !== undefined;
    if (is(CFN.elbv2, ['LoadBalancerArn'])) {
      const kind = kindOf(id);
      if (kind) return syntheticArn.loadBalancer(scope, kind, id);
    }
    if (is(CFN.listener, ['ListenerArn'])) {
      const parent = listenerParent(id);
      const kind = parent ? kindOf(parent) : undefined;
      if (parent && kind) return syntheticArn.listener(scope, kind, parent, id);
    }
    if (is(CFN.targetGroup, ['TargetGroupArn'])) return syntheticArn.targetGroup(scope, id);
    if (is(CFN.securityGroup, ['GroupId'])) return id;
    if (is(CFN.certificate)) return syntheticArn.certificate(scope, id);
    if (is(CFN.webAcl, ['Arn'])) return syntheticArn.webAcl(scope, id);
    if (is(CFN.instance)) return id;
    return new Unknown(`${link} (${type}): known after deployment`);
  };
  const materialize = (value: unknown): unknown => {
    if (value instanceof ResourceLink) return idOf(value);
    if (Array.isArray(value)) return value.map(materialize);
    if (value && typeof value === 'object' && !(value instanceof Unknown))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v)]));
    return value;
  };
  return { target, materialize };
}
