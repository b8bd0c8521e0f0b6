// Reads list parameters from SSM Parameter Store with GetParameter. SecureString is refused: an
// exception list is not a secret, and decrypting would need kms:Decrypt on a key we cannot name.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { errorCode } from '../resources/fetched.js';
import { memoise, ParameterStoreError, type ReadParameter } from './parameter-store.js';

/**
 * The SDK module is passed in, not imported: the Lambda bundle leaves it out and loads it only when a
 * parameter names Parameter Store (see rules/core/engine/handler.ts).
 */
export type SsmModule = Pick<typeof import('@aws-sdk/client-ssm'), 'GetParameterCommand'>;

/** A reader that asks SSM once per path for its lifetime. */
export function ssmParameterReader(ssm: SsmModule, client: SSMClient, where: string): ReadParameter {
  return memoise(async (path) => {
    let parameter: { Type?: string; Value?: string } | undefined;
    try {
      parameter = (await client.send(new ssm.GetParameterCommand({ Name: path, WithDecryption: false })))
        .Parameter;
    } catch (error) {
      const code = errorCode(error);
      const hint =
        code === 'ParameterNotFound'
          ? `it does not exist in ${where}`
          : code === 'AccessDeniedException' || code === 'AccessDenied'
            ? `the role may not read it: grant ssm:GetParameter on it (configure the value at deploy time so the stack grants it)`
            : 'the call failed';
      throw new ParameterStoreError(
        `SSM parameter ${path} could not be read: ${hint} (${code}: ${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    if (parameter?.Type === 'SecureString')
      throw new ParameterStoreError(
        `SSM parameter ${path} is a SecureString; store the list as a String or StringList parameter.`,
      );
    if (typeof parameter?.Value !== 'string')
      throw new ParameterStoreError(`SSM parameter ${path} came back without a value.`);
    return parameter.Value;
  });
}
