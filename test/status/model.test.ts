/**
 * The decoded model on fixtures chosen for one state each (see
 * test/fixtures/crm_mon/generate.sh), and crm_mon's error outputs.
 */
import { describe, expect, it } from 'vitest';
import { parseAllocationScores, parseCrmMonXml, scanXml } from '../../src/pacemaker/crm-mon.js';
import { parseXml } from '../../src/cib/xml.js';
import { primitives, walkResources, type BundleStatus, type CloneStatus } from '../../src/pacemaker/status-model.js';
import { fixture } from './fixtures.js';

const prim = (name: string, id: string) => primitives(fixture(name).resources).find((p) => p.id === id)!;
const node = (name: string, n: string) => fixture(name).nodes.find((x) => x.name === n)!;

describe('summary', () => {
  it('has the stack, DC, quorum, version, last change, counts and options', () => {
    const s = fixture('bundle-order-partial').summary;
    expect(s.stack).toBe('corosync');
    expect(s.dc).toEqual({ present: true, name: 'undercloud', id: '1', version: '1.1.16-10.el7-94ff4df', withQuorum: true, mixedVersion: false });
    expect(s.lastChange).toEqual({ time: 'Thu Jun  1 03:59:09 2017', user: 'root', client: 'cibadmin', origin: 'undercloud' });
    expect([s.nodesConfigured, s.resourcesConfigured]).toEqual([4, 17]);
    expect(s.options.stonithEnabled).toBe(false);
    expect(fixture('bug-cl-5212').summary.dc.withQuorum).toBe(false);
    expect(fixture('probe-pending-node').summary.options.maintenanceMode).toBe(true);
  });

  it('an empty cluster has no nodes and no resources, and no DC', () => {
    const s = fixture('empty');
    expect([s.nodes.length, s.resources.length, s.summary.dc.present]).toEqual([0, 0, false]);
  });
});

describe('nodes', () => {
  it('decodes every state', () => {
    expect(node('bug-cl-5212', 'srv01').state).toBe('unclean');
    expect(node('bug-cl-5212', 'srv03')).toMatchObject({ state: 'online', isDc: true, kind: 'member' });
    expect(node('probe-pending-node', 'gcdoubwap02').state).toBe('pending');
    expect(node('mon-rsc-2', 'node2')).toMatchObject({ state: 'standby-with-resources', standby: true, resourcesRunning: 1 });
    expect(node('node-states', 'srv03')).toMatchObject({ state: 'maintenance', maintenance: true });
    expect(node('novell-239082', 'xen-1').state).toBe('shutdown');
    expect(node('systemhealthm3', 'hs21c').health).toBe('red');
    expect(node('remote-recover', 'rhel7-alt4')).toMatchObject({ kind: 'remote', state: 'unclean' });
    expect(node('bundle-order-partial', 'galera-bundle-0')).toMatchObject({ kind: 'guest', resource: 'galera-bundle-docker-0', state: 'online' });
  });

  it('carries node attributes, with the expected value when crm_mon gives one', () => {
    expect(node('bug-cl-5212', 'srv03').attributes).toContainEqual({ name: 'default_ping_set', value: '100', expected: '100' });
  });
});

