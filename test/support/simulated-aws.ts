// An in-process AWS endpoint for the real SDK: a request handler (the SDK's transport) that
// answers the ELB, ELBv2, EC2, STS and Config APIs from a generated estate, with a fixed
// latency, a per-API token-bucket rate limit (answering Throttling past it, as AWS does), and
// injectable faults. Everything above the transport (serialisation, signing, retries,
// deserialisation) is the SDK's own. Load balancers are generated from their index, so a
// 20,000-load-balancer estate costs no memory here.
//
// APIs it does not know answer an empty, well-formed result (so facets added later read as
// empty rather than failing), and are still counted and rate-limited.

export interface EstateShape {
  accountId: string;
  region: string;
  loadBalancers: number;
  /** Out of every 10 load balancers: this many ALBs, then NLBs, the rest Classic. */
  mix?: { alb: number; nlb: number };
  /** Non-default rules on each ALB HTTP listener. */
  rulesPerListener?: number;
}

export type Fault = 'throttle' | 'access-denied' | undefined;

export interface SimulatedAwsOptions {
  estates: readonly EstateShape[];
  /** Milliseconds before each answer. */
  latencyMs?: number;
  /** Requests per second allowed per region and API; unlimited when absent. */
  ratePerApi?: number;
  /**
   * Bucket size (burst) per region and API; defaults to one second's worth. AWS's own buckets hold
   * more (EC2's non-mutating APIs: 100 tokens refilled at 20 a second, a five-second burst).
   */
  burst?: number;
  fault?(request: { api: string; region: string; sequence: number }): Fault;
}

export interface ApiCount {
  ok: number;
  throttled: number;
  denied: number;
  /** performance.now() of the first and last successful answer. */
  firstOk?: number;
  lastOk?: number;
}

interface Request {
  method: string;
  headers: Record<string, string>;
  body?: unknown;
  path?: string;
}

const ELBV2_NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
const ELB_NS = 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/';

export class SimulatedAws {
  readonly counts = new Map<string, ApiCount>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly estates = new Map<string, Required<EstateShape>>();
  private sequence = 0;
  private inFlightNow = 0;
  peakInFlight = 0;

  constructor(private readonly options: SimulatedAwsOptions) {
    for (const e of options.estates) {
      this.estates.set(e.region, {
        mix: { alb: 5, nlb: 3 },
        rulesPerListener: 1,
        ...e,
      });
    }
  }

  /** The SDK transport: pass as `requestHandler` in the client config. */
  get requestHandler() {
    return {
      handle: (request: Request) => this.handle(request),
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      metadata: { handlerProtocol: 'simulated' },
    };
  }

  /** Answers that were not throttled or refused: the calls the audit needed. */
  okCalls(): Map<string, number> {
    return new Map([...this.counts].map(([api, c]) => [api, c.ok]));
  }

  totals(): ApiCount {
    const t = { ok: 0, throttled: 0, denied: 0 };
    for (const c of this.counts.values()) {
      t.ok += c.ok;
      t.throttled += c.throttled;
      t.denied += c.denied;
    }
    return t;
  }

