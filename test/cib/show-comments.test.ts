/**
 * Comments of a hand-written CIB that sit between objects
 * (`<resources><!-- web tier --><primitive id="web" …>`): `show` prints them
 * as `#` lines above the object they belong to (show-equal.ts
 * `commentsBefore` says which), loading the text puts them inside that
 * object as crmsh keeps `#` lines, and the CIB that comes back shows the same
 * text. `show xml` prints them where they are.
 */
import { describe, expect, it } from 'vitest';
import { parseConfigure } from '../../grammar/index.js';
import { hasErrors } from '../../grammar/diagnostics.js';
import { applyStatements } from '../../src/cib/apply.js';
import { commentLines, commentsBefore, firstDifference } from '../../src/cib/show-equal.js';
import { explainFallbacks, showConfiguration, showXml } from '../../src/cib/show.js';
import { child, descendants, parseXml, type XmlElement } from '../../src/cib/xml.js';
import { emptyCibLike } from '../corpus/roundtrip.js';

function cib(configuration: string): XmlElement {
  return parseXml(`<cib validate-with="pacemaker-3.7" epoch="1" num_updates="0" admin_epoch="0"><configuration>${configuration}</configuration><status/></cib>`);
}

const dummy = (id: string, inner = ''): string => `<primitive id="${id}" class="ocf" provider="heartbeat" type="Dummy">${inner}</primitive>`;

/** `load replace` of show's text into an empty CIB, in-process (as test/corpus/roundtrip.ts does) */
function reload(c: XmlElement, text = showConfiguration(c)): XmlElement {
  const parsed = parseConfigure(text);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const applied = applyStatements(emptyCibLike(c), parsed.statements, 'replace');
  expect(hasErrors(applied.diagnostics)).toBe(false);
  return applied.cib;
}

const conf = (c: XmlElement): XmlElement => child(c, 'configuration')!;

/** the text of every XML comment in the configuration, in document order */
function commentTexts(c: XmlElement): string[] {
  return [...descendants(conf(c))].filter((e) => e.name === '#comment').map((e) => e.text ?? '');
}

/**
 * The round trip the feature promises: the reloaded CIB is the same
 * configuration (comments included, show-equal.ts), shows the same text,
 * and holds every line of every original comment.
 */
function expectRoundTrip(c: XmlElement): XmlElement {
  const text = showConfiguration(c);
  const back = reload(c, text);
  expect(firstDifference(conf(c), conf(back))).toBeUndefined();
  expect(showConfiguration(back)).toBe(text);
  const kept = commentTexts(back).flatMap(commentLines);
  for (const line of commentTexts(c).flatMap(commentLines)) expect(kept).toContain(line);
  return back;
}

