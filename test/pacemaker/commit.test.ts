/**
 * commitCib against real cibadmin on CIB_file targets: the version check
 * catches concurrent writers, disjoint writes are kept, overlapping ones stop
 * the commit with the objects named, and nothing is half-applied. A file
 * nobody wrote since it was read is written whole (validated by xmllint with
 * Pacemaker's schema), giving the very file cibadmin --patch would; sandboxes
 * always get the patch. (The same against a live cluster: test/integration/commit.test.ts.)
 */
import { chmod, copyFile, lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cibVersion } from '../../src/cib/diff.js';
import { targetEnv, type CibTarget } from '../../src/cib/target.js';
import { child, cloneXml, descendants, parseXml, serializeXml, type XmlElement } from '../../src/cib/xml.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { RecordingExecutor } from '../../src/exec/recording.js';
import type { ExecOptions, ExecResult, Executor } from '../../src/exec/types.js';
import { applyPatch, queryCib } from '../../src/pacemaker/cibadmin.js';
import { commitCib, plannedPatch } from '../../src/pacemaker/commit.js';
import { verifyCib, parseVerifyOutput } from '../../src/pacemaker/verify.js';

const ex = new LocalExecutor();
let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hash-commit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A CIB file with stonith off and one resource d0. */
async function freshCib(): Promise<CibTarget & { kind: 'file' }> {
  const path = join(dir, `cib-${n++}.xml`);
  await writeFile(path, (await ex.exec(['cibadmin', '--empty'])).stdout);
  const t = { kind: 'file' as const, path };
  const run = async (argv: string[]) => expect((await ex.exec(argv, { env: targetEnv(t) })).code).toBe(0);
  await run(['crm_attribute', '-t', 'crm_config', '-n', 'stonith-enabled', '-v', 'false']);
  await run(['cibadmin', '-C', '-o', 'resources', '-X', '<primitive id="d0" class="ocf" provider="pacemaker" type="Dummy"/>']);
  return t;
}

/** A sandbox (crm_shadow) with stonith off and one resource d0: commits to it always go as a patch. */
async function freshShadow(): Promise<{ kind: 'shadow'; name: string; dir: string }> {
  const shadowDir = join(dir, `shadows-${n++}`);
  await mkdir(shadowDir);
  const t = { kind: 'shadow' as const, name: 'hash-commit', dir: shadowDir };
  const run = async (argv: string[]) => expect((await ex.exec(argv, { env: targetEnv(t) })).code).toBe(0);
  await run(['crm_shadow', '--batch', '--force', '--create-empty', 'hash-commit']);
  await run(['crm_attribute', '-t', 'crm_config', '-n', 'stonith-enabled', '-v', 'false']);
  await run(['cibadmin', '-C', '-o', 'resources', '-X', '<primitive id="d0" class="ocf" provider="pacemaker" type="Dummy"/>']);
  return t;
}

const resources = (cib: XmlElement) => child(child(cib, 'configuration')!, 'resources')!;
const ids = (cib: XmlElement) => new Set([...descendants(cib)].map((e) => e.attrs.id).filter((x) => x !== undefined));
const addPrimitive = (cib: XmlElement, id: string, extra = ''): XmlElement => {
  const t = cloneXml(cib);
  resources(t).children.push(parseXml(`<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"${extra}/>`));
  return t;
};
const setDescription = (cib: XmlElement, id: string, d: string): XmlElement => {
  const t = cloneXml(cib);
  for (const e of descendants(t)) if (e.attrs.id === id) e.attrs.description = d;
  return t;
};
const sh = (t: CibTarget, ...argv: string[]) => ex.exec(argv, { env: targetEnv(t) });

