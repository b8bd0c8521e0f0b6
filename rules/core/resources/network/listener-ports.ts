// The ports a load balancer listens on, by transport: what an internet-facing load balancer's
// security groups may legitimately open to the world.
import type { ElbV2Listener, LoadBalancer } from '../../model/model.js';
import type { Transport } from './ports.js';

export interface ListenerPort {
  transport: Transport;
  port: number;
}

/** Transports each listener protocol uses. QUIC runs over UDP; TCP_QUIC and TCP_UDP take both. */
const TRANSPORTS: Record<string, readonly Transport[]> = {
  HTTP: ['tcp'],
  HTTPS: ['tcp'],
  TCP: ['tcp'],
  TLS: ['tcp'],
  SSL: ['tcp'],
  UDP: ['udp'],
  TCP_UDP: ['tcp', 'udp'],
  QUIC: ['udp'],
  TCP_QUIC: ['tcp', 'udp'],
  GENEVE: ['udp'],
};

export function transportsOf(protocol: string): readonly Transport[] {
  // An unknown protocol is assumed to be TCP, like every load balancer protocol before UDP.
  return TRANSPORTS[protocol.toUpperCase()] ?? ['tcp'];
}

/** Listener ports of an ELBv2 load balancer (from its listeners) or a Classic one (its own). */
export function listenerPorts(lb: LoadBalancer, listeners: readonly ElbV2Listener[]): ListenerPort[] {
  const raw =
    lb.kind === 'classic'
      ? lb.listeners.map((l) => ({ protocol: l.protocol, port: l.port }))
      : listeners.map((l) => ({ protocol: l.protocol, port: l.port }));
  const seen = new Set<string>();
  const out: ListenerPort[] = [];
  for (const { protocol, port } of raw) {
    for (const transport of transportsOf(protocol)) {
      const key = `${transport}/${port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ transport, port });
    }
  }
  return out.sort((a, b) => a.transport.localeCompare(b.transport) || a.port - b.port);
}
