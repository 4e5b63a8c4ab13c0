/**
 * The side-by-side conflict report (src/cib/conflict-report.ts) on real CIBs:
 * the demo cluster's CIB and a scheduler-corpus CIB edited on two sides, and
 * a real conflict produced by commitCib against a CIB file that another
 * writer (crm_resource) changed in between.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictReport, formatConflict } from '../../src/cib/conflict-report.js';
import { targetEnv, type CibTarget } from '../../src/cib/target.js';
import { child, cloneXml, descendants, parseXml, type XmlElement } from '../../src/cib/xml.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { queryCib } from '../../src/pacemaker/cibadmin.js';
import { commitCib } from '../../src/pacemaker/commit.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO = parseXml(readFileSync(join(ROOT, 'demo', 'cib.xml'), 'utf8'));
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'pacemaker-2.1.5-scheduler', 'xml');

/** A copy of `cib` with the attribute `attr` of the element `id` set (or removed with undefined). */
function setAttr(cib: XmlElement, id: string, attr: string, value: string | undefined): XmlElement {
  const c = cloneXml(cib);
  const el = [...descendants(c)].find((e) => e.attrs.id === id);
  if (!el) throw new Error(`no element ${id}`);
  if (value === undefined) delete el.attrs[attr];
  else el.attrs[attr] = value;
  return c;
}

/** A copy of `cib` without the element `id`. */
function remove(cib: XmlElement, id: string): XmlElement {
  const c = cloneXml(cib);
  for (const e of descendants(c)) e.children = e.children.filter((k) => k.attrs.id !== id);
  return c;
}

/** A copy of `cib` with `xml` appended to the configuration section `section`. */
function add(cib: XmlElement, section: string, xml: string): XmlElement {
  const c = cloneXml(cib);
  child(child(c, 'configuration')!, section)!.children.push(parseXml(xml));
  return c;
}

/** The lines of one labelled block of the stacked layout. */
function block(report: string, label: RegExp): string[] {
  const ls = report.split('\n');
  const at = ls.findIndex((l) => label.test(l));
  expect(at, `no block ${label}`).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (const l of ls.slice(at + 1)) {
    if (!/^ {2}[ <>] /.test(l)) break;
    out.push(l);
  }
  return out;
}