describe('commitCib on a CIB_file', () => {
  it('commits in one attempt and bumps epoch by one', async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    const r = await commitCib(ex, t, base, addPrimitive(base, 'd1'));
    expect(r).toMatchObject({ status: 'committed', attempts: 1, kept: [] });
    const after = await queryCib(ex, t);
    expect(ids(after).has('d1')).toBe(true);
    expect(cibVersion(after).epoch).toBe(cibVersion(base).epoch + 1);
  });

  it('writes a file nobody wrote since it was read whole, after xmllint validated it: the file cibadmin --patch gives', async () => {
    const t = await freshCib();
    // a status section and a root attribute change (a `schema` statement) must come out as cibadmin makes them
    await writeFile(t.path, (await readFile(t.path, 'utf8')).replace('<status/>', '<status><node_state id="1" uname="n1"/></status>'));
    const viaPatch = { kind: 'file' as const, path: `${t.path}.patched.xml` };
    await copyFile(t.path, viaPatch.path);
    const base = await queryCib(ex, t);
    const desired = addPrimitive(base, 'd1');
    desired.attrs['validate-with'] = 'pacemaker-3.8';
    desired.children = desired.children.filter((c) => c.name !== 'status');
    const rec = new RecordingExecutor(ex);
    expect(await commitCib(rec, t, base, desired)).toMatchObject({ status: 'committed', attempts: 1 });
    // xmllint validates the complete copy that is then renamed over the file
    expect(rec.calls.map((c) => c.argv.slice(0, 5).join(' '))).toEqual(['xmllint --noout --noblanks --relaxng /usr/share/pacemaker/pacemaker-3.8.rng']);
    expect(rec.calls[0]!.argv[5]).toMatch(new RegExp(`/\\.${basename(t.path).replace(/\./g, '\\.')}\\.hash-\\d+-\\w+$`));
    expect(await applyPatch(ex, viaPatch, plannedPatch(await queryCib(ex, viaPatch), desired))).toEqual({ ok: true });
    expect(await readFile(t.path, 'utf8')).toBe(await readFile(viaPatch.path, 'utf8'));
    expect(await readFile(t.path, 'utf8')).toContain('<node_state id="1" uname="n1"/>');
  });

  it('keeps the mode of the file, and writes through a symbolic link', async () => {
    const t = await freshCib();
    await chmod(t.path, 0o640);
    const link = { kind: 'file' as const, path: join(dir, `link-${n++}.xml`) };
    await symlink(t.path, link.path);
    const base = await queryCib(ex, link);
    expect(await commitCib(ex, link, base, addPrimitive(base, 'd1'))).toMatchObject({ status: 'committed', attempts: 1 });
    expect((await lstat(link.path)).isSymbolicLink()).toBe(true);
    expect(await readlink(link.path)).toBe(t.path);
    expect((await stat(t.path)).mode & 0o777).toBe(0o640);
    expect(ids(await queryCib(ex, t)).has('d1')).toBe(true);
  });

  it('goes through cibadmin --patch when ACLs are asked for (CIB_user)', async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    const rec = new RecordingExecutor(ex);
    process.env.CIB_user = 'root';
    try {
      expect(await commitCib(rec, t, base, addPrimitive(base, 'd1'))).toMatchObject({ status: 'committed', attempts: 1 });
    } finally {
      delete process.env.CIB_user;
    }
    expect(rec.calls.map((c) => c.argv.join(' '))).toEqual(['cibadmin --patch --xml-pipe']);
  });

  it('with nothing to commit says so and leaves the CIB (and its epoch) alone', async () => {
    const t = await freshCib();
    const before = await readFile(t.path, 'utf8');
    const base = await queryCib(ex, t);
    const rec = new RecordingExecutor(ex);
    expect(await commitCib(rec, t, base, cloneXml(base))).toEqual({ status: 'unchanged' });
    expect(rec.calls).toEqual([]);
    expect(await readFile(t.path, 'utf8')).toBe(before);
  });

  it('detects a concurrent crm_attribute write, re-reads, retries, and keeps that write', async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    const desired = addPrimitive(base, 'd1');
    // the concurrent writer, between our read and our commit
    expect((await sh(t, 'crm_attribute', '-t', 'crm_config', '-n', 'no-quorum-policy', '-v', 'ignore')).code).toBe(0);
    const rec = new RecordingExecutor(ex);
    const r = await commitCib(rec, t, base, desired);
    expect(r).toMatchObject({ status: 'committed', attempts: 2, kept: ['cib-bootstrap-options'] });
    // first patch refused with 103, then a re-read (of the file itself: queryCib reads a local CIB_file directly), then the rebased patch
    expect(rec.calls.map((c) => `${c.argv.join(' ')} → ${c.result?.code}`)).toEqual([
      'cibadmin --patch --xml-pipe → 103',
      'cibadmin --patch --xml-pipe → 0',
    ]);
    const q = await sh(t, 'crm_attribute', '-t', 'crm_config', '-n', 'no-quorum-policy', '-G', '-q');
    expect(q.stdout.trim()).toBe('ignore');
    expect(ids(await queryCib(ex, t)).has('d1')).toBe(true);
  });

  it('keeps a concurrently added resource next to ours', async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    expect((await sh(t, 'cibadmin', '-C', '-o', 'resources', '-X', '<primitive id="theirs" class="ocf" provider="pacemaker" type="Dummy"/>')).code).toBe(0);
    const r = await commitCib(ex, t, base, addPrimitive(base, 'ours'));
    expect(r).toMatchObject({ status: 'committed', attempts: 2, kept: ['theirs'] });
    expect(resources(await queryCib(ex, t)).children.map((c) => c.attrs.id)).toEqual(['d0', 'ours', 'theirs']);
  });

  it('fails with a conflict naming the object when the other writer changed the same one, committing nothing', async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    const desired = addPrimitive(setDescription(base, 'd0', 'ours'), 'd1');
    expect((await sh(t, 'cibadmin', '-M', '-X', '<primitive id="d0" description="theirs"/>')).code).toBe(0);
    const before = await readFile(t.path, 'utf8');
    const r = await commitCib(ex, t, base, desired);
    expect(r.status).toBe('conflict');
    if (r.status !== 'conflict') return;
    expect(r.conflict.reason).toBe('overlap');
    expect(r.conflict.objects).toEqual(['d0']);
    expect(r.conflict.changes).toEqual(['modify primitive d0: description="theirs"']);
    expect(r.conflict.message).toContain('d0');
    expect(r.conflict.message).toContain('Nothing was committed');
    expect(await readFile(t.path, 'utf8')).toBe(before);
  });

  it('with force, applies our change over theirs', async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    expect((await sh(t, 'cibadmin', '-M', '-X', '<primitive id="d0" description="theirs"/>')).code).toBe(0);
    const r = await commitCib(ex, t, base, setDescription(base, 'd0', 'ours'), { force: true });
    expect(r).toMatchObject({ status: 'committed', attempts: 2 });
    expect(resources(await queryCib(ex, t)).children[0]!.attrs.description).toBe('ours');
  });

  it('retries a move of num_updates alone (a status update) without counting it as a config change', async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    await writeFile(t.path, (await readFile(t.path, 'utf8')).replace(/num_updates="\d+"/, 'num_updates="9"'));
    expect(await commitCib(ex, t, base, addPrimitive(base, 'd1'))).toMatchObject({ status: 'committed', attempts: 2, kept: [] });
  });

  it('stops when the configuration keeps changing under it (a second concurrent writer)', async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    let k = 0;
    // a real concurrent writer that strikes before every write attempt (the validation of a direct write, each patch)
    const busy: Executor = {
      target: 'local',
      async exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult> {
        if (argv[1] === '--patch' || argv[0] === 'xmllint') await sh(t, 'crm_attribute', '-t', 'crm_config', '-n', `busy-${k++}`, '-v', '1');
        return ex.exec(argv, opts);
      },
    };
    const r = await commitCib(busy, t, base, addPrimitive(base, 'd1'));
    expect(r).toMatchObject({ status: 'conflict', conflict: { reason: 'busy' } });
    expect(ids(await queryCib(ex, t)).has('d1')).toBe(false);
  });

  it('reports a schema failure as failed, with cibadmin code and message, nothing applied', async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    const before = await readFile(t.path, 'utf8');
    const rec = new RecordingExecutor(ex);
    const r = await commitCib(rec, t, base, addPrimitive(addPrimitive(base, 'good'), 'bad', ' bogus="x"'));
    expect(r).toMatchObject({ status: 'failed', code: 78, stderr: 'Call failed: Update does not conform to the configured schema' });
    expect(await readFile(t.path, 'utf8')).toBe(before);
    // xmllint refused the direct write; cibadmin, asked the general way, says why in Pacemaker's words
    expect(rec.calls.map((c) => `${c.argv[0]} → ${c.result?.code}`)).toEqual(['xmllint → 3', 'cibadmin → 78']);
  });
});

