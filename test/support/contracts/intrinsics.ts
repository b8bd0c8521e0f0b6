// Resolves a CloudFormation template's intrinsic functions to the values one deployment would see:
// given parameter values and pseudo parameters, it evaluates the conditions, drops resources whose
// condition is false and AWS::NoValue properties, and gives resources realistic physical names and
// ARNs (as long as AWS makes them) so that length limits are met or broken as they would be.

export interface Pseudo {
  partition: string;
  region: string;
  accountId: string;
  urlSuffix: string;
  stackName: string;
}

/** A commercial region with a long name, and GovCloud (its own partition). */
export const PSEUDO_SETS: readonly Pseudo[] = [
  {
    partition: 'aws',
    region: 'ap-southeast-2',
    accountId: '123456789012',
    urlSuffix: 'amazonaws.com',
    stackName: 'ElbConfigRulesStack',
  },
  {
    partition: 'aws-us-gov',
    region: 'us-gov-west-1',
    accountId: '210987654321',
    urlSuffix: 'amazonaws.com',
    stackName: 'ElbConfigRulesStack',
  },
];

export interface Template {
  Parameters?: Record<string, TemplateParameter>;
  Conditions?: Record<string, unknown>;
  Rules?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
}
export interface TemplateParameter {
  Type: string;
  Default?: string | number;
  AllowedValues?: (string | number)[];
  AllowedPattern?: string;
  MinValue?: number;
  MaxValue?: number;
  MaxLength?: number;
  MinLength?: number;
}
export interface TemplateResource {
  Type: string;
  Condition?: string;
  Properties?: Record<string, unknown>;
}

const NO_VALUE = Symbol('AWS::NoValue');

export class UnresolvableError extends Error {
  override name = 'UnresolvableError';
}

export class Deployment {
  private readonly conditionCache = new Map<string, boolean>();

  constructor(
    readonly template: Template,
    readonly parameters: Record<string, string>,
    readonly pseudo: Pseudo,
  ) {}

  /** Resources this deployment creates (their condition holds), with resolved properties. */
  resources(types?: readonly string[]): { id: string; type: string; properties: Record<string, unknown> }[] {
    const out = [];
    for (const [id, r] of Object.entries(this.template.Resources)) {
      if (types && !types.includes(r.Type)) continue;
      if (r.Condition && !this.condition(r.Condition)) continue;
      out.push({
        id,
        type: r.Type,
        properties: this.resolve(r.Properties ?? {}, id) as Record<string, unknown>,
      });
    }
    return out;
  }

  condition(name: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const expression = this.template.Conditions?.[name];
    if (expression === undefined) throw new UnresolvableError(`condition ${name} is not defined`);
    const value = this.resolve(expression, `Conditions.${name}`);
    if (typeof value !== 'boolean') throw new UnresolvableError(`condition ${name} is not a boolean`);
    this.conditionCache.set(name, value);
    return value;
  }

