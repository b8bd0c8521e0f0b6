// What the doc tests read from Markdown: the files, their links and their heading anchors.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** README.md, docs/**\/*.md and rules/**\/*.md, relative to root with forward slashes. */
export function markdownFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path);
      return entry.name.endsWith('.md') ? [path] : [];
    });
  return ['README.md', ...walk('docs'), ...walk('rules')].map((p) => relative('.', p).split(sep).join('/'));
}

/** The text outside fenced code blocks and inline code spans, where links and prose live. */
export function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
}

export interface Link {
  target: string;
  line: number;
}

/** Inline links and images: [text](target). */
export function links(markdown: string): Link[] {
  const text = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, (block) => block.replace(/[^\n]/g, ' '));
  const found: Link[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    const clean = line.replace(/`[^`]*`/g, (span) => ' '.repeat(span.length));
    for (const m of clean.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g))
      found.push({ target: m[1]!, line: i + 1 });
  }
  return found;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const text = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}
