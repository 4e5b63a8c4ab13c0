// exploration helper: time parse + apply of the 1,000-resource benchmark config
import { generateBenchConfig } from '../../gen/generate.js';
import { parseConfigure } from '../../../grammar/index.js';
import { applyStatements } from '../../../src/cib/apply.js';
import { parseXml, serializeXml } from '../../../src/cib/xml.js';
const text = generateBenchConfig(Number(process.argv[2] ?? 1000));
const empty = parseXml('<cib validate-with="pacemaker-3.9"><configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>');
let t = performance.now();
const p = parseConfigure(text);
const tp = performance.now() - t;
t = performance.now();
const r = applyStatements(empty, p.statements, 'update');
const ta = performance.now() - t;
t = performance.now();
const x = serializeXml(r.cib);
console.log({ lines: text.split('\n').length, statements: p.statements.length, parseMs: tp.toFixed(0), applyMs: ta.toFixed(0), serializeMs: (performance.now() - t).toFixed(0), errors: r.diagnostics.filter((d) => d.severity === 'error').length, bytes: x.length });
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  applyStatements(empty, p.statements, 'update');
  console.log(`apply run ${i + 2}: ${(performance.now() - t0).toFixed(0)} ms`);
}
