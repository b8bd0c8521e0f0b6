// A pass-through HTTP proxy on 127.0.0.1 that counts every request sent to the endpoint behind
// it, by API (the query Action or the JSON X-Amz-Target), so the benchmark reports what actually
// went over the wire, retries included.
import { createServer, request as forward, type Server } from 'node:http';

export interface CountingProxy {
  endpoint: string;
  counts: Map<string, number>;
  total(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const targetHeader = req.headers['x-amz-target'];
      const params = new URLSearchParams(body.toString('utf8'));
      const service = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(
        String(req.headers.authorization ?? ''),
      )?.[1];
      // ELB and ELBv2 share a signing name; their API versions tell them apart.
      const family =
        params.get('Version') === '2015-12-01'
          ? 'ELBv2'
          : params.get('Version') === '2012-06-01'
            ? 'ELB'
            : service;
      const api =
        (typeof targetHeader === 'string' ? `${family}.${targetHeader.split('.').pop()}` : undefined) ??
        (params.get('Action') ? `${family}.${params.get('Action')}` : `${req.method} ${req.url}`);
      counts.set(api, (counts.get(api) ?? 0) + 1);
      if (process.env.PROXY_DEBUG && api.includes(process.env.PROXY_DEBUG))
        process.stderr.write(`${api} ${body}\n`);
      const out = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      out.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
