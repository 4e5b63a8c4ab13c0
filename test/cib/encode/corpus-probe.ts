// exploration helper: corpus round trip, failures in the encoder's stages grouped
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { roundTrip } from '../../corpus/roundtrip.js';
const dir = '/work/shared/corpus/pacemaker-2.1.5-scheduler/xml';
const stages = new Map<string, string[]>();
let ok = 0;
for (const f of readdirSync(dir).filter((x) => x.endsWith('.xml')).sort()) {
  const r = roundTrip(readFileSync(join(dir, f), 'utf8'));
  if (r.ok) { ok++; continue; }
  const k = r.stage ?? '?';
  stages.set(k, [...(stages.get(k) ?? []), `${f}: ${r.detail}`]);
}
console.log({ ok });
for (const [k, v] of stages) {
  console.log(`== ${k}: ${v.length}`);
  if (k !== 'parse') for (const line of v.slice(0, Number(process.argv[2] ?? 15))) console.log('  ' + line.slice(0, 250));
}
