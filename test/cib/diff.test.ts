import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPatchXml,
  BULK_COST,
  cibDiffers,
  cibVersion,
  describeDiff,
  diffCib,
  isEmptyDiff,
  parsePath,
  patchChanges,
  patchedCib,
  touchedObjects,
} from '../../src/cib/diff.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { child, cloneXml, descendants, parseXml, serializeXml, xmlEqual, type XmlElement } from '../../src/cib/xml.js';

const run = promisify(execFile);

const BASE = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="4" num_updates="2" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="o-stonith" name="stonith-enabled" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes/>
    <resources>
      <group id="g">
        <primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/>
        <primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/>
        <primitive id="c" class="ocf" provider="pacemaker" type="Dummy">
          <operations>
            <op id="c-mon" name="monitor" interval="10s"/>
            <op id="c-start" name="start" interval="0s" timeout="20s"/>
          </operations>
        </primitive>
      </group>
      <primitive id="d" class="ocf" provider="pacemaker" type="Dummy"/>
    </resources>
    <constraints>
      <rsc_location id="loc-d" rsc="d" node="n1" score="100"/>
    </constraints>
  </configuration>
  <status/>
</cib>`;

const base = (): XmlElement => parseXml(BASE);
const conf = (cib: XmlElement): XmlElement => child(cib, 'configuration')!;
const byId = (cib: XmlElement, id: string): XmlElement => {
  for (const e of descendants(cib)) if (e.attrs.id === id) return e;
  throw new Error(`no ${id}`);
};
const ops = (d: XmlElement) => patchChanges(d).map((c) => `${c.attrs.operation} ${c.attrs.path}${c.attrs.position !== undefined ? ` @${c.attrs.position}` : ''}`);

describe('diffCib', () => {
  it('is empty for equal CIBs, ignoring the counters and volatile root attributes', () => {
    const b = base();
    const t = cloneXml(b);
    Object.assign(t.attrs, { epoch: '9', num_updates: '17', 'cib-last-written': 'Sun Nov 22 00:00:00 2026', 'have-quorum': '1', 'dc-uuid': '1' });
    const d = diffCib(b, t);
    expect(isEmptyDiff(d)).toBe(true);
    expect(patchChanges(d)).toEqual([]);
  });

  it('carries a version block from base to base epoch+1, num_updates 0', () => {
    const t = base();
    byId(t, 'd').attrs.description = 'x';
    const d = diffCib(base(), t);
    const v = child(d, 'version')!;
    expect(d.attrs.format).toBe('2');
    expect(child(v, 'source')!.attrs).toEqual({ admin_epoch: '0', epoch: '4', num_updates: '2' });
    expect(child(v, 'target')!.attrs).toEqual({ admin_epoch: '0', epoch: '5', num_updates: '0' });
    // no modify of /cib for the counters: the CIB bumps epoch itself
    expect(ops(d)).toEqual([`modify /cib/configuration/resources/primitive[@id='d']`]);
  });

  it('creates, deletes and modifies, with crm_diff-style paths and change-result', () => {
    const t = base();
    const res = child(conf(t), 'resources')!;
    res.children.push(parseXml('<primitive id="e" class="ocf" provider="heartbeat" type="IPaddr2"/>'));
    child(conf(t), 'constraints')!.children = [];
    const nv = byId(t, 'o-stonith');
    nv.attrs.value = 'true';
    const c = byId(t, 'c-start');
    delete c.attrs.timeout;
    const d = diffCib(base(), t);
    expect(ops(d)).toEqual([
      `delete /cib/configuration/constraints/rsc_location[@id='loc-d']`,
      `modify /cib/configuration/crm_config/cluster_property_set[@id='cib-bootstrap-options']/nvpair[@id='o-stonith']`,
      `modify /cib/configuration/resources/group[@id='g']/primitive[@id='c']/operations/op[@id='c-start']`,
      `create /cib/configuration/resources @2`,
    ]);
    const mod = patchChanges(d)[2]!;
    expect(serializeXml(mod, { indent: '' })).toBe(
      // the serializer escapes ' as &apos;, as crm_diff does
      `<change operation="modify" path="/cib/configuration/resources/group[@id=&apos;g&apos;]/primitive[@id=&apos;c&apos;]/operations/op[@id=&apos;c-start&apos;]">` +
        `<change-list><change-attr name="timeout" operation="unset"/></change-list>` +
        `<change-result><op id="c-start" name="start" interval="0s"/></change-result></change>`,
    );
    expect(describeDiff(d)).toEqual([
      'delete rsc_location loc-d from constraints',
      'modify nvpair o-stonith: value="true"',
      'modify op c-start: -timeout',
      'create primitive e in resources',
    ]);
  });

  it('moves the fewest children when group members are reordered (crm_diff moves two here)', () => {
    const t = base();
    const g = byId(t, 'g');
    g.children = [g.children[1]!, g.children[2]!, g.children[0]!]; // a b c → b c a
    expect(ops(diffCib(base(), t))).toEqual([`move /cib/configuration/resources/group[@id='g']/primitive[@id='a'] @2`]);
    g.children.reverse(); // → a c b: moving either b or c is minimal
    expect(ops(diffCib(base(), t))).toEqual([`move /cib/configuration/resources/group[@id='g']/primitive[@id='c'] @1`]);
    const r = base();
    byId(r, 'g').children.reverse(); // c b a: two must move
    const d = diffCib(base(), r);
    expect(patchChanges(d).filter((c) => c.attrs.operation === 'move')).toHaveLength(2);
    const applied = applyPatchXml(base(), d);
    expect(applied.ok && xmlEqual(applied.cib, r)).toBe(true);
  });

  it('replaces a parent whose id-less children cannot be told apart by path', () => {
    const b = parseXml(`<cib epoch="1" num_updates="0" admin_epoch="0"><configuration><resources>
      <primitive id="p" class="ocf" provider="pacemaker" type="Dummy"><x a="1"/><x a="2"/></primitive></resources></configuration></cib>`);
    const t = cloneXml(b);
    byId(t, 'p').children[1]!.attrs.a = '3';
    const d = diffCib(b, t);
    expect(ops(d)).toEqual([`delete /cib/configuration/resources/primitive[@id='p']`, `create /cib/configuration/resources @0`]);
    const r = applyPatchXml(b, d);
    expect(r.ok && xmlEqual(r.cib, t)).toBe(true);
  });

  it('reports the top-level objects a patch touches', () => {
    const t = base();
    byId(t, 'c-mon').attrs.interval = '20s';
    byId(t, 'o-stonith').attrs.value = 'true';
    child(conf(t), 'resources')!.children.push(parseXml('<primitive id="e" class="ocf" provider="heartbeat" type="IPaddr2"/>'));
    conf(t).children.push(parseXml('<rsc_defaults><meta_attributes id="rd"><nvpair id="rd-s" name="resource-stickiness" value="1"/></meta_attributes></rsc_defaults>'));
    byId(t, 'loc-d').attrs.score = '200';
    expect([...touchedObjects(diffCib(base(), t))].sort()).toEqual(['cib-bootstrap-options', 'e', 'g', 'loc-d', 'rd', 'rsc_defaults']);
    const s = base();
    child(s, 'status')!.children.push(parseXml('<node_state id="1" uname="n1"/>'));
    expect([...touchedObjects(diffCib(base(), s))]).toEqual(['status:1']);
  });

  it('names objects of the other sections: fencing levels, tags, ACLs, alerts, op_defaults sets', () => {
    const b = parseXml(`<cib epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes/><resources/><constraints/>
      <fencing-topology><fencing-level id="fl1" target="n1" index="1" devices="f1"/></fencing-topology>
      <tags><tag id="t1"><obj_ref id="d"/></tag></tags>
      <acls><acl_role id="r1"><acl_permission id="r1-p" kind="read" xpath="/cib"/></acl_role></acls>
      <alerts><alert id="a1" path="/x"/></alerts>
      <op_defaults><meta_attributes id="opd"><nvpair id="opd-t" name="timeout" value="20s"/></meta_attributes></op_defaults>
      </configuration><status/></cib>`);
    const t = cloneXml(b);
    byId(t, 'fl1').attrs.devices = 'f2';
    byId(t, 't1').children.push(parseXml('<obj_ref id="e"/>'));
    byId(t, 'r1-p').attrs.kind = 'write';
    byId(t, 'a1').attrs.path = '/y';
    byId(t, 'opd-t').attrs.value = '30s';
    expect([...touchedObjects(diffCib(b, t))].sort()).toEqual(['a1', 'fl1', 'opd', 'r1', 't1']);
  });

  it('parses paths', () => {
    expect(parsePath(`/cib/configuration/resources/group[@id='g']/operations`)).toEqual([
      { name: 'cib' },
      { name: 'configuration' },
      { name: 'resources' },
      { name: 'group', id: 'g' },
      { name: 'operations' },
    ]);
  });

  it('applies its own patches in memory (Pacemaker order: creates and moves by position)', () => {
    const t = base();
    const res = child(conf(t), 'resources')!;
    res.children.unshift(parseXml('<primitive id="z" class="ocf" provider="pacemaker" type="Dummy"/>'));
    const g = byId(t, 'g');
    g.children = [g.children[2]!, parseXml('<primitive id="n" class="ocf" provider="pacemaker" type="Dummy"/>'), g.children[0]!];
    byId(t, 'c').children[0]!.children.reverse();
    const r = applyPatchXml(base(), diffCib(base(), t));
    expect(r.ok).toBe(true);
    if (r.ok) expect(serializeXml(conf(r.cib))).toBe(serializeXml(conf(t)));
  });
});

/** The real tool agrees: cibadmin --patch of our patch on a CIB_file copy of base gives the target. */
describe('cibDiffers and patchedCib', () => {
  it('cibDiffers says what isEmptyDiff(diffCib()) says, without building the patch', () => {
    const edits: ((t: XmlElement) => void)[] = [
      () => {},
      (t) => (t.attrs.epoch = '99'), // volatile: not a change
      (t) => (t.attrs['num_updates'] = '7'),
      (t) => (t.attrs['validate-with'] = 'pacemaker-3.8'),
      (t) => delete t.attrs['crm_feature_set'],
      (t) => (t.text = 'x'), // the root's text is never part of a patch
      (t) => (child(child(child(t, 'configuration')!, 'resources')!, 'group')!.attrs.description = 'd'),
      (t) => child(child(t, 'configuration')!, 'resources')!.children.reverse(),
      (t) => child(child(child(t, 'configuration')!, 'resources')!, 'group')!.children.pop(),
      (t) => {
        // the same attributes in another order: no change either way
        const g = child(child(child(t, 'configuration')!, 'resources')!, 'group')!;
        const p = g.children[0]!;
        p.attrs = Object.fromEntries(Object.entries(p.attrs).reverse());
      },
    ];
    for (const edit of edits) {
      const t = base();
      edit(t);
      expect(cibDiffers(base(), t)).toBe(!isEmptyDiff(diffCib(base(), t)));
    }
    expect(cibDiffers(base(), base())).toBe(false);
  });

  it("patchedCib carries the target, base's volatile root attributes and the next version", () => {
    const t = base();
    t.attrs['validate-with'] = 'pacemaker-3.8';
    t.attrs['dc-uuid'] = 'theirs';
    delete t.attrs['crm_feature_set'];
    const b = base();
    b.attrs['dc-uuid'] = '1';
    const p = patchedCib(b, t);
    expect(p.attrs).toEqual({ 'validate-with': 'pacemaker-3.8', epoch: '5', num_updates: '0', admin_epoch: '0', 'dc-uuid': '1' });
    expect(p.children).toBe(t.children);
  });
});

describe('diffCib against cibadmin and crm_diff', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hash-diff-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function cibadminApply(b: XmlElement, patch: XmlElement, name: string): Promise<XmlElement> {
    const file = join(dir, `${name}.xml`);
    await writeFile(file, serializeXml(b));
    const r = await new LocalExecutor().exec(['cibadmin', '--patch', '--xml-pipe'], { stdin: serializeXml(patch), env: { CIB_file: file, CIB_shadow: undefined } });
    if (r.code !== 0) throw new Error(`cibadmin --patch failed (${r.code}): ${r.stderr}\n${serializeXml(patch)}`);
    return parseXml(await readFile(file, 'utf8'));
  }

  it('group reorder, op reorder, nested create, modify, delete: configuration equal after cibadmin --patch', async () => {
    const t = base();
    const g = byId(t, 'g');
    g.children = [g.children[2]!, parseXml('<primitive id="n" class="ocf" provider="pacemaker" type="Dummy"/>'), g.children[0]!];
    byId(t, 'c').children[0]!.children.reverse();
    byId(t, 'o-stonith').attrs.value = 'true';
    child(conf(t), 'resources')!.children.unshift(parseXml('<primitive id="z" class="ocf" provider="pacemaker" type="Dummy"/>'));
    // the primitive b left the group: it is deleted (nothing references it)
    const patch = diffCib(base(), t);
    const after = await cibadminApply(base(), patch, 'mixed');
    expect(serializeXml(conf(after))).toBe(serializeXml(conf(t)));
    // and the CIB's epoch went up by exactly one (base 4 → 5), as the version block says
    expect(cibVersion(after)).toMatchObject({ admin_epoch: 0, epoch: 5 });
  });

  it('with bulkCost, replaces a container instead of creating hundreds of children one by one', async () => {
    const t = base();
    const res = child(conf(t), 'resources')!;
    for (let i = 0; i < 300; i++) res.children.push(parseXml(`<primitive id="bulk${i}" class="ocf" provider="pacemaker" type="Dummy"/>`));
    byId(t, 'o-stonith').attrs.value = 'true';
    expect(patchChanges(diffCib(base(), t))).toHaveLength(301);
    const bulk = diffCib(base(), t, { bulkCost: BULK_COST });
    expect(ops(bulk)).toEqual([
      'delete /cib/configuration/resources',
      `modify /cib/configuration/crm_config/cluster_property_set[@id='cib-bootstrap-options']/nvpair[@id='o-stonith']`,
      'create /cib/configuration @2',
    ]);
    // a few creates stay fine-grained
    const few = base();
    child(conf(few), 'resources')!.children.push(parseXml('<primitive id="one" class="ocf" provider="pacemaker" type="Dummy"/>'));
    expect(ops(diffCib(base(), few, { bulkCost: BULK_COST }))).toEqual(['create /cib/configuration/resources @2']);
    const after = await cibadminApply(base(), bulk, 'bulk');
    expect(serializeXml(conf(after))).toBe(serializeXml(conf(t)));
  });

  it('id-less twins (two <nvpair id-ref>): the parent is replaced, and cibadmin reaches the target (crm_diff here emits a wrong move)', async () => {
    // (as in the corpus file nvpair-id-ref.xml, whose pacemaker-3.0 schema allows this)
    const b = parseXml(`<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.0" epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes/><resources>
      <primitive id="rsc1" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="rsc1-ia"><nvpair id="rsc1-fake" name="fake" value="v"/></instance_attributes></primitive>
      <primitive id="rsc2" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="rsc2-ia"><nvpair id-ref="rsc1-fake"/><nvpair id-ref="rsc1-fake" name="fake_fake"/></instance_attributes></primitive>
      </resources><constraints/></configuration><status/></cib>`);
    const t = cloneXml(b);
    byId(t, 'rsc2-ia').children[1]!.attrs.name = 'fake_other';
    const patch = diffCib(b, t);
    expect(ops(patch)).toEqual([
      `delete /cib/configuration/resources/primitive[@id='rsc2']/instance_attributes[@id='rsc2-ia']`,
      `create /cib/configuration/resources/primitive[@id='rsc2'] @0`,
    ]);
    const after = await cibadminApply(b, patch, 'twins');
    expect(serializeXml(conf(after))).toBe(serializeXml(conf(t)));
  });

  it('gives the same non-move changes as crm_diff --no-version', async () => {
    const t = base();
    byId(t, 'o-stonith').attrs.value = 'true';
    child(conf(t), 'constraints')!.children = [];
    child(conf(t), 'resources')!.children.push(parseXml('<primitive id="e" class="ocf" provider="heartbeat" type="IPaddr2"/>'));
    delete byId(t, 'c-start').attrs.timeout;
    const bf = join(dir, 'o.xml');
    const tf = join(dir, 'n.xml');
    await writeFile(bf, serializeXml(base()));
    await writeFile(tf, serializeXml(t));
    // crm_diff exits 1 when the files differ
    const out = await run('crm_diff', ['--no-version', '-o', bf, '-n', tf]).then(
      (r) => r.stdout,
      (e: { stdout: string }) => e.stdout,
    );
    const theirs = parseXml(out);
    const canon = (d: XmlElement) => patchChanges(d).map((c) => serializeXml(c, { indent: '' })).sort();
    expect(canon(diffCib(base(), t))).toEqual(canon(theirs));
  });
});

/**
 * XML comments (crmsh keeps `#` comments as <!--…--> inside objects). Our
 * element trees carry them as `{ name: '#comment', text }` once src/cib/xml.ts
 * keeps them; until then these trees are built here, and serialized with
 * comments for cibadmin by `withComments`.
 */
