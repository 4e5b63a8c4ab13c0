/**
 * commitCib against a real single-node Pacemaker (test/cluster harness): the
 * live CIB takes our patch, crm_mon sees the result, a concurrent writer is
 * caught by Pacemaker's own version check (exit 103) and kept, and a
 * concurrent change of the same object stops the commit with nothing applied.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cibVersion } from '../../src/cib/diff.js';
import type { CibTarget } from '../../src/cib/target.js';
import { child, cloneXml, descendants, parseXml, serializeXml, type XmlElement } from '../../src/cib/xml.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { RecordingExecutor } from '../../src/exec/recording.js';
import { queryCib } from '../../src/pacemaker/cibadmin.js';
import { commitCib } from '../../src/pacemaker/commit.js';
import { ensureSingleNode, resetCib, run, SINGLE_NODE_NAME, waitFor } from '../cluster/harness.js';

const live: CibTarget = { kind: 'live' };
let env: Record<string, string>;
let ex: LocalExecutor;

beforeAll(async () => {
  ({ env } = await ensureSingleNode());
  ex = new LocalExecutor(env);
}, 300_000);
beforeEach(() => resetCib(env), 120_000);

const configuration = (cib: XmlElement): string => serializeXml(child(cib, 'configuration')!);
const addPrimitive = (cib: XmlElement, id: string): XmlElement => {
  const t = cloneXml(cib);
  child(child(t, 'configuration')!, 'resources')!.children.push(
    parseXml(
      `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="${id}-monitor-10s" name="monitor" interval="10s"/></operations></primitive>`,
    ),
  );
  return t;
};
const started = async (id: string): Promise<boolean> => {
  const m = await run(['crm_mon', '-1', '--output-as=xml'], { env });
  return new RegExp(`<resource id="${id}"[^>]*role="Started"`).test(m.stdout);
};

describe('commitCib on the live cluster', () => {
  it('commits a resource in one patch; crm_mon sees it started; epoch moved by one', { timeout: 60_000 }, async () => {
    const base = await queryCib(ex, live);
    const rec = new RecordingExecutor(ex);
    const r = await commitCib(rec, live, base, addPrimitive(base, 'hash-d1'));
    // a status update can slip in between our read and the patch (num_updates): that is a retry, not a failure
    expect(r.status).toBe('committed');
    expect(rec.calls.filter((c) => c.argv[1] === '--patch').at(-1)?.result?.code).toBe(0);
    await waitFor(() => started('hash-d1'), 30_000);
    const after = await queryCib(ex, live);
    expect(cibVersion(after).admin_epoch).toBe(cibVersion(base).admin_epoch);
    expect(cibVersion(after).epoch).toBe(cibVersion(base).epoch + 1);
  });

  it('a concurrent crm_attribute write is refused by version (103), re-read, retried, and not lost', { timeout: 60_000 }, async () => {
    const base = await queryCib(ex, live);
    const desired = addPrimitive(base, 'hash-d2');
    // the other writer, between our read and our commit
    const w = await run(['crm_attribute', '--node', SINGLE_NODE_NAME, '--name', 'hash-concurrent', '--update', 'yes'], { env });
    expect(w.code).toBe(0);
    const rec = new RecordingExecutor(ex);
    const r = await commitCib(rec, live, base, desired);
    expect(r.status).toBe('committed');
    const patches = rec.calls.filter((c) => c.argv[1] === '--patch').map((c) => c.result?.code);
    expect(patches[0]).toBe(103);
    expect(patches.at(-1)).toBe(0);
    expect(rec.calls.some((c) => c.argv[1] === '--query')).toBe(true);
    // the other writer's object (the node entry, by its id) is reported as changed meanwhile and kept
    const node = [...descendants(base)].find((e) => e.name === 'node' && e.attrs.uname === SINGLE_NODE_NAME);
    if (r.status === 'committed') expect(r.kept).toEqual([node?.attrs.id]);
    // both writes are there
    const g = await run(['crm_attribute', '--node', SINGLE_NODE_NAME, '--name', 'hash-concurrent', '--query', '--quiet'], { env });
    expect(g.stdout.trim()).toBe('yes');
    await waitFor(() => started('hash-d2'), 30_000);
  });

  it('a status-only change (transient attribute: num_updates) is refused by version too, then retried without a conflict', { timeout: 60_000 }, async () => {
    const base = await queryCib(ex, live);
    const w = await run(['crm_attribute', '--node', SINGLE_NODE_NAME, '--name', 'hash-transient', '--update', '1', '--lifetime', 'reboot'], { env });
    expect(w.code).toBe(0);
    // attrd writes the status section asynchronously: wait until num_updates moved
    await waitFor(async () => cibVersion(await queryCib(ex, live)).num_updates !== cibVersion(base).num_updates, 10_000);
    expect(cibVersion(await queryCib(ex, live)).epoch).toBe(cibVersion(base).epoch);
    const rec = new RecordingExecutor(ex);
    const r = await commitCib(rec, live, base, addPrimitive(base, 'hash-d5'));
    expect(r).toMatchObject({ status: 'committed', kept: [] });
    expect(rec.calls.filter((c) => c.argv[1] === '--patch')[0]?.result?.code).toBe(103);
    const q = await run(['crm_attribute', '--node', SINGLE_NODE_NAME, '--name', 'hash-transient', '--query', '--quiet', '--lifetime', 'reboot'], { env });
    expect(q.stdout.trim()).toBe('1');
  });

  it('a concurrent change of the same object fails with a conflict naming it, and the CIB is left as the other writer left it', { timeout: 60_000 }, async () => {
    const seeded = await queryCib(ex, live);
    expect((await commitCib(ex, live, seeded, addPrimitive(seeded, 'hash-d3'))).status).toBe('committed');
    const base = await queryCib(ex, live);
    const desired = cloneXml(base);
    for (const e of descendants(desired)) if (e.attrs.id === 'hash-d3') e.attrs.description = 'ours';
    // desired also adds another resource, which must not go in either: one commit or none
    const withMore = addPrimitive(desired, 'hash-d4');
    // the other writer changes the same resource
    const w = await run(['crm_resource', '--resource', 'hash-d3', '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped'], { env });
    expect(w.code).toBe(0);
    const before = await queryCib(ex, live);
    const r = await commitCib(ex, live, base, withMore);
    expect(r.status).toBe('conflict');
    if (r.status !== 'conflict') return;
    expect(r.conflict.objects).toEqual(['hash-d3']);
    expect(r.conflict.changes.join('\n')).toContain('hash-d3');
    expect(r.conflict.message).toContain('hash-d3');
    const after = await queryCib(ex, live);
    expect(configuration(after)).toBe(configuration(before));
    expect(cibVersion(after).epoch).toBe(cibVersion(before).epoch);
  });

  it('a big load goes in as whole sections, and a running resource is not restarted by it', { timeout: 120_000 }, async () => {
    const seeded = await queryCib(ex, live);
    expect((await commitCib(ex, live, seeded, addPrimitive(seeded, 'hash-keep'))).status).toBe('committed');
    await waitFor(() => started('hash-keep'), 30_000);
    const lastOp = async () => {
      const cib = await queryCib(ex, live);
      const op = [...descendants(child(cib, 'status')!)].find((e) => e.name === 'lrm_rsc_op' && e.attrs.id === 'hash-keep_last_0');
      return `${op?.attrs.operation} ${op?.attrs['call-id']}`;
    };
    const before = await lastOp();
    expect(before).toMatch(/^start \d+$/);
    const base = await queryCib(ex, live);
    const desired = cloneXml(base);
    const res = child(child(desired, 'configuration')!, 'resources')!;
    for (let i = 0; i < 300; i++) {
      res.children.push(
        parseXml(
          `<primitive id="bulk${i}" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="bulk${i}-meta"><nvpair id="bulk${i}-meta-target-role" name="target-role" value="Stopped"/></meta_attributes></primitive>`,
        ),
      );
    }
    const rec = new RecordingExecutor(ex);
    const r = await commitCib(rec, live, base, desired);
    expect(r.status).toBe('committed');
    const sent = rec.calls.filter((c) => c.argv[1] === '--patch').at(-1)!.stdin!;
    expect(sent).toContain('<change operation="delete" path="/cib/configuration/resources"/>');
    const after = await queryCib(ex, live);
    expect(child(child(after, 'configuration')!, 'resources')!.children).toHaveLength(301);
    await run(['crm_resource', '--wait', '--timeout=60s'], { env });
    expect(await lastOp()).toBe(before);
    expect(await started('hash-keep')).toBe(true);
  });
});
