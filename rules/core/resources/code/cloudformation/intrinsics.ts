// Intrinsic functions resolved as far as the template alone allows. A parameter's default, a
// mapping, a condition on known values resolve; a parameter without a default, a pseudo parameter
// not given, an attribute of another resource, an import or a condition decided at deployment
// resolve to Unknown. A Ref to a resource of the template stays a ResourceLink, so a listener
// finds its load balancer and a load balancer its security groups.
import { isUnknown, Unknown } from '../unknown.js';
import type { Template } from './template.js';

export class ResourceLink {
  constructor(
    readonly logicalId: string,
    /** Set for Fn::GetAtt, absent for Ref. */
    readonly attribute?: string,
  ) {}
  toString(): string {
    return this.attribute ? `Fn::GetAtt ${this.logicalId}.${this.attribute}` : `Ref ${this.logicalId}`;
  }
}

/** AWS::NoValue: the property or list item is removed. */
const NO_VALUE = Symbol('AWS::NoValue');

export interface ResolveContext {
  template: Template;
  /** Values for pseudo parameters (AWS::Region...), when the caller knows them. */
  pseudo?: Readonly<Record<string, string>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function resolve(value: unknown, ctx: ResolveContext): unknown {
  const out = resolveInner(value, ctx);
  return out === NO_VALUE ? undefined : out;
}

function resolveInner(value: unknown, ctx: ResolveContext): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveInner(v, ctx)).filter((v) => v !== NO_VALUE);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const [only] = keys;
  if (keys.length === 1 && only !== undefined && (only === 'Ref' || only.startsWith('Fn::')))
    return intrinsic(only, value[only], ctx);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const resolved = resolveInner(inner, ctx);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function intrinsic(fn: string, arg: unknown, ctx: ResolveContext): unknown {
  switch (fn) {
    case 'Ref':
      return ref(String(arg), ctx);
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(arg) ? arg.map(String) : splitOnce(String(arg));
      return ctx.template.resources.has(id ?? '')
        ? new ResourceLink(id ?? '', attribute)
        : new Unknown(`Fn::GetAtt ${id}.${attribute}: no such resource in the template`);
    }
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3)
        return new Unknown('Fn::If: expected [condition, then, else]');
      const decided = condition(String(arg[0]), ctx);
      if (isUnknown(decided)) return new Unknown(`Fn::If ${arg[0]}: ${decided.reason}`);
      return resolveInner(decided ? arg[1] : arg[2], ctx);
    }
    case 'Fn::Sub':
      return sub(arg, ctx);
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('Fn::Join: expected [delimiter, list]');
      const parts = resolveInner(arg[1], ctx);
      if (!Array.isArray(parts)) return unknownOr(parts, 'Fn::Join: the list is not known');
      const strings = parts.map((p) => asString(p));
      const missing = strings.find(isUnknown);
      return missing ? new Unknown(`Fn::Join: ${missing.reason}`) : strings.join(String(arg[0]));
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('Fn::Select: expected [index, list]');
      const index = resolveInner(arg[0], ctx);
      const list = resolveInner(arg[1], ctx);
      if (!Array.isArray(list)) return unknownOr(list, 'Fn::Select: the list is not known');
      const n = Number(index);
      return Number.isInteger(n) && n >= 0 && n < list.length
        ? list[n]
        : new Unknown(`Fn::Select: index ${String(index)} is not known or out of range`);
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(arg) || arg.length < 3)
        return new Unknown('Fn::FindInMap: expected [map, key, key]');
      const keys = arg.slice(0, 3).map((k) => asString(resolveInner(k, ctx)));
      const missing = keys.find(isUnknown);
      if (missing) return new Unknown(`Fn::FindInMap: ${missing.reason}`);
      const [map, top, second] = keys as string[];
      const found = (
        ctx.template.mappings[map ?? ''] as Record<string, Record<string, unknown>> | undefined
      )?.[top ?? '']?.[second ?? ''];
      return found === undefined
        ? new Unknown(`Fn::FindInMap ${keys.join('.')}: not in the template's Mappings`)
        : resolveInner(found, ctx);
    }
    case 'Fn::ImportValue':
      return new Unknown('Fn::ImportValue: exported by another stack, known at deployment');
    default:
      return new Unknown(`${fn}: resolved only at deployment`);
  }
}