describe('verifyCib', () => {
  it('is clean on a valid CIB', async () => {
    const t = await freshCib();
    const v = await verifyCib(ex, await queryCib(ex, t));
    expect(v).toMatchObject({ ok: true, code: 0, errors: [] });
  });

  it('returns crm_verify errors as lines: schema errors and unpack errors', async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    const bad = await verifyCib(ex, addPrimitive(base, 'x', ' bogus="1"'));
    expect(bad.ok).toBe(false);
    expect(bad.code).toBe(78);
    expect(bad.errors.some((e) => e.includes('Invalid attribute bogus for element primitive'))).toBe(true);
    const noStonith = parseXml((await ex.exec(['cibadmin', '--empty'])).stdout);
    const v = await verifyCib(ex, addPrimitive(noStonith, 'd1'));
    expect(v.errors).toContain('Resource start-up disabled since no STONITH resources have been defined');
  });

  it('parses severities', () => {
    const r = parseVerifyOutput(0, '(unpack_config) \twarning: Blind faith: not fencing unseen nodes\ncrm_verify: Warnings found during check: config may not be valid\n');
    expect(r).toEqual({ ok: true, code: 0, errors: [], warnings: ['Blind faith: not fencing unseen nodes'], lines: ['warning: Blind faith: not fencing unseen nodes'] });
  });
});

