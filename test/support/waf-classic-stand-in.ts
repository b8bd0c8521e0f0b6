// moto has no WAF Classic (waf-regional) backend at all: it answers every waf-regional request with
// an HTML 500. This stand-in answers the few WAF Classic regional calls the tests make, over the
// wire for the real SDK (JSON 1.1, X-Amz-Target AWSWAF_Regional_20161128.<Action>), with the
// response shapes of botocore's waf-regional 2016-11-28 model. Each moto server gets one; SDK
// clients reach it through AWS_ENDPOINT_URL_WAF_REGIONAL (see motoEnv).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const TARGET_PREFIX = 'AWSWAF_Regional_20161128.';

export interface WafClassicStandIn {
  endpoint: string;
  reset(): void;
  stop(): Promise<void>;
}

interface WebAcl {
  WebACLId: string;
  Name: string;
}

export async function startWafClassicStandIn(): Promise<WafClassicStandIn> {
  const acls = new Map<string, WebAcl>();
  /** Resource ARN → web ACL id. */
  const associations = new Map<string, string>();

  const answer = (action: string, input: Record<string, unknown>): [number, unknown] => {
    switch (action) {
      case 'GetChangeToken':
        return [200, { ChangeToken: randomUUID() }];
      case 'CreateWebACL': {
        const acl = { WebACLId: randomUUID(), Name: String(input.Name) };
        acls.set(acl.WebACLId, acl);
        return [
          200,
          {
            WebACL: { ...acl, MetricName: input.MetricName, DefaultAction: input.DefaultAction, Rules: [] },
            ChangeToken: input.ChangeToken,
          },
        ];
      }
      case 'AssociateWebACL': {
        const id = String(input.WebACLId);
        if (!acls.has(id))
          return [
            400,
            { __type: 'WAFNonexistentItemException', message: 'The referenced item does not exist.' },
          ];
        associations.set(String(input.ResourceArn), id);
        return [200, {}];
      }
      case 'DisassociateWebACL':
        associations.delete(String(input.ResourceArn));
        return [200, {}];
      case 'GetWebACLForResource': {
        // "If there is no associated resource, a null WebACLSummary is returned."
        const acl = acls.get(associations.get(String(input.ResourceArn)) ?? '');
        return [200, acl ? { WebACLSummary: acl } : {}];
      }
      default:
        return [
          400,
          { __type: 'UnknownOperationException', message: `${action} is not served by the stand-in` },
        ];
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
    });
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const [status, out] = target.startsWith(TARGET_PREFIX)
        ? answer(
            target.slice(TARGET_PREFIX.length),
            body ? (JSON.parse(body) as Record<string, unknown>) : {},
          )
        : [
            400,
            { __type: 'UnknownOperationException', message: `not a WAF Classic regional request: ${target}` },
          ];
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': randomUUID(),
      });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    reset() {
      acls.clear();
      associations.clear();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
