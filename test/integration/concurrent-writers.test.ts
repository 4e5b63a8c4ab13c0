/**
 * Two writers at once against a real single-node Pacemaker (test/cluster
 * harness): a configure session reads the CIB, another writer changes it
 * (crm_attribute, crm_resource), then the session commits. Who keeps the
 * other writer's change?
 *
 * What this file shows (Pacemaker 2.1.5, crmsh 4.4.0):
 * - crmsh commits an unversioned patch (`crm_diff --no-version`, then
 *   `cibadmin -p -P`): a concurrent change of another object, or of another
 *   attribute of the same object, is KEPT. A concurrent change of the same
 *   attribute is overwritten, and an object another writer just changed is
 *   deleted, both with exit 0 and no warning: that change is LOST unseen.
 *   (Its manual says commit refuses when the CIB changed meanwhile; 4.4 did not.)
 * - `crm_shadow --commit` (it wants --force) replaces the whole CIB with the
 *   sandbox: a concurrent change of any other object is LOST, exit 0.
 * - hash (commitCib, and `hash -f` through the CLI): the disjoint change is
 *   KEPT (the versioned patch is refused with 103, rebased, sent again); a
 *   concurrent change of the same object stops the commit (exit 4), nothing
 *   is applied, and the report shows the object as base, ours and theirs.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conflictReport } from '../../src/cib/conflict-report.js';
import type { CibTarget } from '../../src/cib/target.js';
import { cloneXml, descendants, type XmlElement } from '../../src/cib/xml.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { RecordingExecutor } from '../../src/exec/recording.js';
import { queryCib } from '../../src/pacemaker/cibadmin.js';
import { commitCib } from '../../src/pacemaker/commit.js';
import { runHash } from '../cli/run-hash.js';
import { ensureSingleNode, resetCib, run } from '../cluster/harness.js';

const live: CibTarget = { kind: 'live' };
let env: Record<string, string>;
let ex: LocalExecutor;

beforeAll(async () => {
  ({ env } = await ensureSingleNode());
  ex = new LocalExecutor(env);
}, 300_000);
beforeEach(() => resetCib(env), 120_000);

/** A stopped Dummy (nothing starts, so only our writers move the CIB), with instance attribute fake=base. */
const dummy = (id: string): string =>
  `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy">` +
  `<instance_attributes id="${id}-instance_attributes"><nvpair id="${id}-instance_attributes-fake" name="fake" value="base"/></instance_attributes>` +
  `<meta_attributes id="${id}-meta_attributes"><nvpair id="${id}-meta_attributes-target-role" name="target-role" value="Stopped"/></meta_attributes>` +
  `</primitive>`;

async function create(...ids: string[]): Promise<void> {
  for (const id of ids) {
    const r = await run(['cibadmin', '--create', '--scope', 'resources', '--xml-text', dummy(id)], { env });
    expect(r.code, r.stderr).toBe(0);
  }
}

/** The other writer: a cluster property and another resource's meta attribute. */
async function writeOtherObjects(): Promise<void> {
  expect((await run(['crm_attribute', '--name', 'cluster-recheck-interval', '--update', '7min'], { env })).code).toBe(0);
  expect((await run(['crm_resource', '--resource', 'other', '--meta', '--set-parameter', 'is-managed', '--parameter-value', 'false'], { env })).code).toBe(0);
}

/** The other writer: r1's instance attribute fake=theirs. */
async function writeSameAttribute(): Promise<void> {
  expect((await run(['crm_resource', '--resource', 'r1', '--set-parameter', 'fake', '--parameter-value', 'theirs'], { env })).code).toBe(0);
}

const property = async (name: string): Promise<string> =>
  (await run(['crm_attribute', '--name', name, '--query', '--quiet'], { env })).stdout.trim();
const param = async (rsc: string, name: string, meta = false): Promise<string> =>
  (await run(['crm_resource', '--resource', rsc, ...(meta ? ['--meta'] : []), '--get-parameter', name], { env })).stdout.trim();
const configuration = async (): Promise<string> => (await run(['cibadmin', '--query', '--scope', 'configuration'], { env })).stdout;
const hasResource = async (id: string): Promise<boolean> => (await configuration()).includes(`<primitive id="${id}"`);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A `crm configure` session on stdin, paused in the middle: the lines of
 * `first` (which must print `marker`, so crmsh has read the CIB), then
 * `during` runs (the other writer), then the lines of `rest`, then EOF.
 */
async function crmConfigure(first: string[], marker: string, during: () => Promise<void>, rest: string[]): Promise<{ code: number; out: string; err: string }> {
  // unbuffered: the marker must reach us while crmsh waits for its next line
  const p = spawn('crm', ['configure'], { env: { ...env, PYTHONUNBUFFERED: '1' }, stdio: ['pipe', 'pipe', 'pipe'], timeout: 90_000 });
  let out = '';
  let err = '';
  p.stdout.on('data', (b: Buffer) => (out += b.toString()));
  p.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const closed = new Promise<number>((resolve) => p.on('close', (code) => resolve(code ?? -1)));
  p.stdin.write(first.map((l) => `${l}\n`).join(''));
  for (let waited = 0; !out.includes(marker); waited += 100) {
    if (waited > 30_000 || p.exitCode !== null) throw new Error(`crm configure never printed ${marker}: ${out}${err}`);
    await sleep(100);
  }
  await during();
  p.stdin.end(rest.map((l) => `${l}\n`).join(''));
  return { code: await closed, out, err };
}

