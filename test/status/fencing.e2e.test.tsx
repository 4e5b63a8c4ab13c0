/**
 * Fencing history from a real cluster: the three-node namespace cluster of the
 * harness records a fencing that fails (`stonith_admin --reboot n2` with no
 * fence device) and one that succeeds (n3 stopped, then `stonith_admin
 * --confirm n3`, a person confirming it is down, which fences no running
 * node). The model, the --once text (against crm_mon's own words, `crm_mon -1
 * --fence-history=3`) and the live ink view, reading through the real
 * tools inside node n1, all show them. The fencers' history is cleaned at the
 * end, and n3 is back.
 */
import React from 'react';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmMon, readClusterStatus } from '../../src/pacemaker/crm-mon.js';
import type { ClusterStatus } from '../../src/pacemaker/status-model.js';
import { StatusApp } from '../../src/status/app.js';
import { formatStatusText } from '../../src/status/text.js';
import { HARNESS_DIR, ensureMultiNode, run, waitFor, type MultiClusterHandle } from '../cluster/harness.js';
import { KEYS, renderInTerminal } from './ink-harness.js';
import { NodeExecutor } from './node-executor.js';

let cluster: MultiClusterHandle;
let n1: NodeExecutor;
const live = { kind: 'live' as const };
const node = (...args: string[]) => run([join(HARNESS_DIR, 'multi/node.sh'), ...args], { env: cluster.env, timeoutMs: 120_000 });
const online = async (name: string): Promise<boolean> => new RegExp(`<node name="${name}" [^>]*online="true"`).test((await cluster.exec('n1', ['crm_mon', '--output-as=xml'])).stdout);

describe('fencing history of a real cluster', () => {
  let status: ClusterStatus;

  beforeAll(async () => {
    cluster = await ensureMultiNode({ nodes: 3 });
    n1 = new NodeExecutor('n1', cluster.env);
    await cluster.exec('n1', ['stonith_admin', '--cleanup', '--history', '*']);
    // 1. a fencing that fails: no device can fence n2 (nothing happens to n2)
    const failed = await cluster.exec('n1', ['stonith_admin', '--reboot', 'n2', '--timeout', '10']);
    expect(failed.code, failed.stdout + failed.stderr).not.toBe(0);
    // 2. one that succeeds: n3 is down, and a person confirms it
    expect((await node('stop', 'n3')).code).toBe(0);
    await waitFor(async () => !(await online('n3')), 60_000, 200);
    const ok = await cluster.exec('n1', ['stonith_admin', '--confirm', 'n3']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect((await node('start', 'n3')).code).toBe(0);
    await waitFor(async () => online('n3'), 90_000, 500);
    const r = await crmMon(n1, live);
    if (!r.ok) throw new Error(r.error);
    status = r.status;
  }, 300_000);

  afterAll(async () => {
    if (cluster === undefined) return;
    await cluster.exec('n1', ['stonith_admin', '--cleanup', '--history', '*']);
    if (!(await online('n3'))) await node('start', 'n3');
  }, 120_000);

  it('decodes both events as crm_mon reports them', () => {
    expect(status.fencing).toHaveLength(2);
    const [confirmed, failed] = status.fencing;
    expect(confirmed).toMatchObject({ status: 'success', action: 'off', target: 'n3', origin: 'n1', delegate: 'a human' });
    expect(confirmed!.client).toMatch(/^stonith_admin\.\d+$/);
    expect(confirmed!.completed).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(failed).toMatchObject({ status: 'failed', action: 'reboot', target: 'n2', origin: 'n1' });
    expect(failed!.delegate).toBeUndefined();
  });

  it('the --once text words each event as crm_mon --fence-history=3 does', async () => {
    const text = formatStatusText(status, { color: false });
    const theirs = (await cluster.exec('n1', ['crm_mon', '-1', '--fence-history=3'])).stdout;
    // crm_mon: "  * turning off of n3 by a human for stonith_admin.86@n1 successful at …" and "  * reboot of n2 for …@n1 failed at …"
    const events = [...theirs.matchAll(/^ {2}\* ((?:turning off|reboot) of n[23] .*(?:successful|failed) at .*)$/gm)].map((m) => m[1]!.replace('last failed at', 'failed at'));
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const e of events) expect(text).toContain(`  * ${e}\n`);
    expect(text).toMatch(/Fencing History:\n {2}\* turning off of n3 by a human for stonith_admin\.\d+@n1 successful at /);
  });

  it('the live view, reading through the tools in n1, shows the history; details of n3 list its fencing', async () => {
    const t = renderInTerminal(
      <StatusApp
        read={(signal) => readClusterStatus(n1, live, { signal })}
        run={async () => {
          throw new Error('no actions here');
        }}
        intervalMs={1000}
        color={false}
        size={{ columns: 100, rows: 30 }}
      />,
      { columns: 100, rows: 30 },
    );
    try {
      const f = await t.waitFor((x) => x.includes('Fencing History:'), 30_000);
      expect(f).toMatch(/turning off of n3 by a human for stonith_admin\.\d+@n1 successful at /);
      expect(f).toMatch(/reboot of n2 for stonith_admin\.\d+@n1 failed at /);
      // the fencing row of n3 is the last but one selectable row
      t.press('G');
      t.press('k');
      await t.waitFor((x) => /› turning off of n3/.test(x));
      t.press(KEYS.enter);
      const d = await t.waitFor((x) => x.includes('Node n3'));
      expect(d).toContain('Fencing');
      expect(d).toMatch(/off success by a human for stonith_admin\.\d+ at /);
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
