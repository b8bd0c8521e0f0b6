import {
  DescribeLoadBalancerPoliciesCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeSSLPoliciesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import type { RegionalAws } from '../../aws/regional-aws.js';
import {
  type ClassicPolicy,
  ELBV2_TLS_PROTOCOLS,
  type ElbV2Listener,
  type LoadBalancer,
} from '../../model/model.js';
import { CLASSIC_CATALOG, ELBV2_CATALOG } from '../../tls/catalog.js';
import {
  isEncryptedClassicListener,
  resolveClassicPolicy,
  SSL_NEGOTIATION_POLICY_TYPE,
  statedAttributes,
} from '../../tls/classic-policy.js';
import {
  type DescribedTlsPolicies,
  type DescribedTlsPolicy,
  NO_DESCRIBED_POLICIES,
} from '../../tls/lookup.js';
import { defineFacet } from '../facet.js';
import { classicPolicy } from '../normalize/classic.js';
import { classicPolicies } from './classic-policies.js';
import { listeners } from './listeners.js';

const tlsPoliciesSnapshot: z.ZodType<DescribedTlsPolicies> = z.object({
  described: z.array(
    z.object({ name: z.string(), protocols: z.array(z.string()), ciphers: z.array(z.string()) }),
  ),
  missing: z.array(z.string()),
});

/**
 * Predefined TLS policies this load balancer uses that the built-in catalog does not know, as AWS
 * describes them. Reads nothing when every policy is in the catalog; otherwise one
 * DescribeSSLPolicies (ELBv2) or DescribeLoadBalancerPolicies (Classic predefined) call per region,
 * shared by every load balancer.
 */
export const tlsPolicies = defineFacet<'tlsPolicies', DescribedTlsPolicies>({
  key: 'tlsPolicies',
  description:
    'Predefined TLS policies in use that the built-in catalog does not know, as AWS describes them',
  iamActions: [
    'elasticloadbalancing:DescribeSSLPolicies',
    'elasticloadbalancing:DescribeLoadBalancerPolicies',
    ...listeners.iamActions,
  ],
  snapshot: tlsPoliciesSnapshot,
  async live(lb, { aws, need }) {
    if (lb.kind === 'classic') {
      const unknown = uncataloguedPolicies(lb, [], await need(classicPolicies, lb));
      return unknown.size ? pick(unknown, await classicPredefinedPolicies(aws)) : NO_DESCRIBED_POLICIES;
    }
    const unknown = uncataloguedPolicies(lb, await need(listeners, lb), []);
    return unknown.size ? pick(unknown, await elbv2PredefinedPolicies(aws)) : NO_DESCRIBED_POLICIES;
  },
});

/**
 * The predefined policies the load balancer's TLS listeners use that the built-in catalog does not
 * know: none means the rules need nothing from AWS to judge them (code is judged the same way).
 */
export function uncataloguedPolicies(
  lb: LoadBalancer,
  elbv2Listeners: readonly ElbV2Listener[],
  policies: readonly ClassicPolicy[],
): Set<string> {
  const unknown = new Set<string>();
  if (lb.kind === 'classic') {
    for (const listener of lb.listeners.filter(isEncryptedClassicListener)) {
      resolveClassicPolicy(listener, policies, (name) => {
        const known = CLASSIC_CATALOG.get(name);
        if (!known) unknown.add(name);
        return known;
      });
    }
    return unknown;
  }
  for (const listener of elbv2Listeners) {
    if (ELBV2_TLS_PROTOCOLS.has(listener.protocol) && listener.sslPolicy)
      if (!ELBV2_CATALOG.has(listener.sslPolicy)) unknown.add(listener.sslPolicy);
  }
  return unknown;
}

function pick(names: Set<string>, all: ReadonlyMap<string, DescribedTlsPolicy>): DescribedTlsPolicies {
  const described: DescribedTlsPolicy[] = [];
  const missing: string[] = [];
  for (const name of [...names].sort()) {
    const found = all.get(name);
    if (found) described.push(found);
    else missing.push(name);
  }
  return { described, missing };
}

/** Every ELBv2 predefined policy, read once per region (the batcher caches its single key). */
export function elbv2PredefinedPolicies(aws: RegionalAws): Promise<ReadonlyMap<string, DescribedTlsPolicy>> {
  return aws
    .batcher<'all', ReadonlyMap<string, DescribedTlsPolicy>>('elbv2-ssl-policies', 1, async () => {
      const client = aws.client(ElasticLoadBalancingV2Client);
      const out = new Map<string, DescribedTlsPolicy>();
      let marker: string | undefined;
      do {
        const page = await client.send(new DescribeSSLPoliciesCommand({ Marker: marker, PageSize: 400 }));
        for (const p of page.SslPolicies ?? []) {
          if (!p.Name) continue;
          out.set(p.Name, {
            name: p.Name,
            protocols: p.SslProtocols ?? [],
            ciphers: [...(p.Ciphers ?? [])]
              .sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))
              .flatMap((c) => (c.Name ? [c.Name] : [])),
          });
        }
        marker = page.NextMarker;
      } while (marker);
      return [out];
    })
    .load('all');
}

/** Every Classic predefined SSL negotiation policy, read once per region. */
export function classicPredefinedPolicies(
  aws: RegionalAws,
): Promise<ReadonlyMap<string, DescribedTlsPolicy>> {
  return aws
    .batcher<'all', ReadonlyMap<string, DescribedTlsPolicy>>('classic-ssl-policies', 1, async () => {
      const out = await aws
        .client(ElasticLoadBalancingClient)
        .send(new DescribeLoadBalancerPoliciesCommand({}));
      const all = new Map<string, DescribedTlsPolicy>();
      for (const raw of out.PolicyDescriptions ?? []) {
        const policy = classicPolicy(raw);
        if (policy.typeName !== SSL_NEGOTIATION_POLICY_TYPE) continue;
        const stated = statedAttributes(policy);
        all.set(policy.name, {
          name: policy.name,
          protocols: stated.protocols ?? [],
          ciphers: stated.ciphers ?? [],
        });
      }
      return [all];
    })
    .load('all');
}
