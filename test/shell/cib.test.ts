/**
 * The `cib` level on a CIB file (no cluster needed): crm_shadow copies the
 * file named by CIB_file, as it copies the live CIB without one, and commits
 * go back to that file. Real crm_shadow, cibadmin, crm_mon and crmsh; the
 * sandboxes live in a temp CIB_shadow_dir. The live-cluster behaviour is in
 * test/integration/cib-live.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
// the script runner first: it loads the command tree in the order the CLI does
import { runLines, type LinesRun } from './run-lines.js';
import { targetFromEnv } from '../../src/cib/target.js';
import { LocalExecutor } from '../../src/exec/local.js';
import {
  basePath,
  createArgv,
  defaultShadowDir,
  deleteArgv,
  diffArgv,
  listSandboxes,
  readBase,
  resetArgv,
  sandboxDir,
  sandboxNameProblem,
  shadowPath,
} from '../../src/pacemaker/shadow.js';
import { Shell } from '../../src/shell/engine.js';

const cache = mkdtempSync(join(tmpdir(), 'hash-cib-cache-'));

/** process.env without anything that picks a CIB, plus `extra`. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cache, XDG_STATE_HOME: cache };
  for (const k of ['CIB_file', 'CIB_shadow', 'CIB_shadow_dir', 'CIB_user']) delete env[k];
  return { ...env, ...extra };
}

function sh(argv: string[], env: NodeJS.ProcessEnv): { code: number; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
  const r = spawnSync(argv[0]!, argv.slice(1), { env: clean, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run shell lines as `hash -f` does, in this process. */
const hash = (lines: string[], env: NodeJS.ProcessEnv, opts: { force?: boolean; dryRun?: boolean } = {}): Promise<LinesRun> => runLines(lines, env, opts);

let dir: string;
let cib: string;
let shadows: string;
let env: NodeJS.ProcessEnv;

/** The configuration section of a CIB file, for comparing before and after. */
const configOf = (path: string): string => /<configuration>[\s\S]*<\/configuration>/.exec(readFileSync(path, 'utf8'))?.[0] ?? '';
const ids = (path: string): string[] => [...readFileSync(path, 'utf8').matchAll(/<primitive id="([^"]+)"/g)].map((m) => m[1]!).sort();
const addPrimitive = (id: string, e: NodeJS.ProcessEnv, extra = ''): void => {
  const r = sh(['cibadmin', '--create', '--scope', 'resources', '--xml-text', `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"${extra}/>`], e);
  expect(r.stderr).toBe('');
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hash-cib-'));
  cib = join(dir, 'cib.xml');
  shadows = join(dir, 'shadows');
  writeFileSync(cib, sh(['cibadmin', '--empty'], process.env).stdout);
  env = cleanEnv({ CIB_file: cib, CIB_shadow_dir: shadows });
  addPrimitive('d1', env);
});

describe('src/pacemaker/shadow.ts', () => {
  it('builds crm_shadow argv', () => {
    expect(createArgv('drbd')).toEqual(['crm_shadow', '--create', 'drbd', '--batch']);
    expect(createArgv('t', { empty: true, force: true })).toEqual(['crm_shadow', '--create-empty', 't', '--batch', '--force']);
    expect(resetArgv('t')).toEqual(['crm_shadow', '--reset', 't', '--batch', '--force']);
    expect(deleteArgv('t')).toEqual(['crm_shadow', '--delete', 't', '--batch', '--force']);
    expect(diffArgv()).toEqual(['crm_shadow', '--diff']);
  });

  it('finds the sandbox directory where crm_shadow does', () => {
    const which = (e: NodeJS.ProcessEnv): string => sh(['crm_shadow', '--file'], { ...e, CIB_shadow: 'probe' }).stdout.trim();
    expect(shadowPath(sandboxDir(env), 'probe')).toBe(which(env));
    const noDir = cleanEnv({});
    expect(shadowPath(sandboxDir(noDir), 'probe')).toBe(which(noDir));
    expect(defaultShadowDir({ HOME: '/home/ann' }, { uid: 1000, username: 'ann' })).toBe('/home/ann/.cib');
    expect(defaultShadowDir({ HOME: '/home/x' }, { uid: 105, username: 'hacluster' })).toBe('/var/lib/pacemaker/cib');
    expect(sandboxDir({ CIB_shadow_dir: 'rel' })).toBe(join(process.cwd(), 'rel'));
  });

  it('accepts file-safe names only', () => {
    expect(sandboxNameProblem('drbd-2.test')).toBeUndefined();
    for (const bad of ['live', '../x', 'a b', '-x', '.hidden', "it's", '']) expect(sandboxNameProblem(bad)).toBeDefined();
  });
});