  private async handle(request: Request) {
    const { service, region } = scopeOf(request.headers);
    const body = await bodyText(request.body);
    const target = header(request.headers, 'x-amz-target');
    const params = new URLSearchParams(target ? '' : body);
    const action = target ? (target.split('.').pop() ?? '') : (params.get('Action') ?? '');
    // ELB and ELBv2 share a signing name; each API version has its own limits, as in AWS.
    const family = params.get('Version') === '2015-12-01' ? 'ELBv2' : (SERVICE_NAMES[service] ?? service);
    const api = `${family}.${action}`;
    const count = this.counts.get(api) ?? { ok: 0, throttled: 0, denied: 0 };
    this.counts.set(api, count);
    const sequence = this.sequence++;
    this.inFlightNow++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlightNow);
    try {
      const fault =
        this.options.fault?.({ api, region, sequence }) ??
        (this.allow(`${region}|${api}`) ? undefined : 'throttle');
      if (this.options.latencyMs) await sleep(this.options.latencyMs);
      if (fault === 'throttle') {
        count.throttled++;
        return errorResponse(service, target !== undefined, 'Throttling', 'Rate exceeded', 400);
      }
      if (fault === 'access-denied') {
        count.denied++;
        return errorResponse(
          service,
          target !== undefined,
          'AccessDenied',
          `User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: ${api}`,
          403,
        );
      }
      count.ok++;
      count.firstOk ??= performance.now();
      count.lastOk = performance.now();
      if (target !== undefined) return jsonResponse(this.answerJson(action));
      return xmlResponse(this.answerQuery(service, action, params, region));
    } finally {
      this.inFlightNow--;
    }
  }

  private allow(key: string): boolean {
    const rate = this.options.ratePerApi;
    if (!rate) return true;
    const burst = this.options.burst ?? Math.max(1, rate);
    const now = performance.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * rate) / 1000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private answerJson(action: string): unknown {
    if (action === 'PutEvaluations') return { FailedEvaluations: [] };
    // Most accounts have no Shield Advanced subscription.
    if (action === 'GetSubscriptionState') return { SubscriptionState: 'INACTIVE' };
    return {};
  }

  private answerQuery(service: string, action: string, params: URLSearchParams, region: string): string {
    const estate = this.estates.get(region);
    const gen = estate ? new Generator(estate) : undefined;
    if (service === 'sts' && action === 'GetCallerIdentity') {
      return wrap(
        action,
        'https://sts.amazonaws.com/doc/2011-06-15/',
        `<Account>${estate?.accountId ?? '123456789012'}</Account><Arn>arn:aws:iam::${estate?.accountId ?? '123456789012'}:user/auditor</Arn><UserId>AIDAAUDITOR</UserId>`,
      );
    }
    if (service === 'ec2') {
      if (action === 'DescribeSecurityGroups') {
        const ids = members(params, 'GroupId', '');
        return ec2Wrap(
          action,
          `<securityGroupInfo>${ids.map((id) => securityGroupXml(id, gen)).join('')}</securityGroupInfo>`,
        );
      }
      return ec2Wrap(action, '');
    }
    if (service !== 'elasticloadbalancing' || !gen) return wrap(action, ELBV2_NS, '');
    const v2 = params.get('Version') === '2015-12-01';
    return v2 ? gen.elbv2(action, params) : gen.classic(action, params);
  }
}

/** Builds answers for one region's estate from load balancer indexes. */
class Generator {
  constructor(private readonly e: Required<EstateShape>) {}

  kindOf(i: number): 'application' | 'network' | 'classic' {
    const slot = i % 10;
    if (slot < this.e.mix.alb) return 'application';
    if (slot < this.e.mix.alb + this.e.mix.nlb) return 'network';
    return 'classic';
  }

