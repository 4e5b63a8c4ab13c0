// exploration helper: crmsh CIB file → normalised expected XML
import { readFileSync } from 'node:fs';
import { serializeXml } from '../../../src/cib/xml.js';
import { normalizeCrmshCib } from './make-golden-from-crmsh.js';
process.stdout.write(serializeXml(normalizeCrmshCib(readFileSync(process.argv[2]!, 'utf8'))));
