// An estate is one account and region's load balancers, as some source sees them. Rules and the
// engine read only through this interface, so live APIs, Config items and snapshots are
// interchangeable. Facet reads are memoised: each piece of data is read once, whatever the
// number of rules that need it.
import type { AnyFacet, Facet } from './facet.js';
import { type Fetched, failed, loaded } from './fetched.js';
import type { LoadBalancer, ReportedResourceType, ResourceRef, SecurityGroup } from './model.js';

export interface Estate {
  readonly accountId: string;
  readonly region: string;
  /** Every load balancer of the given types, page by page. Throws when the listing fails. */
  listLoadBalancers(types: readonly ReportedResourceType[]): AsyncIterable<LoadBalancer>;
  /** The load balancer, or undefined when it no longer exists. */
  getLoadBalancer(ref: ResourceRef): Promise<Fetched<LoadBalancer | undefined>>;
  loadBalancersUsingSecurityGroup(groupId: string): Promise<Fetched<LoadBalancer[]>>;
  facet<T>(facet: Facet<string, T>, lb: LoadBalancer): Promise<Fetched<T>>;
  /** Seeds a facet value that arrived with the event, so it is not read again. */
  prime<T>(facet: Facet<string, T>, lb: LoadBalancer, value: T): void;
  /** Uses a load balancer as a Config item recorded it instead of reading it again. */
  primeLoadBalancer(lb: LoadBalancer): void;
  /** Uses a security group as a Config item recorded it instead of reading it again. */
  primeSecurityGroup(group: SecurityGroup): void;
  /** Drops cached facet data for a load balancer every rule has judged, to keep memory flat. */
  release(lb: LoadBalancer): void;
}

/** Thrown inside a facet reader when a facet it depends on could not be read. */
export class FacetUnavailableError extends Error {
  constructor(readonly failure: Extract<Fetched<unknown>, { ok: false }>) {
    super(failure.reason);
    this.name = failure.code;
  }
}

export abstract class MemoisingEstate {
  private readonly memo = new Map<string, Promise<Fetched<unknown>>>();

  protected abstract read(facet: AnyFacet, lb: LoadBalancer): Promise<Fetched<unknown>>;

  facet<T>(facet: Facet<string, T>, lb: LoadBalancer): Promise<Fetched<T>> {
    const key = memoKey(facet, lb);
    let pending = this.memo.get(key);
    if (!pending) {
      pending = this.read(facet, lb).catch((error: unknown) =>
        failed(
          'Error',
          `${facet.key} of ${lb.name}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      this.memo.set(key, pending);
    }
    return pending as Promise<Fetched<T>>;
  }

  prime<T>(facet: Facet<string, T>, lb: LoadBalancer, value: T): void {
    this.memo.set(memoKey(facet, lb), Promise.resolve(loaded(value)));
  }

  release(lb: LoadBalancer): void {
    const suffix = `|${lb.resourceId}`;
    for (const key of this.memo.keys()) if (key.endsWith(suffix)) this.memo.delete(key);
  }

  /** For facet readers: the value of another facet, or an exception that carries why it failed. */
  protected async need<T>(facet: Facet<string, T>, lb: LoadBalancer): Promise<T> {
    const result = await this.facet(facet, lb);
    if (!result.ok) throw new FacetUnavailableError(result);
    return result.value;
  }
}

function memoKey(facet: AnyFacet, lb: LoadBalancer): string {
  return `${facet.key}|${lb.resourceId}`;
}
