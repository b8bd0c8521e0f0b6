// A facet is one piece of data about a load balancer that is read separately from the load
// balancer itself: its listeners, attributes, tags, security groups... A rule names the facets it
// needs; every source (live, snapshot, Config item) knows how to provide them. Each facet declares
// all of that in its one file under facets/: key, IAM actions, snapshot schema, live reader and
// where Config items record it.

import type { z } from 'zod';
import type { RegionalAws } from '../aws/regional-aws.js';
import type { LoadBalancer, LoadBalancerKind, ReportedResourceType } from '../model/model.js';
import type { ItemPart } from './item-part.js';

export interface LiveFacetContext {
  aws: RegionalAws;
  /** Reads another facet of the same load balancer (memoised). Throws if that facet failed. */
  need<T>(facet: Facet<string, T>, lb: LoadBalancer): Promise<T>;
  /**
   * True once the estate has listed the region's load balancers (a periodic sweep, an audit): many
   * will be read, so a facet may list region-wide once instead of calling per load balancer.
   * False or absent for a change evaluation, which reads one load balancer.
   */
  regionWide?: boolean;
}

export interface Facet<K extends string = string, T = unknown> {
  readonly key: K;
  readonly description: string;
  /** IAM actions the live reader calls: the source of every rule's execution-role policy. */
  readonly iamActions: readonly string[];
  /** Reads the facet from the describe APIs. Throws on failure; the caller records why. */
  live(lb: LoadBalancer, ctx: LiveFacetContext): Promise<T>;
  /** What a recorded value must look like; snapshot files are checked against it. */
  readonly snapshot: z.ZodType<T>;
  /** Where load balancer items record the facet. Absent: items never carry it, it is read live. */
  readonly inItems?: readonly FacetInItem<T>[];
}

/** A part of a load balancer's configuration item that records a facet. */
export interface FacetInItem<T> {
  readonly resourceType: ReportedResourceType;
  readonly path: ItemPart['path'];
  readonly lowerKeys: boolean;
  /** The schema the part must pass to count, for this kind of load balancer. */
  schema(kind: LoadBalancerKind): z.ZodType;
  /** The facet value from a part its schema proved (keys spelled as the item spells them). */
  read(value: unknown): T;
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
