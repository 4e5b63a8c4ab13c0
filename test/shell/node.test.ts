/**
 * The `node` level on real CIB files (copies of demo/cib.xml: nodes n1 n2
 * n3, n3 in standby) with the real Pacemaker tools: what each command
 * changes, what `--dry-run` prints instead, and the errors. The calls the
 * level plans (src/pacemaker/node.ts) are checked as data too.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NODES_QUERY_ARGV,
  nodeAttrArgv,
  nodesOfCibText,
  parseNodeStates,
  parseNodesQuery,
  planOnline,
  planStandby,
  standbyArgv,
  xpathString,
  type CibNode,
} from '../../src/pacemaker/node.js';
import { actionArgv } from '../../src/pacemaker/actions.js';
import { cibVersion, read, ROOT, runHash } from '../cli/run-hash.js';

function demoCib(): { path: string; env: Record<string, string | undefined> } {
  const dir = mkdtempSync(join(tmpdir(), 'hash-node-'));
  const path = join(dir, 'cib.xml');
  copyFileSync(join(ROOT, 'demo', 'cib.xml'), path);
  return { path, env: { CIB_file: path, CIB_shadow: undefined } };
}

/** A node attribute as the real crm_attribute reads it from the file (undefined: not set). */
function attr(path: string, node: string, name: string, lifetime: 'forever' | 'reboot' | 'utilization' = 'forever'): string | undefined {
  const scope = lifetime === 'utilization' ? ['--utilization'] : ['--lifetime', lifetime];
  const r = spawnSync('crm_attribute', ['--node', node, '--name', name, ...scope, '--query', '--quiet'], { env: { ...process.env, CIB_file: path }, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function crmAttribute(path: string, ...args: string[]): void {
  const r = spawnSync('crm_attribute', args, { env: { ...process.env, CIB_file: path }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`crm_attribute ${args.join(' ')}: ${r.stderr}`);
}

describe('node standby / online', () => {
  it('standby <node> puts the node in standby for good, with the call the status view makes', () => {
    const cib = demoCib();
    const v0 = cibVersion(cib.path).epoch;
    const r = runHash(['node', 'standby', 'n1'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('node n1: standby (lifetime forever)\n');
    expect(attr(cib.path, 'n1', 'standby')).toBe('on');
    expect(attr(cib.path, 'n1', 'standby', 'reboot')).toBeUndefined();
    expect(cibVersion(cib.path).epoch).toBe(v0 + 1);
  });

  it('standby <node> reboot (or lifetime=reboot) is a transient standby, and drops a permanent one', () => {
    const cib = demoCib();
    expect(attr(cib.path, 'n3', 'standby')).toBe('on');
    const r = runHash(['node', 'standby', 'n3', 'reboot'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(attr(cib.path, 'n3', 'standby', 'reboot')).toBe('on');
    expect(attr(cib.path, 'n3', 'standby')).toBeUndefined();

    const r2 = runHash(['node', 'standby', 'n1', 'lifetime=reboot'], { env: cib.env });
    expect(r2.code, r2.stderr).toBe(0);
    expect(attr(cib.path, 'n1', 'standby', 'reboot')).toBe('on');
  });

  it('a permanent standby replaces a transient one', () => {
    const cib = demoCib();
    crmAttribute(cib.path, '--node', 'n2', '--name', 'standby', '--update', 'on', '--lifetime', 'reboot');
    const r = runHash(['node', 'standby', 'n2', 'forever'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(attr(cib.path, 'n2', 'standby')).toBe('on');
    expect(attr(cib.path, 'n2', 'standby', 'reboot')).toBeUndefined();
  });

  it('standby --all is one change of the CIB, keeping the ids of existing nvpairs', () => {
    const cib = demoCib();
    const v0 = cibVersion(cib.path).epoch;
    const r = runHash(['node', 'standby', '--all'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('nodes n1, n2, n3: standby (lifetime forever)\n');
    for (const n of ['n1', 'n2', 'n3']) expect(attr(cib.path, n, 'standby')).toBe('on');
    expect(cibVersion(cib.path).epoch).toBe(v0 + 1);
    const xml = read(cib.path);
    expect(xml.match(/name="standby"/g)).toHaveLength(3);
    expect(xml).toContain('<nvpair id="nodes-3-standby" name="standby" value="on"/>');
    expect(xml).toContain('<nvpair id="nodes-1-standby" name="standby" value="on"/>');
  });

  it('standby of several named nodes', () => {
    const cib = demoCib();
    const r = runHash(['node', 'standby', 'n1', 'n2', 'reboot'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(attr(cib.path, 'n1', 'standby', 'reboot')).toBe('on');
    expect(attr(cib.path, 'n2', 'standby', 'reboot')).toBe('on');
    expect(attr(cib.path, 'n3', 'standby')).toBe('on');
  });

  it('online clears the permanent standby, and a transient one where there is one', () => {
    const cib = demoCib();
    crmAttribute(cib.path, '--node', 'n3', '--name', 'standby', '--update', 'on', '--lifetime', 'reboot');
    const r = runHash(['node', 'online', 'n3'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('node n3: online\n');
    expect(attr(cib.path, 'n3', 'standby')).toBe('off');
    expect(attr(cib.path, 'n3', 'standby', 'reboot')).toBe('off');
  });

  it('online --all takes every node out of standby in one change', () => {
    const cib = demoCib();
    const v0 = cibVersion(cib.path).epoch;
    const r = runHash(['node', 'online', '--all'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    for (const n of ['n1', 'n2', 'n3']) expect(attr(cib.path, n, 'standby')).toBe('off');
    expect(cibVersion(cib.path).epoch).toBe(v0 + 1);
  });

  it('without a node, the node hash runs on is used, and named', () => {
    const cib = demoCib();
    const me = hostname();
    const add = spawnSync('cibadmin', ['--create', '--scope', 'nodes', '--xml-text', `<node id="9" uname="${me}"/>`], { env: { ...process.env, CIB_file: cib.path } });
    expect(add.status).toBe(0);
    const r = runHash(['node', 'standby'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`standby: no node given, using this node: ${me}\n`);
    expect(attr(cib.path, me, 'standby')).toBe('on');
    const m = runHash(['node', 'maintenance'], { env: cib.env });
    expect(m.code, m.stderr).toBe(0);
    expect(m.stderr).toContain(`maintenance: no node given, using this node: ${me}\n`);
    expect(attr(cib.path, me, 'maintenance')).toBe('true');
  });

  it('without a node, on a machine that is not a node: an error that says so, nothing changed', () => {
    const cib = demoCib();
    const before = read(cib.path);
    const r = runHash(['node', 'online'], { env: cib.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`this machine (${hostname()}) is not a node of the CIB (file ${cib.path})`);
    expect(r.stderr).toContain('nodes: n1, n2, n3');
    expect(read(cib.path)).toBe(before);
  });

  it('an unknown node is an error naming the nearest node; nothing changes', () => {
    const cib = demoCib();
    const before = read(cib.path);
    const r = runHash(['node', 'standby', 'n4'], { env: cib.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no node 'n4' in the CIB (file ${cib.path})`);
    expect(r.stderr).toContain("did you mean 'n1'?");
    const all = runHash(['node', 'standby', 'n1', 'nx'], { env: cib.env });
    expect(all.code).toBe(1);
    expect(all.stderr).toContain("no node 'nx'");
    expect(read(cib.path)).toBe(before);
  });

  it('usage errors: --all with names, a bad lifetime, an unknown option', () => {
    const cib = demoCib();
    const before = read(cib.path);
    const a = runHash(['node', 'standby', '--all', 'n1'], { env: cib.env });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('give either --all or node names, not both');
    const b = runHash(['node', 'standby', 'n1', 'lifetime=sometimes'], { env: cib.env });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("lifetime is 'reboot' or 'forever', not 'sometimes'");
    const c = runHash(['node', 'online', 'n1', 'lifetime=reboot'], { env: cib.env });
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('online takes no lifetime');
    const d = runHash(['node', 'standby', '--everything'], { env: cib.env });
    expect(d.code).toBe(2);
    expect(read(cib.path)).toBe(before);
  });
});

describe('--dry-run', () => {
  it('prints the calls with the CIB they go to, and changes nothing', () => {
    const cib = demoCib();
    const before = read(cib.path);
    const r = runHash(['-R', 'node', 'standby', 'n1'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`would run: CIB_file=${cib.path} crm_attribute --type nodes --node n1 --name standby --update on --lifetime forever\n`);
    expect(r.stderr).toBe('');

    const reboot = runHash(['--dry-run', 'node', 'standby', 'n3', 'reboot'], { env: cib.env });
    expect(reboot.stdout).toBe(
      `would run: CIB_file=${cib.path} crm_attribute --node n3 --name standby --update on --lifetime reboot\n` +
        `would run: CIB_file=${cib.path} crm_attribute --type nodes --node n3 --name standby --delete --lifetime forever\n`,
    );

    const all = runHash(['-R', 'node', 'online', '--all'], { env: cib.env });
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain(`would run: CIB_file=${cib.path} cibadmin --modify --scope nodes --xml-text `);
    expect(all.stdout).toContain('<nvpair id=\\"nodes-3-standby\\" name=\\"standby\\" value=\\"off\\"/>');

    const attrSet = runHash(['-R', 'node', 'utilization', 'n2', 'set', 'memory', '2048'], { env: cib.env });
    expect(attrSet.stdout).toBe(`would run: CIB_file=${cib.path} crm_attribute --utilization --type nodes --node n2 --name memory --update 2048\n`);

    const maint = runHash(['-R', 'node', 'ready', 'n2'], { env: cib.env });
    expect(maint.stdout).toBe(`would run: CIB_file=${cib.path} ${actionArgv({ kind: 'node-maintenance', node: 'n2', on: false }).join(' ')}\n`);
    expect(read(cib.path)).toBe(before);
  });

  it('an unknown node is found under --dry-run too', () => {
    const cib = demoCib();
    const r = runHash(['-R', 'node', 'maintenance', 'nope'], { env: cib.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no node 'nope'");
  });

  it('a drastic command shows its question instead of asking', () => {
    const cib = demoCib();
    const before = read(cib.path);
    const r = runHash(['-R', 'node', 'delete', 'n3'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('would ask: Delete node n3: delete its node entry and status from the CIB?');
    expect(r.stdout).toBe(`would run: CIB_file=${cib.path} cibadmin --delete-all --force --xpath "/cib/configuration/nodes/node[@uname='n3']|/cib/status/node_state[@uname='n3']"\n`);
    const c = runHash(['-R', 'node', 'clearstate', 'n1'], { env: cib.env });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toBe(`would run: CIB_file=${cib.path} crm_resource --cleanup --node n1\n`);
    expect(read(cib.path)).toBe(before);
  });
});

describe('node maintenance, attributes', () => {
  it('maintenance and ready', () => {
    const cib = demoCib();
    expect(runHash(['node', 'maintenance', 'n2'], { env: cib.env }).code).toBe(0);
    expect(attr(cib.path, 'n2', 'maintenance')).toBe('true');
    expect(runHash(['node', 'ready', 'n2'], { env: cib.env }).code).toBe(0);
    expect(attr(cib.path, 'n2', 'maintenance')).toBe('false');
  });

  it('attribute set / show / delete, and show without a name lists them', () => {
    const cib = demoCib();
    const set = runHash(['node', 'attribute', 'n1', 'set', 'location', 'office 2'], { env: cib.env });
    expect(set.code, set.stderr).toBe(0);
    expect(attr(cib.path, 'n1', 'location')).toBe('office 2');
    const show = runHash(['node', 'attribute', 'n1', 'show', 'location'], { env: cib.env });
    expect(show.code, show.stderr).toBe(0);
    // crm_attribute's own output, as crmsh prints it
    expect(show.stdout).toBe('scope=nodes  name=location value=office 2\n');
    const list = runHash(['node', 'attribute', 'n1', 'show'], { env: cib.env });
    expect(list.stdout).toBe('rack=a\nlocation="office 2"\n');
    const del = runHash(['node', 'attribute', 'n1', 'delete', 'location'], { env: cib.env });
    expect(del.code, del.stderr).toBe(0);
    expect(attr(cib.path, 'n1', 'location')).toBeUndefined();
    const missing = runHash(['node', 'attribute', 'n1', 'show', 'location'], { env: cib.env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("node n1 has no attribute 'location'");
  });

  it('utilization set / show / delete', () => {
    const cib = demoCib();
    expect(runHash(['node', 'utilization', 'n2', 'set', 'cpu', '8'], { env: cib.env }).code).toBe(0);
    expect(attr(cib.path, 'n2', 'cpu', 'utilization')).toBe('8');
    expect(attr(cib.path, 'n2', 'cpu')).toBeUndefined();
    expect(runHash(['node', 'utilization', 'n2', 'show'], { env: cib.env }).stdout).toBe('cpu=8\n');
    expect(runHash(['node', 'utilization', 'n2', 'delete', 'cpu'], { env: cib.env }).code).toBe(0);
    expect(attr(cib.path, 'n2', 'cpu', 'utilization')).toBeUndefined();
  });

  it('status-attr works on the transient attributes; show leaves out Pacemaker\'s own', () => {
    const cib = demoCib();
    const list = runHash(['node', 'status-attr', 'n2', 'show'], { env: cib.env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toContain('#feature-set');
    expect(list.stdout).toContain('pingd=100\n');
    expect(runHash(['node', 'status-attr', 'n2', 'set', 'backup', 'running'], { env: cib.env }).code).toBe(0);
    expect(attr(cib.path, 'n2', 'backup', 'reboot')).toBe('running');
    expect(attr(cib.path, 'n2', 'backup')).toBeUndefined();
    expect(runHash(['node', 'status-attr', 'n2', 'show', 'backup'], { env: cib.env }).stdout).toBe('scope=status  name=backup value=running\n');
    expect(runHash(['node', 'status-attr', 'n2', 'delete', 'backup'], { env: cib.env }).code).toBe(0);
    expect(attr(cib.path, 'n2', 'backup', 'reboot')).toBeUndefined();
  });

  it('attribute usage errors name the form', () => {
    const cib = demoCib();
    const r = runHash(['node', 'attribute', 'n1', 'set', 'x'], { env: cib.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('attribute set: missing value for x');
    expect(r.stderr).toContain('usage: attribute <node> set <name> <value>');
    const r2 = runHash(['node', 'utilization', 'n1', 'get', 'x'], { env: cib.env });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("'get' is not show, set or delete");
  });
});

describe('node show, server, fence, clearstate, delete', () => {
  it('show lists every node with its state, attributes and utilization', () => {
    const cib = demoCib();
    runHash(['node', 'utilization', 'n2', 'set', 'cpu', '4'], { env: cib.env });
    const r = runHash(['node', 'show'], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^n1\(1\): member, online\n\tattributes: rack=a\n\tstatus-attr: pingd=100 master-db=10\n/);
    expect(r.stdout).toContain('n2(2): member, online\n\tattributes: rack=a\n\tutilization: cpu=4\n');
    expect(r.stdout).toContain('\tutilization: cpu=4\n');
    expect(r.stdout).toMatch(/n3\(3\): member, standby, DC\n\tattributes: rack=b standby=on\n/);
    const one = runHash(['node', 'list', 'n3'], { env: cib.env });
    expect(one.stdout).toBe('n3(3): member, standby, DC\n\tattributes: rack=b standby=on\n');
  });

  it('server prints the node names (no remote nodes here)', () => {
    const cib = demoCib();
    expect(runHash(['node', 'server'], { env: cib.env }).stdout).toBe('n1\nn2\nn3\n');
  });

  it('fence acts on the running cluster only: refused on a file', () => {
    const cib = demoCib();
    const r = runHash(['-y', 'node', 'fence', 'n2'], { env: cib.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`fencing acts on the running cluster, not on file ${cib.path}`);
  });

  it('delete asks; off a terminal it needs --force, then the node is gone from the CIB', () => {
    const cib = demoCib();
    const before = read(cib.path);
    const no = runHash(['node', 'delete', 'n3'], { env: cib.env });
    expect(no.code).toBe(2);
    expect(no.stderr).toContain('add --force (or -y) to answer yes');
    expect(read(cib.path)).toBe(before);
    const yes = runHash(['--force', 'node', 'delete', 'n3'], { env: cib.env });
    expect(yes.code, yes.stderr).toBe(0);
    const xml = read(cib.path);
    expect(xml).not.toContain('uname="n3"');
    expect(xml).toContain('uname="n2"');
  });

  it('clearstate of an offline node needs the running cluster', () => {
    const cib = demoCib();
    const off = spawnSync('cibadmin', ['--modify', '--scope', 'status', '--xml-text', '<node_state id="2" crmd="offline" in_ccm="false"/>'], { env: { ...process.env, CIB_file: cib.path } });
    expect(off.status).toBe(0);
    const r = runHash(['-y', 'node', 'clearstate', 'n2'], { env: cib.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('clearstate of an offline node acts on the running cluster');
  });

  it('help shows crmsh\'s forms', () => {
    const r = runHash(['help', 'node', 'standby']);
    expect(r.stdout).toContain('Usage: node standby [--all | <node>...] [reboot|forever]');
    expect(r.stdout).toContain('standby node1 reboot');
  });
});

describe('planned calls (src/pacemaker/node.ts)', () => {
  const node = (name: string, id: string, forever?: string, reboot?: string): CibNode => ({
    name,
    id,
    type: 'member',
    configured: true,
    extra: {},
    attributes: forever ? [{ id: `a-${id}`, name: 'standby', value: forever, setId: `set-${id}` }] : [],
    utilization: [],
    transient: reboot ? [{ id: `t-${id}`, name: 'standby', value: reboot, setId: `status-${id}` }] : [],
  });

  it('one node forever: the status view\'s call; the other lifetime dropped only when set', () => {
    expect(planStandby([node('a', '1')], ['a'], 'forever')).toEqual([actionArgv({ kind: 'node-standby', node: 'a' })]);
    expect(planStandby([node('a', '1', undefined, 'on')], ['a'], 'forever')).toEqual([
      standbyArgv('a', 'forever'),
      ['crm_attribute', '--node', 'a', '--name', 'standby', '--delete', '--lifetime', 'reboot'],
    ]);
    expect(planOnline([node('a', '1', 'on')], ['a'])).toEqual([actionArgv({ kind: 'node-online', node: 'a' })]);
  });

  it('several nodes forever: one cibadmin --modify using existing set and nvpair ids', () => {
    const calls = planStandby([node('a', '1', 'off'), node('b', '2')], ['a', 'b'], 'forever');
    expect(calls).toEqual([
      [
        'cibadmin',
        '--modify',
        '--scope',
        'nodes',
        '--xml-text',
        '<nodes><node id="1"><instance_attributes id="set-1"><nvpair id="a-1" name="standby" value="on"/></instance_attributes></node>' +
          '<node id="2"><instance_attributes id="nodes-2"><nvpair id="nodes-2-standby" name="standby" value="on"/></instance_attributes></node></nodes>',
      ],
    ]);
  });

  it('several nodes reboot: crm_attribute per node, then the permanent standbys dropped', () => {
    expect(planStandby([node('a', '1', 'on'), node('b', '2')], ['a', 'b'], 'reboot')).toEqual([
      standbyArgv('a', 'reboot'),
      standbyArgv('b', 'reboot'),
      ['crm_attribute', '--type', 'nodes', '--node', 'a', '--name', 'standby', '--delete', '--lifetime', 'forever'],
    ]);
  });

  it('attribute argv as crmsh 4.4 runs them (long options)', () => {
    expect(nodeAttrArgv('attribute', 'set', 'n1', 'rack', 'r1')).toEqual(['crm_attribute', '--type', 'nodes', '--node', 'n1', '--name', 'rack', '--update', 'r1']);
    expect(nodeAttrArgv('utilization', 'delete', 'n1', 'cpu')).toEqual(['crm_attribute', '--utilization', '--type', 'nodes', '--node', 'n1', '--name', 'cpu', '--delete']);
    expect(nodeAttrArgv('status-attr', 'show', 'n1', 'pingd')).toEqual(['crm_attribute', '--lifetime', 'reboot', '--node', 'n1', '--name', 'pingd', '--query']);
  });

  it('parses the nodes query: transient attributes by node id, a remote node by its name', () => {
    const nodes = parseNodesQuery(
      '<xpath-query><nodes><node id="1" uname="a" description="rack 1"><instance_attributes id="nodes-1"><nvpair id="x" name="standby" value="on"/></instance_attributes>' +
        '<utilization id="u"><nvpair id="y" name="cpu" value="2"/></utilization></node></nodes>' +
        '<transient_attributes id="1"><instance_attributes id="status-1"><nvpair id="z" name="pingd" value="1"/></instance_attributes></transient_attributes>' +
        '<transient_attributes id="r1"><instance_attributes id="status-r1"><nvpair id="w" name="standby" value="on"/></instance_attributes></transient_attributes></xpath-query>',
    );
    expect(nodes.map((n) => [n.name, n.configured, n.attributes.length, n.utilization.length, n.transient.map((t) => t.name)])).toEqual([
      ['a', true, 1, 1, ['pingd']],
      ['r1', false, 0, 0, ['standby']],
    ]);
    expect(nodes[0]!.extra).toEqual({ description: 'rack 1' });
    // a single match comes without the <xpath-query> wrapper
    expect(parseNodesQuery('<nodes><node id="5" uname="e"/></nodes>').map((n) => n.name)).toEqual(['e']);
    expect(parseNodeStates('<node_state id="2" uname="b" in_ccm="1700000000" crmd="offline"/>')).toEqual([{ id: '2', name: 'b', inMembership: true, controllerUp: false, remote: false }]);
  });

  it('nodes read from a CIB file in process are what cibadmin reads (comments and all)', () => {
    const cib = demoCib();
    crmAttribute(cib.path, '--node', 'n2', '--name', 'standby', '--update', 'on', '--lifetime', 'reboot');
    const text = read(cib.path);
    expect(text).toContain('<!--');
    const q = spawnSync('cibadmin', [...NODES_QUERY_ARGV.slice(1)], { env: { ...process.env, CIB_file: cib.path }, encoding: 'utf8' });
    expect(q.status).toBe(0);
    const viaCibadmin = parseNodesQuery(q.stdout);
    expect(viaCibadmin.map((n) => n.name)).toEqual(['n1', 'n2', 'n3']);
    expect(nodesOfCibText(text)).toEqual(viaCibadmin);
    expect(nodesOfCibText('not a cib')).toBeUndefined();
  });

  it('xpath string literals survive both kinds of quote', () => {
    expect(xpathString('n1')).toBe("'n1'");
    expect(xpathString("it's")).toBe(`"it's"`);
    expect(xpathString(`a'b"c`)).toBe(`concat('a', "'", 'b"c')`);
  });
});
