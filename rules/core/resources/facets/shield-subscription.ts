import { GetSubscriptionStateCommand, ShieldClient } from '@aws-sdk/client-shield';
import { z } from 'zod';
import type { RegionalAws } from '../../aws/regional-aws.js';
import { defineFacet } from '../facet.js';

/** Shield Advanced has one endpoint, in us-east-1, whatever the region of the load balancer. */
export const SHIELD_ENDPOINT_REGION = 'us-east-1';

export type ShieldSubscriptionState = 'ACTIVE' | 'INACTIVE';
const STATES: readonly string[] = ['ACTIVE', 'INACTIVE'];

/**
 * GetSubscriptionState once per account, however many load balancers and regions ask: the
 * subscription is account-wide and Shield answers only in us-east-1.
 */
function subscriptionState(aws: RegionalAws): Promise<ShieldSubscriptionState> {
  return aws.onceForAccount('shield:GetSubscriptionState', async () => {
    const out = await aws
      .client(ShieldClient, SHIELD_ENDPOINT_REGION)
      .send(new GetSubscriptionStateCommand({}));
    const state = out.SubscriptionState;
    // SubscriptionState is required in the response; anything else is not an answer.
    if (typeof state !== 'string' || !STATES.includes(state))
      throw new Error(`GetSubscriptionState returned no known SubscriptionState (${String(state)})`);
    return state as ShieldSubscriptionState;
  });
}

/**
 * Whether the account has a Shield Advanced subscription (GetSubscriptionState): ACTIVE or INACTIVE.
 * Account-wide; read once per account (per estate without an account-wide share). Config items do not record it.
 */
export const shieldSubscription = defineFacet<'shieldSubscription', ShieldSubscriptionState>({
  key: 'shieldSubscription',
  description: 'Whether the account subscribes to AWS Shield Advanced',
  iamActions: ['shield:GetSubscriptionState'],
  snapshot: z.enum(['ACTIVE', 'INACTIVE']),
  live: (_lb, { aws }) => subscriptionState(aws),
});
