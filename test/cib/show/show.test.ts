/**
 * `show` behaviour beyond crmsh's golden texts: selection, masking, colour,
 * the explicit ids and xml fallbacks that make it lossless, `show xml`,
 * objectIds, the configuration equivalence, and speed.
 */
import { describe, expect, it } from 'vitest';
import { elementDifference, firstDifference, sameConfiguration } from '../../../src/cib/show-equal.js';
import { explainFallbacks, objectIds, quoteValue, showConfiguration, showXml } from '../../../src/cib/show.js';
import { parseXml, type XmlElement } from '../../../src/cib/xml.js';
import { bigCib, bigCibText } from './big-cib.js';

function cib(configuration: string, schema = 'pacemaker-3.7'): XmlElement {
  return parseXml(`<cib validate-with="${schema}" epoch="1" num_updates="0" admin_epoch="0"><configuration>${configuration}</configuration><status/></cib>`);
}

const dummy = (id: string, inner = ''): string => `<primitive id="${id}" class="ocf" provider="heartbeat" type="Dummy">${inner}</primitive>`;

const SAMPLE = cib(
  '<crm_config><cluster_property_set id="cib-bootstrap-options"><nvpair name="stonith-enabled" value="false" id="cib-bootstrap-options-stonith-enabled"/></cluster_property_set></crm_config>' +
    '<nodes><node id="2" uname="n2"/><node id="n1" uname="n1" type="normal"/></nodes>' +
    '<resources>' +
    `<group id="g">${dummy('b')}${dummy('a')}</group>` +
    `<clone id="ms"><meta_attributes id="ms-meta_attributes"><nvpair name="promotable" value="true" id="ms-meta_attributes-promotable"/></meta_attributes>${dummy('s')}</clone>` +
    dummy(
      'z',
      '<instance_attributes id="z-instance_attributes"><nvpair name="passwd" value="s3cret" id="z-instance_attributes-passwd"/>' +
        '<nvpair name="msg" value="say &quot;hi&quot; now" id="z-instance_attributes-msg"/></instance_attributes>',
    ) +
    '</resources>' +
    '<constraints><rsc_order id="o1" kind="Mandatory" first="g" then="ms"/><rsc_location id="l1" rsc="g" score="INFINITY" node="n1"/>' +
    '<rsc_colocation id="c1" score="-INFINITY" rsc="z" with-rsc="ms" with-rsc-role="Promoted"/></constraints>',
);

