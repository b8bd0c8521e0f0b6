// The estate as the describe APIs show it now: every listing paginated, lookups batched.
import {
  ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers as paginateClassic,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { RegionalAws } from '../../aws/regional-aws.js';
import {
  CLASSIC_LOAD_BALANCER,
  ELBV2_LOAD_BALANCER,
  type LoadBalancer,
  type ReportedResourceType,
  type ResourceRef,
  type SecurityGroup,
} from '../../model/model.js';
import { type Estate, FacetUnavailableError, MemoisingEstate } from '../estate.js';
import type { AnyFacet, Facet } from '../facet.js';
import { availabilityZones, zoneNames } from '../facets/availability-zones.js';
import { errorCode, type Fetched, failed, failedFrom, loaded } from '../fetched.js';
import { classicLoadBalancer } from '../normalize/classic.js';
import { elbv2LoadBalancer } from '../normalize/elbv2.js';
import { SECURITY_GROUP_READER } from '../readers.js';

const NOT_FOUND = new Set([
  'LoadBalancerNotFoundException',
  'LoadBalancerNotFound',
  'AccessPointNotFoundException',
  'AccessPointNotFound',
]);

/** IAM actions the live estate itself calls (listing and lookups), beside each facet's own. */
export const LIVE_ESTATE_IAM_ACTIONS = [
  'elasticloadbalancing:DescribeLoadBalancers',
  'sts:GetCallerIdentity',
] as const;

export class LiveEstate extends MemoisingEstate implements Estate {
  readonly region: string;
  private readonly loadBalancers = new Map<string, Promise<Fetched<LoadBalancer | undefined>>>();
  /** Set once the region's load balancers are listed: facets may then list region-wide. */
  private regionWide = false;

  private constructor(
    readonly aws: RegionalAws,
    readonly accountId: string,
  ) {
    super();
    this.region = aws.region;
  }

  /** Resolves the account id through STS when the caller does not know it. */
  static async open(aws: RegionalAws): Promise<LiveEstate> {
    const accountId =
      aws.accountId ??
      (await aws.client(STSClient).send(new GetCallerIdentityCommand({}))).Account ??
      'unknown';
    return new LiveEstate(aws, accountId);
  }

  // PageSize goes in the input: the ELB paginators have no page-size token, so their pageSize
  // option is silently dropped and the service default applies (50 on some emulators).
  listLoadBalancers(types: readonly ReportedResourceType[]): AsyncIterable<LoadBalancer> {
    this.regionWide = true;
    return this.listing(types);
  }

  private async *listing(types: readonly ReportedResourceType[]): AsyncIterable<LoadBalancer> {
    if (types.includes(ELBV2_LOAD_BALANCER)) {
      const client = this.aws.client(ElasticLoadBalancingV2Client);
      for await (const page of paginateDescribeLoadBalancers({ client }, { PageSize: 400 })) {
        for (const raw of page.LoadBalancers ?? [])
          yield this.withListedZones(elbv2LoadBalancer(raw, this.accountId, this.region), raw);
      }
    }
    if (types.includes(CLASSIC_LOAD_BALANCER)) {
      const client = this.aws.client(ElasticLoadBalancingClient);
      for await (const page of paginateClassic({ client }, { PageSize: 400 })) {
        for (const raw of page.LoadBalancerDescriptions ?? [])
          yield this.withListedZones(classicLoadBalancer(raw, this.accountId, this.region), raw);
      }
    }
  }

  /** The listing already holds each load balancer's zones: no second DescribeLoadBalancers to read them. */
  private withListedZones(lb: LoadBalancer, raw: unknown): LoadBalancer {
    const zones = zoneNames(raw);
    if (zones.length > 0) this.prime(availabilityZones, lb, zones);
    return lb;
  }

  getLoadBalancer(ref: ResourceRef): Promise<Fetched<LoadBalancer | undefined>> {
    const key = `${ref.resourceType}|${ref.resourceId}`;
    let pending = this.loadBalancers.get(key);
    if (!pending) {
      pending = this.describeOne(ref);
      this.loadBalancers.set(key, pending);
    }
    return pending;
  }

  primeLoadBalancer(lb: LoadBalancer): void {
    this.loadBalancers.set(`${lb.resourceType}|${lb.resourceId}`, Promise.resolve(loaded(lb)));
  }

  /** A security group as a Config item recorded it: used instead of reading it again. */
  primeSecurityGroup(group: SecurityGroup): void {
    this.aws.prime(SECURITY_GROUP_READER, group.groupId, group);
  }

  async loadBalancersUsingSecurityGroup(groupId: string): Promise<Fetched<LoadBalancer[]>> {
    try {
      const out: LoadBalancer[] = [];
      // Not a sweep: only the few load balancers using the group are judged, so facets stay per load balancer.
      for await (const lb of this.listing([ELBV2_LOAD_BALANCER, CLASSIC_LOAD_BALANCER])) {
        if (lb.securityGroupIds.includes(groupId)) {
          this.primeLoadBalancer(lb);
          out.push(lb);
        }
      }
      return loaded(out);
    } catch (error) {
      return failedFrom(`load balancers using ${groupId}`, error);
    }
  }

  protected async read(facet: AnyFacet, lb: LoadBalancer): Promise<Fetched<unknown>> {
    try {
      return loaded(
        await facet.live(lb, {
          aws: this.aws,
          need: <T>(f: Facet<string, T>, l: LoadBalancer) => this.need(f, l),
          regionWide: this.regionWide,
        }),
      );
    } catch (error) {
      if (error instanceof FacetUnavailableError) return error.failure;
      return failedFrom(`${facet.key} of ${lb.name}`, error);
    }
  }

  private async describeOne(ref: ResourceRef): Promise<Fetched<LoadBalancer | undefined>> {
    try {
      if (ref.resourceType === ELBV2_LOAD_BALANCER) {
        const out = await this.aws
          .client(ElasticLoadBalancingV2Client)
          .send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [ref.resourceId] }));
        const raw = out.LoadBalancers?.[0];
        return loaded(raw ? elbv2LoadBalancer(raw, this.accountId, this.region) : undefined);
      }
      if (ref.resourceType === CLASSIC_LOAD_BALANCER) {
        const client = this.aws.client(ElasticLoadBalancingClient);
        for await (const page of paginateClassic({ client }, { LoadBalancerNames: [ref.resourceId] })) {
          const raw = page.LoadBalancerDescriptions?.[0];
          if (raw) return loaded(classicLoadBalancer(raw, this.accountId, this.region));
        }
        return loaded(undefined);
      }
      return failed('UnsupportedResourceType', `cannot look up ${ref.resourceType}`);
    } catch (error) {
      if (NOT_FOUND.has(errorCode(error))) return loaded(undefined);
      return failedFrom(`load balancer ${ref.resourceId}`, error);
    }
  }
}
