/**
 * Lossless `show`: for every CIB of ../shared/corpus/pacemaker-2.1.5-scheduler/xml/,
 * show → parseConfigure → applyStatements(empty CIB, 'replace') gives the
 * same configuration (test/corpus/roundtrip.ts; src/cib/show-equal.ts defines
 * "same"). crmsh 4.4 loses data on about a fifth of these.
 *
 * The figure is printed, with the failures grouped by stage and by the first
 * words of their difference; the test fails when fewer CIBs than `FLOOR`
 * survive (raise it as fixes land) or when show itself throws.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { roundTrip, type RoundTrip } from './roundtrip.js';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(here, '../../../shared/corpus/pacemaker-2.1.5-scheduler/xml');
const present = existsSync(CORPUS);
/** CIBs that must come back identical; the figure at the last raise. */
const FLOOR = Number(process.env.ROUNDTRIP_FLOOR ?? 536);

if (!present) {
  console.warn(`corpus round trip skipped: ${CORPUS} is absent (it lives in ../shared next to the checkout)`);
}

function classKey(r: RoundTrip): string {
  const d = (r.detail ?? '')
    .replace(/\[@id=[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/^\d+:\d+ /, '')
    .replace(/\|.*$/, '');
  return `${r.stage}: ${d.slice(0, 100)}`;
}

describe.skipIf(!present)('corpus round trip: show → parse → load replace', () => {
  const files = present ? readdirSync(CORPUS).filter((f) => f.endsWith('.xml')).sort() : [];

  it(`the configuration of every corpus CIB survives (floor ${FLOOR})`, () => {
    const failures: { file: string; r: RoundTrip }[] = [];
    let xmlObjects = 0;
    let strict = 0;
    for (const f of files) {
      const r = roundTrip(readFileSync(join(CORPUS, f), 'utf8'));
      xmlObjects += r.xmlObjects;
      if (r.strictOk) strict++;
      if (!r.ok) failures.push({ file: f, r });
    }
    const ok = files.length - failures.length;
    const classes = new Map<string, string[]>();
    for (const { file, r } of failures) {
      const k = classKey(r);
      classes.set(k, [...(classes.get(k) ?? []), file]);
    }
    const lines = [...classes]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([k, fs]) => `  ${String(fs.length).padStart(3)}  ${k}  (${fs.slice(0, 3).join(', ')}${fs.length > 3 ? ', …' : ''})`);
    console.log(
      `corpus round trip: ${ok} of ${files.length} identical (${strict} also with role synonyms counted); ${xmlObjects} objects shown as xml\n${lines.join('\n')}`,
    );
    expect(files.length).toBeGreaterThan(0);
    expect(ok).toBeGreaterThanOrEqual(FLOOR);
  }, 600_000);
});
