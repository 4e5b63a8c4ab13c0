#!/usr/bin/env node
/**
 * Benchmark of `hash status` (issue 4, §6):
 *   a. one refresh of a 1,000-resource cluster in-process: decode crm_mon's
 *      XML, build the rows, render the 80×24 ink frame (target ≤ 50 ms CPU;
 *      crm_mon itself excluded), and the --once text of it;
 *   b. memory over many refreshes (heap after GC, first vs last);
 *   c. `hash status --once` as a process on a small cluster (target ≤ 0.25 s),
 *      beside crm_mon -1 and crmsh's `crm status` on the same CIB.
 *
 *   node --expose-gc bench/status.mjs [--runs 20] [--refreshes 1800] [--live]
 *
 * The 1,000-resource cluster is a generated CIB (3 nodes, 1,000 Dummy
 * primitives, a status section where each runs on a node and every 100th has
 * a failed monitor) rendered by the real crm_mon. Our code is bundled with
 * esbuild for the run, as `npm run build` bundles hash. Wall time on a busy
 * machine says little, so CPU time is reported beside it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const RUNS = Number(opt('--runs', '20'));
const REFRESHES = Number(opt('--refreshes', '1800'));
const N = Number(opt('--resources', '1000'));
const work = mkdtempSync(join(tmpdir(), 'hash-bench-status-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

// ---------------------------------------------------------------------------
// the 1,000-resource cluster

function bigCib(n) {
  const nodes = [1, 2, 3];
  const prims = [];
  const lrm = new Map(nodes.map((i) => [i, []]));
  for (let i = 0; i < n; i++) {
    const id = `d${String(i).padStart(4, '0')}`;
    prims.push(
      `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="${id}-mon" name="monitor" interval="10s"/></operations></primitive>`,
    );
    const node = nodes[i % 3];
    const op = (name, interval, rc, call) =>
      `<lrm_rsc_op id="${id}_${name === 'start' ? 'last_0' : interval ? 'monitor_10000' : 'last_failure_0'}" operation_key="${id}_${name}_${interval}" operation="${name}" crm-debug-origin="bench" crm_feature_set="3.16.2" transition-key="1:1:0:bench" transition-magic="0:${rc};1:1:0:bench" call-id="${call}" rc-code="${rc}" op-status="0" interval="${interval}" last-rc-change="1700000000" exec-time="10" queue-time="0" op-digest="x"/>`;
    const ops = [op('start', 0, 0, 2 * i + 1), op('monitor', 10000, i % 100 === 0 ? 7 : 0, 2 * i + 2)];
    lrm.get(node).push(`<lrm_resource id="${id}" type="Dummy" class="ocf" provider="pacemaker">${ops.join('')}</lrm_resource>`);
  }
  const states = nodes
    .map(
      (i) =>
        `<node_state id="${i}" uname="n${i}" in_ccm="true" crmd="online" crm-debug-origin="bench" join="member" expected="member"><lrm id="${i}"><lrm_resources>${lrm.get(i).join('')}</lrm_resources></lrm></node_state>`,
    )
    .join('');
  return `<cib crm_feature_set="3.16.2" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1">
<configuration><crm_config><cluster_property_set id="o"><nvpair id="o1" name="stonith-enabled" value="false"/><nvpair id="o2" name="cluster-name" value="bench"/></cluster_property_set></crm_config>
<nodes>${nodes.map((i) => `<node id="${i}" uname="n${i}"/>`).join('')}</nodes>
<resources>${prims.join('')}</resources><constraints/></configuration>
<status>${states}</status></cib>
`;
}

function run(argv, env) {
  const tfile = join(work, 'time.txt');
  const gnu = existsSync('/usr/bin/time');
  const full = gnu ? ['/usr/bin/time', '-o', tfile, '-f', '%U %S', ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let cpuMs;
  if (gnu && existsSync(tfile)) {
    const m = /([\d.]+) ([\d.]+)\s*$/.exec(readFileSync(tfile, 'utf8'));
    if (m) cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
  }
  return { ms, cpuMs, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const envFile = (file) => {
  const env = { ...process.env };
  delete env.CIB_shadow;
  if (file === undefined) delete env.CIB_file;
  else env.CIB_file = file;
  return env;
};

// ---------------------------------------------------------------------------
// our code, bundled

const { build } = await import(pathToFileURL(join(root, 'node_modules', 'esbuild', 'lib', 'main.js')).href);
const entry = join(work, 'entry.tsx');
writeFileSync(
  entry,
  `import React from 'react';
import { EventEmitter } from 'node:events';
import { render } from 'ink';
export { parseCrmMonXml } from ${JSON.stringify(join(root, 'src/pacemaker/crm-mon.ts'))};
import { buildRows } from ${JSON.stringify(join(root, 'src/status/rows.ts'))};
import { initialViewState, reduceView, filterRows } from ${JSON.stringify(join(root, 'src/status/state.ts'))};
import { lineCounter } from ${JSON.stringify(join(root, 'src/status/layout.ts'))};
import { StatusView } from ${JSON.stringify(join(root, 'src/status/components/StatusView.tsx'))};
export { formatStatusText } from ${JSON.stringify(join(root, 'src/status/text.ts'))};
export { buildRows, initialViewState };
class Out extends EventEmitter { columns = 80; rows = 24; isTTY = false; frame = ''; write(s) { this.frame = s; return true; } }
class In extends EventEmitter { isTTY = false; read() { return null; } setEncoding() {} ref() {} unref() {} }
/** One ink instance kept across refreshes, as the live app keeps it; debug mode writes each frame at once. */
export function makeRenderer(width = 80, height = 23) {
  const out = new Out();
  let inst;
  return {
    /** what the app does on a refresh: rows, keep the selection, render the frame */
    refresh(status, state) {
      const rows = filterRows(buildRows(status, { attributes: state.attributes }), state.filter);
      const s = reduceView(state, { type: 'refresh' }, { rows, height: height - 8, lines: lineCounter(width) });
      const el = React.createElement(StatusView, { status, rows, state: s, header: {}, connection: { lastGoodAt: new Date() }, intervalMs: 2000, width, height, color: true });
      if (inst === undefined) inst = render(el, { stdout: out, stdin: new In(), stderr: new Out(), debug: true, patchConsole: false, exitOnCtrlC: false });
      else inst.rerender(el);
      return { state: s, frame: out.frame };
    },
    close() { inst?.unmount(); },
  };
}
`,
);
await build({
  entryPoints: { bench: entry, status: join(root, 'test/status/status-entry.ts') },
  outdir: join(work, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  nodePaths: [join(root, 'node_modules')],
  external: ['react-devtools-core'],
  jsx: 'automatic',
  // React's production build, as a release bundle must use: the development build is slower and keeps every old tree
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
});
const lib = await import(pathToFileURL(join(work, 'dist', 'bench.js')).href);

console.log(`# hash status benchmark (load average ${loadavg()[0].toFixed(1)}, node ${process.version})\n`);

