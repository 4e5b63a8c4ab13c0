// exploration helper (not a test): generated configs through crmsh and through applyStatements
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateConfig } from '../../gen/generate.js';
import { loadWithCrmshAsync } from '../../differential/crmsh-runner.js';
import { parseConfigure } from '../../../grammar/index.js';
import { applyStatements } from '../../../src/cib/apply.js';
import { parseXml, serializeXml, type XmlElement } from '../../../src/cib/xml.js';
import { normalizeCrmshCib } from './make-golden-from-crmsh.js';
import { emptyCibXml } from '../../differential/crmsh-runner.js';

const norm = (cib: XmlElement): string => {
  const conf = cib.children.find((c) => c.name === 'configuration');
  return serializeXml({ name: 'cib', attrs: { 'validate-with': cib.attrs['validate-with'] ?? '' }, children: conf ? [conf] : [] });
};
const from = Number(process.argv[2] ?? 1), to = Number(process.argv[3] ?? 8);
let same = 0, differ = 0, crmFail = 0;
await Promise.all(Array.from({ length: to - from + 1 }, async (_, k) => {
  const seed = from + k;
  const text = generateConfig({ seed, resources: 8, constraints: 8 });
  const dir = mkdtempSync('/tmp/enc/diff/s');
  const r = await loadWithCrmshAsync(text, dir);
  if (!r.ok) { crmFail++; writeFileSync(join(dir, 'FAIL'), r.stderr); return; }
  const expected = serializeXml(normalizeCrmshCib(r.cibXml));
  const p = parseConfigure(text);
  const ours = applyStatements(parseXml(emptyCibXml()), p.statements, 'update');
  const got = norm(ours.cib);
  writeFileSync(join(dir, 'diags.txt'), [...p.diagnostics, ...ours.diagnostics].map((d) => `${d.line}:${d.col} ${d.severity} ${d.message}`).join('\n'));
  writeFileSync(join(dir, 'expected.xml'), expected);
  writeFileSync(join(dir, 'got.xml'), got);
  if (got === expected) same++; else { differ++; console.log(`seed ${seed} differs: ${dir}`); }
}));
console.log({ same, differ, crmFail });
