/**
 * applyStatements: load modes, id collisions, and hash's deliberate
 * differences from crmsh. Inputs are .crm text through the real parser.
 */
import { describe, expect, it } from 'vitest';
import { parseConfigure } from '../../grammar/index.js';
import { hasErrors } from '../../grammar/diagnostics.js';
import { applyStatements, type LoadMode } from '../../src/cib/apply.js';
import { encodeStatement } from '../../src/cib/encode.js';
import { IdStore } from '../../src/cib/ids.js';
import { descendants, parseXml, serializeXml, type XmlElement } from '../../src/cib/xml.js';

const EMPTY = (schema = 'pacemaker-3.9'): XmlElement =>
  parseXml(`<cib validate-with="${schema}" epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>`);

function load(text: string, mode: LoadMode = 'update', cib: XmlElement = EMPTY()) {
  const parsed = parseConfigure(text, { file: 'test.crm' });
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return applyStatements(cib, parsed.statements, mode);
}

function byId(cib: XmlElement, id: string): XmlElement | undefined {
  for (const e of descendants(cib)) if (e.attrs.id === id && e.name !== 'resource_ref' && e.name !== 'obj_ref') return e;
  return undefined;
}

function ids(cib: XmlElement): string[] {
  return [...descendants(cib)].filter((e) => e.attrs.id !== undefined && e.name !== 'resource_ref').map((e) => e.attrs.id!);
}

function section(cib: XmlElement, name: string): XmlElement | undefined {
  return cib.children.find((c) => c.name === 'configuration')?.children.find((c) => c.name === name);
}

describe('update', () => {
  it('replaces an existing object and reuses the ids of unchanged parts', () => {
    const base = load('primitive p1 ocf:heartbeat:Dummy params fake=1 op monitor interval=10s op start interval=0').cib;
    const before = serializeXml(base);
    const { cib, diagnostics } = load('primitive p1 ocf:heartbeat:Dummy params fake=2 op monitor interval=10s timeout=5s op monitor interval=20s', 'update', base);
    expect(diagnostics).toEqual([]);
    expect(serializeXml(base)).toBe(before);
    expect(byId(cib, 'p1-monitor-10s')?.attrs.timeout).toBe('5s');
    expect(byId(cib, 'p1-monitor-20s')).toBeDefined();
    expect(byId(cib, 'p1-start-0')).toBeUndefined();
    expect(byId(cib, 'p1-instance_attributes-fake')?.attrs.value).toBe('2');
  });

  it('gives a changed rule a new id, as crmsh does (the old id was still taken)', () => {
    const base = load('primitive p ocf:heartbeat:Dummy\nlocation l1 p rule 50: #uname eq n1').cib;
    const { cib } = load('location l1 p rule 60: #uname eq n1', 'update', base);
    expect(section(cib, 'constraints')?.children[0]?.children[0]?.attrs.id).toBe('l1-rule-0');
  });

  it('merges several property lines for one set (crmsh refuses the file)', () => {
    const { cib, diagnostics } = load('property stonith-enabled=false\nproperty no-quorum-policy=ignore\nproperty stonith-enabled=true');
    expect(diagnostics).toEqual([]);
    const set = section(cib, 'crm_config')!.children;
    expect(set).toHaveLength(1);
    expect(set[0]!.children.map((n) => `${n.attrs.id}=${n.attrs.value}`)).toEqual([
      'cib-bootstrap-options-stonith-enabled=false',
      'cib-bootstrap-options-no-quorum-policy=ignore',
      'cib-bootstrap-options-stonith-enabled-0=true',
    ]);
  });

  it('merges properties into the existing set, keeping the others', () => {
    const base = load('property a=1 b=2').cib;
    const { cib } = load('property b=3 c=4', 'update', base);
    expect(section(cib, 'crm_config')!.children[0]!.children.map((n) => `${n.attrs.id}=${n.attrs.value}`)).toEqual([
      'cib-bootstrap-options-a=1',
      'cib-bootstrap-options-b=3',
      'cib-bootstrap-options-c=4',
    ]);
  });

  it('moves members into a new group and back out when dropped', () => {
    const base = load('primitive a ocf:heartbeat:Dummy\nprimitive b ocf:heartbeat:Dummy\ngroup g a b').cib;
    const { cib, diagnostics } = load('group g b', 'update', base);
    expect(diagnostics).toEqual([]);
    const res = section(cib, 'resources')!;
    expect(res.children.map((c) => c.attrs.id)).toEqual(['g', 'a']);
    expect(res.children[0]!.children.map((c) => c.attrs.id)).toEqual(['b']);
    expect(ids(cib).filter((i) => i === 'a' || i === 'b')).toHaveLength(2);
  });

  it('merges a node known under another id (a real cluster: id 1, uname n1) and keeps its id', () => {
    const base = parseXml(serializeXml(EMPTY()).replace('<nodes/>', '<nodes><node id="1" uname="n1"><instance_attributes id="nodes-1"><nvpair id="nodes-1-standby" name="standby" value="on"/></instance_attributes></node></nodes>'));
    const { cib } = load('node n1 attributes standby=off foo=bar', 'update', base);
    const node = section(cib, 'nodes')!.children;
    expect(node).toHaveLength(1);
    expect(node[0]!.attrs.id).toBe('1');
    expect(node[0]!.children[0]!.children.map((n) => `${n.attrs.name}=${n.attrs.value}`)).toEqual(['standby=off', 'foo=bar']);
  });
});

