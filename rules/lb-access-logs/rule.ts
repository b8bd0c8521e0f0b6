import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { enableAccessLogging } from '../core/remediation/aws-enable-logging-for-alb-and-clb/link.js';
import { attributes } from '../core/resources/facets/attributes.js';

/** S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const KEYS = {
  elbv2: {
    enabled: 'access_logs.s3.enabled',
    bucket: 'access_logs.s3.bucket',
    prefix: 'access_logs.s3.prefix',
  },
  classic: {
    enabled: 'accessLog.enabled',
    bucket: 'accessLog.s3BucketName',
    prefix: 'accessLog.s3BucketPrefix',
  },
} as const;

export const rule = defineRule({
  id: 'lb-access-logs',
  title: 'Load balancers write access logs',
  description:
    'An Application or Classic Load Balancer (and a Network Load Balancer, by parameter) has access logging ' +
    'enabled, and, when allowedBuckets is set, writes to one of those S3 buckets. Without access logs there ' +
    'is no record of who reached the load balancer. NLBs log only TLS connections.',
  severity: 'medium',
  appliesTo: ['application', 'network', 'classic'],
  resourceTypes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {
    allowedBuckets: {
      type: 'stringList',
      default: [],
      itemPattern: BUCKET_NAME,
      expected: 'S3 bucket names',
      description: 'Buckets access logs may go to. Empty means any bucket.',
    },
    checkNetworkLoadBalancers: {
      type: 'boolean',
      default: false,
      description: 'Whether NLBs must log too (they log TLS listeners only).',
    },
  },
  remediation: enableAccessLogging,
  needs: [attributes],
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.5',
      relation: 'equivalent',
      note: 'ELB.5 covers Application and Classic Load Balancers; NLBs are judged only with checkNetworkLoadBalancers=true.',
    },
    { framework: 'AWS Config managed rule', id: 'elb-logging-enabled', relation: 'equivalent' },
  ],
  applicable(lb, params) {
    return lb.kind === 'network' && !params.checkNetworkLoadBalancers
      ? 'NLB; set checkNetworkLoadBalancers=true to require access logs on NLBs.'
      : undefined;
  },
  evaluate({ lb, attributes }, { params }) {
    const keys = lb.kind === 'classic' ? KEYS.classic : KEYS.elbv2;
    const enabled = attributes[keys.enabled]?.toLowerCase() === 'true';
    const bucket = attributes[keys.bucket] ?? '';
    if (!enabled)
      return nonCompliant([`access logs are off (${keys.enabled}=${attributes[keys.enabled] ?? 'not set'})`]);
    const allowed = params.allowedBuckets;
    if (allowed.length && !allowed.includes(bucket))
      return nonCompliant([
        `access logs go to bucket ${bucket || '(none)'}, which is not one of allowedBuckets (${allowed.join(', ')})`,
      ]);
    if (!bucket) return compliant(`Access logs are on (${keys.bucket} not recorded).`);
    const prefix = attributes[keys.prefix] ? `/${attributes[keys.prefix]}` : '';
    return compliant(`Access logs go to s3://${bucket}${prefix}.`);
  },
});
