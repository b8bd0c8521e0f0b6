// Maps an SSM step's Service/Api (boto3 names, as SSM uses them) to an AWS SDK for JavaScript v3
// command, and records each call with its IAM action so tests can hold documents to their policies.

import * as ec2 from '@aws-sdk/client-ec2';
import { EC2Client } from '@aws-sdk/client-ec2';
import * as elb from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import * as elbv2 from '@aws-sdk/client-elastic-load-balancing-v2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

// biome-ignore lint/suspicious/noExplicitAny: SDK clients and commands of every service share this table.
type AnyClient = { send(command: any): Promise<any>; destroy(): void };
// biome-ignore lint/suspicious/noExplicitAny: commands are looked up by name at run time.
type CommandClass = new (input: any) => unknown;

interface ServiceBinding {
  /** The IAM service prefix of the service's actions. */
  iamPrefix: string;
  create(config: ClientConfig): AnyClient;
  module: Record<string, unknown>;
}

/** Services the documents call through aws:executeAwsApi and the assert/wait actions. */
const SERVICES: Record<string, ServiceBinding> = {
  ec2: { iamPrefix: 'ec2', create: (c) => new EC2Client(c), module: ec2 },
  elb: { iamPrefix: 'elasticloadbalancing', create: (c) => new ElasticLoadBalancingClient(c), module: elb },
  elbv2: {
    iamPrefix: 'elasticloadbalancing',
    create: (c) => new ElasticLoadBalancingV2Client(c),
    module: elbv2,
  },
};

export interface ClientConfig {
  region: string;
  endpoint?: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** One AWS call a document made, from a step's own API action or from its Python script. */
export interface RecordedCall {
  step: string;
  /** e.g. elasticloadbalancing:CreateListener */
  iamAction: string;
  params: Record<string, unknown>;
}

export class AwsApiError extends Error {
  override name = 'AwsApiError';
}

export function clientConfigFromEnv(env: Record<string, string | undefined>): ClientConfig {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new AwsApiError('AWS_REGION is not set in the runner environment');
  return {
    region,
    ...(env.AWS_ENDPOINT_URL ? { endpoint: env.AWS_ENDPOINT_URL } : {}),
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
  };
}

export class AwsApi {
  private readonly clients = new Map<string, AnyClient>();
  constructor(private readonly config: ClientConfig) {}

  iamAction(service: string, api: string): string {
    return `${this.binding(service).iamPrefix}:${api}`;
  }

  /** Calls Service/Api with params and returns the response as SSM sees it: JSON, no metadata. */
  async call(
    service: string,
    api: string,
    params: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const binding = this.binding(service);
    const Command = binding.module[`${api}Command`] as CommandClass | undefined;
    if (typeof Command !== 'function') {
      throw new AwsApiError(
        `Service ${service} has no API named ${api} (no ${api}Command in its SDK client)`,
      );
    }
    let client = this.clients.get(service);
    if (!client) {
      client = binding.create(this.config);
      this.clients.set(service, client);
    }
    const response = (await client.send(new Command(params))) as Record<string, unknown>;
    const { $metadata: _, ...body } = response;
    return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private binding(service: string): ServiceBinding {
    const binding = SERVICES[service];
    if (!binding) {
      throw new AwsApiError(
        `Service "${service}" has no SDK v3 binding in the runner (known: ${Object.keys(SERVICES).join(', ')}); add it to SERVICES in aws-api.ts`,
      );
    }
    return binding;
  }
}
