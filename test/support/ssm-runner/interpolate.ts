// {{ Name }} and {{ Step.Output }} references, as SSM Automation resolves them: a string that is
// exactly one reference takes the referenced value with its type (a list stays a list); a reference
// inside a longer string is replaced by the value's text, which only a scalar has.

const REFERENCE = /\{\{\s*([A-Za-z0-9_:.-]+)\s*\}\}/g;
const WHOLE_REFERENCE = /^\{\{\s*([A-Za-z0-9_:.-]+)\s*\}\}$/;

/** Every reference name used anywhere in a value tree. */
export function referencesIn(value: unknown): string[] {
  const found: string[] = [];
  walkStrings(value, (text) => {
    for (const match of text.matchAll(REFERENCE)) found.push(match[1] ?? '');
  });
  return found;
}

function walkStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) walkStrings(item, visit);
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) walkStrings(item, visit);
}

export class InterpolationError extends Error {
  override name = 'InterpolationError';
}

/** Resolves every reference in a value tree; `resolve` throws for a name it does not know. */
export function interpolate(value: unknown, resolve: (name: string) => unknown): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole) return resolve(whole[1] ?? '');
    return value.replace(REFERENCE, (_, name: string) => {
      const resolved = resolve(name);
      if (resolved === null || typeof resolved === 'object') {
        throw new InterpolationError(
          `{{ ${name} }} is a ${Array.isArray(resolved) ? 'list' : 'map'} and cannot be embedded in the text "${value}"`,
        );
      }
      return String(resolved);
    });
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, resolve));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, resolve)]));
  }
  return value;
}
