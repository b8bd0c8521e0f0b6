// A part of a configuration item and the schema it must pass before it counts. A part that fails
// its schema is not supplied: the engine reads it live instead, and never fills it with a default.
// Config spells keys dNSName, vpcid or vPCId depending on the sample, so schemas name keys in lower
// case and are checked against the part with its keys lower-cased (unless the keys are data).
import type { z } from 'zod';

export interface ItemPart {
  /** Path from the raw item: ['configuration'], ['supplementaryConfiguration', 'LoadBalancerAttributes']... */
  readonly path: readonly string[];
  readonly schema: z.ZodType;
  /** Whether keys are lower-cased before the check (false where keys are data, as tag keys are). */
  readonly lowerKeys: boolean;
}

/** Keys lower-cased at every depth, so one schema covers every casing Config uses. */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
  return value;
}

/** Whether the value proves what the part supplies. */
export function proves(part: Pick<ItemPart, 'schema' | 'lowerKeys'>, value: unknown): boolean {
  return part.schema.safeParse(part.lowerKeys ? lowerKeys(value) : value).success;
}