describe('formatConflict, stacked (no width: not a terminal)', () => {
  it('modified on both sides: base, ours and theirs in the configure language, the changed lines marked', () => {
    const ours = setAttr(DEMO, 'vip-instance_attributes-ip', 'value', '10.213.0.101');
    const theirs = setAttr(setAttr(DEMO, 'vip-monitor-10s', 'timeout', '40s'), 'web-server-meta_attributes-target-role', 'value', 'Stopped');
    theirs.attrs.epoch = '14';
    const r = formatConflict(DEMO, ours, theirs, ['web-stack']);
    expect(r).toContain('web-stack: ours modified, theirs modified');
    expect(r).not.toContain(' | ');
    const base = block(r, /^ {2}base \(0\.13\.107\):$/);
    const o = block(r, /^ {2}ours \(this commit\):$/);
    const t = block(r, /^ {2}theirs \(the CIB now, 0\.14\.107\):$/);
    // the group comes with its members: a change inside a group is a change of the group
    for (const b of [base, o, t]) {
      expect(b.some((l) => l.includes('group web-stack vip web-data web-server'))).toBe(true);
      expect(b.some((l) => l.includes('primitive web-server ocf:pacemaker:Dummy'))).toBe(true);
    }
    // base marks what a side changed: the ip line (ours), the monitor and target-role lines (theirs)
    expect(base.filter((l) => l.startsWith('  < '))).toEqual([
      '  < \tparams ip=10.213.0.100 cidr_netmask=24 \\',
      '  < \top monitor interval=10s timeout=20s',
      '  < \tmeta target-role=Started \\',
    ]);
    expect(base.some((l) => l.startsWith('  > '))).toBe(false);
    expect(o).toContain('  > \tparams ip=10.213.0.101 cidr_netmask=24 \\');
    expect(o.filter((l) => l.startsWith('  > '))).toHaveLength(1);
    expect(t).toContain('  > \top monitor interval=10s timeout=40s');
    expect(t).toContain('  > \tmeta target-role=Stopped \\');
    expect(t.filter((l) => l.startsWith('  > '))).toHaveLength(2);
    expect(t).toContain('    \tparams ip=10.213.0.100 cidr_netmask=24 \\');
  });

  it('deleted on one side: that side says (deleted), for ours and for theirs', () => {
    const modified = setAttr(DEMO, 'report-job-meta_attributes-target-role', 'value', 'Started');
    const deleted = remove(DEMO, 'report-job');
    const theirsDeleted = formatConflict(DEMO, modified, deleted, ['report-job']);
    expect(theirsDeleted).toContain('report-job: ours modified, theirs deleted');
    expect(block(theirsDeleted, /^ {2}theirs /)).toEqual(['    (deleted)']);
    expect(block(theirsDeleted, /^ {2}ours /)).toContain('  > \tmeta target-role=Started');
    expect(block(theirsDeleted, /^ {2}base /)).toContain('    primitive report-job ocf:pacemaker:Dummy \\');

    const oursDeleted = formatConflict(DEMO, deleted, modified, ['report-job']);
    expect(oursDeleted).toContain('report-job: ours deleted, theirs modified');
    expect(block(oursDeleted, /^ {2}ours /)).toEqual(['    (deleted)']);
    expect(block(oursDeleted, /^ {2}theirs /)).toContain('  > \tmeta target-role=Started');
  });

  it('added on both sides under one id: base says (not there), each side shows its own', () => {
    const ours = add(DEMO, 'resources', '<primitive id="new1" class="ocf" provider="pacemaker" type="Dummy"/>');
    const theirs = add(DEMO, 'resources', '<primitive id="new1" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="new1-instance_attributes"><nvpair id="new1-instance_attributes-ip" name="ip" value="10.0.0.9"/></instance_attributes></primitive>');
    const r = formatConflict(DEMO, ours, theirs, ['new1']);
    expect(r).toContain('new1: ours added, theirs added');
    expect(block(r, /^ {2}base /)).toEqual(['    (not there)']);
    // nothing to compare with: the title says added, no line is marked
    expect(block(r, /^ {2}ours /)).toEqual(['    primitive new1 ocf:pacemaker:Dummy']);
    expect(block(r, /^ {2}theirs /)).toEqual(['    primitive new1 IPaddr2 \\', '    \tparams ip=10.0.0.9']);
  });

  it('properties, nodes and constraints by the ids touchedObjects gives them; several objects in show order of the list', () => {
    const ours = setAttr(setAttr(DEMO, 'cib-bootstrap-options-no-quorum-policy', 'value', 'ignore'), 'nodes-1-rack', 'value', 'c');
    const theirs = setAttr(remove(DEMO, 'nodes-1'), 'web-prefers-n1', 'score', '200');
    const r = formatConflict(DEMO, setAttr(ours, 'web-prefers-n1', 'score', '50'), setAttr(theirs, 'cib-bootstrap-options-cluster-recheck-interval', 'value', '9min'), [
      'cib-bootstrap-options',
      '1',
      'web-prefers-n1',
    ]);
    const titles = r.split('\n').filter((l) => /^\S+: ours /.test(l));
    expect(titles).toEqual([
      'cib-bootstrap-options: ours modified, theirs modified',
      '1: ours modified, theirs modified',
      'web-prefers-n1: ours modified, theirs modified',
    ]);
    expect(r).toContain('  > \tno-quorum-policy=ignore \\');
    expect(r).toContain('  > \tcluster-recheck-interval=9min');
    expect(r).toContain('    node 1: n1');
    expect(r).toContain('  > location web-prefers-n1 web-stack 50: n1');
    expect(r).toContain('  > location web-prefers-n1 web-stack 200: n1');
  });

  it('a whole section created on both sides is shown with its objects', () => {
    const bare = remove(DEMO, 'op-options');
    const conf = child(bare, 'configuration')!;
    conf.children = conf.children.filter((c) => c.name !== 'op_defaults');
    const ours = add(bare, 'resources', '<primitive id="x" class="ocf" provider="pacemaker" type="Dummy"/>');
    child(ours, 'configuration')!.children.push(parseXml('<op_defaults><meta_attributes id="od"><nvpair id="od-timeout" name="timeout" value="30s"/></meta_attributes></op_defaults>'));
    const theirs = cloneXml(bare);
    child(theirs, 'configuration')!.children.push(parseXml('<op_defaults><meta_attributes id="od2"><nvpair id="od2-timeout" name="timeout" value="90s"/></meta_attributes></op_defaults>'));
    const r = formatConflict(bare, ours, theirs, ['op_defaults']);
    expect(r).toContain('op_defaults: ours added, theirs added');
    expect(block(r, /^ {2}ours /).join('\n')).toContain('op_defaults od:');
    expect(block(r, /^ {2}theirs /).join('\n')).toContain('timeout=90s');
  });
});

