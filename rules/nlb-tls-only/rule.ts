import { compliant, nonCompliant, notApplicable } from '../core/engine/outcome.js';
import { eachListener, reportOnParameter } from '../core/engine/per-resource.js';
import { defineRule } from '../core/engine/rule.js';
import {
  ELBV2_LISTENER,
  ELBV2_LOAD_BALANCER,
  type ElbV2Listener,
  type LoadBalancer,
} from '../core/model/model.js';
import { addNlbTlsListener } from '../core/remediation/add-nlb-tls-listener/link.js';
import { listeners } from '../core/resources/facets/listeners.js';

/** Protocols that are encrypted end to end from the client: TLS terminates here, QUIC is TLS 1.3. */
const ENCRYPTED = new Set(['TLS', 'QUIC']);
/** Protocols that cannot carry TLS at all: NLBs do not terminate DTLS. */
const DATAGRAM_ONLY = new Set(['UDP']);
/** A listener ARN, or "<load balancer name>:<port>": one named listener, never a port everywhere. */
const LISTENER_REF =
  /^(arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/net\/[A-Za-z0-9-]+\/[0-9a-f]+\/[0-9a-f]+|[A-Za-z0-9-]{1,32}:\d{1,5})$/;

export const rule = defineRule({
  id: 'nlb-tls-only',
  title: 'NLB listeners that can carry TLS use TLS',
  description:
    'Every Network Load Balancer listener that could carry TLS is a TLS listener. A TCP listener fails, unless ' +
    'it is named in tlsPassthroughListeners because it carries TLS end to end to its targets (the annotation ' +
    'names it; a port number alone never exempts). A UDP listener cannot carry TLS, so it is exempt and only ' +
    'named in the annotation. A TCP_UDP listener carries plaintext TCP and fails, unless allowTcpUdp is set for ' +
    'services such as DNS that need both on one port. preset=securityhub reproduces Security Hub ELB.18: every ' +
    'ALB listener must be HTTPS and every NLB listener TLS, with no exemption.',
  severity: 'high',
  appliesTo: ['network', 'application'],
  resourceTypes: [ELBV2_LOAD_BALANCER],
  triggers: { changes: [ELBV2_LOAD_BALANCER, ELBV2_LISTENER], periodic: 'TwentyFour_Hours' },
  parameters: {
    allowTcpUdp: {
      type: 'boolean',
      default: false,
      description:
        'Whether TCP_UDP listeners pass. They cannot be TLS without giving up UDP on the same port (DNS, some games).',
    },
    tlsPassthroughListeners: {
      type: 'stringList',
      default: [],
      itemPattern: LISTENER_REF,
      expected: 'NLB listener ARNs or <load balancer name>:<port> entries',
      description:
        'TCP listeners that carry TLS end to end to their targets (TLS passthrough), which pass and are named. Ignored under preset=securityhub.',
    },
    preset: {
      type: 'enum',
      values: ['none', 'securityhub'],
      default: 'none',
      description:
        'securityhub: Security Hub ELB.18. ALB listeners are judged too and must be HTTPS (a redirecting HTTP listener fails); NLB listeners must be TLS (TCP passthrough, QUIC, UDP and TCP_UDP fail); allowTcpUdp and tlsPassthroughListeners are ignored.',
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
      relation: 'looser',
      note: 'The defaults judge NLBs only and exempt UDP and QUIC listeners; ELB.18 also fails ALB listeners that are not HTTPS.',
      parity: { preset: 'securityhub', reportOn: 'listener' },
    },
    {
      framework: 'AWS Config managed rule',
      id: 'elbv2-listener-encryption-in-transit',
      relation: 'looser',
      note: 'The managed rule judges ALB and NLB listeners with no exemption; preset=securityhub matches it.',
    },
  ],
  applicable(lb, params) {
    return lb.kind === 'application' && params.preset !== 'securityhub'
      ? 'ALB: judged only with preset=securityhub (ELB.18); alb-https-only judges ALB listeners.'
      : undefined;
  },
  evaluate({ lb, listeners }, { params }) {
    const sorted = [...listeners].sort((a, b) => a.port - b.port);
    if (params.preset === 'securityhub') return securityHubElb18(lb, sorted);
    const findings: string[] = [];
    const encrypted: string[] = [];
    const exempt: string[] = [];
    const passthrough: string[] = [];
    for (const listener of sorted) {
      const name = `${listener.protocol}:${listener.port}`;
      if (ENCRYPTED.has(listener.protocol)) encrypted.push(name);
      else if (DATAGRAM_ONLY.has(listener.protocol)) exempt.push(name);
      else if (listener.protocol === 'TCP_UDP' && params.allowTcpUdp) exempt.push(name);
      else if (listener.protocol === 'TCP_UDP') {
        findings.push(
          `${name} carries plaintext TCP (TCP_UDP cannot be TLS; set allowTcpUdp=true if UDP must share the port)`,
        );
      } else if (
        listener.protocol === 'TCP' &&
        markedPassthrough(lb, listener, params.tlsPassthroughListeners)
      )
        passthrough.push(name);
      else findings.push(`${name} is plaintext ${listener.protocol}; use a TLS listener`);
    }
    if (listeners.length === 0) return compliant('No listeners: the load balancer accepts no traffic.');
    const notes = [
      exempt.length ? `Exempt (cannot carry TLS): ${exempt.join(', ')}.` : '',
      passthrough.length
        ? `TLS passthrough (tlsPassthroughListeners; TLS to the targets is not inspected): ${passthrough.join(', ')}.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    if (findings.length) return nonCompliant(notes ? [...findings, notes] : findings);
    return compliant(
      [encrypted.length ? `TLS listeners: ${encrypted.join(', ')}.` : '', notes].join(' ').trim(),
    );
  },
});

function markedPassthrough(lb: LoadBalancer, listener: ElbV2Listener, marked: readonly string[]): boolean {
  return marked.includes(listener.arn) || marked.includes(`${lb.name}:${listener.port}`);
}

/** ELB.18: each ALB listener is HTTPS, each NLB listener TLS; the load balancer fails when any listener does. */
function securityHubElb18(lb: LoadBalancer, sorted: readonly ElbV2Listener[]) {
  if (sorted.length === 0)
    return notApplicable('No listeners: ELB.18 reports on listeners, and this load balancer has none.');
  const required = lb.kind === 'application' ? 'HTTPS' : 'TLS';
  const names = sorted.map((l) => `${l.protocol}:${l.port}`);
  const findings = sorted
    .filter((l) => l.protocol !== required)
    .map(
      (l) =>
        `${l.protocol}:${l.port} is not ${required} (preset securityhub: ELB.18 accepts only ${required})`,
    );
  return findings.length
    ? nonCompliant(findings)
    : compliant(`All listeners ${required}: ${names.join(', ')}.`);
}
