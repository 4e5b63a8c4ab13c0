// exploration helper (not a test): generated configs through crmsh and through applyStatements
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateConfig } from '../../gen/generate.js';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ALL_FEATURES } from '../../gen/generate.js';
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
  const text = generateConfig({ seed, resources: 14, constraints: 14, features: ALL_FEATURES.filter((f) => f !== 'bundles') });
  const dir = mkdtempSync('/tmp/enc/diff/s');
  writeFileSync(join(dir, 'in.crm'), text);
  writeFileSync(join(dir, 'x.xml'), emptyCibXml());
  const { CIB_shadow: _s, ...env } = process.env;
  const code = await new Promise<number | null>((res) => {
    const c = spawn('crm', ['-F', 'configure', 'load', 'update', join(dir, 'in.crm')], { env: { ...env, CIB_file: join(dir, 'x.xml') }, stdio: 'ignore' });
    c.on('close', res);
  });
  const r = { cibXml: readFileSync(join(dir, 'x.xml'), 'utf8') };
  if (code !== 0) { crmFail++; writeFileSync(join(dir, 'FAIL'), String(code)); return; }
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
