// Terraform plans into models: a Classic load balancer's SSL negotiation policies, declared as
// separate resources, and the predefined TLS policies the catalog knows, judged before apply.
import { describe, expect, it } from 'vitest';
import { runScan } from '../../../../../bin/cli/scan/run-scan.js';
import { UNKNOWN_SCOPE } from '../../../../../rules/core/resources/code/record.js';
import { terraformRecords } from '../../../../../rules/core/resources/code/terraform/plan.js';
import { selectRules } from '../../../../../rules/index.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');
type Json = Record<string, unknown>;

interface Resource {
  address: string;
  type: string;
  after: Json;
  unknown?: Json;
  /** Attribute → addresses its configuration expression refers to. */
  refs?: Record<string, string[]>;
}

/** A plan as terraform show -json writes it: resource_changes, with the configuration's references. */
function plan(resources: Resource[]): Json {
  return {
    format_version: '1.2',
    resource_changes: resources.map((r) => ({
      address: r.address,
      mode: 'managed',
      type: r.type,
      change: { actions: ['create'], before: null, after: r.after, after_unknown: r.unknown ?? {} },
    })),
    configuration: {
      root_module: {
        resources: resources.map((r) => ({
          address: r.address,
          type: r.type,
          expressions: Object.fromEntries(
            Object.entries(r.refs ?? {}).map(([k, refs]) => [k, { references: refs }]),
          ),
        })),
      },
    },
  };
}

const ELB: Resource = {
  address: 'aws_elb.web',
  type: 'aws_elb',
  after: {
    name: 'web',
    internal: true,
    security_groups: ['sg-1'],
    instances: [],
    listener: [
      {
        lb_port: 443,
        lb_protocol: 'https',
        instance_port: 80,
        instance_protocol: 'http',
        ssl_certificate_id: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
      },
    ],
  },
};

const policy = (attributes: { name: string; value: string }[], owner: Json = {}): Resource => ({
  address: 'aws_load_balancer_policy.tls',
  type: 'aws_load_balancer_policy',
  after: {
    load_balancer_name: 'web',
    policy_name: 'web-tls',
    policy_type_name: 'SSLNegotiationPolicyType',
    policy_attribute: attributes,
    ...owner,
  },
});

const listenerPolicy = (names: string[] | null, extra: Partial<Resource> = {}): Resource => ({
  address: 'aws_load_balancer_listener_policy.https',
  type: 'aws_load_balancer_listener_policy',
  after: { load_balancer_name: 'web', load_balancer_port: 443, policy_names: names },
  ...extra,
});

const REFERENCE = (name: string) => [{ name: 'Reference-Security-Policy', value: name }];

async function tlsVerdict(resources: Resource[]): Promise<{ verdict: string; annotation: string }> {
  const doc = plan(resources);
  const result = await runScan(
    [{ file: 'f', format: 'terraform', records: terraformRecords(doc, 'f', UNKNOWN_SCOPE) }],
    { rules: selectRules(['clb-tls-policy']), now: NOW },
  );
  const e = result.evaluations.find((x) => x.resourceId === 'aws_elb.web');
  return { verdict: String(e?.complianceType), annotation: String(e?.annotation) };
}