  /** Indexes of ELBv2 (or Classic) load balancers, in order. */
  private indexes(classic: boolean): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.e.loadBalancers; i++)
      if ((this.kindOf(i) === 'classic') === classic) out.push(i);
    return out;
  }

  arn(i: number): string {
    return simulatedLoadBalancerArn(this.e, i);
  }

  indexOfArn(arn: string): number {
    return Number(/\/lb-(\d+)\//.exec(arn)?.[1] ?? -1);
  }

  /** DescribeLoadBalancers: the ones asked for by name or ARN, else a Marker/PageSize page of all (400 a page). */
  private loadBalancerPage(
    wanted: number[],
    classic: boolean,
    params: URLSearchParams,
  ): { page: number[]; next?: string } {
    if (wanted.length) return { page: wanted.filter((i) => i >= 0) };
    const all = this.indexes(classic);
    const start = Number(params.get('Marker') ?? 0);
    const size = Number(params.get('PageSize') ?? 400);
    return {
      page: all.slice(start, start + size),
      ...(start + size < all.length ? { next: String(start + size) } : {}),
    };
  }

  elbv2(action: string, params: URLSearchParams): string {
    switch (action) {
      case 'DescribeLoadBalancers': {
        const wanted = members(params, 'LoadBalancerArns').map((a) => this.indexOfArn(a));
        const { page, next } = this.loadBalancerPage(wanted, false, params);
        return wrap(
          action,
          ELBV2_NS,
          `<LoadBalancers>${page.map((i) => this.elbv2Lb(i)).join('')}</LoadBalancers>${next ? `<NextMarker>${next}</NextMarker>` : ''}`,
        );
      }
      case 'DescribeListeners': {
        const i = this.indexOfArn(params.get('LoadBalancerArn') ?? '');
        return wrap(action, ELBV2_NS, `<Listeners>${this.listeners(i).join('')}</Listeners>`);
      }
      case 'DescribeRules': {
        const listenerArn = params.get('ListenerArn') ?? '';
        const i = this.indexOfArn(listenerArn);
        const rules = [
          `<member><RuleArn>${listenerArn.replace(':listener/', ':listener-rule/')}/default</RuleArn><Priority>default</Priority><IsDefault>true</IsDefault><Conditions/><Actions><member><Type>redirect</Type><RedirectConfig><Protocol>HTTPS</Protocol><Port>443</Port><StatusCode>HTTP_301</StatusCode></RedirectConfig></member></Actions></member>`,
        ];
        if (listenerArn.endsWith('/80')) {
          for (let r = 1; r <= this.e.rulesPerListener; r++) {
            const forward = i % 3 === 0 && r === 1;
            rules.push(
              `<member><RuleArn>${listenerArn.replace(':listener/', ':listener-rule/')}/r${r}</RuleArn><Priority>${r * 10}</Priority><IsDefault>false</IsDefault><Conditions><member><Field>path-pattern</Field><Values><member>/p${r}/*</member></Values></member></Conditions><Actions><member><Type>${forward ? 'forward' : 'redirect'}</Type>${forward ? `<TargetGroupArn>arn:aws:elasticloadbalancing:${this.e.region}:${this.e.accountId}:targetgroup/tg-${i}/${hex(i)}</TargetGroupArn>` : '<RedirectConfig><Protocol>HTTPS</Protocol><Port>443</Port><StatusCode>HTTP_301</StatusCode></RedirectConfig>'}</member></Actions></member>`,
            );
          }
        }
        return wrap(action, ELBV2_NS, `<Rules>${rules.join('')}</Rules>`);
      }
      case 'DescribeTags': {
        const arns = members(params, 'ResourceArns');
        return wrap(
          action,
          ELBV2_NS,
          `<TagDescriptions>${arns.map((a) => `<member><ResourceArn>${a}</ResourceArn><Tags><member><Key>team</Key><Value>t${this.indexOfArn(a) % 7}</Value></member></Tags></member>`).join('')}</TagDescriptions>`,
        );
      }
      case 'DescribeLoadBalancerAttributes':
        return wrap(
          action,
          ELBV2_NS,
          '<Attributes><member><Key>deletion_protection.enabled</Key><Value>false</Value></member><member><Key>routing.http.drop_invalid_header_fields.enabled</Key><Value>true</Value></member><member><Key>load_balancing.cross_zone.enabled</Key><Value>true</Value></member><member><Key>routing.http.desync_mitigation_mode</Key><Value>defensive</Value></member></Attributes>',
        );
      default:
        return wrap(action, ELBV2_NS, '');
    }
  }

  private elbv2Lb(i: number): string {
    const kind = this.kindOf(i);
    return `<member><LoadBalancerArn>${this.arn(i)}</LoadBalancerArn><LoadBalancerName>lb-${i}</LoadBalancerName><Type>${kind}</Type><Scheme>${i % 4 === 0 ? 'internal' : 'internet-facing'}</Scheme><VpcId>vpc-1</VpcId><State><Code>active</Code></State><DNSName>lb-${i}.${this.e.region}.elb.amazonaws.com</DNSName><IpAddressType>ipv4</IpAddressType><AvailabilityZones><member><ZoneName>${this.e.region}a</ZoneName><SubnetId>subnet-a</SubnetId></member><member><ZoneName>${this.e.region}b</ZoneName><SubnetId>subnet-b</SubnetId></member></AvailabilityZones>${kind === 'application' ? `<SecurityGroups><member>sg-${i % 50}</member></SecurityGroups>` : ''}</member>`;
  }

  private listeners(i: number): string[] {
    const lbArn = this.arn(i);
    const listenerArn = (port: number) => `${lbArn.replace(':loadbalancer/', ':listener/')}/${port}`;
    const listener = (port: number, protocol: string, action: string) =>
      `<member><ListenerArn>${listenerArn(port)}</ListenerArn><LoadBalancerArn>${lbArn}</LoadBalancerArn><Port>${port}</Port><Protocol>${protocol}</Protocol>${protocol === 'HTTPS' || protocol === 'TLS' ? `<SslPolicy>ELBSecurityPolicy-TLS13-1-2-2021-06</SslPolicy><Certificates><member><CertificateArn>arn:aws:acm:${this.e.region}:${this.e.accountId}:certificate/c-${i}</CertificateArn><IsDefault>true</IsDefault></member></Certificates>` : ''}<DefaultActions><member>${action}</member></DefaultActions></member>`;
    const forward = `<Type>forward</Type><TargetGroupArn>arn:aws:elasticloadbalancing:${this.e.region}:${this.e.accountId}:targetgroup/tg-${i}/${hex(i)}</TargetGroupArn>`;
    const redirect =
      '<Type>redirect</Type><RedirectConfig><Protocol>HTTPS</Protocol><Port>443</Port><StatusCode>HTTP_301</StatusCode></RedirectConfig>';
    if (this.kindOf(i) === 'network') return [listener(i % 2 ? 443 : 5432, i % 2 ? 'TLS' : 'TCP', forward)];
    return [listener(80, 'HTTP', redirect), listener(443, 'HTTPS', forward)];
  }

  classic(action: string, params: URLSearchParams): string {
    switch (action) {
      case 'DescribeLoadBalancers': {
        const wanted = members(params, 'LoadBalancerNames').map((n) =>
          Number(/^lb-(\d+)$/.exec(n)?.[1] ?? -1),
        );
        const { page, next } = this.loadBalancerPage(wanted, true, params);
        return wrap(
          action,
          ELB_NS,
          `<LoadBalancerDescriptions>${page.map((i) => this.classicLb(i)).join('')}</LoadBalancerDescriptions>${next ? `<NextMarker>${next}</NextMarker>` : ''}`,
        );
      }
      case 'DescribeTags': {
        const names = members(params, 'LoadBalancerNames');
        return wrap(
          action,
          ELB_NS,
          `<TagDescriptions>${names.map((n) => `<member><LoadBalancerName>${n}</LoadBalancerName><Tags><member><Key>team</Key><Value>classic</Value></member></Tags></member>`).join('')}</TagDescriptions>`,
        );
      }
      case 'DescribeLoadBalancerPolicies':
        return wrap(
          action,
          ELB_NS,
          '<PolicyDescriptions><member><PolicyName>ssl-neg</PolicyName><PolicyTypeName>SSLNegotiationPolicyType</PolicyTypeName><PolicyAttributeDescriptions><member><AttributeName>Reference-Security-Policy</AttributeName><AttributeValue>ELBSecurityPolicy-TLS-1-2-2017-01</AttributeValue></member></PolicyAttributeDescriptions></member></PolicyDescriptions>',
        );
      case 'DescribeLoadBalancerAttributes':
        return wrap(
          action,
          ELB_NS,
          '<LoadBalancerAttributes><CrossZoneLoadBalancing><Enabled>true</Enabled></CrossZoneLoadBalancing><AccessLog><Enabled>false</Enabled></AccessLog><ConnectionDraining><Enabled>true</Enabled><Timeout>300</Timeout></ConnectionDraining><AdditionalAttributes><member><Key>elb.http.desyncmitigationmode</Key><Value>defensive</Value></member></AdditionalAttributes></LoadBalancerAttributes>',
        );
      default:
        return wrap(action, ELB_NS, '');
    }
  }

  private classicLb(i: number): string {
    const secure = i % 2 === 0;
    const listener = secure
      ? `<member><Listener><Protocol>HTTPS</Protocol><LoadBalancerPort>443</LoadBalancerPort><InstanceProtocol>HTTP</InstanceProtocol><InstancePort>80</InstancePort><SSLCertificateId>arn:aws:acm:${this.e.region}:${this.e.accountId}:certificate/c-${i}</SSLCertificateId></Listener><PolicyNames><member>ssl-neg</member></PolicyNames></member>`
      : '<member><Listener><Protocol>HTTP</Protocol><LoadBalancerPort>80</LoadBalancerPort><InstanceProtocol>HTTP</InstanceProtocol><InstancePort>80</InstancePort></Listener><PolicyNames/></member>';
    return `<member><LoadBalancerName>lb-${i}</LoadBalancerName><DNSName>lb-${i}.${this.e.region}.elb.amazonaws.com</DNSName><Scheme>internet-facing</Scheme><VPCId>vpc-1</VPCId><AvailabilityZones><member>${this.e.region}a</member><member>${this.e.region}b</member></AvailabilityZones><SecurityGroups><member>sg-${i % 50}</member></SecurityGroups><ListenerDescriptions>${listener}</ListenerDescriptions><Instances/><HealthCheck><Target>HTTP:80/</Target><Interval>30</Interval><Timeout>5</Timeout><UnhealthyThreshold>2</UnhealthyThreshold><HealthyThreshold>10</HealthyThreshold></HealthCheck></member>`;
  }
}

