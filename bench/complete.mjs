#!/usr/bin/env node
/**
 * Tab completion speed (issue 3: TAB ≤ 30 ms warm in the REPL, ≤ 0.25 s from
 * bash), on a copy of demo/cib.xml (CIB_file: never the live cluster) with
 * this machine's resource agents and Pacemaker:
 *
 *   a. in-process, as the REPL's TAB: the Completer of the project (bundled
 *      by esbuild as the CLI is), one cold TAB per line, then warm TABs —
 *      median and max, and how many processes the warm TABs started (0);
 *   b. from bash: the completion function of completions/hash.bash run as
 *      bash runs it (COMP_LINE, COMP_POINT), which starts `hash __complete`,
 *      on a warm disk cache — median and min wall time, with `node -e 0`
 *      beside it for the machine's own start-up cost.
 *
 *   npm run build && node bench/complete.mjs [--runs 9] [--tabs 50]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : dflt;
};
const RUNS = opt('--runs', 9);
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const TABS = opt('--tabs', 50);
const work = mkdtempSync(join(tmpdir(), 'hash-bench-complete-'));
const cib = join(work, 'cib.xml');
copyFileSync(join(root, 'demo', 'cib.xml'), cib);
const cache = join(work, 'cache');
const env = { ...process.env, CIB_file: cib, XDG_CACHE_HOME: cache, XDG_STATE_HOME: join(work, 'state'), NO_COLOR: '1' };
delete env.CIB_shadow;

const LINES = [
  ['top level', ''],
  ['resource ids', 'resource stop w'],
  ['object ids', 'configure show web-'],
  ['agent types', 'configure primitive p ocf:heartbeat:IP'],
  ['agent parameters', 'configure primitive p ocf:heartbeat:IPaddr2 params ip=10.0.0.1 '],
  ['op interval', 'configure primitive p ocf:pacemaker:Dummy op monitor interval='],
  ['property values', 'configure property no-quorum-policy='],
  ['role after :', 'configure colocation c inf: web-stack db-clone:'],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);

// ---------------------------------------------------------------- a. in-process

async function inProcess() {
  const { build } = await import('esbuild');
  // complete.ts first: it loads the resolver before the registry, as the CLI does
  const entry = join(work, 'entry.ts');
  writeFileSync(
    entry,
    [
      `export { Completer } from ${JSON.stringify(join(root, 'src/shell/complete.ts'))};`,
      `export { Shell } from ${JSON.stringify(join(root, 'src/shell/engine.ts'))};`,
      `export { LocalExecutor } from ${JSON.stringify(join(root, 'src/exec/local.ts'))};`,
    ].join('\n'),
  );
  // split as the CLI is: what the completion does not load stays unloaded (ink, the parser);
  // inside the project, so that modules loaded at run time (fast-xml-parser) resolve as from dist/
  const outdir = join(root, 'node_modules', '.cache', 'hash-bench-complete');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { complete: entry },
    outdir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    external: ['react-devtools-core'],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  });
  const { Completer, Shell, LocalExecutor } = await import(pathToFileURL(join(outdir, 'complete.mjs')).href);
  const inner = new LocalExecutor(env);
  let spawned = 0;
  const executor = { target: 'local', exec: (argv, o) => (spawned++, inner.exec(argv, o)) };
  const ctx = { executor, target: { kind: 'file', path: cib }, io: { out() {}, err() {}, isTTY: false }, options: { force: false, dryRun: false, strictParams: false }, env };
  const completer = new Completer(new Shell(ctx, { interactive: true }), { cacheDir: join(cache, 'hash') });
  const rows = [];
  for (const [name, line] of LINES) {
    const t0 = performance.now();
    const first = await completer.complete(line, line.length);
    const cold = performance.now() - t0;
    spawned = 0;
    const times = [];
    for (let i = 0; i < TABS; i++) {
      const t = performance.now();
      await completer.complete(line, line.length);
      times.push(performance.now() - t);
    }
    rows.push({ name, line, candidates: first.candidates.length, cold, median: median(times), max: Math.max(...times), spawned });
  }
  return rows;
}

// ---------------------------------------------------------------- b. from bash

function fromBash() {
  const bin = join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(join(root, 'bin', 'hash.js'), join(bin, 'hash'));
  const benv = { ...env, PATH: `${bin}:${env.PATH}` };
  const script = `source ${join(root, 'completions', 'hash.bash')}; compopt() { :; }; COMP_LINE=$1; COMP_POINT=\${#COMP_LINE}; COMP_WORDS=(); COMP_CWORD=0; _hash_complete; echo "\${#COMPREPLY[@]}"`;
  // CPU time (user+sys, children included) beside wall time: less disturbed by a busy machine
  const tfile = join(work, 'time.txt');
  const time = (argv, e) => {
    const full = GNU_TIME ? [GNU_TIME, '-f', '%U %S', '-o', tfile, ...argv] : argv;
    const t0 = process.hrtime.bigint();
    const r = spawnSync(full[0], full.slice(1), { env: e, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
    const cpu = GNU_TIME ? readFileSync(tfile, 'utf8').trim().split('\n').pop().split(' ').reduce((a, b) => a + Number(b) * 1000, 0) : NaN;
    return { ms, cpu, out: r.stdout.trim() };
  };
  const rows = [];
  for (const [name, rest] of LINES) {
    const line = `hash ${rest}`;
    time(['bash', '-c', script, 'bash', line], benv); // warm the disk caches
    const runs = Array.from({ length: RUNS }, () => time(['bash', '-c', script, 'bash', line], benv));
    rows.push({ name, line, candidates: Number(runs[0].out), median: median(runs.map((r) => r.ms)), min: Math.min(...runs.map((r) => r.ms)), cpu: median(runs.map((r) => r.cpu)) });
  }
  const node = Array.from({ length: RUNS }, () => time([process.execPath, '-e', '0'], env));
  const version = Array.from({ length: RUNS }, () => time([process.execPath, join(root, 'bin', 'hash.js'), '--version'], env));
  const pick = (xs) => ({ ms: median(xs.map((x) => x.ms)), cpu: median(xs.map((x) => x.cpu)) });
  return { rows, node: pick(node), version: pick(version) };
}

const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
process.stdout.write(`# Tab completion (load average ${load})\n\n`);
const a = await inProcess();
process.stdout.write(`## a. in-process TAB (the REPL), ${TABS} warm TABs per line; target ≤ 30 ms\n\n| line | candidates | first (cold) | warm median | warm max | processes (warm) |\n|---|---:|---:|---:|---:|---:|\n`);
for (const r of a) process.stdout.write(`| ${r.name}: \`${r.line}\` | ${r.candidates} | ${fmt(r.cold)} | ${fmt(r.median)} | ${fmt(r.max)} | ${r.spawned} |\n`);
const b = fromBash();
process.stdout.write(`\n## b. from bash: _hash_complete → hash __complete, warm cache, ${RUNS} runs; target ≤ 0.25 s\n\n| line | candidates | wall median | wall min | CPU median |\n|---|---:|---:|---:|---:|\n`);
for (const r of b.rows) process.stdout.write(`| ${r.name}: \`${r.line}\` | ${r.candidates} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.cpu)} |\n`);
process.stdout.write(`\nFor scale, on this machine now (wall / CPU medians): \`node -e 0\` ${fmt(b.node.ms)} / ${fmt(b.node.cpu)}, \`hash --version\` ${fmt(b.version.ms)} / ${fmt(b.version.cpu)}.\n`);
