/**
 * What "the same configuration" means for hash: the equivalence that `show`
 * guarantees when its text is loaded back (`show ∘ load` round trip), and that
 * show itself uses to decide whether an object can be printed in the crm
 * language or must fall back to `xml <…>`.
 *
 * Two `<configuration>` elements are the same when:
 * - each section (`crm_config`, `nodes`, `resources`, `constraints`, `tags`,
 *   `rsc_defaults`, …) holds the same top-level objects, matched by element name
 *   and id; their order inside the section does not count (show prints objects
 *   in crmsh's order, by type then id, not in document order);
 * - inside an object everything counts — every attribute value, every id, and
 *   the order of same-named siblings (group members, ops, nvpairs, rules,
 *   expressions, resource sets, fencing levels);
 * - what does not count: attribute order, and how differently named siblings
 *   interleave (an `<operations>` before or after `<instance_attributes>` in a
 *   primitive), which Pacemaker never reads;
 * - sections that are absent and sections that are empty are the same;
 * - an object's comments count, as the `#` lines show prints for them
 *   (`commentLines`), in document order: the XML comments between objects
 *   that belong to it (`commentsBefore`: show prints them above it, and
 *   loading the text puts them inside it, as crmsh keeps `#` lines), then its
 *   own comments (its direct children). So a comment that sat before an object
 *   and one that sits first inside it are the same, and a comment that is lost,
 *   changed or moved to another object is a difference. Comments deeper inside
 *   an object count exactly, as its elements do. Comments in a configuration
 *   with no object at all belong to nothing and do not count;
 * - an old `<master>` is the same as a `<clone>` with meta `promotable=true`
 *   (where that nvpair sits, and its id, do not count): hash's encoder
 *   writes `ms` as a promotable clone (DESIGN.md);
 * - role names are compared as Pacemaker reads them: `Master` and `Promoted`,
 *   `Slave` and `Unpromoted` are the same role, in any letter case (role
 *   attributes and `target-role` values). hash's encoder writes roles in the
 *   CIB schema's spelling (DESIGN.md), so a 3.7 CIB that says `Master` comes
 *   back as `Promoted`; `{ strict: true }` counts that as a difference.
 *
 * @example
 *   sameConfiguration(child(cibA, 'configuration')!, child(cibB, 'configuration')!) // true | false
 *   firstDifference(confA, confB) // 'resources/primitive[@id=p1]/operations/op[1]: attribute timeout: "20s" ≠ "30s"'
 */
import type { XmlElement } from './xml.js';

/** how src/cib/xml.ts names an XML comment node (its text in `text`) */
const COMMENT = '#comment';
const isComment = (c: XmlElement): boolean => c.name === COMMENT;

/**
 * The sections whose children are top-level objects. Any other section
 * (`fencing-topology`, one this version does not know) is an object itself,
 * as show prints it: one `fencing_topology` statement, or `xml <…>`.
 */
const OBJECT_SECTIONS = new Set(['crm_config', 'nodes', 'resources', 'constraints', 'rsc_defaults', 'op_defaults', 'tags', 'acls', 'alerts']);

/** show's test: an empty `<fencing-topology/>` is no object (nothing to print); an unknown section always is. */
function sectionIsObject(s: XmlElement): boolean {
  return s.name !== 'fencing-topology' || s.children.length > 0 || Object.keys(s.attrs).length > 0;
}

/**
 * The object each XML comment between objects belongs to, for a hand-written
 * CIB that has them (`<resources><!-- web tier --><primitive id="web" …>`):
 * show prints them above that object, and loading the text puts them inside
 * it. A comment belongs to the object after it in its section. `#` lines can
 * only go above something, so a comment with no object after it in its
 * section (the end of a section) belongs to that section's last object in
 * document order: it stays with its section, above that object. A comment
 * in a section without objects, or directly under `<configuration>`, belongs
 * to the next object in the configuration, or to the last one when none
 * follows. A configuration without objects has no owner for them.
 * Each list is in document order.
 *
 * @example
 *   commentsBefore(conf).get(web) // [{ name: '#comment', text: ' web tier ' }]
 */
