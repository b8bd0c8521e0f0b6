// Live facets against mocked SDK clients: a live estate, load balancers and target groups by name.
import { RegionalAws } from '../../rules/core/aws/regional-aws.js';
import type { LoadBalancer } from '../../rules/core/model/model.js';
import { LiveEstate } from '../../rules/core/resources/live/live-estate.js';
import { ACCOUNT, elbv2Item, loadBalancerOf, REGION } from '../fixtures/network-items.js';

export const tgArn = (name: string) =>
  `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${name}/0123456789abcdef`;

export async function open() {
  return LiveEstate.open(new RegionalAws({ region: REGION, accountId: ACCOUNT }));
}

export const lbNamed = (name: string): LoadBalancer => loadBalancerOf(elbv2Item({ name })).lb;
