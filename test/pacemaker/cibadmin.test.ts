/**
 * What Pacemaker 2.1.5's cibadmin really does with our patches, on CIB_file
 * targets (no cluster needed): the version check, its exit codes, the epoch
 * afterwards, and atomicity on a schema failure.
 */
import { link, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cibVersion, diffCib, patchedCib } from '../../src/cib/diff.js';
import { describeTarget, targetEnv, targetFromEnv, type CibTarget } from '../../src/cib/target.js';
import { child, cloneXml, parseXml, serializeXml, type XmlElement } from '../../src/cib/xml.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { RecordingExecutor } from '../../src/exec/recording.js';
import { ExecError } from '../../src/exec/types.js';
import { applyPatch, CIBADMIN_RC, cibadminMessage, queryCib, schemaViolations, validateCibFileEarly, writeCibFile } from '../../src/pacemaker/cibadmin.js';

const ex = new LocalExecutor();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hash-cibadmin-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function emptyCib(name: string): Promise<CibTarget & { kind: 'file' }> {
  const r = await ex.exec(['cibadmin', '--empty']);
  const path = join(dir, `${name}.xml`);
  await writeFile(path, r.stdout);
  return { kind: 'file', path };
}

const withPrimitive = (cib: XmlElement, id: string, extra = ''): XmlElement => {
  const t = cloneXml(cib);
  child(child(t, 'configuration')!, 'resources')!.children.push(parseXml(`<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"${extra}/>`));
  return t;
};

describe('targets', () => {
  it('chooses like libcib: CIB_shadow first, then CIB_file, else live; empty values do not count', () => {
    expect(targetFromEnv({})).toEqual({ kind: 'live' });
    expect(targetFromEnv({ CIB_file: '/x.xml' })).toEqual({ kind: 'file', path: '/x.xml' });
    expect(targetFromEnv({ CIB_file: '/x.xml', CIB_shadow: 'test' })).toEqual({ kind: 'shadow', name: 'test' });
    expect(targetFromEnv({ CIB_shadow: 'test', CIB_shadow_dir: '/tmp/s' })).toEqual({ kind: 'shadow', name: 'test', dir: '/tmp/s' });
    expect(targetFromEnv({ CIB_shadow: '', CIB_file: '' })).toEqual({ kind: 'live' });
  });

  it('gives an environment that removes the other variables, and a short description', () => {
    expect(targetEnv({ kind: 'live' })).toEqual({ CIB_file: undefined, CIB_shadow: undefined, CIB_shadow_dir: undefined });
    expect(targetEnv({ kind: 'file', path: '/x' })).toEqual({ CIB_file: '/x', CIB_shadow: undefined, CIB_shadow_dir: undefined });
    expect(targetEnv({ kind: 'shadow', name: 's', dir: '/d' })).toEqual({ CIB_file: undefined, CIB_shadow: 's', CIB_shadow_dir: '/d' });
    expect(describeTarget({ kind: 'live' })).toBe('live');
    expect(describeTarget({ kind: 'file', path: '/x/y.xml' })).toBe('file /x/y.xml');
    expect(describeTarget({ kind: 'shadow', name: 'foo' })).toBe('sandbox foo');
  });

  it('a shadow target reaches a crm_shadow sandbox', async () => {
    const shadowDir = join(dir, 'shadows');
    const t: CibTarget = { kind: 'shadow', name: 'hash-test', dir: shadowDir };
    await ex.exec(['mkdir', '-p', shadowDir]);
    const made = await ex.exec(['crm_shadow', '--batch', '--force', '--create-empty', 'hash-test'], { env: targetEnv(t) });
    expect(made.code).toBe(0);
    const cib = await queryCib(ex, t);
    expect(await applyPatch(ex, t, diffCib(cib, withPrimitive(cib, 'in-shadow')))).toEqual({ ok: true });
    expect(await readFile(join(shadowDir, 'shadow.hash-test'), 'utf8')).toContain('id="in-shadow"');
  });
});

