// The hook's answer from the template's verdicts. A NON_COMPLIANT evaluation blocks (FAILED,
// NonCompliant; the hook's FailureMode decides whether CloudFormation stops or warns). A value the
// template leaves unknown is listed as not evaluated and blocks only when failing closed.
import type { Evaluation } from '../../rules/core/engine/judge.js';
import type { AnyRule, Severity } from '../../rules/core/engine/rule.js';
import type { ScanResult } from '../cli/scan/run-scan.js';
import { type HookAnnotation, type HookResponse, MESSAGE_LIMIT, type SeverityLevel } from './event.js';

/** Annotations beyond this are left to the message: the guide gives no limit, the response should stay small. */
export const ANNOTATION_CAP = 50;

interface Line {
  kind: 'finding' | 'unknown' | 'text';
  text: string;
}

export function verdictOf(
  result: ScanResult,
  rules: readonly AnyRule[],
  token: string,
  options: { failOnUnknown: boolean },
): HookResponse {
  if (result.errors.length)
    return internalFailure(
      token,
      `The template could not be evaluated: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  const where = (e: Evaluation) => result.locations.get(e)?.id ?? e.resourceName;
  const findings = result.evaluations.filter((e) => e.complianceType === 'NON_COMPLIANT');
  const unknown = result.evaluations.filter((e) => e.complianceType === 'INSUFFICIENT_DATA');
  const judged = new Set(result.evaluations.map(where)).size;
  const blockedByUnknown = options.failOnUnknown && unknown.length > 0;

  const lines: Line[] = [];
  if (findings.length)
    lines.push({
      kind: 'text',
      text: `${count(findings.length, 'finding')} on ${count(new Set(findings.map(where)).size, 'resource')}:`,
    });
  for (const e of findings) lines.push({ kind: 'finding', text: `${where(e)} ${e.ruleId}: ${e.annotation}` });
  if (unknown.length)
    lines.push({
      kind: 'text',
      text: `Not evaluated, ${count(unknown.length, 'check')} on values known only at deployment${blockedByUnknown ? ' (failing closed)' : ''}:`,
    });
  for (const e of unknown)
    lines.push({ kind: 'unknown', text: `${where(e)} ${e.ruleId}: ${e.error?.reason ?? e.annotation}` });

  const annotations = annotationsOf(findings, unknown, rules, where);
  if (findings.length || blockedByUnknown)
    return {
      hookStatus: 'FAILED',
      errorCode: 'NonCompliant',
      message: fitMessage(lines),
      clientRequestToken: token,
      ...(annotations.length ? { annotations } : {}),
    };
  const summary =
    judged === 0
      ? 'No load balancer in the template: nothing to evaluate.'
      : `Compliant: ${count(judged, 'resource')} evaluated with ${count(rules.length, 'rule')}.`;
  return {
    hookStatus: 'SUCCESS',
    message: fitMessage([{ kind: 'text', text: summary }, ...lines]),
    clientRequestToken: token,
    ...(annotations.length ? { annotations } : {}),
  };
}

export function internalFailure(token: string, message: string): HookResponse {
  return {
    hookStatus: 'FAILED',
    errorCode: 'InternalFailure',
    message: cut(message, MESSAGE_LIMIT),
    clientRequestToken: token,
  };
}

/** As many whole lines as fit in the limit, then how many findings and checks were left out. */
export function fitMessage(lines: readonly Line[], limit = MESSAGE_LIMIT): string {
  const tailOf = (rest: readonly Line[]) => {
    const left = rest.filter((l) => l.kind === 'finding').length;
    const skipped = rest.filter((l) => l.kind === 'unknown').length;
    const parts = [left && count(left, 'more finding'), skipped && count(skipped, 'more unevaluated check')];
    const said = parts.filter(Boolean);
    return said.length ? `\n… and ${said.join(' and ')} not shown.` : '';
  };
  let text = '';
  for (let i = 0; i < lines.length; i++) {
    const line = cut(lines[i]?.text ?? '', limit);
    const next = text ? `${text}\n${line}` : line;
    const tail = tailOf(lines.slice(i + 1));
    if (next.length + tail.length <= limit) {
      text = next;
      continue;
    }
    return text + tailOf(lines.slice(i));
  }
  return text;
}

function annotationsOf(
  findings: readonly Evaluation[],
  unknown: readonly Evaluation[],
  rules: readonly AnyRule[],
  where: (e: Evaluation) => string,
): HookAnnotation[] {
  const ruleOf = (id: string) => rules.find((r) => r.id === id);
  const failed = findings.map(
    (e): HookAnnotation => ({
      annotationName: e.ruleId,
      status: 'FAILED',
      statusMessage: `${where(e)}: ${e.annotation}`,
      ...(ruleOf(e.ruleId) ? { remediationMessage: ruleOf(e.ruleId)?.title } : {}),
      ...(ruleOf(e.ruleId) ? { severityLevel: SEVERITY_LEVEL[ruleOf(e.ruleId)?.severity ?? 'medium'] } : {}),
    }),
  );
  const skipped = unknown.map(
    (e): HookAnnotation => ({
      annotationName: e.ruleId,
      status: 'SKIPPED',
      statusMessage: `${where(e)}: ${e.error?.reason ?? e.annotation}`,
    }),
  );
  return [...failed, ...skipped].slice(0, ANNOTATION_CAP);
}

const SEVERITY_LEVEL: Record<Severity, SeverityLevel> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  informational: 'INFORMATIONAL',
};

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
