// ELBv2 shapes into models. The same readers serve the describe APIs (PascalCase), Listener
// configuration items (PascalCase) and LoadBalancer configuration items (camelCase).
import {
  ELBV2_LOAD_BALANCER,
  type ElbV2Kind,
  type ElbV2Listener,
  type ElbV2LoadBalancer,
  type ListenerAction,
  type ListenerRule,
} from '../../model/model.js';
import { child, list, num, str, strings } from '../shape.js';
import { schemeOf } from './scheme.js';

const ELBV2_KINDS: readonly ElbV2Kind[] = ['application', 'network', 'gateway'];

export function elbv2LoadBalancer(raw: unknown, accountId: string, region: string): ElbV2LoadBalancer {
  const arn = str(raw, 'LoadBalancerArn');
  if (!arn) throw new Error('ELBv2 load balancer has no LoadBalancerArn');
  const type = (str(raw, 'Type') ?? '').toLowerCase();
  const kind = ELBV2_KINDS.find((k) => k === type) ?? kindFromArn(arn);
  const state = child(raw, 'State');
  return {
    kind,
    resourceType: ELBV2_LOAD_BALANCER,
    resourceId: arn,
    arn,
    accountId,
    region,
    name: str(raw, 'LoadBalancerName') ?? arn.split('/')[2] ?? arn,
    scheme: schemeOf(str(raw, 'Scheme')),
    vpcId: str(raw, 'VpcId'),
    securityGroupIds: strings(raw, 'SecurityGroups'),
    dnsName: str(raw, 'DNSName'),
    ipAddressType: str(raw, 'IpAddressType'),
    state: str(state, 'Code'),
  };
}

/** `loadbalancer/app/…`, `loadbalancer/net/…` or `loadbalancer/gwy/…`: used only when Type is absent. */
export function kindFromArn(arn: string): ElbV2Kind {
  const match = /:(?:loadbalancer|listener|listener-rule)\/(app|net|gwy)\//.exec(arn);
  if (match?.[1] === 'net') return 'network';
  if (match?.[1] === 'gwy') return 'gateway';
  return 'application';
}

/** arn:…:listener/app/name/lbid/listenerid → arn:…:loadbalancer/app/name/lbid */
export function loadBalancerArnOfListener(listenerArn: string): string | undefined {
  const match =
    /^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)listener(?:-rule)?\/((?:app|net|gwy)\/[^/]+\/[^/]+)\//.exec(
      listenerArn,
    );
  return match ? `${match[1]}loadbalancer/${match[2]}` : undefined;
}

export function listenerAction(raw: unknown): ListenerAction {
  const forward = child(raw, 'ForwardConfig');
  const groupArns = new Set<string>();
  const single = str(raw, 'TargetGroupArn');
  if (single) groupArns.add(single);
  for (const tg of list(forward, 'TargetGroups')) {
    const arn = str(tg, 'TargetGroupArn');
    if (arn) groupArns.add(arn);
  }
  const redirect = child(raw, 'RedirectConfig');
  const fixed = child(raw, 'FixedResponseConfig');
  return {
    type: (str(raw, 'Type') ?? '').toLowerCase(),
    order: num(raw, 'Order'),
    targetGroupArns: [...groupArns],
    redirect: redirect && {
      protocol: str(redirect, 'Protocol'),
      port: str(redirect, 'Port'),
      host: str(redirect, 'Host'),
      path: str(redirect, 'Path'),
      query: str(redirect, 'Query'),
      statusCode: str(redirect, 'StatusCode'),
    },
    fixedResponse: fixed && {
      statusCode: str(fixed, 'StatusCode'),
      contentType: str(fixed, 'ContentType'),
      messageBody: str(fixed, 'MessageBody'),
    },
  };
}

export function elbv2Listener(raw: unknown): ElbV2Listener {
  const arn = str(raw, 'ListenerArn');
  if (!arn) throw new Error('ELBv2 listener has no ListenerArn');
  return {
    arn,
    loadBalancerArn: str(raw, 'LoadBalancerArn') ?? loadBalancerArnOfListener(arn) ?? '',
    port: num(raw, 'Port') ?? 0,
    protocol: (str(raw, 'Protocol') ?? '').toUpperCase(),
    sslPolicy: str(raw, 'SslPolicy') || undefined,
    certificates: list(raw, 'Certificates').flatMap((c) => {
      const certArn = str(c, 'CertificateArn');
      return certArn ? [{ arn: certArn, isDefault: str(c, 'IsDefault') !== 'false' }] : [];
    }),
    alpnPolicy: strings(raw, 'AlpnPolicy'),
    defaultActions: list(raw, 'DefaultActions').map(listenerAction),
  };
}

export function listenerRule(raw: unknown): ListenerRule {
  return {
    arn: str(raw, 'RuleArn') ?? '',
    priority: str(raw, 'Priority') ?? '',
    isDefault: str(raw, 'IsDefault') === 'true',
    conditions: list(raw, 'Conditions').map((c) => {
      const fieldName = str(c, 'Field') ?? '?';
      const values = strings(c, 'Values');
      const nested = Object.values(c as object).find(
        (v) =>
          v &&
          typeof v === 'object' &&
          !Array.isArray(v) &&
          Array.isArray((v as { Values?: unknown }).Values),
      ) as { Values?: unknown[] } | undefined;
      const all = values.length ? values : (nested?.Values ?? []).map(String);
      return `${fieldName}=${all.join(',')}`;
    }),
    actions: list(raw, 'Actions').map(listenerAction),
  };
}
