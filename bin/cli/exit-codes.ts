// Exit codes of elb-config-rules, documented in docs/cli.md.
import { EXIT_RUNTIME_FAILURE, EXIT_USAGE } from '../../rules/core/model/errors.js';

export const EXIT = {
  /** The command did what it was asked (an audit may still report non-compliance without --fail-on). */
  OK: 0,
  /** A runtime failure: AWS unreachable, credentials refused for the whole run, a bug. */
  RUNTIME_FAILURE: EXIT_RUNTIME_FAILURE,
  /** The command was asked wrongly: bad flag, malformed snapshot or event, unknown profile or rule. */
  USAGE: EXIT_USAGE,
  /** --fail-on: at least one non-compliant load balancer at or above the threshold. */
  FINDINGS: 3,
  /** --fail-on: nothing tripped the threshold, but the audit is incomplete (a scope failed or a load balancer could not be judged). */
  INCOMPLETE: 4,
} as const;
