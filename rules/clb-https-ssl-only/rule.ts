import { fromFindings } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { CLASSIC_LOAD_BALANCER } from '../core/model/model.js';

const ENCRYPTED = new Set(['HTTPS', 'SSL']);

export const rule = defineRule({
  id: 'clb-https-ssl-only',
  title: 'Classic Load Balancer listeners use HTTPS or SSL',
  description:
    'Every Classic Load Balancer listener is HTTPS or SSL. One HTTP or TCP listener among secure ones fails, ' +
    'because clients can still reach the application in plaintext through it. Classic load balancers cannot ' +
    'redirect, so the fix is to remove the plaintext listener or move to an ALB. Answered from the ' +
    'configuration item alone, with no API call.',
  severity: 'high',
  appliesTo: ['classic'],
  resourceTypes: [CLASSIC_LOAD_BALANCER],
  triggers: { changes: [CLASSIC_LOAD_BALANCER], periodic: 'TwentyFour_Hours' },
  parameters: {},
  needs: [],
  controls: [
    { framework: 'Security Hub', id: 'ELB.3', relation: 'equivalent' },
    { framework: 'AWS Config managed rule', id: 'elb-tls-https-listeners-only', relation: 'equivalent' },
  ],
  // ELB.3 and its managed rule report nothing on a Classic load balancer without listeners.
  applicable: (lb) =>
    lb.kind === 'classic' && lb.listeners.length === 0
      ? 'No listeners: the load balancer accepts no traffic.'
      : undefined,
  evaluate({ lb }) {
    if (lb.kind !== 'classic') throw new Error('clb-https-ssl-only judges Classic load balancers only');
    const listeners = [...lb.listeners].sort((a, b) => a.port - b.port);
    const findings = listeners
      .filter((l) => !ENCRYPTED.has(l.protocol))
      .map(
        (l) =>
          `${l.protocol}:${l.port} (to instance ${l.instanceProtocol}:${l.instancePort}) is plaintext; use HTTPS or SSL`,
      );
    return fromFindings(
      findings,
      `All listeners encrypted: ${listeners.map((l) => `${l.protocol}:${l.port}`).join(', ')}.`,
    );
  },
});
