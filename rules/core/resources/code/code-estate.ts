// The estate as infrastructure code declares it. A facet the code leaves unknown is a failed read
// (UnknownBeforeDeployment), so a rule that needs it reports INSUFFICIENT_DATA, never COMPLIANT.
import type { LoadBalancer, ReportedResourceType, ResourceRef, SecurityGroup } from '../../model/model.js';
import { type Estate, MemoisingEstate } from '../estate.js';
import type { AnyFacet } from '../facet.js';
import { type Fetched, failed, loaded } from '../fetched.js';
import type { CodeRecord } from './record.js';

export const UNKNOWN_BEFORE_DEPLOYMENT = 'UnknownBeforeDeployment';

export class CodeEstate extends MemoisingEstate implements Estate {
  private readonly records = new Map<string, CodeRecord & { loadBalancer: LoadBalancer }>();

  constructor(
    readonly accountId: string,
    readonly region: string,
    records: readonly CodeRecord[],
  ) {
    super();
    for (const record of records) {
      const lb = record.loadBalancer;
      if (lb) this.records.set(refKey(lb), { ...record, loadBalancer: lb });
    }
  }

  async *listLoadBalancers(types: readonly ReportedResourceType[]): AsyncIterable<LoadBalancer> {
    for (const record of this.records.values())
      if (types.includes(record.loadBalancer.resourceType)) yield record.loadBalancer;
  }

  async getLoadBalancer(ref: ResourceRef): Promise<Fetched<LoadBalancer | undefined>> {
    return loaded(this.records.get(refKey(ref))?.loadBalancer);
  }

  async loadBalancersUsingSecurityGroup(groupId: string): Promise<Fetched<LoadBalancer[]>> {
    const out: LoadBalancer[] = [];
    for (const { loadBalancer, unknown } of this.records.values()) {
      if (unknown.securityGroups !== undefined)
        return failed(
          UNKNOWN_BEFORE_DEPLOYMENT,
          `security groups of ${loadBalancer.name}: ${unknown.securityGroups}`,
        );
      const facets = this.records.get(refKey(loadBalancer))?.facets.securityGroups as
        | SecurityGroup[]
        | undefined;
      if (facets?.some((g) => g.groupId === groupId)) out.push(loadBalancer);
    }
    return loaded(out);
  }

  /** Code is judged as written: nothing arrives from elsewhere to prime. */
  primeLoadBalancer(): void {}
  primeSecurityGroup(): void {}

  protected async read(facet: AnyFacet, lb: LoadBalancer): Promise<Fetched<unknown>> {
    const record = this.records.get(refKey(lb));
    if (!record) return failed('NotInCode', `${lb.name} is not declared in the code`);
    if (facet.key in record.facets) return loaded(record.facets[facet.key]);
    return failed(
      UNKNOWN_BEFORE_DEPLOYMENT,
      record.unknown[facet.key] ??
        `${facet.key} of ${record.location.id}: not known from the code before deployment`,
    );
  }
}

function refKey(ref: ResourceRef): string {
  return `${ref.resourceType}|${ref.resourceId}`;
}
