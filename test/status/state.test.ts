/**
 * The view's pure parts without React: selection and scrolling across
 * refreshes, the filter, the key table, and what a command on a row means.
 */
import { describe, expect, it } from 'vitest';
import { actionArgv } from '../../src/pacemaker/actions.js';
import { commandForKey, planCommand } from '../../src/status/keys.js';
import { buildRows, rowText, type Row } from '../../src/status/rows.js';
import { filterRows, initialViewState, reduceView, selectedRow, type ViewAction, type ViewState } from '../../src/status/state.js';
import { fixture } from './fixtures.js';

function run(rows: Row[], height: number, ...actions: ViewAction[]): ViewState {
  let s = reduceView(initialViewState(), { type: 'refresh' }, { rows, height });
  for (const a of actions) s = reduceView(s, a, { rows, height });
  return s;
}

describe('selection and scrolling', () => {
  const rows = buildRows(fixture('bundle-order-partial'));

  it('starts on the first selectable row (a node), never on a heading', () => {
    const s = run(rows, 10);
    expect(selectedRow(s, rows)?.key).toBe('node:galera-bundle-0');
  });

  it('moves over headings, and stops at the ends', () => {
    const s = run(rows, 10, { type: 'move', delta: 4 });
    expect(selectedRow(s, rows)?.key).toBe('rsc:rabbitmq-bundle'); // past "Full List of Resources:"
    expect(selectedRow(run(rows, 10, { type: 'move', delta: -5 }), rows)?.key).toBe('node:galera-bundle-0');
    const end = run(rows, 10, { type: 'end' }, { type: 'move', delta: 3 });
    expect(selectedRow(end, rows)?.section).toBe('failures');
  });

  it('scrolls to keep the selection on screen', () => {
    const s = run(rows, 6, { type: 'move', delta: 8 });
    const i = rows.findIndex((r) => r.key === s.selectedKey);
    expect(i).toBeGreaterThanOrEqual(s.scroll);
    expect(i).toBeLessThan(s.scroll + 6);
    expect(s.scroll).toBeGreaterThan(0);
    const back = reduceView(s, { type: 'home' }, { rows, height: 6 });
    expect(back.scroll).toBe(0);
  });

  it('pages', () => {
    const s = run(rows, 5, { type: 'page', delta: 1 });
    expect(s.scroll).toBe(4);
    expect(rows.findIndex((r) => r.key === s.selectedKey)).toBeGreaterThanOrEqual(4);
  });

  it('keeps the selected row across a refresh with new data, even when rows move', () => {
    const before = run(rows, 8, { type: 'move', delta: 6 });
    const key = before.selectedKey;
    // the same cluster with one more node at the top: the selected row moves down by one
    const status = fixture('bundle-order-partial');
    const more = buildRows({ ...status, nodes: [{ ...status.nodes[0]!, name: 'aaa-new' }, ...status.nodes] });
    const after = reduceView(before, { type: 'refresh' }, { rows: more, height: 8 });
    expect(after.selectedKey).toBe(key);
    // the selection was on the last visible line, so the view follows it by exactly that one row
    expect(after.scroll).toBe(before.scroll + 1);
    const same = reduceView(before, { type: 'refresh' }, { rows, height: 8 });
    expect([same.selectedKey, same.scroll]).toEqual([key, before.scroll]);
  });

  it('lands on the nearest row when the selected one disappears', () => {
    const before = run(rows, 30, { type: 'move', delta: 2 });
    expect(before.selectedKey).toBe('node:redis-bundle-0');
    const status = fixture('bundle-order-partial');
    const fewer = buildRows({ ...status, nodes: status.nodes.filter((n) => n.name !== 'redis-bundle-0') });
    const after = reduceView(before, { type: 'refresh' }, { rows: fewer, height: 30 });
    expect(after.selectedKey).toBe('node:undercloud');
  });
});

