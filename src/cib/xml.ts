/**
 * The CIB as plain element trees. This is the only module that imports
 * fast-xml-parser: everything else in hash sees `XmlElement`.
 *
 * Order matters in a CIB (group members, ops, rules), so the parser runs with
 * `preserveOrder`, and attributes keep their document order. Values are never
 * coerced: "0", "true" and "010" stay strings.
 *
 * @example
 *   const cib = parseXml(await readFile('cib.xml', 'utf8'));
 *   child(cib, 'configuration')?.children.map((e) => e.name); // ['crm_config', 'nodes', ...]
 *   serializeXml(cib); // the same document back, two-space indented
 */
import { createRequire } from 'node:module';
import type { XMLParser } from 'fast-xml-parser';

export interface XmlElement {
  /** the tag name; `#comment` for an XML comment, whose text is in `text` (crmsh keeps `#` comments this way) */
  name: string;
  /** attribute name → value, in document order */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** character data directly inside the element (rare in a CIB), trimmed */
  text?: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/**
 * fast-xml-parser, loaded on first use: most CIBs never need it (scanXml reads
 * them), and evaluating it costs every command its start-up time. Its CommonJS
 * build is required synchronously, so parsing stays synchronous.
 */
let parser: XMLParser | undefined;
function fastXmlParser(): XMLParser {
  if (parser) return parser;
  const { XMLParser: Parser } = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser');
  parser = new Parser(PARSER_OPTIONS);
  return parser;
}

const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  // attribute values are data and keep their spaces (`op-force-restart=" state "`); text is trimmed below
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
  processEntities: true,
  htmlEntities: false,
} as const;

type Raw = Record<string, unknown> & { ':@'?: Record<string, string> };

/** The name of comment nodes in an element tree. */
export const COMMENT = '#comment';

function fromRaw(raw: Raw): XmlElement | undefined {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (name === undefined || name === '#text') return undefined;
  if (name === COMMENT) {
    const body = raw[name];
    const text = Array.isArray(body) ? body.map((b) => String((b as Raw)['#text'] ?? '')).join('') : String(body ?? '');
    return { name: COMMENT, attrs: {}, children: [], text };
  }
  const el: XmlElement = { name, attrs: { ...(raw[':@'] ?? {}) }, children: [] };
  const kids = raw[name];
  if (Array.isArray(kids)) {
    for (const k of kids as Raw[]) {
      if ('#text' in k) {
        const t = String(k['#text']).trim();
        if (t !== '') el.text = (el.text ?? '') + t;
        continue;
      }
      const c = fromRaw(k);
      if (c) el.children.push(c);
    }
  }
  return el;
}

/** Parse an XML document (or fragment with one root) into an element tree. Throws XmlSyntaxError. */
export function parseXml(text: string): XmlElement {
  const quick = scanXml(text);
  if (quick) return quick;
  const roots = parseXmlFragment(text);
  if (roots.length !== 1) throw new XmlSyntaxError(`expected one root element, found ${roots.length}`);
  return roots[0]!;
}

/**
 * A CIB without its status section, which is not even read: for what shows the
 * configuration only (the status is most of a live CIB's text). Never for a CIB
 * that may be written back: its status would be lost. Throws XmlSyntaxError.
 *
 * @example
 *   showConfiguration(parseCibConfiguration(await readFile('cib.xml', 'utf8')));
 */
export function parseCibConfiguration(text: string): XmlElement {
  const quick = scanXml(text, STATUS);
  if (quick) return quick;
  const cib = parseXml(text);
  return cib.name === 'cib' ? { ...cib, children: cib.children.filter((c) => c.name !== STATUS) } : cib;
}

const STATUS = 'status';

/** Parse a fragment that may hold several top-level elements. Throws XmlSyntaxError. */
export function parseXmlFragment(text: string): XmlElement[] {
  let raw: Raw[];
  try {
    raw = fastXmlParser().parse(text, true) as Raw[];
  } catch (e) {
    throw new XmlSyntaxError(e instanceof Error ? e.message : String(e));
  }
  if (!Array.isArray(raw)) throw new XmlSyntaxError('not XML');
  return raw.map(fromRaw).filter((e): e is XmlElement => e !== undefined);
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const ATTR_SPECIAL = /[&<>"']/;
const TEXT_SPECIAL = /[&<>]/;
export function escapeXml(s: string): string {
  // most values need nothing: test first, replace only then
  return ATTR_SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESC[c]!) : s;
}
function escapeText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(/[&<>]/g, (c) => ESC[c]!) : s;
}

