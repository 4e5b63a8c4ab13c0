/**
 * The live app driven by keys in a fake terminal: selection survives
 * refreshes, an action asks with its exact argv and runs only on `y`, the
 * view follows the (scripted) cluster, an unreachable cluster is reported
 * with the time of the last good data and the view reconnects, the filter,
 * details, help and quit.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { actionArgv, type ActionResult, type ClusterAction } from '../../src/pacemaker/actions.js';
import type { CrmMonResult } from '../../src/pacemaker/crm-mon.js';
import type { ClusterStatus } from '../../src/pacemaker/status-model.js';
import { StatusApp } from '../../src/status/app.js';
import { fixture } from './fixtures.js';
import { KEYS, renderInTerminal, type Terminal } from './ink-harness.js';

/** A scripted cluster: what crm_mon says now, and what actions do to it. */
class FakeCluster {
  status: ClusterStatus = fixture('bug-cl-5212');
  down = false;
  reads = 0;
  ran: ClusterAction[] = [];
  read = async (): Promise<CrmMonResult> => {
    this.reads++;
    if (this.down) return { ok: false, argv: ['crm_mon'], error: 'crm_mon: Not connected (102)' };
    return { ok: true, argv: ['crm_mon'], status: this.status };
  };
  run = async (a: ClusterAction): Promise<ActionResult> => {
    this.ran.push(a);
    if (a.kind === 'node-standby') {
      this.status = { ...this.status, nodes: this.status.nodes.map((n) => (n.name === a.node ? { ...n, standby: true, state: 'standby-with-resources' as const } : n)) };
    }
    return { action: a, argv: actionArgv(a), ok: true, code: 0, stdout: '', stderr: '', message: `done: ${a.kind}` };
  };
}

let term: Terminal | undefined;
afterEach(() => {
  term?.cleanup();
  term = undefined;
});

function start(cluster: FakeCluster, intervalMs = 40): Terminal {
  term = renderInTerminal(<StatusApp read={cluster.read} run={cluster.run} intervalMs={intervalMs} color={false} size={{ columns: 80, rows: 24 }} />);
  return term;
}

describe('the live status app', () => {
  it('selects with keys, keeps the selection over refreshes, and acts only after y', async () => {
    const c = new FakeCluster();
    const t = start(c);
    await t.waitFor((f) => f.includes('› srv01: UNCLEAN (offline)'));
    t.press('j');
    t.press('j');
    await t.waitFor((f) => f.includes('› srv03: online (DC)'));
    const reads = c.reads;
    await t.waitFor(() => c.reads >= reads + 3);
    expect(t.lastFrame()).toContain('› srv03: online (DC)');

    t.press('s');
    const ask = await t.waitFor((f) => f.includes('[y]es/[n]o'));
    expect(ask.replace(/\s+/g, ' ')).toContain('Run: crm_attribute --type nodes --node srv03 --name standby --update on --lifetime forever');
    expect(c.ran).toEqual([]);
    t.press('n');
    await t.waitFor((f) => f.includes('cancelled'));
    expect(c.ran).toEqual([]);

    t.press('s');
    await t.waitFor((f) => f.includes('[y]es/[n]o'));
    t.press('y');
    const after = await t.waitFor((f) => f.includes('› srv03: standby (with active resources) (DC)'));
    expect(after).toContain('done: node-standby');
    expect(c.ran).toEqual([{ kind: 'node-standby', node: 'srv03' }]);
  });

  it('says when the cluster is unreachable, keeps the last data, and reconnects', async () => {
    const c = new FakeCluster();
    const t = start(c);
    await t.waitFor((f) => f.includes('updated '));
    c.down = true;
    const down = await t.waitFor((f) => f.includes('cluster unreachable since'));
    expect(down).toMatch(/cluster unreachable since \d\d:\d\d:\d\d, last good data at \d\d:\d\d:\d\d/);
    expect(down).toContain('srv03: online (DC)');
    c.down = false;
    await t.waitFor((f) => f.includes('updated ') && !f.includes('unreachable'));
  });

  it('filters with /, opens details with Enter, help with ?, and quits with q', async () => {
    const c = new FakeCluster();
    const t = start(c);
    await t.waitFor((f) => f.includes('› srv01'));
    t.press('/');
    for (const ch of 'ping') t.press(ch);
    const filtered = await t.waitFor((f) => f.includes('/ping_'));
    expect(filtered).toContain('Clone Set: clnPingd');
    expect(filtered).not.toContain('srv01: UNCLEAN');
    t.press(KEYS.enter);
    await t.waitFor((f) => f.includes('filter "ping" (Esc clears)'));
    t.press(KEYS.enter);
    const details = await t.waitFor((f) => f.includes('Resource clnPingd (clone)'));
    expect(details).toContain('Instances');
    t.press(KEYS.escape);
    await t.waitFor((f) => f.includes('› ') && f.includes('Clone Set: clnPingd'));
    t.press(KEYS.escape);
    await t.waitFor((f) => f.includes('srv01: UNCLEAN'));
    t.press('?');
    await t.waitFor((f) => f.includes('Keys') && f.includes('s / o'));
    t.press('?');
    await t.waitFor((f) => f.includes('› Clone Set: clnPingd') && !f.includes('s / o'));
    t.press('q');
    await t.instance.waitUntilExit();
  });

  it('takes keys that arrive in one chunk one by one', async () => {
    const c = new FakeCluster();
    const t = start(c, 1000);
    await t.waitFor((f) => f.includes('› srv01'));
    t.press('jj\r');
    await t.waitFor((f) => f.includes('Node srv03') && f.includes('state: online (DC)'));
  });

  it('move asks for the node, then for confirmation', async () => {
    const c = new FakeCluster();
    const t = start(c, 1000);
    await t.waitFor((f) => f.includes('› srv01'));
    // down to the first group member prmStonith1-1, running on srv02
    for (let i = 0; i < 4; i++) t.press('j');
    await t.waitFor((f) => f.includes('› prmStonith1-1'));
    t.press('M');
    const choose = await t.waitFor((f) => f.includes('Move prmStonith1-1 to:'));
    expect(choose).toContain('[srv03]');
    t.press(KEYS.enter);
    const ask = await t.waitFor((f) => f.includes('[y]es/[n]o'));
    expect(ask.replace(/\s+/g, ' ')).toContain('Run: crm_resource --move --resource prmStonith1-1 --node srv03');
    t.press('y');
    await t.waitFor(() => c.ran.length === 1);
    expect(c.ran).toEqual([{ kind: 'resource-move', resource: 'prmStonith1-1', node: 'srv03' }]);
  });
});
