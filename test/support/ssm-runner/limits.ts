// What SSM Automation itself enforces on aws:executeScript (Systems Manager user guide, aws:executeScript).
/** aws:executeScript Python runtimes the Systems Manager user guide documents today (3.6 to 3.8 stopped running on 2025-02-18). */
export const EXECUTE_SCRIPT_RUNTIMES = ['python3.10', 'python3.11'] as const;

/** aws:executeScript runs at most 600 s (timeoutSeconds may lower it) and returns at most 100 KB of output. */
export const EXECUTE_SCRIPT_LIMITS = { seconds: 600, outputBytes: 100 * 1024 } as const;