// a. one refresh of 1,000 resources
const cib = join(work, 'big.xml');
writeFileSync(cib, bigCib(N));
const mon = run(['crm_mon', '--output-as=xml'], envFile(cib));
if (mon.status !== 0) throw new Error(`crm_mon failed: ${mon.stderr}`);
const xml = mon.stdout;
const probe = lib.parseCrmMonXml(xml);
if (!probe.ok) throw new Error(probe.error);
const started = probe.status.resources.filter((r) => r.type === 'primitive' && r.role === 'Started').length;
console.log(`crm_mon XML of ${N} resources: ${(xml.length / 1024).toFixed(0)} KiB, ${started} started, ${probe.status.failures.length} failed actions (crm_mon itself: ${fmt(mon.ms)} ms wall, ${fmt(mon.cpuMs ?? NaN)} ms CPU — not ours)\n`);

function measure(fn) {
  for (let i = 0; i < 3; i++) fn(); // warm up the JIT
  const wall = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu), min: Math.min(...wall) };
}

let state = lib.initialViewState();
const screen = lib.makeRenderer();
const parse = measure(() => lib.parseCrmMonXml(xml));
const status = probe.status;
const rows = measure(() => lib.buildRows(status, {}));
const frame = measure(() => screen.refresh(status, state));
const refresh = measure(() => {
  const r = lib.parseCrmMonXml(xml);
  state = screen.refresh(r.status, state).state;
});
const shown = screen.refresh(status, state).frame;
if (!shown.includes('d0001 (ocf:pacemaker:Dummy): Started n2')) throw new Error(`the frame does not show the cluster:\n${shown}`);
const text = measure(() => lib.formatStatusText(status, { color: false }));
const json = measure(() => JSON.stringify(status));

