import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { crmMonXml, ensureSingleNode, HARNESS_DIR, resetCib, run, SINGLE_NODE_NAME, waitFor } from './harness.js';

let env: Record<string, string>;

describe('single-node harness cluster', () => {
  beforeAll(async () => {
    ({ env } = await ensureSingleNode());
  }, 300_000);

  it('has a DC and one online node', async () => {
    const xml = await crmMonXml(env);
    expect(xml).toContain('<current_dc present="true"');
    expect(xml).toMatch(new RegExp(`<node name="${SINGLE_NODE_NAME}" id="1" online="true"`));
  });

  it('is reused by a second ensureSingleNode call', async () => {
    const t0 = Date.now();
    const again = await ensureSingleNode();
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(again.env.PATH).toContain('/usr/sbin');
    expect(again.env.CIB_file).toBeUndefined();
  });

  it('starts a Dummy configured through cibadmin', async () => {
    await resetCib(env);
    const xml =
      '<primitive id="smoke-dummy" class="ocf" provider="pacemaker" type="Dummy">' +
      '<operations><op id="smoke-dummy-monitor-10s" name="monitor" interval="10s"/></operations></primitive>';
    const c = await run(['cibadmin', '--create', '--scope', 'resources', '--xml-text', xml], { env });
    expect(c.code, c.stderr).toBe(0);
    const status = await waitFor(async () => {
      const s = await crmMonXml(env);
      return /<resource id="smoke-dummy" resource_agent="ocf:pacemaker:Dummy" role="Started"[^>]*>\s*<node name="([^"]+)"/.exec(s)?.[1] === SINGLE_NODE_NAME && s;
    }, 30_000);
    expect(status).toContain('active="true"');
  });

  it('puts the node in standby (reset below)', async () => {
    // not `crm node standby node1`: crmsh 4.4 pings the node name first and, when it does not
    // resolve, only warns and exits 0 without doing anything
    const r = await run(['crm_attribute', '--node', SINGLE_NODE_NAME, '--name', 'standby', '--update', 'on'], { env });
    expect(r.code, r.stderr).toBe(0);
    await waitFor(async () => new RegExp(`<node name="${SINGLE_NODE_NAME}" [^>]*standby="true"`).test(await crmMonXml(env)), 10_000);
  });

  it('resetCib removes resources and node attributes, and keeps the seeded properties', async () => {
    await resetCib(env);
    expect(await crmMonXml(env)).toMatch(new RegExp(`<node name="${SINGLE_NODE_NAME}" [^>]*standby="false"`));
    const cfg = await run(['cibadmin', '--query', '--scope', 'configuration'], { env });
    expect(cfg.stdout).not.toContain('smoke-dummy');
    expect(cfg.stdout).toMatch(/name="stonith-enabled" value="false"/);
    expect(cfg.stdout).toMatch(/name="dc-deadtime" value="2s"/);
    expect(await crmMonXml(env)).not.toContain('<resource ');
  });
});

describe('single/up.sh guards', () => {
  it('refuses a second test run while this run holds the cluster (exit 75)', async () => {
    await ensureSingleNode();
    const r = await run([join(HARNESS_DIR, 'single/up.sh')], {
      env: { ...process.env, HASH_CLUSTER_LEASE: 'another-run', HASH_CLUSTER_LEASE_PID: String(process.pid) },
    });
    expect(r.code).toBe(75);
    expect(r.stderr).toMatch(/busy, in use by vitest-/);
  }, 300_000);

  it('fails with the install command when Pacemaker is missing (exit 3)', async () => {
    // a PATH with the coreutils the script needs before its check, and no cluster tools
    const bin = await mkdtemp(join(tmpdir(), 'hash-nopcmk-'));
    await symlink('/usr/bin/dirname', join(bin, 'dirname'));
    const r = await run(['/bin/bash', join(HARNESS_DIR, 'single/up.sh')], { env: { PATH: bin } });
    await rm(bin, { recursive: true });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('apt-get install -y pacemaker pacemaker-cli-utils corosync crmsh resource-agents');
  });
});

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let n = 0;
    expect(await waitFor(() => (++n >= 3 ? `done after ${n}` : false), 2_000, 10)).toBe('done after 3');
  });

  it('throws with the last error after the timeout', async () => {
    await expect(
      waitFor(() => {
        throw new Error('still down');
      }, 200, 20),
    ).rejects.toThrow(/within 200 ms \(last: still down\)/);
  });
});
