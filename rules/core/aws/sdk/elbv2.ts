// The ELBv2 commands the facets send, re-exported one by one: a facet imports this module when it
// first calls ELBv2, so a run that never does (a snapshot audit) loads no ELBv2 client, and a bundler
// still keeps only these commands of the client.
export {
  DescribeLoadBalancerAttributesCommand,
  DescribeSSLPoliciesCommand,
  DescribeTagsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListenerCertificates,
  paginateDescribeListeners,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
