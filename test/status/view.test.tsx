/**
 * The pure ink components rendered with ink's renderToString on the crm_mon
 * fixtures: the screen fits 80×24, shows the header, nodes, the resource tree,
 * failures and bans; the details, help, confirmation and unreachable states.
 * Screens of a few fixtures are kept as files (test/status/__screens__) to
 * review by eye.
 */
import React from 'react';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../../src/cib/xml.js';
import { parseCrmMonXml } from '../../src/pacemaker/crm-mon.js';
import type { ClusterStatus } from '../../src/pacemaker/status-model.js';
import { footerLines } from '../../src/status/components/Footer.js';
import { bodyHeight, StatusView } from '../../src/status/components/StatusView.js';
import type { ConnectionInfo } from '../../src/status/connection.js';
import { detailLines, type DetailsExtra } from '../../src/status/details.js';
import { lineCounter } from '../../src/status/layout.js';
import { buildRows, rowText } from '../../src/status/rows.js';
import { filterRows, initialViewState, reduceView, type ViewAction, type ViewState } from '../../src/status/state.js';
import { FIXTURE_NAMES, fixture } from './fixtures.js';

const GOOD: ConnectionInfo = { lastGoodAt: new Date(2026, 10, 22, 1, 2, 3) };

function screen(status: ClusterStatus | undefined, opts: { width?: number; height?: number; actions?: ViewAction[]; connection?: ConnectionInfo; details?: DetailsExtra; attributes?: boolean } = {}): string {
  const width = opts.width ?? 80;
  const height = opts.height ?? 23;
  const rows = status ? buildRows(status, { attributes: opts.attributes ?? false }) : [];
  // the body height the app would give the reducer
  const body = (st: ViewState): number => bodyHeight(status, { clusterName: 'demo' }, height, footerLines(st, width).length, width);
  const lines = lineCounter(width);
  let s: ViewState = initialViewState();
  s = reduceView(s, { type: 'refresh' }, { rows, height: body(s), lines });
  for (const a of opts.actions ?? []) s = reduceView(s, a, { rows: filterRows(rows, s.filter), height: body(s), lines });
  return renderToString(
    <StatusView
      {...(status ? { status } : {})}
      rows={filterRows(rows, s.filter)}
      state={s}
      header={{ clusterName: 'demo' }}
      connection={opts.connection ?? GOOD}
      intervalMs={2000}
      {...(opts.details ? { details: opts.details } : {})}
      width={width}
      height={height}
      color={false}
    />,
    { columns: width },
  );
}

