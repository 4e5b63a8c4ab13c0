/**
 * The XML layer: the quick scanner must give exactly the fast-xml-parser
 * tree wherever it answers, on every corpus CIB; comments, entities and
 * serialisation round-trip.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMENT, cutElements, linedXml, parseCibConfiguration, parseXml, parseXmlFragment, scanXml, serializeXml, startTagAttrs, XmlSyntaxError, type XmlElement } from '../../src/cib/xml.js';
import { parseCibVersion } from '../../src/pacemaker/cib-version.js';

const corpus = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'pacemaker-2.1.5-scheduler', 'xml');

describe('scanXml', () => {
  it.runIf(existsSync(corpus))('matches fast-xml-parser on every corpus CIB it reads, and reads nearly all', () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.xml'));
    let scanned = 0;
    for (const f of files) {
      const text = readFileSync(join(corpus, f), 'utf8');
      const quick = scanXml(text);
      if (quick === undefined) continue;
      scanned++;
      expect(quick, f).toEqual(parseXmlFragment(text)[0]);
    }
    expect(scanned).toBeGreaterThan(files.length * 0.9);
  });

  it('reads comments inside elements exactly as fast-xml-parser does (crmsh keeps # lines as comments)', () => {
    const demo = resolve(import.meta.dirname, '..', '..', 'demo', 'cib.xml');
    const texts = [
      '<cib a="1">\n  <configuration>\n    <!-- x -- y & < -->\n    <resources><!----><!--\nmulti\n  line--></resources>\n  </configuration>\n</cib>\n',
      '<a><!-- c --></a>',
      readFileSync(demo, 'utf8'),
    ];
    for (const text of texts) {
      const quick = scanXml(text);
      expect(quick).toBeDefined();
      expect(quick).toEqual(parseXmlFragment(text)[0]);
    }
  });

  it('declines what it does not handle, and parseXml still reads it', () => {
    expect(scanXml('<!-- before the root --><a/>')).toBeUndefined();
    for (const text of ['<a x="&#233;"/>', '<a><![CDATA[x]]></a>', '<!DOCTYPE a><a/>']) {
      expect(scanXml(text)).toBeUndefined();
      expect(parseXml(text).name).toBe('a');
    }
  });

  it('decodes the five entities and serialises them back', () => {
    const el = parseXml(`<a v="&lt;&amp;&gt;&quot;&apos;">t &amp; u</a>`);
    expect(el.attrs.v).toBe(`<&>"'`);
    expect(el.text).toBe('t & u');
    expect(parseXml(serializeXml(el))).toEqual(el);
  });

  it('rejects broken XML with an error, not a crash', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
  });
});

describe('parseCibConfiguration: a CIB without its status, which is not read', () => {
  const withoutStatus = (cib: XmlElement): XmlElement => ({ ...cib, children: cib.children.filter((c) => c.name !== 'status') });

  it.runIf(existsSync(corpus))('gives the whole tree but the status on every corpus CIB', () => {
    let withStatus = 0;
    for (const f of readdirSync(corpus).filter((x) => x.endsWith('.xml'))) {
      const text = readFileSync(join(corpus, f), 'utf8');
      if (/<status>\s*<node_state/.test(text)) withStatus++;
      expect(parseCibConfiguration(text), f).toEqual(withoutStatus(parseXml(text)));
    }
    expect(withStatus).toBeGreaterThan(100);
  });

  it('does not read the status: what would fail there does not matter', () => {
    const cib = (status: string): string => `<cib epoch="3"><configuration><resources><primitive id="p" class="ocf" provider="heartbeat" type="Dummy"/></resources></configuration>${status}</cib>`;
    const broken = cib('<status><node_state id="1"><lrm id="1"></node_state></status>');
    expect(() => parseXml(broken)).toThrow(XmlSyntaxError);
    expect(parseCibConfiguration(broken)).toEqual(withoutStatus(parseXml(cib('<status/>'))));
    // an end tag in a comment inside the status: the quick reader gives up, and the full read decides
    const tricky = cib('<status><!-- </status> --><node_state id="1"/></status>');
    expect(parseCibConfiguration(tricky)).toEqual(withoutStatus(parseXml(tricky)));
    expect(() => parseCibConfiguration('<cib><configuration></cib>')).toThrow(XmlSyntaxError);
  });
});

describe('reading parts of a document without the rest', () => {
  const cib =
    '<cib epoch="7" num_updates="3" admin_epoch="0" validate-with="pacemaker-3.9"><!-- <nodes><node id="x"/></nodes> -->' +
    '<configuration><nodes><node id="1" uname="a &amp; b"/></nodes></configuration>' +
    '<status><node_state id="1"><transient_attributes id="1"><instance_attributes id="t"/></transient_attributes></node_state></status></cib>';

  it('startTagAttrs reads the first start tag, entities decoded; parseCibVersion uses it', () => {
    expect(startTagAttrs(cib, 'cib')).toMatchObject({ epoch: '7', 'validate-with': 'pacemaker-3.9' });
    expect(startTagAttrs('<node id="1" uname="a &amp; b"/>', 'node')).toEqual({ id: '1', uname: 'a & b' });
    expect(startTagAttrs('<nodes/>', 'cib')).toBeUndefined();
    expect(parseCibVersion(cib)).toEqual({ admin_epoch: 0, epoch: 7, num_updates: 3 });
  });

  it('cutElements cuts out the named elements (not the ones in comments), or says the root is missing', () => {
    const found = cutElements(cib, 'cib', ['nodes', 'transient_attributes']);
    expect(found?.map((e) => e.name)).toEqual(['nodes', 'transient_attributes']);
    expect(found?.[0]?.children.map((n) => n.attrs.uname)).toEqual(['a & b']);
    expect(cutElements('<crm_mon/>', 'cib', ['nodes'])).toBeUndefined();
  });
});

describe('linedXml: one tag per line, and which element each line is', () => {
  const withoutComments = (e: XmlElement): XmlElement => ({ ...e, children: e.children.filter((c) => c.name !== COMMENT).map(withoutComments) });

  it.runIf(existsSync(corpus))('gives the same document (comments aside) for every corpus CIB, with the tag of each line naming its element', () => {
    for (const f of readdirSync(corpus).filter((x) => x.endsWith('.xml'))) {
      const cib = parseXml(readFileSync(join(corpus, f), 'utf8'));
      const { text, paths } = linedXml(cib);
      expect(parseXml(text), f).toEqual(withoutComments(cib));
      const lines = text.split('\n');
      expect(paths.length, f).toBe(lines.length - 1);
      paths.forEach((path, i) => {
        const el = path[path.length - 1]!;
        expect(lines[i], `${f}:${i + 1}`).toMatch(new RegExp(`^</?${el.name}[ />]`));
        expect(path[0], f).toBe(cib);
      });
    }
  });

  it('keeps line breaks of values and text inside their line, and leaves comments out', () => {
    const cib = parseXml('<cib><!-- note\nhere --><a v="x\ny"><b>one\ntwo</b></a></cib>');
    const { text, paths } = linedXml(cib);
    expect(text).toBe('<cib>\n<a v="x&#10;y">\n<b>one&#10;two</b>\n</a>\n</cib>\n');
    expect(paths.map((p) => p.map((e) => e.name).join('/'))).toEqual(['cib', 'cib/a', 'cib/a/b', 'cib/a', 'cib']);
  });
});
