/**
 * Golden tests of `show` against crmsh 4.4: each golden/<case>/ holds the
 * crm text it was made from (input.crm), the CIB crmsh built from it
 * (cib.xml) and crmsh's own `configure show` of that CIB (show.crm);
 * update-golden.sh regenerates the last two with the real crmsh. Where hash
 * deliberately differs (it prints ids crmsh drops, never masks secrets), the
 * expected text is hash.crm, and the test checks that it differs from
 * crmsh's only on the lines named in why.txt. Each case's text also goes
 * through hash's parser and encoder back to the same configuration.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainFallbacks, showConfiguration } from '../../../src/cib/show.js';
import { roundTrip } from '../../corpus/roundtrip.js';
import { parseXml } from '../../../src/cib/xml.js';

const here = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const cases = readdirSync(here).filter((d) => existsSync(join(here, d, 'cib.xml'))).sort();

describe('show golden (crmsh 4.4 output)', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(5));

  it.each(cases)('%s: same text as crmsh (or hash.crm)', (c) => {
    const cib = parseXml(readFileSync(join(here, c, 'cib.xml'), 'utf8'));
    const own = join(here, c, 'hash.crm');
    const expected = readFileSync(existsSync(own) ? own : join(here, c, 'show.crm'), 'utf8');
    expect(showConfiguration(cib)).toBe(expected);
  });

  it.each(cases)('%s: crmsh-made CIB needs no xml fallback', (c) => {
    const cib = parseXml(readFileSync(join(here, c, 'cib.xml'), 'utf8'));
    expect(explainFallbacks(cib)).toEqual([]);
  });

  for (const c of cases) {
    it(`${c}: show → parse → load replace gives the same configuration`, () => {
      const r = roundTrip(readFileSync(join(here, c, 'cib.xml'), 'utf8'));
      expect(r.detail).toBeUndefined();
      expect(r.ok).toBe(true);
    });
  }

  it.each(cases.filter((c) => existsSync(join(here, c, 'hash.crm'))))('%s: hash.crm differs from crmsh only where why.txt says', (c) => {
    const ours = readFileSync(join(here, c, 'hash.crm'), 'utf8').split('\n');
    const theirs = readFileSync(join(here, c, 'show.crm'), 'utf8').split('\n');
    const why = readFileSync(join(here, c, 'why.txt'), 'utf8');
    expect(ours.length).toBe(theirs.length);
    const changed = ours.map((l, i) => (l === theirs[i] ? undefined : i + 1)).filter((x) => x !== undefined);
    expect(changed.length).toBeGreaterThan(0);
    for (const n of changed) expect(why, `line ${n} of hash.crm differs from crmsh without a reason`).toMatch(new RegExp(`^line ${n}:`, 'm'));
  });
});
