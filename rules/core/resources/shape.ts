// Readers for loosely-shaped JSON. Config items spell the same field dNSName, dnsname or DNSName
// depending on the resource and the sample, so lookups ignore case.

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value under `name`, matched without regard to case; the first of several names that exists. */
export function field(obj: unknown, ...names: string[]): unknown {
  if (!isObject(obj)) return undefined;
  for (const name of names) {
    if (name in obj) return obj[name];
  }
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const [key, value] of Object.entries(obj)) {
    if (wanted.has(key.toLowerCase())) return value;
  }
  return undefined;
}

export function str(obj: unknown, ...names: string[]): string | undefined {
  const value = field(obj, ...names);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function num(obj: unknown, ...names: string[]): number | undefined {
  const value = field(obj, ...names);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

export function list(obj: unknown, ...names: string[]): unknown[] {
  const value = field(obj, ...names);
  return Array.isArray(value) ? value : [];
}

export function strings(obj: unknown, ...names: string[]): string[] {
  return list(obj, ...names).filter((v): v is string => typeof v === 'string');
}

export function child(obj: unknown, ...names: string[]): Json | undefined {
  const value = field(obj, ...names);
  return isObject(value) ? value : undefined;
}

/** Config history returns nested JSON as strings; events carry objects. Accept both. */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

/** `[{key, value}]` or `[{Key, Value}]` lists into a plain record. */
export function keyValueRecord(items: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const key = str(item, 'key', 'Key');
    const value = str(item, 'value', 'Value');
    if (key !== undefined && value !== undefined) out[key] = value;
  }
  return out;
}
