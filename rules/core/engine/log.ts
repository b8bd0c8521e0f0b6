// The engine logs through this interface: Powertools JSON in Lambda, JSON lines on stderr in the
// CLI (so stdout stays clean for --format json), nothing in tests unless asked.
export type LogAttributes = Record<string, unknown>;

export interface Log {
  debug(message: string, attributes?: LogAttributes): void;
  info(message: string, attributes?: LogAttributes): void;
  warn(message: string, attributes?: LogAttributes): void;
  error(message: string, attributes?: LogAttributes): void;
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LEVELS)[number] | 'silent';

/** Structured JSON lines on stderr, at or above `level`. */
export function stderrLog(level: LogLevel, base: LogAttributes = {}): Log {
  const threshold = level === 'silent' ? LEVELS.length : LEVELS.indexOf(level);
  const write = (lvl: (typeof LEVELS)[number]) => (message: string, attributes?: LogAttributes) => {
    if (LEVELS.indexOf(lvl) < threshold) return;
    process.stderr.write(
      `${JSON.stringify({ level: lvl.toUpperCase(), message, ...base, ...attributes, timestamp: new Date().toISOString() })}\n`,
    );
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
