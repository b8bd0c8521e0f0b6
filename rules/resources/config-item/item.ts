// Configuration items in one canonical shape. Change notifications and GetResourceConfigHistory
// spell the same item differently (ARN/arn, awsAccountId/accountId, configuration as object or as
// a JSON string); both normalise to this.
import { field, isObject, parseMaybeJson, str } from '../shape.js';

export interface ConfigurationItem {
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  arn?: string;
  accountId: string;
  region: string;
  status: string;
  captureTime: string;
  configuration: unknown;
  supplementaryConfiguration: Record<string, unknown>;
  /** Undefined when the item does not carry tags at all (so they must be read). */
  tags?: Record<string, string>;
}

/** Statuses whose configuration describes a resource that exists and can be judged. */
export const EVALUABLE_STATUSES = new Set(['OK', 'ResourceDiscovered']);

export class InvalidConfigurationItemError extends Error {
  override name = 'InvalidConfigurationItemError';
}

export function normalizeConfigurationItem(raw: unknown, where = 'configurationItem'): ConfigurationItem {
  if (!isObject(raw)) throw new InvalidConfigurationItemError(`${where}: expected an object`);
  const required = (name: string, ...aliases: string[]): string => {
    const value = str(raw, name, ...aliases);
    if (!value) throw new InvalidConfigurationItemError(`${where}.${name}: missing; expected a string`);
    return value;
  };
  const capture = field(raw, 'configurationItemCaptureTime');
  const supplementary = parseMaybeJson(field(raw, 'supplementaryConfiguration'));
  const supplementaryConfiguration: Record<string, unknown> = {};
  if (isObject(supplementary)) {
    for (const [key, value] of Object.entries(supplementary))
      supplementaryConfiguration[key] = parseMaybeJson(value);
  }
  const rawTags = parseMaybeJson(field(raw, 'tags'));
  return {
    resourceType: required('resourceType'),
    resourceId: required('resourceId'),
    resourceName: str(raw, 'resourceName'),
    arn: str(raw, 'ARN', 'arn'),
    accountId: required('awsAccountId', 'accountId'),
    region: required('awsRegion'),
    status: required('configurationItemStatus'),
    captureTime:
      capture instanceof Date ? capture.toISOString() : (str(raw, 'configurationItemCaptureTime') ?? ''),
    configuration: parseMaybeJson(field(raw, 'configuration')) ?? null,
    supplementaryConfiguration,
    tags: isObject(rawTags) ? stringRecord(rawTags) : undefined,
  };
}

function stringRecord(obj: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, String(v)]));
}
