// The simulated AWS (simulated-aws.ts) behind a real HTTP port, for the CLI in a child process:
// point AWS_ENDPOINT_URL at `url` and every SDK client it builds talks to the simulation.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatedAws, type SimulatedAwsOptions } from './simulated-aws.js';

export interface SimulatedEndpoint {
  url: string;
  sim: SimulatedAws;
  /** Requests received, whatever their answer. */
  requests(): number;
  /** Environment for runCli: the endpoint, a region and credentials it accepts. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

export async function startSimulatedEndpoint(options: SimulatedAwsOptions): Promise<SimulatedEndpoint> {
  const sim = new SimulatedAws(options);
  let received = 0;
  const server: Server = createServer(async (req, res) => {
    received++;
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers[key] = value;
    const { response } = await sim.requestHandler.handle({ method: req.method ?? 'POST', headers, body });
    res.writeHead(response.statusCode, response.headers);
    res.end(response.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    sim,
    requests: () => received,
    env: () => ({
      AWS_ENDPOINT_URL: url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIASIMULATED',
      AWS_SECRET_ACCESS_KEY: 'simulated',
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