describe('Terraform Classic load balancer policies', () => {
  it('judges the policy an aws_load_balancer_listener_policy attaches by its Reference-Security-Policy', async () => {
    const strong = await tlsVerdict([
      ELB,
      policy(REFERENCE('ELBSecurityPolicy-TLS-1-2-2017-01')),
      listenerPolicy(['web-tls']),
    ]);
    expect(strong.verdict).toBe('COMPLIANT');
    expect(strong.annotation).toContain('web-tls');
    const weak = await tlsVerdict([
      ELB,
      policy(REFERENCE('ELBSecurityPolicy-2016-08')),
      listenerPolicy(['web-tls']),
    ]);
    expect(weak.verdict).toBe('NON_COMPLIANT');
  });

  it("judges a custom policy's own protocol and cipher attributes over its reference", async () => {
    const custom = await tlsVerdict([
      ELB,
      policy([
        ...REFERENCE('ELBSecurityPolicy-TLS-1-2-2017-01'),
        { name: 'Protocol-TLSv1', value: 'true' },
        { name: 'Protocol-TLSv1.2', value: 'true' },
        { name: 'ECDHE-RSA-AES128-GCM-SHA256', value: 'true' },
      ]),
      listenerPolicy(['web-tls']),
    ]);
    expect(custom).toMatchObject({ verdict: 'NON_COMPLIANT' });
    expect(custom.annotation).toContain('custom');
  });

  it('takes an aws_lb_ssl_negotiation_policy as the SSL negotiation policy of its port', async () => {
    const ssl = (attrs: { name: string; value: string }[]): Resource => ({
      address: 'aws_lb_ssl_negotiation_policy.tls',
      type: 'aws_lb_ssl_negotiation_policy',
      after: { name: 'web-ssl', load_balancer: 'web', lb_port: 443, attribute: attrs },
    });
    expect(
      (
        await tlsVerdict([
          ELB,
          ssl([
            { name: 'Protocol-TLSv1.2', value: 'true' },
            { name: 'ECDHE-RSA-AES128-GCM-SHA256', value: 'true' },
          ]),
        ])
      ).verdict,
    ).toBe('COMPLIANT');
    expect((await tlsVerdict([ELB, ssl(REFERENCE('ELBSecurityPolicy-2016-08'))])).verdict).toBe(
      'NON_COMPLIANT',
    );
  });

  it('finds the load balancer of a policy by reference when its name is known only after apply', async () => {
    const byRef = await tlsVerdict([
      ELB,
      {
        ...policy(REFERENCE('ELBSecurityPolicy-TLS-1-2-2017-01'), { load_balancer_name: undefined }),
        unknown: { load_balancer_name: true },
        refs: { load_balancer_name: ['aws_elb.web.name', 'aws_elb.web'] },
      },
      listenerPolicy(['web-tls'], {
        after: { load_balancer_port: 443, policy_names: ['web-tls'] },
        unknown: { load_balancer_name: true },
        refs: { load_balancer_name: ['aws_elb.web.name', 'aws_elb.web'] },
      }),
    ]);
    expect(byRef.verdict).toBe('COMPLIANT');
  });

  it('with no policy resource, judges the listener on the ELB default policy', async () => {
    const none = await tlsVerdict([ELB]);
    expect(none.verdict).toBe('NON_COMPLIANT');
    expect(none.annotation).toContain('ELB default');
  });

  it('leaves the policies unknown, never COMPLIANT, where the plan does not fix them', async () => {
    const strong = policy(REFERENCE('ELBSecurityPolicy-TLS-1-2-2017-01'));
    const cases: Resource[][] = [
      // The attached names known only after apply.
      [ELB, strong, { ...listenerPolicy(null), unknown: { policy_names: true } }],
      // The policy's attributes known only after apply.
      [
        ELB,
        {
          ...strong,
          after: { ...strong.after, policy_attribute: null },
          unknown: { policy_attribute: true },
        },
      ],
      // The reference's value known only after apply.
      [ELB, { ...strong, unknown: { policy_attribute: [{ value: true }] } }, listenerPolicy(['web-tls'])],
      // A listener policy whose load balancer cannot be told.
      [
        ELB,
        strong,
        {
          ...listenerPolicy(['web-tls']),
          after: { load_balancer_port: 443, policy_names: ['web-tls'] },
          unknown: { load_balancer_name: true },
        },
      ],
      // The port known only after apply.
      [ELB, strong, { ...listenerPolicy(['web-tls']), unknown: { load_balancer_port: true } }],
      // Two resources set the same port.
      [
        ELB,
        strong,
        listenerPolicy(['web-tls']),
        { ...listenerPolicy(['web-tls']), address: 'aws_load_balancer_listener_policy.again' },
      ],
    ];
    for (const resources of cases)
      expect((await tlsVerdict(resources)).verdict, JSON.stringify(resources.slice(1))).toBe(
        'INSUFFICIENT_DATA',
      );
  });

  it('leaves alone a policy of a load balancer outside the plan', async () => {
    const other = await tlsVerdict([
      ELB,
      policy(REFERENCE('ELBSecurityPolicy-TLS-1-2-2017-01'), { load_balancer_name: 'elsewhere' }),
      {
        ...listenerPolicy(['web-tls']),
        after: { load_balancer_name: 'elsewhere', load_balancer_port: 443, policy_names: ['web-tls'] },
      },
    ]);
    expect(other.annotation).toContain('ELB default');
  });
});

