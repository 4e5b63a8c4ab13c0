/**
 * `show ∘ load` idempotence on crm text: every seed configuration of
 * ../shared/seeds and every golden input.crm is loaded (parseConfigure +
 * applyStatements 'replace' on an empty CIB), shown, and the text loaded
 * again: the two configurations are identical (strictly: no role synonyms),
 * and showing the second gives the same text as showing the first.
 * Seed lines with errors are left out by the parser, as `load` would refuse
 * them; the rest must still round-trip.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfigure } from '../../../grammar/index.js';
import { applyStatements } from '../../../src/cib/apply.js';
import { firstDifference } from '../../../src/cib/show-equal.js';
import { showConfiguration } from '../../../src/cib/show.js';
import { child, parseXml, type XmlElement } from '../../../src/cib/xml.js';

const here = dirname(fileURLToPath(import.meta.url));
const SEEDS = join(here, '../../../../shared/seeds');
const GOLDEN = join(here, 'golden');

function empty(): XmlElement {
  return parseXml(
    '<cib validate-with="pacemaker-3.7" epoch="0" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>',
  );
}

function load(text: string): XmlElement {
  return applyStatements(empty(), parseConfigure(text).statements, 'replace').cib;
}

const inputs: [string, string][] = [
  ...(existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => f.endsWith('.crm')).map((f): [string, string] => [`seeds/${f}`, join(SEEDS, f)]) : []),
  ...readdirSync(GOLDEN)
    .filter((d) => existsSync(join(GOLDEN, d, 'input.crm')))
    .map((d): [string, string] => [`golden/${d}`, join(GOLDEN, d, 'input.crm')]),
];

if (!existsSync(SEEDS)) console.warn(`show idempotence: seeds skipped, ${SEEDS} is absent`);

describe('show ∘ load idempotence', () => {
  it('has inputs', () => expect(inputs.length).toBeGreaterThan(5));

  for (const [name, file] of inputs) {
    it(`${name}: load → show → load gives the same configuration and text`, () => {
      const first = load(readFileSync(file, 'utf8'));
      const text = showConfiguration(first);
      expect(text.length).toBeGreaterThan(0);
      const reparsed = parseConfigure(text);
      expect(reparsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const second = load(text);
      expect(firstDifference(child(first, 'configuration')!, child(second, 'configuration')!, { strict: true })).toBeUndefined();
      expect(showConfiguration(second)).toBe(text);
    });
  }
});
