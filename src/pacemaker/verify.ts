/**
 * crm_verify on a candidate CIB that is not (yet) anywhere: the XML goes in on
 * stdin (`crm_verify -V --xml-pipe`), so a configuration can be checked before
 * it is committed. `-V` is needed: without it crm_verify only says
 * "Errors found during check: config not valid".
 *
 * @example
 *   const v = await verifyCib(ex, desired);
 *   if (!v.ok) for (const l of v.errors) console.error(l);
 *   // "Resource start-up disabled since no STONITH resources have been defined"
 *   // "Entity: line 6: element primitive: Relax-NG validity error : Invalid attribute bogus for element primitive"
 */
import type { Executor } from '../exec/types.js';
import { serializeXml, type XmlElement } from '../cib/xml.js';

export interface VerifyResult {
  /** crm_verify exited 0 */
  ok: boolean;
  code: number;
  errors: string[];
  warnings: string[];
  /** every message line, in order, as printed (minus crm_verify's generic summary lines) */
  lines: string[];
}

/** Run crm_verify on `cib` (an element tree or XML text) and sort its messages. */
export async function verifyCib(ex: Executor, cib: XmlElement | string): Promise<VerifyResult> {
  const xml = typeof cib === 'string' ? cib : serializeXml(cib);
  // no CIB connection is involved with --xml-pipe; unset the variables anyway so nothing else is read
  const r = await ex.exec(['crm_verify', '-V', '--xml-pipe'], { stdin: xml, env: { CIB_file: undefined, CIB_shadow: undefined } });
  return parseVerifyOutput(r.code, `${r.stdout}\n${r.stderr}`);
}

/** Split crm_verify's output into errors and warnings (pure; exported for tests). */
export function parseVerifyOutput(code: number, text: string): VerifyResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || /^-V may provide more details/.test(line) || /^crm_verify: (Errors|Warnings) found during check/.test(line)) continue;
    // "(unpack_resources) \terror: text" → severity + text, without the C function name
    const m = /^(?:\([\w.:-]+\)\s*)?(error|warning|notice|info|crit|trace|debug):\s*(.*)$/i.exec(line);
    const sev = m ? m[1]!.toLowerCase() : /error/i.test(line) ? 'error' : 'warning';
    const msg = m ? m[2]! : line;
    lines.push(m ? `${sev}: ${msg}` : line);
    if (sev === 'error' || sev === 'crit') errors.push(msg);
    else if (sev === 'warning') warnings.push(msg);
  }
  if (code !== 0 && errors.length === 0) errors.push(`crm_verify: configuration not valid (exit ${code})`);
  return { ok: code === 0, code, errors, warnings, lines };
}