describe('comments between objects: show', () => {
  it('prints a comment before an object as a # line above it', () => {
    const c = cib(`<resources>${dummy('b')}<!-- the web tier -->${dummy('a')}</resources>`);
    expect(showConfiguration(c)).toBe('# the web tier\nprimitive a Dummy\nprimitive b Dummy\n');
    expect(explainFallbacks(c)).toEqual([]);
  });

  it('prints several comments in a row in document order', () => {
    const c = cib(`<resources>${dummy('a')}<!-- one --><!-- two -->\n  <!-- three -->${dummy('b')}</resources>`);
    expect(showConfiguration(c)).toBe('primitive a Dummy\n# one\n# two\n# three\nprimitive b Dummy\n');
  });

  it('prints a multi-line comment as one # line per line: blank lines out, shared indentation off', () => {
    const c = cib(
      '<resources><!-- database: do not move without talking to the DBA\n' +
        '       (second line)\n' +
        '   \n' +
        '       <primitive id="old">\n' +
        '         <op name="monitor"/>\n' +
        '       </primitive>\n' +
        `  -->${dummy('db')}</resources>`,
    );
    expect(showConfiguration(c)).toBe(
      '# database: do not move without talking to the DBA\n' +
        '# (second line)\n' +
        '# <primitive id="old">\n' +
        '#   <op name="monitor"/>\n' +
        '# </primitive>\n' +
        'primitive db Dummy\n',
    );
  });

  it('does not double a # that the comment already starts with', () => {
    const c = cib(`<resources><!--# keep--><!-- ### Group Configuration ### --><!--#--> <!--   -->${dummy('a')}</resources>`);
    // a comment of spaces only has no line to print
    expect(showConfiguration(c)).toBe('# keep\n### Group Configuration ###\n#\nprimitive a Dummy\n');
  });

  it('prints the comments before a section and before its first object above that object', () => {
    const c = cib(`<!-- before all --><nodes><node id="1" uname="n1"/></nodes><!-- resources follow --><resources><!-- first -->${dummy('a')}${dummy('b')}</resources>`);
    expect(showConfiguration(c)).toBe('# before all\nnode 1: n1\n# resources follow\n# first\nprimitive a Dummy\nprimitive b Dummy\n');
  });

  it("prints the comments at the end of a section above the section's last object (document order)", () => {
    // b is last in the section, a is printed last: the comment goes with b, in its section
    const c = cib(`<resources>${dummy('b')}<!-- leading b -->${dummy('z')}<!-- end of resources --><!-- really --></resources><constraints><rsc_order id="o" first="b" then="z"/><!-- end of constraints --></constraints>`);
    expect(showConfiguration(c)).toBe(
      'primitive b Dummy\n# leading b\n# end of resources\n# really\nprimitive z Dummy\n# end of constraints\norder o b z\n',
    );
    const owners = commentsBefore(conf(c));
    expect([...owners].map(([o, cs]) => [o.attrs.id, cs.map((x) => x.text)])).toEqual([
      ['z', [' leading b ', ' end of resources ', ' really ']],
      ['o', [' end of constraints ']],
    ]);
  });

  it('gives comments in a section without objects, or after the last section, to the next object, else to the last one', () => {
    const c = cib(`<crm_config><!-- no properties yet --></crm_config><resources>${dummy('a')}</resources><constraints><!-- none --></constraints><!-- the end -->`);
    expect(showConfiguration(c)).toBe('# no properties yet\n# none\n# the end\nprimitive a Dummy\n');
    const d = cib(`<constraints><!-- none --></constraints><resources>${dummy('a')}${dummy('b')}</resources>`);
    expect(showConfiguration(d)).toBe('# none\nprimitive a Dummy\nprimitive b Dummy\n');
  });

  it("puts comments between objects before the object's own crmsh-style # comments", () => {
    const c = cib(`<resources><!-- between -->${dummy('a', '<!--# inner one--><!--# inner two-->')}</resources>`);
    expect(showConfiguration(c)).toBe('# between\n# inner one\n# inner two\nprimitive a Dummy\n');
    expect(explainFallbacks(c)).toEqual([]);
  });

  it('prints them with `show <id>` and `show type:…` too, and only with their object', () => {
    const c = cib(`<resources><!-- about a -->${dummy('a')}<!-- about b -->${dummy('b')}</resources><constraints><!-- about o --><rsc_order id="o" first="a" then="b"/></constraints>`);
    expect(showConfiguration(c, { ids: ['b'] })).toBe('# about b\nprimitive b Dummy\n');
    expect(showConfiguration(c, { types: ['order'] })).toBe('# about o\norder o a b\n');
  });

  it('leaves show xml as it is: the comments where they are', () => {
    const c = cib(`<resources><!-- the web tier -->${dummy('web')}</resources>`);
    expect(showXml(c)).toContain('<resources>\n      <!-- the web tier -->\n      <primitive id="web"');
  });
});

describe('comments between objects: objects printed as xml', () => {
  it('prints them above `xml <…>`, and the # comments that open the object too', () => {
    const c = cib(`<resources><!-- odd one -->${dummy('p', '<!--# inside-->').replace('type="Dummy"', 'type="Dummy" foo="bar"')}</resources>`);
    expect(explainFallbacks(c).map((f) => f.id)).toEqual(['p']);
    expect(showConfiguration(c)).toBe('# odd one\n# inside\nxml <primitive id="p" class="ocf" provider="heartbeat" type="Dummy" foo="bar"/>\n');
    const back = expectRoundTrip(c);
    expect(commentTexts(back)).toEqual(['# odd one', '# inside']);
  });

  it('keeps a comment that is not a # line inside the xml, after the ones it prints above', () => {
    const c = cib(`<resources><!-- before -->${dummy('p', '<!-- not a hash line --><operations><op id="p-m" name="monitor" interval="10s"/></operations>')}</resources>`);
    const text = showConfiguration(c);
    expect(text).toBe(
      '# before\nxml <primitive id="p" class="ocf" provider="heartbeat" type="Dummy"> \\\n' +
        '  <!-- not a hash line --> \\\n  <operations> \\\n    <op id="p-m" name="monitor" interval="10s"/> \\\n  </operations> \\\n</primitive>\n',
    );
    const back = expectRoundTrip(c);
    expect(commentTexts(back)).toEqual(['# before', ' not a hash line ']);
  });

  it('prints a container shown as xml once, members inside, with the comments before it', () => {
    const c = cib(`<resources><!-- the group --><group id="g" foo="1">${dummy('a')}${dummy('b')}</group></resources>`);
    expect(explainFallbacks(c).map((f) => f.id)).toContain('g');
    const text = showConfiguration(c);
    expect(text.startsWith('# the group\nxml <group id="g" foo="1"> \\\n')).toBe(true);
    // loading puts the comment in the group: the members are not printed on their own either time
    expect(text).not.toContain('primitive a');
    expectRoundTrip(c);
  });

  it('prints a wrapped rsc_defaults set with the comments before it', () => {
    const c = cib(
      `<resources>${dummy('a')}</resources><rsc_defaults><!-- defaults --><meta_attributes id="rd" foo="1"><nvpair id="rd-s" name="resource-stickiness" value="1"/></meta_attributes></rsc_defaults>`,
    );
    expect(explainFallbacks(c).map((f) => f.id)).toEqual(['rd']);
    expect(showConfiguration(c)).toContain('\n# defaults\nxml <rsc_defaults> \\\n  <meta_attributes id="rd" foo="1"> \\\n');
    expectRoundTrip(c);
  });
});