function securityGroupXml(id: string, gen: Generator | undefined): string {
  void gen;
  return `<item><ownerId>123456789012</ownerId><groupId>${id}</groupId><groupName>${id}-name</groupName><groupDescription>lb</groupDescription><vpcId>vpc-1</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/><groups/></item></ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/><groups/></item></ipPermissionsEgress></item>`;
}

const SERVICE_NAMES: Record<string, string> = {
  elasticloadbalancing: 'ELB',
  ec2: 'EC2',
  sts: 'STS',
  config: 'Config',
};

function scopeOf(headers: Record<string, string>): { service: string; region: string } {
  const auth = header(headers, 'authorization') ?? '';
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(auth);
  return { region: match?.[1] ?? 'us-east-1', service: match?.[2] ?? 'unknown' };
}

function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

async function bodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array)
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Query-protocol lists: Name.member.1, Name.member.2… (EC2: Name.1, Name.2…). */
function members(params: URLSearchParams, name: string, infix = 'member.'): string[] {
  const out: string[] = [];
  for (let n = 1; params.has(`${name}.${infix}${n}`); n++) out.push(params.get(`${name}.${infix}${n}`) ?? '');
  return out;
}

function wrap(action: string, ns: string, inner: string): string {
  return `<${action}Response xmlns="${ns}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></${action}Response>`;
}

