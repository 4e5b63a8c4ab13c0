// exploration helper: our result for one .crm file vs an expected.xml
import { readFileSync } from 'node:fs';
import { parseConfigure } from '../../../grammar/index.js';
import { applyStatements } from '../../../src/cib/apply.js';
import { parseXml, serializeXml } from '../../../src/cib/xml.js';
import { emptyCibXml } from '../../differential/crmsh-runner.js';
const text = readFileSync(process.argv[2]!, 'utf8');
const p = parseConfigure(text);
const r = applyStatements(parseXml(emptyCibXml()), p.statements, 'update');
for (const d of [...p.diagnostics, ...r.diagnostics]) console.error(`${d.line}:${d.col} ${d.severity} ${d.code} ${d.message}`);
const conf = r.cib.children.find((c) => c.name === 'configuration')!;
process.stdout.write(serializeXml({ name: 'cib', attrs: { 'validate-with': r.cib.attrs['validate-with'] ?? '' }, children: [conf] }));
