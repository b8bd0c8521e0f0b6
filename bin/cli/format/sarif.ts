// The SARIF 2.1.0 report, for code-scanning dashboards. One result per non-compliant load
// balancer and rule (kind "fail", level from the rule's severity), and one per load balancer that
// could not be judged (kind "open"). The location is the load balancer's ARN; the fingerprint
// (account, region, rule, resource) lets a dashboard follow a finding from run to run.
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Evaluation } from '../../../rules/core/engine/judge.js';
import type { AnyRule, Severity } from '../../../rules/core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER } from '../../../rules/core/model/model.js';
import type { AuditResult } from '../audit/audit.js';
import { controlLabel, summarizeAudit } from '../audit/summary.js';
import { remediationHint } from './remediation.js';
import { TOOL } from './tool.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  informational: 'note',
};

/** GitHub code scanning reads this 0–10 score to rank alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  informational: '0.0',
};

/** Where a finding sits in a file (infrastructure code), for code scanning to annotate the line. */
export interface SourceLocation {
  uri: string;
  line?: number;
}

export function formatSarif(
  result: AuditResult,
  rules: readonly AnyRule[],
  sourceOf?: (e: Evaluation) => SourceLocation | undefined,
): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors: ReportingDescriptor[] = rules.map((rule) => {
    const hint = remediationHint(rule);
    return {
      id: rule.id,
      name: pascal(rule.id),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.description },
      help: {
        text: `${rule.description}\n\nRemediation: ${hint}`,
        markdown: `${rule.description}\n\n**Remediation:** ${hint}\n\n**Controls:** ${rule.controls.map(controlLabel).join(', ') || 'none'}`,
      },
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: {
        tags: ['security', 'aws', 'elb', ...rule.controls.map(controlLabel)],
        precision: 'very-high',
        'security-severity': SECURITY_SEVERITY[rule.severity],
        severity: rule.severity,
      },
    };
  });
  const severityOf = new Map(rules.map((r) => [r.id, r.severity]));
  const results: Result[] = [];
  for (const e of result.evaluations) {
    if (e.complianceType !== 'NON_COMPLIANT' && e.complianceType !== 'INSUFFICIENT_DATA') continue;
    const failing = e.complianceType === 'NON_COMPLIANT';
    const severity = severityOf.get(e.ruleId) ?? 'medium';
    const source = sourceOf?.(e);
    results.push({
      ruleId: e.ruleId,
      ...(ruleIndex.has(e.ruleId) ? { ruleIndex: ruleIndex.get(e.ruleId) } : {}),
      kind: failing ? 'fail' : 'open',
      level: failing ? LEVEL[severity] : 'none',
      message: { text: messageOf(e) },
      locations: [
        {
          // A URI reference: anything outside the ARN alphabet is percent-encoded.
          physicalLocation: source
            ? {
                artifactLocation: { uri: encodeURI(source.uri).replace(/[[\]]/g, encodeURIComponent) },
                ...(source.line ? { region: { startLine: source.line } } : {}),
              }
            : {
                artifactLocation: { uri: encodeURI(arnOf(e)).replace(/[[\]]/g, encodeURIComponent) },
              },
          logicalLocations: [
            {
              name: e.resourceName,
              fullyQualifiedName: `${e.accountId}/${e.region}/${e.resourceName}`,
              kind: 'resource',
            },
          ],
        },
      ],
      partialFingerprints: {
        'elbConfigRulesResource/v1': createHash('sha256')
          .update(`${e.accountId}|${e.region}|${e.ruleId}|${e.resourceId}`)
          .digest('hex'),
      },
      properties: {
        accountId: e.accountId,
        region: e.region,
        resourceType: e.resourceType,
        resourceId: e.resourceId,
        complianceType: e.complianceType,
        findings: e.findings,
      },
    });
  }
  const summary = summarizeAudit(result, rules);
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            semanticVersion: TOOL.version,
            informationUri: TOOL.homepage,
            rules: descriptors,
          },
        },
        invocations: [
          {
            executionSuccessful: result.errors.length === 0,
            toolExecutionNotifications: [
              ...result.errors.map((error) => ({
                level: 'error' as const,
                message: {
                  text: `${error.accountId ?? ''}${error.accountId ? '/' : ''}${error.region}: ${error.code}: ${error.message}`,
                },
              })),
              ...result.skipped.map((skip) => ({
                level: 'note' as const,
                message: {
                  text: `skipped ${skip.accountId ?? ''}${skip.accountId ? '/' : ''}${skip.region}: ${skip.reason}`,
                },
              })),
            ],
          },
        ],
        results,
        properties: {
          loadBalancers: summary.loadBalancers,
          compliance: summary.compliance,
          scopes: summary.scopes,
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function messageOf(e: Evaluation): string {
  const where = `${e.resourceName} (${e.accountId}/${e.region})`;
  if (e.complianceType === 'INSUFFICIENT_DATA') return `${where}: ${e.error?.reason ?? e.annotation}`;
  const findings = e.findings.length ? e.findings : [e.annotation];
  return `${where}: ${findings.join('; ')}`;
}

/** ELBv2 ids are ARNs already; a Classic load balancer is known by name, so build its ARN. */
export function arnOf(e: Pick<Evaluation, 'resourceType' | 'resourceId' | 'region' | 'accountId'>): string {
  if (e.resourceType === CLASSIC_LOAD_BALANCER && !e.resourceId.startsWith('arn:'))
    return `arn:aws:elasticloadbalancing:${e.region}:${e.accountId}:loadbalancer/${e.resourceId}`;
  return e.resourceId;
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase());
}
