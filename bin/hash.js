#!/usr/bin/env node
// hash, the HA shell. The code lives in the bundle dist/hash.cjs (`npm run build`).
//
// This loader compiles the bundle with V8's code cache, dist/hash.cache, made
// by the build (see scripts/build.mjs): the functions a command runs come
// compiled, which saves 20-30 ms of every command's start. Without a cache,
// or with one V8 refuses (another Node version), the bundle compiles as usual.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = new URL('../dist/hash.cjs', import.meta.url);
const cacheFile = new URL('../dist/hash.cache', import.meta.url);
const file = fileURLToPath(bundle);

let source;
try {
  source = readFileSync(bundle, 'latin1'); // ASCII (the build checks): no UTF-8 decoding
} catch (e) {
  if (e && e.code === 'ENOENT') {
    process.stderr.write('hash: the bundle dist/hash.cjs is missing; run `npm run build` in the hash checkout first\n');
    process.exit(70);
  }
  throw e;
}
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
  if (cachedData.length === 0) cachedData = undefined;
} catch {
  // no cache: compile as usual
}

// the parameters of the wrapper: CommonJS's five, the bundle's own URL (its import.meta.url)
// and an ES module import for dist/status-app.mjs (import() has no loader in a vm.Script)
const wrapper = '(function (exports, require, module, __filename, __dirname, __hashUrl, __hashImport) {' + source + '\n})';
const script = new Script(wrapper, { filename: file, cachedData });
if (process.env.HASH_DEBUG) {
  const verdict = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  process.stderr.write(`hash: code cache ${verdict} (dist/hash.cache, ${cachedData?.length ?? 0} bytes)\n`);
}
if (process.env.HASH_WRITE_CODE_CACHE === '1') {
  // the build's training run: what ran is compiled now, and goes into the cache
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
const module = { exports: {} };
const dir = new URL('../dist/', import.meta.url);
script.runInThisContext()(module.exports, createRequire(bundle), module, file, fileURLToPath(dir), bundle.href, (specifier) => import(new URL(specifier, dir).href));
