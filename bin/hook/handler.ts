// The CloudFormation Lambda hook's entry point (bundled by infra/template-hook.ts). Its settings are
// read once, at cold start; a bad one is logged and answered on every invocation, naming the variable.
import { Logger } from '@aws-lambda-powertools/logger';
import { type HookConfig, hookConfig } from './config.js';
import { createHookHandler } from './hook.js';

const logger = new Logger({
  serviceName: 'elb-config-rules',
  persistentKeys: { component: 'template-hook' },
});

function coldStartConfig(): HookConfig | Error {
  try {
    return hookConfig(process.env);
  } catch (error) {
    logger.error('The hook is misconfigured', { error });
    return error as Error;
  }
}

export const handler = createHookHandler(coldStartConfig(), {
  fetch: globalThis.fetch,
  log: {
    info: (message, attributes) => logger.info(message, attributes ?? {}),
    error: (message, attributes) => logger.error(message, attributes ?? {}),
  },
});
