// The EC2 commands the facets send, re-exported one by one: a facet imports this module when it
// first calls EC2, so a run that never does (a snapshot audit) loads no EC2 client, and a bundler
// still keeps only these commands of the client.
export {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  paginateDescribeNetworkInterfaces,
} from '@aws-sdk/client-ec2';