function ref(name: string, ctx: ResolveContext): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (name.startsWith('AWS::'))
    return ctx.pseudo?.[name] ?? new Unknown(`Ref ${name}: a pseudo parameter, known at deployment`);
  const parameter = ctx.template.parameters[name];
  if (parameter) {
    if (parameter.Default === undefined)
      return new Unknown(`Ref ${name}: a parameter without a default, given at deployment`);
    const type = String(parameter.Type ?? '');
    // List parameters are comma-separated strings in the template, lists once resolved.
    if (type === 'CommaDelimitedList' || type.startsWith('List<'))
      return Array.isArray(parameter.Default)
        ? parameter.Default.map(String)
        : String(parameter.Default)
            .split(',')
            .map((s) => s.trim());
    return typeof parameter.Default === 'string' ? parameter.Default : String(parameter.Default);
  }
  if (ctx.template.resources.has(name)) return new ResourceLink(name);
  return new Unknown(`Ref ${name}: not a parameter or resource of the template`);
}

function condition(name: string, ctx: ResolveContext, depth = 0): boolean | Unknown {
  const body = ctx.template.conditions[name];
  if (body === undefined) return new Unknown(`condition ${name} is not defined`);
  return conditionValue(body, ctx, depth + 1);
}

function conditionValue(body: unknown, ctx: ResolveContext, depth: number): boolean | Unknown {
  if (depth > 50) return new Unknown('conditions nest too deep');
  if (!isRecord(body)) return new Unknown('condition is not a function');
  const [[fn, arg] = []] = Object.entries(body);
  const args = Array.isArray(arg) ? arg : [arg];
  const parts = (): (boolean | Unknown)[] => args.map((a) => conditionValue(a, ctx, depth + 1));
  switch (fn) {
    case 'Condition':
      return condition(String(arg), ctx, depth);
    case 'Fn::Equals': {
      const [a, b] = args.map((x) => resolveInner(x, ctx));
      const unknown = [a, b].find((x) => isUnknown(x) || x instanceof ResourceLink);
      if (unknown)
        return new Unknown(`condition depends on ${String(isUnknown(unknown) ? unknown.reason : unknown)}`);
      return JSON.stringify(a) === JSON.stringify(b);
    }
    case 'Fn::Not': {
      const [v] = parts();
      return isUnknown(v) || v === undefined ? (v ?? new Unknown('Fn::Not: no argument')) : !v;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const values = parts();
      const known = values.filter((v): v is boolean => typeof v === 'boolean');
      if (fn === 'Fn::And' && known.includes(false)) return false;
      if (fn === 'Fn::Or' && known.includes(true)) return true;
      return values.find(isUnknown) ?? fn === 'Fn::And';
    }
    default:
      return new Unknown(`condition function ${fn} is not resolved before deployment`);
  }
}

function sub(arg: unknown, ctx: ResolveContext): unknown {
  const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
  if (typeof text !== 'string') return new Unknown('Fn::Sub: expected a string');
  const variables = isRecord(vars) ? vars : {};
  let missing: Unknown | undefined;
  const out = text.replace(/\$\{(!?)([^}]*)\}/g, (whole, bang: string, name: string) => {
    if (bang) return `\${${name}}`;
    const value =
      name in variables
        ? resolveInner(variables[name], ctx)
        : name.includes('.')
          ? intrinsic('Fn::GetAtt', name, ctx)
          : ref(name, ctx);
    const s = asString(value);
    if (isUnknown(s)) {
      missing ??= s;
      return whole;
    }
    return s;
  });
  return missing ? new Unknown(`Fn::Sub: ${missing.reason}`) : out;
}

/** A resolved scalar as a string, or Unknown: another resource's id is not known before deployment. */
export function asString(value: unknown): string | Unknown {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isUnknown(value)) return value;
  if (value instanceof ResourceLink) return new Unknown(`${value}: known after deployment`);
  return new Unknown(`expected a string, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
}

function unknownOr(value: unknown, reason: string): Unknown {
  return isUnknown(value) ? value : new Unknown(reason);
}

function splitOnce(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}