describe('replace and push', () => {
  const baseText = 'node n1\nnode n2\nprimitive p1 ocf:heartbeat:Dummy\nprimitive p2 ocf:heartbeat:Dummy\nlocation l1 p1 10: n1\nproperty a=1\nrsc_defaults x=1';

  it('replace erases every object but the nodes', () => {
    const { cib, diagnostics } = load('primitive p3 ocf:heartbeat:Dummy\nproperty b=2', 'replace', load(baseText).cib);
    expect(diagnostics).toEqual([]);
    expect(section(cib, 'nodes')!.children.map((n) => n.attrs.uname)).toEqual(['n1', 'n2']);
    expect(section(cib, 'resources')!.children.map((n) => n.attrs.id)).toEqual(['p3']);
    expect(section(cib, 'constraints')!.children).toEqual([]);
    expect(section(cib, 'rsc_defaults')!.children).toEqual([]);
    expect(section(cib, 'crm_config')!.children[0]!.children.map((n) => n.attrs.name)).toEqual(['b']);
  });

  it('push removes what the input does not name, nodes included, and merges properties', () => {
    const { cib, diagnostics } = load('node n1\nprimitive p1 ocf:heartbeat:Dummy params fake=1\nproperty b=2', 'push', load(baseText).cib);
    expect(diagnostics).toEqual([]);
    expect(section(cib, 'nodes')!.children.map((n) => n.attrs.uname)).toEqual(['n1']);
    expect(section(cib, 'resources')!.children.map((n) => n.attrs.id)).toEqual(['p1']);
    expect(section(cib, 'constraints')!.children).toEqual([]);
    expect(section(cib, 'crm_config')!.children[0]!.children.map((n) => n.attrs.name)).toEqual(['a', 'b']);
  });

  it('push keeps a member of a removed group at the top level', () => {
    const base = load('primitive a ocf:heartbeat:Dummy\nprimitive b ocf:heartbeat:Dummy\ngroup g a b').cib;
    const { cib } = load('primitive a ocf:heartbeat:Dummy', 'push', base);
    expect(section(cib, 'resources')!.children.map((n) => `${n.name}:${n.attrs.id}`)).toEqual(['primitive:a']);
  });
});

