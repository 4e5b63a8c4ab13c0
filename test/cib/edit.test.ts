/**
 * The whole-CIB edits behind configure delete, modgroup and set, on CIBs made
 * from configure text (the same path the shell takes).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseConfigure } from '../../grammar/index.js';
import { applyStatements } from '../../src/cib/apply.js';
import { deleteObjects, EditError, modifyGroup, setAttribute, topLevelObjects } from '../../src/cib/edit.js';
import { showConfiguration } from '../../src/cib/show.js';
import { parseXml, serializeXml, type XmlElement } from '../../src/cib/xml.js';

const empty = spawnSync('cibadmin', ['--empty'], { encoding: 'utf8' }).stdout;

function cibOf(text: string): XmlElement {
  const parsed = parseConfigure(text);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const r = applyStatements(parseXml(empty), parsed.statements, 'update');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.cib;
}

/** The statements of a CIB without their continuation lines: one line per object. */
const heads = (cib: XmlElement): string[] =>
  showConfiguration(cib)
    .split('\n')
    .filter((l) => l !== '' && !/^\s/.test(l));

const BASE = `
primitive a ocf:pacemaker:Dummy
primitive b ocf:pacemaker:Dummy
primitive c ocf:pacemaker:Dummy
primitive d ocf:pacemaker:Dummy
group g a b
colocation col inf: ( a c ) d
order ord Mandatory: c d
location loc g 100: node1
tag t1: c d
`;

