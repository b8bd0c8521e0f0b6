// Errors that mean "the command was asked wrongly": they exit 2 with the message alone.
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Error names from the engine and resources that are the caller's input at fault. */
export const INPUT_ERROR_NAMES = new Set([
  'UsageError',
  'SnapshotError',
  'InvalidParameterError',
  'InvalidEventError',
  'InvalidConfigurationItemError',
  'UnknownRuleError',
  'ProfileNotFoundError',
]);