describe('resources', () => {
  it('keeps the tree: groups with members in order, clones, promotable clones, bundles', () => {
    const s = fixture('bug-cl-5212');
    expect(s.resources.map((r) => `${r.type}:${r.id}`)).toEqual([
      'group:grpStonith1',
      'group:grpStonith2',
      'group:grpStonith3',
      'clone:msPostgresql',
      'clone:clnPingd',
    ]);
    const ms = s.resources[3] as CloneStatus;
    expect(ms.promotable).toBe(true);
    expect(ms.children.map((c) => (c.type === 'primitive' ? `${c.role}@${c.nodes.join(',')}` : c.id))).toEqual(['Unpromoted@srv02', 'Promoted@srv01', 'Unpromoted@srv03']);
  });

  it('splits a bundle replica into container, connection and the resource inside', () => {
    const b = fixture('bundle-order-partial').resources.find((r) => r.id === 'galera-bundle') as BundleStatus;
    expect(b).toMatchObject({ type: 'bundle', container: 'docker', image: '192.168.24.1:8787/tripleoupstream/centos-binary-mariadb:latest' });
    const rep = b.replicas[0]!;
    expect([rep.resource?.id, rep.resource?.role, rep.containerResource?.id, rep.remote?.id]).toEqual(['galera', 'Promoted', 'galera-bundle-docker-0', 'galera-bundle-0']);
    expect(rep.resource?.nodes).toEqual(['galera-bundle-0']);
  });

  it('cloned groups are clones of groups', () => {
    const c = fixture('cloned-group-stop').resources.find((r) => r.id === 'qpidd-clone') as CloneStatus;
    expect(c).toMatchObject({ type: 'clone', disabled: true, targetRole: 'Stopped' });
    expect(fixture('cloned-group-stop').resources.some((r) => r.type === 'clone' && r.children.some((x) => x.type === 'group'))).toBe(true);
  });

  it('marks failed, blocked, unmanaged, orphaned, migrating, pending and locked resources', () => {
    expect(prim('monitor-onfail-restart', 'A')).toMatchObject({ failed: true, role: 'Started' });
    expect(prim('rec-rsc-4', 'rsc1')).toMatchObject({ blocked: true, managed: false, failed: true });
    expect(primitives(fixture('bug-1685').resources).filter((p) => p.id === 'prim_shared_storage' && p.orphaned).map((p) => p.role)).toEqual(['Stopped']);
    expect(prim('bug-5186-partial-migrate', 'prmVM2')).toMatchObject({ migrating: true, role: 'Migrating', nodes: ['bl460g1n7'] });
    expect(prim('696', 'rsc_hadev1').pending).toBe('Monitoring');
    expect(prim('shutdown-lock', 'rsc2').lockedTo).toBe('node2');
    expect(primitives(fixture('probe-pending-node').resources).every((p) => !p.managed)).toBe(true);
  });

  it('walkResources visits containers before their children', () => {
    const ids = [...walkResources(fixture('bug-cl-5212').resources)].map((r) => r.id);
    expect(ids.indexOf('grpStonith1')).toBeLessThan(ids.indexOf('prmStonith1-1'));
  });
});

describe('failures, tickets, bans', () => {
  it('decodes a failed action, with the resource from the operation key', () => {
    expect(fixture('bundle-order-partial').failures).toEqual([
      {
        opKey: 'openstack-cinder-volume-docker-0_monitor_60000',
        resource: 'openstack-cinder-volume-docker-0',
        node: 'undercloud',
        task: 'monitor',
        interval: 60000,
        exitCode: 7,
        exitStatus: 'not running',
        exitReason: '',
        status: 'complete',
        call: 158,
        lastRcChange: '2017-06-01 08:20:47Z',
        queued: 0,
        exec: 0,
      },
    ]);
  });

  it('decodes fail counts and operation history', () => {
    const h = fixture('bundle-order-partial').history[0]!.resources.find((r) => r.id === 'openstack-cinder-volume-docker-0')!;
    expect([h.failCount, h.migrationThreshold]).toEqual([21, 1000000]);
    expect(h.operations[0]).toMatchObject({ task: 'monitor', rc: 7, rcText: 'not running', interval: 60000 });
  });

  it('decodes tickets', () => {
    expect(fixture('template-ticket').tickets).toEqual([{ id: 'ticketA', granted: false, standby: false }]);
    expect(fixture('migrate-partial-4').tickets.filter((t) => t.granted).length).toBe(4);
  });

  it('tells bans left behind by crm_resource --ban from configured constraints', () => {
    const bans = fixture('node-states').bans;
    expect(bans.find((b) => b.id === 'cli-ban-grpStonith1-on-srv02')).toMatchObject({ resource: 'grpStonith1', node: 'srv02', leftover: true, weight: -1000000 });
    expect(bans.filter((b) => !b.leftover).map((b) => b.id)).toEqual(['rsc_location-grpStonith3-rule', 'rsc_location-grpStonith2-rule', 'rsc_location-grpStonith1-rule']);
  });
});

