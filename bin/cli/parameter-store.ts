// List parameters given as ssm:/path on the command line. The CLI runs the rules itself, so it reads
// the parameter once per run with its own credentials (the profile, else the default chain) in its
// default region, before any audit call; a snapshot audit reads no AWS and refuses references.
import { createAwsClient } from '../../rules/core/aws/client.js';
import {
  parameterStoreReferences,
  type ReadParameter,
  resolveParameterStore,
  splitParameterStoreReferences,
} from '../../rules/core/engine/parameter-store.js';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import { ssmParameterReader } from '../../rules/core/engine/ssm-parameter-reader.js';
import { openSession } from './aws-session.js';
import { UsageError } from './usage-error.js';

export async function resolveCliParameters(
  rules: readonly AnyRule[],
  parameters: Record<string, Record<string, unknown>>,
  where: { snapshot: boolean; profile?: string; regions: readonly string[] },
): Promise<Record<string, Record<string, unknown>>> {
  const referring = rules.filter(
    (r) => parameterStoreReferences(r.parameters, parameters[r.id] ?? {}).length,
  );
  if (!referring.length) return parameters;
  if (where.snapshot)
    throw new UsageError(
      `--param ${referring[0]!.id}: an ssm: value needs AWS; a --snapshot audit reads none, so give the list inline`,
    );
  const session = await openSession(where.profile);
  const ssm = await import('@aws-sdk/client-ssm');
  const region = session.defaultRegion ?? where.regions[0];
  if (!region)
    throw new UsageError('An ssm: parameter value needs a region: pass --region R or set AWS_REGION');
  const read: ReadParameter = ssmParameterReader(
    ssm,
    createAwsClient(ssm.SSMClient, { region, credentials: session.credentials }),
    `the account of ${where.profile ? `profile ${where.profile}` : 'the default credentials'} in ${region}`,
  );
  const out = { ...parameters };
  for (const rule of referring)
    out[rule.id] = await resolveParameterStore(rule.parameters, parameters[rule.id]!, read);
  return out;
}

/**
 * The parameters without their ssm: references (checked for form on the way), so the inline values
 * can be validated before any AWS call; a referenced list is validated once read.
 */
export function inlineParameters(
  rules: readonly AnyRule[],
  parameters: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(parameters).map(([id, values]) => {
      const rule = rules.find((r) => r.id === id);
      return [id, rule ? splitParameterStoreReferences(rule.parameters, values).inline : values];
    }),
  );
}
