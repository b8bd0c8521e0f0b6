// Snapshot schemas of the TLS facets (tlsPolicies, certificates), kept beside the shared schema.ts.
import { z } from 'zod';
import type { DescribedTlsPolicies } from '../../tls/lookup.js';
import type { CertificateDetails } from '../facets/certificates.js';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date');

export const tlsPoliciesSchema: z.ZodType<DescribedTlsPolicies> = z.object({
  described: z.array(
    z.object({ name: z.string(), protocols: z.array(z.string()), ciphers: z.array(z.string()) }),
  ),
  missing: z.array(z.string()),
});

export const certificateSchema: z.ZodType<CertificateDetails> = z.object({
  arn: z.string().min(1),
  source: z.enum(['acm', 'iam', 'other']),
  found: z.boolean(),
  status: z.string().optional(),
  type: z.string().optional(),
  domainName: z.string().optional(),
  notBefore: isoDate.optional(),
  notAfter: isoDate.optional(),
  keyAlgorithm: z.string().optional(),
});
