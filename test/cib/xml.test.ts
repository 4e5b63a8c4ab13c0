/**
 * The XML layer: the quick scanner must give exactly the fast-xml-parser
 * tree wherever it answers, on every corpus CIB; comments, entities and
 * serialisation round-trip.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml, parseXmlFragment, scanXml, serializeXml } from '../../src/cib/xml.js';

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