console.log('| a. in-process, 1,000 resources | median wall ms | median CPU ms | min wall ms |');
console.log('|---|---:|---:|---:|');
for (const [name, m] of [
  ['decode crm_mon XML', parse],
  ['build rows', rows],
  ['rows + render 80×24 frame', frame],
  ['**one refresh: decode + rows + render**', refresh],
  ['--once text (all rows)', text],
  ['--output-as=json (stringify)', json],
]) console.log(`| ${name} | ${fmt(m.wall)} | ${fmt(m.cpu)} | ${fmt(m.min)} |`);
console.log(`\ntarget: one refresh ≤ 50 ms CPU → ${refresh.cpu <= 50 ? 'met' : 'NOT met'} (${fmt(refresh.cpu)} ms)\n`);

// b. memory over refreshes
if (global.gc) {
  for (let i = 0; i < 100; i++) state = screen.refresh(lib.parseCrmMonXml(xml).status, state).state; // settle caches first
  global.gc();
  const h0 = process.memoryUsage().heapUsed;
  for (let i = 0; i < REFRESHES; i++) {
    const r = lib.parseCrmMonXml(xml);
    state = screen.refresh(r.status, state).state;
  }
  global.gc();
  const h1 = process.memoryUsage().heapUsed;
  console.log(`b. memory: heap after GC ${(h0 / 1048576).toFixed(1)} MiB before, ${(h1 / 1048576).toFixed(1)} MiB after ${REFRESHES} refreshes of 1,000 resources (${((h1 - h0) / 1048576).toFixed(1)} MiB difference; ${REFRESHES} refreshes = ${(REFRESHES * 2) / 60} min at 2 s)\n`);
} else console.log('b. memory: run with node --expose-gc bench/status.mjs to measure\n');

screen.close();

// c. --once as a process on a small cluster
const small = join(work, 'small.xml');
const demo = join(root, 'demo', 'cib.xml');
copyFileSync(existsSync(demo) ? demo : join(root, '..', 'shared', 'corpus', 'pacemaker-2.1.5-scheduler', 'xml', 'bug-cl-5212.xml'), small);
// the real CLI when it is built (npm run build), else the same entry bundled here
const built = existsSync(join(root, 'dist', 'hash.cjs'));
const hashStatus = built ? [process.execPath, join(root, 'bin', 'hash.js'), 'status'] : [process.execPath, join(work, 'dist', 'status.js')];
const cases = [
  [`hash status --once${built ? '' : ' (bench bundle)'}`, [...hashStatus, '--once'], small],
  ['hash status --output-as=json', [...hashStatus, '--output-as=json'], small],
  // the same command without the CLI's start-up (main.ts and the shell engine it loads before dispatching)
  ...(built ? [['status path alone --once (bench bundle)', [process.execPath, join(work, 'dist', 'status.js'), '--once'], small]] : []),
  ['crm_mon -1 (inside the above)', ['crm_mon', '-1'], small],
  ['crm status (crmsh)', ['crm', 'status'], small],
  ['node -e 0 (start-up floor)', [process.execPath, '-e', '0'], small],
];
if (args.includes('--live')) cases.push(['hash status --once, live cluster', [...hashStatus, '--once'], undefined], ['crm_mon -1, live cluster', ['crm_mon', '-1'], undefined]);
console.log(`| c. process, small CIB (${existsSync(demo) ? 'demo/cib.xml' : 'corpus bug-cl-5212'}) | median wall ms | median CPU ms | min wall ms |`);
console.log('|---|---:|---:|---:|');
const PROC_RUNS = Math.max(3, Math.min(RUNS, 7));
for (const [name, argv, file] of cases) {
  const r = [];
  for (let i = 0; i < PROC_RUNS; i++) r.push(run(argv, envFile(file)));
  if (r[0].status === 127 || (r[0].status !== 0 && r[0].stdout === '')) {
    console.log(`| ${name} | failed (exit ${r[0].status}) | | |`);
    continue;
  }
  console.log(`| ${name} | ${fmt(median(r.map((x) => x.ms)))} | ${fmt(median(r.map((x) => x.cpuMs ?? NaN)))} | ${fmt(Math.min(...r.map((x) => x.ms)))} |`);
}
console.log('\ntarget: hash status --once ≤ 250 ms wall on a small cluster (on an idle machine; see the start-up floor and crm_mon rows)');
