// A value that was read, or the explicit record of why it could not be.
// Rules never see a Failed value: the engine refuses to judge on unread data.

export interface Loaded<T> {
  ok: true;
  value: T;
}

export interface Failed {
  ok: false;
  /** Short machine-friendly cause: AccessDenied, Throttling, NotFound, NotInSnapshot, ... */
  code: string;
  /** What could not be read, and why, for logs and annotations. */
  reason: string;
}

export type Fetched<T> = Loaded<T> | Failed;

export const loaded = <T>(value: T): Loaded<T> => ({ ok: true, value });
export const failed = (code: string, reason: string): Failed => ({ ok: false, code, reason });

/** Turns a thrown SDK or runtime error into a Failed record that names what was being read. */
export function failedFrom(what: string, error: unknown): Failed {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return failed(code, `${what}: ${code}${message && message !== code ? ` (${message})` : ''}`);
}

export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const named = error as { name?: unknown; Code?: unknown; code?: unknown };
    for (const candidate of [named.Code, named.code, named.name]) {
      if (typeof candidate === 'string' && candidate !== 'Error') return candidate;
    }
  }
  return 'Error';
}
