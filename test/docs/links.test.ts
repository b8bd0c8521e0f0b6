// Every relative link and anchor in README.md, docs/ and rules/ resolves: the file or folder exists,
// and an anchor names a heading of the Markdown file it points at.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/paths.js';
import { anchors, links, markdownFiles } from './support/markdown.js';

/** Why a link from `file` (relative to root) does not resolve, or undefined when it does. */
function brokenReason(root: string, file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto: ...
  const [rawPath, anchor] = target.split('#', 2) as [string, string | undefined];
  const path = decodeURIComponent(rawPath);
  const resolved = path === '' ? file : posix.normalize(posix.join(posix.dirname(file), path));
  if (resolved.startsWith('..')) return `${target} leaves the repository`;
  const absolute = join(root, resolved);
  if (!existsSync(absolute)) return `${resolved} does not exist`;
  if (anchor === undefined) return undefined;
  if (statSync(absolute).isDirectory() || !resolved.endsWith('.md'))
    return `#${anchor} points into ${resolved}, which is not a Markdown file`;
  if (!anchors(readFileSync(absolute, 'utf8')).has(anchor)) return `${resolved} has no heading #${anchor}`;
  return undefined;
}

function brokenLinks(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return links(text).flatMap(({ target, line }) => {
    const reason = brokenReason(root, file, target);
    return reason ? [`${file}:${line}: ${reason}`] : [];
  });
}

const files = markdownFiles(REPO_ROOT);

describe('documentation links', () => {
  it('reads the README, the guides, every rule page and every rule note', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/architecture.md');
    expect(files.filter((f) => f.startsWith('docs/rules/')).length).toBeGreaterThan(0);
    expect(files.filter((f) => /^rules\/[^/]+\/notes\.md$/.test(f)).length).toBeGreaterThan(0);
  });

  it.each(files)('%s: every relative link and anchor resolves', (file) => {
    expect(brokenLinks(REPO_ROOT, file)).toEqual([]);
  });

  it('finds a missing file, a missing heading and an anchor into a non-Markdown file', () => {
    const file = 'docs/architecture.md';
    expect(brokenReason(REPO_ROOT, file, 'nowhere.md')).toBe('docs/nowhere.md does not exist');
    expect(brokenReason(REPO_ROOT, file, 'deploy.md#no-such-heading')).toBe(
      'docs/deploy.md has no heading #no-such-heading',
    );
    expect(brokenReason(REPO_ROOT, file, '#layout')).toBeUndefined();
    expect(brokenReason(REPO_ROOT, file, '#nope')).toBe('docs/architecture.md has no heading #nope');
    expect(brokenReason(REPO_ROOT, file, '../package.json#x')).toMatch(/not a Markdown file/);
    expect(brokenReason(REPO_ROOT, file, '../../elsewhere.md')).toMatch(/leaves the repository/);
    expect(brokenReason(REPO_ROOT, file, 'https://docs.aws.amazon.com/x')).toBeUndefined();
  });

  it('computes anchors as GitHub does', () => {
    const md =
      "# Deploy\n## 1. Single account: `cdk deploy`\n## AWS's runbooks\n## Deploy\n```\n# not a heading\n```\n";
    expect([...anchors(md)]).toEqual(['deploy', '1-single-account-cdk-deploy', 'awss-runbooks', 'deploy-1']);
  });

  it('reads links outside code only', () => {
    const md = 'see [a](x.md) and `[b](y.md)`\n```\n[c](z.md)\n```\n';
    expect(links(md).map((l) => l.target)).toEqual(['x.md']);
  });
});
