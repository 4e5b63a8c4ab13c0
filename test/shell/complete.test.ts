/**
 * The completion engine on a real CIB file (a copy of the demo CIB) with the
 * real resource agents and Pacemaker of this machine: commands per level,
 * ids of the CIB in use, agents, parameters from agent metadata, meta and op
 * attributes, cluster options, sandboxes, roles after `:`, mid-line and
 * inside quotes, the configure session's pending changes, and the caches
 * that keep a warm TAB from running any process.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// complete.js first: it loads the resolver before the registry (the levels import the resolver back)
import { Completer, forReadline, scanLine, type Completion } from '../../src/shell/complete.js';
import { runCompleteCommand } from '../../src/shell/complete-command.js';
import { Shell } from '../../src/shell/engine.js';
import { LEVELS, ROOT_COMMANDS, GLOBAL_COMMANDS, levelByName } from '../../src/shell/registry.js';
import type { ShellContext } from '../../src/shell/context.js';
import { LocalExecutor } from '../../src/exec/local.js';
import type { ExecOptions, ExecResult, Executor } from '../../src/exec/types.js';
import { agentMetadata } from '../../src/pacemaker/ra.js';
import { clusterOptions } from '../../src/pacemaker/cluster-options.js';
import type { CibTarget } from '../../src/cib/target.js';

const DEMO = resolve(import.meta.dirname, '..', '..', 'demo', 'cib.xml');

/** A real executor that counts the processes it starts. */
class CountingExecutor implements Executor {
  calls: string[][] = [];
  private readonly inner: LocalExecutor;
  constructor(
    env: NodeJS.ProcessEnv,
    readonly target = 'local',
    /** extra environment for every call (a "remote" CIB that is really a file) */
    private readonly extra: Record<string, string> = {},
  ) {
    this.inner = new LocalExecutor(env);
  }
  exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    this.calls.push([...argv]);
    return this.inner.exec(argv, { ...opts, env: { ...opts.env, ...this.extra } });
  }
}

interface Setup {
  dir: string;
  cib: string;
  cache: string;
  shadowDir: string;
  ctx: ShellContext;
  ex: CountingExecutor;
  shell: Shell;
  c: Completer;
}

/** The completion's clock: the tests move it, instead of sleeping. */
let clock = 0;

function setup(opts: { target?: CibTarget; ex?: CountingExecutor; cache?: string; recheckMs?: number } = {}): Setup {
  const dir = mkdtempSync(join(tmpdir(), 'hash-complete-'));
  const cib = join(dir, 'cib.xml');
  copyFileSync(DEMO, cib);
  const cache = opts.cache ?? join(dir, 'cache');
  const shadowDir = join(dir, 'shadows');
  const env: NodeJS.ProcessEnv = { ...process.env, CIB_file: cib, CIB_shadow: undefined, CIB_shadow_dir: shadowDir, XDG_CACHE_HOME: cache };
  const ex = opts.ex ?? new CountingExecutor(env);
  const out: string[] = [];
  const ctx: ShellContext = {
    executor: ex,
    target: opts.target ?? { kind: 'file', path: cib },
    io: { out: (t) => void out.push(t), err: (t) => void out.push(t), isTTY: false },
    options: { force: true, dryRun: false, strictParams: false },
    env,
  };
  const shell = new Shell(ctx, { interactive: true });
  const c = new Completer(shell, { cacheDir: join(cache, 'hash'), now: () => clock, ...(opts.recheckMs !== undefined ? { recheckMs: opts.recheckMs } : {}) });
  return { dir, cib, cache, shadowDir, ctx, ex, shell, c };
}

const words = (r: Completion): string[] => r.candidates.map((x) => x.word);
const at = async (c: Completer, line: string): Promise<Completion> => c.complete(line, line.length);

