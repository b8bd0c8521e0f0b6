// Typed rule parameters. Config passes them as a JSON object of strings; each rule declares what
// it accepts, and a bad value fails the invocation with the parameter's name and expected form.
import { InputError } from '../model/errors.js';

interface ParamBase {
  description: string;
}
export interface BooleanParam extends ParamBase {
  type: 'boolean';
  default: boolean;
}
export interface IntegerParam extends ParamBase {
  type: 'integer';
  default: number;
  min?: number;
  max?: number;
}
export interface EnumParam<V extends string = string> extends ParamBase {
  type: 'enum';
  values: readonly V[];
  default: V;
}
export interface StringParam extends ParamBase {
  type: 'string';
  default: string;
  pattern?: RegExp;
  /** Human form of the pattern, for error messages: "an IAM role name". */
  expected?: string;
}
export interface StringListParam extends ParamBase {
  type: 'stringList';
  default: readonly string[];
  itemPattern?: RegExp;
  expected?: string;
}

export type ParamSpec = BooleanParam | IntegerParam | EnumParam | StringParam | StringListParam;
export type ParamSpecs = Record<string, ParamSpec>;

export type ParamValue<S extends ParamSpec> = S extends BooleanParam
  ? boolean
  : S extends IntegerParam
    ? number
    : S extends EnumParam<infer V>
      ? V
      : S extends StringParam
        ? string
        : readonly string[];

export type ParamValues<P extends ParamSpecs> = { readonly [K in keyof P]: ParamValue<P[K]> };

/** Parameters the engine itself reads, accepted by every rule. */
export const ENGINE_PARAMETERS: ParamSpecs = {
  ExecutionRoleName: {
    type: 'string',
    default: '',
    pattern: /^[\w+=,.@/-]{1,64}$/,
    expected: 'an IAM role name (the rule assumes arn:<partition>:iam::<evaluated account>:role/<name>)',
    description:
      'Central-account mode: the role the rule assumes in the evaluated account. Empty means the rule reads with its own role.',
  },
};

export class InvalidParameterError extends InputError {
  override name = 'InvalidParameterError';
}

/**
 * Parses raw parameters against the specs. An absent or empty value takes the default (conformance
 * packs cannot omit a parameter, so "" means "not set"); any other unparseable value is an error.
 */
export function parseParameters<P extends ParamSpecs>(
  specs: P,
  raw: Record<string, unknown>,
): ParamValues<P> {
  const known = new Set([...Object.keys(specs), ...Object.keys(ENGINE_PARAMETERS)]);
  for (const name of Object.keys(raw)) {
    if (!known.has(name)) {
      throw new InvalidParameterError(
        `Unknown rule parameter "${name}". Expected one of: ${[...known].sort().join(', ')}.`,
      );
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = raw[name];
    out[name] =
      value === undefined || value === null || value === '' ? spec.default : parseOne(name, spec, value);
  }
  return out as ParamValues<P>;
}

export function engineParameters(raw: Record<string, unknown>): { executionRoleName?: string } {
  const parsed = parseParameters(ENGINE_PARAMETERS, pick(raw, Object.keys(ENGINE_PARAMETERS)));
  const name = parsed.ExecutionRoleName as string;
  return name ? { executionRoleName: name } : {};
}

/** The expected form of a parameter, in words, for errors and documentation. */
export function expectedForm(spec: ParamSpec): string {
  switch (spec.type) {
    case 'boolean':
      return '"true" or "false"';
    case 'integer': {
      const range =
        spec.min !== undefined && spec.max !== undefined
          ? ` from ${spec.min} to ${spec.max}`
          : spec.min !== undefined
            ? ` of at least ${spec.min}`
            : spec.max !== undefined
              ? ` of at most ${spec.max}`
              : '';
      return `a whole number${range}`;
    }
    case 'enum':
      return `one of ${spec.values.map((v) => `"${v}"`).join(', ')}`;
    case 'string':
      return spec.expected ?? (spec.pattern ? `a string matching ${spec.pattern}` : 'a string');
    case 'stringList':
      return `a comma-separated list of ${spec.expected ?? 'values'}`;
  }
}

function parseOne(name: string, spec: ParamSpec, value: unknown): unknown {
  if (typeof value === 'object' && !(spec.type === 'stringList' && Array.isArray(value)))
    throw new InvalidParameterError(
      `Rule parameter "${name}" must be ${expectedForm(spec)} given as a string; got ${JSON.stringify(value)}.`,
    );
  const fail = (): never => {
    throw new InvalidParameterError(
      `Rule parameter "${name}" must be ${expectedForm(spec)}; got ${JSON.stringify(value)}.`,
    );
  };
  switch (spec.type) {
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const text = String(value).trim().toLowerCase();
      if (text === 'true') return true;
      if (text === 'false') return false;
      return fail();
    }
    case 'integer': {
      const text = String(value).trim();
      if (!/^-?\d+$/.test(text)) return fail();
      const n = Number(text);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return fail();
      return n;
    }
    case 'enum': {
      const text = String(value).trim();
      return spec.values.includes(text) ? text : fail();
    }
    case 'string': {
      if (typeof value !== 'string') return fail();
      const text = value.trim();
      if (spec.pattern && !spec.pattern.test(text)) return fail();
      return text;
    }
    case 'stringList': {
      if (Array.isArray(value) && value.some((v) => typeof v !== 'string')) return fail();
      const items = (Array.isArray(value) ? value : String(value).split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');
      // "," or " , " names no value at all: a typo, not a deliberate empty list ("" is the default).
      if (items.length === 0)
        throw new InvalidParameterError(
          `Rule parameter "${name}" must be ${expectedForm(spec)}; got ${JSON.stringify(value)}, which names none (leave it empty for the default).`,
        );
      if (spec.itemPattern) {
        const bad = items.find((item) => !spec.itemPattern?.test(item));
        if (bad !== undefined) {
          throw new InvalidParameterError(
            `Rule parameter "${name}" must be ${expectedForm(spec)}; item ${JSON.stringify(bad)} is not.`,
          );
        }
      }
      return items;
    }
  }
}

function pick(raw: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in raw).map((k) => [k, raw[k]]));
}
