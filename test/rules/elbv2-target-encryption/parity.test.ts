import { describe, expect, it } from 'vitest';
import { judgeForReport, ruleParameters } from '../../../rules/core/engine/judge.js';
import type { TargetGroup } from '../../../rules/core/resources/normalize/targets.js';
import { SnapshotEstate } from '../../../rules/core/resources/snapshot/snapshot-estate.js';
import { rule } from '../../../rules/elbv2-target-encryption/rule.js';
import { NOW } from '../../support/judge-item.js';
import { checkParity, parityMapping } from '../../support/parity.js';
import { PARITY } from './parity.js';

checkParity(rule, PARITY);

const VERDICT = { COMPLIANT: 'PASSED', NON_COMPLIANT: 'FAILED', NOT_APPLICABLE: 'NOT_APPLICABLE' } as const;

// Security Hub reports ELB.21 and ELB.22 on the target group: in parity mode the rule's one result
// for each case is on that target group, under its ARN, with the control's verdict.
for (const table of PARITY) {
  describe(`${rule.id} reports ${table.control} on each target group`, () => {
    it.each(table.cases.map((c) => [c.name, c] as const))('%s', async (_name, parityCase) => {
      const params = ruleParameters(rule, { ...parityMapping(rule, table.control)?.parity });
      const estate = new SnapshotEstate({
        accountId: parityCase.lb.accountId,
        region: parityCase.lb.region,
        loadBalancers: [{ loadBalancer: parityCase.lb, facets: parityCase.facets ?? {} }],
      });
      const [group] = (parityCase.facets?.targets ?? []) as TargetGroup[];
      const results = await judgeForReport(rule, parityCase.lb, estate, params, NOW);
      expect(
        results.map((e) => [e.resourceType, e.resourceId, VERDICT[e.complianceType as keyof typeof VERDICT]]),
        results[0]?.annotation,
      ).toEqual([['AWS::ElasticLoadBalancingV2::TargetGroup', group?.arn, parityCase.control]]);
      expect(results[0]?.loadBalancerId).toBe(parityCase.lb.resourceId);
    });
  });
}
