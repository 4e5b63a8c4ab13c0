import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalExecutor } from '../../src/exec/local.js';
import type { ExecOptions, ExecResult, Executor } from '../../src/exec/types.js';
import {
  agentMetadata,
  agentSpecString,
  clearAgentCache,
  flushAgentCache,
  listAgents,
  listAllAgents,
  listClasses,
  listProviders,
  parseAgentMetadata,
} from '../../src/pacemaker/ra.js';

/** The real local executor, counting the crm_resource runs it makes. */
class Counting implements Executor {
  readonly target = 'local';
  readonly runs: string[][] = [];
  private readonly inner = new LocalExecutor();
  exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult> {
    this.runs.push([...argv]);
    return this.inner.exec(argv, opts);
  }
}

const cacheDir = mkdtempSync(join(tmpdir(), 'hash-ra-test-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
beforeEach(() => clearAgentCache());

describe('agentMetadata with the real resource-agents', () => {
  it('ocf:heartbeat:IPaddr2: ip is the one required parameter; actions with timeouts', async () => {
    const md = await agentMetadata(new LocalExecutor(), 'ocf:heartbeat:IPaddr2', { cacheDir: null });
    expect(md).not.toBeNull();
    expect(md!.spec).toBe('ocf:heartbeat:IPaddr2');
    expect(md!.parameters.filter((p) => p.required).map((p) => p.name)).toEqual(['ip']);
    const ip = md!.parameters.find((p) => p.name === 'ip')!;
    expect(ip).toMatchObject({ unique: true, type: 'string', shortdesc: 'IPv4 or IPv6 address' });
    expect(md!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['nic', 'cidr_netmask', 'broadcast', 'iflabel']));
    expect(md!.actions.find((a) => a.name === 'monitor')).toMatchObject({ timeout: '20s', interval: '10s', depth: '0' });
    expect(md!.shortdesc).toMatch(/virtual IPv4 and IPv6 addresses/);
  });

  it('ocf:pacemaker:Dummy: no required parameters, the usual actions', async () => {
    const md = await agentMetadata(new LocalExecutor(), 'ocf:pacemaker:Dummy', { cacheDir: null });
    expect(md!.parameters.some((p) => p.required)).toBe(false);
    expect(md!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['state', 'fake']));
    expect(md!.actions.map((a) => a.name)).toEqual(expect.arrayContaining(['start', 'stop', 'monitor', 'migrate_to', 'migrate_from']));
  });

  it('ocf:linbit:drbd and lsb:mysqld are not installed here: null, not an exception', async () => {
    expect(await agentMetadata(new LocalExecutor(), 'ocf:linbit:drbd', { cacheDir: null })).toBeNull();
    expect(await agentMetadata(new LocalExecutor(), 'lsb:mysqld', { cacheDir: null })).toBeNull();
  });

  it('one crm_resource run per agent per process, even for concurrent lookups', async () => {
    const ex = new Counting();
    const all = await Promise.all([
      agentMetadata(ex, 'ocf:pacemaker:Dummy', { cacheDir: null }),
      agentMetadata(ex, 'ocf:pacemaker:Dummy', { cacheDir: null }),
      agentMetadata(ex, 'ocf:linbit:drbd', { cacheDir: null }),
    ]);
    await agentMetadata(ex, 'ocf:pacemaker:Dummy', { cacheDir: null });
    await agentMetadata(ex, 'ocf:linbit:drbd', { cacheDir: null });
    expect(all[0]).toBe(all[1]);
    expect(ex.runs).toEqual([
      ['crm_resource', '--show-metadata', 'ocf:pacemaker:Dummy'],
      ['crm_resource', '--show-metadata', 'ocf:linbit:drbd'],
    ]);
  });

  it('the disk cache answers a new process without running crm_resource, and is keyed by the agent file', async () => {
    const specs = ['ocf:heartbeat:IPaddr2', 'ocf:pacemaker:Dummy', 'ocf:heartbeat:Filesystem', 'lsb:dbus', 'ocf:linbit:drbd', 'lsb:mysqld'];
    const cold = new Counting();
    const t0 = performance.now();
    const first = await Promise.all(specs.map((s) => agentMetadata(cold, s, { cacheDir })));
    const coldMs = performance.now() - t0;
    await flushAgentCache();
    expect(cold.runs).toHaveLength(specs.length);
    const file = JSON.parse(readFileSync(join(cacheDir, 'ra-metadata.json'), 'utf8')) as { entries: Record<string, { key: string }> };
    expect(Object.keys(file.entries).sort()).toEqual([...specs].sort());
    expect(file.entries['ocf:heartbeat:IPaddr2']!.key).toMatch(/^\/usr\/lib\/ocf\/resource\.d\/heartbeat\/IPaddr2:/);
    // not installed: remembered against the directory it would appear in
    expect(file.entries['ocf:linbit:drbd']!.key).toMatch(/^absent:\/usr\/lib\/ocf\/resource\.d:/);
    expect(file.entries['lsb:mysqld']!.key).toMatch(/^absent:\/etc\/init\.d:/);
    expect(first.map((m) => m === null)).toEqual([false, false, false, false, true, true]);

    clearAgentCache(); // as if a new process started
    const warm = new Counting();
    const t1 = performance.now();
    const again = await Promise.all(specs.map((s) => agentMetadata(warm, s, { cacheDir })));
    const warmMs = performance.now() - t1;
    expect(warm.runs).toEqual([]);
    expect(again).toEqual(first);
    console.log(`ra metadata for ${specs.length} agents: cold ${coldMs.toFixed(0)} ms, warm disk cache ${warmMs.toFixed(1)} ms`);
  });

  it('a stale disk entry (agent file changed) is not used', async () => {
    await agentMetadata(new LocalExecutor(), 'ocf:pacemaker:Dummy', { cacheDir });
    await flushAgentCache();
    const path = join(cacheDir, 'ra-metadata.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, { key: string; metadata: { parameters: unknown[] } }> };
    file.entries['ocf:pacemaker:Dummy']!.key = 'old';
    file.entries['ocf:pacemaker:Dummy']!.metadata.parameters = [];
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, JSON.stringify(file));
    clearAgentCache();
    const ex = new Counting();
    const md = await agentMetadata(ex, 'ocf:pacemaker:Dummy', { cacheDir });
    expect(ex.runs).toHaveLength(1);
    expect(md!.parameters.length).toBeGreaterThan(0);
  });

  it('an agent installed after its absence was cached is found (the directory changed)', async () => {
    // Pacemaker only looks in its compiled OCF directory, so installing a real agent would mean writing to
    // /usr/lib/ocf; here the directory is a temp one and crm_resource's answers are scripted accordingly
    const ocfPath = mkdtempSync(join(tmpdir(), 'hash-ocf-'));
    const dir = mkdtempSync(join(tmpdir(), 'hash-ra-cache-'));
    let installed = false;
    const runs: string[][] = [];
    const ex: Executor = {
      target: 'local',
      exec: async (argv) => {
        runs.push([...argv]);
        return installed
          ? { stdout: '<resource-agent name="Thing"><parameters><parameter name="x" required="1"/></parameters></resource-agent>', stderr: '', code: 0, signal: null }
          : { stdout: '', stderr: 'crm_resource: Metadata query for ocf:acme:Thing failed: No such device or address\n', code: 105, signal: null };
      },
    };
    try {
      expect(await agentMetadata(ex, 'ocf:acme:Thing', { cacheDir: dir, ocfPath })).toBeNull();
      await flushAgentCache();
      clearAgentCache();
      expect(await agentMetadata(ex, 'ocf:acme:Thing', { cacheDir: dir, ocfPath })).toBeNull();
      expect(runs).toHaveLength(1); // the absence came from the disk cache
      const { mkdirSync, writeFileSync } = await import('node:fs');
      mkdirSync(join(ocfPath, 'acme'));
      writeFileSync(join(ocfPath, 'acme', 'Thing'), '#!/bin/sh\n');
      installed = true;
      clearAgentCache();
      const md = await agentMetadata(ex, 'ocf:acme:Thing', { cacheDir: dir, ocfPath });
      expect(md?.parameters.map((p) => p.name)).toEqual(['x']);
      expect(runs).toHaveLength(2);
    } finally {
      rmSync(ocfPath, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a remote executor never uses the disk cache by default', async () => {
    const local = new Counting();
    const remote: Executor = { target: 'ssh://node2', exec: (argv, opts) => local.exec(argv, opts) };
    await agentMetadata(remote, 'ocf:pacemaker:Dummy');
    expect(local.runs).toHaveLength(1);
  });

  it('crm_resource missing is an ExecError with a hint, not "agent not installed"', async () => {
    const ex = new LocalExecutor({ ...process.env, PATH: '/nonexistent' });
    await expect(agentMetadata(ex, 'ocf:pacemaker:Dummy', { cacheDir: null })).rejects.toMatchObject({ name: 'ExecError', hint: expect.stringMatching(/crm_resource/) });
  });
});

describe('parseAgentMetadata', () => {
  it('reads OCF 1.1 deprecation, fence-agent style shortdesc attributes, and rejects non-metadata', () => {
    const md = parseAgentMetadata(
      `<?xml version="1.0"?><!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
       <resource-agent name="fence_x" shortdesc="X fence agent"><parameters>
         <parameter name="old" unique="0" required="0"><deprecated/><shortdesc lang="en">Old</shortdesc><content type="boolean" default="false"/></parameter>
         <parameter name="port" required="1" obsoletes="old"><shortdesc lang="de">Anschluss</shortdesc><shortdesc lang="en">Port</shortdesc></parameter>
       </parameters><actions><action name="on" on_target="1"/><action name="monitor" timeout="20s" role="Promoted"/></actions></resource-agent>`,
      'stonith:fence_x',
    );
    expect(md).toEqual({
      spec: 'stonith:fence_x',
      shortdesc: 'X fence agent',
      parameters: [
        { name: 'old', required: false, unique: false, type: 'boolean', default: 'false', shortdesc: 'Old', deprecated: true },
        { name: 'port', required: true, unique: false, shortdesc: 'Port', obsoletes: 'old' },
      ],
      actions: [{ name: 'on' }, { name: 'monitor', timeout: '20s', role: 'Promoted' }],
    });
    expect(parseAgentMetadata('not xml <', 'x')).toBeNull();
    expect(parseAgentMetadata('<pacemaker-result/>', 'x')).toBeNull();
  });

  it('agentSpecString spells specs the way crm_resource takes them', () => {
    expect(agentSpecString({ type: 'IPaddr2' })).toBe('ocf:heartbeat:IPaddr2');
    expect(agentSpecString({ class: 'ocf', provider: 'linbit', type: 'drbd' })).toBe('ocf:linbit:drbd');
    expect(agentSpecString({ class: 'lsb', type: 'mysqld' })).toBe('lsb:mysqld');
  });
});

describe('lists', () => {
  const ex = new LocalExecutor();
  it('classes, providers and agents as crm_resource reports them', async () => {
    const classes = await listClasses(ex);
    expect(classes).toEqual(expect.arrayContaining(['ocf', 'lsb', 'stonith']));
    expect(await listProviders(ex)).toEqual(expect.arrayContaining(['heartbeat', 'pacemaker']));
    expect(await listProviders(ex, 'Dummy')).toEqual(['heartbeat', 'pacemaker']);
    expect(await listProviders(ex, 'IPaddr2')).toEqual(['heartbeat']);
    const pcmk = await listAgents(ex, 'ocf', 'pacemaker');
    expect(pcmk).toEqual(expect.arrayContaining(['Dummy', 'Stateful', 'remote']));
    expect(pcmk).not.toContain('IPaddr2');
    const ocf = await listAgents(ex, 'ocf');
    expect(new Set(ocf).size).toBe(ocf.length); // Dummy is in two providers, listed once
    expect(await listAgents(ex, 'ocf', 'linbit')).toEqual([]);
  });
  it('listAllAgents: full specs of every class and provider, once per process', async () => {
    const counting = new Counting();
    const all = await listAllAgents(counting);
    expect(all).toEqual(expect.arrayContaining(['ocf:heartbeat:IPaddr2', 'ocf:pacemaker:Dummy', 'ocf:heartbeat:Dummy', 'stonith:fence_ipmilan']));
    expect(all.some((s) => s.startsWith('lsb:'))).toBe(true);
    expect(all.some((s) => s.startsWith('service:'))).toBe(false);
    const runs = counting.runs.length;
    expect(await listAllAgents(counting)).toBe(all);
    expect(counting.runs.length).toBe(runs);
  }, 60_000);
});
