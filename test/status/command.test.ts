/**
 * `hash status` as the CLI calls it (runStatus), on CIB files with the real
 * crm_mon: --once text, --output-as=json, off-TTY default, errors and exit
 * codes, colour rules; and the actions run for real on a CIB file, checked
 * through crm_mon afterwards.
 */
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CibTarget } from '../../src/cib/target.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { runAction } from '../../src/pacemaker/actions.js';
import { crmMon, leftoverConstraints } from '../../src/pacemaker/crm-mon.js';
import type { ShellContext } from '../../src/shell/context.js';
import { parseInterval, parseStatusArgs, runStatus } from '../../src/shell/status-command.js';
import { formatStatusText } from '../../src/status/text.js';
import { colorEnabled } from '../../src/status/theme.js';
import { fixture } from './fixtures.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'pacemaker-2.1.5-scheduler', 'xml');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hash-status-cmd-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function cibCopy(name: string): Promise<string> {
  const p = join(dir, `${name}-${Math.random().toString(36).slice(2)}.xml`);
  await copyFile(join(CORPUS, `${name}.xml`), p);
  return p;
}

function ctxFor(target: CibTarget, env: NodeJS.ProcessEnv = {}): { ctx: ShellContext; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const e = { ...process.env, ...env };
  return {
    ctx: {
      executor: new LocalExecutor(e),
      target,
      io: { out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false },
      options: { force: false, dryRun: false, strictParams: false },
      env: e,
    },
    out: () => out,
    err: () => err,
  };
}

