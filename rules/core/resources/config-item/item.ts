// Configuration items in one canonical shape. Change notifications and GetResourceConfigHistory
// spell the same item differently (ARN/arn, awsAccountId/accountId, configuration as object or as
// a JSON string); both normalise to this.
import { InputError } from '../../model/errors.js';
import { tagsSchema } from '../facets/tags.js';
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
/** Every configurationItemStatus Config sends (ConfigurationItemStatus in the Config API). */
export const ITEM_STATUSES = [
  'OK',
  'ResourceDiscovered',
  'ResourceNotRecorded',
  'ResourceDeleted',
  'ResourceDeletedNotRecorded',
] as const;

export class InvalidConfigurationItemError extends InputError {
  override name = 'InvalidConfigurationItemError';
}

export function normalizeConfigurationItem(raw: unknown, where = 'configurationItem'): ConfigurationItem {
  if (!isObject(raw)) throw new InvalidConfigurationItemError(`${where}: expected an object`);
  const required = (name: string, ...aliases: string[]): string => {
    const value = field(raw, name, ...aliases);
    if (typeof value !== 'string' || value === '')
      throw new InvalidConfigurationItemError(
        `${where}.${name}: ${value === undefined ? 'missing' : `got ${JSON.stringify(value)}`}; expected a non-empty string`,
      );
    return value;
  };
  const optional = (name: string, ...aliases: string[]): string | undefined => {
    const value = field(raw, name, ...aliases);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string')
      throw new InvalidConfigurationItemError(
        `${where}.${name}: got ${JSON.stringify(value)}; expected a string`,
      );
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
    resourceName: optional('resourceName'),
    arn: optional('ARN', 'arn'),
    accountId: required('awsAccountId', 'accountId'),
    region: required('awsRegion'),
    status: itemStatus(field(raw, 'configurationItemStatus'), `${where}.configurationItemStatus`),
    captureTime:
      capture instanceof Date ? capture.toISOString() : (str(raw, 'configurationItemCaptureTime') ?? ''),
    configuration: parseMaybeJson(field(raw, 'configuration')) ?? null,
    supplementaryConfiguration,
    // Tags that are not all strings prove nothing: they are read live.
    tags: tagsSchema.safeParse(rawTags).success ? (rawTags as Record<string, string>) : undefined,
  };
}

/** The status, one of ITEM_STATUSES; anything else is refused with the field's name. */
export function itemStatus(value: unknown, where: string): string {
  if (typeof value === 'string' && (ITEM_STATUSES as readonly string[]).includes(value)) return value;
  throw new InvalidConfigurationItemError(
    `${where}: ${value === undefined ? 'missing' : `got ${JSON.stringify(value)}`}; expected one of ${ITEM_STATUSES.join(', ')}`,
  );
}
