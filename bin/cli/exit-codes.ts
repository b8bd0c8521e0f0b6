// Exit codes of elb-config-rules, documented in README and docs/cli.md.
export const EXIT = {
  /** The command did what it was asked (an audit may still report non-compliance without --fail-on). */
  OK: 0,
  /** A runtime failure: AWS unreachable, credentials refused for the whole run, a bug. */
  RUNTIME_FAILURE: 1,
  /** The command was asked wrongly: bad flag, malformed snapshot or event, unknown profile or rule. */
  USAGE: 2,
  /** --fail-on: at least one non-compliant load balancer at or above the threshold. */
  FINDINGS: 3,
  /** --fail-on: nothing tripped the threshold, but the audit is incomplete (a scope failed or a load balancer could not be judged). */
  INCOMPLETE: 4,
} as const;
