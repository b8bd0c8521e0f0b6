import { InputError } from '../../model/errors.js';

/** A path given to scan that is not a template, a cdk.out folder or a Terraform plan. */
export class CodeInputError extends InputError {
  override name = 'CodeInputError';
}
