#!/usr/bin/env node
/**
 * The benchmark: hash beside crmsh, each case one command line timed over a
 * few runs (median and min), plus in-process parse timings.
 *
 *   npm run bench                 # builds, then runs every case
 *   node bench/run.mjs --write    # also writes bench/results.md
 *   node bench/run.mjs --runs 7 --no-crmsh --live
 *   node bench/run.mjs --resources 2000 --hash-bin /tmp/other/bin/hash.js
 *
 * Cases:
 *   a. `configure load update` of a generated 1,000-resource configuration
 *      (generateBenchConfig(1000), ~2,500 lines) into a fresh CIB file;
 *      crmsh runs once here (it takes ~40 s).
 *   b. `configure show` of that CIB; b2. the same with the status section of
 *      a running 3-node cluster added (generated), as a live CIB has one.
 *   c. `configure show` of a small CIB (demo/cib.xml); with --live also of
 *      the live cluster's CIB (read only).
 *   d. parse only, in-process: 1k and 10k resources, ms and ms/line.
 *
 * The header gives `node -e 0` at the start and the end: the machine's speed
 * drifts, and every case moves with it.
 *
 * Every command gets CIB_file (never the live cluster, unless --live) and is
 * run with spawnSync and an argv array: no shell. crmsh is optional: without
 * it its column says "crmsh not installed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const RUNS = Number(opt('--runs', '5'));
const CRMSH_RUNS = Number(opt('--crmsh-runs', '3'));
const N = Number(opt('--resources', '1000'));
// --hash-bin: time another build of hash (e.g. a bundle made elsewhere) instead of bin/hash.js
const HASH = [process.execPath, opt('--hash-bin', join(root, 'bin', 'hash.js'))];

// ---------------------------------------------------------------------------
// helpers

function findCrm() {
  if (flag('--no-crmsh')) return undefined;
  for (const p of ['/usr/sbin/crm', '/usr/bin/crm', '/usr/local/sbin/crm', '/usr/local/bin/crm']) if (existsSync(p)) return p;
  return undefined;
}

/** The environment for a command on `cibFile`; undefined cibFile = the live cluster. */
function envFor(cibFile) {
  const env = { ...process.env };
  delete env.CIB_shadow;
  delete env.CIB_file;
  if (cibFile !== undefined) env.CIB_file = cibFile;
  return env;
}

// The machine may be shared (tests, other builds): wall time then says little,
// so CPU time (user+sys of the command and its children) is measured beside it
// with GNU time, writing to its own file (-o) so the command's stderr stays clean.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
let timeFileSeq = 0;

