// The one base of this project's errors. Each carries the exit code the CLI ends with when it is
// not caught: 2 when the caller's input is at fault (bad flag, snapshot, event, parameter, rule
// id), 1 for everything else. The CLI reads `exitCode`, never the class name.

export const EXIT_RUNTIME_FAILURE = 1;
export const EXIT_USAGE = 2;

export class ElbConfigRulesError extends Error {
  readonly exitCode: typeof EXIT_RUNTIME_FAILURE | typeof EXIT_USAGE = EXIT_RUNTIME_FAILURE;
}

/** The caller asked wrongly: the message names the field and the expected form. */
export class InputError extends ElbConfigRulesError {
  override readonly exitCode = EXIT_USAGE;
}