describe('id collisions and diagnostics', () => {
  it('a generated id that is taken gets -0, -1, ...', () => {
    const { cib } = load('primitive p1-instance_attributes ocf:heartbeat:Dummy\nprimitive p1-instance_attributes-0 ocf:heartbeat:Dummy\nprimitive p1 ocf:heartbeat:Dummy params fake=1');
    expect(byId(cib, 'p1-instance_attributes-1')?.name).toBe('instance_attributes');
    expect(byId(cib, 'p1-instance_attributes-1-fake')?.name).toBe('nvpair');
  });

  it('two ops with the same name and interval', () => {
    const { cib } = load('primitive p ocf:heartbeat:Dummy op monitor interval=10s op monitor interval=10s role=Master op monitor interval=10s role=Slave');
    expect(section(cib, 'resources')!.children[0]!.children[0]!.children.map((o) => `${o.attrs.id}:${o.attrs.role ?? ''}`)).toEqual([
      'p-monitor-10s:',
      'p-monitor-10s-0:Promoted',
      'p-monitor-10s-1:Unpromoted',
    ]);
  });

  it('an id defined twice in the input is an error at the second definition', () => {
    const { diagnostics } = load('primitive p ocf:heartbeat:Dummy\n\nprimitive p ocf:heartbeat:Dummy');
    expect(diagnostics).toMatchObject([{ severity: 'error', code: 'duplicate-id', line: 3, col: 1, objectId: 'p' }]);
  });

  it('an id used by an object of another kind is an error', () => {
    const base = load('primitive a ocf:heartbeat:Dummy\nlocation l1 a 10: n1').cib;
    const { diagnostics } = load('primitive l1 ocf:heartbeat:Dummy', 'update', base);
    expect(diagnostics).toMatchObject([{ severity: 'error', code: 'duplicate-id', line: 1, objectId: 'l1' }]);
  });

  it('a user-given set id that is already taken is an error', () => {
    const { diagnostics } = load('primitive a ocf:heartbeat:Dummy\nprimitive b ocf:heartbeat:Dummy params $id=a x=1');
    expect(diagnostics).toMatchObject([{ severity: 'error', code: 'duplicate-id', line: 2, objectId: 'a' }]);
  });

  it('a user-given id equal to an id made earlier in the same load, or to a node name, is found', () => {
    const made = load('primitive a ocf:heartbeat:Dummy params foo=1\nprimitive b ocf:heartbeat:Dummy params $id=a-instance_attributes x=1');
    expect(made.diagnostics).toMatchObject([{ severity: 'error', code: 'duplicate-id', line: 2, objectId: 'a-instance_attributes' }]);
    // a node's id may equal a resource's (a remote node and its connection): not a duplicate
    expect(load('node n1\nprimitive n1 ocf:pacemaker:remote').diagnostics).toEqual([]);
  });

  it('monitor on a missing primitive, and on an existing interval', () => {
    const { diagnostics } = load('primitive p ocf:heartbeat:Dummy op monitor interval=10s\nmonitor q 10s\nmonitor p 10s:30s');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['missing-target', 2],
      ['op-exists', 3],
    ]);
    expect(hasErrors(diagnostics)).toBe(true);
  });

  it('monitor intervals are compared as times (10 = 10s), as crmsh does', () => {
    const { diagnostics } = load('primitive p ocf:heartbeat:Dummy op monitor interval=10s\nmonitor p 10');
    expect(diagnostics).toMatchObject([{ code: 'op-exists', line: 2 }]);
  });

  it('a member of another container is an error', () => {
    const { diagnostics } = load('primitive a ocf:heartbeat:Dummy\ngroup g a\nclone c a');
    expect(diagnostics).toMatchObject([{ severity: 'error', code: 'member-elsewhere', line: 3, objectId: 'a' }]);
  });

  it('a group member that does not exist is an error', () => {
    const { diagnostics } = load('group g nosuch');
    expect(diagnostics).toMatchObject([{ severity: 'error', code: 'missing-ref', objectId: 'nosuch', line: 1 }]);
  });
});

