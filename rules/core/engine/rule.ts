// The shape of a rule: typed metadata that generates the stack, the conformance pack, the IAM
// policy and the docs, plus a pure evaluate() that reads nothing but its model and context.

import type {
  ChildResourceType,
  LoadBalancer,
  LoadBalancerKind,
  ReportedResourceType,
  TriggerResourceType,
} from '../model/model.js';
import type { AnyFacet, ModelOf } from '../resources/facet.js';
import type { RuleOutcome } from './outcome.js';
import type { ParamSpecs, ParamValues } from './parameters.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'informational';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'informational'];

/** Config's periodic frequencies. */
export type Frequency = 'One_Hour' | 'Three_Hours' | 'Six_Hours' | 'Twelve_Hours' | 'TwentyFour_Hours';

export interface ControlMapping {
  /** "Security Hub" for AWS Foundational Security Best Practices controls. */
  framework: 'Security Hub' | 'AWS Config managed rule';
  id: string;
  /**
   * How the rule, with its default parameters, relates to the control: the same verdicts
   * (equivalent, proven by a parity table), fails more (stricter), passes more (looser), or judges
   * something else that bears on it (related).
   */
  relation: 'equivalent' | 'stricter' | 'looser' | 'related';
  /** One line: where the default verdicts differ from the control's. */
  note?: string;
  /**
   * Parameter values, as Config passes them, under which the rule gives exactly the control's
   * verdicts (a parity preset). A parity table in test/rules/<id>/parity.ts proves it.
   */
  parity?: Readonly<Record<string, string>>;
}

/** An IAM statement a remediation role needs; resources may use ${AWS::Partition}, ${AWS::Region}, ${AWS::AccountId}. */
export interface PermissionStatement {
  actions: readonly string[];
  resources: readonly string[];
  conditions?: Record<string, Record<string, string | readonly string[]>>;
}

/** A static parameter of a remediation document, set per deployment. */
export interface RemediationParameter {
  /** A list goes to a StringList document parameter, one StaticValue value per item. */
  default: string | readonly string[];
  description: string;
}

/** A static value as Config passes it: one string, or a list for a StringList parameter. */
export type StaticValue = string | readonly string[];

/** How a rule's findings are fixed: an SSM Automation document of ours, or one AWS owns. */
export type RemediationLink =
  | {
      kind: 'document';
      /** Absolute path of the YAML file (schemaVersion 0.3): the document.yaml beside the link (rules/core/remediation/<name>/). */
      file: string;
      /** Name the document is deployed under. */
      documentName: string;
      description: string;
      /** Document parameter that receives the non-compliant resource id (ResourceValue: RESOURCE_ID). */
      resourceIdParameter: string;
      /** Other parameters, set from deployment props (StaticValue). */
      staticParameters: Record<string, RemediationParameter>;
      /** Least-privilege statements for the document's own assume role. */
      permissions: readonly PermissionStatement[];
      /** Static values that follow from the rule's deployed parameters, so rule and fix agree. */
      staticValuesFor?(ruleParameters: Record<string, unknown>): Record<string, StaticValue>;
    }
  | {
      kind: 'aws-managed';
      /** An AWS-owned runbook such as AWSConfigRemediation-EnableELBDeletionProtection. */
      documentName: string;
      description: string;
      resourceIdParameter: string;
      staticParameters: Record<string, RemediationParameter>;
      permissions: readonly PermissionStatement[];
      staticValuesFor?(ruleParameters: Record<string, unknown>): Record<string, StaticValue>;
      /** A rule parameter value under which this runbook would receive resources it does not accept. */
      unsupportedWhen?: { parameter: string; value: boolean | string; reason: string };
    };

export interface RuleContext<P> {
  params: P;
  /** The evaluation time; rules never read the clock themselves. */
  now: Date;
  accountId: string;
  region: string;
}

/** The verdict on one child of a load balancer (a listener, a target group), keyed by its ARN. */
export interface ChildOutcome {
  /** The child's ARN: Config's resource id for listeners and target groups. */
  resourceId: string;
  /** Short display name within its load balancer: "HTTPS:443", a target group name. */
  name: string;
  outcome: RuleOutcome;
}

/**
 * Per-resource reporting: with the parameter reportOn set to this type's value (see
 * per-resource.ts), the engine judges each load balancer's model once and reports one evaluation
 * per child, as Security Hub does for controls on listeners and target groups.
 */
export interface PerResourceReporting<M, V> {
  resourceType: ChildResourceType;
  /**
   * One outcome per child of the load balancer, every child included (NOT_APPLICABLE for those the
   * rule does not judge). `evaluate` is the rule's own, for rules that judge each child alone.
   */
  evaluateEach(
    model: M,
    context: RuleContext<V>,
    evaluate: (model: M, context: RuleContext<V>) => RuleOutcome,
  ): ChildOutcome[];
}

export interface RuleDefinition<
  P extends ParamSpecs = ParamSpecs,
  Needs extends readonly AnyFacet[] = readonly AnyFacet[],
> {
  id: string;
  title: string;
  /** One paragraph: what passes, what fails, and why it matters. */
  description: string;
  severity: Severity;
  /** Load balancer kinds the rule judges; every other kind is NOT_APPLICABLE. */
  appliesTo: readonly LoadBalancerKind[];
  /** Resource types the rule reports compliance on. */
  resourceTypes: readonly ReportedResourceType[];
  triggers: {
    /** Config changes to these types re-evaluate the affected load balancers. */
    changes: readonly TriggerResourceType[];
    /** Periodic sweeps catch drift no change event shows. */
    periodic?: Frequency;
  };
  parameters: P;
  /** Facets the model must carry; the engine refuses to judge when one could not be read. */
  needs: Needs;
  /** IAM actions beyond those of the facets and the engine. */
  extraIamActions?: readonly string[];
  remediation?: RemediationLink;
  controls: readonly ControlMapping[];
  /**
   * Decides NOT_APPLICABLE from what is already held (the load balancer and the parameters) before
   * any facet is read: the reason, or undefined when the rule applies.
   */
  applicable?(lb: LoadBalancer, params: ParamValues<P>): string | undefined;
  /** Cross-parameter checks; each returned string is an error naming the parameters. */
  validateParameters?(params: ParamValues<P>): string[];
  evaluate(model: ModelOf<Needs>, context: RuleContext<ParamValues<P>>): RuleOutcome;
  /** Reporting on each listener or target group instead of the load balancer, when reportOn selects it. */
  reportEach?: PerResourceReporting<ModelOf<Needs>, ParamValues<P>>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds rules of every parameter and facet shape.
export type AnyRule = RuleDefinition<any, readonly AnyFacet[]>;

/** Identity function that infers the parameter and facet types of a rule definition. */
export function defineRule<const P extends ParamSpecs, const Needs extends readonly AnyFacet[]>(
  rule: RuleDefinition<P, Needs>,
): RuleDefinition<P, Needs> {
  return rule;
}