describe('filter', () => {
  const rows = buildRows(fixture('bug-cl-5212'));

  it('keeps matching rows with their parents and section headings', () => {
    const shown = filterRows(rows, 'pgsql').map(rowText);
    expect(shown).toEqual([
      'Full List of Resources:',
      'Clone Set (promotable): msPostgresql [pgsql] (ocf:pacemaker:Stateful)',
      'pgsql (ocf:pacemaker:Stateful): Unpromoted srv02 (UNCLEAN)',
      'pgsql (ocf:pacemaker:Stateful): Promoted srv01 (UNCLEAN)',
    ]);
    const members = filterRows(rows, 'prmStonith2').map(rowText);
    expect(members).toEqual(['Full List of Resources:', 'Resource Group: grpStonith2', 'prmStonith2-1 (stonith:external/ssh): Started srv01 (UNCLEAN)']);
  });

  it('is case-insensitive and matches nodes too', () => {
    expect(filterRows(rows, 'SRV03').some((r) => r.key === 'node:srv03')).toBe(true);
    expect(filterRows(rows, 'no such thing')).toEqual([]);
  });

  it('typing, backspace, accept and clear', () => {
    let s = run(rows, 10, { type: 'filter-start' }, { type: 'filter-input', text: 'p' }, { type: 'filter-input', text: 'g' }, { type: 'filter-backspace' });
    expect([s.mode, s.filter]).toEqual(['filter', 'p']);
    s = reduceView(s, { type: 'filter-accept' }, { rows, height: 10 });
    expect([s.mode, s.filter]).toEqual(['list', 'p']);
    s = reduceView(s, { type: 'filter-clear' }, { rows, height: 10 });
    expect(s.filter).toBe('');
  });
});

describe('panes and confirmation', () => {
  const rows = buildRows(fixture('bug-cl-5212'));

  it('Enter opens details of the selection, Esc goes back; ? toggles help', () => {
    const s = run(rows, 10, { type: 'details' });
    expect(s.mode).toBe('details');
    expect(run(rows, 10, { type: 'details' }, { type: 'back' }).mode).toBe('list');
    expect(run(rows, 10, { type: 'help' }).mode).toBe('help');
    expect(run(rows, 10, { type: 'help' }, { type: 'help' }).mode).toBe('list');
  });

  it('an action waits for confirmation; confirm marks it running, done shows the result', () => {
    const action = { kind: 'node-standby', node: 'srv03' } as const;
    let s = run(rows, 10, { type: 'request', action });
    expect([s.mode, s.pending]).toEqual(['confirm', action]);
    s = reduceView(s, { type: 'confirm' }, { rows, height: 10 });
    expect([s.mode, s.busy, s.pending]).toEqual(['list', true, action]);
    s = reduceView(s, { type: 'done', ok: false, text: 'crm_attribute failed' }, { rows, height: 10 });
    expect([s.busy, s.pending, s.message]).toEqual([false, undefined, { text: 'crm_attribute failed', tone: 'error' }]);
    const cancelled = run(rows, 10, { type: 'request', action }, { type: 'cancel' });
    expect([cancelled.mode, cancelled.pending]).toEqual(['list', undefined]);
  });

  it('a move asks for the node first, then confirms', () => {
    let s = run(rows, 10, { type: 'choose-start', purpose: 'move', resource: 'grpStonith1', options: ['srv01', 'srv03'] }, { type: 'choose-move', delta: 1 });
    expect(s.choose?.index).toBe(1);
    s = reduceView(s, { type: 'choose-move', delta: 1 }, { rows, height: 10 }); // wraps around
    expect(s.choose?.index).toBe(0);
    s = reduceView(s, { type: 'choose-accept' }, { rows, height: 10 });
    expect([s.mode, s.pending]).toEqual(['confirm', { kind: 'resource-move', resource: 'grpStonith1', node: 'srv01' }]);
    expect(run(rows, 10, { type: 'choose-start', purpose: 'move', resource: 'x', options: [] }).message?.tone).toBe('error');
  });
});