export function commentsBefore(conf: XmlElement): Map<XmlElement, XmlElement[]> {
  const owners = new Map<XmlElement, XmlElement[]>();
  let pending: XmlElement[] = [];
  let last: XmlElement | undefined;
  const give = (obj: XmlElement): void => {
    if (pending.length === 0) return;
    const had = owners.get(obj);
    owners.set(obj, had ? [...had, ...pending] : pending);
    pending = [];
  };
  for (const s of conf.children) {
    if (isComment(s)) pending.push(s);
    else if (!OBJECT_SECTIONS.has(s.name)) {
      if (!sectionIsObject(s)) continue;
      give(s);
      last = s;
    } else {
      let lastHere: XmlElement | undefined;
      for (const c of s.children) {
        if (isComment(c)) pending.push(c);
        else {
          give(c);
          lastHere = c;
        }
      }
      if (lastHere) {
        give(lastHere);
        last = lastHere;
      }
    }
  }
  if (last) give(last);
  return owners;
}

/**
 * An XML comment's text as the `#` lines show prints for it: one per line,
 * blank lines left out, `# ` put before a line that does not start with `#`
 * already. The first line is trimmed (it starts right after `<!--`); the
 * others lose only the indentation they share, so commented-out XML keeps its
 * shape. A `#` line gives itself back: comments that loading made of show's
 * lines read the same.
 *
 * @example
 *   commentLines(' database: ask the DBA\n     (second line) ') // ['# database: ask the DBA', '# (second line)']
 *   commentLines('### Group Configuration ###')                // ['### Group Configuration ###']
 */
export function commentLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  let indent = Infinity;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() !== '') indent = Math.min(indent, l.length - l.trimStart().length);
  }
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = i === 0 ? lines[i]!.trim() : lines[i]!.slice(indent).trimEnd();
    if (l.trim() === '') continue;
    out.push(l.startsWith('#') ? l : `# ${l}`);
  }
  return out;
}

/** An object's comments as lines (see the module doc): those between objects that belong to it, then its own. */
function ownComments(el: XmlElement, before: Map<XmlElement, XmlElement[]>): string[] {
  const out: string[] = [];
  for (const c of before.get(el) ?? []) out.push(...commentLines(c.text ?? ''));
  for (const c of el.children) if (isComment(c)) out.push(...commentLines(c.text ?? ''));
  return out;
}

function commentDifference(a: XmlElement, b: XmlElement, ba: Map<XmlElement, XmlElement[]>, bb: Map<XmlElement, XmlElement[]>, path: string): string | undefined {
  if (!ba.has(a) && !bb.has(b) && !a.children.some(isComment) && !b.children.some(isComment)) return undefined;
  const la = ownComments(a, ba);
  const lb = ownComments(b, bb);
  if (la.length === lb.length && la.every((l, i) => l === lb[i])) return undefined;
  return `${path}: comments ${JSON.stringify(la)} ≠ ${JSON.stringify(lb)}`;
}

export interface CompareOptions {
  /** role synonyms (Master/Promoted, Slave/Unpromoted, letter case) and <master> vs promotable <clone> count as differences */
  strict?: boolean;
}

/** Same element: name, attributes (any order), text, same-named children in order. */
export function sameElement(a: XmlElement, b: XmlElement, skip?: (c: XmlElement) => boolean, opts: CompareOptions = {}): boolean {
  return elementDifference(a, b, '', skip, opts) === undefined;
}

const ROLE_ATTRS = new Set(['role', 'rsc-role', 'with-rsc-role']);
const ROLE_SYNONYM: Record<string, string> = { master: 'promoted', slave: 'unpromoted' };

function canonicalRole(v: string): string {
  const l = v.toLowerCase();
  return ROLE_SYNONYM[l] ?? l;
}

function sameValue(el: XmlElement, k: string, a: string | undefined, b: string | undefined, opts: CompareOptions): boolean {
  if (a === b) return true;
  if (opts.strict || a === undefined || b === undefined) return false;
  const isRole = ROLE_ATTRS.has(k) || (el.name === 'nvpair' && k === 'value' && el.attrs.name === 'target-role');
  return isRole && canonicalRole(a) === canonicalRole(b);
}

