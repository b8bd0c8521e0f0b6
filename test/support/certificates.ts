// Self-signed certificates for tests, made with the openssl CLI (node:crypto makes keys, not
// X.509 certificates). Validity is set in days from now; keys are RSA of any size or EC P-256.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

export function selfSigned(options: {
  days: number;
  key: 'rsa:1024' | 'rsa:2048' | 'ec:P-256';
  cn?: string;
}): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'elb-cert-'));
  try {
    const keyArgs =
      options.key === 'ec:P-256'
        ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']
        : ['-newkey', options.key];
    const result = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        ...keyArgs,
        '-nodes',
        '-days',
        String(options.days),
        '-subj',
        `/CN=${options.cn ?? 'test.example.com'}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr || result.error?.message}`);
    return {
      certificatePem: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      privateKeyPem: readFileSync(join(dir, 'key.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
