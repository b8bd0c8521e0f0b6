// AWS's published service models, as botocore ships them (installed with moto). Located once through
// python3; without botocore the contract tests skip loudly, and under CI=true they fail instead.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const BOTOCORE_INSTALL_HINT = 'pip install "moto[server]" (botocore comes with it)';

export interface Shape {
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  required?: string[];
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
}

export interface ServiceModel {
  service: string;
  shapes: Record<string, Shape>;
  operations: Record<string, { input?: { shape: string } }>;
}

let located: string | null | undefined;

/** botocore's data directory, or null when python3 has no botocore. */
export function botocoreDataDir(): string | null {
  if (located !== undefined) return located;
  try {
    const dir = execFileSync(
      'python3',
      ['-c', 'import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),"data"))'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ).trim();
    located = existsSync(dir) ? dir : null;
  } catch {
    located = null;
  }
  return located;
}

export function requireBotocore(dataDir: string | null = botocoreDataDir()): boolean {
  if (dataDir) return true;
  const message = `botocore was not found by python3: the AWS contract tests cannot run. Install it with: ${BOTOCORE_INSTALL_HINT}`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: a missing botocore fails the run)`);
  process.stderr.write(
    `\n${'!'.repeat(78)}\n!! SKIPPING AWS CONTRACT TESTS: ${message}\n${'!'.repeat(78)}\n\n`,
  );
  return false;
}

const cache = new Map<string, ServiceModel>();

/** The newest API version of a service's model (service-2.json, gzipped in newer botocore). */
export function loadServiceModel(service: string, dataDir = botocoreDataDir()): ServiceModel {
  if (!dataDir) throw new Error(`botocore is not installed: ${BOTOCORE_INSTALL_HINT}`);
  const cached = cache.get(service);
  if (cached) return cached;
  const serviceDir = join(dataDir, service);
  const versions = execFileSync('ls', [serviceDir], { encoding: 'utf8' })
    .split('\n')
    .filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))
    .sort();
  const version = versions.at(-1);
  if (!version) throw new Error(`botocore has no model for ${service} in ${serviceDir}`);
  const base = join(serviceDir, version, 'service-2.json');
  const text = existsSync(base)
    ? readFileSync(base, 'utf8')
    : gunzipSync(readFileSync(`${base}.gz`)).toString('utf8');
  const parsed = JSON.parse(text) as Omit<ServiceModel, 'service'>;
  const model = { service: `${service} ${version}`, shapes: parsed.shapes, operations: parsed.operations };
  cache.set(service, model);
  return model;
}
