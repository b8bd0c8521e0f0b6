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

describe('nlb-tls-only TLS passthrough exemption', () => {
  const item = elbv2LoadBalancerItem({ arn: NLB, type: 'network' });
  const passthrough = elbv2Listener(listenerApiShape(NLB, 'a1b2c3d4e5f60718', plain('TCP', 443)));
  const other = elbv2Listener(listenerApiShape(NLB, 'b1b2c3d4e5f60718', plain('TCP', 8443)));

  it('passes a TCP listener named by ARN and names it as passthrough', async () => {
    const evaluation = await judgeItem(
      rule,
      item,
      { listeners: [passthrough] },
      {
        tlsPassthroughListeners: passthrough.arn,
      },
    );
    expect(evaluation.complianceType).toBe('COMPLIANT');
    expect(evaluation.annotation).toMatch(/TLS passthrough \(tlsPassthroughListeners.*\): TCP:443/);
  });

  it('passes one named as <load balancer name>:<port> and still fails an unnamed TCP listener', async () => {
    const evaluation = await judgeItem(
      rule,
      item,
      { listeners: [passthrough, other] },
      {
        tlsPassthroughListeners: 'edge:443',
      },
    );
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.findings).toEqual([
      'TCP:8443 is plaintext TCP; use a TLS listener',
      expect.stringMatching(/TLS passthrough .*: TCP:443\.$/),
    ]);
  });

  it('never exempts by port: TCP 443 without a mark fails', async () => {
    const evaluation = await judgeItem(rule, item, { listeners: [passthrough] });
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
  });

  it('ignores the exemption under preset=securityhub, as ELB.18 does', async () => {
    const evaluation = await judgeItem(
      rule,
      item,
      { listeners: [passthrough] },
      {
        tlsPassthroughListeners: passthrough.arn,
        preset: 'securityhub',
      },
    );
    expect(evaluation.complianceType).toBe('NON_COMPLIANT');
    expect(evaluation.annotation).toMatch(/TCP:443 is not TLS \(preset securityhub/);
  });

  it('refuses an entry that is a bare port', async () => {
    await expect(
      judgeItem(rule, item, { listeners: [passthrough] }, { tlsPassthroughListeners: '443' }),
    ).rejects.toThrow(/tlsPassthroughListeners.*NLB listener ARNs or <load balancer name>:<port>/);
  });
});
