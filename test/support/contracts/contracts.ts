// Every check of the contract layer for one template: each deployment (pseudo parameters x parameter
// sets) resolved, each Config rule, remediation configuration and SSM document turned into its API
// request and checked against the botocore model, plus the limits no model states.
import { loadServiceModel, type ServiceModel } from './botocore.js';
import { Deployment, PSEUDO_SETS, type Template, UnresolvableError } from './intrinsics.js';
import { parameterConstraintErrors, parameterSets } from './parameter-sets.js';
import { apiRequest, CHECKED_TYPES, MAX_SSM_DOCUMENT_BYTES } from './requests.js';
import { checkRequest, checkShape } from './shape-check.js';

export interface ContractViolation {
  template: string;
  resource: string;
  /** The resource's type, or the limit's scope (template, parameter). */
  type: string;
  path: string;
  message: string;
  /** The deployments that hit it: region and parameter set. */
  deployments: string[];
  /** The resolved resource properties, for matching known violations. */
  properties?: Record<string, unknown>;
}

/** PutConformancePack with TemplateBody takes at most this many bytes (PutConformancePack, TemplateBody). */
export const MAX_PACK_TEMPLATE_BODY_BYTES = 51_200;
/** A pack template through TemplateS3Uri may be at most 300 KB (PutConformancePack, TemplateS3Uri). */
export const MAX_PACK_TEMPLATE_BYTES = 300 * 1024;

/** What AWS documents for pack templates and its own sample packs use: nothing more. */
export const PACK_RESOURCE_TYPES = ['AWS::Config::ConfigRule', 'AWS::Config::RemediationConfiguration'];
export const PACK_PARAMETER_TYPES = ['String'];
export const PACK_INTRINSICS = ['Ref', 'Fn::If', 'Fn::Equals', 'Fn::Not'];

export type TemplateKind = 'stack' | 'stackset' | 'pack';

export class ViolationLog {
  private readonly byKey = new Map<string, ContractViolation>();

  add(v: Omit<ContractViolation, 'deployments'>, deployment: string): void {
    const key = [v.template, v.resource, v.path, v.message].join('|');
    const existing = this.byKey.get(key);
    if (existing) existing.deployments.push(deployment);
    else this.byKey.set(key, { ...v, deployments: [deployment] });
  }

  get all(): ContractViolation[] {
    return [...this.byKey.values()];
  }
}

export interface CheckStats {
  deployments: number;
  requests: number;
}

