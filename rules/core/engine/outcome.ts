// What a rule's evaluate() returns. Non-compliance carries one finding per fault, each naming the
// listener, port, policy or CIDR at fault, so the annotation tells a person what to fix.

export type ConfigComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';
/** INSUFFICIENT_DATA is ours alone: Config refuses it from PutEvaluations, so the Lambda skips such resources. */
export type ComplianceType = ConfigComplianceType | 'INSUFFICIENT_DATA';

export type RuleOutcome =
  | { compliance: 'COMPLIANT'; annotation: string }
  | { compliance: 'NOT_APPLICABLE'; annotation: string }
  | { compliance: 'NON_COMPLIANT'; findings: readonly string[] };

export const compliant = (annotation: string): RuleOutcome => ({ compliance: 'COMPLIANT', annotation });
export const notApplicable = (annotation: string): RuleOutcome => ({
  compliance: 'NOT_APPLICABLE',
  annotation,
});
export const nonCompliant = (findings: readonly string[]): RuleOutcome => {
  if (findings.length === 0) throw new Error('nonCompliant() needs at least one finding');
  return { compliance: 'NON_COMPLIANT', findings };
};

/** NON_COMPLIANT with the findings when there are any, COMPLIANT with `whenClean` otherwise. */
export function fromFindings(findings: readonly string[], whenClean: string): RuleOutcome {
  return findings.length ? nonCompliant(findings) : compliant(whenClean);
}
