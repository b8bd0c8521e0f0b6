// Multi-region by construction: the stacks are region-agnostic templates deployed in many regions.
// Resolved for two regions (in two partitions), every IAM ARN of a regional stack names its own
// region and partition, and the evaluation role, deployed once per account, names no region at all.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../rules/index.js';
import { Deployment, PSEUDO_SETS, type Template } from '../../support/contracts/intrinsics.js';
import { parameterSets } from '../../support/contracts/parameter-sets.js';
import { asList, iamStatements, synthApp } from '../../support/synth.js';

const { app, built } = synthApp({ rules: RULES.map((r) => r.id), memberAccounts: ['111111111111'] });
const assembly = app.synth();
const template = (name: string) => assembly.getStackByName(name).template as Template;

/** Every ARN in the IAM policies of a template, resolved for one deployment. */
function policyArns(t: Template, pseudo: (typeof PSEUDO_SETS)[number]): string[] {
  const [defaults] = parameterSets(t, pseudo);
  const deployment = new Deployment(t, defaults!.values, pseudo);
  const resolved = {
    Resources: Object.fromEntries(
      deployment
        .resources(['AWS::IAM::Role', 'AWS::IAM::Policy'])
        .map((r) => [r.id, { Type: r.type, Properties: r.properties }]),
    ),
  };
  return iamStatements(resolved)
    .flatMap(({ statement }) => asList(statement.Resource))
    .filter((r): r is string => typeof r === 'string' && r.startsWith('arn:'));
}

describe('templates resolved for two regions', () => {
  const regional = [built.rules.stackName, built.member.stackName, built.central!.stackName];

  it.each(regional)('%s: each ARN names its own partition, and its own region or none', (name) => {
    for (const pseudo of PSEUDO_SETS) {
      const arns = policyArns(template(name), pseudo);
      expect(arns.length, `${name} has scoped statements`).toBeGreaterThan(0);
      for (const arn of arns) {
        const [, partition, service, region] = arn.split(':');
        expect(partition, arn).toBe(pseudo.partition);
        if (service !== 'iam' && service !== 'sts') expect([pseudo.region, '*'], arn).toContain(region);
        else expect(region, arn).toBe('');
      }
    }
  });

  it('the evaluation role (once per account) names no single region, so it works in every region', () => {
    const seen: string[] = [];
    for (const pseudo of PSEUDO_SETS) {
      for (const arn of policyArns(template(built.evaluationRole.stackName), pseudo)) {
        const region = arn.split(':')[3];
        expect(['', '*'], `${arn} is in a role deployed once per account`).toContain(region);
        seen.push(arn);
      }
    }
    // The certificate and Config statements are there to be checked.
    expect(seen.some((a) => a.includes(':acm:'))).toBe(true);
    expect(seen.some((a) => a.includes(':config:'))).toBe(true);
  });
});
