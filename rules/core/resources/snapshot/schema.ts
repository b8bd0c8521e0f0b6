// Validation of snapshot files, so a malformed file is refused with the path of the bad field. The
// load balancer's schema is here; each facet's is declared in its own file (facets/*.ts).
import { z } from 'zod';
import type { ClassicListener, LoadBalancer } from '../../model/model.js';
import { ALL_FACETS } from '../facets/index.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotFile } from './format.js';

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

/** One schema per facet key, from the facets' own declarations. A facet a snapshot may carry is in ALL_FACETS. */
export const FACET_SCHEMAS: Record<string, z.ZodType> = Object.fromEntries(
  ALL_FACETS.map((facet) => [facet.key, facet.snapshot]),
);

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