describe('hash status off a terminal', () => {
  it('prints the status once, like crm_mon -1, without colour', async () => {
    const file = await cibCopy('bug-cl-5212');
    for (const args of [[], ['--once'], ['-1']]) {
      const c = ctxFor({ kind: 'file', path: file });
      expect(await runStatus(c.ctx, args)).toBe(0);
      const text = c.out();
      expect(text).toMatch(/^Cluster Summary:\n/);
      expect(text).toContain(`file ${file}`);
      expect(text).toContain('  * DC: srv03 (1.1.11-f0f09b8) - partition WITHOUT quorum');
      expect(text).toContain('\nNode List:\n  * srv01: UNCLEAN (offline)\n');
      // as crm_mon -1: instances on unclean nodes on their own lines, marked; the rest summarised
      expect(text).toContain(
        '  * Clone Set (promotable): msPostgresql [pgsql] (ocf:pacemaker:Stateful)\n' +
          '    * pgsql (ocf:pacemaker:Stateful): Unpromoted srv02 (UNCLEAN)\n' +
          '    * pgsql (ocf:pacemaker:Stateful): Promoted srv01 (UNCLEAN)\n' +
          '    * Unpromoted: [ srv03 ]\n',
      );
      expect(text).not.toMatch(/\x1b\[/);
      expect(c.err()).toBe('');
    }
  });

  it('-A adds node attributes, -L every negative location constraint', async () => {
    const file = await cibCopy('bug-cl-5212');
    const c = ctxFor({ kind: 'file', path: file });
    expect(await runStatus(c.ctx, ['--once', '-A', '-L'])).toBe(0);
    expect(c.out()).toContain('Node Attributes:\n  * Node: srv03\n    * default_ping_set: 100 (expected 100)\n');
    expect(c.out()).toContain('Negative Location Constraints:\n  * rsc_location-grpStonith3-rule prevents grpStonith3 from running on srv03');
  });

  it('--output-as=json prints the documented model', async () => {
    const file = await cibCopy('bundle-order-partial');
    for (const args of [['--output-as=json'], ['--output-as', 'json']]) {
      const c = ctxFor({ kind: 'file', path: file });
      expect(await runStatus(c.ctx, args)).toBe(0);
      const m = JSON.parse(c.out());
      expect(m.version).toBe(1);
      expect(Object.keys(m)).toEqual(['version', 'summary', 'nodes', 'resources', 'failures', 'history', 'fencing', 'tickets', 'bans', 'leftovers']);
      expect(m.nodes.map((n: { name: string; state: string; kind: string }) => `${n.name}:${n.state}:${n.kind}`)).toContain('undercloud:online:member');
      const bundle = m.resources.find((r: { id: string }) => r.id === 'galera-bundle');
      expect(bundle.type).toBe('bundle');
      expect(bundle.replicas[0].resource).toMatchObject({ id: 'galera', role: 'Promoted', agent: 'ocf:heartbeat:galera' });
      expect(m.failures[0]).toMatchObject({ resource: 'openstack-cinder-volume-docker-0', exitCode: 7 });
    }
  });

  it('the JSON model in docs/status.md names every field the model has', async () => {
    const doc = await readFile(join(import.meta.dirname, '..', '..', 'docs', 'status.md'), 'utf8');
    const s = fixture('bundle-order-partial');
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) (keys.add(k), walk(x));
    };
    for (const name of ['bundle-order-partial', 'bug-cl-5212', 'node-states', '696', 'shutdown-lock', 'template-ticket', 'migrate-partial-4']) walk(fixture(name));
    walk(s);
    walk({ leftovers: [{ id: 'cli-ban-x-on-n1', kind: 'ban', resource: 'x', node: 'n1', role: 'Promoted', until: '2026-01-01 00:00:00Z' }] });
    const missing = [...keys].filter((k) => !doc.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });

  it('bad options: exit 2 with a hint; --help', async () => {
    const c = ctxFor({ kind: 'live' });
    expect(await runStatus(c.ctx, ['--bogus'])).toBe(2);
    expect(c.err()).toContain('unknown option --bogus');
    expect(await runStatus(c.ctx, ['--output-as=yaml'])).toBe(2);
    expect(await runStatus(c.ctx, ['--interval=0'])).toBe(2);
    const h = ctxFor({ kind: 'live' });
    expect(await runStatus(h.ctx, ['--help'])).toBe(0);
    expect(h.out()).toContain('Usage: hash status');
  });

  it('an unreadable CIB: exit 5 and a message, no stack trace', async () => {
    const c = ctxFor({ kind: 'file', path: join(dir, 'missing.xml') });
    expect(await runStatus(c.ctx, ['--once'])).toBe(5);
    expect(c.err()).toMatch(/^hash: cannot read the cluster status \(file .*missing\.xml\): crm_mon/);
    expect(c.err()).not.toMatch(/\n\s+at /);
  });

  it('intervals', () => {
    expect([parseInterval('2'), parseInterval('500ms'), parseInterval('1.5s'), parseInterval('1m'), parseInterval('0'), parseInterval('x')]).toEqual([2000, 500, 1500, 60000, undefined, undefined]);
    const p = parseStatusArgs(['-i', '5s']);
    expect(p.ok && p.options.intervalMs).toBe(5000);
  });
});

