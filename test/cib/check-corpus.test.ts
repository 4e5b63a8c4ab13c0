/**
 * No false errors: every Pacemaker 2.1.5 scheduler regression CIB (all of
 * which Pacemaker loads) gets no error from checkCib except the one that is
 * broken on purpose (order-wrong-kind.xml). Warnings are allowed and counted.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCib } from '../../src/cib/check.js';
import { parseXml, type XmlElement } from '../../src/cib/xml.js';

const DIR = '/work/shared/corpus/pacemaker-2.1.5-scheduler/xml';
const present = existsSync(DIR);
if (!present) console.warn(`check-corpus: ${DIR} is absent; the corpus test is skipped`);

describe.skipIf(!present)('checkCib over the Pacemaker regression corpus', () => {
  it('errors only where the CIB is broken on purpose; time stays small', () => {
    const cibs: [string, XmlElement][] = [];
    for (const f of readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort()) {
      try {
        cibs.push([f, parseXml(readFileSync(`${DIR}/${f}`, 'utf8'))]);
      } catch {
        // not well-formed XML: not ours to check
      }
    }
    expect(cibs.length).toBeGreaterThan(500);
    const errors: string[] = [];
    const warnings = new Map<string, number>();
    const t0 = performance.now();
    for (const [f, cib] of cibs) {
      for (const d of checkCib(cib)) {
        if (d.severity === 'error') errors.push(`${f}: ${d.code}: ${d.message}`);
        else warnings.set(d.code, (warnings.get(d.code) ?? 0) + 1);
      }
    }
    const ms = performance.now() - t0;
    console.log(`check-corpus: ${cibs.length} CIBs in ${ms.toFixed(0)} ms; warnings ${JSON.stringify(Object.fromEntries(warnings))}`);
    expect(errors).toEqual(['order-wrong-kind.xml: invalid-kind: order order1: "foo" is not a valid kind (kind)']);
    expect(ms).toBeLessThan(10_000);
  });
});
