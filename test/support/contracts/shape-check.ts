// Checks a request value against a botocore shape, recursively: string lengths and patterns, enums,
// list and map sizes, number ranges, required and unknown members. Patterns follow Smithy: they
// match anywhere in the value unless anchored.
import type { ServiceModel, Shape } from './botocore.js';

export interface Violation {
  /** Where the value sits in the request, e.g. ConfigRule.InputParameters. */
  path: string;
  shape: string;
  message: string;
}

const patterns = new Map<string, RegExp>();
function compile(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = new RegExp(pattern);
    }
    patterns.set(pattern, re);
  }
  return re;
}

export function checkShape(
  model: ServiceModel,
  shapeName: string,
  input: unknown,
  path: string,
): Violation[] {
  const shape: Shape | undefined = model.shapes[shapeName];
  const value = shape ? cloudFormationCoercion(shape, input) : input;
  if (!shape) return [{ path, shape: shapeName, message: `shape ${shapeName} is not in ${model.service}` }];
  const out: Violation[] = [];
  const fail = (message: string) => out.push({ path, shape: shapeName, message });
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') {
        fail(`expected a string, got ${JSON.stringify(value)}`);
        break;
      }
      const length = [...value].length;
      if (shape.min !== undefined && length < shape.min) fail(`length ${length} < min ${shape.min}`);
      if (shape.max !== undefined && length > shape.max) fail(`length ${length} > max ${shape.max}`);
      if (shape.enum && !shape.enum.includes(value))
        fail(`${JSON.stringify(value)} is not one of ${shape.enum.join(', ')}`);
      if (shape.pattern && !compile(shape.pattern).test(value))
        fail(`${JSON.stringify(value.slice(0, 80))} does not match pattern ${shape.pattern}`);
      break;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      if (typeof value !== 'number' || Number.isNaN(value)) {
        fail(`expected a number, got ${JSON.stringify(value)}`);
        break;
      }
      if (shape.type !== 'double' && shape.type !== 'float' && !Number.isInteger(value))
        fail(`expected an integer, got ${value}`);
      if (shape.min !== undefined && value < shape.min) fail(`${value} < min ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`${value} > max ${shape.max}`);
      break;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail(`expected a boolean, got ${JSON.stringify(value)}`);
      break;
    case 'list': {
      if (!Array.isArray(value)) {
        fail(`expected a list, got ${JSON.stringify(value)}`);
        break;
      }
      if (shape.min !== undefined && value.length < shape.min)
        fail(`${value.length} items < min ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max)
        fail(`${value.length} items > max ${shape.max}`);
      value.forEach((item, i) => {
        out.push(...checkShape(model, shape.member!.shape, item, `${path}[${i}]`));
      });
      break;
    }
    case 'map': {
      if (!isObject(value)) {
        fail(`expected a map, got ${JSON.stringify(value)}`);
        break;
      }
      const entries = Object.entries(value);
      if (shape.min !== undefined && entries.length < shape.min)
        fail(`${entries.length} entries < min ${shape.min}`);
      if (shape.max !== undefined && entries.length > shape.max)
        fail(`${entries.length} entries > max ${shape.max}`);
      for (const [k, v] of entries) {
        out.push(...checkShape(model, shape.key!.shape, k, `${path}{key ${k}}`));
        out.push(...checkShape(model, shape.value!.shape, v, `${path}.${k}`));
      }
      break;
    }
    case 'structure': {
      if (!isObject(value)) {
        fail(`expected a structure, got ${JSON.stringify(value)}`);
        break;
      }
      for (const name of shape.required ?? [])
        if (value[name] === undefined) fail(`required member ${name} is missing`);
      for (const [name, member] of Object.entries(value)) {
        const ref = shape.members?.[name];
        if (!ref) {
          fail(`${name} is not a member of ${shapeName}`);
          continue;
        }
        out.push(...checkShape(model, ref.shape, member, path ? `${path}.${name}` : name));
      }
      break;
    }
    default:
      // timestamps, blobs: nothing the templates send.
      break;
  }
  return out;
}

/** Checks an operation's whole input. */
export function checkRequest(model: ServiceModel, operation: string, request: unknown): Violation[] {
  const input = model.operations[operation]?.input?.shape;
  if (!input) return [{ path: operation, shape: '-', message: `${operation} is not in ${model.service}` }];
  return checkShape(model, input, request, '');
}

/**
 * CloudFormation passes template strings ("5", "true") for numbers and booleans, and converts them
 * by the resource schema before it calls the API: a Ref to a parameter is always a string.
 */
function cloudFormationCoercion(shape: Shape, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if ((shape.type === 'integer' || shape.type === 'long') && /^-?\d+$/.test(value)) return Number(value);
  if (shape.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