function ec2Wrap(action: string, inner: string): string {
  return `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>00000000-0000-0000-0000-000000000000</requestId>${inner}</${action}Response>`;
}

function hex(i: number): string {
  return (0x10000000 + i).toString(16).padStart(16, '0');
}

function xmlResponse(xml: string, statusCode = 200) {
  return {
    response: {
      statusCode,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': '00000000-0000-0000-0000-000000000000' },
      body: Buffer.from(xml),
    },
  };
}

function jsonResponse(value: unknown, statusCode = 200, extra: Record<string, string> = {}) {
  return {
    response: {
      statusCode,
      headers: { 'content-type': 'application/x-amz-json-1.1', ...extra },
      body: Buffer.from(JSON.stringify(value)),
    },
  };
}

function errorResponse(service: string, json: boolean, code: string, message: string, status: number) {
  if (json) return jsonResponse({ __type: code, message }, status, { 'x-amzn-errortype': code });
  if (service === 'ec2') {
    const ec2Code = code === 'Throttling' ? 'RequestLimitExceeded' : 'UnauthorizedOperation';
    return xmlResponse(
      `<Response><Errors><Error><Code>${ec2Code}</Code><Message>${message}</Message></Error></Errors><RequestID>0</RequestID></Response>`,
      code === 'Throttling' ? 503 : status,
    );
  }
  return xmlResponse(
    `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>0</RequestId></ErrorResponse>`,
    status,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The ARN the simulated estate gives its i-th (ELBv2) load balancer; Classic ones are named lb-i. */
export function simulatedLoadBalancerArn(shape: EstateShape, i: number): string {
  const kind =
    new Generator({ mix: { alb: 5, nlb: 3 }, rulesPerListener: 1, ...shape }).kindOf(i) === 'network'
      ? 'net'
      : 'app';
  return `arn:aws:elasticloadbalancing:${shape.region}:${shape.accountId}:loadbalancer/${kind}/lb-${i}/${hex(i)}`;
}

/** Credentials for clients that talk to the simulated endpoint (it checks no signature). */
export const SIMULATED_CREDENTIALS = {
  accessKeyId: 'AKIASIMULATED',
  secretAccessKey: 'simulated',
};