function attrDifference(a: XmlElement, b: XmlElement, path: string, opts: CompareOptions = {}): string | undefined {
  // the usual case first, without allocating: the same values under as many names means the same attributes
  let na = 0;
  let equal = true;
  for (const k in a.attrs) {
    na++;
    if (a.attrs[k] !== b.attrs[k]) {
      equal = false;
      break;
    }
  }
  if (equal) {
    let nb = 0;
    for (const _ in b.attrs) nb++;
    if (na === nb) return undefined;
  }
  const ak = Object.keys(a.attrs);
  for (const k of ak) {
    if (!sameValue(a, k, a.attrs[k], b.attrs[k], opts)) {
      return `${path}: attribute ${k}: ${JSON.stringify(a.attrs[k])} ≠ ${b.attrs[k] === undefined ? 'absent' : JSON.stringify(b.attrs[k])}`;
    }
  }
  for (const k of Object.keys(b.attrs)) {
    if (!(k in a.attrs)) return `${path}: attribute ${k}: absent ≠ ${JSON.stringify(b.attrs[k])}`;
  }
  return undefined;
}

function groupByName(el: XmlElement, skip?: (c: XmlElement) => boolean): Map<string, XmlElement[]> {
  const m = new Map<string, XmlElement[]>();
  for (const c of el.children) {
    if (skip?.(c)) continue;
    const l = m.get(c.name);
    if (l) l.push(c);
    else m.set(c.name, [c]);
  }
  return m;
}

function label(el: XmlElement, i: number): string {
  return el.attrs.id !== undefined ? `${el.name}[@id=${el.attrs.id}]` : `${el.name}[${i + 1}]`;
}

/** The first difference between two elements as a readable path, or undefined. */
export function elementDifference(
  a: XmlElement,
  b: XmlElement,
  path = '',
  skip?: (c: XmlElement) => boolean,
  opts: CompareOptions = {},
): string | undefined {
  const d = diffRec(a, b, skip, opts);
  if (d === undefined) return undefined;
  // d is [message, innermost label, …, outermost label]
  const msg = d[0]!;
  const labels = d.slice(1).reverse();
  return `${[path === '' ? a.name : path, ...labels].join('/')}: ${msg}`;
}

/** Paths are built only on a difference: comparing is on show's hot path. */
function diffRec(a: XmlElement, b: XmlElement, skip: ((c: XmlElement) => boolean) | undefined, opts: CompareOptions): string[] | undefined {
  if (a.name !== b.name) return [`element ${a.name} ≠ ${b.name}`];
  const ad = attrDifference(a, b, '', opts);
  if (ad) return [ad.slice(2)];
  if ((a.text ?? '') !== (b.text ?? '')) return [`text ${JSON.stringify(a.text ?? '')} ≠ ${JSON.stringify(b.text ?? '')}`];
  const ac = a.children;
  const bc = b.children;
  // fast path: the same children in the same order, none of them skipped (the usual case)
  if (ac.length === bc.length) {
    let same = true;
    for (let i = 0; i < ac.length; i++) {
      if (ac[i]!.name !== bc[i]!.name || (skip !== undefined && (skip(ac[i]!) || skip(bc[i]!)))) {
        same = false;
        break;
      }
    }
    if (same) {
      for (let i = 0; i < ac.length; i++) {
        const d = diffRec(ac[i]!, bc[i]!, undefined, opts);
        if (d) {
          d.push(label(ac[i]!, i));
          return d;
        }
      }
      return undefined;
    }
  }
  const ga = groupByName(a, skip);
  const gb = groupByName(b, skip);
  for (const [name, la] of ga) {
    const lb = gb.get(name) ?? [];
    if (la.length !== lb.length) return [`${la.length} <${name}> ≠ ${lb.length}`];
    for (let i = 0; i < la.length; i++) {
      const d = diffRec(la[i]!, lb[i]!, undefined, opts);
      if (d) {
        d.push(label(la[i]!, i));
        return d;
      }
    }
  }
  for (const [name, lb] of gb) if (!ga.has(name)) return [`0 <${name}> ≠ ${lb.length}`];
  return undefined;
}

function objectKey(el: XmlElement): string {
  return `${el.name}#${el.attrs.id ?? el.attrs.uname ?? ''}`;
}