describe('keys and commands', () => {
  const status = fixture('bundle-order-partial');
  const rows = buildRows(status);
  const row = (key: string) => rows.find((r) => r.key === key);

  it('maps keys to commands', () => {
    expect(commandForKey('s', {})).toBe('standby');
    expect(commandForKey('', { downArrow: true })).toBe('down');
    expect(commandForKey('', { return: true })).toBe('details');
    expect(commandForKey('c', { ctrl: true })).toBe('quit');
    expect(commandForKey('q', {})).toBe('quit');
    expect(commandForKey('z', {})).toBeUndefined();
  });

  it('standby/online act on nodes only', () => {
    expect(planCommand('standby', row('node:undercloud'), status)).toEqual({ type: 'request', action: { kind: 'node-standby', node: 'undercloud' } });
    expect(planCommand('online', row('node:undercloud'), status)).toEqual({ type: 'request', action: { kind: 'node-online', node: 'undercloud' } });
    expect(planCommand('standby', row('rsc:ip-192.168.122.254'), status)).toMatchObject({ type: 'message', tone: 'error' });
  });

  it('cleanup from a failure cleans that node; from the resource, everywhere', () => {
    const fail = rows.find((r) => r.section === 'failures' && r.depth === 1);
    expect(planCommand('cleanup', fail, status)).toEqual({ type: 'request', action: { kind: 'resource-cleanup', resource: 'openstack-cinder-volume-docker-0', node: 'undercloud' } });
    expect(planCommand('cleanup', row('rsc:ip-192.168.122.254'), status)).toEqual({ type: 'request', action: { kind: 'resource-cleanup', resource: 'ip-192.168.122.254' } });
  });

  it('start/stop/clear/maintenance on resources; ban from where it runs; move offers other nodes', () => {
    const ip = row('rsc:ip-192.168.122.254');
    expect(planCommand('stop', ip, status)).toEqual({ type: 'request', action: { kind: 'resource-stop', resource: 'ip-192.168.122.254' } });
    expect(planCommand('start', ip, status)).toEqual({ type: 'request', action: { kind: 'resource-start', resource: 'ip-192.168.122.254' } });
    expect(planCommand('clear', ip, status)).toEqual({ type: 'request', action: { kind: 'resource-clear', resource: 'ip-192.168.122.254' } });
    expect(planCommand('maintenance', ip, status)).toEqual({ type: 'request', action: { kind: 'resource-maintenance', resource: 'ip-192.168.122.254', on: true } });
    expect(planCommand('ban', ip, status)).toEqual({ type: 'request', action: { kind: 'resource-ban', resource: 'ip-192.168.122.254', node: 'undercloud' } });
    expect(planCommand('move', ip, status)).toEqual({ type: 'choose-start', purpose: 'move', resource: 'ip-192.168.122.254', options: ['galera-bundle-0', 'rabbitmq-bundle-0', 'redis-bundle-0'] });
    expect(planCommand('maintenance', row('node:undercloud'), status)).toEqual({ type: 'request', action: { kind: 'node-maintenance', node: 'undercloud', on: true } });
  });

  it('the argv of every action is exactly what crmsh runs for it', () => {
    expect(actionArgv({ kind: 'node-standby', node: 'n1' })).toEqual(['crm_attribute', '--type', 'nodes', '--node', 'n1', '--name', 'standby', '--update', 'on', '--lifetime', 'forever']);
    expect(actionArgv({ kind: 'node-online', node: 'n1' })).toEqual(['crm_attribute', '--type', 'nodes', '--node', 'n1', '--name', 'standby', '--update', 'off', '--lifetime', 'forever']);
    expect(actionArgv({ kind: 'resource-cleanup', resource: 'r', node: 'n1' })).toEqual(['crm_resource', '--cleanup', '--resource', 'r', '--node', 'n1']);
    expect(actionArgv({ kind: 'resource-stop', resource: 'r' })).toEqual(['crm_resource', '--resource', 'r', '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped']);
    expect(actionArgv({ kind: 'resource-move', resource: 'r', node: 'n2' })).toEqual(['crm_resource', '--move', '--resource', 'r', '--node', 'n2']);
    expect(actionArgv({ kind: 'resource-ban', resource: 'r', node: 'n2' })).toEqual(['crm_resource', '--ban', '--resource', 'r', '--node', 'n2']);
    expect(actionArgv({ kind: 'resource-clear', resource: 'r' })).toEqual(['crm_resource', '--clear', '--resource', 'r']);
    expect(actionArgv({ kind: 'cluster-maintenance', on: true })).toEqual(['crm_attribute', '--type', 'crm_config', '--name', 'maintenance-mode', '--update', 'true']);
  });
});
