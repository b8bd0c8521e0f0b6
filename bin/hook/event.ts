// The CloudFormation Lambda hook's invocation event for a STACK target and the answer it expects,
// as the hooks user guide gives them ("Create Lambda functions to evaluate resources for Lambda
// Hooks"). The template is not in the event: requestData.payload is an S3 presigned URL.
import { z } from 'zod';

export const ACTIONS = ['CREATE_PRE_PROVISION', 'UPDATE_PRE_PROVISION', 'DELETE_PRE_PROVISION'] as const;

export const stackHookEvent = z.object({
  clientRequestToken: z.string().min(1),
  awsAccountId: z.string().regex(/^\d{12}$/, 'expected a 12-digit account id'),
  stackId: z.string().nullish(),
  actionInvocationPoint: z.enum(ACTIONS),
  requestData: z.object({
    targetType: z.literal('STACK', { error: 'expected STACK (this hook evaluates whole templates)' }),
    targetLogicalId: z.string().nullish(),
    payload: z.url({ protocol: /^https?$/, error: 'expected an S3 presigned URL' }),
  }),
});

export type StackHookEvent = z.infer<typeof stackHookEvent>;

/** The payload object the presigned URL serves; in a delete both templates are empty. */
export const stackHookPayload = z.object({
  template: z.string().nullish(),
  previousTemplate: z.string().nullish(),
});

export type HookStatus = 'SUCCESS' | 'FAILED';
export type HookErrorCode = 'NonCompliant' | 'InternalFailure';
export type SeverityLevel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface HookAnnotation {
  annotationName: string;
  status: 'PASSED' | 'FAILED' | 'SKIPPED';
  statusMessage: string;
  remediationMessage?: string;
  severityLevel?: SeverityLevel;
}

export interface HookResponse {
  hookStatus: HookStatus;
  errorCode?: HookErrorCode;
  /** CloudFormation keeps 4096 characters of it. */
  message: string;
  clientRequestToken: string;
  annotations?: HookAnnotation[];
}

export const MESSAGE_LIMIT = 4096;

/** Where the event's token is, for answering an event that is otherwise malformed. */
export function tokenOf(event: unknown): string {
  if (typeof event !== 'object' || event === null) return '';
  const e = event as Record<string, unknown>;
  const token = e.clientRequestToken ?? e.clientRequesttoken;
  return typeof token === 'string' ? token : '';
}

/** "requestData.payload: expected an S3 presigned URL"; the first problem, naming the field. */
export function eventProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid event';
  const path = issue.path.join('.') || 'event';
  return `${path}: ${issue.message}`;
}
