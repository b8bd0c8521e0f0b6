// Typed values: parameters arrive as Config sends them (lists of strings, one-value lists for scalars) or as typed
// values, and are coerced to the declared type; step outputs must already have their declared type.
import type { ParameterSpec, ParameterType } from './document.js';

export class ParameterError extends Error {
  override name = 'ParameterError';
}

/** Whether a value has an SSM type, exactly (no coercion). */
export function hasType(value: unknown, type: ParameterType): boolean {
  switch (type) {
    case 'String':
      return typeof value === 'string';
    case 'Integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'Boolean':
      return typeof value === 'boolean';
    case 'StringList':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'MapList':
      return Array.isArray(value) && value.every((item) => isMap(item));
    case 'StringMap':
      return isMap(value);
  }
}

function isMap(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A provided or default parameter value coerced to its declared type, or a ParameterError naming it. */
export function coerceParameter(name: string, spec: ParameterSpec, raw: unknown): unknown {
  const fail = (expected: string): never => {
    throw new ParameterError(
      `Parameter ${name} (${spec.type}) must be ${expected}; got ${JSON.stringify(raw)}`,
    );
  };
  // StartAutomationExecution (what Config calls) passes every parameter as a list of strings; SSM
  // reads a one-value list as that value for the scalar types.
  const scalar = spec.type === 'String' || spec.type === 'Integer' || spec.type === 'Boolean';
  let value: unknown =
    scalar && Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'string' ? raw[0] : raw;
  raw = value;
  switch (spec.type) {
    case 'String':
      if (typeof raw === 'number' || typeof raw === 'boolean') value = String(raw);
      if (typeof value !== 'string') fail('a string');
      break;
    case 'Integer':
      if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) value = Number(raw.trim());
      if (!hasType(value, 'Integer')) fail('an integer');
      break;
    case 'Boolean':
      if (raw === 'true' || raw === 'false') value = raw === 'true';
      if (typeof value !== 'boolean') fail('true or false');
      break;
    case 'StringList':
      if (typeof raw === 'string') value = [raw];
      if (!hasType(value, 'StringList')) fail('a list of strings');
      break;
    case 'MapList':
      if (typeof raw === 'string') value = parseJson(raw, fail);
      if (!hasType(value, 'MapList')) fail('a list of maps');
      break;
    case 'StringMap':
      if (typeof raw === 'string') value = parseJson(raw, fail);
      if (!hasType(value, 'StringMap')) fail('a map');
      break;
  }
  checkAllowed(name, spec, value);
  return value;
}

function parseJson(text: string, fail: (expected: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail('JSON');
  }
}

function checkAllowed(name: string, spec: ParameterSpec, value: unknown): void {
  const items = Array.isArray(value) ? value : [value];
  if (spec.allowedValues && !items.every((item) => spec.allowedValues?.includes(item as string))) {
    throw new ParameterError(
      `Parameter ${name} must be one of ${spec.allowedValues.join(', ')}; got ${JSON.stringify(value)}`,
    );
  }
  if (spec.allowedPattern && (spec.type === 'String' || spec.type === 'StringList')) {
    const pattern = new RegExp(spec.allowedPattern);
    const bad = items.find((item) => !pattern.test(String(item)));
    if (bad !== undefined) {
      throw new ParameterError(
        `Parameter ${name} must match ${spec.allowedPattern}; got ${JSON.stringify(bad)}`,
      );
    }
  }
}
