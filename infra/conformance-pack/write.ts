// Renders the conformance packs as YAML. `npm run conformance-pack` writes them to conformance-pack/
// (committed; a test fails when they are stale); `npm run synth` writes them for its own rule
// selection into cdk.out/conformance-pack/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Document, isMap, isPair, isScalar } from 'yaml';
import type { RuleSelectionProps } from '../deployment.js';
import { REPO_ROOT } from '../paths.js';
import { buildPack, MAX_TEMPLATE_BODY_BYTES, type PackVariant } from './pack.js';

export const PACK_FILES: Record<PackVariant, string> = {
  standard: 'elb-config-rules.yaml',
  fsbp: 'elb-config-rules-fsbp.yaml',
};

export function renderPack(
  variant: PackVariant,
  selection: Pick<RuleSelectionProps, 'rules' | 'ruleParameters'> = {},
): string {
  const pack = buildPack(variant, selection);
  const doc = new Document(pack.template);
  doc.commentBefore = pack.header.join('\n');
  const resources = doc.get('Resources', true);
  if (isMap(resources)) {
    for (const item of resources.items) {
      if (isPair(item) && isScalar(item.key)) {
        const comment = pack.comments.get(String(item.key.value));
        if (comment) item.key.commentBefore = comment;
      }
    }
  }
  const text = doc.toString({ lineWidth: 0 });
  if (Buffer.byteLength(text) <= MAX_TEMPLATE_BODY_BYTES) return text;
  doc.commentBefore = [
    ...pack.header,
    ` Larger than ${MAX_TEMPLATE_BODY_BYTES} bytes: deploy it with --template-s3-uri (bucket name starting awsconfigconforms; see docs/deploy.md).`,
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

export function writeConformancePacks(
  dir: string,
  selection: Pick<RuleSelectionProps, 'rules' | 'ruleParameters'> = {},
): string[] {
  mkdirSync(dir, { recursive: true });
  return (Object.keys(PACK_FILES) as PackVariant[]).map((variant) => {
    const file = join(dir, PACK_FILES[variant]);
    writeFileSync(file, renderPack(variant, selection));
    return file;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const file of writeConformancePacks(join(REPO_ROOT, 'conformance-pack')))
    process.stdout.write(`wrote ${file}\n`);
}