describe('cib new / use / list', () => {
  it('new copies the CIB into a crm_shadow file, records the base, and switches to the sandbox', async () => {
    const r = await hash(['cib new s1', 'configure primitive d2 ocf:pacemaker:Dummy'], env);
    expect(r.err).toMatch(/sandbox 's1' made from file .*cib\.xml \(0\.2\.0\); working in it now/);
    expect(r.code).toBe(0);
    // the configure line went to the sandbox, not to the file
    expect(ids(cib)).toEqual(['d1']);
    expect(ids(shadowPath(shadows, 's1'))).toEqual(['d1', 'd2']);
    // the base is the copy as made, in a hidden file
    const base = await readBase(shadows, 's1');
    expect(base.status).toBe('recorded');
    expect(existsSync(basePath(shadows, 's1'))).toBe(true);
    expect(basePath(shadows, 's1').split('/').pop()!.startsWith('.')).toBe(true);
    // other tools see the sandbox; crmsh's list does not show the base file
    const mon = sh(['crm_mon', '-1', '-r'], { ...env, CIB_shadow: 's1' });
    expect(mon.stdout).toMatch(/d2\s+\(ocf:pacemaker:Dummy\)/);
    expect(sh(['crm', 'cib', 'list'], env).stdout.trim().split(/\s+/)).toEqual(['s1']);
    expect(await listSandboxes(shadows)).toEqual(['s1']);
  });

  it('list marks the sandbox in use and those hash did not make', async () => {
    mkdirSync(shadows);
    expect(sh(['crm_shadow', '--create', 'other', '--batch'], env).code).toBe(0);
    const r = await hash(['cib new mine', 'cib list'], env);
    expect(r.code).toBe(0);
    expect(r.out).toBe('mine   (in use)\nother  (not made by hash: commit needs force)\n');
  });

  it('new refuses an existing sandbox unless forced, and force makes a fresh copy', async () => {
    await hash(['cib new s1', 'configure primitive d2 ocf:pacemaker:Dummy'], env);
    const again = await hash(['cib new s1'], env);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/sandbox 's1' exists already/);
    expect(again.err).toMatch(/cib new s1 force/);
    expect(ids(shadowPath(shadows, 's1'))).toEqual(['d1', 'd2']);
    expect((await hash(['cib new s1 force'], env)).code).toBe(0);
    expect(ids(shadowPath(shadows, 's1'))).toEqual(['d1']);
  });

  it('new empty starts from an empty configuration; its commit adds to the file and keeps what is there', async () => {
    const r = await hash(['cib new e empty', 'configure primitive fresh ocf:pacemaker:Dummy', 'cib commit e'], env);
    expect(r.err).toMatch(/sandbox 'e' made with an empty configuration/);
    expect(r.code).toBe(0);
    expect(ids(cib)).toEqual(['d1', 'fresh']);
  });

  it('use switches between sandboxes and back to the CIB it started on', async () => {
    await hash(['cib new a', 'cib new b'], env);
    const r = await hash(['cib use a', 'configure primitive in-a ocf:pacemaker:Dummy', 'cib use live', 'configure primitive in-file ocf:pacemaker:Dummy'], env);
    expect(r.code).toBe(0);
    expect(ids(shadowPath(shadows, 'a'))).toEqual(['d1', 'in-a']);
    expect(ids(shadowPath(shadows, 'b'))).toEqual(['d1']);
    expect(ids(cib)).toEqual(['d1', 'in-file']);
    const missing = await hash(['cib use nosuch'], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/there is no sandbox 'nosuch'/);
  });

  it('rejects bad names as usage errors', async () => {
    const r = await hash(['cib new ../evil'], env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad sandbox name/);
    expect(existsSync(join(dir, 'evil'))).toBe(false);
    expect((await hash(['cib new'], env)).code).toBe(2);
  });
});

