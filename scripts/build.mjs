// Bundles the CLI into dist/ with esbuild, in two parts:
//
//   dist/hash.cjs        everything but the live status view, one CommonJS
//                        script. bin/hash.js compiles it with a V8 code cache
//                        (dist/*.cache, below), which skips parsing and compiling
//                        the functions a command runs: ~20-30 ms of every
//                        command's start on our 2-core machines (Node 20 has
//                        no compile cache for ES modules). Dynamically
//                        imported modules stay lazy: esbuild runs a module's
//                        top level only when its import() is first reached,
//                        so `configure show` still never sets up chevrotain.
//   dist/status-app.mjs  the live view (ink, react, yoga): an ES module,
//                        because yoga's WebAssembly loader uses top-level
//                        await, which CommonJS cannot hold. Loaded only by
//                        `hash status` on a terminal.
//
// The code caches are made last, by training runs of the built CLI, one per
// kind of command (bin/hash.js picks the cache by the command line): a load
// and a show of a generated configuration for dist/hash.cache, and a show,
// `status --once` and a completion for dist/hash-{show,status,complete}.cache.
// V8 puts into a cache the functions that ran, compiled.
// Without Pacemaker's cibadmin there is no training, and hash runs without a
// cache (the same, a little slower). A cache V8 does not accept (another
// Node) is ignored.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // React's production build: the development one leaks memory over long status sessions
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  absWorkingDir: root,
  // less text to read and pre-parse at each start (~10 ms); names stay, for messages and profiles
  minifyWhitespace: true,
  minifySyntax: true,
};

// The status view's one import in the core becomes a call of the loader's
// ES module import (the core runs as a vm.Script, where import() has no loader).
const statusAppOutside = {
  name: 'status-app-outside',
  setup(b) {
    b.onResolve({ filter: /\/status\/app\.js$/ }, () => ({ path: 'status-app', namespace: 'hash-status-app' }));
    b.onLoad({ filter: /.*/, namespace: 'hash-status-app' }, () => ({
      contents: "export const runStatusApp = async (...args) => (await __hashImport('./status-app.mjs')).runStatusApp(...args);",
      loader: 'js',
    }));
  },
};

// A dynamic import() of a Node module (lazy: `await import('node:readline/promises')`) would stay
// an import() in the script, which has no loader there: it becomes a require() when first reached.
const builtinsRequired = {
  name: 'builtins-required',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (a) => (a.kind === 'dynamic-import' ? { path: a.path, namespace: 'hash-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'hash-builtin' }, (a) => ({ contents: `module.exports = require(${JSON.stringify(a.path)});`, loader: 'js' }));
  },
};

await build({
  ...common,
  entryPoints: { hash: 'src/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: dist,
  format: 'cjs',
  plugins: [statusAppOutside, builtinsRequired],
  // import.meta.url (the bundle's own place) in a script: given by bin/hash.js
  define: { ...common.define, 'import.meta.url': '__hashUrl' },
});

await build({
  ...common,
  entryPoints: { 'status-app': 'src/status/app.tsx' },
  outExtension: { '.js': '.mjs' },
  outdir: dist,
  format: 'esm',
  // ink's devtools (below) stay in a chunk of their own, imported only when DEV=true
  splitting: true,
  chunkNames: 'status-[name]-[hash]',
  // ink loads the React devtools only when DEV=true; never shipped
  external: ['react-devtools-core'],
  // some CommonJS dependencies call require(); give the ESM bundle one
  banner: { js: "import { createRequire as __hashCreateRequire } from 'node:module'; const require = __hashCreateRequire(import.meta.url);" },
});

// bin/hash.js reads the bundle as latin1 (no UTF-8 decoding): it must be ASCII, as esbuild writes it
// (charset ascii escapes other characters in strings; minifying drops the comments)
const core = readFileSync(join(dist, 'hash.cjs'), 'latin1');
if (/[^\x00-\x7f]/.test(core)) throw new Error('build: dist/hash.cjs is not ASCII');
// and it must not import(): a vm.Script has no module loader (see the two plugins above)
const leftImport = /\bimport\(/.exec(core);
if (leftImport) throw new Error(`build: dist/hash.cjs still calls import(): ${core.slice(leftImport.index, leftImport.index + 60)}`);
trainCodeCache();

/**
 * Run the CLI over typical work, with bin/hash.js writing each code cache (the
 * names are bin/hash.js's CACHES) at its exit. dist/ was emptied above, so each
 * run starts cold and its cache holds what it ran.
 */
function trainCodeCache() {
  const empty = spawnSync('cibadmin', ['--empty'], { encoding: 'utf8' });
  if (empty.status !== 0) {
    console.warn('build: no code cache (cibadmin --empty failed: is Pacemaker installed?); hash works without, starting a little slower');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hash-train-'));
  try {
    const cib = join(dir, 'cib.xml');
    writeFileSync(cib, empty.stdout);
    writeFileSync(join(dir, 'train.crm'), trainingConfiguration());
    writeFileSync(join(dir, 'train.hash'), ['configure load update train.crm', 'configure show', ''].join('\n'));
    // the status view and completion train on the demo CIB: a captured cluster, with its status
    const demo = join(dir, 'demo.xml');
    writeFileSync(demo, readFileSync(join(root, 'demo', 'cib.xml')));
    const train = (cache, on, ...words) => {
      const r = spawnSync(process.execPath, [join(root, 'bin', 'hash.js'), ...words], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, CIB_file: on, CIB_shadow: '', HASH_WRITE_CODE_CACHE: cache, XDG_CACHE_HOME: dir, XDG_CONFIG_HOME: dir, XDG_STATE_HOME: dir, NO_COLOR: '1' },
      });
      if (r.status !== 0) console.warn(`build: the training run for ${cache} exited ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    };
    train('hash.cache', cib, '-f', 'train.hash');
    train('hash-show.cache', cib, 'configure', 'show');
    train('hash-status.cache', demo, 'status', '--once');
    train('hash-complete.cache', demo, '__complete', 'configure', 'primitive', 'p', 'ocf:heartbeat:IP');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A configuration with a bit of every common plain statement (the chevrotain parser, rarely needed, stays out of the cache). */
function trainingConfiguration() {
  const lines = ['node n1', 'node n2 attributes rack=r1', 'property stonith-enabled=false no-quorum-policy=ignore', 'rsc_defaults resource-stickiness=100', 'op_defaults timeout=60s'];
  for (let i = 1; i <= 20; i++) {
    lines.push(`primitive d${i} ocf:heartbeat:Dummy params state=/run/d${i} meta target-role=Started op monitor interval=10s timeout=20s op start timeout=20s interval=0`);
  }
  lines.push('primitive ip1 IPaddr2 params ip=192.0.2.10 cidr_netmask=24 op monitor interval=10s');
  lines.push('group g1 d1 d2 meta target-role=Started', 'clone c3 d3 meta interleave=true', 'ms m4 d4 meta notify=true');
  for (let i = 5; i <= 20; i++) lines.push(`location l${i} d${i} 100: n1`, `colocation co${i} inf: d${i} ip1`, `order o${i} Mandatory: ip1 d${i}`);
  lines.push('tag t1 d13 d14', 'rsc_ticket tk1 ticketA: d15 loss-policy=stop');
  return lines.join('\n') + '\n';
}