/** Serialize with two-space indentation (like cibadmin), or on one line with `indent: ''`. */
export function serializeXml(el: XmlElement, opts: { indent?: string } = {}): string {
  const indent = opts.indent ?? '  ';
  const nl = indent === '' ? '' : '\n';
  // one string built by appending (V8 keeps it as a rope until the end): no array of a million parts
  let out = '';
  const pads: string[] = [''];
  const pad = (depth: number): string => (pads[depth] ??= indent.repeat(depth));
  const walk = (e: XmlElement, depth: number): void => {
    const p = pad(depth);
    if (e.name === COMMENT) {
      out += `${p}<!--${e.text ?? ''}-->${nl}`;
      return;
    }
    out += `${p}<${e.name}`;
    const attrs = e.attrs;
    for (const k in attrs) out += ` ${k}="${escapeXml(attrs[k]!)}"`;
    const kids = e.children;
    if (kids.length === 0) {
      out += e.text === undefined ? `/>${nl}` : `>${escapeText(e.text)}</${e.name}>${nl}`;
      return;
    }
    out += `>${e.text !== undefined ? escapeText(e.text) : ''}${nl}`;
    for (let i = 0; i < kids.length; i++) walk(kids[i]!, depth + 1);
    out += `${p}</${e.name}>${nl}`;
  };
  walk(el, 0);
  return out;
}

/**
 * The same document with every tag on a line of its own and no comments,
 * and which element each line belongs to: `paths[n - 1]` is the element
 * (from the root down) whose start or end tag is on line n. For telling
 * which element a validator's "line 9: …" is about; line breaks inside
 * values are written as character references, so they cannot shift lines.
 *
 * @example
 *   const { text, paths } = linedXml(cib);
 *   paths[8]!.at(-1)!.attrs.id; // the id of the element on line 9
 */
export function linedXml(root: XmlElement): { text: string; paths: XmlElement[][] } {
  const lines: string[] = [];
  const paths: XmlElement[][] = [];
  const oneLine = (s: string): string => s.replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');
  const walk = (e: XmlElement, path: XmlElement[]): void => {
    if (e.name === COMMENT) return;
    const here = [...path, e];
    let tag = `<${e.name}`;
    for (const k in e.attrs) tag += ` ${k}="${oneLine(escapeXml(e.attrs[k]!))}"`;
    const text = e.text !== undefined ? oneLine(escapeText(e.text)) : '';
    const kids = e.children.filter((c) => c.name !== COMMENT);
    if (kids.length === 0) {
      lines.push(text === '' ? `${tag}/>` : `${tag}>${text}</${e.name}>`);
      paths.push(here);
      return;
    }
    lines.push(`${tag}>${text}`);
    paths.push(here);
    for (const c of kids) walk(c, here);
    lines.push(`</${e.name}>`);
    paths.push(here);
  };
  walk(root, []);
  return { text: `${lines.join('\n')}\n`, paths };
}

export function element(name: string, attrs: Record<string, string> = {}, children: XmlElement[] = []): XmlElement {
  return { name, attrs, children };
}

/** First child element named `name`. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** All child elements named `name` (or all children). */
export function children(el: XmlElement, name?: string): XmlElement[] {
  return name === undefined ? el.children.filter((c) => c.name !== COMMENT) : el.children.filter((c) => c.name === name);
}

/** Depth-first walk over el and all descendants. */
export function* descendants(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* descendants(c);
}

/** A deep copy. */
export function cloneXml(el: XmlElement): XmlElement {
  return { name: el.name, attrs: { ...el.attrs }, children: el.children.map(cloneXml), ...(el.text !== undefined ? { text: el.text } : {}) };
}

