// The Classic Load Balancing (ELB) commands the facets send, re-exported one by one: a facet imports this module when it
// first calls ELB, so a run that never does (a snapshot audit) loads no ELB client, and a bundler
// still keeps only these commands of the client.
export {
  DescribeInstanceHealthCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancerPoliciesCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
