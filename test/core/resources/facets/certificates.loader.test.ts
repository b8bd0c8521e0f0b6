// Its own file: aws-sdk-client-mock allows one mock of a client class per module at a time.
import { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { RegionalAws } from '../../../../rules/core/aws/regional-aws.js';
import { certificateLoader } from '../../../../rules/core/resources/facets/certificates.js';

const arnOf = (i: number) => `arn:aws:acm:us-east-1:111122223333:certificate/c${String(i).padStart(3, '0')}`;

describe('certificateLoader', () => {
  const acm = mockClient(ACMClient);
  afterEach(() => acm.reset());

  it('keeps at most 10 DescribeCertificate calls in flight, and answers each ARN with its own result', async () => {
    let inFlight = 0;
    let peak = 0;
    acm.on(DescribeCertificateCommand).callsFake(async (input: { CertificateArn: string }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      // Later ARNs answer sooner, so results come back out of order.
      await new Promise((resolve) => setTimeout(resolve, 60 - Number(input.CertificateArn.slice(-3))));
      inFlight--;
      if (input.CertificateArn.endsWith('7')) throw Object.assign(new Error('boom'), { name: 'Throttling' });
      return { Certificate: { CertificateArn: input.CertificateArn, Status: 'ISSUED' } };
    });
    const aws = new RegionalAws({
      region: 'us-east-1',
      credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
    });
    const arns = Array.from({ length: 35 }, (_, i) => arnOf(i));
    const loaded = await certificateLoader(aws).loadMany(arns);

    expect(peak).toBe(10);
    expect(acm.commandCalls(DescribeCertificateCommand)).toHaveLength(35);
    loaded.forEach((result, i) => {
      if (i % 10 === 7) expect(result, arns[i]).toBeInstanceOf(Error);
      else
        expect(result, arns[i]).toMatchObject({ arn: arns[i], source: 'acm', found: true, status: 'ISSUED' });
    });
  });
});
