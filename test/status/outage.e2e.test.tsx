/**
 * A real outage: the live view reads the three-node namespace cluster through
 * the tools inside node n1; Pacemaker on n1 is stopped (crm_mon there can no
 * longer reach a cluster), then started again. The view stays up, keeps the
 * last good data on screen, says since when the cluster is unreachable and
 * the time of the last good data, and reconnects by itself.
 */
import React from 'react';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClusterStatus } from '../../src/pacemaker/crm-mon.js';
import { StatusApp } from '../../src/status/app.js';
import { HARNESS_DIR, ensureMultiNode, run, type MultiClusterHandle } from '../cluster/harness.js';
import { renderInTerminal, type Terminal } from './ink-harness.js';
import { NodeExecutor } from './node-executor.js';

let cluster: MultiClusterHandle;
const node = (...args: string[]) => run([join(HARNESS_DIR, 'multi/node.sh'), ...args], { env: cluster.env, timeoutMs: 120_000 });
const seconds = (hms: string): number => hms.split(':').reduce((a, x) => a * 60 + Number(x), 0);

describe('the live view through an outage of the node it reads', () => {
  let t: Terminal | undefined;

  beforeAll(async () => {
    cluster = await ensureMultiNode({ nodes: 3 });
  }, 300_000);

  afterAll(async () => {
    t?.cleanup();
    // leave n1 running for the next file that reuses the cluster
    if (cluster !== undefined && (await cluster.exec('n1', ['crm_mon', '-1'])).code !== 0) await node('start', 'n1');
  }, 120_000);

  it('says the cluster is unreachable with the time of the last good data, keeps it on screen, and reconnects', async () => {
    const n1 = new NodeExecutor('n1', cluster.env);
    t = renderInTerminal(
      <StatusApp
        read={(signal) => readClusterStatus(n1, { kind: 'live' }, { signal })}
        run={async () => {
          throw new Error('no actions here');
        }}
        intervalMs={500}
        color={false}
        size={{ columns: 100, rows: 30 }}
      />,
      { columns: 100, rows: 30 },
    );
    const term = t;
    const up = await term.waitFor((f) => /n1: online/.test(f) && /n3: online/.test(f) && f.includes('updated '), 60_000);
    const before = seconds(/updated (\d\d:\d\d:\d\d)/.exec(up)![1]!);

    // Pacemaker on n1 stops: crm_mon inside n1 fails from now on
    expect((await node('stop', 'n1')).code).toBe(0);
    const down = await term.waitFor((f) => f.includes('cluster unreachable since'), 60_000);
    const m = /cluster unreachable since (\d\d:\d\d:\d\d), last good data at (\d\d:\d\d:\d\d)/.exec(down);
    expect(m, down).not.toBeNull();
    const since = seconds(m![1]!);
    const lastGood = seconds(m![2]!);
    // the last good data is from before the failure, and no older than what the view showed before the stop
    expect(lastGood).toBeGreaterThanOrEqual(before);
    expect(lastGood).toBeLessThanOrEqual(since);
    // and why, in crm_mon's words (the line wraps rather than cutting it)
    expect(down.replace(/\s+/g, ' ')).toMatch(/retrying every 500ms · (crm_mon: \S|pacemakerd is )/);
    for (const l of down.split('\n')) expect(l.length).toBeLessThanOrEqual(100);
    // the view is still up, with the last good data
    expect(down).toContain('Node List:');
    expect(down).toMatch(/n2: online/);
    // and it stays that way while the node is down (still unreachable on later refreshes, nothing thrown)
    await new Promise((r) => setTimeout(r, 1500));
    expect(term.lastFrame()).toContain(`cluster unreachable since ${m![1]}, last good data at ${m![2]}`);

    // Pacemaker on n1 is back: the view reconnects by itself
    expect((await node('start', 'n1')).code).toBe(0);
    const back = await term.waitFor((f) => f.includes('updated ') && !f.includes('unreachable') && /n1: online/.test(f), 120_000);
    expect(seconds(/updated (\d\d:\d\d:\d\d)/.exec(back)![1]!)).toBeGreaterThanOrEqual(since);
  }, 300_000);
});
