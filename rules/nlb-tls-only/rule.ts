import { compliant, nonCompliant } from '../core/engine/outcome.js';
import { eachListener, reportOnParameter } from '../core/engine/per-resource.js';
import { defineRule } from '../core/engine/rule.js';
import { ELBV2_LISTENER, ELBV2_LOAD_BALANCER } from '../core/model/model.js';
import { addNlbTlsListener } from '../core/remediation/add-nlb-tls-listener/link.js';
import { listeners } from '../core/resources/facets/listeners.js';

/** Protocols that are encrypted end to end from the client: TLS terminates here, QUIC is TLS 1.3. */
const ENCRYPTED = new Set(['TLS', 'QUIC']);
/** Protocols that cannot carry TLS at all: NLBs do not terminate DTLS. */
const DATAGRAM_ONLY = new Set(['UDP']);

export const rule = defineRule({
  id: 'nlb-tls-only',
  title: 'NLB listeners that can carry TLS use TLS',
  description:
    'Every Network Load Balancer listener that could carry TLS is a TLS listener. A TCP listener fails. A UDP ' +
    'listener cannot carry TLS, so it is exempt and only named in the annotation. A TCP_UDP listener carries ' +
    'plaintext TCP and fails, unless allowTcpUdp is set for services such as DNS that need both on one port.',
  severity: 'high',
  appliesTo: ['network'],
  resourceTypes: [ELBV2_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, ELBV2_LISTENER], periodic: 'TwentyFour_Hours' },
  parameters: {
    allowTcpUdp: {
      type: 'boolean',
      default: false,
      description:
        'Whether TCP_UDP listeners pass. They cannot be TLS without giving up UDP on the same port (DNS, some games).',
    },
    reportOn: reportOnParameter('listener'),
  },
  needs: [listeners],
  remediation: addNlbTlsListener,
  reportEach: { resourceType: ELBV2_LISTENER, evaluateEach: eachListener },
  controls: [
    {
      framework: 'Security Hub',
      id: 'ELB.18',
      relation: 'equivalent',
      note: 'ELB.18 covers NLB TLS listeners.',
    },
    {
      framework: 'AWS Config managed rule',
      id: 'elbv2-listener-encryption-in-transit',
      relation: 'equivalent',
    },
  ],
  evaluate({ listeners }, { params }) {
    const findings: string[] = [];
    const encrypted: string[] = [];
    const exempt: string[] = [];
    for (const listener of [...listeners].sort((a, b) => a.port - b.port)) {
      const name = `${listener.protocol}:${listener.port}`;
      if (ENCRYPTED.has(listener.protocol)) encrypted.push(name);
      else if (DATAGRAM_ONLY.has(listener.protocol)) exempt.push(name);
      else if (listener.protocol === 'TCP_UDP' && params.allowTcpUdp) exempt.push(name);
      else if (listener.protocol === 'TCP_UDP') {
        findings.push(
          `${name} carries plaintext TCP (TCP_UDP cannot be TLS; set allowTcpUdp=true if UDP must share the port)`,
        );
      } else findings.push(`${name} is plaintext ${listener.protocol}; use a TLS listener`);
    }
    if (listeners.length === 0) return compliant('No listeners: the load balancer accepts no traffic.');
    const notes = exempt.length ? `Exempt (cannot carry TLS): ${exempt.join(', ')}.` : '';
    if (findings.length) return nonCompliant(notes ? [...findings, notes] : findings);
    return compliant(
      [encrypted.length ? `TLS listeners: ${encrypted.join(', ')}.` : '', notes].join(' ').trim(),
    );
  },
});
