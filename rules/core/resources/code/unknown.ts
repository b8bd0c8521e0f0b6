// What infrastructure code cannot tell before deployment: a parameter without a default, an
// attribute of another resource, an import, a condition, a Terraform "known after apply". Such a
// value is unknown, never a default: reading it throws, and the engine turns the throw into
// INSUFFICIENT_DATA, as it does for a field a Config item does not supply.

import { ElbConfigRulesError } from '../../model/errors.js';

export class Unknown {
  constructor(readonly reason: string) {}
}

export const isUnknown = (value: unknown): value is Unknown => value instanceof Unknown;

/** Thrown when a rule reads a field of a model that the code leaves unknown. */
export class UnknownValueError extends ElbConfigRulesError {
  override name = 'UnknownBeforeDeployment';
}

/**
 * The object with its unknown fields: reading one of them throws UnknownValueError naming why.
 * `strict` makes every field that is neither known nor listed unknown too (attributes whose
 * default the documentation does not give).
 */
export function withUnknownFields<T extends object>(
  known: T,
  unknown: Readonly<Record<string, string>>,
  strict?: { what: string },
): T {
  if (!strict && Object.keys(unknown).length === 0) return known;
  return new Proxy(known, {
    get(target, key, receiver) {
      if (typeof key === 'string') {
        const reason = unknown[key];
        if (reason !== undefined) throw new UnknownValueError(reason);
        if (strict && !(key in target) && !OBJECT_KEYS.has(key))
          throw new UnknownValueError(
            `${strict.what}: ${key} is not set in the code and has no documented default`,
          );
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/** Keys that generic code reads on any object (JSON.stringify, promises, inspection). */
const OBJECT_KEYS = new Set(['toJSON', 'then', 'constructor', 'valueOf', 'toString', 'inspect']);