describe('comments between objects: load and show again', () => {
  const RICH = cib(
    '<!-- hand-written -->' +
      '<crm_config><cluster_property_set id="cib-bootstrap-options"><nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>' +
      '<nodes><!-- the nodes --><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>' +
      `<resources><!-- the web tier -->${dummy('web', '<!--# crmsh-style-->')}` +
      `<!-- database: do not move without talking to the DBA\n       (second line) -->${dummy('db')}` +
      `<!--# already a hash line--><group id="g">${dummy('m1')}${dummy('m2')}</group>` +
      `<!-- odd -->${dummy('x').replace('type="Dummy"', 'type="Dummy" foo="bar"')}<!-- end of resources --></resources>` +
      '<constraints><!-- keep web and db apart --><rsc_colocation id="apart" score="-INFINITY" rsc="web" with-rsc="db"/><!-- nothing after --></constraints>' +
      '<fencing-topology><!--# levels--><fencing-level id="fencing" target="n1" index="1" devices="x"/></fencing-topology>' +
      '<!-- the very end -->',
  );

  it('shows every comment once, above its object', () => {
    const text = showConfiguration(RICH);
    expect(text.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# the nodes',
      '# database: do not move without talking to the DBA',
      '# (second line)',
      '# the web tier',
      '# crmsh-style',
      '# odd',
      '# end of resources',
      '# already a hash line',
      '# keep web and db apart',
      '# nothing after',
      '# the very end',
      '# levels',
      '# hand-written',
    ]);
    expect(text).toContain('# the web tier\n# crmsh-style\nprimitive web Dummy\n');
    expect(text).toContain('# odd\n# end of resources\nxml <primitive id="x"');
    // the first object in the configuration is the property set; the last one is fencing-topology
    expect(text).toContain('# hand-written\nproperty cib-bootstrap-options:');
    expect(text).toContain('# the very end\n# levels\nfencing_topology');
  });

  it('load replace puts them in their objects, and the CIB that comes back shows the same text', () => {
    const back = expectRoundTrip(RICH);
    const byId = (id: string): XmlElement => [...descendants(conf(back))].find((e) => e.attrs.id === id)!;
    const own = (id: string): (string | undefined)[] => byId(id).children.filter((k) => k.name === '#comment').map((k) => k.text);
    expect(own('web')).toEqual(['# the web tier', '# crmsh-style']);
    expect(own('db')).toEqual(['# database: do not move without talking to the DBA', '# (second line)']);
    expect(own('apart')).toEqual(['# keep web and db apart', '# nothing after']);
    expect(own('cib-bootstrap-options')).toEqual(['# hand-written']);
    expect(child(conf(back), 'fencing-topology')!.children.filter((k) => k.name === '#comment').map((k) => k.text)).toEqual(['# the very end', '# levels']);
  });

  it('the comparison counts comments between objects: a lost, changed or moved one is a difference', () => {
    const back = reload(RICH);
    const web = [...descendants(conf(back))].find((e) => e.attrs.id === 'web')!;
    const db = [...descendants(conf(back))].find((e) => e.attrs.id === 'db')!;
    expect(firstDifference(conf(RICH), conf(back))).toBeUndefined();

    const first = web.children.shift()!;
    expect(firstDifference(conf(RICH), conf(back))).toMatch(/^resources\/primitive\[@id=web\]: comments \["# the web tier","# crmsh-style"\] ≠ \["# crmsh-style"\]$/);
    db.children.unshift(first);
    expect(firstDifference(conf(RICH), conf(back))).toMatch(/comments/);
    web.children.unshift(db.children.shift()!);
    expect(firstDifference(conf(RICH), conf(back))).toBeUndefined();
    web.children[0]!.text = '# the web tier, changed';
    expect(firstDifference(conf(RICH), conf(back))).toMatch(/^resources\/primitive\[@id=web\]: comments/);
  });

  it('counts the comments before and in fencing-topology', () => {
    const back = reload(RICH);
    const ft = child(conf(back), 'fencing-topology')!;
    expect(ft.children[1]).toMatchObject({ name: '#comment', text: '# levels' });
    ft.children.shift();
    expect(firstDifference(conf(RICH), conf(back))).toMatch(/^fencing-topology: comments/);
  });
});
