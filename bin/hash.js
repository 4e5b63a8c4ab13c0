#!/usr/bin/env node
// hash, the HA shell. The code lives in the bundle dist/hash.js (`npm run build`).
import('../dist/hash.js').catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/hash.js')) {
    process.stderr.write('hash: the bundle dist/hash.js is missing; run `npm run build` in the hash checkout first\n');
    process.exit(70);
  }
  throw e;
});
