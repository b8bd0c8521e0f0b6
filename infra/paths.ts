import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: infra/ sits directly below it. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function ruleFolder(ruleId: string): string {
  return join(REPO_ROOT, 'rules', ruleId);
}