describe('diffCib with XML comments', () => {
  const withComments = (xml: string): string => xml.replace(/<#comment>([^<]*)<\/#comment>/g, '<!--$1-->');
  const comment = (text: string): XmlElement => ({ name: '#comment', attrs: {}, children: [], text });
  const commented = (): XmlElement => {
    const b = base();
    byId(b, 'd').children = [comment('# about d'), parseXml('<operations><op id="d-mon" name="monitor" interval="10s"/></operations>')];
    byId(b, 'c').children.unshift(comment('# one'), comment('# two'));
    return b;
  };
  const edits: [string, (t: XmlElement) => void][] = [
    ['insert after a comment', (t) => byId(t, 'd').children.splice(1, 0, parseXml('<meta_attributes id="d-meta"><nvpair id="d-meta-t" name="target-role" value="Stopped"/></meta_attributes>'))],
    ['change a comment', (t) => (byId(t, 'd').children[0]!.text = '# changed')],
    ['delete the second of two comments', (t) => byId(t, 'c').children.splice(1, 1)],
    ['delete both comments and add one', (t) => {
      const c = byId(t, 'c');
      c.children = [...c.children.slice(2), comment('# new')];
    }],
    ['move an element before the comments', (t) => {
      const c = byId(t, 'c');
      c.children = [c.children[2]!, c.children[0]!, c.children[1]!];
    }],
  ];
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hash-diff-comments-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  for (const [name, edit] of edits) {
    it(`${name}: cibadmin --patch gives the target, comments included`, async () => {
      const b = commented();
      const t = cloneXml(b);
      edit(t);
      const patch = diffCib(b, t);
      expect(isEmptyDiff(patch)).toBe(false);
      expect(patchChanges(patch).some((c) => c.attrs.operation === 'move' && c.attrs.path?.endsWith('/comment'))).toBe(false);
      const mem = applyPatchXml(b, patch);
      expect(mem.ok && serializeXml(mem.cib)).toBe(serializeXml(t));
      const file = join(dir, 'c.xml');
      await writeFile(file, withComments(serializeXml(b)));
      const r = await new LocalExecutor().exec(['cibadmin', '--patch', '--xml-pipe'], { stdin: withComments(serializeXml(patch)), env: { CIB_file: file, CIB_shadow: undefined } });
      expect(r.code, r.stderr).toBe(0);
      const section = (x: string) => /<resources>[\s\S]*<\/resources>/.exec(x)?.[0];
      expect(section(await readFile(file, 'utf8'))).toBe(section(withComments(serializeXml(t))));
    });
  }
});
