/**
 * The CLI against a real single-node Pacemaker (started by the harness):
 * a load goes into the live CIB in one commit, the cluster runs what was
 * loaded, and show reads the live CIB.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { crmMonXml, ensureSingleNode, resetCib, run, waitFor } from '../cluster/harness.js';
import { runHash } from '../cli/run-hash.js';

let env: Record<string, string>;

beforeAll(async () => {
  ({ env } = await ensureSingleNode());
  await resetCib(env);
}, 300_000);

describe('hash on the live cluster', () => {
  it('loads a configuration in one commit, and crm_mon sees the resources start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hash-live-'));
    const file = join(dir, 'web.crm');
    writeFileSync(
      file,
      [
        'primitive live-a ocf:pacemaker:Dummy op monitor interval=10s',
        'primitive live-b ocf:pacemaker:Dummy op monitor interval=10s',
        'group live-g live-a live-b',
        'property stonith-enabled=false',
        '',
      ].join('\n'),
    );
    const epochOf = (xml: string): number => Number(/<cib\b[^>]*\bepoch="(\d+)"/.exec(xml)?.[1]);
    const epochBefore = epochOf((await run(['cibadmin', '-Q'], { env })).stdout);
    const r = runHash(['configure', 'load', 'update', file], { env });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const cib = (await run(['cibadmin', '-Q'], { env })).stdout;
    expect(epochOf(cib)).toBe(epochBefore + 1);
    const mon = await waitFor(async () => {
      const x = await crmMonXml(env);
      return /id="live-a"[^>]*role="Started"/.test(x) && /id="live-b"[^>]*role="Started"/.test(x) && x;
    }, 30_000);
    expect(mon).toMatch(/<group id="live-g"/);

    const show = runHash(['configure', 'show', 'live-g'], { env });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('group live-g live-a live-b');
  });

  it('refuses a bad file and leaves the live CIB as it was', async () => {
    const before = (await run(['cibadmin', '-Q', '--scope', 'configuration'], { env })).stdout;
    const r = runHash(['configure', 'colocation', 'bad-c', 'inf:', 'live-a'], { env });
    expect(r.code).toBe(3);
    expect((await run(['cibadmin', '-Q', '--scope', 'configuration'], { env })).stdout).toBe(before);
  });

  it("says what Pacemaker's schema refused, on the object and where it was written (cibadmin only says it does not conform)", async () => {
    const before = (await run(['cibadmin', '-Q', '--scope', 'configuration'], { env })).stdout;
    const dir = mkdtempSync(join(tmpdir(), 'hash-live-'));
    const file = join(dir, 'schema.crm');
    writeFileSync(file, ['primitive live-s ocf:pacemaker:Dummy', 'location live-s-loc live-s bogus=1 100: node1', ''].join('\n'));
    const r = runHash(['configure', 'load', 'update', file], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`${file}:2:1: error: location live-s-loc: Pacemaker's schema pacemaker-\\d+\\.\\d+ refuses it: Invalid attribute bogus for element rsc_location`));
    expect((await run(['cibadmin', '-Q', '--scope', 'configuration'], { env })).stdout).toBe(before);
  });
});
