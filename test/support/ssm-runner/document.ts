// The shape of an SSM Automation document (schemaVersion 0.3), parsed strictly: an unknown key is a
// typo that SSM would reject or silently ignore, so it is an error here.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const PARAMETER_TYPES = [
  'String',
  'StringList',
  'Integer',
  'Boolean',
  'MapList',
  'StringMap',
] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];
export const OUTPUT_TYPES = PARAMETER_TYPES;
export type OutputType = ParameterType;

const parameterSchema = z
  .object({
    type: z.enum(PARAMETER_TYPES),
    description: z.string().min(1),
    default: z.unknown().optional(),
    allowedValues: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
    allowedPattern: z.string().optional(),
    minItems: z.number().int().optional(),
    maxItems: z.number().int().optional(),
    displayType: z.enum(['textarea', 'textfield']).optional(),
  })
  .strict();

const outputSchema = z
  .object({
    Name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an output name is alphanumeric'),
    Selector: z.string().startsWith('$', 'a selector is a JSONPath starting with $'),
    Type: z.enum(OUTPUT_TYPES),
  })
  .strict();

const stepSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a step name is alphanumeric (underscores allowed)'),
    action: z.string().regex(/^aws:[A-Za-z]+$/, 'an action looks like aws:executeAwsApi'),
    description: z.string().optional(),
    inputs: z.record(z.string(), z.unknown()),
    outputs: z.array(outputSchema).optional(),
    onFailure: z
      .string()
      .regex(/^(Abort|Continue|step:[A-Za-z][A-Za-z0-9_]*)$/, 'onFailure is Abort, Continue or step:<name>')
      .optional(),
    onCancel: z.string().optional(),
    isEnd: z.boolean().optional(),
    nextStep: z.string().optional(),
    isCritical: z.boolean().optional(),
    maxAttempts: z.number().int().min(1).optional(),
    timeoutSeconds: z.number().int().min(1).optional(),
  })
  .strict();

const documentSchema = z
  .object({
    schemaVersion: z.literal('0.3'),
    description: z.string().min(1),
    assumeRole: z.string().optional(),
    parameters: z.record(z.string(), parameterSchema),
    mainSteps: z.array(stepSchema).min(1),
    outputs: z.array(z.string()).optional(),
  })
  .strict();

export type ParameterSpec = z.infer<typeof parameterSchema>;
export type StepOutput = z.infer<typeof outputSchema>;
export type Step = z.infer<typeof stepSchema>;
export type AutomationDocument = z.infer<typeof documentSchema>;

export class DocumentError extends Error {
  override name = 'DocumentError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source} is not a valid SSM Automation document:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Parses YAML text into a typed document; shape errors name the path of the offending field. */
export function parseAutomationDocument(text: string, source = 'document'): AutomationDocument {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new DocumentError(source, [`YAML does not parse: ${(error as Error).message}`]);
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DocumentError(
      source,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}