describe('deliberate differences from crmsh', () => {
  it('ms becomes a promotable clone', () => {
    const { cib } = load('primitive d ocf:pacemaker:Stateful\nms m d meta notify=true');
    const m = section(cib, 'resources')!.children[0]!;
    expect(m.name).toBe('clone');
    expect(m.children[0]!.children.map((n) => `${n.attrs.id}=${n.attrs.value}`)).toEqual(['m-meta_attributes-promotable=true', 'm-meta_attributes-notify=true']);
  });

  it('roles follow the schema: new names on 3.7+, old names before', () => {
    const text =
      'primitive d ocf:pacemaker:Stateful op monitor interval=10s role=Master meta target-role=Slave\nms m d\n' +
      'location l1 m rule $role=Master 10: #uname eq n1\nlocation l2 m role=Slave 10: n1\ncolocation c inf: d m:Master\nrsc_ticket t T: m:Slave';
    const roles = (cib: XmlElement): string[] =>
      [...descendants(cib)].flatMap((e) => ['role', 'with-rsc-role', 'rsc-role'].map((k) => e.attrs[k]).concat(e.attrs.name === 'target-role' ? [e.attrs.value] : [])).filter((v): v is string => v !== undefined);
    expect(roles(load(text).cib)).toEqual(['Promoted', 'Unpromoted', 'Promoted', 'Unpromoted', 'Promoted', 'Unpromoted']);
    expect(roles(load(text, 'update', EMPTY('pacemaker-3.5')).cib)).toEqual(['Master', 'Slave', 'Master', 'Slave', 'Master', 'Slave']);
    expect(roles(load(text.replace(/Master/g, 'Promoted').replace(/Slave/g, 'Unpromoted'), 'update', EMPTY('pacemaker-3.5')).cib)).toEqual(['Master', 'Slave', 'Master', 'Slave', 'Master', 'Slave']);
  });

  it('schema X sets validate-with, and roles follow it', () => {
    const { cib } = load('schema pacemaker-3.5\nprimitive d ocf:pacemaker:Stateful op monitor interval=10s role=Promoted');
    expect(cib.attrs['validate-with']).toBe('pacemaker-3.5');
    expect(byId(cib, 'd-monitor-10s')?.attrs.role).toBe('Master');
  });

  it('fencing_topology without targets also sees nodes of the same input', () => {
    const { cib } = load('node n1\nnode n2\nprimitive s stonith:null\nfencing_topology s');
    expect(section(cib, 'fencing-topology')!.children.map((l) => `${l.attrs.id}:${l.attrs.target}`)).toEqual(['fencing:n1', 'fencing-0:n2']);
  });
});

describe('ACL users', () => {
  it('user with roles becomes an acl_target on schema 2.0+ (crmsh writes an acl_user the schema rejects)', () => {
    const { cib, diagnostics } = load('role r1 read xpath:/cib\nuser alice role:r1');
    expect(diagnostics).toEqual([]);
    expect(serializeXml(section(cib, 'acls')!, { indent: '' })).toBe(
      '<acls><acl_role id="r1"><acl_permission kind="read" xpath="/cib" id="r1-0"/></acl_role><acl_target id="alice"><role id="r1"/></acl_target></acls>',
    );
  });

  it('rules directly on a user are an error on schema 2.0+, with a hint', () => {
    const { diagnostics } = load('user bob read xpath:/cib');
    expect(diagnostics).toMatchObject([{ severity: 'error', code: 'acl-user-rules', line: 1, col: 10, objectId: 'bob' }]);
    expect(diagnostics[0]!.hint).toContain('acl_target bob');
  });
});

describe('encodeStatement', () => {
  it('returns the element, its section and uses the id store', () => {
    const st = parseConfigure('location l1 p rule 10: #uname eq a').statements[0]!;
    const store = new IdStore(['l1-rule']);
    const r = encodeStatement(st, { ids: store, schema: 'pacemaker-3.9', nodes: [] });
    expect(r.section).toBe('constraints');
    expect(serializeXml(r.elements[0]!, { indent: '' })).toBe(
      '<rsc_location id="l1" rsc="p"><rule score="10" id="l1-rule-0"><expression operation="eq" attribute="#uname" value="a" id="l1-rule-0-expression"/></rule></rsc_location>',
    );
    expect(store.has('l1-rule-0-expression')).toBe(true);
  });
});