describe('completion', () => {
  let s: Setup;
  beforeAll(() => {
    s = setup();
  });

  it('offers the levels, top-level commands and global commands at the top, with their summaries', async () => {
    const r = await at(s.c, '');
    for (const name of [...LEVELS.map((l) => l.name), ...ROOT_COMMANDS.map((c) => c.name), ...GLOBAL_COMMANDS.map((c) => c.name)]) expect(words(r)).toContain(name);
    expect(r.candidates.find((x) => x.word === 'configure')?.description).toBe(levelByName('configure')!.summary);
    expect(r.replaceFrom).toBe(0);
  });

  it('completes a prefix, and an alias when no name fits', async () => {
    expect(words(await at(s.c, 'res'))).toEqual(['resource']);
    expect(words(await at(s.c, 'cf'))).toEqual(['cfg']);
  });

  it('offers the commands of every level, from the registry', async () => {
    for (const level of LEVELS) {
      const r = await at(s.c, `${level.name} `);
      const expected = level.commands.filter((c) => !c.statement).map((c) => c.name);
      expect(words(r), level.name).toEqual(expect.arrayContaining([...expected, 'help', 'end']));
      expect(r.replaceFrom).toBe(level.name.length + 1);
    }
    // configure also offers the statements of the language
    expect(words(await at(s.c, 'configure '))).toEqual(expect.arrayContaining(['primitive', 'group', 'location', 'property', 'show', 'commit', 'cib', 'ra']));
  });

  it('at a level the shell is in, the level is implied', async () => {
    const t = setup();
    t.shell.path = ['configure'];
    expect(words(await at(t.c, 'pri'))).toEqual(['primitive']);
    expect(words(await at(t.c, 'primitive p ocf:pacemaker:Dumm'))).toEqual(['ocf:pacemaker:Dummy']);
  });

  it('resource ids of the CIB in use, with what they are', async () => {
    const r = await at(s.c, 'resource stop ');
    expect(words(r)).toEqual(expect.arrayContaining(['vip', 'web-data', 'web-server', 'web-stack', 'db', 'db-clone', 'ping-clone', 'legacy-web']));
    expect(words(r)).not.toContain('web-prefers-n1');
    expect(r.candidates.find((x) => x.word === 'vip')?.description).toBe('primitive ocf:heartbeat:IPaddr2 in web-stack');
    expect(r.candidates.find((x) => x.word === 'db-clone')?.description).toBe('promotable clone');
    // repeatable: a resource already given is not offered again
    expect(words(await at(s.c, 'resource stop vip w')).sort()).toEqual(['web-data', 'web-server', 'web-stack']);
    expect(words(await at(s.c, 'resource stop vip v'))).toEqual([]);
  });

  it('any object id for show: resources, constraints, tags, property sets, nodes', async () => {
    const r = await at(s.c, 'configure show web-');
    expect(words(r).sort()).toEqual(['web-data', 'web-prefers-n1', 'web-server', 'web-stack', 'web-tier', 'web-with-db-promoted']);
    expect(r.candidates.find((x) => x.word === 'web-with-db-promoted')?.description).toBe('colocation');
    expect(r.candidates.find((x) => x.word === 'web-tier')?.description).toBe('tag');
    expect(words(await at(s.c, 'configure show cib-'))).toEqual(['cib-bootstrap-options']);
    // option words of the command are offered too
    expect(words(await at(s.c, 'configure show ch'))).toEqual(['changed']);
  });

  it('node names, and node attributes people set (not Pacemaker\'s bookkeeping)', async () => {
    expect(words(await at(s.c, 'configure location l web-stack 100: '))).toEqual(['n1', 'n2', 'n3']);
    const attrs = words(await at(s.c, 'node attribute n1 set '));
    expect(attrs).toEqual(expect.arrayContaining(['standby', 'rack']));
    expect(attrs.filter((a) => a.includes('#') || a.startsWith('fail-count-') || a.startsWith('last-failure-'))).toEqual([]);
  });

  it('agents class by class: ocf:heartbeat:IP → IPaddr2', async () => {
    const classes = await at(s.c, 'configure primitive p ');
    expect(words(classes)).toEqual(expect.arrayContaining(['ocf:', 'lsb:', 'stonith:']));
    expect(classes.candidates.every((x) => x.noSpace)).toBe(true);
    const providers = await at(s.c, 'configure primitive p ocf:');
    expect(words(providers)).toEqual(expect.arrayContaining(['ocf:heartbeat:', 'ocf:pacemaker:']));
    const ip = await at(s.c, 'configure primitive p ocf:heartbeat:IP');
    expect(words(ip)).toContain('ocf:heartbeat:IPaddr2');
    expect(words(ip).every((w) => w.startsWith('ocf:heartbeat:IP'))).toBe(true);
    expect(ip.replaceFrom).toBe('configure primitive p '.length);
    // crm's shorthand: a bare type is ocf:heartbeat
    expect(words(await at(s.c, 'configure primitive p IPadd'))).toContain('IPaddr2');
    expect(words(await at(s.c, 'configure primitive p stonith:fence_dumm'))).toEqual(['stonith:fence_dummy']);
    // the ra level takes agents too
    expect(words(await at(s.c, 'ra info ocf:pacemaker:Dumm'))).toEqual(['ocf:pacemaker:Dummy']);
  });

  it('parameters of the agent from its metadata: required ones first and marked, given ones left out', async () => {
    const md = (await agentMetadata(new LocalExecutor(), 'ocf:heartbeat:IPaddr2', { cacheDir: null }))!;
    const required = md.parameters.filter((p) => p.required).map((p) => `${p.name}=`);
    expect(required).toEqual(['ip=']);
    const r = await at(s.c, 'configure primitive p ocf:heartbeat:IPaddr2 params ');
    expect(words(r)[0]).toBe('ip=');
    expect(r.candidates[0]!.description).toMatch(/^\(required/);
    expect(r.candidates[0]!.noSpace).toBe(true);
    expect(r.candidates.filter((x) => /required/.test(x.description ?? '')).map((x) => x.word)).toEqual(required);
    expect(words(r)).toEqual(expect.arrayContaining(md.parameters.map((p) => `${p.name}=`)));
    const after = await at(s.c, 'configure primitive p ocf:heartbeat:IPaddr2 params ip=10.0.0.1 cidr_netmask=24 ');
    expect(words(after)).not.toContain('ip=');
    expect(words(after)).not.toContain('cidr_netmask=');
    expect(words(after)).toContain('nic=');
    // the clause keywords come along
    expect(words(after)).toEqual(expect.arrayContaining(['meta', 'op']));
    // `params` may be left out after the agent, as crm allows
    expect(words(await at(s.c, 'configure primitive p IPaddr2 ci'))).toEqual(['cidr_netmask=']);
  });

  it('a parameter value: the default from the metadata', async () => {
    const md = (await agentMetadata(new LocalExecutor(), 'ocf:pacemaker:Dummy', { cacheDir: null }))!;
    const fake = md.parameters.find((p) => p.name === 'fake')!;
    expect(words(await at(s.c, 'configure primitive p ocf:pacemaker:Dummy params fake='))).toEqual([`fake=${fake.default}`]);
  });

  it('meta attribute names and values', async () => {
    const r = await at(s.c, 'configure primitive p ocf:pacemaker:Dummy meta ');
    expect(words(r)).toEqual(expect.arrayContaining(['target-role=', 'is-managed=', 'resource-stickiness=', 'migration-threshold=']));
    expect(words(r)).not.toContain('clone-max=');
    expect(words(await at(s.c, 'configure clone c p meta '))).toEqual(expect.arrayContaining(['clone-max=', 'interleave=', 'target-role=']));
    expect(words(await at(s.c, 'configure primitive p ocf:pacemaker:Dummy meta target-role='))).toEqual(['target-role=Started', 'target-role=Stopped', 'target-role=Promoted', 'target-role=Unpromoted']);
    expect(words(await at(s.c, 'configure rsc_defaults resource-st'))).toEqual(['resource-stickiness=']);
  });

  it('op names from the agent, op attributes, and the intervals the agent advises', async () => {
    const md = (await agentMetadata(new LocalExecutor(), 'ocf:pacemaker:Dummy', { cacheDir: null }))!;
    const ops = await at(s.c, 'configure primitive p ocf:pacemaker:Dummy op ');
    expect(words(ops)).toEqual(expect.arrayContaining(['start', 'stop', 'monitor']));
    expect(words(ops)).not.toContain('meta-data');
    const attrs = await at(s.c, 'configure primitive p ocf:pacemaker:Dummy op monitor interval=10s ');
    expect(words(attrs)).toEqual(expect.arrayContaining(['timeout=', 'on-fail=', 'role=']));
    expect(words(attrs)).not.toContain('interval=');
    const advised = md.actions.filter((a) => a.name === 'monitor' && a.interval).map((a) => `interval=${a.interval}`);
    expect(advised.length).toBeGreaterThan(0);
    expect(words(await at(s.c, 'configure primitive p ocf:pacemaker:Dummy op monitor interval='))).toEqual([...new Set(advised)]);
    expect(words(await at(s.c, 'configure primitive p ocf:pacemaker:Dummy op monitor on-fail=re'))).toEqual(['on-fail=restart']);
  });

  it('cluster options from Pacemaker\'s metadata, with their values', async () => {
    const options = await clusterOptions(new LocalExecutor());
    const r = await at(s.c, 'configure property ');
    expect(words(r)).toEqual(expect.arrayContaining(['no-quorum-policy=', 'stonith-enabled=', 'symmetric-cluster=', 'cluster-recheck-interval=']));
    expect(words(r)).not.toContain('dc-version=');
    expect(words(r).length).toBeGreaterThan(options.length - 5);
    const nqp = options.find((o) => o.name === 'no-quorum-policy')!;
    expect(words(await at(s.c, 'configure property no-quorum-policy='))).toEqual(nqp.values!.map((v) => `no-quorum-policy=${v}`));
    expect(words(await at(s.c, 'configure property stonith-enabled=false maintenance-mode='))).toEqual(['maintenance-mode=false', 'maintenance-mode=true']);
    expect(words(await at(s.c, 'configure property stonith-enabled=false stonith-en'))).toEqual([]);
  });

  it('scores, roles and actions after a colon', async () => {
    expect(words(await at(s.c, 'configure location l web-stack '))).toEqual(expect.arrayContaining(['inf:', '-inf:', 'rule']));
    expect(words(await at(s.c, 'configure order o '))).toEqual(expect.arrayContaining(['Mandatory:', 'Optional:', 'Serialize:']));
    expect(words(await at(s.c, 'configure colocation c inf: web-stack db-clone:'))).toEqual(['db-clone:Started', 'db-clone:Stopped', 'db-clone:Promoted', 'db-clone:Unpromoted']);
    expect(words(await at(s.c, 'configure order o Mandatory: db-clone:pro'))).toEqual(['db-clone:promote']);
    expect(words(await at(s.c, 'configure colocation c inf: web-stack db-c'))).toEqual(['db-clone']);
  });

  it('group members are primitives not yet named on the line', async () => {
    const r = words(await at(s.c, 'configure group g flaky '));
    expect(r).toEqual(expect.arrayContaining(['report-job', 'legacy-web', 'meta']));
    expect(r).not.toContain('flaky');
    expect(r).not.toContain('db-clone');
    expect(r).not.toContain('web-stack');
  });

  it('sandbox names from the sandbox directory', async () => {
    const t = setup();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(t.shadowDir, { recursive: true });
    for (const n of ['alpha', 'beta']) writeFileSync(join(t.shadowDir, `shadow.${n}`), '<cib/>');
    writeFileSync(join(t.shadowDir, 'unrelated'), '');
    const use = words(await at(t.c, 'cib use '));
    expect(use).toEqual(expect.arrayContaining(['alpha', 'beta']));
    expect(use).not.toContain('unrelated');
    expect(words(await at(t.c, 'cib delete b'))).toEqual(['beta']);
  });

  it('RA classes and providers as arguments', async () => {
    expect(words(await at(s.c, 'ra list '))).toEqual(expect.arrayContaining(['ocf', 'lsb', 'stonith']));
    expect(words(await at(s.c, 'ra list ocf '))).toEqual(expect.arrayContaining(['heartbeat', 'pacemaker']));
  });

  it('a name and its value after a resource: `resource meta <rsc> set <name> <value>`', async () => {
    expect(words(await at(s.c, 'resource meta web-stack set target-r'))).toEqual(['target-role']);
    expect(words(await at(s.c, 'resource meta web-stack set target-role S'))).toEqual(['Started', 'Stopped']);
    expect(words(await at(s.c, 'resource param vip set ci'))).toEqual(['cidr_netmask']);
  });

  it('help topics, and cd to a level', async () => {
    expect(words(await at(s.c, 'help res'))).toEqual(['resource']);
    expect(words(await at(s.c, 'help resource st'))).toEqual(expect.arrayContaining(['start', 'stop', 'status']));
    expect(words(await at(s.c, 'cd con'))).toEqual(['configure']);
  });

  it('only the text before the cursor matters (mid-line)', async () => {
    const line = 'resource stop w and more words';
    const r = await s.c.complete(line, 'resource stop w'.length);
    expect(words(r).sort()).toEqual(['web-data', 'web-server', 'web-stack']);
    expect(r.replaceFrom).toBe('resource stop '.length);
    const line2 = 'configure primitive p ocf:heartbeat:IPaddr2 params ip=1 ci op monitor interval=10s';
    expect(words(await s.c.complete(line2, line2.indexOf(' ci ') + 3))).toEqual(['cidr_netmask=']);
  });

  it('inside quotes: the quote is kept and closed', async () => {
    expect(words(await at(s.c, 'configure primitive p ocf:pacemaker:Dummy params fake="du'))).toEqual(['fake="dummy"']);
    expect(words(await at(s.c, "configure primitive p ocf:pacemaker:Dummy params fake='du"))).toEqual(["fake='dummy'"]);
    // earlier quoted words do not disturb the analysis
    expect(words(await at(s.c, 'configure primitive p ocf:heartbeat:IPaddr2 params ip=1 description="a b c" ci'))).toEqual(['cidr_netmask=']);
    // a comment: nothing
    expect(words(await at(s.c, 'resource stop # w'))).toEqual([]);
  });

  it('scanLine splits as the shell does and keeps the open quote', () => {
    const r = scanLine('a "b c" d="e f');
    expect(r.words.map((w) => w.text)).toEqual(['a', 'b c']);
    expect(r.current).toEqual({ start: 8, raw: 'd="e f', text: 'd=e f', quote: '"' });
  });

  it('a single finished word gets its space in the REPL; an unfinished one does not', async () => {
    expect(forReadline(await at(s.c, 'resource sto'), 'resource sto')).toEqual([['stop '], 'sto']);
    expect(forReadline(await at(s.c, 'configure primitive p IPaddr2 ci'), 'configure primitive p IPaddr2 ci')).toEqual([['cidr_netmask='], 'ci']);
  });

  it('file names for a file argument', async () => {
    const t = setup();
    writeFileSync(join(t.dir, 'setup.crm'), '');
    const r = await at(t.c, `configure load update ${t.dir}/se`);
    expect(r.files).toBe(true);
    expect(words(r)).toEqual([`${t.dir}/setup.crm`]);
  });

  it('pending changes of the configure session are offered before they are committed', async () => {
    const t = setup();
    t.shell.path = ['configure'];
    await t.shell.runLine('primitive fresh ocf:pacemaker:Dummy', { file: '<input>', line: 1 });
    expect(t.shell.hasPendingChanges()).toBe(true);
    expect(words(await at(t.c, 'group g fr'))).toEqual(['fresh']);
    expect(words(await at(t.c, 'colocation c inf: fr'))).toEqual(['fresh']);
  });

  it('a changed CIB file is read again; an unchanged one is not', async () => {
    const t = setup();
    expect(words(await at(t.c, 'resource stop vi'))).toEqual(['vip']);
    const { readFileSync } = await import('node:fs');
    writeFileSync(t.cib, readFileSync(t.cib, 'utf8').replace(/"vip"/g, '"vip2"').replace(/"vip-/g, '"vip2-'));
    expect(words(await at(t.c, 'resource stop vi'))).toEqual(['vip2']);
  });

  it('a warm TAB runs no process; a new session gets the agent lists and options from the disk cache', async () => {
    const t = setup();
    const lines = ['configure primitive p ocf:heartbeat:IP', 'configure primitive p ocf:', 'configure primitive p ', 'configure property no-', 'configure primitive p ocf:heartbeat:IPaddr2 params ', 'resource stop ', 'configure show '];
    for (const l of lines) await at(t.c, l);
    expect(t.ex.calls.length).toBeGreaterThan(0);
    t.ex.calls = [];
    for (const l of lines) await at(t.c, l);
    expect(t.ex.calls).toEqual([]);
    // a new process (new Completer, same cache directory)
    const u = setup({ cache: t.cache });
    for (const l of lines) await at(u.c, l);
    expect(u.ex.calls).toEqual([]);
  });

  it('a new session takes the ids of an unchanged CIB file from the disk cache, and reads a changed one', async () => {
    const t = setup();
    expect(words(await at(t.c, 'resource stop vi'))).toEqual(['vip']);
    const { readFileSync, utimesSync } = await import('node:fs');
    const cacheFile = join(t.cache, 'hash', 'completion.json');
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    expect(Object.keys(cached.cibs)).toEqual([t.cib]);
    // what a new process finds there is what it offers: it does not read the file
    writeFileSync(cacheFile, JSON.stringify(cached).replace(/"vip"/g, '"vip-from-cache"'));
    const u = setup({ cache: t.cache });
    u.ctx.target = t.ctx.target;
    expect(words(await at(u.c, 'resource stop vi'))).toEqual(['vip-from-cache']);
    // the file changes (a new mtime): read again
    const later = new Date(Date.now() + 5000);
    utimesSync(t.cib, later, later);
    const v = setup({ cache: t.cache });
    v.ctx.target = t.ctx.target;
    expect(words(await at(v.c, 'resource stop vi'))).toEqual(['vip']);
  });

  it('a CIB read through cibadmin (live, remote) is read once, then re-checked in the background by its version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hash-complete-live-'));
    const file = join(dir, 'cib.xml');
    copyFileSync(DEMO, file);
    // a "remote" node whose live CIB is this file: the real cibadmin reads it
    const ex = new CountingExecutor({ ...process.env }, 'ssh://test', { CIB_file: file });
    const t = setup({ target: { kind: 'live' }, ex, recheckMs: 200 });
    expect(words(await at(t.c, 'resource stop vi'))).toEqual(['vip']);
    expect(ex.calls.filter((a) => a[0] === 'cibadmin')).toEqual([['cibadmin', '--query']]);
    ex.calls = [];
    expect(words(await at(t.c, 'resource stop vi'))).toEqual(['vip']);
    expect(ex.calls).toEqual([]);
    // the CIB changes (epoch bumped); the next TAB after recheckMs still answers at once, and starts the check
    const { readFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"vip"/g, '"vip2"').replace(/"vip-/g, '"vip2-').replace(/epoch="(\d+)"/, (_, n: string) => `epoch="${Number(n) + 1}"`));
    clock += 201;
    expect(words(await at(t.c, 'resource stop vi'))).toEqual(['vip']);
    await t.c.data.settled();
    expect(ex.calls.map((a) => a.join(' '))).toEqual(['cibadmin --query --xpath /cib --no-children', 'cibadmin --query']);
    expect(words(await at(t.c, 'resource stop vi'))).toEqual(['vip2']);
    // an unchanged version costs only the small query
    ex.calls = [];
    clock += 201;
    await at(t.c, 'resource stop vi');
    await t.c.data.settled();
    expect(ex.calls.map((a) => a.join(' '))).toEqual(['cibadmin --query --xpath /cib --no-children']);
    // after a commit (invalidate) the next TAB waits for the new CIB
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"vip2"/g, '"vip3"').replace(/"vip2-/g, '"vip3-'));
    t.c.invalidate();
    expect(words(await at(t.c, 'resource stop vi'))).toEqual(['vip3']);
  });

  describe('hash __complete', () => {
    async function run(t: Setup, words: string[]): Promise<string[]> {
      const out: string[] = [];
      const ctx = { ...t.ctx, io: { ...t.ctx.io, out: (x: string) => void out.push(x) } };
      expect(await runCompleteCommand(ctx, words)).toBe(0);
      return out.join('').split('\n').slice(0, -1);
    }

    it('prints word<TAB>description lines, then the directive', async () => {
      const t = setup();
      const lines = await run(t, ['resource', 'stop', 'web-s']);
      expect(lines).toEqual(['web-stack\tgroup', 'web-server\tprimitive ocf:pacemaker:Dummy in web-stack', ':4']);
    });

    it('directive 2 (no space) when every candidate is unfinished; 0 (files) for a file argument', async () => {
      const t = setup();
      expect((await run(t, ['configure', 'primitive', 'p', 'IPaddr2', 'params', 'ci'])).at(-1)).toBe(':6');
      expect(await run(t, ['configure', 'load', 'update', ''])).toEqual([':0']);
      expect(await run(t, ['-f', ''])).toEqual([':0']);
    });

    it('global options before the command words, and their values', async () => {
      const t = setup();
      const { mkdirSync } = await import('node:fs');
      mkdirSync(t.shadowDir, { recursive: true });
      writeFileSync(join(t.shadowDir, 'shadow.sb1'), '<cib/>');
      expect(await run(t, ['--dry'])).toEqual(['--dry-run\tshow what would be sent to the cluster', ':4']);
      expect(await run(t, ['-R', '--force', 'conf'])).toEqual([`configure\t${levelByName('configure')!.summary}`, ':4']);
      expect(await run(t, ['--cib', ''])).toEqual(['sb1\tsandbox', ':4']);
    });

    it('--unquoted: the word at the cursor comes without quotes, candidates go back as plain words', async () => {
      const t = setup();
      expect(await run(t, ['configure', 'primitive', 'p', 'ocf:pacemaker:Dummy', 'params', 'fake="du'])).toEqual(['fake="dummy"\tdefault', ':4']);
      expect(await run(t, ['--unquoted', 'configure', 'primitive', 'p', 'ocf:pacemaker:Dummy', 'params', 'fake=du'])).toEqual(['fake=dummy\tdefault', ':4']);
      // fish gives earlier words unquoted: a word with a blank is still one word
      expect(await run(t, ['--unquoted', 'configure', 'primitive', 'p', 'ocf:heartbeat:IPaddr2', 'description=a b', 'ci'])).toEqual(['cidr_netmask=\tCIDR netmask', ':6']);
    });
  });
});
