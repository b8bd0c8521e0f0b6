// Errors that mean "the command was asked wrongly": they exit 2 with the message alone.
import { InputError } from '../../rules/core/model/errors.js';

export class UsageError extends InputError {
  override name = 'UsageError';
}
