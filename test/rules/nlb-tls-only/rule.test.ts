import { describe, expect, it } from 'vitest';
import { elbv2Listener } from '../../../rules/core/resources/normalize/elbv2.js';
import { rule } from '../../../rules/nlb-tls-only/rule.js';
import {
  albArn,
  elbv2LoadBalancerItem,
  forward,
  type ListenerShape,
  listenerApiShape,
  nlbArn,
} from '../../fixtures/config-items.js';
import { judgeItem } from '../../support/judge-item.js';

const NLB = nlbArn('edge');
const tls = (port: number): ListenerShape => ({
  port,
  protocol: 'TLS',
  sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  defaultActions: [forward()],
});
const plain = (protocol: string, port: number): ListenerShape => ({
  port,
  protocol,
  defaultActions: [forward()],
});

const cases: {
  name: string;
  listeners: ListenerShape[];
  params?: Record<string, unknown>;
  expected: string;
  annotation: RegExp;
}[] = [
  { name: 'TLS only', listeners: [tls(443)], expected: 'COMPLIANT', annotation: /TLS listeners: TLS:443/ },
  {
    name: 'a TCP listener',
    listeners: [tls(443), plain('TCP', 80)],
    expected: 'NON_COMPLIANT',
    annotation: /^TCP:80 is plaintext TCP; use a TLS listener$/,
  },
  {
    name: 'UDP is exempt and named',
    listeners: [plain('UDP', 53), tls(853)],
    expected: 'COMPLIANT',
    annotation: /Exempt \(cannot carry TLS\): UDP:53/,
  },
  {
    name: 'TCP_UDP fails by default',
    listeners: [plain('TCP_UDP', 53)],
    expected: 'NON_COMPLIANT',
    annotation: /TCP_UDP:53 carries plaintext TCP/,
  },
  {
    name: 'TCP_UDP allowed by parameter',
    listeners: [plain('TCP_UDP', 53)],
    params: { allowTcpUdp: 'true' },
    expected: 'COMPLIANT',
    annotation: /Exempt.*TCP_UDP:53/,
  },
  {
    name: 'QUIC is encrypted',
    listeners: [plain('QUIC', 443)],
    expected: 'COMPLIANT',
    annotation: /QUIC:443/,
  },
  { name: 'no listeners', listeners: [], expected: 'COMPLIANT', annotation: /No listeners/ },
];

describe('nlb-tls-only', () => {
  it.each(cases)('$name → $expected', async ({ listeners, params, expected, annotation }) => {
    const item = elbv2LoadBalancerItem({ arn: NLB, type: 'network' });
    const built = listeners.map((l, i) => elbv2Listener(listenerApiShape(NLB, `n${i}`, l)));
    const evaluation = await judgeItem(rule, item, { listeners: built }, params);
    expect(evaluation.complianceType).toBe(expected);
    expect(evaluation.annotation).toMatch(annotation);
  });

  it('judges by the Type field, not the ARN (moto writes NLB ARNs with app/)', async () => {
    const motoStyle = albArn('looks-like-alb');
    const item = elbv2LoadBalancerItem({ arn: motoStyle, type: 'network' });
    const built = [elbv2Listener(listenerApiShape(motoStyle, 'x', plain('TCP', 9000)))];
    const evaluation = await judgeItem(rule, item, { listeners: built });
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
  });

  it('is NOT_APPLICABLE to an application load balancer', async () => {
    const evaluation = await judgeItem(
      rule,
      elbv2LoadBalancerItem({ arn: albArn('web'), type: 'application' }),
      {},
    );
    expect(evaluation.complianceType).toBe('NOT_APPLICABLE');
  });
});
