#!/usr/bin/env node
// hash, the HA shell. The code lives in the bundle dist/hash.cjs (`npm run build`).
//
// This loader compiles the bundle with V8's code cache, made by the build
// (scripts/build.mjs): the functions a command runs come compiled, which saves
// 20-30 ms of every command's start. Without a cache, or with one V8 refuses (another Node
// version), the bundle compiles as usual. The loader is CommonJS
// (bin/package.json says so): Node starts a CommonJS entry ~7 ms sooner than
// an ES module one.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'hash.cjs');
// One cache per kind of command, each of the functions that kind runs: a cache is read whole, and
// a smaller one is read faster (5-12 ms). The kind is guessed from the words; a wrong guess only
// costs a few milliseconds.
const CACHES = { complete: 'hash-complete.cache', status: 'hash-status.cache', show: 'hash-show.cache', other: 'hash.cache' };
const cacheName = process.env.HASH_WRITE_CODE_CACHE || CACHES[commandKind(process.argv.slice(2))];
if (!Object.values(CACHES).includes(cacheName)) throw new Error(`HASH_WRITE_CODE_CACHE=${cacheName}: one of ${Object.values(CACHES).join(', ')}`);
const cacheFile = join(dist, cacheName);

/** What the command line asks for, as far as the caches go. */
function commandKind(args) {
  if (args[0] === '__complete') return 'complete';
  if (args.some((a) => a === '-f' || a.startsWith('--file'))) return 'other';
  // the first word after the global options (and the values of -c/--cib): `st`, `stat`, `status` (as src/main.ts reads it)
  let i = 0;
  while (i < args.length && args[i].startsWith('-') && args[i] !== '-') i += args[i] === '-c' || args[i] === '--cib' ? 2 : 1;
  if (/^st(a(t(us?)?)?)?$/.test(args[i] ?? '')) return 'status';
  return args.includes('show') ? 'show' : 'other';
}

let source;
try {
  source = readFileSync(file, 'latin1'); // ASCII (the build checks): no UTF-8 decoding
} catch (e) {
  if (e && e.code === 'ENOENT') {
    process.stderr.write('hash: the bundle dist/hash.cjs is missing; run `npm run build` in the hash checkout first\n');
    process.exit(70);
  }
  throw e;
}
// (V8 checks a cache against the source's length only: the build empties dist/ first and trains
// the caches on the bundle it just wrote, so they belong to this very bundle)
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
  process.stderr.write(`hash: code cache ${verdict} (dist/${cacheName}, ${cachedData ? cachedData.length : 0} bytes)\n`);
}
if (process.env.HASH_WRITE_CODE_CACHE) {
  // the build's training run: what ran is compiled now, and goes into the cache it names
  process.on('exit', () => {
    try {
      writeFileSync(cacheFile, script.createCachedData());
    } catch (e) {
      process.stderr.write(`hash: cannot write ${cacheFile}: ${e.message}\n`);
    }
  });
}
const bundle = { exports: {} };
const importFromDist = (specifier) => import(pathToFileURL(join(dist, specifier)).href);
script.runInThisContext()(bundle.exports, require('node:module').createRequire(file), bundle, file, dist, pathToFileURL(file).href, importFromDist);