describe('crmsh 4.4: crm configure, with another writer between its read and its commit', () => {
  it('keeps a concurrent change of other objects (its patch carries no version)', { timeout: 120_000 }, async () => {
    await create('r1', 'other');
    const s = await crmConfigure(['show r1'], 'primitive r1', writeOtherObjects, ['primitive crm-new ocf:pacemaker:Dummy meta target-role=Stopped', 'commit']);
    expect(s.code, s.err).toBe(0);
    expect(await hasResource('crm-new')).toBe(true);
    expect(await property('cluster-recheck-interval')).toBe('7min');
    expect(await param('other', 'is-managed', true)).toBe('false');
  });

  it('overwrites a concurrent change of the same attribute: exit 0, no warning, the other value is lost', { timeout: 120_000 }, async () => {
    await create('r1');
    const s = await crmConfigure(['show r1'], 'params fake=base', writeSameAttribute, ['set r1.fake ours', 'commit']);
    expect(s.code).toBe(0);
    expect(s.err).toBe('');
    expect(s.out).not.toMatch(/changed|conflict|meantime/i);
    expect(await param('r1', 'fake')).toBe('ours');
  });

  it('deletes an object another writer just changed, without a word', { timeout: 120_000 }, async () => {
    await create('r1');
    const s = await crmConfigure(['show r1'], 'params fake=base', writeSameAttribute, ['delete r1', 'commit']);
    expect(s.code).toBe(0);
    expect(s.err).toBe('');
    expect(await hasResource('r1')).toBe(false);
  });
});

describe('crm_shadow --commit, with another writer between the sandbox and its commit', () => {
  it('replaces the whole CIB: the concurrent change of another object is lost', { timeout: 120_000 }, async () => {
    await create('r1', 'other');
    const shadow = { ...env, CIB_shadow_dir: mkdtempSync(join(tmpdir(), 'hash-cw-shadow-')) };
    expect((await run(['crm_shadow', '--batch', '--create', 'cw'], { env: shadow })).code).toBe(0);
    const edit = await run(['cibadmin', '--create', '--scope', 'resources', '--xml-text', dummy('shadow-new')], { env: { ...shadow, CIB_shadow: 'cw' } });
    expect(edit.code).toBe(0);
    await writeOtherObjects();
    // without --force it refuses as "dangerous" (exit 64), whatever the CIB did
    const plain = await run(['crm_shadow', '--batch', '--commit', 'cw'], { env: shadow });
    expect(plain.code).toBe(64);
    expect(plain.stderr).toMatch(/--force/);
    const c = await run(['crm_shadow', '--batch', '--force', '--commit', 'cw'], { env: shadow });
    expect(c.code, c.stderr).toBe(0);
    expect(await hasResource('shadow-new')).toBe(true);
    // the other writer's changes are gone, and nobody was told
    expect(await property('cluster-recheck-interval')).toBe('');
    expect(await param('other', 'is-managed', true)).toBe('');
    expect(c.stderr).toBe('');
  });
});

/** A copy of `cib` with r1's fake instance attribute set to `value`, and optionally a new resource. */
function withFake(cib: XmlElement, value: string): XmlElement {
  const c = cloneXml(cib);
  const nv = [...descendants(c)].find((e) => e.attrs.id === 'r1-instance_attributes-fake');
  if (!nv) throw new Error('r1 has no fake attribute');
  nv.attrs.value = value;
  return c;
}
function withNew(cib: XmlElement, id: string): XmlElement {
  const c = cloneXml(cib);
  const res = [...descendants(c)].find((e) => e.name === 'resources')!;
  res.children.push({ name: 'primitive', attrs: { id, class: 'ocf', provider: 'pacemaker', type: 'Dummy' }, children: [] });
  return c;
}

