// No fact in the docs contradicts the registry: every "N rules" is the registry's count, and every
// token shaped like one of our rule ids is a registered rule, an AWS Config managed rule a registered
// rule maps to, or one of the few other names listed below.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/paths.js';
import { RULES } from '../../rules/index.js';
import { markdownFiles } from './support/markdown.js';

/** Names shaped like rule ids that are not rules, each with why it appears in the docs. */
const NOT_RULES: Record<string, string> = {
  'elb-access-logs': 'the default S3 key prefix of AWSConfigRemediation-EnableLoggingForALBAndCLB',
  'lb-owner-tagged': 'the example rule of docs/adding-a-rule.md, added only in a temporary copy by its test',
  'elb-audit': 'the folder of the seed scanner (TocConsulting/aws-helper-scripts) the bench compares with',
};
/** The project's own resource names (functions, packs, stack sets, tags) start with its name. */
const PROJECT_NAME = 'elb-config-rules';

const RULE_ID_SHAPE = /(?<![\w.-])(?:alb|nlb|clb|elb|elbv2|lb)-[a-z0-9]+(?:-[a-z0-9]+)*(?![\w-])/g;
const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const RULE_COUNT = new RegExp(
  `\\b(\\d+|${NUMBER_WORDS.join('|')}|twenty-(?:one|two|three|four|five|six|seven|eight|nine)) (?:registered |custom )?rules\\b`,
  'gi',
);

function countOf(text: string): number {
  const lower = text.toLowerCase();
  if (/^\d+$/.test(lower)) return Number(lower);
  if (lower.startsWith('twenty-')) return 20 + NUMBER_WORDS.indexOf(lower.slice('twenty-'.length));
  return NUMBER_WORDS.indexOf(lower);
}

/** The text with URLs removed: their paths (…/elb-controls.html) are not rule names. */
const withoutUrls = (text: string) => text.replace(/\bhttps?:\/\/[^\s)>\]]+/g, '');

function ruleCountClaims(text: string): { claim: string; count: number }[] {
  return [...text.matchAll(RULE_COUNT)].map((m) => ({ claim: m[0], count: countOf(m[1]!) }));
}

function unknownRuleNames(text: string, known: ReadonlySet<string>): string[] {
  return [...new Set(withoutUrls(text).match(RULE_ID_SHAPE) ?? [])].filter(
    (name) => !known.has(name) && !(name in NOT_RULES) && !name.startsWith(PROJECT_NAME),
  );
}

const CONTROL_ID = /\b((?:ELB|EC2|ACM)\.\d+)\b(?:\s*\((equivalent|stricter|related)\))?/g;

/**
 * Table rows whose first cell names one registered rule, with each Security Hub control the row
 * names that the rule does not map to, or maps to with another relation.
 */
function wrongControls(text: string, rules: typeof RULES): string[] {
  const problems: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) continue;
    const first = line.split('|')[1] ?? '';
    const named = rules.filter((r) => new RegExp(`\`${r.id}\``).test(first));
    if (named.length !== 1) continue;
    const rule = named[0]!;
    for (const [, id, relation] of line.matchAll(CONTROL_ID)) {
      const mapping = rule.controls.find((c) => c.framework === 'Security Hub' && c.id === id);
      if (!mapping) problems.push(`${rule.id} does not map to ${id}`);
      else if (relation && relation !== mapping.relation)
        problems.push(`${rule.id} is ${mapping.relation} to ${id}, not ${relation}`);
    }
  }
  return problems;
}

const KNOWN = new Set([
  ...RULES.map((r) => r.id),
  ...RULES.flatMap((r) =>
    r.controls.filter((c) => c.framework === 'AWS Config managed rule').map((c) => c.id),
  ),
]);
const docs = markdownFiles(REPO_ROOT).map(
  (file) => [file, readFileSync(join(REPO_ROOT, file), 'utf8')] as const,
);

describe('facts in the docs', () => {
  it.each(docs)('%s counts the rules as the registry does', (_, text) => {
    for (const { claim, count } of ruleCountClaims(text)) expect(count, claim).toBe(RULES.length);
  });

  it.each(docs)('%s names only registered rules (or listed non-rule names)', (_, text) => {
    expect(unknownRuleNames(text, KNOWN)).toEqual([]);
  });

  it.each(docs)('%s maps rules to the controls, and relations, the registry gives them', (_, text) => {
    expect(wrongControls(text, RULES)).toEqual([]);
  });

  it('the README states the registry’s count', () => {
    const readme = docs.find(([file]) => file === 'README.md')![1];
    expect(ruleCountClaims(readme).map((c) => c.count)).toContain(RULES.length);
  });

  it('finds a wrong count and an unknown rule id', () => {
    expect(ruleCountClaims('The registry holds 21 rules; Ten rules keep load balancers closed.')).toEqual([
      { claim: '21 rules', count: 21 },
      { claim: 'Ten rules', count: 10 },
    ]);
    expect(ruleCountClaims('twenty-one registered rules')).toEqual([
      { claim: 'twenty-one registered rules', count: 21 },
    ]);
    expect(
      unknownRuleNames(
        'See `alb-https-only`, `alb-https-everywhere`, elb-config-rules-fsbp and https://x.example/elb-controls.html',
        KNOWN,
      ),
    ).toEqual(['alb-https-everywhere']);
    const rule = RULES.find((r) => r.controls.some((c) => c.framework === 'Security Hub'))!;
    const control = rule.controls.find((c) => c.framework === 'Security Hub')!;
    const other = (['equivalent', 'stricter', 'related'] as const).find((r) => r !== control.relation)!;
    expect(wrongControls(`| \`${rule.id}\` | ${control.id} (${control.relation}) |`, RULES)).toEqual([]);
    expect(wrongControls(`| \`${rule.id}\` | ${control.id} (${other}), ELB.99 |`, RULES)).toEqual([
      `${rule.id} is ${control.relation} to ${control.id}, not ${other}`,
      `${rule.id} does not map to ELB.99`,
    ]);
  });

  it('lists only non-rule names that the docs still use and the registry does not', () => {
    const all = docs.map(([, text]) => withoutUrls(text)).join('\n');
    for (const name of Object.keys(NOT_RULES)) {
      expect(KNOWN.has(name), `${name} is registered now`).toBe(false);
      expect(all, `${name} no longer appears in the docs`).toMatch(
        new RegExp(`(?<![\\w.-])${name}(?![\\w-])`),
      );
    }
  });
});
