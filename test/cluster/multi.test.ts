import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMultiNode, run, waitFor, type MultiClusterHandle } from './harness.js';

let cluster: MultiClusterHandle;

const onlineNodes = (xml: string): string[] => [...xml.matchAll(/<node name="(n\d)" id="\d+" online="true"/g)].map((m) => m[1]!);

describe('three-node namespace cluster', () => {
  beforeAll(async () => {
    cluster = await ensureMultiNode({ nodes: 3 });
  }, 300_000);
  afterAll(async () => {
    // leave nothing configured for the next file that reuses the cluster
    await cluster?.exec('n1', ['cibadmin', '--delete', '--xml-text', '<primitive id="mt-dummy"/>']);
  });

  it('shows a DC and n1..n3 online from every node', async () => {
    expect(cluster.nodes).toEqual(['n1', 'n2', 'n3']);
    for (const n of cluster.nodes) {
      const r = await cluster.exec(n, ['crm_mon', '-1', '--output-as=xml']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('<current_dc present="true"');
      expect(onlineNodes(r.stdout).sort()).toEqual(['n1', 'n2', 'n3']);
    }
  });

  it('keeps nodes apart: own hostname, own /run', async () => {
    expect((await cluster.exec('n2', ['hostname'])).stdout.trim()).toBe('n2');
    await cluster.exec('n1', ['touch', '/run/hash-test-marker']);
    expect((await cluster.exec('n1', ['test', '-e', '/run/hash-test-marker'])).code).toBe(0);
    expect((await cluster.exec('n3', ['test', '-e', '/run/hash-test-marker'])).code).toBe(1);
    await cluster.exec('n1', ['rm', '-f', '/run/hash-test-marker']);
  });

  it('passes exit codes through exec', async () => {
    expect((await cluster.exec('n3', ['sh', '-c', 'exit 7'])).code).toBe(7);
    expect((await cluster.exec('n1', ['crm_resource', '--locate', '--resource', 'no-such-resource'])).code).toBe(105);
  });

  it('reaches every node over ssh', async () => {
    const r = await run(['ssh', '-F', cluster.sshConfig, 'n3', 'hostname; crm_mon -1 --output-as=xml | grep -c online=.true.'], { env: cluster.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['n3', '3']);
  });

  it('moves a Dummy away from a node put in standby', async () => {
    const xml = '<primitive id="mt-dummy" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="mt-dummy-monitor-10s" name="monitor" interval="10s"/></operations></primitive>';
    expect((await cluster.exec('n1', ['cibadmin', '--create', '--scope', 'resources', '--xml-text', xml])).code).toBe(0);
    const where = async (): Promise<string | undefined> => /running on: (n\d)/.exec((await cluster.exec('n1', ['crm_resource', '--locate', '--resource', 'mt-dummy'])).stdout)?.[1];
    const first = await waitFor(where, 30_000);
    expect(await cluster.exec('n1', ['crm_attribute', '--node', first, '--name', 'standby', '--update', 'on'])).toMatchObject({ code: 0 });
    try {
      const second = await waitFor(async () => {
        const w = await where();
        return w !== first && w;
      }, 30_000);
      expect(second).toMatch(/^n[123]$/);
      expect(second).not.toBe(first);
    } finally {
      await cluster.exec('n1', ['crm_attribute', '--node', first, '--name', 'standby', '--delete']);
    }
  });
});
