// Links lb-sg-world-ingress and lb-target-sg-restricted to the document that revokes world-open
// ingress while keeping what internet-facing load balancers need.

import type { PermissionStatement, RemediationLink } from '../../engine/rule.js';
import { documentBeside } from '../document-file.js';
import { DRY_RUN } from '../parameters.js';
import { ARN, describeOnly, UNLESS_EXEMPT } from '../permissions.js';

const PERMISSIONS: readonly PermissionStatement[] = [
  describeOnly([
    'ec2:DescribeInstances',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSecurityGroupRules',
    'ec2:DescribeSecurityGroups',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTags',
    'elasticloadbalancing:DescribeTargetGroupAttributes',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
  ]),
  {
    actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
    resources: [ARN.securityGroup, ARN.securityGroupRule],
    conditions: UNLESS_EXEMPT,
  },
];

/** What counts as world: match the rules' worldPrefixListIds and allowWorldIcmp parameters. */
const WORLD_DEFINITION = {
  WorldPrefixListIds: {
    default: 'none',
    description:
      'Comma-separated prefix lists to treat as world, * for all, or none (the rule’s worldPrefixListIds).',
  },
  KeepWorldIcmp: {
    default: 'false',
    description: 'true: keep ICMP from the world (the rule’s allowWorldIcmp).',
  },
};

const DOCUMENT = {
  kind: 'document' as const,
  file: documentBeside(import.meta.url),
  documentName: 'ElbConfigRules-RevokeWorldIngress',
  description:
    'Revokes 0.0.0.0/0 and ::/0 ingress, keeping (and narrowing to) the ports internet-facing load balancers need.',
  resourceIdParameter: 'ResourceId',
  permissions: PERMISSIONS,
  staticValuesFor: worldDefinitionOf,
};

/** The rule's worldPrefixListIds and allowWorldIcmp, as the document's parameters spell them. */
function worldDefinitionOf(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(params.worldPrefixListIds)) {
    out.WorldPrefixListIds = params.worldPrefixListIds.length ? params.worldPrefixListIds.join(',') : 'none';
  }
  if (typeof params.allowWorldIcmp === 'boolean') out.KeepWorldIcmp = String(params.allowWorldIcmp);
  return out;
}

/** The document fixing the groups named by GroupsOf (the document's values: load-balancer, targets). */
function revokingGroupsOf(groupsOf: string, description: string) {
  return {
    ...DOCUMENT,
    staticParameters: { GroupsOf: { default: groupsOf, description }, ...WORLD_DEFINITION, DryRun: DRY_RUN },
  } satisfies RemediationLink;
}

/** For lb-sg-world-ingress: the groups attached to the non-compliant load balancer. */
export const revokeWorldIngress = revokingGroupsOf(
  'load-balancer',
  'Fix the groups attached to the load balancer.',
);

/** For lb-target-sg-restricted: the groups of the load balancer's registered targets. */
export const revokeTargetsWorldIngress = revokingGroupsOf(
  'targets',
  "Fix the groups of the load balancer's targets.",
);
