import { describe, expect, it } from 'vitest';
import { rule } from '../../../rules/alb-https-only/rule.js';
import { elbv2Listener, listenerRule } from '../../../rules/core/resources/normalize/elbv2.js';
import {
  albArn,
  elbv2LoadBalancerItem,
  fixedResponse,
  forward,
  type ListenerShape,
  listenerApiShape,
  listenerArnOf,
  nlbArn,
  redirectTo,
  targetGroupArn,
} from '../../fixtures/config-items.js';
import { judgeItem } from '../../support/judge-item.js';

const ALB = albArn('web');
const HTTPS: ListenerShape = {
  port: 443,
  protocol: 'HTTPS',
  sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  defaultActions: [forward()],
};

function listenersOf(...shapes: ListenerShape[]) {
  return shapes.map((l, i) => elbv2Listener(listenerApiShape(ALB, `l${i}`, l)));
}

/** DescribeRules output for listener l<index>: non-default rules with conditions and actions. */
function rulesFor(index: number, rules: { priority: string; path: string; actions: unknown[] }[]) {
  return {
    [listenerArnOf(ALB, `l${index}`)]: rules.map((r) =>
      listenerRule({
        RuleArn: `${ALB.replace(':loadbalancer/', ':listener-rule/')}/l${index}/${r.priority}`,
        Priority: r.priority,
        IsDefault: false,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [r.path] } }],
        Actions: r.actions,
      }),
    ),
  };
}

const cases: {
  name: string;
  listeners: ListenerShape[];
  rules?: ReturnType<typeof rulesFor>;
  params?: Record<string, unknown>;
  expected: string;
  annotation: RegExp;
}[] = [
  { name: 'HTTPS only', listeners: [HTTPS], expected: 'COMPLIANT', annotation: /HTTPS:443/ },
  {
    name: 'HTTP that only redirects to HTTPS',
    listeners: [HTTPS, { port: 80, protocol: 'HTTP', defaultActions: [redirectTo('HTTPS')] }],
    expected: 'COMPLIANT',
    annotation: /HTTP:80 only redirects to HTTPS/,
  },
  {
    name: 'HTTP that only returns a fixed response',
    listeners: [{ port: 80, protocol: 'HTTP', defaultActions: [fixedResponse()] }],
    expected: 'COMPLIANT',
    annotation: /fixed response/,
  },
  {
    name: 'fixed response refused by parameter',
    listeners: [{ port: 80, protocol: 'HTTP', defaultActions: [fixedResponse()] }],
    params: { allowFixedResponse: 'false' },
    expected: 'NON_COMPLIANT',
    annotation: /HTTP:80 default action returns a fixed response \(refused: allowFixedResponse=false\)/,
  },
  {
    name: 'HTTP that forwards',
    listeners: [{ port: 8080, protocol: 'HTTP', defaultActions: [forward(targetGroupArn('admin'))] }],
    expected: 'NON_COMPLIANT',
    annotation: /HTTP:8080 default action forwards HTTP to targetgroup\/admin/,
  },
  {
    name: 'redirect that keeps #{protocol}',
    listeners: [{ port: 80, protocol: 'HTTP', defaultActions: [redirectTo('#{protocol}', '#{port}')] }],
    expected: 'NON_COMPLIANT',
    annotation: /redirects with protocol #\{protocol\}, which keeps HTTP/,
  },
  {
    name: 'redirect to HTTPS by default but one rule forwards',
    listeners: [HTTPS, { port: 80, protocol: 'HTTP', defaultActions: [redirectTo('HTTPS')] }],
    rules: rulesFor(1, [
      { priority: '5', path: '/old/*', actions: [redirectTo('HTTPS')] },
      { priority: '10', path: '/health', actions: [forward(targetGroupArn('api'))] },
    ]),
    expected: 'NON_COMPLIANT',
    annotation: /^HTTP:80 rule 10 \(path-pattern=\/health\) forwards HTTP to targetgroup\/api/,
  },
  {
    name: 'rules on the HTTPS listener do not matter',
    listeners: [HTTPS, { port: 80, protocol: 'HTTP', defaultActions: [redirectTo('https')] }],
    rules: rulesFor(0, [{ priority: '1', path: '/api/*', actions: [forward(targetGroupArn('api'))] }]),
    expected: 'COMPLIANT',
    annotation: /HTTP:80 only redirects to HTTPS/,
  },
  { name: 'no listeners', listeners: [], expected: 'COMPLIANT', annotation: /No listeners/ },
];

describe('alb-https-only', () => {
  it.each(cases)('$name → $expected', async ({ listeners, rules, params, expected, annotation }) => {
    const item = elbv2LoadBalancerItem({ arn: ALB, type: 'application' });
    const built = listenersOf(...listeners);
    const evaluation = await judgeItem(rule, item, { listeners: built, listenerRules: rules ?? {} }, params);
    expect(evaluation.complianceType).toBe(expected);
    expect(evaluation.annotation).toMatch(annotation);
    expect(evaluation.resourceId).toBe(ALB);
  });

  it('reports every faulty listener and rule as its own finding', async () => {
    const item = elbv2LoadBalancerItem({ arn: ALB, type: 'application' });
    const built = listenersOf(
      { port: 80, protocol: 'HTTP', defaultActions: [forward()] },
      { port: 8080, protocol: 'HTTP', defaultActions: [redirectTo('HTTP')] },
    );
    const evaluation = await judgeItem(rule, item, {
      listeners: built,
      listenerRules: rulesFor(0, [{ priority: '3', path: '/x', actions: [forward()] }]),
    });
    expect(evaluation.findings).toHaveLength(3);
    expect(evaluation.findings.join('\n')).toMatch(/HTTP:8080 default action redirects with protocol HTTP/);
  });

  it('judges a network load balancer NOT_APPLICABLE without reading its listeners', async () => {
    const item = elbv2LoadBalancerItem({ arn: nlbArn('tcp'), type: 'network' });
    const evaluation = await judgeItem(rule, item, {});
    expect(evaluation.complianceType).toBe('NOT_APPLICABLE');
    expect(evaluation.annotation).toMatch(/Network Load Balancer/);
  });

  it('never reports COMPLIANT when the listener rules could not be read', async () => {
    const item = elbv2LoadBalancerItem({ arn: ALB, type: 'application' });
    const built = listenersOf({ port: 80, protocol: 'HTTP', defaultActions: [redirectTo('HTTPS')] });
    const evaluation = await judgeItem(rule, item, { listeners: built });
    expect(evaluation.complianceType).toBe('INSUFFICIENT_DATA');
    expect(evaluation.error?.reason).toMatch(/listenerRules/);
  });

  it('refuses a malformed allowFixedResponse, naming it', async () => {
    const item = elbv2LoadBalancerItem({ arn: ALB, type: 'application' });
    await expect(
      judgeItem(rule, item, { listeners: [], listenerRules: {} }, { allowFixedResponse: 'maybe' }),
    ).rejects.toThrow(/Rule parameter "allowFixedResponse" must be "true" or "false"; got "maybe"/);
  });
});
