// The estate as a snapshot recorded it. A facet missing from the record is a failed read.

import type { LoadBalancer, ReportedResourceType, ResourceRef, SecurityGroup } from '../../model/model.js';
import { type Estate, MemoisingEstate } from '../estate.js';
import type { AnyFacet } from '../facet.js';
import { securityGroups } from '../facets/security-groups.js';
import { type Fetched, failed, loaded } from '../fetched.js';
import type { LoadBalancerRecord, RegionSnapshot } from './format.js';

export class SnapshotEstate extends MemoisingEstate implements Estate {
  readonly accountId: string;
  readonly region: string;
  private readonly records = new Map<string, LoadBalancerRecord>();
  private readonly primedGroups = new Map<string, SecurityGroup>();

  constructor(snapshot: RegionSnapshot) {
    super();
    this.accountId = snapshot.accountId;
    this.region = snapshot.region;
    for (const record of snapshot.loadBalancers) this.records.set(refKey(record.loadBalancer), record);
  }

  async *listLoadBalancers(types: readonly ReportedResourceType[]): AsyncIterable<LoadBalancer> {
    for (const record of this.records.values()) {
      if (types.includes(record.loadBalancer.resourceType)) yield record.loadBalancer;
    }
  }

  async getLoadBalancer(ref: ResourceRef): Promise<Fetched<LoadBalancer | undefined>> {
    return loaded(this.records.get(refKey(ref))?.loadBalancer);
  }

  async loadBalancersUsingSecurityGroup(groupId: string): Promise<Fetched<LoadBalancer[]>> {
    const out: LoadBalancer[] = [];
    for (const record of this.records.values()) {
      if (record.loadBalancer.securityGroupIds.includes(groupId)) out.push(record.loadBalancer);
    }
    return loaded(out);
  }

  primeLoadBalancer(lb: LoadBalancer): void {
    const record = this.records.get(refKey(lb));
    this.records.set(refKey(lb), {
      loadBalancer: lb,
      facets: record?.facets ?? {},
      failures: record?.failures,
    });
  }

  primeSecurityGroup(group: SecurityGroup): void {
    this.primedGroups.set(group.groupId, group);
  }

  protected async read(facet: AnyFacet, lb: LoadBalancer): Promise<Fetched<unknown>> {
    const record = this.records.get(refKey(lb));
    if (!record) return failed('NotInSnapshot', `${lb.name} is not in the snapshot`);
    if (facet.key === securityGroups.key && facet.key in record.facets) {
      // A security group from a Config item is newer than the one recorded.
      const recorded = record.facets[facet.key] as SecurityGroup[];
      return loaded(recorded.map((g) => this.primedGroups.get(g.groupId) ?? g));
    }
    if (facet.key in record.facets) return loaded(record.facets[facet.key]);
    const why = record.failures?.[facet.key];
    return failed(
      'NotInSnapshot',
      why
        ? `${facet.key} of ${lb.name} could not be recorded: ${why}`
        : `${facet.key} of ${lb.name} was not recorded`,
    );
  }
}

function refKey(ref: ResourceRef): string {
  return `${ref.resourceType}|${ref.resourceId}`;
}