describe('deleteObjects', () => {
  it('removes a resource from resource sets and tags, keeping what still has two resources', () => {
    const r = deleteObjects(cibOf(BASE), ['c']);
    expect(r.removed).toEqual(['c', 'ord']);
    expect(r.updated.sort()).toEqual(['col', 't1']);
    expect(heads(r.cib)).toContain('colocation col inf: ( a ) d');
    expect(heads(r.cib)).toContain('tag t1 d');
    expect(heads(r.cib).some((l) => l.startsWith('order'))).toBe(false);
  });

  it('drops a colocation left with one resource, an empty set and an empty tag', () => {
    const r = deleteObjects(cibOf(BASE), ['c', 'd']);
    expect(r.removed.sort()).toEqual(['c', 'col', 'd', 'ord', 't1']);
    const xml = serializeXml(r.cib);
    expect(xml).not.toContain('resource_set');
    expect(xml).not.toContain('<tag ');
  });

  it('a deleted group releases its members and its constraints move to the first member', () => {
    const r = deleteObjects(cibOf(BASE), ['g']);
    expect(r.removed).toEqual(['g']);
    expect(r.released).toEqual(['a', 'b']);
    expect(r.repointed).toEqual([{ constraint: 'loc', from: 'g', to: 'a' }]);
    const objs = topLevelObjects(r.cib);
    expect(objs.has('a') && objs.has('b')).toBe(true);
    expect(heads(r.cib)).toContain('location loc a 100: node1');
    // the members are top-level primitives now, where the group was (after c and d, as crmsh orders them)
    const resources = r.cib.children.find((c) => c.name === 'configuration')!.children.find((c) => c.name === 'resources')!;
    expect(resources.children.map((c) => c.attrs.id)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('deleting a group with all its members removes them all, and a group losing its last member goes', () => {
    const all = deleteObjects(cibOf(BASE), ['g', 'a', 'b']);
    expect(all.removed.sort()).toEqual(['a', 'b', 'g', 'loc']);
    expect(all.released).toEqual([]);
    const last = deleteObjects(cibOf(`${BASE}\nprimitive e ocf:pacemaker:Dummy\ngroup g2 e\n`), ['e']);
    expect(last.removed).toEqual(['e', 'g2']);
  });

  it('a deleted group inside a clone: the members come out, the empty clone goes', () => {
    const r = deleteObjects(cibOf('primitive a ocf:pacemaker:Dummy\nprimitive b ocf:pacemaker:Dummy\ngroup g a b\nclone cl g\nlocation l cl 50: node1\n'), ['g']);
    expect(r.released).toEqual(['a', 'b']);
    expect(r.removed.sort()).toEqual(['cl', 'g', 'l']);
    expect(heads(r.cib)).toEqual(['primitive a ocf:pacemaker:Dummy', 'primitive b ocf:pacemaker:Dummy']);
  });

  it('deleting a template deletes the primitives made from it', () => {
    const r = deleteObjects(cibOf('rsc_template tpl ocf:pacemaker:Dummy\nprimitive p1 @tpl\nprimitive p2 ocf:pacemaker:Dummy\n'), ['tpl']);
    expect(r.removed.sort()).toEqual(['p1', 'tpl']);
    expect(topLevelObjects(r.cib).has('p2')).toBe(true);
  });

  it('leaves its input alone', () => {
    const cib = cibOf(BASE);
    const before = serializeXml(cib);
    deleteObjects(cib, ['g', 'c']);
    expect(serializeXml(cib)).toBe(before);
  });
});

describe('modifyGroup', () => {
  const cib = cibOf(BASE);
  const members = (x: XmlElement): string[] => heads(x).find((l) => l.startsWith('group g '))!.split(' ').slice(2);

  it('appends, or puts the primitive before or after a member', () => {
    expect(members(modifyGroup(cib, 'g', { op: 'add', rsc: 'c' }))).toEqual(['a', 'b', 'c']);
    expect(members(modifyGroup(cib, 'g', { op: 'add', rsc: 'c', before: 'b' }))).toEqual(['a', 'c', 'b']);
    expect(members(modifyGroup(cib, 'g', { op: 'add', rsc: 'c', after: 'a' }))).toEqual(['a', 'c', 'b']);
    expect(topLevelObjects(modifyGroup(cib, 'g', { op: 'add', rsc: 'c' })).get('c')).toBeDefined();
  });

  it('removes a member, which stays as a top-level resource', () => {
    const out = modifyGroup(cib, 'g', { op: 'remove', rsc: 'a' });
    expect(members(out)).toEqual(['b']);
    expect(heads(out)).toContain('primitive a ocf:pacemaker:Dummy');
  });

  it('names the faulty argument', () => {
    const fail = (f: () => unknown): EditError => {
      try {
        f();
      } catch (e) {
        if (e instanceof EditError) return e;
        throw e;
      }
      throw new Error('no error');
    };
    expect(fail(() => modifyGroup(cib, 'a', { op: 'add', rsc: 'c' }))).toMatchObject({ subject: 'group', message: 'a is a primitive, not a group' });
    expect(fail(() => modifyGroup(cib, 'g', { op: 'add', rsc: 'a' })).message).toBe('a is already a member of g');
    expect(fail(() => modifyGroup(cib, 'g', { op: 'add', rsc: 'c', after: 'd' }))).toMatchObject({ subject: 'ref' });
    expect(fail(() => modifyGroup(cib, 'g', { op: 'remove', rsc: 'c' }))).toMatchObject({ subject: 'rsc' });
    const single = modifyGroup(cib, 'g', { op: 'remove', rsc: 'a' });
    expect(fail(() => modifyGroup(single, 'g', { op: 'remove', rsc: 'b' })).hint).toContain('delete g');
    const two = cibOf(`${BASE}\ngroup g2 c\n`);
    expect(fail(() => modifyGroup(two, 'g', { op: 'add', rsc: 'c' })).hint).toContain('modgroup g2 remove c');
  });
});

describe('setAttribute', () => {
  const cib = cibOf(`
primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.1 meta target-role=Started utilization cpu=2 op monitor interval=10s on-fail=restart op monitor interval=20s role=Unpromoted op start timeout=20s
primitive my.dotted ocf:pacemaker:Dummy params fake=1
group g vip meta target-role=Started
property stonith-enabled=true
`);
  const show = (x: XmlElement, id: string): string => showConfiguration(x, { ids: [id] });

  it('sets a parameter, meta attribute, utilization value or property that exists', () => {
    expect(show(setAttribute(cib, 'vip.ip', '10.0.0.2'), 'vip')).toContain('params ip=10.0.0.2');
    expect(show(setAttribute(cib, 'vip.target-role', 'Stopped'), 'vip')).toContain('meta target-role=Stopped');
    expect(show(setAttribute(cib, 'vip.cpu', '4'), 'vip')).toContain('utilization cpu=4');
    expect(show(setAttribute(cib, 'cib-bootstrap-options.stonith-enabled', 'false'), 'cib-bootstrap-options')).toContain('stonith-enabled=false');
    // the group's own meta attribute, not its member's
    const g = setAttribute(cib, 'g.target-role', 'Stopped');
    expect(show(g, 'g')).toContain('target-role=Stopped');
    expect(show(g, 'vip')).toContain('meta target-role=Started');
  });

  it('sets an attribute of an operation, by name or by name and interval', () => {
    expect(show(setAttribute(cib, 'vip.start.timeout', '40s'), 'vip')).toContain('op start timeout=40s');
    expect(show(setAttribute(cib, 'vip.monitor.10s.on-fail', 'ignore'), 'vip')).toContain('op monitor interval=10s on-fail=ignore');
    expect(show(setAttribute(cib, 'vip.monitor.10000ms.timeout', '30s'), 'vip')).toMatch(/op monitor interval=10s on-fail=restart timeout=30s/);
  });

  it('takes the longest id prefix, so ids with dots work', () => {
    expect(show(setAttribute(cib, 'my.dotted.fake', '2'), 'my.dotted')).toContain('params fake=2');
  });

  it('refuses paths that do not lead to exactly one attribute', () => {
    expect(() => setAttribute(cib, 'vip.nope', 'x')).toThrow("vip has no attribute 'nope'");
    expect(() => setAttribute(cib, 'vip.monitor.on-fail', 'x')).toThrow("vip has 2 'monitor' operations");
    expect(() => setAttribute(cib, 'vip.monitor.30s.on-fail', 'x')).toThrow("vip has no 'monitor' operation with interval 30s");
    expect(() => setAttribute(cib, 'nope.ip', 'x')).toThrow("no object with id 'nope'");
    expect(() => setAttribute(cib, 'vip', 'x')).toThrow(EditError);
    expect(() => setAttribute(cib, 'vip.start.id', 'x')).toThrow('cannot be set');
  });
});
