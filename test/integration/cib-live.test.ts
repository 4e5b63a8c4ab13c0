/**
 * Sandboxes against a real single-node cluster: `cib new` copies the live
 * CIB, configure changes go to the sandbox only (crm_mon with CIB_shadow sees
 * them, the cluster does not), `cib commit` sends them as one versioned patch
 * against the sandbox's base — keeping a concurrent change to another object,
 * refusing (exit 4, nothing applied) when the same object changed on both
 * sides, and overriding with `force`. The seed's sandbox lines run through
 * the built CLI (`hash -f`).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crmMonXml, ensureSingleNode, resetCib, run, waitFor } from '../cluster/harness.js';
import { runHash, SHARED } from '../cli/run-hash.js';
// the script runner first: it loads the command tree in the order the CLI does
import { runLines, type LinesRun } from '../shell/run-lines.js';
import { shadowPath } from '../../src/pacemaker/shadow.js';

let clusterEnv: Record<string, string>;
let env: Record<string, string>;
let shadows: string;

beforeAll(async () => {
  ({ env: clusterEnv } = await ensureSingleNode());
}, 300_000);

beforeEach(async () => {
  await resetCib(clusterEnv);
  shadows = mkdtempSync(join(tmpdir(), 'hash-cib-live-'));
  const cache = mkdtempSync(join(tmpdir(), 'hash-cib-live-cache-'));
  env = { ...clusterEnv, CIB_shadow_dir: shadows, XDG_CACHE_HOME: cache, XDG_STATE_HOME: cache };
});

/** Shell lines as `hash -f` runs them, in this process, on the live cluster. */
const hash = (lines: string[]): Promise<LinesRun> => runLines(lines, env);

const liveConfig = async (): Promise<string> => (await run(['cibadmin', '--query', '--scope', 'configuration'], { env: clusterEnv })).stdout;
const primitives = (xml: string): string[] => [...xml.matchAll(/<primitive id="([^"]+)"/g)].map((m) => m[1]!).sort();
const cibadmin = async (args: string[]): Promise<void> => {
  const r = await run(['cibadmin', ...args], { env: clusterEnv });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
};

describe('sandboxes on the live cluster', () => {
  it('new → configure in the sandbox (crm_mon with CIB_shadow sees it, the cluster does not) → commit → the cluster runs it', async () => {
    const made = await hash(['cib new s1', 'configure primitive sb-a ocf:pacemaker:Dummy op monitor interval=10s']);
    expect(made.err).toMatch(/sandbox 's1' made from the live CIB/);
    expect(made.code).toBe(0);
    expect(primitives(await liveConfig())).toEqual([]);
    const mon = await run(['crm_mon', '-1', '-r'], { env: { ...env, CIB_shadow: 's1' } });
    expect(mon.stdout).toMatch(/sb-a\s+\(ocf:pacemaker:Dummy\)/);
    const diff = await hash(['cib diff s1']);
    expect(diff.out).toMatch(/<primitive id="sb-a"/);

    const committed = await hash(['cib commit s1']);
    expect(committed.err).toMatch(/sandbox 's1' committed to the live CIB/);
    expect(committed.code).toBe(0);
    expect(primitives(await liveConfig())).toEqual(['sb-a']);
    await waitFor(async () => /id="sb-a"[^>]*role="Started"/.test(await crmMonXml(clusterEnv)), 30_000);
  });

  it('keeps a live change to another object made while the sandbox lived', async () => {
    expect((await hash(['cib new s1', 'configure primitive ours ocf:pacemaker:Dummy meta target-role=Stopped'])).code).toBe(0);
    await cibadmin(['--create', '--scope', 'resources', '--xml-text', '<primitive id="theirs" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="theirs-meta"><nvpair id="theirs-tr" name="target-role" value="Stopped"/></meta_attributes></primitive>']);
    const r = await hash(['cib commit s1']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/keeping the other changes to theirs/);
    expect(primitives(await liveConfig())).toEqual(['ours', 'theirs']);
  });

  it('refuses when the same object changed live (exit 4, nothing applied); force applies the sandbox', async () => {
    expect((await hash(['configure primitive shared ocf:pacemaker:Dummy meta target-role=Stopped'])).code).toBe(0);
    expect((await hash(['cib new s1', 'configure primitive shared ocf:pacemaker:Dummy params fake=ours meta target-role=Stopped', 'configure primitive extra ocf:pacemaker:Dummy meta target-role=Stopped'])).code).toBe(0);
    await cibadmin(['--modify', '--xml-text', '<primitive id="shared" description="theirs"/>']);
    const before = await liveConfig();

    const r = await hash(['cib commit s1']);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/sandbox 's1' was not committed/);
    expect(r.err).toMatch(/shared: ours modified, theirs modified/);
    expect(await liveConfig()).toBe(before);
    expect(primitives(before)).not.toContain('extra');

    const forced = await hash(['cib commit s1 force']);
    expect(forced.code).toBe(0);
    const after = await liveConfig();
    expect(after).toMatch(/name="fake" value="ours"/);
    expect(primitives(after)).toEqual(['extra', 'shared']);
  });

  it("refuses a crm_shadow sandbox (no base) without force; with force commits its configuration", async () => {
    expect((await run(['crm_shadow', '--create', 'ext', '--batch'], { env })).code).toBe(0);
    expect((await run(['cibadmin', '--create', '--scope', 'resources', '--xml-text', '<primitive id="from-ext" class="ocf" provider="pacemaker" type="Dummy"/>'], { env: { ...env, CIB_shadow: 'ext' } })).code).toBe(0);
    const r = await hash(['cib commit ext']);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/was not made by hash/);
    expect(primitives(await liveConfig())).toEqual([]);
    expect((await hash(['cib commit ext force'])).code).toBe(0);
    expect(primitives(await liveConfig())).toEqual(['from-ext']);
  });

  it("the seed's sandbox lines run through hash -f (built CLI): both sandboxes commit, every object is live", async () => {
    const seed = readFileSync(join(SHARED, 'seeds', 'apache-drbd.session'), 'utf8').split('\n');
    const from = seed.findIndex((l) => l.startsWith('cib new drbd'));
    expect(from).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'hash-cib-seed-'));
    const file = join(dir, 'sandboxes.crm');
    // nothing starts (drbd is not installed, apache has no config here): the test is about the CIB
    writeFileSync(
      file,
      [
        'configure rsc_defaults target-role=Stopped',
        'configure primitive WebSite ocf:heartbeat:apache params configfile=/etc/httpd/conf/httpd.conf op monitor interval=1min',
        ...seed.slice(from),
      ].join('\n'),
    );
    const r = runHash(['-f', file], { env });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const live = await liveConfig();
    expect(primitives(live)).toEqual(['WebData', 'WebFS', 'WebSite']);
    expect(live).toMatch(/<clone id="WebDataClone"/);
    for (const id of ['fs_on_drbd', 'WebFS-after-WebData', 'WebSite-with-WebFS', 'WebSite-after-WebFS']) expect(live).toContain(`id="${id}"`);
    // the sandboxes are crm_shadow files holding what was committed
    expect(readFileSync(shadowPath(shadows, 'fs'), 'utf8')).toContain('id="WebFS"');
  });
});
