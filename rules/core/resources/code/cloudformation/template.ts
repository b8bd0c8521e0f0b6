// Reads a CloudFormation template, JSON or YAML with the short-form tags (!Ref, !GetAtt, !Sub…),
// into plain intrinsic-function objects, keeping the line of each resource for reports.
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { CodeInputError } from '../errors.js';

export interface TemplateResource {
  type: string;
  properties: Record<string, unknown>;
  condition?: string;
  /** 1-based line of the resource's logical id. */
  line?: number;
}

export interface Template {
  file: string;
  parameters: Record<string, { Type?: unknown; Default?: unknown }>;
  conditions: Record<string, unknown>;
  mappings: Record<string, unknown>;
  resources: Map<string, TemplateResource>;
}

const FUNCTIONS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'If',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'ImportValue',
  'GetAZs',
  'Cidr',
  'And',
  'Or',
  'Not',
  'Equals',
  'Transform',
  'Length',
  'ToJsonString',
];

/** Short-form tags as the long form: `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`. */
const CFN_TAGS = FUNCTIONS.flatMap((fn) => {
  const key = fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`;
  const wrap = (value: unknown) => ({
    [key]: fn === 'GetAtt' && typeof value === 'string' ? splitOnce(value) : value,
  });
  return [
    { tag: `!${fn}`, resolve: (value: string) => wrap(value) },
    {
      tag: `!${fn}`,
      collection: 'seq' as const,
      resolve: (seq: { toJSON(): unknown }) => wrap(seq.toJSON()),
    },
    {
      tag: `!${fn}`,
      collection: 'map' as const,
      resolve: (map: { toJSON(): unknown }) => wrap(map.toJSON()),
    },
  ];
});

function splitOnce(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The template, or undefined when the text is valid JSON/YAML but holds no Resources map. */
export function parseTemplate(text: string, file: string): Template | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: CFN_TAGS, lineCounter, uniqueKeys: false });
  if (doc.errors.length)
    throw new CodeInputError(
      `${file}: not valid JSON or YAML (${doc.errors[0]?.message.split('\n')[0]}); expected a CloudFormation template or a Terraform plan (terraform show -json)`,
    );
  const json = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (!isRecord(json) || !isRecord(json.Resources)) return undefined;
  const lines = new Map<string, number>();
  const resourcesNode = doc.get('Resources', true);
  if (isMap(resourcesNode)) {
    for (const pair of resourcesNode.items) {
      if (isScalar(pair.key) && pair.key.range)
        lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
    }
  }
  const resources = new Map<string, TemplateResource>();
  for (const [logicalId, raw] of Object.entries(json.Resources)) {
    if (!isRecord(raw) || typeof raw.Type !== 'string')
      throw new CodeInputError(
        `${file}: Resources.${logicalId}: expected a map with a Type string, as CloudFormation requires`,
      );
    resources.set(logicalId, {
      type: raw.Type,
      properties: isRecord(raw.Properties) ? raw.Properties : {},
      condition: typeof raw.Condition === 'string' ? raw.Condition : undefined,
      line: lines.get(logicalId),
    });
  }
  return {
    file,
    parameters: isRecord(json.Parameters) ? (json.Parameters as Template['parameters']) : {},
    conditions: isRecord(json.Conditions) ? json.Conditions : {},
    mappings: isRecord(json.Mappings) ? json.Mappings : {},
    resources,
  };
}