/** Structural equality: name, attributes (order ignored), text and children in order. */
export function xmlEqual(a: XmlElement, b: XmlElement): boolean {
  if (a.name !== b.name || (a.text ?? '') !== (b.text ?? '') || a.children.length !== b.children.length) return false;
  const ak = Object.keys(a.attrs);
  if (ak.length !== Object.keys(b.attrs).length) return false;
  for (const k of ak) if (a.attrs[k] !== b.attrs[k]) return false;
  return a.children.every((c, i) => xmlEqual(c, b.children[i]!));
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode the five XML entities; undefined for anything else (numeric or unknown references). */
function unescapeXml(s: string): string | undefined {
  if (!s.includes('&')) return s;
  let ok = true;
  const out = s.replace(/&([a-z]+|#x?[0-9a-fA-F]+);|&/g, (m, name: string | undefined) => {
    const v = name !== undefined ? ENTITY[name] : undefined;
    if (v === undefined) ok = false;
    return v ?? m;
  });
  return ok ? out : undefined;
}

/**
 * The attributes of the first `<name …>` start tag in `text`, without reading
 * the rest (the root of a whole CIB, or cibadmin's `--no-children` answer);
 * undefined when there is none.
 *
 * @example
 *   startTagAttrs(cibText, 'cib')?.epoch; // '42'
 */
export function startTagAttrs(text: string, name: string): Record<string, string> | undefined {
  const head = new RegExp(`<${name}\\b[^>]*>`).exec(text)?.[0];
  if (!head) return undefined;
  // the tag alone, closed, through the one attribute reader (entities included)
  const el = scanXml(head.endsWith('/>') ? head : `${head.slice(0, -1)}/>`);
  return el?.attrs;
}

/**
 * The elements named `names` cut out of a document's text and parsed (in the
 * order of `names`, each name's in document order), without parsing the rest:
 * a CIB's nodes and transient attributes cost the same whatever megabytes of
 * resource history sit beside them. Comments go first (a comment may hold any text, never `-->`). An
 * element must not contain another of the same name (true of those sections).
 * Undefined when `root` is not the document's element or a piece does not parse.
 *
 * @example
 *   cutElements(cibText, 'cib', ['nodes', 'transient_attributes']); // [<nodes>, <transient_attributes>, …]
 */
export function cutElements(text: string, root: string, names: readonly string[]): XmlElement[] | undefined {
  const doc = text.replace(/<!--[\s\S]*?-->/g, '');
  if (!new RegExp(`<${root}[\\s>]`).test(doc)) return undefined;
  const pieces: string[] = [];
  for (const name of names) {
    const re = new RegExp(`<${name}\\b[^>]*/>|<${name}\\b[^>]*>[\\s\\S]*?</${name}\\s*>`, 'g');
    pieces.push(...(doc.match(re) ?? []));
  }
  try {
    return children(parseXml(`<pieces>${pieces.join('')}</pieces>`));
  } catch {
    return undefined;
  }
}

/**
 * A quick reader for the XML Pacemaker writes (CIBs, crm_mon): elements,
 * attributes, a little text, nothing else. It gives the same tree as the
 * fast-xml-parser path (test/status/corpus.test.ts and test/cib/xml.test.ts
 * check that on every corpus CIB and its crm_mon output) about ten times
 * faster, which keeps `show` of a big CIB and a status refresh within budget.
 * Comments inside elements are read too (crmsh writes `#` lines as comments).
 * On anything it does not expect (CDATA, doctypes, a comment outside the root,
 * numeric or unknown entities, bad nesting) it returns undefined and parseXml
 * falls back to fast-xml-parser. `skipUnderCib` names an element of a `<cib>`
 * root that is left out unread (see parseCibConfiguration).
 */
export function scanXml(text: string, skipUnderCib?: string): XmlElement | undefined {
  // a hand-written scanner: regular expressions and substrings per tag cost more than the rest of a refresh
  const n = text.length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let pos = 0;
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) return undefined;
    pos = end + 2;
  }
  const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;
  const isNameChar = (c: number): boolean =>
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 58;
  while (pos < n) {
    let lt = text.indexOf('<', pos);
    if (lt < 0) lt = n;
    // text between tags: usually only indentation
    let i = pos;
    while (i < lt && isSpace(text.charCodeAt(i))) i++;
    if (i < lt) {
      const top = stack[stack.length - 1];
      const t = unescapeXml(text.slice(i, lt).trim());
      if (top === undefined || t === undefined) return undefined;
      top.text = (top.text ?? '') + t;
    }
    if (lt >= n) break;
    if (text.startsWith('<!--', lt)) {
      // a comment (crmsh keeps `#` lines this way), inside an element only: its text as it is
      const end = text.indexOf('-->', lt + 4);
      const top = stack[stack.length - 1];
      if (end < 0 || top === undefined) return undefined;
      top.children.push({ name: COMMENT, attrs: {}, children: [], text: text.slice(lt + 4, end) });
      pos = end + 3;
      continue;
    }
    i = lt + 1;
    const close = text.charCodeAt(i) === 47; /* / */
    if (close) i++;
    const nameStart = i;
    while (i < n && isNameChar(text.charCodeAt(i))) i++;
    if (i === nameStart) return undefined; // <!-- -->, <![CDATA[, <!DOCTYPE, <? …: not for us
    const name = text.slice(nameStart, i);
    if (close) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 62 || stack.pop()?.name !== name) return undefined;
      pos = i + 1;
      continue;
    }
    const attrs: Record<string, string> = {};
    let selfClose = false;
    for (;;) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      if (c === 62 /* > */) {
        i++;
        break;
      }
      if (c === 47 /* / */ && text.charCodeAt(i + 1) === 62) {
        selfClose = true;
        i += 2;
        break;
      }
      const an = i;
      while (i < n && isNameChar(text.charCodeAt(i))) i++;
      if (i === an) return undefined;
      const attr = text.slice(an, i);
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 61 /* = */) return undefined;
      i++;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      const q = text.charCodeAt(i);
      if (q !== 34 && q !== 39) return undefined;
      const end = text.indexOf(q === 34 ? '"' : "'", i + 1);
      if (end < 0) return undefined;
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) return undefined;
      const v = unescapeXml(raw);
      if (v === undefined) return undefined;
      attrs[attr] = v;
      i = end + 1;
    }
    if (skipUnderCib === name && stack.length === 1 && stack[0]!.name === 'cib') {
      // left out unread, up to its end tag (a comment holding that tag makes the scan fail below, or
      // puts text in the cib element: parseCibConfiguration's trees are only shown)
      if (!selfClose) {
        const end = text.indexOf(`</${name}>`, i);
        if (end < 0) return undefined;
        i = end + name.length + 3;
      }
      pos = i;
      continue;
    }
    const el: XmlElement = { name, attrs, children: [] };
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.children.push(el);
    else if (root === undefined) root = el;
    else return undefined;
    if (!selfClose) stack.push(el);
    pos = i;
  }
  return stack.length === 0 ? root : undefined;
}
