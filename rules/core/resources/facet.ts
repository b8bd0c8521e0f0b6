// A facet is one piece of data about a load balancer that is read separately from the load
// balancer itself: its listeners, attributes, tags, security groups... A rule names the facets it
// needs; every source (live, snapshot, Config item) knows how to provide them.

import type { RegionalAws } from '../aws/regional-aws.js';
import type { LoadBalancer } from '../model/model.js';

export interface LiveFacetContext {
  aws: RegionalAws;
  /** Reads another facet of the same load balancer (memoised). Throws if that facet failed. */
  need<T>(facet: Facet<string, T>, lb: LoadBalancer): Promise<T>;
}

export interface Facet<K extends string = string, T = unknown> {
  readonly key: K;
  readonly description: string;
  /** IAM actions the live reader calls: the source of every rule's execution-role policy. */
  readonly iamActions: readonly string[];
  /** Reads the facet from the describe APIs. Throws on failure; the caller records why. */
  live(lb: LoadBalancer, ctx: LiveFacetContext): Promise<T>;
}

// biome-ignore lint/suspicious/noExplicitAny: facet lists are heterogeneous by design.
export type AnyFacet = Facet<string, any>;

export type FacetValue<F> = F extends Facet<string, infer T> ? T : never;

/** The model a rule receives: the load balancer plus every facet it asked for, all loaded. */
export type ModelOf<Needs extends readonly AnyFacet[]> = { lb: LoadBalancer } & {
  [F in Needs[number] as F['key']]: FacetValue<F>;
};

export function defineFacet<K extends string, T>(facet: Facet<K, T>): Facet<K, T> {
  return facet;
}