describe('cib commit', () => {
  it('sends the sandbox changes as a patch; a second commit sends only what changed since', async () => {
    const first = await hash(['cib new s1', 'configure primitive d2 ocf:pacemaker:Dummy', 'cib commit s1'], env);
    expect(first.err).toMatch(/sandbox 's1' committed to file/);
    expect(first.code).toBe(0);
    expect(ids(cib)).toEqual(['d1', 'd2']);
    // still in the sandbox; it starts again from what was committed
    const second = await hash(['cib use s1', 'configure primitive d3 ocf:pacemaker:Dummy', 'cib commit'], env);
    expect(second.code).toBe(0);
    expect(ids(cib)).toEqual(['d1', 'd2', 'd3']);
    expect((await hash(['cib commit s1'], env)).err).toMatch(/no changes for file .*: nothing to commit/);
  });

  it('keeps a concurrent change to another object (rebased) and says so', async () => {
    await hash(['cib new s1', 'configure primitive ours ocf:pacemaker:Dummy'], env);
    addPrimitive('theirs', env);
    const r = await hash(['cib commit s1'], env);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/it had changed meanwhile: the sandbox's changes were applied on top, keeping the other changes to theirs/);
    expect(ids(cib)).toEqual(['d1', 'ours', 'theirs']);
  });

  it('refuses when the same object changed on both sides (exit 4, file untouched, report), and force overrides', async () => {
    await hash(['cib new s1', 'configure primitive d1 ocf:pacemaker:Dummy params fake=ours', 'configure primitive other ocf:pacemaker:Dummy'], env);
    expect(sh(['cibadmin', '--modify', '--xml-text', '<primitive id="d1" description="theirs"/>'], env).code).toBe(0);
    const before = readFileSync(cib, 'utf8');
    const r = await hash(['cib commit s1'], env);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/sandbox 's1' was not committed/);
    expect(r.err).toMatch(/d1: ours modified, theirs modified/);
    expect(r.err).toMatch(/fake=ours/);
    expect(r.err).toMatch(/description=theirs/);
    expect(r.err).toMatch(/cib commit s1 force/);
    expect(readFileSync(cib, 'utf8')).toBe(before);

    const forced = await hash(['cib commit s1 force'], env);
    expect(forced.code).toBe(0);
    expect(forced.err).toMatch(/replacing the other changes to d1 \(forced\)/);
    expect(readFileSync(cib, 'utf8')).toMatch(/name="fake" value="ours"/);
    expect(ids(cib)).toEqual(['d1', 'other']);
  });

  it('refuses a sandbox hash did not make, explaining why; force commits its configuration', async () => {
    mkdirSync(shadows);
    expect(sh(['crm_shadow', '--create', 'ext', '--batch'], env).code).toBe(0);
    addPrimitive('in-sandbox', { ...env, CIB_file: undefined, CIB_shadow: 'ext' });
    addPrimitive('concurrent', env);
    const before = readFileSync(cib, 'utf8');
    const r = await hash(['cib commit ext'], env);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/sandbox 'ext' was not made by hash/);
    expect(r.err).toMatch(/overwrite any change made there since/);
    expect(readFileSync(cib, 'utf8')).toBe(before);
    const forced = await hash(['cib commit ext force'], env);
    expect(forced.code).toBe(0);
    // the sandbox's configuration, as crm_shadow --commit would make it: the concurrent change is gone
    expect(ids(cib)).toEqual(['d1', 'in-sandbox']);
  });

  it('does not use the base of a sandbox that another tool deleted and made again', async () => {
    await hash(['cib new s1'], env);
    expect(sh(['crm_shadow', '--delete', 's1', '--batch', '--force'], env).code).toBe(0);
    expect(sh(['crm_shadow', '--create', 's1', '--batch'], env).code).toBe(0);
    expect((await readBase(shadows, 's1')).status).toBe('stale');
    const r = await hash(['cib commit s1'], env);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/deleted and made again/);
  });

  it('in the interactive shell, refuses while configure changes to the sandbox are not committed', async () => {
    let err = '';
    const ctx = {
      executor: new LocalExecutor(env),
      target: targetFromEnv(env),
      io: { out: () => {}, err: (t: string) => void (err += t), isTTY: false },
      options: { force: false, dryRun: false, strictParams: false },
      env,
    };
    const shell = new Shell(ctx, { interactive: true });
    const at = { file: '<input>', line: 1 };
    await shell.runLine('cib new s1', at);
    expect(shell.prompt()).toBe('hash(s1)# ');
    await shell.runLine('configure', at);
    await shell.runLine('primitive pending ocf:pacemaker:Dummy', at);
    await expect(shell.runLine('cib commit s1', at)).rejects.toThrow(/uncommitted configure changes to sandbox s1/);
    expect(ids(cib)).toEqual(['d1']);
    await shell.runLine('commit', at);
    await shell.runLine('cib commit s1', at);
    expect(ids(cib)).toEqual(['d1', 'pending']);
    expect(err).toMatch(/committed to file/);
  });
});

