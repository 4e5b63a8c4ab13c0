/**
 * The `node` level against the real single-node cluster (node1): standby and
 * online with both lifetimes and --all, maintenance/ready, attributes,
 * utilization and transient attributes, each checked in crm_mon's XML or
 * the CIB as Pacemaker reports them; `node fence` only under --dry-run.
 * Last, `hash node standby` beside `crm node standby` on the same cluster.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crmMonXml, ensureSingleNode, resetCib, run, SINGLE_NODE_NAME, waitFor } from '../cluster/harness.js';
import { runHash } from '../cli/run-hash.js';

const N = SINGLE_NODE_NAME;
let env: Record<string, string>;

/** crm_mon's view of node1: its <node> element's attributes. */
async function monNode(): Promise<Record<string, string>> {
  const xml = await crmMonXml(env);
  const el = new RegExp(`<node name="${N}"[^>]*>`).exec(xml)?.[0] ?? '';
  return Object.fromEntries([...el.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** A node attribute as crm_attribute reads it from the live CIB (undefined: not set). */
async function attr(name: string, scope: 'forever' | 'reboot' | 'utilization' = 'forever'): Promise<string | undefined> {
  const how = scope === 'utilization' ? ['--utilization'] : ['--lifetime', scope];
  const r = await run(['crm_attribute', '--node', N, '--name', name, ...how, '--query', '--quiet'], { env });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** Transient attributes outlive resetCib (it resets the configuration): drop the ones these tests set. */
async function dropTransient(): Promise<void> {
  for (const name of ['standby', 'hash-test']) await run(['crm_attribute', '--node', N, '--name', name, '--lifetime', 'reboot', '--delete'], { env });
  await waitFor(async () => (await attr('standby', 'reboot')) === undefined && (await attr('hash-test', 'reboot')) === undefined, 20_000);
}

beforeAll(async () => {
  ({ env } = await ensureSingleNode());
}, 300_000);
beforeEach(async () => {
  await resetCib(env);
  await dropTransient();
}, 120_000);
afterAll(async () => {
  await dropTransient();
  await resetCib(env);
}, 120_000);

describe('node standby / online on the cluster', () => {
  it('standby, then online: crm_mon follows', async () => {
    const r = runHash(['node', 'standby', N], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`node ${N}: standby (lifetime forever)\n`);
    await waitFor(async () => (await monNode()).standby === 'true', 20_000);
    expect(await attr('standby')).toBe('on');

    const o = runHash(['node', 'online', N], { env });
    expect(o.code, o.stderr).toBe(0);
    await waitFor(async () => (await monNode()).standby === 'false', 20_000);
    expect(await attr('standby')).toBe('off');
  });

  it('standby with lifetime reboot is a transient attribute (through the attribute daemon); forever replaces it', async () => {
    const r = runHash(['node', 'standby', N, 'reboot'], { env });
    expect(r.code, r.stderr).toBe(0);
    await waitFor(async () => (await attr('standby', 'reboot')) === 'on', 20_000);
    await waitFor(async () => (await monNode()).standby === 'true', 20_000);
    expect(await attr('standby')).toBeUndefined();

    const f = runHash(['node', 'standby', N, 'lifetime=forever'], { env });
    expect(f.code, f.stderr).toBe(0);
    expect(await attr('standby')).toBe('on');
    await waitFor(async () => (await attr('standby', 'reboot')) === undefined, 20_000);
    expect((await monNode()).standby).toBe('true');

    const back = runHash(['node', 'standby', N, 'reboot'], { env });
    expect(back.code, back.stderr).toBe(0);
    await waitFor(async () => (await attr('standby', 'reboot')) === 'on', 20_000);
    expect(await attr('standby')).toBeUndefined();

    // online clears both kinds
    const o = runHash(['node', 'online', N], { env });
    expect(o.code, o.stderr).toBe(0);
    await waitFor(async () => (await attr('standby', 'reboot')) === 'off', 20_000);
    await waitFor(async () => (await monNode()).standby === 'false', 20_000);
  });

  it('--all: every node of the cluster', async () => {
    const r = runHash(['node', 'standby', '--all'], { env });
    expect(r.code, r.stderr).toBe(0);
    await waitFor(async () => (await monNode()).standby === 'true', 20_000);
    const o = runHash(['node', 'online', '--all'], { env });
    expect(o.code, o.stderr).toBe(0);
    await waitFor(async () => (await monNode()).standby === 'false', 20_000);
  });

  it('an unknown node changes nothing and says which nodes there are', async () => {
    const before = (await run(['cibadmin', '--query', '--scope', 'nodes'], { env })).stdout;
    const r = runHash(['node', 'standby', 'nosuchnode'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no node 'nosuchnode' in the CIB (live)");
    expect((await run(['cibadmin', '--query', '--scope', 'nodes'], { env })).stdout).toBe(before);
  });
});

describe('node maintenance and attributes on the cluster', () => {
  it('maintenance, then ready: crm_mon follows', async () => {
    expect(runHash(['node', 'maintenance', N], { env }).code).toBe(0);
    await waitFor(async () => (await monNode()).maintenance === 'true', 20_000);
    expect(runHash(['node', 'ready', N], { env }).code).toBe(0);
    await waitFor(async () => (await monNode()).maintenance === 'false', 20_000);
  });

  it('attribute and utilization: set, show, delete', async () => {
    expect(runHash(['node', 'attribute', N, 'set', 'rack', 'r7'], { env }).code).toBe(0);
    expect(await attr('rack')).toBe('r7');
    const show = runHash(['node', 'attribute', N, 'show', 'rack'], { env });
    expect(show.stdout).toBe('scope=nodes  name=rack value=r7\n');
    await waitFor(async () => /<attribute name="rack" value="r7"/.test(await crmMonXml(env)), 20_000);
    expect(runHash(['node', 'attribute', N, 'delete', 'rack'], { env }).code).toBe(0);
    expect(await attr('rack')).toBeUndefined();

    expect(runHash(['node', 'utilization', N, 'set', 'memory', '4096'], { env }).code).toBe(0);
    expect(await attr('memory', 'utilization')).toBe('4096');
    expect(runHash(['node', 'utilization', N, 'show'], { env }).stdout).toBe('memory=4096\n');
    const list = runHash(['node', 'show', N], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${N}\\(\\d+\\): member, online, DC\\n(.*\\n)*\\tutilization: memory=4096\\n`));
    expect(runHash(['node', 'utilization', N, 'delete', 'memory'], { env }).code).toBe(0);
    expect(await attr('memory', 'utilization')).toBeUndefined();
  });

  it('status-attr: transient, through the attribute daemon', async () => {
    expect(runHash(['node', 'status-attr', N, 'set', 'hash-test', 'yes'], { env }).code).toBe(0);
    await waitFor(async () => (await attr('hash-test', 'reboot')) === 'yes', 20_000);
    expect(await attr('hash-test')).toBeUndefined();
    const status = (await run(['cibadmin', '--query', '--scope', 'status'], { env })).stdout;
    expect(status).toMatch(/<transient_attributes[^]*name="hash-test" value="yes"/);
    expect(runHash(['node', 'status-attr', N, 'show', 'hash-test'], { env }).stdout).toBe('scope=status  name=hash-test value=yes\n');
    expect(runHash(['node', 'status-attr', N, 'show'], { env }).stdout).toContain('hash-test=yes\n');
    expect(runHash(['node', 'status-attr', N, 'delete', 'hash-test'], { env }).code).toBe(0);
    await waitFor(async () => (await attr('hash-test', 'reboot')) === undefined, 20_000);
  });
});

describe('node fence (dry run only)', () => {
  it('shows the question and the stonith_admin call; the node stays up', async () => {
    const r = runHash(['--dry-run', 'node', 'fence', N], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`would ask: Fence node ${N}? Its fence device will power it off or reboot it (stonith_admin --fence ${N})`);
    expect(r.stdout).toBe(`would run: stonith_admin --fence ${N}\n`);
    const n = await monNode();
    expect(n.online).toBe('true');
    expect(n.unclean).toBe('false');
  });

  it('without --force, off a terminal, it is refused', async () => {
    const r = runHash(['node', 'fence', N], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('add --force (or -y) to answer yes');
    expect((await monNode()).online).toBe('true');
  });

  it('delete of the node the cluster runs on is refused while it is active', async () => {
    const r = runHash(['--force', '--dry-run', 'node', 'delete', N], { env });
    // --force also overrides the check: with it and --dry-run, only the calls are shown
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`would run: crm_node --force --remove ${N}\nwould run: cibadmin --delete-all --force --xpath "/cib/configuration/nodes/node[@uname='${N}']|/cib/status/node_state[@uname='${N}']"\n`);
    const no = runHash(['--dry-run', 'node', 'delete', N], { env });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain(`node ${N} is still an active member of the cluster`);
  });
});

describe('speed', () => {
  it('hash node standby beside crm node standby on the same cluster', async () => {
    const timed = (f: () => { code: number; stderr: string }): number => {
      const t0 = process.hrtime.bigint();
      const r = f();
      if (r.code !== 0) throw new Error(r.stderr);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const hash: number[] = [];
    const crm: number[] = [];
    let crmChanged = 0;
    for (let i = 0; i < 5; i++) {
      hash.push(timed(() => runHash(['node', 'standby', N], { env })));
      expect(await attr('standby')).toBe('on');
      runHash(['node', 'online', N], { env });
      // crmsh is the comparison, not the subject: only its exit code is checked
      crm.push(
        timed(() => {
          const r = spawnSync('crm', ['node', 'standby', N], { env, encoding: 'utf8', input: '' });
          return { code: r.status ?? -1, stderr: r.stderr };
        }),
      );
      if ((await attr('standby')) === 'on') crmChanged++;
      runHash(['node', 'online', N], { env });
    }
    const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    process.stderr.write(
      `node standby on the live cluster, median of 5: hash ${med(hash).toFixed(0)} ms, crm ${med(crm).toFixed(0)} ms (crm/hash ${(med(crm) / med(hash)).toFixed(2)}); ` +
        `crm changed the node in ${crmChanged} of 5 runs (it skips a node whose name does not resolve for ping)\n`,
    );
    expect(hash).toHaveLength(5);
  }, 120_000);
});
