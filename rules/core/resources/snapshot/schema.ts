// Validation of snapshot files, so a malformed file is refused with the path of the bad field.
import { z } from 'zod';
import type {
  ClassicListener,
  ClassicPolicy,
  ElbV2Listener,
  ListenerAction,
  ListenerRule,
  LoadBalancer,
  SecurityGroup,
  SecurityGroupPermission,
} from '../../model/model.js';
import type { TargetSecurityGroups } from '../facets/target-security-groups.js';
import type { WebAclRef } from '../facets/web-acl.js';
import type { TargetGroup } from '../normalize/targets.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotFile } from './format.js';
import { certificateSchema, tlsPoliciesSchema } from './tls-schema.js';

const common = {
  accountId: z.string().min(1),
  region: z.string().min(1),
  name: z.string().min(1),
  scheme: z.enum(['internet-facing', 'internal']),
  vpcId: z.string().optional(),
  securityGroupIds: z.array(z.string()),
  dnsName: z.string().optional(),
};

const classicListener: z.ZodType<ClassicListener> = z.object({
  protocol: z.string().min(1),
  port: z.number().int(),
  instanceProtocol: z.string(),
  instancePort: z.number().int(),
  sslCertificateId: z.string().optional(),
  policyNames: z.array(z.string()),
});

const loadBalancer: z.ZodType<LoadBalancer> = z.union([
  z.object({
    ...common,
    kind: z.enum(['application', 'network', 'gateway']),
    resourceType: z.literal('AWS::ElasticLoadBalancingV2::LoadBalancer'),
    resourceId: z.string().startsWith('arn:'),
    arn: z.string().startsWith('arn:'),
    ipAddressType: z.string().optional(),
    state: z.string().optional(),
  }),
  z.object({
    ...common,
    kind: z.literal('classic'),
    resourceType: z.literal('AWS::ElasticLoadBalancing::LoadBalancer'),
    resourceId: z.string().min(1),
    listeners: z.array(classicListener),
    instanceIds: z.array(z.string()),
    healthCheckTarget: z.string().optional(),
  }),
]);

const action: z.ZodType<ListenerAction> = z.object({
  type: z.string(),
  order: z.number().optional(),
  targetGroupArns: z.array(z.string()),
  redirect: z
    .object({
      protocol: z.string().optional(),
      port: z.string().optional(),
      host: z.string().optional(),
      path: z.string().optional(),
      query: z.string().optional(),
      statusCode: z.string().optional(),
    })
    .optional(),
  fixedResponse: z
    .object({
      statusCode: z.string().optional(),
      contentType: z.string().optional(),
      messageBody: z.string().optional(),
    })
    .optional(),
});

const listener: z.ZodType<ElbV2Listener> = z.object({
  arn: z.string().startsWith('arn:'),
  loadBalancerArn: z.string(),
  port: z.number().int(),
  protocol: z.string().min(1),
  sslPolicy: z.string().optional(),
  certificates: z.array(z.object({ arn: z.string(), isDefault: z.boolean() })),
  alpnPolicy: z.array(z.string()),
  defaultActions: z.array(action),
});

const rule: z.ZodType<ListenerRule> = z.object({
  arn: z.string(),
  priority: z.string(),
  isDefault: z.boolean(),
  conditions: z.array(z.string()),
  actions: z.array(action),
});

const ipRange = z.object({ cidr: z.string().min(1), description: z.string().optional() });
const permission: z.ZodType<SecurityGroupPermission> = z.object({
  protocol: z.string(),
  fromPort: z.number().int().optional(),
  toPort: z.number().int().optional(),
  ipv4Ranges: z.array(ipRange),
  ipv6Ranges: z.array(ipRange),
  prefixListIds: z.array(z.string()),
  groupPairs: z.array(
    z.object({
      groupId: z.string().optional(),
      userId: z.string().optional(),
      groupName: z.string().optional(),
    }),
  ),
});
const securityGroup: z.ZodType<SecurityGroup> = z.object({
  groupId: z.string().min(1),
  groupName: z.string().optional(),
  vpcId: z.string().optional(),
  ownerId: z.string().optional(),
  ingress: z.array(permission),
  egress: z.array(permission),
});

const classicPolicy: z.ZodType<ClassicPolicy> = z.object({
  name: z.string(),
  typeName: z.string(),
  attributes: z.record(z.string(), z.string()),
});

const targetGroup: z.ZodType<TargetGroup> = z.object({
  arn: z.string().startsWith('arn:').optional(),
  name: z.string().min(1),
  targetType: z.enum(['instance', 'ip', 'lambda', 'alb']),
  protocol: z.string().optional(),
  port: z.number().int().optional(),
  vpcId: z.string().optional(),
  healthCheck: z.object({
    enabled: z.boolean(),
    protocol: z.string().optional(),
    port: z.string().optional(),
  }),
  targets: z.array(
    z.object({
      id: z.string().min(1),
      port: z.number().int().optional(),
      healthCheckPort: z.number().int().optional(),
      availabilityZone: z.string().optional(),
      health: z.object({
        state: z.string().min(1),
        reason: z.string().optional(),
        description: z.string().optional(),
      }),
    }),
  ),
});
const targetSecurityGroups: z.ZodType<TargetSecurityGroups> = z.object({
  byTarget: z.record(
    z.string(),
    z.union([
      z.object({ found: z.literal(true), via: z.string(), groupIds: z.array(z.string()) }),
      z.object({ found: z.literal(false), reason: z.string() }),
    ]),
  ),
  groups: z.array(securityGroup),
});
const webAcl: z.ZodType<WebAclRef | null> = z
  .object({ arn: z.string().startsWith('arn:'), name: z.string(), id: z.string().optional() })
  .nullable();

/** One schema per facet key. A facet a snapshot may carry must be listed here. */
export const FACET_SCHEMAS: Record<string, z.ZodType> = {
  listeners: z.array(listener),
  listenerRules: z.record(z.string(), z.array(rule)),
  attributes: z.record(z.string(), z.string()),
  tags: z.record(z.string(), z.string()),
  securityGroups: z.array(securityGroup),
  classicPolicies: z.array(classicPolicy),
  tlsPolicies: tlsPoliciesSchema,
  listenerCertificates: z.record(z.string(), z.array(z.object({ arn: z.string(), isDefault: z.boolean() }))),
  certificates: z.record(z.string(), certificateSchema),
  targets: z.array(targetGroup),
  targetSecurityGroups,
  webAcl,
};

const facets = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  for (const [key, data] of Object.entries(value)) {
    const schema = FACET_SCHEMAS[key];
    if (!schema) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `unknown facet; expected one of ${Object.keys(FACET_SCHEMAS).join(', ')}`,
      });
      continue;
    }
    const result = schema.safeParse(data);
    if (!result.success) {
      for (const issue of result.error.issues)
        ctx.addIssue({ ...issue, path: [key, ...issue.path] } as never);
    }
  }
});

export const snapshotSchema: z.ZodType<SnapshotFile> = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  recordedAt: z.string(),
  description: z.string().optional(),
  regions: z.array(
    z.object({
      accountId: z.string().min(1),
      region: z.string().min(1),
      loadBalancers: z.array(
        z.object({
          loadBalancer,
          facets,
          failures: z.record(z.string(), z.string()).optional(),
        }),
      ),
    }),
  ),
}) as z.ZodType<SnapshotFile>;