describe('the status screen on every fixture', () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}: fits 80×24, plain text, header and sections`, () => {
      const status = fixture(name);
      const out = screen(status);
      const lines = out.split('\n');
      expect(lines.length).toBeLessThanOrEqual(23);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
      expect(out).not.toMatch(/\x1b\[/);
      expect(out).toContain('Cluster demo');
      expect(out).toMatch(/DC: /);
      expect(out).toContain('updated 01:02:03 · every 2s');
      expect(out).toContain('? help');
      if (status.nodes.length > 0) {
        expect(out).toContain('Node List:');
        // the first node is selected, and marked without colour
        expect(out).toContain(`› ${status.nodes[0]!.name}: `);
      }
    });
  }

  it('uses the room a bigger terminal gives', () => {
    const small = screen(fixture('cloned-group-stop')).split('\n').length;
    const big = screen(fixture('cloned-group-stop'), { width: 120, height: 50 }).split('\n').length;
    expect(big).toBeGreaterThan(small + 20);
  });
});

describe('long lines wrap instead of being cut', () => {
  // the captured three-node cluster: its failures carry long reasons
  const demo = ((): ClusterStatus => {
    const r = parseCrmMonXml(readFileSync(join(import.meta.dirname, '..', '..', 'demo', 'crm_mon.xml'), 'utf8'));
    if (!r.ok) throw new Error(r.error);
    return r.status;
  })();
  const flat = (out: string): string => out.replace(/\s+/g, ' ');

  it('a failure with its reason and time, whole at 80×24, on one line at 160 columns', () => {
    const want = 'legacy-web start on n2: not installed (5): environment is invalid, resource considered stopped at 2026-11-22 00:49:19Z';
    expect(want.length).toBeGreaterThan(80);
    const narrow = screen(demo, { actions: [{ type: 'end' }] });
    const lines = narrow.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(narrow).not.toContain('…\n');
    expect(flat(narrow)).toContain(want);
    // the continuation is indented under the row's text
    const at = lines.findIndex((l) => l.includes('legacy-web start on n2:'));
    expect(lines[at + 1]).toMatch(/^ {4}\S/);
    const wide = screen(demo, { width: 160, actions: [{ type: 'end' }] });
    expect(wide.split('\n').some((l) => l.includes(want))).toBe(true);
  });

  it('every row can be selected and is then shown whole, never hidden behind "… more"', () => {
    const selectable = buildRows(demo).filter((r) => r.target !== undefined);
    expect(selectable.length).toBeGreaterThan(20);
    selectable.forEach((row, i) => {
      const out = screen(demo, { actions: [{ type: 'move', delta: i }] });
      expect(out.split('\n').length).toBeLessThanOrEqual(23);
      const mark = out.split('\n').find((l) => l.includes('› '));
      expect(mark, `row ${i} selected`).toBeDefined();
      expect(mark!.replace(/^.*› /, ''), `row ${i}`).toBe(rowText(row).slice(0, mark!.replace(/^.*› /, '').length));
      expect(flat(out), `row ${i} whole`).toContain(flat(rowText(row)));
    });
  });

  it('the header wraps a long warning at 80 columns', () => {
    const status: ClusterStatus = {
      ...fixture('bug-cl-5212'),
      leftovers: [
        { id: 'cli-prefer-grpStonith1', kind: 'move', resource: 'grpStonith1', node: 'srv03' },
        { id: 'cli-ban-msPostgresql-on-srv02', kind: 'ban', resource: 'msPostgresql', node: 'srv02', role: 'Promoted' },
      ],
    };
    const out = screen(status);
    for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    expect(flat(out)).toContain('2 constraints left by ban/move pin resources: grpStonith1 on srv03, msPostgresql (Promoted) not on srv02');
  });
});

describe('screens to review', () => {
  for (const name of ['bundle-order-partial', 'bug-cl-5212', 'node-states', 'probe-pending-node']) {
    it(name, async () => {
      await expect(screen(fixture(name)) + '\n').toMatchFileSnapshot(`__screens__/${name}.txt`);
    });
  }
});

describe('states of the view', () => {
  it('marks states in words: UNCLEAN, pending, maintenance, standby, quorum, failures', () => {
    expect(screen(fixture('bug-cl-5212'))).toMatch(/srv01: UNCLEAN \(offline\)[\s\S]*partition WITHOUT quorum|partition WITHOUT quorum[\s\S]*srv01: UNCLEAN \(offline\)/);
    const pending = screen(fixture('probe-pending-node'));
    expect(pending).toContain('gcdoubwap02: pending');
    expect(pending).toContain('Resource management is DISABLED');
    expect(pending).toContain('(unmanaged)');
    expect(screen(fixture('node-states'))).toContain('srv03: maintenance (DC)');
    expect(screen(fixture('mon-rsc-2'))).toContain('node2: standby (with active resources)');
    const bundle = screen(fixture('bundle-order-partial'), { actions: [{ type: 'end' }] });
    expect(bundle).toContain('Failed Resource Actions:');
    expect(bundle).toContain('openstack-cinder-volume-docker-0 monitor/60s on undercloud: not running (7)');
  });

  it('warns about bans left behind', () => {
    const out = screen(fixture('node-states'), { actions: [{ type: 'end' }] });
    expect(out).toContain('Bans and moves left behind:');
    expect(out).toContain('cli-ban-grpStonith1-on-srv02 prevents grpStonith1 from running on srv02');
    // in the header too, on the first screen: a ban pins a resource until cleared
    const top = screen(fixture('node-states'));
    expect(top).toContain('A constraint left by ban/move pins resources: grpStonith1 not on srv02');
    expect(out).toContain('A constraint left by ban/move pins resources: grpStonith1 not on srv02');
  });

  it('warns in the header about moves left behind, which crm_mon does not report (read from the CIB)', () => {
    const status: ClusterStatus = {
      ...fixture('bug-cl-5212'),
      leftovers: [
        { id: 'cli-prefer-grpStonith1', kind: 'move', resource: 'grpStonith1', node: 'srv03' },
        { id: 'cli-ban-msPostgresql-on-srv02', kind: 'ban', resource: 'msPostgresql', node: 'srv02', role: 'Promoted', until: '2026-11-22 04:16:40Z' },
      ],
    };
    // (at 120 columns the whole warning fits on its line)
    const top = screen(status, { width: 120 }).split('\n');
    const warn = top.findIndex((l) => l.includes('2 constraints left by ban/move pin resources: grpStonith1 on srv03, msPostgresql (Promoted) not on srv02'));
    // among the header lines, above the connection line
    expect(warn).toBeGreaterThan(0);
    expect(top.findIndex((l) => l.includes('updated 01:02:03'))).toBeGreaterThan(warn);
    const end = screen(status, { width: 140, actions: [{ type: 'end' }] });
    expect(end).toContain('cli-prefer-grpStonith1 pins grpStonith1 to srv03 ← left by move');
    expect(end).toContain('cli-ban-msPostgresql-on-srv02 prevents msPostgresql (Promoted) from running on srv02 until 2026-11-22 04:16:40Z');
    // and the details of the moved resource say what pins it
    const d = detailLines({ type: 'resource', resource: 'grpStonith1', kind: 'group' }, status).map((l) => l.map((x) => x.text).join(''));
    expect(d).toContain('Pinned by a move left behind');
    expect(d).toContain('  srv03: cli-prefer-grpStonith1 ← clear with C');
  });

  it('shows node attributes on demand', () => {
    expect(screen(fixture('bug-cl-5212'), { attributes: false })).not.toContain('default_ping_set');
    expect(screen(fixture('bug-cl-5212'), { attributes: true, actions: [{ type: 'end' }] })).toContain('default_ping_set: 100 (expected 100)');
  });

  it('says when the cluster is unreachable and since when, keeping the last good data', () => {
    const out = screen(fixture('bug-cl-5212'), {
      connection: { lastGoodAt: new Date(2026, 10, 22, 1, 0, 0), failingSince: new Date(2026, 10, 22, 1, 0, 2), error: 'crm_mon: Not connected (102)' },
    });
    expect(out).toContain('cluster unreachable since 01:00:02, last good data at 01:00:00');
    expect(out).toContain('srv03: online');
    const none = screen(undefined, { connection: { failingSince: new Date(2026, 10, 22, 1, 0, 2), error: 'x' } });
    expect(none).toContain('cluster unreachable since 01:00:02, no data yet');
    expect(none).toContain('No cluster status yet.');
  });

  it('details of a node and of a resource', () => {
    const status = fixture('bundle-order-partial');
    const node = screen(status, { actions: [{ type: 'move', delta: 3 }, { type: 'details' }] });
    expect(node).toContain('Node undercloud');
    expect(node).toContain('state: online (DC)');
    expect(node).toContain('Resources here (14)');
    const rsc = screen(status, { actions: [{ type: 'end' }, { type: 'details' }] });
    expect(rsc).toContain('Resource openstack-cinder-volume-docker-0 (primitive)');
    expect(rsc).toContain('monitor (60s) on undercloud: not running (7)');
    expect(rsc).toContain('fail-count=21');
  });

  it('details show the CIB configuration and allocation scores when loaded', () => {
    const status = fixture('bug-cl-5212');
    const config = parseXml(`<configuration><resources><group id="grpStonith1"><primitive id="prmStonith1-1" class="stonith" type="external/ssh">
      <instance_attributes id="ia"><nvpair id="p1" name="hostlist" value="srv01"/><nvpair id="p2" name="passwd" value="secret"/></instance_attributes>
      <meta_attributes id="ma"><nvpair id="m1" name="target-role" value="Started"/></meta_attributes>
      <operations><op id="o1" name="monitor" interval="3600s"/></operations></primitive></group></resources>
      <constraints><rsc_location id="cli-ban-grpStonith1-on-srv02" rsc="grpStonith1" node="srv02" score="-INFINITY"/><rsc_location id="l2" rsc="prmStonith1-1" node="srv03" score="100"/></constraints></configuration>`);
    const scores = new Map([['prmStonith1-1', new Map([['srv01', '-INFINITY'], ['srv02', 'INFINITY'], ['srv03', '0']])]]);
    const rows = buildRows(status);
    const at = rows.findIndex((r) => r.key === 'rsc:grpStonith1/prmStonith1-1');
    const first = rows.findIndex((r) => r.target !== undefined);
    const out = screen(status, { height: 60, actions: [{ type: 'move', delta: at - first - 1 }, { type: 'details' }], details: { config, scores } });
    expect(out).toContain('Resource prmStonith1-1 (primitive)');
    expect(out).toContain('hostlist: srv01');
    expect(out).toContain('passwd: ******');
    expect(out).not.toContain('secret');
    expect(out).toContain('target-role: Started');
    expect(out).toContain('monitor interval=3600s');
    expect(out).toContain('location l2 rsc=prmStonith1-1 node=srv03 score=100');
    expect(out).toContain('srv01: -INFINITY  cannot run here: node offline');
  });

  it('help lists the keys', () => {
    const out = screen(fixture('bug-cl-5212'), { actions: [{ type: 'help' }] });
    for (const k of ['Enter', '/', 's / o', 'c', 'M / b', 'C', '+ / -', 'q']) expect(out).toContain(`  ${k} `);
    expect(out).not.toContain('more lines');
  });

  it('a confirmation shows the whole command, wrapped, never cut', () => {
    const out = screen(fixture('bundle-order-partial'), { actions: [{ type: 'request', action: { kind: 'resource-cleanup', resource: 'openstack-cinder-volume-docker-0', node: 'undercloud' } }] });
    const flat = out.replace(/\s+/g, ' ');
    expect(flat).toContain('Run: crm_resource --cleanup --resource openstack-cinder-volume-docker-0 --node undercloud');
    expect(out).toContain('[y]es/[n]o');
  });

  it('the filter box and a filter that matches nothing', () => {
    const out = screen(fixture('bug-cl-5212'), { actions: [{ type: 'filter-start' }, { type: 'filter-input', text: 'zzz' }] });
    expect(out).toContain('/zzz_');
    expect(out).toContain('nothing matches "zzz"');
  });
});