describe('formatConflict, side by side', () => {
  const ours = setAttr(DEMO, 'report-job-meta_attributes-target-role', 'value', 'Started');
  const theirs = remove(DEMO, 'report-job');

  it('three aligned columns when every line fits: base | ours | theirs, as wide as their longest line, nothing cut', () => {
    const width = 150;
    const r = formatConflict(DEMO, ours, theirs, ['report-job'], { width });
    const ls = r.trimEnd().split('\n');
    const head = ls.find((l) => l.startsWith('base ('))!;
    const first = ls.indexOf(head);
    // the longest cell: the primitive line, two characters of mark before it
    const col = '  primitive report-job ocf:pacemaker:Dummy \\'.length;
    expect(head.indexOf('ours (this commit)')).toBe(col + 3);
    expect(head.indexOf('theirs (the CIB now')).toBe(2 * col + 6);
    expect(ls[first + 1]).toBe(['-'.repeat(col), '-'.repeat(col), '-'.repeat(col)].join(' | '));
    for (const l of ls.slice(first, first + 5)) {
      expect(l.length).toBeLessThanOrEqual(3 * col + 6);
      expect(l.slice(col, col + 3)).toBe(' | ');
    }
    const row = ls.find((l) => l.includes('meta target-role=Stopped'))!;
    // tabs become spaces in columns, so the separators line up
    expect(row).not.toContain('\t');
    expect(row.slice(0, col + 3)).toMatch(/^< {5}meta target-role=Stopped +\| $/);
    expect(row.slice(col + 3).trimEnd()).toMatch(/^> {5}meta target-role=Started +\|$/);
    expect(ls.find((l) => l.includes('# a nightly job'))!.trimEnd().endsWith('(deleted)')).toBe(true);
  });

  it('stacks the blocks when a line would not fit a column, or the width is too small', () => {
    const long = setAttr(ours, 'report-job-meta_attributes-target-role', 'value', `Started${'x'.repeat(80)}`);
    for (const [o, width] of [
      [long, 250],
      [ours, 100],
    ] as const) {
      const r = formatConflict(DEMO, o, theirs, ['report-job'], { width });
      expect(r).not.toContain(' | ');
      expect(block(r, /^ {2}theirs /)).toEqual(['    (deleted)']);
    }
  });

  it('works on a scheduler-corpus CIB (a group, as Pacemaker writes it)', () => {
    const cib = parseXml(readFileSync(join(CORPUS, '6-migrate-group.xml'), 'utf8'));
    const group = [...descendants(cib)].find((e) => e.name === 'group')!;
    const member = group.children.find((c) => c.name === 'primitive')!;
    const ours = setAttr(cib, member.attrs.id!, 'description', 'ours');
    const theirs = remove(cib, member.attrs.id!);
    const r = formatConflict(cib, ours, theirs, [group.attrs.id!], { width: 400 });
    expect(r).toContain(`${group.attrs.id}: ours modified, theirs modified`);
    const ls = r.split('\n');
    // ours added a description to the member; theirs removed the member from the group
    expect(ls.find((l) => l.includes('description=ours'))).toMatch(/\| > {5}description=ours \\ +\| /);
    expect(ls.find((l) => l.includes(`group ${group.attrs.id} `) && l.startsWith('<'))).toBeDefined();
    expect(ls.some((l) => new RegExp(`\\| > group ${group.attrs.id} [^|]*$`).test(l))).toBe(true);
    expect(ls.filter((l) => l.startsWith(`< primitive ${member.attrs.id} `))).toHaveLength(1);
  });
});

describe('conflictReport on a real commit conflict (cibadmin, crm_resource on a CIB file)', () => {
  const ex = new LocalExecutor();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hash-conflict-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the refusal names the object and shows base, ours and theirs; other conflicts keep their message', async () => {
    const path = join(dir, 'cib.xml');
    await writeFile(path, readFileSync(join(ROOT, 'demo', 'cib.xml'), 'utf8'));
    const t: CibTarget = { kind: 'file', path };
    const base = await queryCib(ex, t);
    const ours = setAttr(base, 'vip-instance_attributes-ip', 'value', '10.213.0.102');
    // the other writer, between our read and our commit
    const w = await ex.exec(['crm_resource', '--resource', 'vip', '--set-parameter', 'cidr_netmask', '--parameter-value', '16'], { env: targetEnv(t) });
    expect(w.code).toBe(0);
    const r = await commitCib(ex, t, base, ours);
    expect(r.status).toBe('conflict');
    if (r.status !== 'conflict') return;
    expect(r.conflict.theirs).toBeDefined();
    const text = conflictReport(r.conflict, base, ours);
    expect(text.startsWith(r.conflict.message)).toBe(true);
    expect(text).toContain('web-stack: ours modified, theirs modified');
    expect(block(text, /^ {2}base /)).toContain('  < \tparams ip=10.213.0.100 cidr_netmask=24 \\');
    expect(block(text, /^ {2}ours /)).toContain('  > \tparams ip=10.213.0.102 cidr_netmask=24 \\');
    expect(block(text, /^ {2}theirs /)).toContain('  > \tparams ip=10.213.0.100 cidr_netmask=16 \\');
    // nothing was written: the file is as the other writer left it
    expect(readFileSync(path, 'utf8')).toContain('value="16"');
    expect(readFileSync(path, 'utf8')).not.toContain('10.213.0.102');

    const busy = { reason: 'busy', objects: [], message: 'The CIB keeps changing', theirs: base };
    expect(conflictReport(busy, base, ours, 200)).toBe('The CIB keeps changing');
  });
});