describe('Terraform TLS policies of listeners', () => {
  const ALB: Resource[] = [
    {
      address: 'aws_lb.web',
      type: 'aws_lb',
      after: { name: 'web', internal: true, load_balancer_type: 'application', security_groups: ['sg-1'] },
    },
    {
      address: 'aws_lb_listener.https',
      type: 'aws_lb_listener',
      after: {
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificate_arn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
        default_action: [{ type: 'fixed-response', fixed_response: [{ status_code: '200' }] }],
      },
      unknown: { load_balancer_arn: true },
      refs: { load_balancer_arn: ['aws_lb.web.arn', 'aws_lb.web'] },
    },
  ];
  const judge = async (sslPolicy: string) => {
    const resources = structuredClone(ALB);
    resources[1]!.after.ssl_policy = sslPolicy;
    const doc = plan(resources);
    const result = await runScan(
      [{ file: 'f', format: 'terraform', records: terraformRecords(doc, 'f', UNKNOWN_SCOPE) }],
      { rules: selectRules(['elbv2-tls-policy']), now: NOW },
    );
    return result.evaluations[0]?.complianceType;
  };

  it('judges a predefined policy the built-in catalog knows', async () => {
    expect(await judge('ELBSecurityPolicy-TLS13-1-2-2021-06')).toBe('COMPLIANT');
    expect(await judge('ELBSecurityPolicy-2016-08')).toBe('NON_COMPLIANT');
  });

  it('leaves a policy the catalog does not know to the description AWS gives once deployed', async () => {
    expect(await judge('ELBSecurityPolicy-Not-Yet-Published')).toBe('INSUFFICIENT_DATA');
  });

  it('reads an empty ssl_policy as not set, never as a policy it can judge', async () => {
    expect(await judge('')).toBe('INSUFFICIENT_DATA');
  });
});

describe('Terraform listener rules', () => {
  const resources = (ruleAction: Resource['unknown'], refs: string[]): Resource[] => [
    {
      address: 'aws_lb.web',
      type: 'aws_lb',
      after: { name: 'web', internal: true, load_balancer_type: 'application', security_groups: ['sg-1'] },
    },
    { address: 'aws_lb_target_group.app', type: 'aws_lb_target_group', after: { name: 'app', port: 80 } },
    {
      address: 'aws_lb_listener.http',
      type: 'aws_lb_listener',
      after: {
        port: 80,
        protocol: 'HTTP',
        default_action: [{ type: 'fixed-response', fixed_response: [{ status_code: '404' }] }],
      },
      unknown: { load_balancer_arn: true },
      refs: { load_balancer_arn: ['aws_lb.web.arn', 'aws_lb.web'] },
    },
    {
      address: 'aws_lb_listener_rule.app',
      type: 'aws_lb_listener_rule',
      after: {
        priority: 100,
        action: [{ type: 'forward' }],
        condition: [{ path_pattern: [{ values: ['/app/*'] }] }],
      },
      unknown: { listener_arn: true, ...ruleAction },
      refs: { listener_arn: ['aws_lb_listener.http.arn'], 'action.target_group_arn': refs },
    },
  ];
  const judge = async (r: Resource[]) => {
    const result = await runScan(
      [{ file: 'f', format: 'terraform', records: terraformRecords(plan(r), 'f', UNKNOWN_SCOPE) }],
      { rules: selectRules(['alb-https-only']), now: NOW },
    );
    return result.evaluations[0];
  };

  it('judges a rule that forwards plain HTTP to a target group of the same plan, named by its reference', async () => {
    const e = await judge(
      resources({ action: [{ target_group_arn: true }] }, [
        'aws_lb_target_group.app.arn',
        'aws_lb_target_group.app',
      ]),
    );
    expect(e?.complianceType).toBe('NON_COMPLIANT');
    expect(e?.annotation).toContain('/app/*');
  });

  it('leaves the rule unknown when its target group cannot be told', async () => {
    expect((await judge(resources({ action: [{ target_group_arn: true }] }, [])))?.complianceType).toBe(
      'INSUFFICIENT_DATA',
    );
    expect((await judge(resources({ action: true }, [])))?.complianceType).toBe('INSUFFICIENT_DATA');
  });
});

