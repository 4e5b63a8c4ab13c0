/**
 * No false errors, checked against Pacemaker itself: over every Pacemaker
 * 2.1.5 scheduler regression CIB, each CIB we report an error on must also be
 * rejected by crm_verify. (The converse does not hold: crm_verify checks far
 * more, fencing and status included.) Warnings are counted, not judged.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCib } from '../../src/cib/check.js';
import { parseXml, type XmlElement } from '../../src/cib/xml.js';

const DIR = '/work/shared/corpus/pacemaker-2.1.5-scheduler/xml';
const present = existsSync(DIR);
if (!present) console.warn(`check-corpus: ${DIR} is absent; the corpus test is skipped`);

describe.skipIf(!present)('checkCib over the Pacemaker regression corpus', () => {
  it('every CIB we call erroneous, crm_verify rejects too', { timeout: 120_000 }, () => {
    const cibs: [string, XmlElement][] = [];
    for (const f of readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort()) {
      try {
        cibs.push([f, parseXml(readFileSync(`${DIR}/${f}`, 'utf8'))]);
      } catch {
        // not well-formed XML: not ours to check
      }
    }
    expect(cibs.length).toBeGreaterThan(500);
    const flagged = new Map<string, string[]>();
    const warnings = new Map<string, number>();
    const t0 = performance.now();
    for (const [f, cib] of cibs) {
      for (const d of checkCib(cib)) {
        if (d.severity === 'error') flagged.set(f, [...(flagged.get(f) ?? []), `${d.code}: ${d.message}`]);
        else warnings.set(d.code, (warnings.get(d.code) ?? 0) + 1);
      }
    }
    const ms = performance.now() - t0;
    const accepted = [...flagged.keys()].filter((f) => spawnSync('crm_verify', ['-x', `${DIR}/${f}`]).status === 0);
    console.log(
      `check-corpus: ${cibs.length} CIBs checked in ${ms.toFixed(0)} ms; errors in ${flagged.size} (crm_verify agrees on ${flagged.size - accepted.length}); warnings ${JSON.stringify(Object.fromEntries(warnings))}`,
    );
    expect(accepted.map((f) => `${f}: ${flagged.get(f)!.join('; ')}`)).toEqual([]);
    // the ones broken on purpose are found
    expect(flagged.get('order-wrong-kind.xml')).toEqual(['invalid-kind: order order1: "foo" is not a valid kind (kind)']);
    expect(flagged.get('ticket-promoted-1.xml')?.[0]).toMatch(/^duplicate-op: primitive rsc1: op monitor interval=5 repeats/);
  });
});