describe('fencing history', () => {
  it('decodes fence events (as crm_mon writes them on a live cluster) and shows them', async () => {
    const { fixtureXml } = await import('./fixtures.js');
    const { formatStatusText } = await import('../../src/status/text.js');
    const xml = fixtureXml('bug-cl-5212').replace(
      '</pacemaker-result>',
      `<fence_history status="0">
    <fence_event status="failed" extended-status="No such device" exit-reason="no fence device" action="reboot" target="srv01" client="pacemaker-controld.1234" origin="srv03" completed="2026-11-22 01:00:00Z"/>
    <fence_event status="success" action="off" target="srv02" client="stonith_admin.99" origin="srv03" delegate="srv03" completed="2026-11-22 01:01:00Z"/>
    <fence_event status="pending" action="reboot" target="srv01" client="pacemaker-controld.1234" origin="srv03"/>
  </fence_history>
</pacemaker-result>`,
    );
    const r = parseCrmMonXml(xml);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.status.fencing).toEqual([
      { status: 'failed', action: 'reboot', target: 'srv01', client: 'pacemaker-controld.1234', origin: 'srv03', completed: '2026-11-22 01:00:00Z', exitReason: 'no fence device', extendedStatus: 'No such device' },
      { status: 'success', action: 'off', target: 'srv02', client: 'stonith_admin.99', origin: 'srv03', delegate: 'srv03', completed: '2026-11-22 01:01:00Z' },
      { status: 'pending', action: 'reboot', target: 'srv01', client: 'pacemaker-controld.1234', origin: 'srv03' },
    ]);
    const text = formatStatusText(r.status, { color: false });
    expect(text).toContain('Fencing History:\n  * reboot of srv01 for pacemaker-controld.1234@srv03 failed at 2026-11-22 01:00:00Z (no fence device)');
    expect(text).toContain('  * turning off of srv02 by srv03 for stonith_admin.99@srv03 successful at 2026-11-22 01:01:00Z');
    expect(text).toContain('  * reboot of srv01 pending: client=pacemaker-controld.1234, origin=srv03');
  });
});

describe('errors are results, never exceptions', () => {
  it('crm_mon not connected', () => {
    const xml = `<pacemaker-result api-version="2.25" request="crm_mon --output-as=xml">
  <status code="102" message="Not connected">
    <errors>
      <error>crm_mon: Error: cluster is not available on this node</error>
    </errors>
  </status>
</pacemaker-result>`;
    expect(parseCrmMonXml(xml)).toEqual({ ok: false, error: 'crm_mon: Not connected (102): crm_mon: Error: cluster is not available on this node' });
  });

  it('a cluster still starting', () => {
    const r = parseCrmMonXml('<pacemaker-result api-version="2.25"><pacemakerd state="starting_daemons"/><status code="0" message="OK"/></pacemaker-result>');
    expect(r).toEqual({ ok: false, error: 'pacemakerd is starting_daemons, no cluster status yet' });
  });

  it('garbage', () => {
    expect(parseCrmMonXml('not xml <').ok).toBe(false);
    expect(parseCrmMonXml('<cib/>')).toEqual({ ok: false, error: 'crm_mon output has an unexpected root <cib>' });
  });
});

describe('the quick XML reader', () => {
  it('reads entities, text and self-closing tags like parseXml', () => {
    const xml = '<?xml version="1.0"?>\n<a x="1 &lt; 2 &amp; &quot;q&quot;" y=\'s\'>\n  <b/>\n  <c>  some &gt; text </c>\n</a>\n';
    expect(scanXml(xml)).toEqual(parseXml(xml));
    expect(scanXml(xml)?.attrs).toEqual({ x: '1 < 2 & "q"', y: 's' });
  });

  it('leaves what it does not know to parseXml', () => {
    for (const xml of ['<!-- c --><a/>', '<a>&#65;</a>', '<a x="&nbsp;"/>', '<a><b></a>', '<a/><b/>', '<a><![CDATA[x]]></a>']) expect(scanXml(xml)).toBeUndefined();
    expect(parseCrmMonXml('<pacemaker-result><!-- x --><status code="1" message="Error"/></pacemaker-result>')).toEqual({ ok: false, error: 'crm_mon: Error (1)' });
  });
});

describe('allocation scores', () => {
  it('keeps the last score per resource and node', () => {
    const s = parseAllocationScores(
      ['pcmk__group_assign: g allocation score on n1: -INFINITY', 'pcmk__primitive_assign: r allocation score on n1: 0', 'pcmk__primitive_assign: r allocation score on n1: INFINITY', 'other line'].join('\n'),
    );
    expect(s.get('r')?.get('n1')).toBe('INFINITY');
    expect(s.get('g')?.get('n1')).toBe('-INFINITY');
    expect(s.size).toBe(2);
  });
});
