// Records a live estate as a snapshot region: every load balancer with every known facet.

import { CLASSIC_LOAD_BALANCER, ELBV2_LOAD_BALANCER } from '../../model/model.js';
import type { Estate } from '../estate.js';
import type { AnyFacet } from '../facet.js';
import type { LoadBalancerRecord, RegionSnapshot } from './format.js';

export async function recordRegion(estate: Estate, facets: readonly AnyFacet[]): Promise<RegionSnapshot> {
  const loadBalancers: LoadBalancerRecord[] = [];
  for await (const lb of estate.listLoadBalancers([ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER])) {
    const record: LoadBalancerRecord = { loadBalancer: lb, facets: {} };
    for (const facet of facets) {
      const result = await estate.facet(facet, lb);
      if (result.ok) record.facets[facet.key] = result.value;
      else record.failures = { ...record.failures, [facet.key]: result.reason };
    }
    estate.release(lb);
    loadBalancers.push(record);
  }
  return { accountId: estate.accountId, region: estate.region, loadBalancers };
}
