// Names that must agree between the CDK stacks, the conformance packs and the docs. Everything that
// another template refers to by name (functions, evaluation role, remediation roles) is fixed here.
import { createHash } from 'node:crypto';
import type { AnyRule } from '../rules/core/engine/rule.js';

export const PROJECT = 'elb-config-rules';
/** Prefix of the fixed function names the conformance pack points at. */
export const FUNCTION_NAME_PREFIX = `${PROJECT}-`;
/** IAM path of every execution role, so an evaluation role can trust exactly these roles. */
export const EXECUTION_ROLE_PATH = `/${PROJECT}/`;
/** Default name of the role the central functions assume in each member account. */
export const DEFAULT_EVALUATION_ROLE_NAME = `${PROJECT}-evaluation`;

const IAM_ROLE_NAME_MAX = 64;
const LAMBDA_NAME_MAX = 64;
/** Longest region name in use (ap-southeast-5, us-isob-east-1, eusc-de-east-1), with room to spare. */
const REGION_NAME_MAX = 16;

/** The Config rule name: the rule id, optionally prefixed, so the console shows what the README lists. */
export function configRuleName(rule: AnyRule, prefix = ''): string {
  return `${prefix}${rule.id}`;
}

/** The fixed function name used in member and central accounts; Lambda names are regional. */
export function functionName(rule: AnyRule): string {
  return fitName(`${FUNCTION_NAME_PREFIX}${rule.id}`, LAMBDA_NAME_MAX);
}

/**
 * Name of a rule's remediation role without the region suffix. IAM is global while StackSets
 * deploy one stack per region, so the deployed name is `${remediationRoleBaseName}-${AWS::Region}`.
 */
export function remediationRoleBaseName(rule: AnyRule): string {
  return fitName(`${PROJECT}-fix-${rule.id}`, IAM_ROLE_NAME_MAX - REGION_NAME_MAX - 1);
}

/** PascalCase of a rule id, for logical ids and conformance-pack parameter names. */
export function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** Keeps a name within a limit; a name that is too long keeps its start and gains a short hash. */
function fitName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - hash.length - 1)}-${hash}`;
}
