// The parameter values a deployer may choose for a template: the defaults, each empty optional value
// filled in on its own, all of them filled in, and every choice of AllowedValues flipped. Values are
// realistic and as long as AWS allows them (a 64-character role name, a full Lambda ARN, a
// 34-character organization id), so length limits are met or broken as in a real deployment.
import type { Pseudo, Template, TemplateParameter } from './intrinsics.js';

export interface ParameterSet {
  label: string;
  values: Record<string, string>;
}

const OTHER_ACCOUNT = '987654321098';
/** The longest names AWS accepts for these. */
const ROLE_NAME_64 = 'elb-config-rules-evaluation-role-of-the-security-audit-account-x';
const FUNCTION_NAME_64 = 'elb-config-rules-custom-evaluator-for-the-security-audit-account';
const ORGANIZATION_ID = `o-${'a1b2c3d4e5'.repeat(3)}ab`;

/** A realistic value for an empty or required parameter, by what its name says it holds. */
export function realisticValue(name: string, pseudo: Pseudo): string | undefined {
  const { partition: p, region: r, accountId: a } = pseudo;
  if (/AccountId$/.test(name)) return OTHER_ACCOUNT;
  if (/OrganizationId$/.test(name)) return ORGANIZATION_ID;
  if (/FunctionArn$/.test(name)) return `arn:${p}:lambda:${r}:${OTHER_ACCOUNT}:function:${FUNCTION_NAME_64}`;
  if (/RoleName$/.test(name)) return ROLE_NAME_64;
  if (/CertificateArn$/.test(name))
    return `arn:${p}:acm:${r}:${a}:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
  if (/CodeBucketPrefix$/.test(name)) return 'acme-security-tooling-elb-config-rules-cd';
  if (name === 'BootstrapVersion') return '30';
  return undefined;
}

/** CloudFormation refuses a value outside the parameter's own constraints before anything is created. */
export function parameterConstraintErrors(name: string, spec: TemplateParameter, value: string): string[] {
  const errors: string[] = [];
  if (spec.AllowedValues && !spec.AllowedValues.map(String).includes(value))
    errors.push(`${name}=${value} is not in AllowedValues`);
  if (spec.AllowedPattern && !new RegExp(`^(?:${spec.AllowedPattern})$`).test(value))
    errors.push(`${name}=${value} does not match AllowedPattern ${spec.AllowedPattern}`);
  if (spec.MaxLength !== undefined && value.length > spec.MaxLength) errors.push(`${name} exceeds MaxLength`);
  return errors;
}

export function parameterSets(template: Template, pseudo: Pseudo): ParameterSet[] {
  const parameters = Object.entries(template.Parameters ?? {});
  const defaults: Record<string, string> = {};
  const fillable: string[] = [];
  for (const [name, spec] of parameters) {
    const filled = realisticValue(name, pseudo);
    if (spec.Default === undefined) {
      if (filled === undefined)
        throw new Error(
          `parameter ${name} has no default and the contract tests know no realistic value for it`,
        );
      defaults[name] = filled;
    } else {
      defaults[name] = String(spec.Default);
      if (defaults[name] === '' && filled !== undefined) fillable.push(name);
    }
  }
  const allFilled = { ...defaults };
  for (const name of fillable) allFilled[name] = realisticValue(name, pseudo)!;
  const flipped = { ...allFilled };
  for (const [name, spec] of parameters) {
    const other = spec.AllowedValues?.map(String).find((v) => v !== String(spec.Default));
    if (other !== undefined) flipped[name] = other;
  }
  const sets: ParameterSet[] = [
    { label: 'defaults', values: defaults },
    ...fillable.map((name) => ({
      label: `${name} filled in`,
      values: { ...defaults, [name]: realisticValue(name, pseudo)! },
    })),
    { label: 'every empty value filled in', values: allFilled },
    { label: 'every empty value filled in, every choice flipped', values: flipped },
  ];
  const seen = new Set<string>();
  return sets.filter((s) => {
    const key = JSON.stringify(s.values);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
