// The ports a target must accept from its load balancer: the traffic port (the registered port,
// or every Classic listener's instance port) and the health-check port.
import type { LoadBalancer } from '../../model/model.js';
import type { RegisteredTarget, TargetGroup } from '../normalize/targets.js';
import { parseHealthCheckTarget } from '../normalize/targets.js';
import { transportsOf } from './listener-ports.js';
import type { Transport } from './ports.js';

export interface TargetPort {
  transport: Transport;
  port: number;
  role: 'traffic' | 'health check' | 'traffic and health check';
}

export function targetPorts(lb: LoadBalancer, group: TargetGroup, target: RegisteredTarget): TargetPort[] {
  const out: TargetPort[] = [];
  const add = (transport: Transport, port: number | undefined, role: TargetPort['role']) => {
    if (port === undefined || !Number.isInteger(port) || port < 0) return;
    const same = out.find((p) => p.transport === transport && p.port === port);
    if (!same) out.push({ transport, port, role });
    else if (same.role !== role) same.role = 'traffic and health check';
  };
  if (lb.kind === 'classic') {
    for (const listener of lb.listeners) add('tcp', listener.instancePort, 'traffic');
    const check = parseHealthCheckTarget(lb.healthCheckTarget);
    if (check) add('tcp', Number(check.port), 'health check');
    return out;
  }
  const trafficPort = target.port ?? group.port;
  for (const transport of transportsOf(group.protocol ?? 'TCP')) add(transport, trafficPort, 'traffic');
  if (group.healthCheck.enabled) {
    const configured = group.healthCheck.port;
    const healthPort =
      target.healthCheckPort ??
      (configured === undefined || configured === 'traffic-port' ? trafficPort : Number(configured));
    // Health checks are HTTP, HTTPS or TCP: always over TCP.
    add('tcp', healthPort, 'health check');
  }
  return out;
}
