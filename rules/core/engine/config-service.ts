// The Config API calls the engine makes besides PutEvaluations.
import {
  type ConfigServiceClient,
  GetResourceConfigHistoryCommand,
  paginateGetComplianceDetailsByConfigRule,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import type { ResourceRef } from '../model/model.js';
import { str } from '../resources/shape.js';
import { InvalidEventError } from './event.js';

/** The item an oversized notification summarises: the newest one at or before its capture time. */
export async function fetchOversizedItem(
  client: ConfigServiceClient,
  summary: Record<string, unknown>,
): Promise<unknown> {
  const resourceType = str(summary, 'resourceType');
  const resourceId = str(summary, 'resourceId');
  const captureTime = str(summary, 'configurationItemCaptureTime');
  if (!resourceType || !resourceId) {
    throw new InvalidEventError('invokingEvent.configurationItemSummary: needs resourceType and resourceId');
  }
  const out = await client.send(
    new GetResourceConfigHistoryCommand({
      resourceType: resourceType as ResourceType,
      resourceId,
      ...(captureTime ? { laterTime: new Date(captureTime) } : {}),
      limit: 1,
    }),
  );
  const item = out.configurationItems?.[0];
  if (!item) throw new Error(`GetResourceConfigHistory returned no item for ${resourceType} ${resourceId}`);
  return item;
}

/** Every resource the rule has a COMPLIANT or NON_COMPLIANT result for. */
export async function listEvaluatedResources(
  client: ConfigServiceClient,
  ruleName: string,
): Promise<ResourceRef[]> {
  const refs: ResourceRef[] = [];
  const pages = paginateGetComplianceDetailsByConfigRule(
    { client, pageSize: 100 },
    { ConfigRuleName: ruleName, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'] },
  );
  for await (const page of pages) {
    for (const result of page.EvaluationResults ?? []) {
      const qualifier = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
      if (qualifier?.ResourceType && qualifier.ResourceId) {
        refs.push({ resourceType: qualifier.ResourceType, resourceId: qualifier.ResourceId });
      }
    }
  }
  return refs;
}

/** IAM actions the engine needs for every rule, whatever its facets. */
export const ENGINE_IAM_ACTIONS = [
  'config:PutEvaluations',
  'config:GetResourceConfigHistory',
  'config:GetComplianceDetailsByConfigRule',
] as const;