describe('cibadmin --patch on a CIB_file', () => {
  it('applies a diffCib patch; the epoch becomes base+1, num_updates 0', async () => {
    const t = await emptyCib('apply');
    const base = await queryCib(ex, t);
    expect(cibVersion(base)).toEqual({ admin_epoch: 0, epoch: 1, num_updates: 0 });
    expect(await applyPatch(ex, t, diffCib(base, withPrimitive(base, 'd1')))).toEqual({ ok: true });
    const after = await queryCib(ex, t);
    expect(cibVersion(after)).toEqual({ admin_epoch: 0, epoch: 2, num_updates: 0 });
    expect(serializeXml(after)).toContain('<primitive id="d1"');
  });

  it('refuses a patch with exit 103 once the CIB moved on (epoch or num_updates), leaving it as it is', async () => {
    const t = await emptyCib('moved');
    const base = await queryCib(ex, t);
    // somebody else writes in between
    expect((await ex.exec(['crm_attribute', '-t', 'crm_config', '-n', 'stonith-enabled', '-v', 'false'], { env: targetEnv(t) })).code).toBe(0);
    const before = await readFile(t.path, 'utf8');
    const r = await applyPatch(ex, t, diffCib(base, withPrimitive(base, 'd1')));
    expect(r).toEqual({ ok: false, code: CIBADMIN_RC.versionMismatch, stderr: 'Call failed: Update was older than existing configuration' });
    expect(await readFile(t.path, 'utf8')).toBe(before);

    // num_updates alone is enough (a status update on a live cluster bumps only that)
    const t2 = await emptyCib('numupdates');
    const b2 = await queryCib(ex, t2);
    await writeFile(t2.path, (await readFile(t2.path, 'utf8')).replace('num_updates="0"', 'num_updates="1"'));
    expect(await applyPatch(ex, t2, diffCib(b2, withPrimitive(b2, 'd1')))).toMatchObject({ ok: false, code: 103 });
  });

  it('exits 1 when the CIB is older than the patch source', async () => {
    const t = await emptyCib('older');
    const base = await queryCib(ex, t);
    const ahead = cloneXml(base);
    ahead.attrs.epoch = '7';
    const r = await applyPatch(ex, t, diffCib(ahead, withPrimitive(ahead, 'd1')));
    expect(r).toMatchObject({ ok: false, code: CIBADMIN_RC.diffFailed });
  });

  it('refuses a schema-invalid result with exit 78 and applies nothing; the message drops the CIB dump', async () => {
    const t = await emptyCib('invalid');
    const base = await queryCib(ex, t);
    const before = await readFile(t.path, 'utf8');
    const desired = withPrimitive(withPrimitive(base, 'ok1'), 'bad', ' bogus="1"');
    const r = await applyPatch(ex, t, diffCib(base, desired));
    expect(r).toEqual({ ok: false, code: CIBADMIN_RC.invalid, stderr: 'Call failed: Update does not conform to the configured schema' });
    expect(await readFile(t.path, 'utf8')).toBe(before);
    expect(cibadminMessage('   1 <cib>\n   2 </cib>\nCall failed: x\n')).toBe('Call failed: x');
  });

  it('queryCib throws an ExecError with a hint for a missing file', async () => {
    const err = await queryCib(ex, { kind: 'file', path: join(dir, 'nope.xml') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect((err as ExecError).result.code).toBe(CIBADMIN_RC.noSuch);
    expect((err as ExecError).hint).toContain('nope.xml');
  });
});

describe('writeCibFile', () => {
  it('writes only a file that is still as queryCib read it', async () => {
    const t = await emptyCib('direct');
    const base = await queryCib(ex, t);
    const next = patchedCib(base, withPrimitive(base, 'd1'));
    // somebody else writes in between: nothing written, the caller falls back to the versioned patch
    expect((await ex.exec(['crm_attribute', '-t', 'crm_config', '-n', 'stonith-enabled', '-v', 'false'], { env: targetEnv(t) })).code).toBe(0);
    const before = await readFile(t.path, 'utf8');
    expect(await writeCibFile(ex, t, base, next)).toEqual({ status: 'moved' });
    expect(await readFile(t.path, 'utf8')).toBe(before);
    const again = await queryCib(ex, t);
    expect(await writeCibFile(ex, t, again, patchedCib(again, withPrimitive(again, 'd1')))).toEqual({ status: 'written' });
    expect(cibVersion(await queryCib(ex, t))).toEqual({ admin_epoch: 0, epoch: cibVersion(again).epoch + 1, num_updates: 0 });
  });

  it('is not available for a CIB it did not read, a hard-linked file, or a dry run; refuses what the schema refuses', async () => {
    const t = await emptyCib('direct-no');
    const base = await queryCib(ex, t);
    const copy = cloneXml(base);
    expect(await writeCibFile(ex, t, copy, patchedCib(copy, withPrimitive(copy, 'd1')))).toMatchObject({ status: 'unavailable' });
    expect(await writeCibFile(new RecordingExecutor(), t, base, patchedCib(base, withPrimitive(base, 'd1')))).toMatchObject({ status: 'unavailable' });
    const bad = await writeCibFile(ex, t, base, patchedCib(base, withPrimitive(base, 'x', ' bogus="1"')));
    expect(bad.status).toBe('invalid');
    expect(bad.status === 'invalid' && bad.stderr).toContain('Invalid attribute bogus for element primitive');
    await link(t.path, `${t.path}.hardlink`);
    const linked = await queryCib(ex, t);
    expect(await writeCibFile(ex, t, linked, patchedCib(linked, withPrimitive(linked, 'd1')))).toMatchObject({ status: 'unavailable' });
  });
});

describe('validateCibFileEarly', () => {
  /** the copies writeCibFile makes next to the file, by the name it gives them */
  const copiesOf = async (t: { path: string }): Promise<string[]> => {
    const name = t.path.slice(dir.length + 1);
    return (await readdir(dir)).filter((f) => f.startsWith(`.${name}.hash-`));
  };

  it('validates a copy next to the file while the caller works; the write renames that very copy', async () => {
    const t = await emptyCib('early');
    const base = await queryCib(ex, t);
    const next = patchedCib(base, withPrimitive(base, 'd1'));
    const abandon = validateCibFileEarly(ex, t, base, next);
    expect(abandon).toBeTypeOf('function');
    const [copy] = await copiesOf(t);
    expect(copy).toBeDefined();
    expect(await readFile(join(dir, copy!), 'utf8')).toBe(serializeXml(next));
    expect(await writeCibFile(ex, t, base, next)).toEqual({ status: 'written' });
    expect(await readFile(t.path, 'utf8')).toBe(serializeXml(next));
    abandon!(); // harmless after the write
    expect(await copiesOf(t)).toEqual([]);
    expect(await readFile(t.path, 'utf8')).toBe(serializeXml(next));
  });

  it('abandoned, leaves the file as it was and no copy behind', async () => {
    const t = await emptyCib('early-abandoned');
    const before = await readFile(t.path, 'utf8');
    const base = await queryCib(ex, t);
    const abandon = validateCibFileEarly(ex, t, base, patchedCib(base, withPrimitive(base, 'd1')));
    abandon!();
    expect(await copiesOf(t)).toEqual([]);
    expect(await readFile(t.path, 'utf8')).toBe(before);
  });

  it('is not used for another CIB: the write validates and writes what it was given', async () => {
    const t = await emptyCib('early-other');
    const base = await queryCib(ex, t);
    validateCibFileEarly(ex, t, base, patchedCib(base, withPrimitive(base, 'early')));
    const other = patchedCib(base, withPrimitive(base, 'other'));
    expect(await writeCibFile(ex, t, base, other)).toEqual({ status: 'written' });
    expect(await readFile(t.path, 'utf8')).toBe(serializeXml(other));
    expect(await copiesOf(t)).toEqual([]);
  });

  it('an invalid early copy is refused by the write, and removed', async () => {
    const t = await emptyCib('early-invalid');
    const before = await readFile(t.path, 'utf8');
    const base = await queryCib(ex, t);
    const bad = patchedCib(base, withPrimitive(base, 'x', ' bogus="1"'));
    validateCibFileEarly(ex, t, base, bad);
    const r = await writeCibFile(ex, t, base, bad);
    expect(r.status).toBe('invalid');
    expect(r.status === 'invalid' && r.stderr).toContain('Invalid attribute bogus for element primitive');
    expect(await copiesOf(t)).toEqual([]);
    expect(await readFile(t.path, 'utf8')).toBe(before);
  });

  it('starts nothing where the write would not be direct (a CIB it did not read)', async () => {
    const t = await emptyCib('early-unread');
    const copy = cloneXml(await queryCib(ex, t));
    expect(validateCibFileEarly(ex, t, copy, patchedCib(copy, withPrimitive(copy, 'd1')))).toBeUndefined();
    expect(await copiesOf(t)).toEqual([]);
  });
});

describe('schemaViolations: what the schema refuses, and in which element', () => {
  it('gives xmllint\'s words with the element they are about; nothing for a valid CIB; undefined without the schema', async () => {
    const base = await queryCib(ex, await emptyCib('schema'));
    expect(await schemaViolations(ex, withPrimitive(base, 'p1'))).toEqual([]);
    const bad = withPrimitive(withPrimitive(base, 'p0'), 'p1', ' bogus="1"');
    const found = await schemaViolations(ex, bad);
    const first = found![0]!;
    expect(first.message).toBe('Invalid attribute bogus for element primitive');
    expect(first.path.map((e) => e.name)).toEqual(['cib', 'configuration', 'resources', 'primitive']);
    expect(first.path[3]!.attrs.id).toBe('p1');
    expect(await schemaViolations(ex, { ...bad, attrs: { ...bad.attrs, 'validate-with': 'pacemaker-0.1' } })).toBeUndefined();
  });
});

describe('RecordingExecutor', () => {
  it('records argv, env and stdin, and runs nothing in a dry run', async () => {
    const rec = new RecordingExecutor();
    const t: CibTarget = { kind: 'file', path: '/tmp/does not exist.xml' };
    const base = parseXml('<cib epoch="1" num_updates="0" admin_epoch="0"><configuration><resources/></configuration></cib>');
    expect(await applyPatch(rec, t, diffCib(base, withPrimitive(base, 'd1')))).toEqual({ ok: true });
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]!.argv).toEqual(['cibadmin', '--patch', '--xml-pipe']);
    expect(rec.calls[0]!.env).toEqual({ CIB_file: '/tmp/does not exist.xml', CIB_shadow: undefined, CIB_shadow_dir: undefined });
    expect(rec.calls[0]!.stdin).toContain('<change operation="create" path="/cib/configuration/resources" position="0">');
    expect(rec.describe()).toEqual([`CIB_file='/tmp/does not exist.xml' cibadmin --patch --xml-pipe`]);
  });

  it('passes calls through to an inner executor and keeps the results', async () => {
    const rec = new RecordingExecutor(ex);
    const r = await rec.exec(['cibadmin', '--empty']);
    expect(r.code).toBe(0);
    expect(rec.target).toBe('local');
    expect(rec.calls[0]!.result?.stdout).toContain('<cib');
  });
});
