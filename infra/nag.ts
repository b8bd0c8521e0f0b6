// cdk-nag v3 acknowledgements: every one names the exact finding and carries the reason a reviewer
// needs. Wildcard findings are printed with tokens resolved to <AWS::X>, so we match that form.
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { DeploymentConfigError } from './rule-parameters.js';

/** cdk-nag v2 required this much; v3 stores any reason, so the wrapper keeps the bar. */
export const MIN_REASON_LENGTH = 10;

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH)
    throw new DeploymentConfigError(
      `Acknowledgement of ${id} needs a reason of ${MIN_REASON_LENGTH} characters or more; got ${JSON.stringify(reason)}.`,
    );
  Validations.of(scope).acknowledge({ id, reason });
}

/** The IAM5 finding id cdk-nag reports for a wildcard resource. */
export function wildcardFinding(resource: string): string {
  const printed = resource
    .replace(/\$\{Token\[AWS\.(\w+)\.\d+\]\}/g, '<AWS::$1>')
    .replace(/\$\{(AWS::\w+)\}/g, '<$1>');
  return `AwsSolutions-IAM5[Resource::${printed}]`;
}

/** Acknowledges each wildcard resource of `statements` once, joining the reasons of every statement using it. */
export function acknowledgeWildcards<S extends { resources: readonly string[] }>(
  scope: IConstruct,
  statements: readonly S[],
  reasonFor: (statement: S, resource: string) => string,
): void {
  const reasons = new Map<string, string[]>();
  for (const s of statements) {
    for (const resource of s.resources) {
      if (!resource.includes('*')) continue;
      const id = wildcardFinding(resource);
      reasons.set(id, [...(reasons.get(id) ?? []), reasonFor(s, resource)]);
    }
  }
  for (const [id, list] of reasons) acknowledge(scope, id, [...new Set(list)].join(' '));
}
