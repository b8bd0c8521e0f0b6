import { writeFileSync } from 'node:fs';

/** Writes to --output FILE when given, else stdout. */
export function emit(text: string, outputFile?: string): void {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (outputFile) writeFileSync(outputFile, body);
  else process.stdout.write(body);
}