describe('commitCib and the status section', () => {
  it('ignores the status of desired: a desired CIB without <status> does not delete it', async () => {
    for (const t of [await freshCib(), await freshShadow()]) {
      const file = t.kind === 'file' ? t.path : join(t.dir, `shadow.${t.name}`);
      // give the CIB a status section to lose
      const withStatus = (await readFile(file, 'utf8')).replace('<status/>', '<status><node_state id="1" uname="n1"/></status>');
      await writeFile(file, withStatus);
      const base = await queryCib(ex, t);
      const desired = addPrimitive(base, 'd1');
      desired.children = desired.children.filter((c) => c.name !== 'status');
      const rec = new RecordingExecutor(ex);
      expect(await commitCib(rec, t, base, desired)).toMatchObject({ status: 'committed', attempts: 1 });
      // the sandbox gets a patch that leaves the status alone; the file is written with its status
      if (t.kind === 'shadow') expect(rec.calls[0]!.stdin).not.toContain('status');
      expect(await readFile(file, 'utf8')).toContain('<node_state id="1" uname="n1"/>');
    }
  });
});

describe('commitCib of a big load', () => {
  it('sends 1,000 resources and 1,500 constraints as whole sections, keeps a concurrent change of an old resource', { timeout: 120_000 }, async () => {
    const t = await freshCib();
    const base = await queryCib(ex, t);
    const desired = cloneXml(base);
    const conf = child(desired, 'configuration')!;
    for (let i = 0; i < 1000; i++) {
      resources(desired).children.push(
        parseXml(`<primitive id="r${i}" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="r${i}-mon" name="monitor" interval="10s"/></operations></primitive>`),
      );
    }
    const cons = child(conf, 'constraints')!;
    for (let i = 1; i < 1500; i++) cons.children.push(parseXml(`<rsc_order id="o${i}" first="r${(i - 1) % 1000}" then="r${i % 1000}"/>`));
    // a disjoint concurrent change: an existing resource gets a description
    expect((await sh(t, 'cibadmin', '-M', '-X', '<primitive id="d0" description="theirs"/>')).code).toBe(0);
    const rec = new RecordingExecutor(ex);
    const r = await commitCib(rec, t, base, desired);
    expect(r).toMatchObject({ status: 'committed', attempts: 2, kept: ['d0'] });
    // the patch that went in replaced the two sections (2 deletes + 2 creates), not 2,499 creates
    const sent = rec.calls.filter((c) => c.argv[1] === '--patch').at(-1)!.stdin!;
    expect(sent.match(/<change /g)).toHaveLength(4);
    const after = await queryCib(ex, t);
    expect(resources(after).children).toHaveLength(1001);
    expect(resources(after).children[0]!.attrs.description).toBe('theirs');
    expect(child(child(after, 'configuration')!, 'constraints')!.children).toHaveLength(1499);
  });
});

describe('plannedPatch', () => {
  it('is exactly what commitCib sends first', async () => {
    const t = await freshShadow();
    const base = await queryCib(ex, t);
    const desired = addPrimitive(base, 'planned');
    const rec = new RecordingExecutor(ex);
    await commitCib(rec, t, base, desired);
    expect(rec.calls[0]!.stdin).toBe(serializeXml(plannedPatch(base, desired)));
  });
});
