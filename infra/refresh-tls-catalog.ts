// npm run refresh-tls-catalog -- [--region R] [--output FILE] [--check]
// Refreshes rules/core/tls/catalog.json from a live account's DescribeSSLPolicies and Classic
// DescribeLoadBalancerPolicies. Honours AWS_ENDPOINT_URL and the standard credential chain.
// --check writes nothing and exits 1 when the catalog is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RegionalAws } from '../rules/core/aws/regional-aws.js';
import {
  classicPredefinedPolicies,
  elbv2PredefinedPolicies,
} from '../rules/core/resources/facets/tls-policies.js';
import type { CatalogFile } from '../rules/core/tls/catalog.js';
import type { DescribedTlsPolicy } from '../rules/core/tls/lookup.js';
import { mergeCatalog } from '../rules/core/tls/merge-catalog.js';

const CATALOG_PATH = fileURLToPath(new URL('../rules/core/tls/catalog.json', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      region: {
        type: 'string',
        default: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      },
      output: { type: 'string', default: CATALOG_PATH },
      check: { type: 'boolean', default: false },
    },
  });
  const aws = new RegionalAws({ region: values.region });
  const current = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as CatalogFile;
  const elbv2 = await elbv2PredefinedPolicies(aws);
  let classic: ReadonlyMap<string, DescribedTlsPolicy> | undefined;
  try {
    classic = await classicPredefinedPolicies(aws);
  } catch (error) {
    // Some endpoints (and emulators) cannot list Classic predefined policies: keep those entries.
    process.stderr.write(`Classic predefined policies not read: ${(error as Error).message}\n`);
  }
  const endpoint = process.env.AWS_ENDPOINT_URL ? `endpoint ${process.env.AWS_ENDPOINT_URL}` : values.region;
  const result = mergeCatalog(
    current,
    { elbv2, classic },
    { endpoint, date: new Date().toISOString().slice(0, 10) },
  );
  for (const line of result.changes) process.stdout.write(`${line}\n`);
  if (result.notReturned.length)
    process.stderr.write(`Kept, not returned by ${endpoint}: ${result.notReturned.join(', ')}\n`);
  if (values.check) return result.changes.length ? 1 : 0;
  writeFileSync(values.output, `${JSON.stringify(result.catalog, null, 2)}\n`);
  process.stderr.write(`${result.changes.length} change(s); wrote ${values.output}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`refresh-tls-catalog: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