describe('a sandbox (CIB_shadow)', () => {
  it('shows crm_simulate’s prediction and the planned actions; --current shows it as it is', async () => {
    const shadowDir = await mkdtemp(join(dir, 'shadow-'));
    await copyFile(join(CORPUS, 'cloned-group-stop.xml'), join(shadowDir, 'shadow.t1'));
    const target: CibTarget = { kind: 'shadow', name: 't1', dir: shadowDir };
    const before = await readFile(join(shadowDir, 'shadow.t1'), 'utf8');
    const c = ctxFor(target);
    expect(await runStatus(c.ctx, ['--once'])).toBe(0);
    expect(c.out()).toContain(`sandbox t1 (in ${shadowDir}) · predicted by crm_simulate`);
    expect(c.out()).toContain('Planned actions (crm_simulate):\n  * stop qpidd:0 on rhos4-node4 due to node availability');
    // qpidd-clone is disabled: now it runs, in the prediction it is stopped everywhere
    expect(c.out()).toContain('Clone Set: qpidd-clone [qpidd] (lsb:qpidd) (disabled)\n    * Stopped (disabled): [ rhos4-node3 rhos4-node4 ]\n');
    const now = ctxFor(target);
    expect(await runStatus(now.ctx, ['--once', '--current'])).toBe(0);
    expect(now.out()).not.toContain('Planned actions');
    expect(now.out()).toMatch(/Clone Set: qpidd-clone \[qpidd\] \(lsb:qpidd\) \(disabled\)\n    \* Started: \[ /);
    const j = ctxFor(target);
    expect(await runStatus(j.ctx, ['--output-as=json'])).toBe(0);
    const m = JSON.parse(j.out());
    expect(m.predicted.actions[0]).toEqual({ action: 'stop', resource: 'qpidd:0', node: 'rhos4-node4', reason: 'node availability', blocked: false });
    // looking never changes the sandbox (crm_simulate --live-check --simulate would write into it)
    expect(await readFile(join(shadowDir, 'shadow.t1'), 'utf8')).toBe(before);
  });
});

describe('colour', () => {
  it('follows NO_COLOR, TERM=dumb, FORCE_COLOR and the terminal', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ TERM: 'dumb' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
  });

  it('is semantic: failures red, stopped dim, promoted cyan; the words stay without it', () => {
    const s = fixture('bundle-order-partial');
    const colored = formatStatusText(s, { color: true });
    expect(colored).toContain('\x1b[1;31mnot running (7)\x1b[22;39m');
    expect(colored).toContain('\x1b[1;36mPromoted\x1b[22;39m');
    const plain = formatStatusText(s, { color: false });
    expect(plain.replace(/\x1b\[[0-9;]*m/g, '')).toBe(colored.replace(/\x1b\[[0-9;]*m/g, ''));
    expect(formatStatusText(fixture('bug-1685'), { color: true })).toMatch(/\x1b\[2mStopped\x1b\[22m/);
  });
});

describe('the status module graph', () => {
  it('only src/status imports ink or react, and status-command loads them dynamically', async () => {
    const src = join(import.meta.dirname, '..', '..', 'src');
    const offenders: string[] = [];
    const walk = async (d: string): Promise<void> => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) await walk(p);
        else if (/\.tsx?$/.test(e.name) && !p.includes(`${join('src', 'status')}`)) {
          const text = await readFile(p, 'utf8');
          if (/^import[^;]*from ['"](ink|react)['"]/m.test(text) || /^import[^;]*from ['"][./]*status\//m.test(text)) offenders.push(p);
        }
      }
    };
    await walk(src);
    expect(offenders).toEqual([]);
    const cmd = await readFile(join(src, 'shell', 'status-command.ts'), 'utf8');
    expect(cmd).toContain("await import('../status/app.js')");
  });
});

describe('actions, run for real on a CIB file', () => {
  it('standby, online, maintenance, stop, start, ban and clear change what crm_mon reports', async () => {
    const file = await cibCopy('bug-cl-5212');
    const ex = new LocalExecutor();
    const t: CibTarget = { kind: 'file', path: file };
    const status = async () => {
      const r = await crmMon(ex, t);
      if (!r.ok) throw new Error(r.error);
      return r.status;
    };
    const node = async (n: string) => (await status()).nodes.find((x) => x.name === n)!;

    const sb = await runAction(ex, t, { kind: 'node-standby', node: 'srv03' });
    expect(sb).toMatchObject({ ok: true, code: 0, argv: ['crm_attribute', '--type', 'nodes', '--node', 'srv03', '--name', 'standby', '--update', 'on', '--lifetime', 'forever'] });
    expect(sb.message).toBe('done: put node srv03 in standby');
    expect((await node('srv03')).standby).toBe(true);
    expect((await runAction(ex, t, { kind: 'node-online', node: 'srv03' })).ok).toBe(true);
    expect((await node('srv03')).state).toBe('online');

    expect((await runAction(ex, t, { kind: 'node-maintenance', node: 'srv03', on: true })).ok).toBe(true);
    expect((await node('srv03')).state).toBe('maintenance');

    expect((await runAction(ex, t, { kind: 'resource-stop', resource: 'grpStonith1' })).ok).toBe(true);
    const g = (await status()).resources.find((r) => r.id === 'grpStonith1')!;
    expect(g.disabled).toBe(true);
    expect((await runAction(ex, t, { kind: 'resource-start', resource: 'grpStonith1' })).ok).toBe(true);
    expect((await status()).resources.find((r) => r.id === 'grpStonith1')!.disabled).toBe(false);

    expect((await runAction(ex, t, { kind: 'resource-ban', resource: 'grpStonith1', node: 'srv03' })).ok).toBe(true);
    expect((await status()).bans.filter((b) => b.leftover).map((b) => `${b.resource}@${b.node}`)).toEqual(['grpStonith1@srv03']);
    expect((await runAction(ex, t, { kind: 'resource-clear', resource: 'grpStonith1' })).ok).toBe(true);
    expect((await status()).bans.filter((b) => b.leftover)).toEqual([]);
  });

  it('ban and move left behind, also with a lifetime, warn in the header of --once and are in the JSON model', async () => {
    const file = await cibCopy('bug-cl-5212');
    const ex = new LocalExecutor();
    const t: CibTarget = { kind: 'file', path: file };
    const none = ctxFor(t);
    expect(await runStatus(none.ctx, ['--once'])).toBe(0);
    expect(none.out()).not.toContain('left by ban/move');
    expect((await runAction(ex, t, { kind: 'resource-move', resource: 'grpStonith1', node: 'srv03' })).ok).toBe(true);
    expect((await runAction(ex, t, { kind: 'resource-ban', resource: 'grpStonith2', node: 'srv03' })).ok).toBe(true);
    // a move with a lifetime puts the node in a rule (the real crm_resource, on the copy)
    const life = await ex.exec(['crm_resource', '--move', '--resource', 'grpStonith3', '--node', 'srv03', '--lifetime', 'PT1H'], { env: { CIB_file: file, CIB_shadow: undefined } });
    expect(life.code, life.stderr).toBe(0);
    const c = ctxFor(t);
    expect(await runStatus(c.ctx, ['--once'])).toBe(0);
    const header = c.out().split('\n\n')[0]!;
    expect(header).toContain('  * 3 constraints left by ban/move pin resources: grpStonith1 on srv03, grpStonith2 not on srv03, grpStonith3 on srv03');
    expect(c.out()).toMatch(/\n {2}\* cli-prefer-grpStonith3 pins grpStonith3 to srv03 until \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ ← left by move/);
    const j = ctxFor(t);
    expect(await runStatus(j.ctx, ['--output-as=json'])).toBe(0);
    const model = JSON.parse(j.out()) as { leftovers: Array<{ id: string; kind: string; resource: string; node: string }> };
    expect(model.leftovers.map((l) => `${l.kind} ${l.resource} ${l.node} ${l.id}`)).toEqual([
      'move grpStonith1 srv03 cli-prefer-grpStonith1',
      'ban grpStonith2 srv03 cli-ban-grpStonith2-on-srv03',
      'move grpStonith3 srv03 cli-prefer-grpStonith3',
    ]);
    // read through cibadmin (as on a live cluster or another node) it is the same list as read from the file
    const viaCibadmin = await leftoverConstraints({ target: 'elsewhere', exec: (argv, o) => ex.exec(argv, o) }, t);
    expect(viaCibadmin).toEqual(model.leftovers);
    // cleared: no warning
    for (const r of ['grpStonith1', 'grpStonith2', 'grpStonith3']) expect((await runAction(ex, t, { kind: 'resource-clear', resource: r })).ok).toBe(true);
    const after = ctxFor(t);
    expect(await runStatus(after.ctx, ['--once'])).toBe(0);
    expect(after.out()).not.toContain('left by ban/move');
  });

  it('a failing action reports the tool’s own message', async () => {
    const file = await cibCopy('bug-cl-5212');
    const r = await runAction(new LocalExecutor(), { kind: 'file', path: file }, { kind: 'resource-stop', resource: 'no-such-resource' });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^crm_resource failed \(exit \d+\): Error performing operation: No such object$/);
  });
});
