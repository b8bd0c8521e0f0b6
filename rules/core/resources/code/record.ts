// What a source of infrastructure code (a CloudFormation template, a Terraform plan) yields: each
// load balancer as the same model every other source gives, the facets the code fixes, and the
// facets it leaves unknown with the reason, plus where in the code each resource is declared.
import type { LoadBalancer, ReportedResourceType, SecurityGroup } from '../../model/model.js';
import { isUnknown, Unknown, UnknownValueError, withUnknownFields } from './unknown.js';

export interface CodeLocation {
  /** The template's logical id, or the Terraform resource address. */
  id: string;
  file: string;
  /** 1-based line, where the format tells it. */
  line?: number;
}

export interface CodeRecord {
  resourceType: ReportedResourceType;
  location: CodeLocation;
  /** Undefined when even the kind of load balancer is unknown: no rule can judge it. */
  loadBalancer?: LoadBalancer;
  /** Why the load balancer cannot be judged at all (with loadBalancer undefined). */
  unjudgeable?: string;
  facets: Record<string, unknown>;
  /** Facets the code cannot tell, by key, with the reason. */
  unknown: Record<string, string>;
  /** Listeners and target groups by their ARN in the model, where they are declared. */
  children: Record<string, CodeLocation>;
}

/** The first Unknown inside a value, if any. */
export function firstUnknown(value: unknown, depth = 0): Unknown | undefined {
  if (isUnknown(value)) return value;
  if (depth > 30 || typeof value !== 'object' || value === null) return undefined;
  for (const key of Object.keys(value)) {
    let inner: unknown;
    try {
      inner = (value as Record<string, unknown>)[key];
    } catch (error) {
      // A field already left unknown (withUnknownFields) throws when read; it is reported when a rule reads it.
      if (error instanceof UnknownValueError) continue;
      throw error;
    }
    const found = firstUnknown(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Where no account or region is given, synthetic ARNs say so. */
export interface ArnScope {
  accountId: string;
  region: string;
}

export const UNKNOWN_SCOPE: ArnScope = { accountId: 'unknown', region: 'unknown' };

const KIND_SEGMENT = { application: 'app', network: 'net', gateway: 'gwy' } as const;

/** ARNs for resources the code declares, so the models link as live ones do (the id is the code's own). */
export const syntheticArn = {
  loadBalancer: (s: ArnScope, kind: keyof typeof KIND_SEGMENT, id: string) =>
    `arn:aws:elasticloadbalancing:${s.region}:${s.accountId}:loadbalancer/${KIND_SEGMENT[kind]}/${safe(id)}/code`,
  listener: (s: ArnScope, kind: keyof typeof KIND_SEGMENT, lbId: string, id: string) =>
    `arn:aws:elasticloadbalancing:${s.region}:${s.accountId}:listener/${KIND_SEGMENT[kind]}/${safe(lbId)}/code/${safe(id)}`,
  listenerRule: (s: ArnScope, id: string) =>
    `arn:aws:elasticloadbalancing:${s.region}:${s.accountId}:listener-rule/code/${safe(id)}`,
  targetGroup: (s: ArnScope, id: string) =>
    `arn:aws:elasticloadbalancing:${s.region}:${s.accountId}:targetgroup/${safe(id)}/code`,
  certificate: (s: ArnScope, id: string) => `arn:aws:acm:${s.region}:${s.accountId}:certificate/${safe(id)}`,
  webAcl: (s: ArnScope, id: string) =>
    `arn:aws:wafv2:${s.region}:${s.accountId}:regional/webacl/${safe(id)}/code`,
};

function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '-');
}

export function emptyRecord(resourceType: CodeRecord['resourceType'], location: CodeLocation): CodeRecord {
  return { resourceType, location, facets: {}, unknown: {}, children: {} };
}

/** Records the facet's value, or its first Unknown as the reason the facet is not known. */
export function setFacet(record: CodeRecord, key: string, value: unknown): void {
  const unknown = firstUnknown(value);
  if (unknown) record.unknown[key] = `${key} of ${record.location.id}: ${unknown.reason}`;
  else record.facets[key] = value;
}

/**
 * Attributes as the rules read them: each key whose value is unknown throws when read, and so
 * does any key the code neither sets nor has a documented default for. One unknown value (a
 * bucket named by another resource) leaves the other attributes known.
 */
export function attributeRecord(values: Record<string, unknown>, what: string): Record<string, string> {
  const known: Record<string, string> = {};
  const unknown: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const inner = firstUnknown(value);
    if (inner) unknown[key] = `${what}: ${key}: ${inner.reason}`;
    else known[key] = String(value);
  }
  return withUnknownFields(known, unknown, { what });
}

/** A load balancer's security groups: each id the code names, as the code declares it, else unknown. */
export function securityGroupsFacet(
  groupIds: string[] | Unknown,
  groups: ReadonlyMap<string, SecurityGroup | Unknown>,
  source: 'the code' | 'the plan',
): unknown {
  if (isUnknown(groupIds)) return groupIds;
  return groupIds.map((id) => groups.get(id) ?? new Unknown(`security group ${id} is not in ${source}`));
}
