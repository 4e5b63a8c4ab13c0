import { beforeAll, describe, expect, it } from 'vitest';
import { crmMonXml, ensureSingleNode, resetCib, run, SINGLE_NODE_NAME, waitFor } from './harness.js';

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
      return /<resource id="smoke-dummy" resource_agent="ocf:pacemaker:Dummy" role="Started"[^>]*>\s*<node name="node1"/.test(s) && s;
    }, 30_000);
    expect(status).toContain('active="true"');
  });

  it('resetCib removes resources and keeps the seeded properties', async () => {
    await resetCib(env);
    const cfg = await run(['cibadmin', '--query', '--scope', 'configuration'], { env });
    expect(cfg.stdout).not.toContain('smoke-dummy');
    expect(cfg.stdout).toMatch(/name="stonith-enabled" value="false"/);
    expect(cfg.stdout).toMatch(/name="dc-deadtime" value="2s"/);
    expect(await crmMonXml(env)).not.toContain('<resource ');
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
