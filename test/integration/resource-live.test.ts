/**
 * The `resource` level against a real single-node Pacemaker (the harness):
 * Dummy resources are stopped, started, restarted, banned, moved and
 * cleared, their fail counts, parameters and meta attributes changed — and
 * every time crm_mon is asked what the cluster actually did.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCrmMonXml } from '../../src/pacemaker/crm-mon.js';
import { walkResources, type PrimitiveStatus } from '../../src/pacemaker/status-model.js';
import { crmMonXml, ensureSingleNode, resetCib, run, SINGLE_NODE_NAME, waitFor } from '../cluster/harness.js';
import { runHash } from '../cli/run-hash.js';

const NODE = SINGLE_NODE_NAME;
let env: Record<string, string>;

const DUMMY = 'class="ocf" provider="pacemaker" type="Dummy"';
const ops = (id: string): string => `<operations><op id="${id}-monitor-5s" name="monitor" interval="5s"/></operations>`;
const RESOURCES = [
  `<primitive id="r1" ${DUMMY}>${ops('r1')}</primitive>`,
  `<group id="rg"><primitive id="rg1" ${DUMMY}>${ops('rg1')}</primitive><primitive id="rg2" ${DUMMY}>${ops('rg2')}</primitive></group>`,
  `<clone id="rc"><primitive id="rcp" ${DUMMY}>${ops('rcp')}</primitive></clone>`,
];

/** Every primitive instance crm_mon reports, by id without the clone suffix. */
async function instances(): Promise<Map<string, PrimitiveStatus[]>> {
  const r = parseCrmMonXml(await crmMonXml(env));
  if (!r.ok) throw new Error(r.error);
  const out = new Map<string, PrimitiveStatus[]>();
  for (const x of walkResources(r.status.resources)) {
    if (x.type !== 'primitive') continue;
    const id = x.id.replace(/:\d+$/, '');
    out.set(id, [...(out.get(id) ?? []), x]);
  }
  return out;
}

/** Wait until every named resource has the role (Started on NODE, or Stopped) and the cluster is idle. */
async function settle(role: 'Started' | 'Stopped', ...ids: string[]): Promise<void> {
  await waitFor(async () => {
    const all = await instances();
    return ids.every((id) => {
      const xs = all.get(id) ?? [];
      return xs.length > 0 && xs.every((x) => x.role === role && (role === 'Stopped' ? x.nodes.length === 0 : x.nodes.includes(NODE)));
    });
  }, 30_000, 200);
  await run(['crm_resource', '--wait', '--timeout=30s'], { env });
}

const hash = (...args: string[]) => runHash(args, { env });

beforeAll(async () => {
  ({ env } = await ensureSingleNode());
}, 300_000);

beforeEach(async () => {
  await resetCib(env);
  for (const xml of RESOURCES) {
    const r = await run(['cibadmin', '--create', '--scope', 'resources', '--xml-text', xml], { env });
    if (r.code !== 0) throw new Error(`cibadmin --create: ${r.stderr}`);
  }
  await settle('Started', 'r1', 'rg1', 'rg2', 'rcp');
}, 120_000);

