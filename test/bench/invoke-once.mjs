// Cold start as a Lambda sees it, in this fresh process: import one bundle, then run one event
// through its handler (against AWS_ENDPOINT_URL). Prints the import and the total milliseconds.
import { readFileSync } from 'node:fs';

const [url, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const start = performance.now();
const { handler } = await import(url);
const imported = performance.now();
await handler(event);
const done = performance.now();
process.stdout.write(`${JSON.stringify({ importMs: imported - start, totalMs: done - start })}\n`);
