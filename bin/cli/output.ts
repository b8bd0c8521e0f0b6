import { once } from 'node:events';
import { createWriteStream, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Refuses an --output path that cannot be written as a file (a folder, or inside a folder that
 * does not exist) before any work is done, rather than after a whole audit.
 */
export function checkOutputPath(outputFile: string | undefined, flag = '--output'): void {
  if (outputFile === undefined) return;
  const expected = 'expected a file path in an existing folder';
  if (outputFile.trim() === '') throw new UsageError(`${flag} "": ${expected}`);
  const target = statOrUndefined(outputFile);
  if (target?.isDirectory())
    throw new UsageError(
      `${flag} ${outputFile}: is a folder; ${expected}, e.g. ${outputFile.replace(/\/+$/, '')}/report.json`,
    );
  const folder = dirname(resolve(outputFile));
  const parent = statOrUndefined(folder);
  if (!parent)
    throw new UsageError(`${flag} ${outputFile}: the folder ${folder} does not exist; ${expected}`);
  if (!parent.isDirectory())
    throw new UsageError(`${flag} ${outputFile}: ${folder} is not a folder; ${expected}`);
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Writes to --output FILE when given, else stdout. */
export function emit(text: string, outputFile?: string): void {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (outputFile) writeFileSync(outputFile, body);
  else process.stdout.write(body);
}

/** Where a streamed report goes, a piece at a time. */
export interface OutputSink {
  /** Resolves once the stream can take more, so a slow reader slows the audit, not memory. */
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens --output FILE (created or truncated now) or stdout for a streamed report. */
export function openOutput(outputFile?: string): OutputSink {
  const stream = outputFile ? createWriteStream(outputFile) : process.stdout;
  let failed: Error | undefined;
  stream.on('error', (error: Error) => {
    failed ??= error;
  });
  return {
    async write(text) {
      if (failed) throw failed;
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async close() {
      if (failed) throw failed;
      if (stream === process.stdout) return;
      await new Promise<void>((resolve, reject) => {
        stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
      });
    },
  };
}
