// Judges a load balancer on moto with the real rule and the live estate, so a remediation test can
// show the rule's verdict before and after the document ran.

import { WAFRegionalClient } from '@aws-sdk/client-waf-regional';
import type { ClientClass } from '../../../../rules/core/aws/client.js';
import { createAwsClient } from '../../../../rules/core/aws/client.js';
import { type AwsScope, RegionalAws } from '../../../../rules/core/aws/regional-aws.js';
import { type Evaluation, judge, ruleParameters } from '../../../../rules/core/engine/judge.js';
import type { AnyRule } from '../../../../rules/core/engine/rule.js';
import type { ReportedResourceType } from '../../../../rules/core/model/model.js';
import { LiveEstate } from '../../../../rules/core/resources/live/live-estate.js';

export async function judgeLive(
  rule: AnyRule,
  endpoint: string,
  resourceType: ReportedResourceType,
  resourceId: string,
  params: Record<string, unknown> = {},
  /** Where WAF Classic calls go: moto has no waf-regional backend, a test's stand-in answers them. */
  wafClassicEndpoint?: string,
): Promise<Evaluation> {
  const aws = new MotoAws(wafClassicEndpoint, {
    region: 'us-east-1',
    accountId: '123456789012',
    clientConfig: { endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } },
  });
  const estate = await LiveEstate.open(aws);
  const found = await estate.getLoadBalancer({ resourceType, resourceId });
  if (!found.ok || !found.value) throw new Error(`${resourceId} not found: ${JSON.stringify(found)}`);
  return judge(rule, found.value, estate, ruleParameters(rule, params), new Date());
}

/** The live estate's AWS access on moto, with WAF Classic sent to its stand-in when one is given. */
class MotoAws extends RegionalAws {
  private wafClassic?: WAFRegionalClient;

  constructor(
    private readonly wafClassicEndpoint: string | undefined,
    scope: AwsScope,
  ) {
    super(scope);
  }

  override client<C>(Client: ClientClass<C>, endpointRegion?: string): C {
    if (Client !== (WAFRegionalClient as unknown) || !this.wafClassicEndpoint)
      return super.client(Client, endpointRegion);
    this.wafClassic ??= createAwsClient(WAFRegionalClient, {
      region: 'us-east-1',
      endpoint: this.wafClassicEndpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    return this.wafClassic as unknown as C;
  }
}
