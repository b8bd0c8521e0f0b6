// Names of the per-region batched readers (RegionalAws.batcher) that more than one module touches:
// the facets that read with them, and the estate that primes them from Config items.

/** Security groups by id, read with EC2 DescribeSecurityGroups. */
export const SECURITY_GROUP_READER = 'security-groups';
