// The audit command's choices, apart from the command itself: help text reads them without
// loading the audit (and the SDK clients a live audit needs).

export const FORMATS = ['table', 'json', 'jsonl', 'csv', 'sarif', 'html'] as const;
export type Format = (typeof FORMATS)[number];
export const DEFAULT_MAX_CONCURRENCY = 8;
