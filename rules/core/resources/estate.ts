// An estate is one account and region's load balancers, as some source sees them. Rules and the
// engine read only through this interface, so live APIs, Config items and snapshots are
// interchangeable. Facet reads are memoised: each piece of data is read once, whatever the
// number of rules that need it.

import { ElbConfigRulesError } from '../model/errors.js';
import type { LoadBalancer, ReportedResourceType, ResourceRef, SecurityGroup } from '../model/model.js';
import type { AnyFacet, Facet } from './facet.js';
import { type Fetched, failed, loaded } from './fetched.js';

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
export class FacetUnavailableError extends ElbConfigRulesError {
  constructor(readonly failure: Extract<Fetched<unknown>, { ok: false }>) {
    super(failure.reason);
    this.name = failure.code;
  }
}

export abstract class MemoisingEstate {
  private readonly memo = new Map<string, Promise<Fetched<unknown>>>();
  /** Memo keys by load balancer, so release() does not scan the memo of every other one in flight. */
  private readonly keysOf = new Map<string, Set<string>>();

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
      this.remember(key, lb, pending);
    }
    return pending as Promise<Fetched<T>>;
  }

  prime<T>(facet: Facet<string, T>, lb: LoadBalancer, value: T): void {
    this.remember(memoKey(facet, lb), lb, Promise.resolve(loaded(value)));
  }

  release(lb: LoadBalancer): void {
    for (const key of this.keysOf.get(lb.resourceId) ?? []) this.memo.delete(key);
    this.keysOf.delete(lb.resourceId);
  }

  private remember(key: string, lb: LoadBalancer, value: Promise<Fetched<unknown>>): void {
    this.memo.set(key, value);
    const keys = this.keysOf.get(lb.resourceId);
    if (keys) keys.add(key);
    else this.keysOf.set(lb.resourceId, new Set([key]));
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
