/**
 * configure delete and simulate against a real single-node Pacemaker: delete
 * asks the cluster whether a resource runs (and refuses unless --force),
 * simulate asks the real scheduler what the pending changes would do with
 * the cluster's current status, and changes nothing.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crmMonXml, ensureSingleNode, resetCib, run, SINGLE_NODE_NAME, waitFor } from '../cluster/harness.js';
import { runHash } from '../cli/run-hash.js';

let env: Record<string, string>;

beforeAll(async () => {
  ({ env } = await ensureSingleNode());
}, 300_000);
beforeEach(() => resetCib(env), 120_000);

/** Create a Dummy with cibadmin (not with hash: what is tested must not set things up) and wait until it runs. */
async function runningDummy(id: string): Promise<void> {
  await run(['cibadmin', '--create', '--scope', 'resources', '--xml-text', `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"/>`], { env });
  await waitFor(async () => new RegExp(`<resource id="${id}"[^>]*role="Started"[^>]*active="true"`).test(await crmMonXml(env)), 30_000);
}

const configuration = async (): Promise<string> => (await run(['cibadmin', '--query', '--scope', 'configuration'], { env })).stdout;

describe('configure on the live cluster', () => {
  it('delete refuses a running resource, naming --force; with --force it goes and the cluster stops it', async () => {
    await runningDummy('live-del');
    const before = await configuration();
    const r = runHash(['configure', 'delete', 'live-del'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`live-del is running on ${SINGLE_NODE_NAME}: deleting it would stop it`);
    expect(r.stderr).toMatch(/hint: .*`delete --force live-del`/);
    expect(await configuration()).toBe(before);

    const forced = runHash(['configure', 'delete', '--force', 'live-del'], { env });
    expect(forced.stderr).not.toMatch(/error/);
    expect(forced.code).toBe(0);
    expect(await configuration()).not.toContain('id="live-del"');
    // the orphan is stopped by the cluster
    await waitFor(async () => !/<resource id="live-del"[^>]*active="true"/.test(await crmMonXml(env)), 30_000);
  });

  it('delete lets a stopped resource go without --force', async () => {
    await run(['cibadmin', '--create', '--scope', 'resources', '--xml-text', '<primitive id="live-off" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="live-off-meta"><nvpair id="live-off-tr" name="target-role" value="Stopped"/></meta_attributes></primitive>'], { env });
    const r = runHash(['configure', 'delete', 'live-off'], { env });
    expect(r.code).toBe(0);
    expect(await configuration()).not.toContain('id="live-off"');
  });

  it('simulate lists what the pending changes would start and stop, and commits nothing', async () => {
    await runningDummy('live-run');
    const before = await configuration();
    const r = runHash(['-f', '-'], {
      env,
      stdin: [
        'configure primitive live-new ocf:pacemaker:Dummy',
        `configure location live-ban live-run -inf: ${SINGLE_NODE_NAME}`,
        'configure simulate',
        // nothing pending at the end: nothing is committed
        'configure refresh',
        '',
      ].join('\n'),
    });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').sort()).toEqual([`start    live-new on ${SINGLE_NODE_NAME}`, `stop     live-run on ${SINGLE_NODE_NAME} (due to node availability)`]);
    expect(await configuration()).toBe(before);
    expect(await crmMonXml(env)).toMatch(/<resource id="live-run"[^>]*role="Started"/);
  });
});