describe('Terraform aws_security_group_rule', () => {
  const resources = (rule: Json, unknown: Json): Resource[] => [
    {
      address: 'aws_security_group.lb',
      type: 'aws_security_group',
      after: { name: 'lb', ingress: [], egress: [] },
      unknown: { id: true },
    },
    {
      address: 'aws_security_group_rule.ssh',
      type: 'aws_security_group_rule',
      after: { type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp', self: false, ...rule },
      unknown: { security_group_id: true, ...unknown },
      refs: { security_group_id: ['aws_security_group.lb.id', 'aws_security_group.lb'] },
    },
    {
      address: 'aws_lb.web',
      type: 'aws_lb',
      after: { name: 'web', internal: false, load_balancer_type: 'application' },
      unknown: { security_groups: true },
      refs: { security_groups: ['aws_security_group.lb.id', 'aws_security_group.lb'] },
    },
  ];
  const judge = async (r: Resource[]) =>
    (
      await runScan(
        [{ file: 'f', format: 'terraform', records: terraformRecords(plan(r), 'f', UNKNOWN_SCOPE) }],
        {
          rules: selectRules(['lb-sg-world-ingress']),
          now: NOW,
        },
      )
    ).evaluations[0]?.complianceType;

  it('judges a CIDR rule whose computed source_security_group_id is unknown: it cannot have one', async () => {
    expect(await judge(resources({ cidr_blocks: ['0.0.0.0/0'] }, { source_security_group_id: true }))).toBe(
      'NON_COMPLIANT',
    );
  });

  it('leaves a rule unknown whose source group is known only after apply', async () => {
    expect(await judge(resources({ cidr_blocks: [] }, { source_security_group_id: true }))).toBe(
      'INSUFFICIENT_DATA',
    );
  });
});

describe('Terraform security groups', () => {
  it('names a group whose id is empty by its address instead of failing the scan', async () => {
    const resources: Resource[] = [
      {
        address: 'aws_security_group.lb',
        type: 'aws_security_group',
        after: {
          id: '',
          name: 'lb',
          ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }],
          egress: [],
        },
      },
      {
        address: 'aws_lb.web',
        type: 'aws_lb',
        after: { name: 'web', internal: false, load_balancer_type: 'application' },
        unknown: { security_groups: true },
        refs: { security_groups: ['aws_security_group.lb.id', 'aws_security_group.lb'] },
      },
    ];
    const result = await runScan(
      [{ file: 'f', format: 'terraform', records: terraformRecords(plan(resources), 'f', UNKNOWN_SCOPE) }],
      { rules: selectRules(['lb-sg-world-ingress']), now: NOW },
    );
    expect(result.evaluations[0]?.complianceType).toBe('NON_COMPLIANT');
  });
});
