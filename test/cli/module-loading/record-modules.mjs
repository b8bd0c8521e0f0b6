// Preloaded with `node --import`: writes every module the process loads to the file named by
// RECORD_MODULES_TO, one URL or path a line. ES modules are seen by a resolve hook; CommonJS
// modules (the SDK clients are CommonJS, and require their dependencies) are read from the
// require cache when the process exits.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const out = process.env.RECORD_MODULES_TO;
if (!out) throw new Error('RECORD_MODULES_TO: expected the path of the file to record modules in');
register('./record-modules-hooks.mjs', import.meta.url, { data: { out } });
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  appendFileSync(out, `${Object.keys(cache).join('\n')}\n`);
});