/** `ba`, `bb`: the comments between objects of each configuration (`commentsBefore`). */
function sectionDifference(
  a: XmlElement,
  b: XmlElement,
  path: string,
  opts: CompareOptions,
  ba: Map<XmlElement, XmlElement[]>,
  bb: Map<XmlElement, XmlElement[]>,
): string | undefined {
  const ad = attrDifference(a, b, path, opts);
  if (ad) return ad;
  // an object's own comments are compared with those before it, as lines (the module doc); a section
  // that is an object itself (fencing-topology) has its comments compared by the caller, its children exactly
  const objects = OBJECT_SECTIONS.has(a.name);
  const mb = new Map<string, XmlElement[]>();
  for (const c of b.children) {
    if (isComment(c)) continue;
    const k = objectKey(c);
    const l = mb.get(k);
    if (l) l.push(c);
    else mb.set(k, [c]);
  }
  for (const c of a.children) {
    if (isComment(c)) continue;
    const k = objectKey(c);
    const l = mb.get(k);
    const other = l?.shift();
    if (!other) return `${path}/${label(c, 0)}: missing in the second configuration`;
    const p = `${path}/${label(c, 0)}`;
    const d = objects ? (elementDifference(c, other, p, isComment, opts) ?? commentDifference(c, other, ba, bb, p)) : elementDifference(c, other, p, undefined, opts);
    if (d) return d;
  }
  for (const l of mb.values()) {
    const extra = l[0];
    if (extra) return `${path}/${label(extra, 0)}: missing in the first configuration`;
  }
  return undefined;
}

/**
 * `<master>` → `<clone>`, and the `promotable=true` nvpair of a clone (with a
 * meta set it leaves empty) taken out, the clone marked instead. Copies only
 * what it changes.
 */
function normalizePromotable(e: XmlElement): XmlElement {
  let kids = e.children;
  let changed = false;
  const mapped = kids.map((c) => {
    const n = normalizePromotable(c);
    if (n !== c) changed = true;
    return n;
  });
  if (changed) kids = mapped;
  if (e.name !== 'master' && e.name !== 'clone') return changed ? { ...e, children: kids } : e;
  let promotable = e.name === 'master';
  const out: XmlElement[] = [];
  for (const c of kids) {
    if (c.name !== 'meta_attributes') {
      out.push(c);
      continue;
    }
    const nvs = c.children.filter((nv) => !(nv.name === 'nvpair' && nv.attrs.name === 'promotable' && /^(true|yes|on|y|1)$/i.test(nv.attrs.value ?? '')));
    if (nvs.length === c.children.length) {
      out.push(c);
      continue;
    }
    promotable = true;
    if (nvs.length > 0) out.push({ ...c, children: nvs });
  }
  if (!promotable) return changed ? { ...e, children: kids } : e;
  return { ...e, name: 'clone', attrs: { ...e.attrs, 'promotable(normalized)': 'true' }, children: out };
}

/** The first difference between two `<configuration>` elements (see the module doc), or undefined. */
export function firstDifference(a: XmlElement, b: XmlElement, opts: CompareOptions = {}): string | undefined {
  if (!opts.strict) {
    a = normalizePromotable(a);
    b = normalizePromotable(b);
  }
  const sa = new Map(a.children.filter((c) => !isComment(c)).map((c) => [c.name, c]));
  const sb = new Map(b.children.filter((c) => !isComment(c)).map((c) => [c.name, c]));
  const ba = commentsBefore(a);
  const bb = commentsBefore(b);
  const empty = (name: string): XmlElement => ({ name, attrs: {}, children: [] });
  for (const name of new Set([...sa.keys(), ...sb.keys()])) {
    const x = sa.get(name) ?? empty(name);
    const y = sb.get(name) ?? empty(name);
    const d = sectionDifference(x, y, name, opts, ba, bb) ?? (OBJECT_SECTIONS.has(name) ? undefined : commentDifference(x, y, ba, bb, name));
    if (d) return d;
  }
  return undefined;
}

/** True when two `<configuration>` elements hold the same configuration (see the module doc). */
export function sameConfiguration(a: XmlElement, b: XmlElement, opts: CompareOptions = {}): boolean {
  return firstDifference(a, b, opts) === undefined;
}
