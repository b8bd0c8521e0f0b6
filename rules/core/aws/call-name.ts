// The name of an SDK call as counters, throttling limits and metrics see it: "Client.Command"
// without the suffixes, e.g. "ElasticLoadBalancingV2.DescribeRules".

/** What the SDK's middleware context tells of the call. */
export interface CallContext {
  commandName?: string;
  clientName?: string;
}

/** An SDK client seen only as what we need of it: the middleware stack, to count or inspect calls. */
export interface MiddlewareClient {
  middlewareStack: {
    add(
      mw: (next: (a: unknown) => Promise<unknown>, ctx: CallContext) => (a: unknown) => Promise<unknown>,
      opts: { step: 'initialize' | 'deserialize'; name: string; priority?: 'high' | 'low' },
    ): void;
  };
}

export function callName(context: CallContext): string {
  const client = (context.clientName ?? 'Client').replace(/Client$/, '');
  return `${client}.${(context.commandName ?? 'Command').replace(/Command$/, '')}`;
}
