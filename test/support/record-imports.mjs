// Test support: `node --import ./record-imports.mjs …` appends the URL of every module the process loads to $RECORD_IMPORTS_TO (one a line): ES modules as they load, CommonJS ones (require, createRequire) at exit.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env.RECORD_IMPORTS_TO;
if (out) {
  register('./record-imports-hook.mjs', import.meta.url, { data: { out } });
  // require() does not pass through the load hook (Node 20): what it loaded is in its cache.
  process.on('exit', () => {
    const files = Object.keys(Module._cache).filter((f) => f.startsWith('/'));
    if (files.length) appendFileSync(out, files.map((f) => `${pathToFileURL(f).href}\n`).join(''));
  });
}