describe('showConfiguration', () => {
  it('prints objects in crmsh order: by type, then by id', () => {
    const heads = showConfiguration(SAMPLE)
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('\t'))
      .map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(heads).toEqual([
      'node 2:',
      'node n1:normal',
      'primitive a',
      'primitive b',
      'primitive s',
      'primitive z',
      'group g',
      'clone ms',
      'colocation c1',
      'location l1',
      'order o1',
      'property cib-bootstrap-options:',
    ]);
  });

  it('uses crmsh continuation lines and quoting', () => {
    const text = showConfiguration(SAMPLE, { ids: ['z'] });
    expect(text).toBe('primitive z Dummy \\\n\tparams passwd=s3cret msg="say \\"hi\\" now"\n');
    expect(quoteValue('a-b_c.1')).toBe('a-b_c.1');
    expect(quoteValue('')).toBe('""');
    expect(quoteValue('/dev/sdb1')).toBe('"/dev/sdb1"');
    // backslashes: left alone as crmsh leaves them, doubled where the lexer would eat them
    expect(quoteValue('^(?!amq\\.).*')).toBe('"^(?!amq\\.).*"');
    expect(quoteValue('a\\"b\\')).toBe('"a\\\\\\"b\\\\"');
    expect(quoteValue('c:\\\\x')).toBe('"c:\\\\\\x"');
  });

  it('masks secrets only when asked to', () => {
    expect(showConfiguration(SAMPLE, { ids: ['z'] })).toContain('passwd=s3cret');
    expect(showConfiguration(SAMPLE, { ids: ['z'], obscure: true })).toContain('passwd="******"');
    expect(showConfiguration(SAMPLE, { ids: ['z'], obscure: true })).toContain('msg="say');
  });

  it('colours keywords, references and scores only with color', () => {
    const plain = showConfiguration(SAMPLE, { ids: ['c1'] });
    expect(plain).toBe('colocation c1 -inf: z ms:Promoted\n');
    const coloured = showConfiguration(SAMPLE, { ids: ['c1'], color: true });
    expect(coloured).toContain('\x1b[33mcolocation\x1b[0m');
    expect(coloured).toContain('\x1b[35m-inf\x1b[0m:');
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });

  it('selects by id and by type, like crmsh `show <id>` and `show type:<t>`', () => {
    expect(showConfiguration(SAMPLE, { ids: ['l1', 'n1'] })).toBe('node n1:normal\nlocation l1 g inf: n1\n');
    expect(showConfiguration(SAMPLE, { types: ['order'] })).toBe('order o1 Mandatory: g ms\n');
    expect(showConfiguration(SAMPLE, { types: ['type:ms'] })).toBe('clone ms s \\\n\tmeta promotable=true\n');
    expect(showConfiguration(SAMPLE, { ids: ['nope'] })).toBe('');
  });

  it('prints $id= where the CIB id is not the one the encoder would make', () => {
    const c = cib(
      `<resources>${dummy('p', '<instance_attributes id="ia"><nvpair name="x" value="1" id="ia-x"/></instance_attributes><operations><op name="monitor" interval="10s" id="p-mon"/></operations>')}</resources>`,
    );
    expect(showConfiguration(c)).toBe('primitive p Dummy \\\n\tparams $id=ia x=1 \\\n\top monitor interval=10s $id=p-mon\n');
    expect(explainFallbacks(c)).toEqual([]);
  });

  it('falls back to xml for that object only when the language cannot carry it', () => {
    const c = cib(
      `<resources>${dummy('p', '<instance_attributes id="p-instance_attributes"><nvpair name="x" id="custom"/></instance_attributes>')}${dummy('q')}</resources>`,
    );
    expect(showConfiguration(c)).toBe(
      'xml <primitive id="p" class="ocf" provider="heartbeat" type="Dummy"> \\\n' +
        '  <instance_attributes id="p-instance_attributes"> \\\n' +
        '    <nvpair name="x" id="custom"/> \\\n' +
        '  </instance_attributes> \\\n' +
        '</primitive>\n' +
        'primitive q Dummy\n',
    );
    expect(explainFallbacks(c)).toEqual([{ id: 'p', type: 'primitive', reason: expect.stringContaining('custom') }]);
  });

  it('prints an nvpair id the encoder would not make as crmsh does, $id:name=value', () => {
    const c = cib(`<resources>${dummy('p', '<instance_attributes id="ia"><nvpair name="x" value="1" id="nv.1"/><nvpair name="y" value="2" id="ia-y"/></instance_attributes>')}</resources>`);
    expect(showConfiguration(c)).toBe('primitive p Dummy \\\n\tparams $id=ia $nv.1:x=1 y=2\n');
  });

  it('falls back for unknown attributes and nested rules; <master> prints as ms', () => {
    const c = cib(
      `<resources><master id="m"><primitive id="s" class="ocf" provider="pacemaker" type="Stateful"/></master>${dummy('p')}</resources>` +
        '<constraints><rsc_location id="l" rsc="p" score="10" node="n1" weird="1"/>' +
        '<rsc_location id="l2" rsc="p"><rule id="l2-rule" score="1"><rule id="l2-rule-rule" score="1"><expression id="e" attribute="a" operation="defined"/></rule></rule></rsc_location></constraints>',
    );
    expect(explainFallbacks(c).map((f) => f.id).sort()).toEqual(['l', 'l2']);
    // an old <master> shows as crmsh shows it; the encoder makes a promotable clone of it
    expect(showConfiguration(c)).toContain('primitive s ocf:pacemaker:Stateful\nms m s\n');
  });

  it('value-source: source{value}, literal included; a plain value shaped like one falls back to xml', () => {
    const rule = (id: string, expr: string): string =>
      `<rsc_location id="${id}" rsc="p"><rule id="${id}-rule" score="10"><expression ${expr} id="${id}-rule-expression"/></rule></rsc_location>`;
    const c = cib(
      `<resources>${dummy('p')}</resources><constraints>` +
        rule('l1', 'operation="eq" attribute="#uname" value="node" value-source="param"') +
        rule('l2', 'operation="eq" attribute="a" value="x" value-source="literal"') +
        rule('l3', 'operation="eq" attribute="a" value="param{x}"') +
        '</constraints>',
    );
    const text = showConfiguration(c);
    expect(text).toContain('location l1 p \\\n\trule 10: #uname eq param{node}\n');
    expect(text).toContain('location l2 p \\\n\trule 10: a eq literal{x}\n');
    expect(explainFallbacks(c)).toEqual([{ id: 'l3', type: 'location', reason: expect.stringContaining('source{value}') }]);
  });

  it('wraps a defaults set that needs xml in its section, so the encoder knows where it goes', () => {
    const c = cib('<rsc_defaults><meta_attributes id="rd" weird="1"><nvpair name="a" value="1" id="rd-a"/></meta_attributes></rsc_defaults>');
    expect(showConfiguration(c)).toBe('xml <rsc_defaults> \\\n  <meta_attributes id="rd" weird="1"> \\\n    <nvpair name="a" value="1" id="rd-a"/> \\\n  </meta_attributes> \\\n</rsc_defaults>\n');
  });

  it('shows rules, resource sets and generated -N ids without $id', () => {
    const c = cib(
      `<resources>${dummy('a')}${dummy('b')}${dummy('c')}</resources><constraints>` +
        '<rsc_location id="l" rsc="a"><rule score="-INFINITY" boolean-op="or" id="l-rule"><expression operation="not_defined" attribute="p" id="l-rule-expression"/>' +
        '<expression operation="lte" attribute="p" value="0" id="l-rule-expression-0"/></rule><rule score="5" id="l-rule-0"><date_expression operation="gt" start="2020-01-01" id="l-rule-0-expression"/></rule></rsc_location>' +
        '<rsc_order id="o" kind="Optional"><resource_set sequential="false" id="o-0"><resource_ref id="a"/><resource_ref id="b"/></resource_set><resource_set id="o-1"><resource_ref id="c"/></resource_set></rsc_order>' +
        '<rsc_colocation id="c2" score="INFINITY"><resource_set id="c2-0"><resource_ref id="a"/><resource_ref id="b"/></resource_set></rsc_colocation>' +
        '</constraints>',
    );
    expect(showConfiguration(c, { types: ['location', 'order', 'colocation'] })).toBe(
      'colocation c2 inf: _rsc_set_ a b\n' +
        'location l a \\\n\trule -inf: not_defined p or p lte 0 \\\n\trule 5: date gt 2020-01-01\n' +
        'order o Optional: ( a b ) c\n',
    );
    expect(explainFallbacks(c)).toEqual([]);
  });
});

