// The JSONPath subset the documents use for Selector and PropertySelector: $, .name, ['name'], [n].
// Anything else (wildcards, recursive descent, filters) is refused: SSM's support for it is narrow,
// and a document that relied on it would be tested against behaviour SSM may not have.

export class SelectorError extends Error {
  override name = 'SelectorError';
}

type Segment = { key: string } | { index: number };

export function parseSelector(path: string): Segment[] {
  if (!path.startsWith('$')) throw new SelectorError(`Selector "${path}" must start with $`);
  const segments: Segment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    let match = /^\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(rest);
    if (match) {
      segments.push({ key: match[1] ?? '' });
      rest = rest.slice(match[0].length);
      continue;
    }
    match = /^\[(\d+)\]/.exec(rest);
    if (match) {
      segments.push({ index: Number(match[1]) });
      rest = rest.slice(match[0].length);
      continue;
    }
    match = /^\['([^']+)'\]/.exec(rest);
    if (match) {
      segments.push({ key: match[1] ?? '' });
      rest = rest.slice(match[0].length);
      continue;
    }
    throw new SelectorError(
      `Selector "${path}" uses syntax the runner does not support at "${rest}" (supported: $, .name, ['name'], [n])`,
    );
  }
  return segments;
}

/** The value at a selector, or `found: false` when any segment is missing. */
export function select(root: unknown, path: string): { found: boolean; value?: unknown } {
  let current: unknown = root;
  for (const segment of parseSelector(path)) {
    if ('index' in segment) {
      if (!Array.isArray(current) || segment.index >= current.length) return { found: false };
      current = current[segment.index];
    } else {
      if (!current || typeof current !== 'object' || Array.isArray(current)) return { found: false };
      if (!(segment.key in current)) return { found: false };
      current = (current as Record<string, unknown>)[segment.key];
    }
  }
  return { found: true, value: current };
}
