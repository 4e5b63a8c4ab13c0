/**
 * The `show ∘ load` round trip over one CIB: show the configuration as crm
 * text, parse it, apply it with `load replace` to an empty CIB of the same
 * schema, and compare the two configurations with `firstDifference`
 * (src/cib/show-equal.ts says what counts as the same).
 *
 * A failure is classified by the stage that loses data and by whose module
 * that is: `parse` (grammar: diagnostics on text that show printed), `apply`
 * (encoder/apply: errors while building the CIB), `differ-xml` (an object show
 * printed as `xml <…>` came back different: encoder/apply), `differ-cli` (an
 * object show printed in the crm language came back different: show's model
 * of the encoder and the encoder disagree).
 *
 * @example
 *   const r = roundTrip(readFileSync('corpus/xml/1360.xml', 'utf8'));
 *   r.ok || console.log(r.stage, r.detail);
 */
import { parseConfigure } from '../../grammar/index.js';
import { hasErrors } from '../../grammar/diagnostics.js';
import { applyStatements } from '../../src/cib/apply.js';
import { firstDifference } from '../../src/cib/show-equal.js';
import { explainFallbacks, showConfiguration } from '../../src/cib/show.js';
import { child, parseXml, type XmlElement } from '../../src/cib/xml.js';

export type Stage = 'parse' | 'apply' | 'differ-xml' | 'differ-cli' | 'input';

export interface RoundTrip {
  ok: boolean;
  /** also identical with role synonyms counted as differences (show-equal.ts `strict`) */
  strictOk: boolean;
  stage?: Stage;
  /** the first diagnostic or difference, readable */
  detail?: string;
  text: string;
  /** how many objects show printed as xml */
  xmlObjects: number;
}

/** An empty CIB with the schema of `cib` (roles and names are schema-dependent). */
export function emptyCibLike(cib: XmlElement): XmlElement {
  const v = cib.attrs['validate-with'];
  return parseXml(
    `<cib${v && v !== 'none' ? ` validate-with="${v}"` : ''} admin_epoch="0" epoch="0" num_updates="0">` +
      '<configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>',
  );
}

function objectOfPath(path: string): string | undefined {
  // "resources/primitive[@id=p1]/..." → p1
  return /^[^/]+\/[^/[]+\[@id=([^\]]+)\]/.exec(path)?.[1];
}

export function roundTrip(xmlText: string): RoundTrip {
  let cib: XmlElement;
  try {
    cib = parseXml(xmlText);
  } catch (e) {
    return { ok: false, strictOk: false, stage: 'input', detail: String(e), text: '', xmlObjects: 0 };
  }
  const text = showConfiguration(cib);
  const fallbacks = explainFallbacks(cib);
  const xmlObjects = fallbacks.length;
  const parsed = parseConfigure(text);
  if (hasErrors(parsed.diagnostics)) {
    const d = parsed.diagnostics.find((x) => x.severity === 'error')!;
    const line = text.split('\n')[d.line - 1] ?? '';
    return { ok: false, strictOk: false, stage: 'parse', detail: `${d.line}:${d.col} ${d.message} | ${line.trim().slice(0, 120)}`, text, xmlObjects };
  }
  const applied = applyStatements(emptyCibLike(cib), parsed.statements, 'replace');
  if (hasErrors(applied.diagnostics)) {
    const d = applied.diagnostics.find((x) => x.severity === 'error')!;
    return { ok: false, strictOk: false, stage: 'apply', detail: `${d.line}:${d.col} ${d.code}: ${d.message}`, text, xmlObjects };
  }
  const before = child(cib, 'configuration');
  const after = child(applied.cib, 'configuration');
  if (!before || !after) return { ok: false, strictOk: false, stage: 'input', detail: 'no <configuration>', text, xmlObjects };
  const diff = firstDifference(before, after);
  if (diff === undefined) return { ok: true, strictOk: firstDifference(before, after, { strict: true }) === undefined, text, xmlObjects };
  const id = objectOfPath(diff);
  const asXml = id !== undefined && fallbacks.some((f) => f.id === id);
  return { ok: false, strictOk: false, stage: asXml ? 'differ-xml' : 'differ-cli', detail: diff, text, xmlObjects };
}