describe('comments', () => {
  it("prints an object's # comments above it, as crmsh stores and prints them", () => {
    const c = cib(`<resources><group id="g"><!--# web tier-->${dummy('a')}</group></resources><constraints><!-- between objects --></constraints>`);
    // a comment between objects goes above an object too (test/cib/show-comments.test.ts): here, in a
    // section without objects and with none after it, above the last object, before the object's own
    expect(showConfiguration(c)).toBe('primitive a Dummy\n# between objects\n# web tier\ngroup g a\n');
    expect(explainFallbacks(c)).toEqual([]);
  });
});

describe('ACL rules', () => {
  it('prints crmsh shortcuts for xpaths that read back exactly, else xpath:', () => {
    const c = cib(
      '<acls><acl_role id="r">' +
        '<acl_permission kind="write" xpath="//primitive[@id=\'web\']/instance_attributes" id="r-0"/>' +
        '<acl_permission kind="read" xpath="//primitive[@id=\'web\']/meta_attributes/nvpair[@name=\'target-role\']" id="r-1"/>' +
        '<acl_permission kind="deny" xpath="/cib/status" id="r-2"/>' +
        '<acl_permission kind="read" xpath="//nodes" id="r-3"/>' +
        '<acl_permission kind="deny" object-type="nodes" attribute="uname" id="r-4"/>' +
        '</acl_role><acl_target id="alice"><role id="r"/></acl_target></acls>',
    );
    expect(showConfiguration(c)).toBe(
      'role r \\\n\twrite params:web \\\n\tread meta:web:target-role \\\n\tdeny status \\\n\tread xpath:"//nodes" \\\n\tdeny attr:uname type:nodes\n' +
        'acl_target alice \\\n\tr\n',
    );
    expect(explainFallbacks(c)).toEqual([]);
  });
});

