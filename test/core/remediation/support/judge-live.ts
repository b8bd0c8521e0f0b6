// Judges a load balancer on moto with the real rule and the live estate, so a remediation test can
// show the rule's verdict before and after the document ran.

import { RegionalAws } from '../../../../rules/core/aws/regional-aws.js';
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
): Promise<Evaluation> {
  const aws = new RegionalAws({
    region: 'us-east-1',
    accountId: '123456789012',
    clientConfig: { endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } },
  });
  const estate = await LiveEstate.open(aws);
  const found = await estate.getLoadBalancer({ resourceType, resourceId });
  if (!found.ok || !found.value) throw new Error(`${resourceId} not found: ${JSON.stringify(found)}`);
  return judge(rule, found.value, estate, ruleParameters(rule, params), new Date());
}