describe('hash: commitCib, with another writer between its read and its commit', () => {
  it('keeps the concurrent change of other objects: refused by version (103), rebased, committed; kept names them', { timeout: 120_000 }, async () => {
    await create('r1', 'other');
    const base = await queryCib(ex, live);
    await writeOtherObjects();
    const rec = new RecordingExecutor(ex);
    const r = await commitCib(rec, live, base, withNew(base, 'hash-new'));
    expect(r.status).toBe('committed');
    if (r.status !== 'committed') return;
    const patches = rec.calls.filter((c) => c.argv[1] === '--patch').map((c) => c.result?.code);
    expect(patches[0]).toBe(103);
    expect(patches.at(-1)).toBe(0);
    expect(r.attempts).toBeGreaterThan(1);
    expect(r.kept).toEqual(expect.arrayContaining(['cib-bootstrap-options', 'other']));
    expect(await hasResource('hash-new')).toBe(true);
    expect(await property('cluster-recheck-interval')).toBe('7min');
    expect(await param('other', 'is-managed', true)).toBe('false');
  });

  it('refuses a concurrent change of the same object: nothing applied, the report shows base, ours and theirs', { timeout: 120_000 }, async () => {
    await create('r1');
    const base = await queryCib(ex, live);
    await writeSameAttribute();
    const before = await configuration();
    // ours changes r1 and adds a resource: one commit or none
    const ours = withNew(withFake(base, 'ours'), 'hash-new');
    const r = await commitCib(ex, live, base, ours);
    expect(r.status).toBe('conflict');
    if (r.status !== 'conflict') return;
    expect(r.conflict.objects).toEqual(['r1']);
    expect(await configuration()).toBe(before);
    expect(await param('r1', 'fake')).toBe('theirs');
    const report = conflictReport(r.conflict, base, ours, 200);
    expect(report).toContain('r1: ours modified, theirs modified');
    const row = report.split('\n').find((l) => l.includes('params fake='))!;
    expect(row).toMatch(/^< {5}params fake=base \\ +\| > {5}params fake=ours \\ +\| > {5}params fake=theirs \\$/);
  });
});

describe('hash -f (the CLI), with another writer between its read and its commit', () => {
  /**
   * The other writer, timed: a `cibadmin` first on PATH that runs writer.sh
   * once, just before hash's first --patch (after hash has read the CIB),
   * then the real cibadmin; each call's argv and exit code go to calls.log.
   */
  function writerBeforeFirstPatch(writer: string[][]): { env: Record<string, string>; calls: () => string[]; wrote: () => boolean } {
    // wrote(): the writer ran, and every command of it succeeded
    const dir = mkdtempSync(join(tmpdir(), 'hash-cw-shim-'));
    const real = env.PATH!.split(delimiter)
      .map((d) => join(d, 'cibadmin'))
      .find((p) => existsSync(p));
    if (!real) throw new Error('cibadmin is not on PATH');
    writeFileSync(join(dir, 'writer.sh'), `${writer.map((argv) => argv.map((a) => `'${a}'`).join(' ')).join(' && \\\n')}\n`);
    writeFileSync(
      join(dir, 'cibadmin'),
      [
        '#!/bin/sh',
        `if [ "$1" = --patch ] && mkdir '${dir}/wrote' 2>/dev/null; then sh '${dir}/writer.sh' >'${dir}/writer.log' 2>&1; echo "writer exit $?" >>'${dir}/writer.log'; fi`,
        `'${real}' "$@"`,
        'rc=$?',
        `echo "$1 $rc" >>'${dir}/calls.log'`,
        'exit $rc',
        '',
      ].join('\n'),
    );
    chmodSync(join(dir, 'cibadmin'), 0o755);
    return {
      env: { ...env, PATH: `${dir}${delimiter}${env.PATH}` },
      calls: () => (existsSync(join(dir, 'calls.log')) ? readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n') : []),
      wrote: () => existsSync(join(dir, 'writer.log')) && readFileSync(join(dir, 'writer.log'), 'utf8').endsWith('writer exit 0\n'),
    };
  }

  it('keeps the concurrent change of other objects (exit 0; the first patch was refused, the second went in)', { timeout: 120_000 }, async () => {
    await create('r1', 'other');
    const w = writerBeforeFirstPatch([
      ['crm_attribute', '--name', 'cluster-recheck-interval', '--update', '7min'],
      ['crm_resource', '--resource', 'other', '--meta', '--set-parameter', 'is-managed', '--parameter-value', 'false'],
    ]);
    const r = runHash(['-f', '-'], { env: w.env, stdin: 'configure primitive hash-new ocf:pacemaker:Dummy meta target-role=Stopped\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(w.wrote()).toBe(true);
    const patches = w.calls().filter((c) => c.startsWith('--patch'));
    expect(patches).toEqual(['--patch 103', '--patch 0']);
    expect(await hasResource('hash-new')).toBe(true);
    expect(await property('cluster-recheck-interval')).toBe('7min');
    expect(await param('other', 'is-managed', true)).toBe('false');
  });

  it('refuses a concurrent change of the same object: exit 4, nothing applied, the object named', { timeout: 120_000 }, async () => {
    await create('r1');
    const w = writerBeforeFirstPatch([['crm_resource', '--resource', 'r1', '--set-parameter', 'fake', '--parameter-value', 'theirs']]);
    const dir = mkdtempSync(join(tmpdir(), 'hash-cw-load-'));
    writeFileSync(join(dir, 'r1.crm'), 'primitive r1 ocf:pacemaker:Dummy params fake=ours meta target-role=Stopped\nprimitive hash-new ocf:pacemaker:Dummy meta target-role=Stopped\n');
    const r = runHash(['-f', '-'], { env: w.env, stdin: `configure load update ${join(dir, 'r1.crm')}\n` });
    expect(w.wrote()).toBe(true);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/\br1\b/);
    expect(r.stderr).toMatch(/Nothing was committed/);
    expect(w.calls().filter((c) => c.startsWith('--patch'))).toEqual(['--patch 103']);
    expect(await param('r1', 'fake')).toBe('theirs');
    expect(await hasResource('hash-new')).toBe(false);
  });
});