describe('showXml and objectIds', () => {
  it('show xml prints a CIB document with the selected objects in their sections, as crmsh does', () => {
    expect(showXml(SAMPLE, { ids: ['l1'] })).toBe(
      '<?xml version="1.0" ?>\n<cib validate-with="pacemaker-3.7" epoch="1" num_updates="0" admin_epoch="0">\n  <configuration>\n' +
        '    <crm_config/>\n    <nodes/>\n    <resources/>\n    <constraints>\n' +
        '      <rsc_location id="l1" rsc="g" score="INFINITY" node="n1"/>\n    </constraints>\n  </configuration>\n</cib>\n',
    );
    // a group member comes with its group
    expect(showXml(SAMPLE, { ids: ['a'] })).toContain('<group id="g">\n        <primitive id="b"');
    const all = parseXml(showXml(SAMPLE));
    expect(sameConfiguration(all.children[0]!, SAMPLE.children[0]!, { strict: true })).toBe(true);
  });

  it('objectIds lists every object in show order, members of containers included', () => {
    expect(objectIds(SAMPLE)).toEqual([
      { id: '2', type: 'node' },
      { id: 'n1', type: 'node' },
      { id: 'a', type: 'primitive' },
      { id: 'b', type: 'primitive' },
      { id: 's', type: 'primitive' },
      { id: 'z', type: 'primitive' },
      { id: 'g', type: 'group' },
      { id: 'ms', type: 'clone' },
      { id: 'c1', type: 'colocation' },
      { id: 'l1', type: 'location' },
      { id: 'o1', type: 'order' },
      { id: 'cib-bootstrap-options', type: 'property' },
    ]);
  });
});

describe('same configuration', () => {
  it('ignores the order of objects and attributes, not the order of group members', () => {
    const a = parseXml(`<configuration><resources>${dummy('x')}<group id="g">${dummy('a')}${dummy('b')}</group></resources></configuration>`);
    const b = parseXml(`<configuration><resources><group id="g">${dummy('a')}${dummy('b')}</group>${dummy('x')}</resources><constraints/></configuration>`);
    const c = parseXml(`<configuration><resources><group id="g">${dummy('b')}${dummy('a')}</group>${dummy('x')}</resources></configuration>`);
    expect(sameConfiguration(a, b)).toBe(true);
    expect(firstDifference(a, c)).toMatch(/^resources\/group\[@id=g\]\/primitive\[@id=a\]: attribute id/);
  });

  it('counts an old <master> and a promotable <clone> as the same unless strict', () => {
    const m = parseXml(
      '<configuration><resources><master id="ms"><meta_attributes id="ms-meta_attributes"><nvpair name="notify" value="true" id="ms-meta_attributes-notify"/></meta_attributes>' +
        `${dummy('s')}</master></resources></configuration>`,
    );
    const c = parseXml(
      '<configuration><resources><clone id="ms"><meta_attributes id="ms-meta_attributes"><nvpair name="promotable" value="true" id="ms-meta_attributes-promotable"/>' +
        `<nvpair name="notify" value="true" id="ms-meta_attributes-notify"/></meta_attributes>${dummy('s')}</clone></resources></configuration>`,
    );
    expect(sameConfiguration(m, c)).toBe(true);
    expect(sameConfiguration(m, c, { strict: true })).toBe(false);
  });

  it('counts role synonyms as the same unless strict', () => {
    const a = parseXml('<configuration><constraints><rsc_colocation id="c" score="1" rsc="a" with-rsc="b" with-rsc-role="Master"/></constraints></configuration>');
    const b = parseXml('<configuration><constraints><rsc_colocation id="c" with-rsc-role="Promoted" score="1" rsc="a" with-rsc="b"/></constraints></configuration>');
    expect(sameConfiguration(a, b)).toBe(true);
    expect(sameConfiguration(a, b, { strict: true })).toBe(false);
    expect(elementDifference(parseXml('<op a="1"/>'), parseXml('<op a="2"/>'))).toBe('op: attribute a: "1" ≠ "2"');
  });
});

describe('speed', () => {
  // Speed is measured by `npm run bench`, not asserted here: timings in a loaded test run are noise.
  it('shows a 1,000-resource CIB (1,500 constraints) whole, in the language', () => {
    const big = parseXml(bigCibText(1000));
    const out = showConfiguration(big);
    expect(out.split('\n').filter((l) => l.startsWith('primitive ')).length).toBe(1000);
    expect(explainFallbacks(big)).toEqual([]);
    expect(showConfiguration(bigCib(4000)).split('\n').filter((l) => l.startsWith('primitive ')).length).toBe(4000);
  });
});
