// Starts moto_server on 127.0.0.1 on a free port for one test file, and points the AWS SDK at it
// through AWS_ENDPOINT_URL. Without moto_server the suite is skipped loudly, and under CI=true
// a missing moto fails the run instead.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { CreateSubnetCommand, CreateVpcCommand, type EC2Client } from '@aws-sdk/client-ec2';
import {
  type ElasticLoadBalancingClient,
  ModifyLoadBalancerAttributesCommand as ModifyClassicAttributes,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  type ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { startWafClassicStandIn } from './waf-classic-stand-in.js';

export const MOTO_INSTALL_HINT = 'pip install "moto[server]"';

export function motoAvailable(): boolean {
  const probe = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * Whether moto tests should run. Prints a loud notice when they are skipped; throws under CI=true,
 * where a missing emulator must fail the build rather than quietly shrink it.
 */
export function requireMoto(): boolean {
  if (motoAvailable()) return true;
  const message = `moto_server was not found on PATH: the moto integration tests cannot run. Install it with: ${MOTO_INSTALL_HINT}`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: a missing moto fails the run)`);
  process.stderr.write(`\n${'!'.repeat(78)}\n!! SKIPPING MOTO TESTS: ${message}\n${'!'.repeat(78)}\n\n`);
  return false;
}

export interface MotoServer {
  endpoint: string;
  port: number;
  /** Where WAF Classic (waf-regional) calls go: moto has no such backend (waf-classic-stand-in.ts). */
  wafClassicEndpoint: string;
  /** Clears every service's state (POST /moto-api/reset). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const wafClassic = await startWafClassicStandIn();
  WAF_CLASSIC_OF.set(endpoint, wafClassic.endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await wafClassic.stop();
      throw new Error(`moto_server exited early (${child.exitCode}): ${stderr}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok || res.status === 404) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await wafClassic.stop();
      throw new Error(`moto_server did not answer on ${endpoint} within 30s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    port,
    wafClassicEndpoint: wafClassic.endpoint,
    async reset() {
      wafClassic.reset();
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    async stop() {
      WAF_CLASSIC_OF.delete(endpoint);
      await wafClassic.stop();
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
    },
  };
}

/** The WAF Classic stand-in of each running moto, by moto endpoint. */
const WAF_CLASSIC_OF = new Map<string, string>();

/** Environment for SDK clients (in this process or a child CLI) that talk to moto. */
export function motoEnv(endpoint: string, region = 'us-east-1'): Record<string, string> {
  const wafClassic = WAF_CLASSIC_OF.get(endpoint);
  return {
    AWS_ENDPOINT_URL: endpoint,
    ...(wafClassic ? { AWS_ENDPOINT_URL_WAF_REGIONAL: wafClassic } : {}),
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Sets the moto environment on this process and returns a function that restores it. */
export function useMotoEnv(endpoint: string, region = 'us-east-1'): () => void {
  const saved = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(motoEnv(endpoint, region))) {
    saved.set(key, process.env[key]);
    process.env[key] = value;
  }
  for (const key of ['AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) {
    saved.set(key, process.env[key]);
    delete process.env[key];
  }
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/** A VPC (10.0.0.0/16) with one subnet in each of the region's first two zones, as a load balancer needs. */
export async function createVpcWithSubnets(
  ec2: EC2Client,
  region: string,
): Promise<{ vpc: string; subnets: string[] }> {
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId ?? '';
  const subnets = await Promise.all(
    ['a', 'b'].map(
      async (zone, i) =>
        (
          await ec2.send(
            new CreateSubnetCommand({
              VpcId: vpc,
              CidrBlock: `10.0.${i}.0/24`,
              AvailabilityZone: `${region}${zone}`,
            }),
          )
        ).Subnet?.SubnetId ?? '',
    ),
  );
  return { vpc, subnets };
}

/**
 * AWS describes the desync mitigation mode of every ALB and Classic load balancer from creation
 * (defensive); moto describes it only once it is set. Sets it as AWS would have it, so a rule that
 * refuses to read an absent mode as the default judges moto's load balancers as AWS's.
 */
export async function describeDesyncAsAws(
  clients: { elbv2?: ElasticLoadBalancingV2Client; classic?: ElasticLoadBalancingClient },
  loadBalancers: { albArns?: readonly string[]; classicNames?: readonly string[] },
): Promise<void> {
  for (const LoadBalancerArn of loadBalancers.albArns ?? [])
    await clients.elbv2?.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn,
        Attributes: [{ Key: 'routing.http.desync_mitigation_mode', Value: 'defensive' }],
      }),
    );
  for (const LoadBalancerName of loadBalancers.classicNames ?? [])
    await clients.classic?.send(
      new ModifyClassicAttributes({
        LoadBalancerName,
        LoadBalancerAttributes: {
          AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'defensive' }],
        },
      }),
    );
}
