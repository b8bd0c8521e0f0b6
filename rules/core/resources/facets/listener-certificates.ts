import { ELBV2_TLS_PROTOCOLS, type ListenerCertificate } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { listeners } from './listeners.js';

/**
 * Every certificate of each ELBv2 HTTPS or TLS listener, by listener ARN: the default one and the
 * SNI certificates that DescribeListeners and Config's Listener item leave out. {} for Classic,
 * whose single certificate per listener is on the load balancer itself.
 */
export const listenerCertificates = defineFacet<
  'listenerCertificates',
  Record<string, ListenerCertificate[]>
>({
  key: 'listenerCertificates',
  description: 'Default and SNI certificates of every ELBv2 HTTPS/TLS listener, by listener ARN',
  iamActions: ['elasticloadbalancing:DescribeListenerCertificates', ...listeners.iamActions],
  async live(lb, { aws, need }) {
    if (lb.kind === 'classic') return {};
    const { ElasticLoadBalancingV2Client, paginateDescribeListenerCertificates } = await import(
      '../../aws/sdk/elbv2.js'
    );
    const client = aws.client(ElasticLoadBalancingV2Client);
    const out: Record<string, ListenerCertificate[]> = {};
    for (const listener of await need(listeners, lb)) {
      if (!ELBV2_TLS_PROTOCOLS.has(listener.protocol)) continue;
      const certificates = new Map(listener.certificates.map((c) => [c.arn, c]));
      for await (const page of paginateDescribeListenerCertificates(
        { client, pageSize: 400 },
        { ListenerArn: listener.arn },
      )) {
        for (const c of page.Certificates ?? []) {
          if (c.CertificateArn)
            certificates.set(c.CertificateArn, {
              arn: c.CertificateArn,
              isDefault: c.IsDefault ?? certificates.get(c.CertificateArn)?.isDefault ?? false,
            });
        }
      }
      out[listener.arn] = [...certificates.values()];
    }
    return out;
  },
});
