// Attribute values AWS documents for a load balancer whose code does not set them. Only these are
// assumed; any other attribute the code leaves out is unknown.
import type { ElbV2Kind } from '../../model/model.js';

// AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancerAttribute
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancingv2-loadbalancer-loadbalancerattribute.html):
// "deletion_protection.enabled … The default is false"; "access_logs.s3.enabled … The default is
// false"; "load_balancing.cross_zone.enabled … The default for Network Load Balancers and Gateway
// Load Balancers is false. The default for Application Load Balancers is true, and can't be changed."
// The ELBv2 API reference (LoadBalancerAttribute, Key) adds, for ALBs:
// "routing.http.desync_mitigation_mode … The default is defensive";
// "routing.http.drop_invalid_header_fields.enabled … The default is false".
export const ELBV2_ATTRIBUTE_DEFAULTS: Record<ElbV2Kind, Readonly<Record<string, string>>> = {
  application: {
    'deletion_protection.enabled': 'false',
    'access_logs.s3.enabled': 'false',
    'load_balancing.cross_zone.enabled': 'true',
    'routing.http.desync_mitigation_mode': 'defensive',
    'routing.http.drop_invalid_header_fields.enabled': 'false',
  },
  network: {
    'deletion_protection.enabled': 'false',
    'access_logs.s3.enabled': 'false',
    'load_balancing.cross_zone.enabled': 'false',
  },
  gateway: {
    'deletion_protection.enabled': 'false',
    'load_balancing.cross_zone.enabled': 'false',
  },
};

// The Classic ELB API reference (AdditionalAttribute, Key): "elb.http.desyncmitigationmode … The
// default is defensive". AWS::ElasticLoadBalancing::LoadBalancer has no property that sets it.
export const CLASSIC_ATTRIBUTE_DEFAULTS: Readonly<Record<string, string>> = {
  'elb.http.desyncmitigationmode': 'defensive',
};

/**
 * With access logs known to be off, the bucket and prefix decide nothing (the load balancer is
 * non-compliant either way); the describe API then reports them empty, and so do we.
 */
export function withLogsOffBlanks(attributes: Record<string, unknown>): Record<string, unknown> {
  if (attributes['access_logs.s3.enabled'] !== 'false') return attributes;
  return { 'access_logs.s3.bucket': '', 'access_logs.s3.prefix': '', ...attributes };
}
