import {
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import type { ElbV2Listener, ListenerAction, ListenerCertificate } from '../../model/model.js';
import { defineFacet } from '../facet.js';
import { elbv2Listener } from '../normalize/elbv2.js';

export const listenerActionSnapshot: z.ZodType<ListenerAction> = z.object({
  type: z.string(),
  order: z.number().optional(),
  targetGroupArns: z.array(z.string()),
  redirect: z
    .object({
      protocol: z.string().optional(),
      port: z.string().optional(),
      host: z.string().optional(),
      path: z.string().optional(),
      query: z.string().optional(),
      statusCode: z.string().optional(),
    })
    .optional(),
  fixedResponse: z
    .object({
      statusCode: z.string().optional(),
      contentType: z.string().optional(),
      messageBody: z.string().optional(),
    })
    .optional(),
});

export const listenerCertificateSnapshot: z.ZodType<ListenerCertificate> = z.object({
  arn: z.string(),
  isDefault: z.boolean(),
});

const listenerSnapshot: z.ZodType<ElbV2Listener> = z.object({
  arn: z.string().startsWith('arn:'),
  loadBalancerArn: z.string(),
  port: z.number().int(),
  protocol: z.string().min(1),
  sslPolicy: z.string().optional(),
  certificates: z.array(listenerCertificateSnapshot),
  alpnPolicy: z.array(z.string()),
  defaultActions: z.array(listenerActionSnapshot),
});

/** ELBv2 listeners. Classic listeners are part of the load balancer itself, so this is [] for them. */
export const listeners = defineFacet<'listeners', ElbV2Listener[]>({
  key: 'listeners',
  description: 'ELBv2 listeners with protocol, port, SSL policy, certificates and default actions',
  iamActions: ['elasticloadbalancing:DescribeListeners'],
  snapshot: z.array(listenerSnapshot),
  async live(lb, { aws }) {
    if (lb.kind === 'classic') return [];
    const client = aws.client(ElasticLoadBalancingV2Client);
    const out: ElbV2Listener[] = [];
    for await (const page of paginateDescribeListeners(
      { client },
      { LoadBalancerArn: lb.arn, PageSize: 400 },
    )) {
      for (const raw of page.Listeners ?? []) out.push(elbv2Listener(raw));
    }
    return out;
  },
});
