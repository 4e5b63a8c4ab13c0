/**
 * The corpus CIBs with XML comments in their configuration (between objects,
 * as hand-written CIBs have them, and crmsh-style inside objects): show →
 * load replace keeps every line of every comment, and the CIB that comes back
 * shows the same text (the comments between objects now inside the objects
 * they were printed above). test/corpus/roundtrip.test.ts checks that the
 * configurations are the same, comments included (src/cib/show-equal.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfigure } from '../../grammar/index.js';
import { applyStatements } from '../../src/cib/apply.js';
import { commentLines } from '../../src/cib/show-equal.js';
import { showConfiguration } from '../../src/cib/show.js';
import { child, descendants, parseXml, type XmlElement } from '../../src/cib/xml.js';
import { emptyCibLike } from './roundtrip.js';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(here, '../../../shared/corpus/pacemaker-2.1.5-scheduler/xml');
const present = existsSync(CORPUS);


function commentLinesOf(cib: XmlElement): string[] {
  const conf = child(cib, 'configuration');
  return conf ? [...descendants(conf)].filter((e) => e.name === '#comment').flatMap((e) => commentLines(e.text ?? '')) : [];
}

describe.skipIf(!present)('corpus CIBs with comments: show → load → show', () => {
  const files = present ? readdirSync(CORPUS).filter((f) => f.endsWith('.xml')).sort() : [];
  const cibs = files.map((f) => ({ f, cib: parseXml(readFileSync(join(CORPUS, f), 'utf8')) })).filter(({ cib }) => commentLinesOf(cib).length > 0);

  it('has such CIBs, some with comments between objects', () => {
    expect(cibs.length).toBeGreaterThanOrEqual(10);
    const between = cibs.filter(({ cib }) => child(cib, 'configuration')!.children.some((s) => s.name === '#comment' || s.children.some((c) => c.name === '#comment')));
    expect(between.length).toBeGreaterThanOrEqual(5);
  });

  const reload = (cib: XmlElement, text: string): XmlElement => {
    const parsed = parseConfigure(text);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return applyStatements(emptyCibLike(cib), parsed.statements, 'replace').cib;
  };

  for (const { f, cib } of cibs) {
    it(`${f}: every comment line comes back`, () => {
      const kept = commentLinesOf(reload(cib, showConfiguration(cib)));
      for (const line of commentLinesOf(cib)) expect(kept).toContain(line);
      expect(kept.length).toBe(commentLinesOf(cib).length);
    });
    it(`${f}: the CIB that comes back shows the same text`, () => {
      const text = showConfiguration(cib);
      expect(showConfiguration(reload(cib, text))).toBe(text);
    });
  }
});