export function checkTemplate(
  name: string,
  template: Template,
  kind: TemplateKind,
  log: ViolationLog,
  options: { bytes?: number } = {},
): CheckStats {
  const models: Record<string, ServiceModel> = {
    config: loadServiceModel('config'),
    ssm: loadServiceModel('ssm'),
  };
  const stats: CheckStats = { deployments: 0, requests: 0 };
  const whole = (path: string, message: string) =>
    log.add({ template: name, resource: '-', type: 'template', path, message }, 'any');

  if (kind === 'stackset') {
    if (template.Parameters?.BootstrapVersion)
      whole(
        'Parameters.BootstrapVersion',
        'StackSets deploy into accounts without CDK bootstrap: no BootstrapVersion parameter',
      );
    if (template.Rules?.CheckBootstrapVersion)
      whole(
        'Rules.CheckBootstrapVersion',
        'StackSets deploy into accounts without CDK bootstrap: no CheckBootstrapVersion rule',
      );
    for (const [p, spec] of Object.entries(template.Parameters ?? {}))
      if (
        String(spec.Type).startsWith('AWS::SSM::Parameter') &&
        String(spec.Default ?? '').includes('cdk-bootstrap')
      )
        whole(`Parameters.${p}`, 'reads a CDK bootstrap SSM parameter, absent in member accounts');
  }
  if (kind === 'pack') checkPackSubset(template, whole, options.bytes);

  for (const pseudo of PSEUDO_SETS) {
    for (const set of parameterSets(template, pseudo)) {
      const deployment = `${pseudo.region}, ${set.label}`;
      stats.deployments++;
      for (const [p, value] of Object.entries(set.values)) {
        const spec = template.Parameters![p]!;
        for (const error of parameterConstraintErrors(p, spec, value))
          log.add(
            {
              template: name,
              resource: p,
              type: 'parameter',
              path: `Parameters.${p}`,
              message: `test value refused by the template itself: ${error}`,
            },
            deployment,
          );
      }
      if (kind === 'pack') {
        // The values a deployer passes (or the defaults Config applies) go through ConformancePackInputParameter.
        const input = Object.entries(set.values).map(([ParameterName, ParameterValue]) => ({
          ParameterName,
          ParameterValue,
        }));
        for (const v of checkShape(
          models.config!,
          'ConformancePackInputParameters',
          input.slice(0, 60),
          'ConformancePackInputParameters',
        ))
          log.add(
            { template: name, resource: '-', type: 'PutConformancePack', path: v.path, message: v.message },
            deployment,
          );
        for (const { ParameterName, ParameterValue } of input)
          for (const v of checkShape(
            models.config!,
            'ConformancePackInputParameter',
            { ParameterName, ParameterValue },
            ParameterName,
          ))
            log.add(
              {
                template: name,
                resource: ParameterName,
                type: 'PutConformancePack',
                path: v.path,
                message: v.message,
              },
              deployment,
            );
      }
      const resolved = new Deployment(template, set.values, pseudo);
      let resources: ReturnType<Deployment['resources']>;
      try {
        resources = resolved.resources(CHECKED_TYPES);
      } catch (error) {
        if (!(error instanceof UnresolvableError)) throw error;
        log.add(
          { template: name, resource: '-', type: 'template', path: '-', message: error.message },
          deployment,
        );
        continue;
      }
      for (const r of resources) {
        const request = apiRequest(r.type, r.properties, `${pseudo.stackName}-${r.id}`.slice(0, 115));
        stats.requests++;
        for (const v of checkRequest(models[request.service]!, request.operation, request.request))
          log.add(
            {
              template: name,
              resource: r.id,
              type: r.type,
              path: `${request.operation} ${v.path}`,
              message: v.message,
              properties: r.properties,
            },
            deployment,
          );
        if (request.operation === 'CreateDocument') {
          const bytes = Buffer.byteLength(String(request.request.Content));
          if (bytes > MAX_SSM_DOCUMENT_BYTES)
            log.add(
              {
                template: name,
                resource: r.id,
                type: r.type,
                path: 'CreateDocument Content',
                message: `${bytes} bytes > ${MAX_SSM_DOCUMENT_BYTES} (SSM document content limit)`,
              },
              deployment,
            );
        }
      }
    }
  }
  return stats;
}

function checkPackSubset(
  template: Template,
  whole: (path: string, message: string) => void,
  bytes?: number,
): void {
  if (bytes !== undefined && bytes > MAX_PACK_TEMPLATE_BYTES)
    whole('-', `${bytes} bytes > ${MAX_PACK_TEMPLATE_BYTES}, the most a pack template may be`);
  for (const [id, r] of Object.entries(template.Resources))
    if (!PACK_RESOURCE_TYPES.includes(r.Type))
      whole(`Resources.${id}`, `${r.Type} cannot be in a conformance pack`);
  for (const [p, spec] of Object.entries(template.Parameters ?? {})) {
    if (!PACK_PARAMETER_TYPES.includes(String(spec.Type)))
      whole(
        `Parameters.${p}`,
        `Type ${spec.Type}: pack parameters are String (AWS documents and uses no other type)`,
      );
    if (String(spec.Default ?? '').length > 4096)
      whole(`Parameters.${p}`, `default of ${String(spec.Default).length} characters > 4096`);
  }
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        walk(v, `${path}[${i}]`);
      });
    } else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) {
        if ((k.startsWith('Fn::') || k === 'Ref') && !PACK_INTRINSICS.includes(k))
          whole(
            path,
            `${k} is not among the intrinsics AWS documents for packs (${PACK_INTRINSICS.join(', ')})`,
          );
        if (k === 'Ref' && typeof v === 'string' && v.startsWith('AWS::') && v !== 'AWS::NoValue')
          whole(path, `pseudo parameter ${v} is not documented for packs`);
        walk(v, `${path}.${k}`);
      }
  };
  walk(template.Resources, 'Resources');
  walk(template.Conditions ?? {}, 'Conditions');
}