describe('resource on the live cluster', () => {
  it('status shows the resources where they run; locate names the node', async () => {
    const s = hash('resource', 'status');
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(`* r1 (ocf:pacemaker:Dummy): Started ${NODE}`);
    expect(s.stdout).toMatch(new RegExp(`\\* Resource Group: rg\\n    \\* rg1 \\(ocf:pacemaker:Dummy\\): Started ${NODE}\\n    \\* rg2 `));
    expect(s.stdout).toMatch(new RegExp(`Clone Set: rc \\[rcp\\][^\\n]*\\n    \\* Started: \\[ ${NODE} \\]`));
    const l = hash('resource', 'locate', 'r1');
    expect(l.stdout).toBe(`resource r1 is running on: ${NODE}\n`);
  });

  it('stop and start a primitive, a group and a clone', async () => {
    expect(hash('resource', 'stop', 'r1', 'rg', 'rc').code).toBe(0);
    await settle('Stopped', 'r1', 'rg1', 'rg2', 'rcp');
    // the clone got target-role, as crmsh sets it
    expect((await run(['crm_resource', '--resource', 'rc', '--meta', '--get-parameter', 'target-role'], { env })).stdout.trim()).toBe('Stopped');
    expect(hash('resource', 'locate', 'r1').stdout).toBe('resource r1 is NOT running\n');
    expect(hash('resource', 'start', 'r1', 'rg', 'rc').code).toBe(0);
    await settle('Started', 'r1', 'rg1', 'rg2', 'rcp');
  });

  it('restart stops, waits for the stop, starts, and says so', async () => {
    const startCall = async (): Promise<number> => {
      const out = (await run(['crm_resource', '--list-operations', '--resource', 'r1'], { env })).stdout;
      return Math.max(...[...out.matchAll(/r1_start_0 \(node=\S+, call=(\d+)/g)].map((m) => Number(m[1])));
    };
    const before = await startCall();
    const r = hash('resource', 'restart', 'r1');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^ordering r1 to stop\nwaiting for stop to finish … done \(\d+\.\d s\)\nordering r1 to start\n$/);
    await settle('Started', 'r1');
    expect(await startCall()).toBeGreaterThan(before);
  });

  it('ban, move and clear: the constraints and where the resource runs', async () => {
    const ban = hash('resource', 'ban', 'r1', NODE);
    expect(ban.code).toBe(0);
    expect(ban.stderr).toContain(`Ban constraint created for r1 on ${NODE}`);
    await settle('Stopped', 'r1');
    expect((await run(['cibadmin', '--query', '--scope', 'constraints'], { env })).stdout).toContain(`id="cli-ban-r1-on-${NODE}"`);
    expect(hash('resource', 'unban', 'r1').code).toBe(0);
    await settle('Started', 'r1');
    expect((await run(['cibadmin', '--query', '--scope', 'constraints'], { env })).stdout).not.toContain('cli-');

    // already there: crm_resource refuses unless forced, and its reason reaches the user
    const there = hash('resource', 'move', 'r1', NODE);
    expect(there.code).toBe(1);
    expect(there.stderr).toMatch(new RegExp(`r1 already runs on ${NODE}\\n\\s+hint: \`move r1 ${NODE} force\` adds the constraint anyway`));
    const forced = hash('resource', 'migrate', 'r1', NODE, 'lifetime=PT10M', 'force');
    expect(forced.code).toBe(0);
    expect((await run(['cibadmin', '--query', '--scope', 'constraints'], { env })).stdout).toMatch(/id="cli-prefer-r1"[^]*cli-prefer-lifetime-end-r1/);
    const c = hash('resource', 'constraints', 'r1');
    expect(c.stdout).toContain('cli-prefer-rule-r1');
    expect(hash('resource', 'clear', 'r1').code).toBe(0);
    expect((await run(['cibadmin', '--query', '--scope', 'constraints'], { env })).stdout).not.toContain('cli-');
    await settle('Started', 'r1');
  });

  it('failcount set, show and delete; cleanup forgets failures', async () => {
    expect(hash('resource', 'failcount', 'r1', 'set', NODE, '3', 'monitor', '5').code).toBe(0);
    await waitFor(() => hash('resource', 'failcount', 'r1', 'show', NODE).stdout === `scope=status  name=fail-count-r1 value=3\n`, 15_000, 200);
    // one recorded failure now: set needs no operation
    expect(hash('resource', 'failcount', 'r1', 'set', NODE, '2').code).toBe(0);
    await waitFor(() => hash('resource', 'failcount', 'r1', 'show', NODE).stdout.endsWith('value=2\n'), 15_000, 200);
    expect(hash('resource', 'failcount', 'r1', 'delete', NODE).code).toBe(0);
    await waitFor(() => hash('resource', 'failcount', 'r1', 'show', NODE).stdout.endsWith('value=0\n'), 15_000, 200);

    expect(hash('resource', 'failcount', 'r1', 'set', NODE, '1', 'monitor', '5').code).toBe(0);
    await waitFor(() => hash('resource', 'failcount', 'r1', 'show', NODE).stdout.endsWith('value=1\n'), 15_000, 200);
    const c = hash('resource', 'cleanup', 'r1');
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/Cleaned up r1 on/);
    await waitFor(() => hash('resource', 'failcount', 'r1', 'show', NODE).stdout.endsWith('value=0\n'), 15_000, 200);
    await settle('Started', 'r1');
    expect(hash('resource', 'refresh', 'r1', NODE).code).toBe(0);
    await settle('Started', 'r1');
  });

  it('param and meta: set, show, delete — and target-role through meta stops it', async () => {
    expect(hash('resource', 'param', 'r1', 'set', 'fake', 'changed').code).toBe(0);
    expect(hash('resource', 'param', 'r1', 'show', 'fake').stdout).toBe('changed\n');
    expect(hash('resource', 'param', 'r1', 'delete', 'fake').code).toBe(0);
    expect(hash('resource', 'param', 'r1', 'show', 'fake').code).toBe(1);
    expect(hash('resource', 'meta', 'r1', 'set', 'target-role', 'Stopped').code).toBe(0);
    await settle('Stopped', 'r1');
    expect(hash('resource', 'meta', 'r1', 'show', 'target-role').stdout).toBe('Stopped\n');
    expect(hash('resource', 'meta', 'r1', 'delete', 'target-role').code).toBe(0);
    await settle('Started', 'r1');
  });

  it('unmanage leaves the resource alone; maintenance on and off', async () => {
    expect(hash('resource', 'unmanage', 'r1').code).toBe(0);
    await waitFor(async () => (await instances()).get('r1')?.[0]?.managed === false, 15_000, 200);
    expect(hash('resource', 'manage', 'r1').code).toBe(0);
    await waitFor(async () => (await instances()).get('r1')?.[0]?.managed === true, 15_000, 200);
    expect(hash('resource', 'maintenance', 'rg').code).toBe(0);
    await waitFor(async () => (await instances()).get('rg1')?.[0]?.managed === false, 15_000, 200);
    expect(hash('resource', 'maintenance', 'rg', 'off').code).toBe(0);
    await waitFor(async () => (await instances()).get('rg1')?.[0]?.managed === true, 15_000, 200);
  });

  it('operations and scores read the live cluster', async () => {
    const o = hash('resource', 'operations', 'r1');
    expect(o.code).toBe(0);
    expect(o.stdout).toMatch(/r1_monitor_5000 \(node=/);
    const s = hash('resource', 'scores');
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(new RegExp(`^  resource +${NODE}\\n`, 'm'));
    expect(s.stdout).toMatch(/^  r1 +\S+$/m);
  });

  it('a missing resource: exit 1 with the closest id, the cluster untouched', async () => {
    const epoch = async (): Promise<string> => /\bepoch="(\d+)"/.exec((await run(['cibadmin', '--query', '--xpath', '/cib', '--no-children'], { env })).stdout)?.[1] ?? '';
    const before = await epoch();
    for (const args of [['stop', 'r11'], ['restart', 'rgg'], ['ban', 'r11', NODE], ['cleanup', 'r11'], ['locate', 'rcc']]) {
      const r = hash('resource', ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/resource '(r11|rgg|rcc)' does not exist\n\s+hint: did you mean '(r1|rg|rc)'\?/);
    }
    expect(await epoch()).toBe(before);
  });
});