/** Run argv once; returns { ms, cpuMs, status, stdout, stderr }. */
function timeOnce(argv, { env, before } = {}) {
  if (before) before();
  const tfile = join(work, `time-${timeFileSeq++}.txt`);
  const full = GNU_TIME ? [GNU_TIME, '-o', tfile, '-f', '%U %S', ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 30 * 60_000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let cpuMs;
  if (GNU_TIME && existsSync(tfile)) {
    const m = /([\d.]+) ([\d.]+)\s*$/.exec(readFileSync(tfile, 'utf8'));
    if (m) cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
  }
  return { ms, cpuMs, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** Run argv `runs` times; `before` (not timed) runs before each. Stops at the first failure. */
function timeRuns(argv, runs, opts = {}) {
  const times = [];
  const cpu = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = timeOnce(argv, opts);
    if (last.status !== 0 || last.error) {
      const why = last.error ? String(last.error.message) : `rc=${last.status}`;
      const msg = (last.stderr || last.stdout).trim().split('\n').slice(-2).join(' / ');
      return { failed: `${why}${msg ? `: ${msg.slice(0, 160)}` : ''}`, last };
    }
    times.push(last.ms);
    if (last.cpuMs !== undefined) cpu.push(last.cpuMs);
  }
  return { median: median(times), min: Math.min(...times), cpu: cpu.length ? median(cpu) : undefined, runs: times.length, last };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

function emptyCib() {
  const r = spawnSync('cibadmin', ['--empty'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cibadmin --empty failed (is Pacemaker installed?): ${r.stderr}`);
  return r.stdout;
}

function count(xml, tag) {
  return (xml.match(new RegExp(`<${tag}[\\s>/]`, 'g')) ?? []).length;
}

/** Compile a TypeScript module of the project with esbuild and import it. */
async function importTs(entry, dir) {
  const { build } = await import('esbuild');
  const outfile = join(dir, entry.replace(/[/.]/g, '_') + '.mjs');
  await build({ entryPoints: [join(root, entry)], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  return import(pathToFileURL(outfile).href);
}

/**
 * The <status> of a cluster whose nodes each probed every resource, where
 * resource i runs on node i mod 3 with a 10 s monitor: per node and resource an
 * lrm_resource with its ops, as Pacemaker 2.1 writes them.
 */
function generatedStatus(n, nodes) {
  const op = (rsc, node, key, operation, interval, rc, call) =>
    `            <lrm_rsc_op id="${rsc}_${key}" operation_key="${rsc}_${operation}_${interval}" operation="${operation}" crm-debug-origin="do_update_resource" crm_feature_set="3.16.1" transition-key="${call}:1:0:8f1c2a3b-4d5e-6f70-8192-a3b4c5d6e7f8" transition-magic="0:${rc};${call}:1:0:8f1c2a3b-4d5e-6f70-8192-a3b4c5d6e7f8" exit-reason="" on_node="${node}" call-id="${call}" rc-code="${rc}" op-status="0" interval="${interval}" last-rc-change="1796600000" exec-time="12" queue-time="0" op-digest="0123456789abcdef0123456789abcdef"/>`;
  const out = ['<status>'];
  nodes.forEach((node, k) => {
    out.push(`    <node_state id="${node}" uname="${node}" in_ccm="true" crmd="online" crm-debug-origin="do_update_resource" join="member" expected="member">`);
    out.push(`      <transient_attributes id="${node}">`, `        <instance_attributes id="status-${node}">`, `          <nvpair id="status-${node}-probe_complete" name="probe_complete" value="true"/>`, '        </instance_attributes>', '      </transient_attributes>');
    out.push(`      <lrm id="${node}">`, '        <lrm_resources>');
    for (let i = 0; i < n; i++) {
      const rsc = `res${i}`;
      out.push(`          <lrm_resource id="${rsc}" class="ocf" provider="heartbeat" type="Dummy">`);
      if (i % nodes.length === k) out.push(op(rsc, node, 'last_0', 'start', 0, 0, 2 * i + 2), op(rsc, node, 'monitor_10000', 'monitor', 10000, 0, 2 * i + 3));
      else out.push(op(rsc, node, 'last_0', 'monitor', 0, 7, 2 * i + 1));
      out.push('          </lrm_resource>');
    }
    out.push('        </lrm_resources>', '      </lrm>', '    </node_state>');
  });
  out.push('  </status>');
  return out.join('\n');
}

const fmt = (ms) => (ms === undefined ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

// ---------------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'hash-bench-'));
const loadAtStart = loadavg()[0];
/**
 * Node alone (`node -e 0`, median of 7): the speed of these machines drifts by half within an
 * hour, and every case moves with it; the header gives it at the start and the end of the run.
 */
function nodeAlone() {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}
const nodeAtStart = nodeAlone();
// the commit when the run starts (others may commit while it runs)
const rev = spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';
const crm = findCrm();
const rows = [];
const notes = [];

try {
  if (!args.includes('--hash-bin') && !existsSync(join(root, 'dist', 'hash.cjs'))) notes.push('dist/hash.cjs is missing: run `npm run build` (npm run bench does). hash cases will fail.');
  const gen = await importTs('test/gen/generate.ts', work);
  const text = gen.generateBenchConfig(N);
  const input = join(work, 'bench.crm');
  writeFileSync(input, text);
  const lines = text.split('\n').length - 1;
  const empty = emptyCib();
  process.stderr.write(`bench input: ${N} primitives, ${lines} lines (${(text.length / 1024).toFixed(0)} KiB)\n`);

  // a. load update into a fresh CIB file
  const hashCib = join(work, 'hash-cib.xml');
  process.stderr.write(`a. hash configure load update (${RUNS} runs)…\n`);
  const aHash = timeRuns([...HASH, 'configure', 'load', 'update', input], RUNS, { env: envFor(hashCib), before: () => writeFileSync(hashCib, empty) });
  if (!aHash.failed) {
    const got = count(readFileSync(hashCib, 'utf8'), 'primitive');
    if (got !== N) aHash.failed = `loaded ${got} primitives, expected ${N}`;
  }
  let aCrm;
  const crmCib = join(work, 'crmsh-cib.xml');
  if (crm) {
    process.stderr.write('a. crmsh configure load update (1 run, ~40 s or more)…\n');
    aCrm = timeRuns([crm, 'configure', 'load', 'update', input], 1, { env: envFor(crmCib), before: () => writeFileSync(crmCib, empty) });
    if (!aCrm.failed) {
      const got = count(readFileSync(crmCib, 'utf8'), 'primitive');
      if (got !== N) aCrm.failed = `loaded ${got} primitives, expected ${N}`;
    }
  }
  rows.push({ name: `a. load update, ${N} resources (${lines} lines) into a CIB file`, hash: aHash, crmsh: aCrm, target: 500 });

  // b. show of that CIB: the same file for both (crmsh's when it loaded, else ours)
  const bigCib = aCrm && !aCrm.failed ? crmCib : hashCib;
  const bigOk = existsSync(bigCib) && count(readFileSync(bigCib, 'utf8'), 'primitive') === N;
  if (!bigOk) {
    rows.push({ name: `b. configure show, ${N}-resource CIB`, hash: { failed: 'no loaded CIB to show (load failed)' }, crmsh: crm ? { failed: 'no loaded CIB' } : undefined, target: 300 });
  } else {
    process.stderr.write(`b. configure show of the ${N}-resource CIB…\n`);
    const bHash = timeRuns([...HASH, 'configure', 'show'], RUNS, { env: envFor(bigCib) });
    const bCrm = crm ? timeRuns([crm, 'configure', 'show'], CRMSH_RUNS, { env: envFor(bigCib) }) : undefined;
    rows.push({ name: `b. configure show, ${N}-resource CIB`, hash: bHash, crmsh: bCrm, target: 300 });
  }

  // b2. show of that CIB with the status section of a running 3-node cluster (generated, shaped as
  // Pacemaker writes it): on a live cluster the status is most of what cibadmin --query gives
  if (bigOk) {
    const withStatus = join(work, 'status-cib.xml');
    writeFileSync(withStatus, readFileSync(bigCib, 'utf8').replace(/<status\/>|<status>[\s\S]*<\/status>/, () => generatedStatus(N, ['node1', 'node2', 'node3'])));
    process.stderr.write(`b2. configure show of the ${N}-resource CIB with a status section…\n`);
    rows.push({
      name: `b2. configure show, ${N}-resource CIB with the status of 3 running nodes (${(statSync(withStatus).size / 1048576).toFixed(1)} MiB)`,
      hash: timeRuns([...HASH, 'configure', 'show'], RUNS, { env: envFor(withStatus) }),
      crmsh: crm ? timeRuns([crm, 'configure', 'show'], CRMSH_RUNS, { env: envFor(withStatus) }) : undefined,
    });
  }

  // c. show of a small CIB
  const demo = join(root, 'demo', 'cib.xml');
  let small = demo;
  let smallName = 'demo/cib.xml';
  if (!existsSync(demo)) {
    // no demo CIB: a small generated one, loaded by hash
    small = join(work, 'small-cib.xml');
    writeFileSync(small, empty);
    const smallIn = join(work, 'small.crm');
    writeFileSync(smallIn, gen.generateConfig({ seed: 1, resources: 10, constraints: 10 }));
    timeOnce([...HASH, 'configure', 'load', 'update', smallIn], { env: envFor(small) });
    smallName = 'a small generated CIB';
  }
  const smallCopy = join(work, 'small-copy.xml');
  writeFileSync(smallCopy, readFileSync(small));
  process.stderr.write(`c. configure show of ${smallName}…\n`);
  rows.push({
    name: `c. configure show, small CIB (${smallName})`,
    hash: timeRuns([...HASH, 'configure', 'show'], RUNS, { env: envFor(smallCopy) }),
    crmsh: crm ? timeRuns([crm, 'configure', 'show'], CRMSH_RUNS, { env: envFor(smallCopy) }) : undefined,
    target: 250,
  });
  if (flag('--live')) {
    // read only: `configure show` of whatever cluster runs here
    const live = timeOnce(['cibadmin', '--query'], { env: envFor(undefined) });
    if (live.status === 0) {
      process.stderr.write('c. configure show of the live CIB…\n');
      rows.push({
        name: 'c. configure show, live cluster',
        hash: timeRuns([...HASH, 'configure', 'show'], RUNS, { env: envFor(undefined) }),
        crmsh: crm ? timeRuns([crm, 'configure', 'show'], CRMSH_RUNS, { env: envFor(undefined) }) : undefined,
        target: 250,
      });
    } else notes.push('--live: no live cluster answered `cibadmin --query`; case skipped.');
  }

  // d. parse only, in-process, on the project's parser as esbuild bundles it
  process.stderr.write('d. parse only…\n');
  const grammar = await importTs('grammar/index.ts', work);
  // parser construction and JIT warm-up are start-up, not parsing
  grammar.parseConfigure(gen.generateBenchConfig(200));
  const parseRows = [];
  for (const n of [1000, 10000]) {
    const t = gen.generateBenchConfig(n);
    const nLines = t.split('\n').length - 1;
    const times = [];
    const cpus = [];
    let errors = 0;
    for (let i = 0; i < (n >= 10000 ? 3 : RUNS); i++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const res = grammar.parseConfigure(t);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1000);
      errors = res.diagnostics.filter((d) => d.severity === 'error').length;
    }
    const med = median(times);
    parseRows.push({ n, lines: nLines, median: med, min: Math.min(...times), cpu: median(cpus), perLine: med / nLines, errors });
  }

  // -------------------------------------------------------------------------
  // the table
  const out = [];
  out.push(`| case | hash wall median | hash wall min | hash CPU | crmsh wall median | crmsh CPU | crmsh/hash wall | crmsh/hash CPU | hash target (wall) |`);
  out.push(`|---|---:|---:|---:|---:|---:|---:|---:|---|`);
  for (const r of rows) {
    const h = r.hash;
    const c = r.crmsh;
    const hCells = h.failed ? [`failed: ${h.failed.replace(/\|/g, '/')}`, '', ''] : [fmt(h.median), fmt(h.min), fmt(h.cpu)];
    const cCells = !crm ? ['crmsh not installed', ''] : !c ? ['—', ''] : c.failed ? [`failed: ${c.failed.replace(/\|/g, '/')}`, ''] : [`${fmt(c.median)}${c.runs > 1 ? '' : ' (1 run)'}`, fmt(c.cpu)];
    const both = !h.failed && c && !c.failed;
    const ratio = both ? `${(c.median / h.median).toFixed(1)}×` : '—';
    const cpuRatio = both && h.cpu && c.cpu ? `${(c.cpu / h.cpu).toFixed(1)}×` : '—';
    const target = r.target === undefined ? '—' : h.failed ? `≤ ${fmt(r.target)}` : `≤ ${fmt(r.target)} ${h.median <= r.target ? 'met' : 'MISSED'}`;
    out.push(`| ${r.name} | ${hCells.join(' | ')} | ${cCells.join(' | ')} | ${ratio} | ${cpuRatio} | ${target} |`);
  }
  out.push('');
  out.push(`| d. parse only (in-process) | lines | median | min | CPU median | ms/line | parse errors |`);
  out.push(`|---|---:|---:|---:|---:|---:|---:|`);
  for (const p of parseRows) out.push(`| ${p.n} resources | ${p.lines} | ${fmt(p.median)} | ${fmt(p.min)} | ${fmt(p.cpu)} | ${p.perLine.toFixed(4)} | ${p.errors} |`);
  if (parseRows.length === 2) {
    const [a, b] = parseRows;
    out.push('');
    out.push(`Linearity: ${(b.lines / a.lines).toFixed(1)}× the lines took ${(b.median / a.median).toFixed(1)}× the time (ms/line ${a.perLine.toFixed(4)} → ${b.perLine.toFixed(4)}).`);
  }
  const header = [
    `Commit ${rev}${args.includes('--hash-bin') ? ` (hash from ${opt('--hash-bin', '')})` : ''}. Runs: hash ${RUNS} per case, crmsh ${CRMSH_RUNS} (load: 1). Machine: ${availableParallelism()} CPUs, Node ${process.version}, 1-min load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, ${new Date().toISOString()}. Node alone (\`node -e 0\`): ${fmt(nodeAtStart)} at the start, ${fmt(nodeAlone())} at the end.`,
    'Wall = elapsed time of the whole command, start-up included; CPU = user+sys of the command and its children (GNU time). On a busy machine compare CPU.',
  ];
  const table = [...header, '', ...out, ...(notes.length ? ['', ...notes.map((n) => `Note: ${n}`)] : [])].join('\n');
  console.log(table);
  if (flag('--write')) {
    const md = [
      '# Benchmark results',
      '',
      'Produced by `node bench/run.mjs --write` (after `npm run build`). hash is `node bin/hash.js`; crmsh is crmsh 4.4',
      'on the same CIB file. Times are wall-clock of the whole command, start-up included.',
      '',
      table,
      '',
    ].join('\n');
    // the sections after this one (`## One-shot commands`, …) are written by the other bench scripts: keep them
    const file = join(root, 'bench', 'results.md');
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const rest = before.indexOf('\n## ');
    writeFileSync(file, rest >= 0 ? `${md}${before.slice(rest)}` : md);
    process.stderr.write('wrote bench/results.md\n');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