describe('cib diff / reset / delete / import', () => {
  it('diff shows the sandbox changes; reset drops them and records the new base', async () => {
    await hash(['cib new s1', 'configure primitive d2 ocf:pacemaker:Dummy'], env);
    const d = await hash(['cib diff s1'], env);
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/<primitive id="d2"/);
    addPrimitive('later', env);
    const r = await hash(['cib reset s1'], env);
    expect(r.code).toBe(0);
    expect(ids(shadowPath(shadows, 's1'))).toEqual(['d1', 'later']);
    expect((await hash(['cib diff s1'], env)).err).toMatch(/sandbox 's1' and file .* are the same/);
    expect((await hash(['cib commit s1'], env)).err).toMatch(/nothing to commit/);
  });

  it('delete removes the sandbox and its base, but not the one in use', async () => {
    await hash(['cib new s1', 'cib new s2'], env);
    // a script starts on the CIB it was given: s2 is not in use there
    const inUse = await hash(['cib use s2', 'cib delete s2'], env);
    expect(inUse.code).toBe(1);
    expect(inUse.err).toMatch(/sandbox 's2' is in use/);
    expect((await hash(['cib delete s2'], env)).code).toBe(0);
    expect(readdirSync(shadows).sort()).toEqual(['.shadow.s1.hash-base', 'shadow.s1']);
    expect((await hash(['cib delete s2'], env)).err).toMatch(/there is no sandbox 's2'/);
  });

  it('import makes a sandbox of a CIB file, which commits only with force', async () => {
    const other = join(dir, 'other.xml');
    writeFileSync(other, readFileSync(cib, 'utf8'));
    addPrimitive('imported', { ...env, CIB_file: other });
    const r = await hash(['cib import ' + other + ' old', 'configure show'], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/primitive imported/);
    expect(r.err).toMatch(/imported as sandbox 'old'/);
    expect((await readBase(shadows, 'old')).status).toBe('none');
    expect((await hash(['cib commit old'], env)).code).toBe(4);
    expect((await hash(['cib commit old force'], env)).code).toBe(0);
    expect(ids(cib)).toEqual(['d1', 'imported']);
  });

  it('import of something that is not a CIB says how to load configure text', async () => {
    const text = join(dir, 'web.crm');
    writeFileSync(text, 'primitive web ocf:heartbeat:apache\n');
    const r = await hash([`cib import ${text}`], env);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not a CIB/);
    expect(r.err).toMatch(/configure load replace/);
    expect(await listSandboxes(shadows)).toEqual([]);
  });
});

describe('--dry-run', () => {
  it('new shows the crm_shadow call and makes nothing; commit shows the patch and changes nothing', async () => {
    const r = await hash(['cib new s1'], env, { dryRun: true });
    expect(r.code).toBe(0);
    expect(r.out).toBe(`would run: CIB_shadow_dir=${shadows} CIB_file=${cib} crm_shadow --create s1 --batch\n`);
    expect(existsSync(shadowPath(shadows, 's1'))).toBe(false);

    await hash(['cib new s2', 'configure primitive d2 ocf:pacemaker:Dummy'], env);
    const before = configOf(cib);
    const c = await hash(['cib commit s2'], env, { dryRun: true });
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/^# dry run: nothing was changed\. Committing sandbox 's2'/);
    expect(c.out).toMatch(/<primitive id="d2"/);
    expect(configOf(cib)).toBe(before);
  });

  it('a whole sandbox script dry-runs: what it would do, nothing made, nothing changed', async () => {
    const before = readFileSync(cib, 'utf8');
    const r = await hash(['cib new s1', 'configure primitive d2 ocf:pacemaker:Dummy', 'cib commit s1', 'cib use s1', 'cib delete s1'], env, { dryRun: true });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/would run: .*crm_shadow --create s1 --batch/);
    expect(r.out).toMatch(/would commit to file .*cib\.xml the sandbox 's1' \(there is none yet: a dry run makes none\)/);
    expect(r.out).toMatch(/would work in sandbox 's1'/);
    expect(r.out).toMatch(/would delete the sandbox 's1'/);
    expect(readFileSync(cib, 'utf8')).toBe(before);
    expect(await listSandboxes(shadows)).toEqual([]);
  });
});
