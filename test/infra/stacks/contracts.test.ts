// The contract layer: every synthesized template and every committed conformance pack, resolved for
// each deployment a user may choose (two partitions and long region names, the defaults, each empty
// value filled in, every choice flipped), turned into the API requests CloudFormation and Config send
// and checked against AWS's published service models (botocore), plus the limits no model states.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACK_FILES } from '../../../infra/conformance-pack/write.js';
import { REPO_ROOT } from '../../../infra/paths.js';
import { RULES } from '../../../rules/index.js';
import { botocoreDataDir, requireBotocore } from '../../support/contracts/botocore.js';
import {
  type ContractViolation,
  checkTemplate,
  type TemplateKind,
  ViolationLog,
} from '../../support/contracts/contracts.js';
import type { Template } from '../../support/contracts/intrinsics.js';
import { synthApp } from '../../support/synth.js';

/**
 * Pack features AWS does not document for conformance pack templates (its sample packs use only Ref,
 * Fn::If, Fn::Equals, Fn::Not and String parameters), still generated because member-account mode
 * names each account's own function (${AWS::AccountId}) and the pack has no documented way to.
 * docs/deploy.md lists them under "verify on first deploy". Each must still occur.
 */
const UNDOCUMENTED_PACK_FEATURES: { id: string; matches: (v: ContractViolation) => boolean }[] = [
  {
    id: 'Fn::And in a pack condition (a remediation that needs a value and a parameter guard)',
    matches: (v) => v.type === 'template' && v.message.startsWith('Fn::And is not among the intrinsics'),
  },
  {
    id: 'Fn::Sub in pack resources (function and remediation role ARNs)',
    matches: (v) => v.type === 'template' && v.message.startsWith('Fn::Sub is not among the intrinsics'),
  },
];

const available = requireBotocore(botocoreDataDir());

function describeViolation(v: ContractViolation): string {
  const where =
    v.deployments.length > 2
      ? `${v.deployments.slice(0, 2).join('; ')} (+${v.deployments.length - 2})`
      : v.deployments.join('; ');
  return `${v.template} ${v.resource} ${v.path}: ${v.message} [${where}]`;
}

function unexpected(violations: ContractViolation[]): string[] {
  return violations
    .filter((v) => !UNDOCUMENTED_PACK_FEATURES.some((k) => k.matches(v)))
    .map(describeViolation);
}

describe.runIf(available)('AWS contracts of every template and pack', () => {
  const log = new ViolationLog();
  const checked: Record<string, { deployments: number; requests: number }> = {};

  it('synthesized templates: stack, member account (StackSets), evaluation role (StackSets), central account', () => {
    const { app, built } = synthApp({
      rules: RULES.map((r) => r.id),
      memberAccounts: ['111111111111', '222222222222'],
      organizationId: 'o-abcdef1234',
      notifications: { enabled: true, emails: ['secops@example.com'] },
    });
    const assembly = app.synth();
    const kinds: Record<string, TemplateKind> = {
      [built.rules.stackName]: 'stack',
      [built.member.stackName]: 'stackset',
      [built.evaluationRole.stackName]: 'stackset',
      [built.central!.stackName]: 'stack',
    };
    for (const [name, kind] of Object.entries(kinds)) {
      const template = assembly.getStackByName(name).template as Template;
      checked[name] = checkTemplate(name, template, kind, log);
    }
    expect(Object.keys(checked)).toHaveLength(4);
    expect(unexpected(log.all)).toEqual([]);
  }, 300_000);

  it.each(Object.values(PACK_FILES))('conformance-pack/%s', (file) => {
    const text = readFileSync(join(REPO_ROOT, 'conformance-pack', file), 'utf8');
    checked[file] = checkTemplate(file, parse(text) as Template, 'pack', log, {
      bytes: Buffer.byteLength(text),
    });
    expect(unexpected(log.all.filter((v) => v.template === file))).toEqual([]);
  });

  it('checked every Config rule, remediation and document, in every deployment', () => {
    for (const [name, stats] of Object.entries(checked)) {
      // Two partitions, each with at least the defaults.
      expect(stats.deployments, name).toBeGreaterThanOrEqual(2);
    }
    // 21 rules x (single-account stack + two packs) at least, each in several deployments.
    const requests = Object.values(checked).reduce((n, s) => n + s.requests, 0);
    expect(requests).toBeGreaterThan(RULES.length * 3 * 4);
  });

  it.each(UNDOCUMENTED_PACK_FEATURES.map((k) => [k.id, k] as const))(
    'known: %s (remove the entry once fixed)',
    (_, known) => {
      expect(log.all.some((v) => known.matches(v))).toBe(true);
    },
  );
});
