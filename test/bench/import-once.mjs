// Imports one bundle in this fresh process and prints how long the import took, in milliseconds.
const url = process.argv[2];
const start = performance.now();
await import(url);
process.stdout.write(`${(performance.now() - start).toFixed(3)}\n`);
