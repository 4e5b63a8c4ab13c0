/**
 * End to end: `hash status` in a real terminal (tmux) against the real
 * single-node cluster of the test harness. A Dummy resource is taken through
 * node standby and online, and a failure of it through cleanup, all by keys,
 * and the test watches the screen follow the cluster.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmMonXml, ensureSingleNode, resetCib, run, SINGLE_NODE_NAME, waitFor } from '../cluster/harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SOCKET = `hash-status-e2e-${process.pid}`;
const NODE = SINGLE_NODE_NAME;
let env: Record<string, string>;

const tmux = (...args: string[]) => run(['tmux', '-L', SOCKET, ...args], { env });
const screen = async (): Promise<string> => (await tmux('capture-pane', '-p', '-t', 'st')).stdout;
const press = async (...keys: string[]): Promise<void> => {
  for (const k of keys) await tmux('send-keys', '-t', 'st', k);
};
/** Wait for the screen to satisfy `pred`; the error shows the last screen. */
async function until(pred: (s: string) => boolean, timeoutMs = 60_000): Promise<string> {
  let last = '';
  try {
    return await waitFor(async () => {
      last = await screen();
      return pred(last) && last;
    }, timeoutMs, 200);
  } catch {
    throw new Error(`screen never matched:\n${last}`);
  }
}

describe('hash status on the real cluster, in tmux', () => {
  beforeAll(async () => {
    ({ env } = await ensureSingleNode());
    await resetCib(env);
    const xml =
      '<primitive id="st-dummy" class="ocf" provider="pacemaker" type="Dummy">' +
      '<operations><op id="st-dummy-monitor-5s" name="monitor" interval="5s"/></operations></primitive>';
    const c = await run(['cibadmin', '--create', '--scope', 'resources', '--xml-text', xml], { env });
    expect(c.code, c.stderr).toBe(0);
    await waitFor(async () => /<resource id="st-dummy"[^>]*role="Started"/.test(await crmMonXml(env)), 60_000, 200);
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const r = await tmux(
      'new-session', '-d', '-s', 'st', '-x', '100', '-y', '30',
      '-e', 'TERM=xterm-256color',
      `cd ${ROOT} && exec ${tsx} test/status/status-entry.ts --interval=1s`,
    );
    expect(r.code, r.stderr).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await tmux('kill-server');
    if (env) await resetCib(env).catch(() => {});
  }, 120_000);

  it('shows the node and the Dummy, with the node selected', async () => {
    const s = await until((x) => x.includes(`› ${NODE}: online (DC)`) && x.includes('st-dummy (ocf:pacemaker:Dummy): Started node1'));
    expect(s).toContain('Node List:');
    expect(s).toMatch(/updated \d\d:\d\d:\d\d · every 1s/);
  });

  it('standby by keys: asks with the exact command, then the Dummy stops', async () => {
    await press('s');
    const ask = await until((x) => x.includes('[y]es/[n]o'));
    expect(ask.replace(/\s+/g, ' ')).toContain(`Run: crm_attribute --type nodes --node ${NODE} --name standby --update on --lifetime forever`);
    await press('y');
    const s = await until((x) => x.includes(`› ${NODE}: standby (DC)`) && x.includes('st-dummy (ocf:pacemaker:Dummy): Stopped'));
    expect(s).toContain(`done: put node ${NODE} in standby`);
    expect(await crmMonXml(env)).toMatch(new RegExp(`<node name="${NODE}"[^>]*standby="true"`));
  });

  it('online by keys: the Dummy starts again', async () => {
    await press('o');
    await until((x) => x.includes('[y]es/[n]o') && x.includes('--update off'));
    await press('y');
    await until((x) => x.includes(`› ${NODE}: online (DC)`) && x.includes('st-dummy (ocf:pacemaker:Dummy): Started node1'));
  });

  it('cleanup by keys: a failure of the Dummy goes away', async () => {
    const f = await run(['crm_resource', '--fail', '--resource', 'st-dummy', '--node', NODE], { env });
    expect(f.code, f.stderr).toBe(0);
    await until((x) => x.includes('Failed Resource Actions:'));
    // the failure line is the last selectable row
    await press('G');
    await until((x) => /› st-dummy \S+ on node1: /.test(x));
    await press('c');
    const ask = await until((x) => x.includes('[y]es/[n]o'));
    expect(ask.replace(/\s+/g, ' ')).toContain(`Run: crm_resource --cleanup --resource st-dummy --node ${NODE}`);
    await press('y');
    const s = await until((x) => !x.includes('Failed Resource Actions:') && x.includes('st-dummy (ocf:pacemaker:Dummy): Started node1'));
    expect(s).toContain('done: clean up st-dummy on node1');
    expect(await crmMonXml(env)).not.toContain('<failure ');
  });

  it('q quits and leaves the terminal', async () => {
    await press('q');
    await waitFor(async () => (await tmux('has-session', '-t', 'st')).code !== 0, 20_000, 200);
  });
});
