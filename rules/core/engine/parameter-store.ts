// List parameters read from SSM Parameter Store. A list parameter whose value is "ssm:/a/path"
// takes its items from that String or StringList parameter (comma-separated, like an inline list),
// so lists longer than Config's 1,024-character InputParameters fit. The reference is resolved
// before parsing, so the content is validated exactly like an inline value. A parameter that cannot
// be read fails the invocation: the list is never taken as empty.
import { ElbConfigRulesError } from '../model/errors.js';
import { InvalidParameterError, type ParamSpecs, parseParameters } from './parameters.js';

export const PARAMETER_STORE_PREFIX = 'ssm:';
/** SSM's limit on a parameter name, and its hierarchy depth. */
const MAX_PATH_LENGTH = 1011;
const MAX_PATH_DEPTH = 15;
/** SSM parameter names: letters, digits, "_", ".", "-", in "/"-separated levels. */
const PATH = /^(\/[A-Za-z0-9_.-]+)+$/;

export const PARAMETER_STORE_FORM =
  'ssm:/path/to/parameter (a String or StringList parameter of this account and region, comma-separated)';

export class ParameterStoreError extends ElbConfigRulesError {
  override name = 'ParameterStoreError';
}

export interface ParameterReference {
  /** The rule parameter. */
  parameter: string;
  /** The SSM parameter name, starting with "/". */
  path: string;
}

/** Reads one SSM parameter's value; throws ParameterStoreError naming the path on any failure. */
export type ReadParameter = (path: string) => Promise<string>;

/**
 * The SSM path a raw parameter value refers to, or undefined for an inline value. Only the literal
 * prefix "ssm:" counts; what follows must be a parameter path, else the value is refused.
 */
export function parameterStorePath(parameter: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text.startsWith(PARAMETER_STORE_PREFIX)) return undefined;
  const path = text.slice(PARAMETER_STORE_PREFIX.length);
  const depth = path.split('/').length - 1;
  if (!PATH.test(path) || path.length > MAX_PATH_LENGTH || depth > MAX_PATH_DEPTH) {
    throw new InvalidParameterError(
      `Rule parameter "${parameter}" must be ${PARAMETER_STORE_FORM}, with at most ${MAX_PATH_DEPTH} levels ` +
        `and ${MAX_PATH_LENGTH} characters of letters, digits, "_", "." and "-"; got ${JSON.stringify(value)}.`,
    );
  }
  return path;
}

/** The list parameters given as ssm:/path references. Other parameter types never read SSM. */
export function parameterStoreReferences(
  specs: ParamSpecs,
  raw: Readonly<Record<string, unknown>>,
): ParameterReference[] {
  const out: ParameterReference[] = [];
  for (const [parameter, spec] of Object.entries(specs)) {
    if (spec.type !== 'stringList') continue;
    const path = parameterStorePath(parameter, raw[parameter]);
    if (path !== undefined) out.push({ parameter, path });
  }
  return out;
}

/** The raw values without their ssm: references (whose form is checked), and those references. */
export function splitParameterStoreReferences(
  specs: ParamSpecs,
  raw: Readonly<Record<string, unknown>>,
): { inline: Record<string, unknown>; references: ParameterReference[] } {
  const references = parameterStoreReferences(specs, raw);
  const inline = Object.fromEntries(
    Object.entries(raw).filter(([name]) => !references.some((r) => r.parameter === name)),
  );
  return { inline, references };
}

/**
 * The raw parameters with every ssm: reference replaced by the parameter's content, each path
 * read once. The content is checked against the parameter's spec here, so an error says where the
 * bad value came from.
 */
export async function resolveParameterStore(
  specs: ParamSpecs,
  raw: Readonly<Record<string, unknown>>,
  read: ReadParameter | undefined,
): Promise<Record<string, unknown>> {
  const references = parameterStoreReferences(specs, raw);
  if (!references.length) return { ...raw };
  if (!read)
    throw new ParameterStoreError(
      `Rule parameter "${references[0]!.parameter}" refers to SSM parameter ${references[0]!.path}, but nothing here can read Parameter Store.`,
    );
  const memo = memoise(read);
  const out: Record<string, unknown> = { ...raw };
  for (const { parameter, path } of references) {
    const content = await memo(path);
    if (!content.split(',').some((item) => item.trim() !== '')) {
      throw new ParameterStoreError(
        `Rule parameter "${parameter}" refers to SSM parameter ${path}, which holds no items; ` +
          'put the comma-separated values there, or remove the parameter.',
      );
    }
    try {
      parseParameters({ [parameter]: specs[parameter]! }, { [parameter]: content });
    } catch (error) {
      if (error instanceof InvalidParameterError)
        throw new InvalidParameterError(`${error.message} (read from SSM parameter ${path})`);
      throw error;
    }
    out[parameter] = content;
  }
  return out;
}

/** One read per path for the reader's lifetime: create one reader per invocation. */
export function memoise(read: ReadParameter): ReadParameter {
  const cache = new Map<string, Promise<string>>();
  return (path) => {
    let value = cache.get(path);
    if (!value) {
      value = read(path);
      cache.set(path, value);
    }
    return value;
  };
}