  resolve(value: unknown, at: string): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, at)).filter((v) => v !== NO_VALUE);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [fn, arg] = entries[0]!;
      if (fn === 'Ref' || fn.startsWith('Fn::') || fn === 'Condition') return this.intrinsic(fn, arg, at);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const resolved = this.resolve(v, at);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  }

  private intrinsic(fn: string, arg: unknown, at: string): unknown {
    const list = (n: number) => {
      if (!Array.isArray(arg) || arg.length !== n)
        throw new UnresolvableError(`${at}: ${fn} takes ${n} arguments`);
      return arg as unknown[];
    };
    switch (fn) {
      case 'Ref':
        return this.ref(String(arg), at);
      case 'Condition':
        return this.condition(String(arg));
      case 'Fn::If': {
        const [name, yes, no] = list(3);
        return this.resolve(this.condition(String(name)) ? yes : no, at);
      }
      case 'Fn::Equals': {
        const [a, b] = list(2).map((v) => this.resolve(v, at));
        return String(a) === String(b);
      }
      case 'Fn::Not':
        return !this.resolve(list(1)[0], at);
      case 'Fn::And':
        return (arg as unknown[]).every((v) => this.resolve(v, at) === true);
      case 'Fn::Or':
        return (arg as unknown[]).some((v) => this.resolve(v, at) === true);
      case 'Fn::Join': {
        const [delimiter, parts] = list(2);
        return (this.resolve(parts, at) as unknown[]).map(String).join(String(delimiter));
      }
      case 'Fn::Select': {
        const [index, items] = list(2);
        return (this.resolve(items, at) as unknown[])[Number(this.resolve(index, at))];
      }
      case 'Fn::Split': {
        const [delimiter, text] = list(2);
        return String(this.resolve(text, at)).split(String(delimiter));
      }
      case 'Fn::GetAtt': {
        const [resource, attribute] = typeof arg === 'string' ? arg.split('.', 2) : list(2);
        return this.getAtt(String(resource), String(attribute), at);
      }
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
        return this.sub(String(text), vars as Record<string, unknown>, at);
      }
      default:
        throw new UnresolvableError(`${at}: ${fn} is not modelled by the contract tests`);
    }
  }

  private sub(text: string, vars: Record<string, unknown>, at: string): string {
    return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in vars) return String(this.resolve(vars[name], at));
      if (name.includes('.') && !name.startsWith('AWS::')) {
        const [resource, attribute] = name.split('.', 2);
        return String(this.getAtt(resource!, attribute!, at));
      }
      return String(this.ref(name, at));
    });
  }

  private ref(name: string, at: string): unknown {
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::Partition':
        return this.pseudo.partition;
      case 'AWS::Region':
        return this.pseudo.region;
      case 'AWS::AccountId':
        return this.pseudo.accountId;
      case 'AWS::URLSuffix':
        return this.pseudo.urlSuffix;
      case 'AWS::StackName':
        return this.pseudo.stackName;
      case 'AWS::StackId':
        return `arn:${this.pseudo.partition}:cloudformation:${this.pseudo.region}:${this.pseudo.accountId}:stack/${this.pseudo.stackName}/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
    }
    if (name in (this.template.Parameters ?? {})) {
      if (!(name in this.parameters)) throw new UnresolvableError(`${at}: parameter ${name} has no value`);
      return this.parameters[name];
    }
    const resource = this.template.Resources[name];
    if (!resource) throw new UnresolvableError(`${at}: Ref ${name} names nothing`);
    return this.physicalName(name, resource);
  }

  /** The name CloudFormation gives a resource: its name property, else stack-logicalId-suffix at full length. */
  private physicalName(id: string, resource: TemplateResource): string {
    const nameProperty: Record<string, string> = {
      'AWS::Lambda::Function': 'FunctionName',
      'AWS::IAM::Role': 'RoleName',
      'AWS::SSM::Document': 'Name',
      'AWS::Config::ConfigRule': 'ConfigRuleName',
      'AWS::Logs::LogGroup': 'LogGroupName',
    };
    const property = nameProperty[resource.Type];
    const given = property ? resource.Properties?.[property] : undefined;
    if (given !== undefined) return String(this.resolve(given, `${id}.${property}`));
    // IAM role and Lambda names are capped at 64 characters; CloudFormation fills them.
    return `${this.pseudo.stackName}-${id}`.slice(0, 50).concat('-', 'A1B2C3D4E5F6G');
  }

  private getAtt(id: string, attribute: string, at: string): string {
    const resource = this.template.Resources[id];
    if (!resource) throw new UnresolvableError(`${at}: GetAtt ${id} names no resource`);
    const { partition: p, region: r, accountId: a } = this.pseudo;
    const name = this.physicalName(id, resource);
    const key = `${resource.Type}.${attribute}`;
    switch (key) {
      case 'AWS::Lambda::Function.Arn':
        return `arn:${p}:lambda:${r}:${a}:function:${name}`;
      case 'AWS::IAM::Role.Arn': {
        const path = resource.Properties?.Path ? String(this.resolve(resource.Properties.Path, at)) : '/';
        return `arn:${p}:iam::${a}:role${path}${name}`;
      }
      case 'AWS::Logs::LogGroup.Arn':
        return `arn:${p}:logs:${r}:${a}:log-group:${name}:*`;
      case 'AWS::SNS::Topic.TopicArn':
        return `arn:${p}:sns:${r}:${a}:${name}`;
      case 'AWS::KMS::Key.Arn':
        return `arn:${p}:kms:${r}:${a}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
      default:
        throw new UnresolvableError(`${at}: GetAtt ${key} is not modelled by the contract tests`);
    }
  }
}
