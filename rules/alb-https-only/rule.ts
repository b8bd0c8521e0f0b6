import { fromFindings } from '../core/engine/outcome.js';
import { defineRule } from '../core/engine/rule.js';
import { ELBV2_LISTENER, ELBV2_LOAD_BALANCER, type ListenerAction } from '../core/model/model.js';
import { enforceAlbHttps } from '../core/remediation/enforce-alb-https/link.js';
import { listenerRules } from '../core/resources/facets/listener-rules.js';
import { listeners } from '../core/resources/facets/listeners.js';
import { describeTarget } from '../core/resources/names.js';

export const rule = defineRule({
  id: 'alb-https-only',
  title: 'ALB listeners use HTTPS or only redirect to it',
  description:
    'Every Application Load Balancer listener is HTTPS, or is an HTTP listener whose default action and every ' +
    'listener rule redirect to HTTPS (or return a fixed response, unless refused). A redirect that keeps ' +
    '#{protocol} is not a redirect to HTTPS. Anything that forwards plaintext HTTP to targets fails.',
  severity: 'high',
  appliesTo: ['application'],
  resourceTypes: [ELBV2_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, ELBV2_LISTENER], periodic: 'TwentyFour_Hours' },
  parameters: {
    allowFixedResponse: {
      type: 'boolean',
      default: true,
      description:
        'Whether an HTTP action that returns a fixed response (and so carries no data to targets) passes.',
    },
  },
  needs: [listeners, listenerRules],
  remediation: enforceAlbHttps,
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.1',
      relation: 'looser',
      note: 'The defaults pass an HTTP action that returns a fixed response; ELB.1 accepts only a redirect to HTTPS.',
      parity: { allowFixedResponse: 'false' },
    },
    {
      framework: 'Security Hub',
      id: 'ELB.18',
      relation: 'related',
      note: 'ELB.18 fails every ALB HTTP listener, redirecting or not; nlb-tls-only with preset=securityhub judges it.',
    },
    {
      framework: 'AWS Config managed rule',
      id: 'alb-http-to-https-redirection-check',
      relation: 'looser',
      note: 'The defaults pass fixed responses; allowFixedResponse=false matches the managed rule.',
    },
  ],
  evaluate({ listeners, listenerRules }, { params }) {
    if (listeners.length === 0)
      return fromFindings([], 'No listeners: the load balancer accepts no traffic.');
    const findings: string[] = [];
    const summary: string[] = [];
    for (const listener of [...listeners].sort((a, b) => a.port - b.port)) {
      const name = `${listener.protocol}:${listener.port}`;
      if (listener.protocol === 'HTTPS') {
        summary.push(name);
        continue;
      }
      if (listener.protocol !== 'HTTP') {
        findings.push(`${name}: protocol ${listener.protocol} is neither HTTPS nor HTTP`);
        continue;
      }
      const before = findings.length;
      const actions = [
        listener.defaultActions,
        ...(listenerRules[listener.arn] ?? []).map((r) => r.actions),
      ].flat();
      const fault = unsafe(listener.defaultActions, params.allowFixedResponse);
      if (fault) findings.push(`${name} default action ${fault}`);
      for (const r of listenerRules[listener.arn] ?? []) {
        const ruleFault = unsafe(r.actions, params.allowFixedResponse);
        if (ruleFault) {
          const when = r.conditions.length ? ` (${r.conditions.join(' & ')})` : '';
          findings.push(`${name} rule ${r.priority}${when} ${ruleFault}`);
        }
      }
      if (findings.length === before) {
        const answers = actions.some((a) => a.type === 'fixed-response')
          ? 'answers with a fixed response'
          : '';
        const redirects = actions.some((a) => a.type === 'redirect') ? 'redirects to HTTPS' : '';
        summary.push(`${name} only ${[redirects, answers].filter(Boolean).join(' and ')}`);
      }
    }
    return fromFindings(findings, `All listeners encrypted or redirecting: ${summary.join(', ')}.`);
  },
});

/** Why a list of actions lets plaintext HTTP through, or undefined when it does not. */
function unsafe(actions: readonly ListenerAction[], allowFixedResponse: boolean): string | undefined {
  for (const action of actions) {
    switch (action.type) {
      case 'forward':
        return `forwards HTTP to ${action.targetGroupArns.map(describeTarget).join(', ') || 'a target group'} instead of redirecting to HTTPS`;
      case 'redirect': {
        const protocol = action.redirect?.protocol ?? '#{protocol}';
        if (protocol.toUpperCase() !== 'HTTPS')
          return `redirects with protocol ${protocol}, which keeps HTTP`;
        break;
      }
      case 'fixed-response':
        if (!allowFixedResponse) return 'returns a fixed response (refused: allowFixedResponse=false)';
        break;
      default:
        // authenticate-* actions precede a terminal action; they route nothing by themselves.
        break;
    }
  }
  return undefined;
}
