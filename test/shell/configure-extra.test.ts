/**
 * The configure commands beyond show/load/commit, end to end on real CIB
 * files with the real Pacemaker tools: delete (refusing running resources,
 * cleaning references), modgroup, set, refresh, simulate, schema, upgrade,
 * commit force (a real concurrent writer), and edit with a real editor
 * process on a real terminal (util-linux `script` gives hash a pty).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalExecutor } from '../../src/exec/local.js';
import { Shell } from '../../src/shell/engine.js';
import type { ShellContext } from '../../src/shell/context.js';
import { UserError } from '../../src/shell/errors.js';
import { emptyCibFile, HASH, read, runHash, type HashRun } from '../cli/run-hash.js';

type Cib = ReturnType<typeof emptyCibFile>;

/** A CIB file holding `text`, loaded by hash itself. */
function cibWith(text: string): Cib {
  const cib = emptyCibFile();
  const file = join(cib.dir, 'setup.crm');
  writeFileSync(file, text);
  const r = runHash(['configure', 'load', 'update', file], { env: cib.env });
  expect(r.stderr).not.toMatch(/error/);
  expect(r.code).toBe(0);
  return cib;
}

/** A CIB file whose status says node1 is up and runs what `text` configures (the real scheduler decided). */
function runningCib(text: string): Cib {
  const cib = cibWith(`node node1\nproperty stonith-enabled=false no-quorum-policy=ignore\n${text}`);
  const out = join(cib.dir, 'running.xml');
  const r = spawnSync('crm_simulate', ['--xml-file', cib.path, '--node-up', 'node1', '--simulate', '--save-output', out], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  renameSync(out, cib.path);
  const mon = spawnSync('crm_mon', ['--output-as=xml'], { encoding: 'utf8', env: { ...process.env, CIB_file: cib.path } });
  expect(mon.stdout).toMatch(/<resource id="[^"]+"[^>]*role="Started"[^>]*active="true"/);
  return cib;
}

/** hash on a terminal: `script` runs it on a pty (stdin, stdout and stderr), input is typed into it. */
function runHashOnTerminal(args: string[], opts: { env: Record<string, string | undefined>; input?: string }): HashRun {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(tmpdir(), 'hash-test-cache'), XDG_STATE_HOME: join(tmpdir(), 'hash-test-cache'), ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync('script', ['-qec', [process.execPath, HASH, ...args].map(quote).join(' '), '/dev/null'], {
    env: env as NodeJS.ProcessEnv,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  // a terminal has one stream, with CRLF line ends
  return { code: r.status ?? -1, stdout: r.stdout.replace(/\r\n/g, '\n'), stderr: '' };
}

/** An "editor": a shell script that records each file it is given and changes it with sed. */
function sedEditor(dir: string, ...rounds: string[][]): string {
  const path = join(dir, 'editor.sh');
  const lines = ['#!/bin/sh', `n=$(ls ${dir}/seen.* 2>/dev/null | wc -l)`, `cp "$1" ${dir}/seen.$n`, 'case $n in'];
  rounds.forEach((exprs, i) => lines.push(exprs.length ? `  ${i}) sed -i ${exprs.map((e) => `-e '${e}'`).join(' ')} "$1" ;;` : `  ${i}) : ;;`));
  lines.push('esac', '');
  writeFileSync(path, lines.join('\n'));
  chmodSync(path, 0o755);
  return path;
}

const seen = (dir: string, n: number): string => readFileSync(join(dir, `seen.${n}`), 'utf8');

const WEB = `primitive ip ocf:heartbeat:IPaddr2 params ip=10.9.9.9 op monitor interval=10s
primitive web ocf:pacemaker:Dummy op monitor interval=10s
primitive db ocf:pacemaker:Dummy
group g ip web
colocation col inf: ( db ip ) web
order ord Mandatory: db web
location loc g 100: node1
`;

describe('delete', () => {
  it('refuses a running resource with an error naming --force, and deletes it with --force', () => {
    const cib = runningCib('primitive web ocf:pacemaker:Dummy\nprimitive other ocf:pacemaker:Dummy\n');
    const before = read(cib.path);
    const r = runHash(['configure', 'delete', 'web'], { env: cib.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/<command line>:1:18: error: web is running on node1: deleting it would stop it/);
    expect(r.stderr).toMatch(/hint: .*delete --force web/);
    expect(read(cib.path)).toBe(before);
    const forced = runHash(['configure', 'delete', '--force', 'web'], { env: cib.env });
    expect(forced.code).toBe(0);
    expect(read(cib.path)).not.toContain('<primitive id="web"');
    // crmsh's other spelling, in a script
    const other = runHash(['-f', '-'], { env: cib.env, stdin: 'configure delete force other\n' });
    expect(other.code).toBe(0);
    expect(read(cib.path)).not.toContain('<primitive id="other"');
  });

  it('lets a resource that does not run go without --force', () => {
    const cib = runningCib('primitive web ocf:pacemaker:Dummy\nprimitive off ocf:pacemaker:Dummy meta target-role=Stopped\n');
    expect(runHash(['configure', 'delete', 'off'], { env: cib.env }).code).toBe(0);
    expect(read(cib.path)).not.toContain('<primitive id="off"');
  });

  it('takes a resource out of sets, drops what is left hanging, and says so', () => {
    const cib = cibWith(WEB);
    const r = runHash(['configure', 'delete', 'db'], { env: cib.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('also deleted, as they only referred to what was deleted: ord');
    expect(r.stderr).toContain('no longer listed in: col');
    const xml = read(cib.path);
    expect(xml).not.toContain('id="ord"');
    expect(xml).toMatch(/<resource_set [^>]*id="col-0">\s*<resource_ref id="ip"\/>\s*<\/resource_set>/);
  });

  it('a deleted group keeps its members, and its constraints follow the first member (crmsh)', () => {
    const cib = cibWith(WEB);
    const r = runHash(['configure', 'delete', 'g'], { env: cib.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('kept at the top level, as their container was deleted: ip, web');
    expect(r.stderr).toContain('loc now refers to ip (was g)');
    const show = runHash(['configure', 'show'], { env: cib.env }).stdout;
    expect(show).not.toMatch(/^group /m);
    expect(show).toMatch(/^location loc ip 100: node1$/m);
  });

  it('names ids that do not exist, and deletes nothing', () => {
    const cib = cibWith(WEB);
    const before = read(cib.path);
    const r = runHash(['configure', 'delete', 'db', 'wbe'], { env: cib.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/:1:21: error: no object with id 'wbe'[^]*did you mean 'web'/);
    expect(read(cib.path)).toBe(before);
  });
});

describe('modgroup and set', () => {
  it('modgroup adds before, after and at the end, and removes', () => {
    const cib = cibWith(WEB);
    const group = (): string => /^group g .*$/m.exec(runHash(['configure', 'show', 'g'], { env: cib.env }).stdout)?.[0] ?? '';
    expect(runHash(['configure', 'modgroup', 'g', 'add', 'db', 'before', 'web'], { env: cib.env }).code).toBe(0);
    expect(group()).toBe('group g ip db web');
    expect(runHash(['configure', 'modgroup', 'g', 'remove', 'db'], { env: cib.env }).code).toBe(0);
    expect(group()).toBe('group g ip web');
    expect(runHash(['configure', 'modgroup', 'g', 'add', 'db', 'after', 'ip'], { env: cib.env }).code).toBe(0);
    expect(group()).toBe('group g ip db web');
    const bad = runHash(['configure', 'modgroup', 'g', 'add', 'ip'], { env: cib.env });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/:1:26: error: ip is already a member of g/);
    const usage = runHash(['configure', 'modgroup', 'g', 'move', 'ip'], { env: cib.env });
    expect(usage.code).toBe(3);
    expect(usage.stderr).toContain('usage: modgroup <group> add <rsc>');
  });

  it('set changes a parameter and an op attribute, and points at a bad path', () => {
    const cib = cibWith(WEB);
    expect(runHash(['configure', 'set', 'ip.ip', '10.1.1.1'], { env: cib.env }).code).toBe(0);
    expect(runHash(['configure', 'set', 'ip.monitor.timeout', '25s'], { env: cib.env }).code).toBe(0);
    expect(runHash(['configure', 'show', 'ip'], { env: cib.env }).stdout).toMatch(/params ip=10\.1\.1\.1 \\\n\top monitor interval=10s timeout=25s/);
    const bad = runHash(['configure', 'set', 'ip.netmask', '24'], { env: cib.env });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/<command line>:1:15: error: ip has no attribute 'netmask'/);
  });
});

describe('refresh, schema, commit force', () => {
  it('refresh drops what a script changed so far', () => {
    const cib = cibWith(WEB);
    const r = runHash(['-f', '-'], { env: cib.env, stdin: 'configure primitive gone ocf:pacemaker:Dummy\nconfigure refresh\nconfigure primitive kept ocf:pacemaker:Dummy\n' });
    expect(r.code).toBe(0);
    expect(read(cib.path)).toContain('id="kept"');
    expect(read(cib.path)).not.toContain('id="gone"');
  });

  it('schema shows validate-with, sets it, and refuses a name that is none', () => {
    const cib = cibWith(WEB);
    const now = /validate-with="([^"]+)"/.exec(read(cib.path))![1];
    expect(runHash(['configure', 'schema'], { env: cib.env }).stdout).toBe(`${now}\n`);
    expect(runHash(['configure', 'schema', 'pacemaker-3.7'], { env: cib.env }).code).toBe(0);
    expect(read(cib.path)).toContain('validate-with="pacemaker-3.7"');
    expect(runHash(['configure', 'schema'], { env: cib.env }).stdout).toBe('pacemaker-3.7\n');
    const bad = runHash(['configure', 'schema', '3.7'], { env: cib.env });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/:1:18: error: '3\.7' is not a schema name/);
  });

  it('upgrade asks (off a terminal: names --force), shows its cibadmin call under -R, and upgrades with force', () => {
    const cib = emptyCibFile();
    const latest = /validate-with="([^"]+)"/.exec(read(cib.path))![1];
    writeFileSync(cib.path, read(cib.path).replace(/validate-with="[^"]+"/, 'validate-with="pacemaker-2.0"'));
    const before = read(cib.path);
    const asked = runHash(['configure', 'upgrade'], { env: cib.env });
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(/--force/);
    const dry = runHash(['-R', 'configure', 'upgrade', 'force'], { env: cib.env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(`would run: CIB_file=${cib.path} cibadmin --upgrade --force\n`);
    expect(read(cib.path)).toBe(before);
    const r = runHash(['configure', 'upgrade', 'force'], { env: cib.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`upgraded the CIB from pacemaker-2.0 to ${latest}`);
    expect(read(cib.path)).toContain(`validate-with="${latest}"`);
  });

  it('a commit that meets a concurrent change of the same object is refused with both sides shown; commit force applies it', async () => {
    const cib = cibWith(WEB);
    const ctx: ShellContext = {
      executor: new LocalExecutor({ ...process.env, CIB_file: cib.path }),
      target: { kind: 'file', path: cib.path },
      io: { out: () => {}, err: (t) => errors.push(t), isTTY: false },
      options: { force: false, dryRun: false, strictParams: false },
      env: { ...process.env, CIB_file: cib.path },
    };
    const errors: string[] = [];
    const shell = new Shell(ctx, { interactive: true, path: ['configure'] });
    await shell.runLine('set ip.ip 10.2.2.2', { file: '<input>', line: 1 });
    // someone else changes the same parameter meanwhile
    const other = spawnSync('crm_resource', ['--resource', 'ip', '--set-parameter', 'ip', '--parameter-value', '10.3.3.3'], { env: { ...process.env, CIB_file: cib.path }, encoding: 'utf8' });
    expect(other.status, other.stderr).toBe(0);
    const refused = await shell.runLine('commit', { file: '<input>', line: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(UserError);
    const msg = (refused as UserError).message;
    // ip is a member of g: the conflict is about the top-level object
    expect(msg).toContain('touch an object this commit changes: g');
    // the report: base, ours, theirs
    expect(msg).toMatch(/ip=10\.9\.9\.9/);
    expect(msg).toMatch(/ip=10\.2\.2\.2/);
    expect(msg).toMatch(/ip=10\.3\.3\.3/);
    expect((refused as UserError).hint).toContain('commit force');
    expect(read(cib.path)).toContain('value="10.3.3.3"');
    await shell.runLine('commit force', { file: '<input>', line: 3 });
    expect(read(cib.path)).toContain('value="10.2.2.2"');
    expect(errors.join('')).toMatch(/committed to file/);
  });
});

describe('commit force in a script', () => {
  const session = (path: string, interactive: boolean): Shell =>
    new Shell(
      {
        executor: new LocalExecutor({ ...process.env, CIB_file: path }),
        target: { kind: 'file', path },
        io: { out: () => {}, err: () => {}, isTTY: false },
        options: { force: false, dryRun: false, strictParams: false },
        env: { ...process.env, CIB_file: path },
      },
      { interactive },
    );
  const concurrentChange = (path: string): void => {
    const r = spawnSync('crm_resource', ['--resource', 'ip', '--set-parameter', 'ip', '--parameter-value', '10.3.3.3'], { env: { ...process.env, CIB_file: path }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  };

  it('the commit at the end of the script is forced, and without it the script fails with the conflict', async () => {
    const plain = cibWith(WEB);
    const a = session(plain.path, false);
    await a.runLine('configure set ip.ip 10.2.2.2', { file: 'x.crm', line: 1 });
    concurrentChange(plain.path);
    await a.runLine('configure commit', { file: 'x.crm', line: 2 });
    await expect(a.finish()).rejects.toThrow(/touch an object this commit changes: g/);
    expect(read(plain.path)).toContain('value="10.3.3.3"');

    const forced = cibWith(WEB);
    const b = session(forced.path, false);
    await b.runLine('configure set ip.ip 10.2.2.2', { file: 'x.crm', line: 1 });
    concurrentChange(forced.path);
    // in a script, `commit force` waits for the end like `commit`, and makes that commit forced
    await b.runLine('configure commit force', { file: 'x.crm', line: 2 });
    expect(read(forced.path)).toContain('value="10.3.3.3"');
    await b.finish();
    expect(read(forced.path)).toContain('value="10.2.2.2"');
  });
});

describe('simulate', () => {
  it('lists what the pending changes would start and stop, and changes nothing', () => {
    const cib = runningCib('primitive web ocf:pacemaker:Dummy\nprimitive db ocf:pacemaker:Dummy\n');
    const before = read(cib.path);
    const r = runHash(['-f', '-'], {
      env: cib.env,
      stdin: ['configure primitive new ocf:pacemaker:Dummy', 'configure delete --force db', 'configure location no-web web -inf: node1', 'configure simulate', 'configure refresh', ''].join('\n'),
    });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').sort()).toEqual(['', 'start    new on node1', 'stop     db on node1 (due to node availability)', 'stop     web on node1 (due to node availability)'].sort());
    expect(read(cib.path)).toBe(before);
  });

  it('without pending changes says so; actions and scores add the transition and the scores', () => {
    const cib = runningCib('primitive web ocf:pacemaker:Dummy\n');
    const r = runHash(['configure', 'ptest', 'nograph', 'actions', 'scores'], { env: cib.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no pending changes: this is what the cluster would do now');
    expect(r.stdout).toContain('nothing would change: every resource stays as it is\n\nactions of the transition, in order:\n');
    expect(r.stdout).toMatch(/allocation scores \(final pass\):\n {2}web: node1=\S+/);
    const bad = runHash(['configure', 'simulate', 'graph'], { env: cib.env });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/'graph' is not an option of simulate/);
  });
});

describe('edit', () => {
  // the preferences of these runs are their own (an `editor` option set by the user would win over EDITOR)
  const env = (cib: Cib, editor: string): Record<string, string | undefined> => ({ ...cib.env, EDITOR: editor, VISUAL: undefined, XDG_CONFIG_HOME: join(cib.dir, 'config') });

  it('applies what the editor changed and deletes what it removed', () => {
    const cib = cibWith(WEB);
    const ed = sedEditor(cib.dir, ['s/ip=10.9.9.9/ip=10.8.8.8/', '/^primitive db /d']);
    const r = runHashOnTerminal(['configure', 'edit'], { env: env(cib, ed) });
    expect(r.stdout).toContain('changed g, ip, col; deleted db, ord');
    expect(r.code).toBe(0);
    // the editor was given the whole configuration as configure text
    expect(seen(cib.dir, 0)).toMatch(/^primitive db ocf:pacemaker:Dummy$/m);
    expect(seen(cib.dir, 0)).toMatch(/^group g ip web$/m);
    const xml = read(cib.path);
    expect(xml).toContain('value="10.8.8.8"');
    expect(xml).not.toContain('<primitive id="db"');
    expect(xml).not.toContain('id="ord"');
  });

  it('edits only the objects named, and an unchanged file changes nothing', () => {
    const cib = cibWith(WEB);
    const before = read(cib.path);
    const none = runHashOnTerminal(['configure', 'edit', 'web'], { env: env(cib, sedEditor(cib.dir, [])) });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('no changes');
    expect(seen(cib.dir, 0).trim()).toBe('primitive web ocf:pacemaker:Dummy \\\n\top monitor interval=10s');
    expect(read(cib.path)).toBe(before);
  });

  it('re-opens a text with errors, the errors on top as comments, and applies the fixed text', () => {
    const cib = cibWith(WEB);
    const ed = sedEditor(cib.dir, ['s/^primitive db /primitve db /', 's/ip=10.9.9.9/ip=10.7.7.7/'], ['s/^primitve/primitive/']);
    // --force answers "edit again?"
    const r = runHashOnTerminal(['--force', 'configure', 'edit'], { env: env(cib, ed) });
    expect(r.code).toBe(0);
    const second = seen(cib.dir, 1).split('\n');
    expect(second[0]).toMatch(/^# hash: the configuration below has errors/);
    const report = second.find((l) => l.includes("unknown statement 'primitve'"))!;
    // the line number in the report is the line of the file as opened
    const line = Number(/line (\d+):1: error/.exec(report)![1]);
    expect(second[line - 1]).toMatch(/^primitve db /);
    expect(read(cib.path)).toContain('value="10.7.7.7"');
    expect(read(cib.path)).toContain('<primitive id="db"');
  });

  it('discards the edit when the user says no, and keeps the text', () => {
    const cib = cibWith(WEB);
    const before = read(cib.path);
    const ed = sedEditor(cib.dir, ['s/^primitive db /primitve db /']);
    const r = runHashOnTerminal(['configure', 'edit'], { env: env(cib, ed), input: 'n\n' });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/Edit it again\? \(no discards the edit\) \[y\/N\]/);
    const kept = /edit discarded \(your text is kept in (\S+)\)/.exec(r.stdout)![1]!;
    expect(readFileSync(kept, 'utf8')).toMatch(/^primitve db /m);
    expect(r.stdout).toMatch(new RegExp(`${kept.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:1: error: unknown statement 'primitve'`));
    expect(read(cib.path)).toBe(before);
    rmSync(join(kept, '..'), { recursive: true, force: true });
  });

  it('runs the editor of the `editor` option before $EDITOR', () => {
    const cib = cibWith(WEB);
    const e = env(cib, 'false');
    const ed = sedEditor(cib.dir, ['s/ip=10.9.9.9/ip=10.6.6.6/']);
    expect(runHash(['options', 'set', 'editor', ed], { env: e }).code).toBe(0);
    const r = runHashOnTerminal(['configure', 'edit', 'ip'], { env: e });
    expect(r.code).toBe(0);
    expect(read(cib.path)).toContain('value="10.6.6.6"');
  });

  it('says why it cannot run off a terminal, or without a working editor', () => {
    const cib = cibWith(WEB);
    const off = runHash(['configure', 'edit'], { env: { ...cib.env, EDITOR: 'true' } });
    expect(off.code).toBe(2);
    expect(off.stderr).toContain('edit opens an editor, and needs a terminal');
    expect(off.stderr).toContain('configure load update FILE');
    const missing = runHashOnTerminal(['configure', 'edit'], { env: env(cib, join(cib.dir, 'no-such-editor')) });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('cannot run the editor');
    expect(missing.stdout).toContain('or VISUAL or EDITOR, to an editor that is installed');
    expect(existsSync(join(cib.dir, 'seen.0'))).toBe(false);
  });
});
