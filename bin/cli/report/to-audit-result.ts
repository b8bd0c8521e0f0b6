// Stored Config results in the shape every report format renders (table, JSON, CSV, SARIF, HTML),
// so `report` and `audit` print the same views.
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import {
  CLASSIC_LOAD_BALANCER,
  ELBV2_LISTENER,
  ELBV2_LOAD_BALANCER,
} from '../../../rules/core/model/model.js';
import type { AuditResult } from '../audit/audit.js';
import type { StoredResults } from './stored-results.js';

export function toAuditResult(stored: StoredResults): AuditResult {
  return {
    evaluations: stored.results.map(
      (r): Evaluation => ({
        ruleId: r.ruleId,
        resourceType: r.resourceType,
        resourceId: r.resourceId,
        resourceName: displayName(r.resourceType, r.resourceId),
        ...(r.resourceType === ELBV2_LISTENER ? { loadBalancerId: listenerLoadBalancer(r.resourceId) } : {}),
        ...(r.resourceType === CLASSIC_LOAD_BALANCER ? { kind: 'classic' as const } : {}),
        accountId: r.accountId,
        region: r.region,
        complianceType: r.complianceType,
        annotation: r.annotation,
        findings: r.complianceType === 'NON_COMPLIANT' && r.annotation ? [r.annotation] : [],
      }),
    ),
    errors: stored.errors.map((e) => ({
      accountId: e.accountId,
      region: e.region,
      code: e.code,
      message: e.configRuleName ? `${e.configRuleName}: ${e.message}` : e.message,
    })),
    scopes: stored.scopes,
    skipped: [],
    // No load balancer API was called.
    traffic: { requests: 0, throttled: 0, byApi: {} },
  };
}

/**
 * A short name from a Config resource id: the load balancer's name from its ARN
 * (…:loadbalancer/app/web/1a2b → web), "web:listener/9f8e" for a listener, the target group's
 * name; a Classic load balancer's and a security group's id are already short.
 */
export function displayName(resourceType: string, resourceId: string): string {
  const resource = /^arn:[^:]+:elasticloadbalancing:[^:]*:\d*:(.+)$/.exec(resourceId)?.[1];
  if (!resource) return resourceId;
  const parts = resource.split('/');
  if (resourceType === ELBV2_LOAD_BALANCER && parts[0] === 'loadbalancer') return parts[2] ?? resourceId;
  if (resourceType === ELBV2_LISTENER && parts[0] === 'listener') return `${parts[2]}:listener/${parts[4]}`;
  if (parts[0] === 'targetgroup') return `targetgroup/${parts[1]}`;
  return resource;
}

/** arn:…:listener/app/web/1a2b/9f8e → arn:…:loadbalancer/app/web/1a2b */
function listenerLoadBalancer(listenerArn: string): string | undefined {
  const match =
    /^(arn:[^:]+:elasticloadbalancing:[^:]*:\d*:)listener\/((?:app|net|gwy)\/[^/]+\/[^/]+)\/[^/]+$/.exec(
      listenerArn,
    );
  return match ? `${match[1]}loadbalancer/${match[2]}` : undefined;
}
