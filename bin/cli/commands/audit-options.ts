// The audit command's choices, apart from the command itself: help text reads them without
// loading the audit (and the SDK clients a live audit needs).

export const FORMATS = ['table', 'json', 'csv', 'sarif', 'html', 'jsonl'] as const;
export type Format = (typeof FORMATS)[number];
export const DEFAULT_MAX_CONCURRENCY = 8;
