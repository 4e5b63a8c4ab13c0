#!/usr/bin/env node
/**
 * One-shot commands, hash beside crmsh (issue 3: at most a third of crmsh's
 * time): `resource stop`, `node standby`, and a configure one-liner, each on
 * a fresh copy of demo/cib.xml (CIB_file: never the live cluster), timed over
 * a few runs with GNU time for CPU (user+sys incl. children) beside wall.
 *
 *   npm run build && node bench/oneshot.mjs [--runs 5] [--write]
 * --write appends the table to bench/results.md under "One-shot commands".
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] ?? 5) || 5;
const work = mkdtempSync(join(tmpdir(), 'hash-bench-oneshot-'));
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const CRM = ['/usr/sbin/crm', '/usr/bin/crm'].find((p) => existsSync(p));

// crmsh skips `node standby` of a node it cannot ping (it warns and changes nothing), so that
// case renames node n2 of the demo CIB after this machine, which answers
const HOST = hostname();
const CASES = [
  { name: 'resource stop flaky', words: ['resource', 'stop', 'flaky'] },
  { name: `node standby (n2 renamed ${HOST})`, words: ['node', 'standby', HOST], cib: (x) => x.replaceAll('uname="n2"', `uname="${HOST}"`) },
  { name: 'configure property (one line)', words: ['configure', 'property', 'stonith-timeout=90s'] },
];

function once(argv, transform) {
  const cib = join(work, 'cib.xml');
  copyFileSync(join(root, 'demo', 'cib.xml'), cib);
  if (transform) writeFileSync(cib, transform(readFileSync(cib, 'utf8')));
  const env = { ...process.env, CIB_file: cib, NO_COLOR: '1', XDG_CACHE_HOME: join(work, 'cache'), XDG_STATE_HOME: join(work, 'state') };
  const tfile = join(work, 'time.txt');
  const full = GNU_TIME ? [GNU_TIME, '-f', '%U %S', '-o', tfile, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { env, encoding: 'utf8', input: '' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  const cpu = GNU_TIME ? readFileSync(tfile, 'utf8').trim().split('\n').pop().split(' ').reduce((a, b) => a + Number(b) * 1000, 0) : NaN;
  return { wall, cpu };
}

function measure(argv, runs, transform) {
  const xs = Array.from({ length: runs }, () => once(argv, transform));
  const med = (k) => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(runs / 2)];
  return { wall: med('wall'), cpu: med('cpu') };
}

const ms = (v) => (Number.isNaN(v) ? '–' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);
const rows = [];
const load0 = loadavg()[0];
for (const c of CASES) {
  const h = measure([process.execPath, join(root, 'bin', 'hash.js'), ...c.words], RUNS, c.cib);
  const k = CRM ? measure([CRM, ...c.words], Math.max(1, Math.min(RUNS, 3)), c.cib) : undefined;
  rows.push(`| ${c.name} | ${ms(h.wall)} | ${ms(h.cpu)} | ${k ? ms(k.wall) : 'crmsh not installed'} | ${k ? ms(k.cpu) : ''} | ${k ? `${(k.wall / h.wall).toFixed(1)}×` : ''} | ${k ? `${(k.cpu / h.cpu).toFixed(1)}×` : ''} | ${k ? (h.wall * 3 <= k.wall ? 'met' : 'MISSED') : ''} |`);
}
const table = [
  `## One-shot commands`,
  '',
  `\`node bench/oneshot.mjs\`, ${new Date().toISOString()}: on a copy of demo/cib.xml (CIB_file), hash ${RUNS} runs, crmsh ${Math.min(RUNS, 3)}; medians. 1-min load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}.`,
  '',
  '| command | hash wall | hash CPU | crmsh wall | crmsh CPU | crmsh/hash wall | crmsh/hash CPU | target ≤ ⅓ of crmsh |',
  '|---|---:|---:|---:|---:|---:|---:|---|',
  ...rows,
  '',
].join('\n');
process.stdout.write(`${table}\n`);
if (args.includes('--write')) {
  const file = join(root, 'bench', 'results.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const i = old.indexOf('## One-shot commands');
  const rest = i >= 0 ? old.slice(old.indexOf('\n## ', i + 5) >= 0 ? old.indexOf('\n## ', i + 5) + 1 : old.length) : '';
  writeFileSync(file, `${i >= 0 ? old.slice(0, i) : `${old.trimEnd()}\n\n`}${table}${rest ? `\n${rest}` : ''}`);
}
