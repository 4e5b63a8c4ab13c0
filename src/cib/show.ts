/**
 * CIB → crm configure text: crmsh 4.4's `configure show`, but lossless.
 *
 * Objects come out in crmsh's order (by type: nodes, templates, primitives,
 * bundles, groups, ms, clones, tags, constraints, tickets and fencing,
 * properties, rsc_defaults, op_defaults, ACLs, alerts; then by id), in
 * crmsh's format: continuation ` \` + newline + tab, values quoted only when
 * needed, `ocf:heartbeat:` left out.
 *
 * Lossless: text from `showConfiguration`, loaded into an empty CIB, gives the
 * same configuration (as `sameConfiguration` in show-equal.ts defines it).
 * For that, every object is printed twice over: as text, and as the XML that
 * hash's encoder builds from that text, with the ids it generates (crmsh's id
 * scheme: `<rsc>-instance_attributes`, `<set>-<name>`, `<rsc>-<op>-<interval>`,
 * `<loc>-rule`, `<rule>-expression`, `<cons>-0` for resource sets, a `-0`,
 * `-1`, … suffix when taken). Where an id differs from the generated one and
 * the language has a place for it, show prints it: `$id=` on sets, rules and
 * ops, crmsh's `$id:name=value` on nvpairs. When the rebuilt XML still
 * differs from the CIB's (an expression or resource-set id, a nested rule,
 * an attribute the language has no word for), that object alone is printed
 * as `xml <…>`; as in crmsh, the members of a container printed as xml are
 * printed as objects of their own too, and the encoder takes those.
 * Comments: crmsh keeps the `#` lines above an object as XML comments first
 * in it, and show prints them back above it. A hand-written CIB also has XML
 * comments between objects; each belongs to an object (show-equal.ts
 * `commentsBefore`: the one after it in its section, else the section's last)
 * and is printed above it as `#` lines, so loading the text moves it inside.
 * Secrets are masked only with `obscure`, for terminals.
 *
 * @example
 *   const cib = parseXml(await readFile('cib.xml', 'utf8'));
 *   showConfiguration(cib);                         // 'node node1\nprimitive p1 Dummy \\\n\top monitor interval=10s\n...'
 *   showConfiguration(cib, { ids: ['p1'] });        // only p1
 *   showConfiguration(cib, { types: ['location'] }); // `show type:location`
 *   showXml(cib, { ids: ['p1'] });                  // '<primitive id="p1" .../>\n'
 */
import { descendants, type XmlElement } from './xml.js';
import { SUBPREFIX, allDigits } from './ids.js';
import { commentLines, commentsBefore, elementDifference } from './show-equal.js';

export interface ShowOptions {
  /** only these object ids (and, as crmsh does, nothing else) */
  ids?: string[];
  /** only these object types, crmsh's `type:primitive` etc. (primitive, group, clone, ms, location, colocation, order, property, node, tag, ...) */
  types?: string[];
  /** mask values of secret params (password, passwd, pw, secret...) with ****** — for terminals only */
  obscure?: boolean;
  /** ANSI colours like crmsh on a terminal (keywords, ids); off by default */
  color?: boolean;
  /**
   * false: objects of one kind in the order the CIB has them, not sorted by id
   * (crmsh's `sort-elements no`). Kinds always come in crmsh's order, which is
   * also an order the text loads back in.
   */
  sortById?: boolean;
}

/** A top-level object of the configuration as show sees it. */
interface ShowObject {
  el: XmlElement;
  /** crmsh's object type: node, primitive, rsc_template, group, clone, ms, bundle, location, ... */
  type: string;
  id: string;
  /** the container (group, clone, ms, bundle) this resource sits in */
  parent?: ShowObject;
  /** section element to wrap an `xml` fallback in, where the element alone does not say where it goes */
  wrapper?: string;
  /** the XML comments between objects that belong to this one (show-equal.ts `commentsBefore`), printed above it */
  before?: XmlElement[];
}

// crmsh's processing order: lower first; objects of one rank are sorted by id.
const RANK: Record<string, number> = {
  node: 0,
  rsc_template: 1,
  primitive: 2,
  bundle: 3,
  group: 4,
  ms: 5,
  clone: 6,
  tag: 8,
  location: 9,
  colocation: 9,
  order: 9,
  rsc_ticket: 10,
  fencing_topology: 10,
  property: 11,
  rsc_defaults: 12,
  op_defaults: 13,
  role: 14,
  acl_target: 15,
  acl_group: 15,
  user: 15,
  alert: 16,
};
const RANK_LAST = 1000;

const RESOURCE_TYPE: Record<string, string> = {
  primitive: 'primitive',
  template: 'rsc_template',
  group: 'group',
  clone: 'clone',
  master: 'ms',
  bundle: 'bundle',
};
const CONSTRAINT_TYPE: Record<string, string> = {
  rsc_location: 'location',
  rsc_colocation: 'colocation',
  rsc_order: 'order',
  rsc_ticket: 'rsc_ticket',
};
const ACL_TYPE: Record<string, string> = { acl_role: 'role', acl_target: 'acl_target', acl_group: 'acl_group', acl_user: 'user' };
const RESOURCE_TAGS = new Set(Object.keys(RESOURCE_TYPE));
/** how src/cib/xml.ts names an XML comment node (its text in `text`) */
const COMMENT = '#comment';

function collect(cib: XmlElement): ShowObject[] {
  const conf = cib.name === 'configuration' ? cib : cib.children.find((c) => c.name === 'configuration');
  if (!conf) return [];
  const out: ShowObject[] = [];
  const addResource = (el: XmlElement, parent?: ShowObject): void => {
    const type = RESOURCE_TYPE[el.name];
    if (type === undefined) return;
    const o: ShowObject = { el, type, id: el.attrs.id ?? '', ...(parent ? { parent } : {}) };
    out.push(o);
    for (const c of el.children) if (RESOURCE_TAGS.has(c.name)) addResource(c, o);
  };
  for (const section of conf.children) {
    if (section.name === COMMENT) continue;
    const kids = section.children.filter((c) => c.name !== COMMENT);
    switch (section.name) {
      case 'nodes':
        for (const n of kids) {
          if (n.name === 'node') out.push({ el: n, type: 'node', id: n.attrs.id ?? n.attrs.uname ?? '' });
          else out.push({ el: n, type: 'xml', id: n.attrs.id ?? '', wrapper: 'nodes' });
        }
        break;
      case 'resources':
        for (const r of kids) {
          if (RESOURCE_TAGS.has(r.name)) addResource(r);
          else out.push({ el: r, type: 'xml', id: r.attrs.id ?? '', wrapper: 'resources' });
        }
        break;
      case 'constraints':
        for (const c of kids) {
          out.push({ el: c, type: CONSTRAINT_TYPE[c.name] ?? 'xml', id: c.attrs.id ?? '', ...(CONSTRAINT_TYPE[c.name] ? {} : { wrapper: 'constraints' }) });
        }
        break;
      case 'crm_config':
        for (const s of kids) {
          if (s.name === 'cluster_property_set') out.push({ el: s, type: 'property', id: s.attrs.id ?? '' });
          else out.push({ el: s, type: 'xml', id: s.attrs.id ?? '', wrapper: 'crm_config' });
        }
        break;
      case 'rsc_defaults':
      case 'op_defaults':
        for (const s of kids) {
          out.push({ el: s, type: s.name === 'meta_attributes' ? section.name : 'xml', id: s.attrs.id ?? '', wrapper: section.name });
        }
        break;
      case 'fencing-topology':
        if (section.children.length > 0 || Object.keys(section.attrs).length > 0) {
          out.push({ el: section, type: 'fencing_topology', id: 'fencing_topology' });
        }
        break;
      case 'tags':
        for (const t of kids) out.push({ el: t, type: t.name === 'tag' ? 'tag' : 'xml', id: t.attrs.id ?? '', wrapper: 'tags' });
        break;
      case 'acls':
        for (const a of kids) out.push({ el: a, type: ACL_TYPE[a.name] ?? 'xml', id: a.attrs.id ?? '', wrapper: 'acls' });
        break;
      case 'alerts':
        for (const a of kids) out.push({ el: a, type: a.name === 'alert' ? 'alert' : 'xml', id: a.attrs.id ?? '', wrapper: 'alerts' });
        break;
      default:
        // a section this version does not know: keep it whole
        out.push({ el: section, type: 'xml', id: section.attrs.id ?? section.name });
    }
  }
  // A hand-written CIB has comments between objects too: they go with an object, as crmsh's `#` lines do.
  const before = commentsBefore(conf);
  if (before.size > 0) {
    for (const o of out) {
      const b = before.get(o.el);
      if (b) o.before = b;
    }
  }
  return out;
}

function sortObjects(objs: ShowObject[], byId = true): ShowObject[] {
  const rank = (o: ShowObject): number => RANK[o.type] ?? RANK_LAST;
  const id = (a: ShowObject, b: ShowObject): number => (!byId ? 0 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return objs
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || id(a.o, b.o) || a.i - b.i)
    .map((x) => x.o);
}

// ---------------------------------------------------------------------------
// formatting

const ANSI = { keyword: '33', attrName: '36', attrValue: '31', ref: '32', score: '35', reset: '0' } as const;

/** Python's `\w` plus `.` and `-`: crmsh prints such values without quotes. */
const NOQUOTES = /^[\p{L}\p{N}\p{Mn}\p{Pc}.-]+$/u;
const NOQUOTES_ASCII = /^[A-Za-z0-9_.-]+$/;
const NON_ASCII = /[^\x00-\x7f]/;
export function noQuotes(v: string): boolean {
  // for ASCII the two agree: the Unicode classes are only worth asking about other characters
  return NOQUOTES_ASCII.test(v) || (NON_ASCII.test(v) && NOQUOTES.test(v));
}

/**
 * crmsh's quoting: bare when safe, else double quotes with `"` escaped. The
 * lexers (crmsh's and ours) also read `\\` as one backslash, so a backslash
 * before `\\`, `"` or the closing quote is doubled; any other backslash is
 * left as crmsh leaves it (`"^amq\."`).
 */
export function quoteValue(v: string): string {
  if (noQuotes(v)) return v;
  return `"${v.replace(/\\(?=[\\"]|$)/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A word the parser reads back as one token without quotes. */
const SAFE_TOKEN = /^[^\s"'\\{}()[\]=]+$/;

const SECRET = /(passw|secret|^pw$|_pw$|^pass$|token|credential|private.?key)/i;

class Fmt {
  constructor(
    readonly color: boolean,
    readonly obscure: boolean,
  ) {}
  private c(code: string, s: string): string {
    return this.color && s !== '' ? `\x1b[${code}m${s}\x1b[${ANSI.reset}m` : s;
  }
  kw(s: string): string {
    return this.c(ANSI.keyword, s);
  }
  ident(s: string): string {
    return s;
  }
  ref(s: string): string {
    return this.c(ANSI.ref, s);
  }
  score(s: string): string {
    return this.c(ANSI.score, s);
  }
  name(s: string): string {
    return this.c(ANSI.attrName, s);
  }
  value(s: string): string {
    return this.c(ANSI.attrValue, s);
  }
  /** `name=value` with crmsh's quoting; a bare `name` when value is undefined. */
  pair(n: string, v: string | undefined, secretCheck = false): string {
    if (v === undefined) return this.name(n);
    const shown = secretCheck && this.obscure && SECRET.test(n) ? '******' : v;
    return `${this.name(n)}=${this.value(quoteValue(shown))}`;
  }
}

// ---------------------------------------------------------------------------
// ids: crmsh's scheme, as hash's encoder reproduces it


/** Reasons an object could not be printed in the language (for tests and debugging). */
class Unsupported extends Error {}

/** Per-object state: the ids this object has taken so far, and the ids of the whole CIB. */
class Ctx {
  readonly used = new Set<string>();
  constructor(
    readonly f: Fmt,
    readonly idCount: Map<string, number>,
    /** unames of the CIB's nodes (fencing_topology's short form expands to them) */
    readonly nodeNames: string[] = [],
  ) {}

  fail(why: string): never {
    throw new Unsupported(why);
  }

  /** Ready for the next object, none of whose ids are taken yet (one Ctx serves a whole show: a Set per object is garbage). */
  next(): this {
    this.used.clear();
    return this;
  }

  /** The id the encoder generates for `tag` under `pfx` (crmsh's idmgmt.new). */
  candidate(tag: string, pfx: string, name?: string, interval?: string): string {
    if (tag !== 'node' && allDigits(pfx)) pfx = `num-${pfx}`;
    let id: string;
    if (tag === 'nvpair') id = `${pfx}-${name ?? ''}`;
    else if (tag === 'op') id = interval ? `${pfx}-${name ?? ''}-${interval}` : `${pfx}-${name ?? ''}`;
    else {
      const sub = SUBPREFIX[tag];
      id = sub ? `${pfx}-${sub}` : pfx;
    }
    if (this.used.has(id)) {
      for (let i = 0; i < 99; i++) {
        const t = `${id}-${i}`;
        if (!this.used.has(t)) return t;
      }
    }
    return id;
  }

  /**
   * Decide the id of `el`: the generated one when the CIB has exactly that
   * (and nobody else has it), else the CIB's, printed explicitly if `explicit`
   * is allowed here. Returns the id and whether to print it.
   */
  id(el: XmlElement, tag: string, pfx: string, explicit: boolean, name?: string, interval?: string): { id: string; print: boolean } {
    const cand = this.candidate(tag, pfx, name, interval);
    const actual = el.attrs.id;
    if (actual === cand && (this.idCount.get(cand) ?? 0) <= 1) {
      this.used.add(cand);
      return { id: cand, print: false };
    }
    if (actual !== undefined && explicit) {
      this.used.add(actual);
      return { id: actual, print: true };
    }
    if (actual === undefined) this.fail(`<${tag}> without id`);
    this.fail(`<${tag} id="${actual}"> is not the generated id ${cand}`);
  }

  token(s: string | undefined, what: string): string {
    if (s === undefined || !SAFE_TOKEN.test(s)) this.fail(`${what} ${JSON.stringify(s)} is not a plain word`);
    return s;
  }

  /** a resource reference: a plain word without `:` (which would start a role or action) */
  ref(s: string | undefined, what: string): string {
    const r = this.token(s, what);
    if (r.includes(':')) this.fail(`${what} ${r} has a colon`);
    return r;
  }

  /** values must survive the line-based lexer: no newlines */
  value(s: string, what: string): string {
    if (/[\n\r]/.test(s)) this.fail(`${what} has a newline`);
    return s;
  }
}

function el(name: string, attrs: Record<string, string | undefined> = {}, children: XmlElement[] = []): XmlElement {
  const a: Record<string, string> = {};
  for (const k in attrs) {
    const v = attrs[k];
    if (v !== undefined) a[k] = v;
  }
  return { name, attrs: a, children };
}

/** Score as crmsh prints it: INFINITY → inf. */
function cliScore(s: string): string {
  return s.replace(/INFINITY/g, 'inf');
}

/** The score attributes the encoder writes for a printed score word. */
function scoreAttrs(s: string): Record<string, string> {
  const lower = s.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return { score: 'INFINITY' };
  if (lower === '+inf' || lower === '+infinity') return { score: '+INFINITY' };
  if (lower === '-inf' || lower === '-infinity') return { score: '-INFINITY' };
  if (/^[-+]?\d+$/.test(s)) return { score: s };
  return { 'score-attribute': s };
}

interface Rendered {
  text: string;
  xml: XmlElement;
}

// ---------------------------------------------------------------------------
// rules

function renderExpression(x: XmlElement, pfx: string, ctx: Ctx): Rendered {
  const { f } = ctx;
  if (x.name === 'expression') {
    const { id } = ctx.id(x, 'expression', pfx, false);
    const op = x.attrs.operation ?? '';
    const attr = ctx.token(x.attrs.attribute, 'expression attribute');
    if (op === 'defined' || op === 'not_defined') {
      return { text: `${f.kw(op)} ${attr}`, xml: el('expression', { operation: op, attribute: attr, id }) };
    }
    if (!['lt', 'gt', 'lte', 'gte', 'eq', 'ne'].includes(op)) ctx.fail(`expression operation ${op}`);
    const value = ctx.value(x.attrs.value ?? '', 'expression value');
    if (x.attrs.value === undefined) ctx.fail('binary expression without value');
    const type = x.attrs.type;
    if (type !== undefined) ctx.token(type, 'expression type');
    const src = x.attrs['value-source'];
    const opText = type !== undefined ? `${type}:${f.kw(op)}` : f.kw(op);
    let valText = quoteValue(value);
    if (src !== undefined) {
      // `source{value}`, as crmsh reads it; an explicit `literal` too (crmsh prints it bare and loses it)
      ctx.token(src, 'value-source');
      valText = `${src}{${value}}`;
      if (!/^[^\s{}"]+$/.test(value)) ctx.fail('value-source value');
    } else if (/^[^\s{}]+\{\S+\}$/.test(value)) {
      // a plain value shaped like `source{value}` would load back as a value-source: no crm syntax for it
      ctx.fail('a rule value that reads as source{value}');
    }
    return {
      text: `${attr} ${opText} ${valText}`,
      xml: el('expression', { operation: op, attribute: attr, type, value, 'value-source': src, id }),
    };
  }
  if (x.name === 'date_expression') {
    const { id } = ctx.id(x, 'date_expression', pfx, false);
    const op = x.attrs.operation ?? 'in_range';
    const parts = [f.kw('date')];
    const attrs: Record<string, string | undefined> = { operation: op };
    const kids: XmlElement[] = [];
    if (op === 'gt' || op === 'lt') {
      const key = op === 'lt' ? 'end' : 'start';
      const v = x.attrs[key];
      if (v === undefined) ctx.fail(`date ${op} without ${key}`);
      parts.push(f.kw(op), f.value(quoteValue(ctx.value(v, 'date'))));
      attrs[key] = v;
    } else if (op === 'in_range' || op === 'date_spec') {
      parts.push(f.kw(op === 'in_range' ? 'in' : 'spec'));
      if (op === 'in_range') {
        for (const k of ['start', 'end']) {
          const v = x.attrs[k];
          if (v !== undefined) {
            parts.push(f.pair(k, ctx.value(v, 'date')));
            attrs[k] = v;
          }
        }
      }
      for (const c of x.children) {
        if ((op === 'in_range' && c.name === 'duration') || (op === 'date_spec' && c.name === 'date_spec')) {
          const cid = ctx.id(c, c.name, id, false).id;
          const ca: Record<string, string> = {};
          for (const [k, v] of Object.entries(c.attrs)) {
            if (k === 'id') continue;
            ctx.token(k, 'date field');
            parts.push(f.pair(k, ctx.value(v, 'date field')));
            ca[k] = v;
          }
          kids.push(el(c.name, { ...ca, id: cid }));
        } else ctx.fail(`<${c.name}> in date_expression`);
      }
    } else ctx.fail(`date operation ${op}`);
    attrs.id = id;
    return { text: parts.join(' '), xml: el('date_expression', attrs, kids) };
  }
  ctx.fail(`<${x.name}> in a rule`);
}

function renderRule(r: XmlElement, pfx: string, ctx: Ctx): Rendered {
  const { f } = ctx;
  const idref = r.attrs['id-ref'];
  if (idref !== undefined) {
    return { text: `${f.kw('rule')} ${f.pair('$id-ref', ctx.token(idref, 'rule id-ref'))}`, xml: el('rule', { 'id-ref': idref }) };
  }
  const parts = [f.kw('rule')];
  const { id, print } = ctx.id(r, 'rule', pfx, true);
  if (print) parts.push(f.pair('$id', ctx.token(id, 'rule id')));
  const attrs: Record<string, string | undefined> = {};
  const role = r.attrs.role;
  if (role !== undefined) {
    parts.push(f.pair('$role', ctx.token(role, 'role')));
    attrs.role = role;
  }
  const score = r.attrs.score ?? r.attrs['score-attribute'];
  if (score !== undefined && score !== 'INFINITY') {
    const s = ctx.token(cliScore(score), 'score');
    if (s.endsWith(':')) ctx.fail('score ends with a colon');
    parts.push(`${f.score(s)}:`);
    Object.assign(attrs, scoreAttrs(s));
  } else attrs.score = 'INFINITY';
  const exprs = r.children.map((c) => renderExpression(c, id, ctx));
  if (exprs.length === 0) ctx.fail('rule without expressions');
  const bool = r.attrs['boolean-op'] ?? 'and';
  if (bool !== 'and' && bool !== 'or') ctx.fail(`boolean-op ${bool}`);
  if (bool === 'or' && exprs.length > 1) attrs['boolean-op'] = 'or';
  parts.push(exprs.map((e) => e.text).join(` ${f.kw(bool)} `));
  attrs.id = id;
  return { text: parts.join(' '), xml: el('rule', attrs, exprs.map((e) => e.xml)) };
}

// ---------------------------------------------------------------------------
// attribute sets

function renderNvpair(nv: XmlElement, pfx: string, ctx: Ctx): Rendered {
  if (nv.name !== 'nvpair') ctx.fail(`<${nv.name}> in an attribute set`);
  const idref = nv.attrs['id-ref'];
  if (idref !== undefined) {
    return { text: `@${ctx.token(idref, 'nvpair id-ref')}`, xml: el('nvpair', { 'id-ref': idref }) };
  }
  const name = ctx.token(nv.attrs.name, 'nvpair name');
  if (/^[$@#]/.test(name)) ctx.fail(`nvpair name ${name}`);
  // an id the encoder would not make is printed crmsh's way, `$id:name=value`
  const { id, print } = ctx.id(nv, 'nvpair', pfx, true, name);
  const value = nv.attrs.value;
  if (value !== undefined) ctx.value(value, `value of ${name}`);
  let text = ctx.f.pair(name, value, true);
  if (print) {
    if (id.includes(':')) ctx.fail(`nvpair id ${id} has a colon`);
    // the grammar reads `$id:name` without a value as a bare name
    if (value === undefined) ctx.fail(`<nvpair id="${id}"> without value is not the generated id`);
    text = `$${ctx.token(id, 'nvpair id')}:${text}`;
  }
  return { text, xml: el('nvpair', { name, value, id }) };
}

/**
 * `keyword [$id=x] [score:] [rule ...] a=1 b=2` for instance_attributes,
 * meta_attributes, utilization (as params/meta/utilization/attributes/op_params/op_meta).
 */
function renderSet(set: XmlElement, keyword: string, pfx: string, ctx: Ctx): Rendered {
  const { f } = ctx;
  const idref = set.attrs['id-ref'];
  if (idref !== undefined) {
    return { text: `${f.kw(keyword)} ${f.pair('$id-ref', ctx.token(idref, 'id-ref'))}`, xml: el(set.name, { 'id-ref': idref }) };
  }
  const parts = [f.kw(keyword)];
  const { id, print } = ctx.id(set, set.name, pfx, true);
  if (print) parts.push(f.pair('$id', ctx.token(id, 'set id')));
  const score = set.attrs.score;
  if (score !== undefined) parts.push(`${f.score(ctx.token(score, 'set score'))}:`);
  const kids: XmlElement[] = [];
  for (const r of set.children) {
    if (r.name !== 'rule') continue;
    const rr = renderRule(r, id, ctx);
    parts.push(rr.text);
    kids.push(rr.xml);
  }
  for (const nv of set.children) {
    if (nv.name === 'rule') continue;
    const rn = renderNvpair(nv, id, ctx);
    parts.push(rn.text);
    kids.push(rn.xml);
  }
  return { text: parts.join(' '), xml: el(set.name, { id, score }, kids) };
}

// ---------------------------------------------------------------------------
// objects

/** Continuation format: head and parts joined by ` \` newline tab. */
function cli(parts: string[]): string {
  return parts.join(' \\\n\t');
}

const NODE_SETS: Record<string, string> = { instance_attributes: 'attributes', utilization: 'utilization' };
const PRIMITIVE_SETS: Record<string, string> = { instance_attributes: 'params', meta_attributes: 'meta', utilization: 'utilization' };
const CONTAINER_SETS: Record<string, string> = { instance_attributes: 'params', meta_attributes: 'meta' };
const OP_SETS: Record<string, string> = { instance_attributes: 'op_params', meta_attributes: 'op_meta' };
const ALERT_SETS: Record<string, string> = { instance_attributes: 'attributes', meta_attributes: 'meta' };

/** Attributes of `<op>` that the parser keeps on the op (others it moves into op_params). */
const OP_ATTRS = new Set([
  'id',
  'name',
  'interval',
  'description',
  'start-delay',
  'interval-origin',
  'timeout',
  'enabled',
  'record-pending',
  'role',
  'requires',
  'on-fail',
]);

function description(o: XmlElement, parts: string[], ctx: Ctx): string | undefined {
  const d = o.attrs.description;
  if (d !== undefined) parts.push(ctx.f.pair('description', ctx.value(d, 'description')));
  return d;
}

const NODE_TYPES = new Set(['normal', 'member', 'ping', 'remote']);
const NODE_WORDS = new Set(['attributes', 'utilization', 'description', 'rule', 'and', 'or', 'node']);
/** words that end a container's member list */
const CONTAINER_WORDS = new Set(['params', 'meta', 'description']);

function renderNode(n: XmlElement, ctx: Ctx): Rendered {
  const { f } = ctx;
  const uname = ctx.token(n.attrs.uname, 'node uname');
  if (uname.includes(':')) ctx.fail('uname with a colon');
  // the parser would take these for the words of the node statement
  if (NODE_WORDS.has(uname.toLowerCase())) ctx.fail(`node named ${uname}`);
  const id = n.attrs.id ?? uname;
  ctx.used.add(id);
  let head = f.kw('node');
  if (id !== uname) head += noQuotes(id) ? ` ${f.ident(id)}:` : ` ${f.pair('$id', ctx.token(id, 'node id'))}`;
  head += ` ${f.ident(uname)}`;
  const type = n.attrs.type;
  // crmsh leaves out type=normal; then the encoder would leave it out too, so print it
  if (type !== undefined) {
    if (!NODE_TYPES.has(type)) ctx.fail(`node type ${type}`);
    head += `:${type}`;
  }
  const parts = [head];
  const desc = description(n, parts, ctx);
  const kids: XmlElement[] = [];
  for (const c of n.children) {
    const kw = NODE_SETS[c.name];
    if (!kw) ctx.fail(`<${c.name}> in a node`);
    const r = renderSet(c, kw, uname, ctx);
    parts.push(r.text);
    kids.push(r.xml);
  }
  return { text: cli(parts), xml: el('node', { id, uname, type, description: desc }, kids) };
}

function agentOf(p: XmlElement, ctx: Ctx): { text: string; attrs: Record<string, string | undefined> } {
  const type = ctx.token(p.attrs.type, 'agent type');
  const cls = p.attrs.class;
  const prov = p.attrs.provider;
  if (cls !== undefined) ctx.token(cls, 'agent class');
  if (prov !== undefined) ctx.token(prov, 'agent provider');
  if (cls === undefined) ctx.fail('primitive without class');
  // crmsh: ocf:heartbeat:X prints as X, and a bare X reads back as ocf:heartbeat:X
  if (type.includes(':') || cls.includes(':') || prov?.includes(':')) ctx.fail('agent with a colon in a name');
  // `@x` would read back as a template, `$x` as an id
  if (/^[@$#]/.test(type) || /^[@$#]/.test(cls)) ctx.fail(`agent ${cls}:${type}`);
  if (cls === 'ocf' && prov === 'heartbeat' && !/^(params|meta|utilization|op|operations|op_params|op_meta|description)$/i.test(type)) {
    return { text: type, attrs: { class: 'ocf', provider: 'heartbeat', type } };
  }
  if (cls === 'ocf' && prov === undefined) ctx.fail('ocf agent without provider');
  return { text: [cls, prov, type].filter((x) => x !== undefined).join(':'), attrs: { class: cls, provider: prov, type } };
}

function renderOp(op: XmlElement, pfx: string, ctx: Ctx): { parts: string[]; xml: XmlElement } {
  const { f } = ctx;
  if (op.name !== 'op') ctx.fail(`<${op.name}> in operations`);
  const name = ctx.token(op.attrs.name, 'op name');
  let head = `${f.kw('op')} ${name}`;
  const attrs: Record<string, string | undefined> = { name };
  for (const k in op.attrs) {
    if (k === 'id' || k === 'name') continue;
    const v = op.attrs[k]!;
    if (!OP_ATTRS.has(k)) ctx.fail(`op attribute ${k}`);
    head += ` ${f.pair(k, ctx.value(v, `op ${k}`))}`;
    attrs[k] = v;
  }
  // the parser adds interval=0 when none is written
  if (attrs.interval === undefined) attrs.interval = '0';
  const { id, print } = ctx.id(op, 'op', pfx, true, name, attrs.interval);
  if (print) head += ` ${f.pair('$id', ctx.token(id, 'op id'))}`;
  attrs.id = id;
  const parts = [head];
  const kids: XmlElement[] = [];
  for (const c of op.children) {
    const kw = OP_SETS[c.name];
    if (!kw) ctx.fail(`<${c.name}> in an op`);
    const r = renderSet(c, kw, id, ctx);
    parts.push(r.text);
    kids.push(r.xml);
  }
  return { parts, xml: el('op', attrs, kids) };
}

function renderPrimitive(p: XmlElement, type: 'primitive' | 'rsc_template', ctx: Ctx): Rendered {
  const { f } = ctx;
  const id = ctx.token(p.attrs.id, 'resource id');
  ctx.used.add(id);
  const attrs: Record<string, string | undefined> = { id };
  let spec: string;
  const tpl = type === 'primitive' ? p.attrs.template : undefined;
  if (tpl !== undefined) {
    spec = `@${f.ref(ctx.token(tpl, 'template'))}`;
    attrs.template = tpl;
  } else {
    const a = agentOf(p, ctx);
    spec = a.text;
    Object.assign(attrs, a.attrs);
  }
  const parts = [`${f.kw(type)} ${f.ident(id)} ${spec}`];
  attrs.description = description(p, parts, ctx);
  const kids: XmlElement[] = [];
  for (const c of p.children) {
    if (c.name === 'operations') {
      const oattrs: Record<string, string | undefined> = {};
      const head: string[] = [];
      if (c.attrs.id !== undefined) {
        head.push(f.pair('$id', ctx.token(c.attrs.id, 'operations id')));
        oattrs.id = c.attrs.id;
        ctx.used.add(c.attrs.id);
      }
      if (c.attrs['id-ref'] !== undefined) {
        // crmsh prints two spaces here when there is no $id; kept, so texts compare equal
        if (head.length === 0) head.push('');
        head.push(f.pair('$id-ref', ctx.token(c.attrs['id-ref'], 'operations id-ref')));
        oattrs['id-ref'] = c.attrs['id-ref'];
      }
      if (head.length > 0) parts.push(`${f.kw('operations')} ${head.join(' ')}`);
      const printedHead = head.some((h) => h !== '');
      const opPfx = c.attrs.id ?? id;
      const ops: XmlElement[] = [];
      for (const op of c.children) {
        const r = renderOp(op, opPfx, ctx);
        parts.push(...r.parts);
        ops.push(r.xml);
      }
      if (ops.length === 0 && !printedHead) ctx.fail('empty <operations>');
      kids.push(el('operations', oattrs, ops));
      continue;
    }
    const kw = PRIMITIVE_SETS[c.name];
    if (!kw) ctx.fail(`<${c.name}> in a primitive`);
    const r = renderSet(c, kw, id, ctx);
    parts.push(r.text);
    kids.push(r.xml);
  }
  return { text: cli(parts), xml: el(type === 'rsc_template' ? 'template' : 'primitive', attrs, kids) };
}

function renderContainer(g: XmlElement, type: string, ctx: Ctx): Rendered {
  const { f } = ctx;
  const id = ctx.token(g.attrs.id, 'resource id');
  ctx.used.add(id);
  const members: string[] = [];
  for (const c of g.children) {
    if (!RESOURCE_TAGS.has(c.name)) continue;
    if (type === 'group' && c.name !== 'primitive') ctx.fail(`<${c.name}> in a group`);
    const m = ctx.ref(c.attrs.id, 'member id');
    if (CONTAINER_WORDS.has(m.toLowerCase())) ctx.fail(`member named ${m}`);
    members.push(f.ref(m));
  }
  if (members.length === 0) ctx.fail(`${type} without members`);
  if (type !== 'group' && members.length !== 1) ctx.fail(`${type} with ${members.length} children`);
  const parts = [`${f.kw(type)} ${f.ident(id)} ${members.join(' ')}`];
  const desc = description(g, parts, ctx);
  const kids: XmlElement[] = [];
  for (const c of g.children) {
    if (RESOURCE_TAGS.has(c.name)) continue;
    const kw = CONTAINER_SETS[c.name];
    if (!kw) ctx.fail(`<${c.name}> in a ${type}`);
    const r = renderSet(c, kw, id, ctx);
    parts.push(r.text);
    kids.push(r.xml);
  }
  // an old <master> prints as `ms`, as crmsh prints it; hash's encoder makes a
  // promotable <clone> of it, which show-equal.ts counts as the same
  return { text: cli(parts), xml: el(g.name, { id, description: desc }, kids) };
}

const BUNDLE_RUNTIMES = new Set(['docker', 'podman', 'rkt']);

function renderBundle(b: XmlElement, ctx: Ctx): Rendered {
  const { f } = ctx;
  const id = ctx.token(b.attrs.id, 'bundle id');
  ctx.used.add(id);
  const parts = [`${f.kw('bundle')} ${f.ident(id)}`];
  const desc = description(b, parts, ctx);
  const kids: XmlElement[] = [];
  const sets: string[] = [];
  let inner: string | undefined;
  const pairs = (e: XmlElement): string[] =>
    Object.entries(e.attrs).map(([k, v]) => {
      ctx.token(k, 'bundle option');
      return f.pair(k, ctx.value(v, `bundle ${k}`));
    });
  for (const c of b.children) {
    if (BUNDLE_RUNTIMES.has(c.name)) {
      if (c.children.length > 0) ctx.fail(`children in <${c.name}>`);
      parts.push([f.kw(c.name), ...pairs(c)].join(' '));
      kids.push(el(c.name, { ...c.attrs }));
    } else if (c.name === 'network' || c.name === 'storage') {
      const words = [f.kw(c.name)];
      if (c.name === 'network') words.push(...pairs(c));
      else if (Object.keys(c.attrs).length > 0) ctx.fail('attributes on <storage>');
      const maps: XmlElement[] = [];
      const mapName = c.name === 'network' ? 'port-mapping' : 'storage-mapping';
      for (const m of c.children) {
        if (m.name !== mapName || m.children.length > 0) ctx.fail(`<${m.name}> in <${c.name}>`);
        // crmsh prints the mapping's id among its options; the parser keeps it
        if (m.attrs.id === undefined) ctx.fail(`<${m.name}> without id`);
        ctx.used.add(m.attrs.id);
        words.push(f.kw(mapName), ...pairs(m));
        maps.push(el(m.name, { ...m.attrs }));
      }
      parts.push(words.join(' '));
      kids.push(el(c.name, c.name === 'network' ? { ...c.attrs } : {}, maps));
    } else if (c.name === 'primitive') {
      // crmsh prints the bundle's primitive last, wherever it sits
      inner = `${f.kw('primitive')} ${f.ref(ctx.ref(c.attrs.id, 'bundle primitive'))}`;
    } else {
      const kw = CONTAINER_SETS[c.name];
      if (!kw) ctx.fail(`<${c.name}> in a bundle`);
      const r = renderSet(c, kw, id, ctx);
      sets.push(r.text);
      kids.push(r.xml);
    }
  }
  // sets after the container's parts, wherever they sit: where the encoder puts them, so a
  // loaded bundle prints the same again (and where crmsh prints them)
  parts.push(...sets);
  if (inner !== undefined) parts.push(inner);
  return { text: cli(parts), xml: el('bundle', { id, description: desc }, kids) };
}

// --- constraints ---------------------------------------------------------------

interface SetToken {
  rsc: string;
  suffix?: string;
}
type Item = { kind: 'rsc'; tok: SetToken } | { kind: 'open'; bracket: '(' | '[' } | { kind: 'close'; bracket: ')' | ']'; options: [string, string][] };

/**
 * Resource sets → crm words (crmsh's rsc_set_constraint), and the sets the
 * parser makes of those words again.
 */
function renderSets(c: XmlElement, kind: string, pfx: string, ctx: Ctx): { words: string[]; xml: XmlElement[] } {
  const { f } = ctx;
  const items: Item[] = [];
  const suffixAttr = kind === 'order' ? 'action' : 'role';
  for (const s of c.children) {
    if (s.name !== 'resource_set') continue;
    const seq = s.attrs.sequential;
    const req = s.attrs['require-all'];
    const isFalse = (v: string | undefined): boolean => v !== undefined && /^(false|no|off|n|0)$/i.test(v);
    const suffix = s.attrs[suffixAttr];
    if (suffix !== undefined) ctx.token(suffix, `set ${suffixAttr}`);
    let close: Item | undefined;
    if (isFalse(req)) {
      items.push({ kind: 'open', bracket: '[' });
      close = { kind: 'close', bracket: ']', options: isFalse(seq) ? [] : [['sequential', 'true']] };
    } else if (isFalse(seq)) {
      items.push({ kind: 'open', bracket: '(' });
      close = { kind: 'close', bracket: ')', options: [] };
    }
    const refs = s.children.filter((r) => r.name === 'resource_ref');
    if (refs.length === 0) ctx.fail('empty resource set');
    for (const r of refs) items.push({ kind: 'rsc', tok: { rsc: ctx.ref(r.attrs.id, 'resource ref'), ...(suffix !== undefined ? { suffix } : {}) } });
    if (close) items.push(close);
  }
  const count = items.filter((i) => i.kind === 'rsc').length;
  const bracketed = items.some((i) => i.kind === 'open');
  const words: string[] = [];
  // two bare resources (one for a ticket) read back as the simple form: crmsh marks such sets
  const degenerate = kind !== 'location' && !bracketed && count <= (kind === 'rsc_ticket' ? 1 : 2);
  if (degenerate) words.push('_rsc_set_');
  for (const i of items) {
    if (i.kind === 'open') words.push(i.bracket);
    else if (i.kind === 'close') {
      for (const [k, v] of i.options) words.push(f.pair(k, v));
      words.push(i.bracket);
    } else words.push(i.tok.suffix !== undefined ? `${f.ref(i.tok.rsc)}:${i.tok.suffix}` : f.ref(i.tok.rsc));
  }
  // what the parser makes of the words: bracketed groups are sets; runs of
  // bare resources are sets, split where the role/action changes
  const sets: { attrs: Record<string, string | undefined>; refs: string[] }[] = [];
  let open: { attrs: Record<string, string | undefined>; refs: string[] } | undefined;
  let bare: { attrs: Record<string, string | undefined>; refs: string[]; suffix?: string } | undefined;
  for (const i of items) {
    if (i.kind === 'open') {
      bare = undefined;
      open = { attrs: i.bracket === '[' ? { 'require-all': 'false' } : { sequential: 'false' }, refs: [] };
      sets.push(open);
    } else if (i.kind === 'close') {
      if (open && i.bracket === ']' && !i.options.some(([k]) => k === 'sequential')) open.attrs.sequential = 'false';
      open = undefined;
    } else if (open) {
      open.refs.push(i.tok.rsc);
      if (i.tok.suffix !== undefined) open.attrs[suffixAttr] = i.tok.suffix;
    } else {
      if (!bare || bare.suffix !== i.tok.suffix) {
        bare = { attrs: { [suffixAttr]: i.tok.suffix }, refs: [], ...(i.tok.suffix !== undefined ? { suffix: i.tok.suffix } : {}) };
        sets.push(bare);
      }
      bare.refs.push(i.tok.rsc);
    }
  }
  const xml = sets.map((s) => {
    const setEl = c.children.filter((x) => x.name === 'resource_set')[sets.indexOf(s)];
    const { id } = setEl ? ctx.id(setEl, 'resource_set', pfx, false) : { id: ctx.candidate('resource_set', pfx) };
    ctx.used.add(id);
    return el('resource_set', { ...s.attrs, id }, s.refs.map((r) => el('resource_ref', { id: r })));
  });
  return { words, xml };
}

function hasSets(c: XmlElement): boolean {
  return c.children.some((x) => x.name === 'resource_set');
}

/** A constraint's resource and its role or action suffix (`web:Started`), copied into `attrs` for the self-check. */
function rscRole(c: XmlElement, rscAttr: string, suffixAttr: string, suffixWhat: string, ctx: Ctx, attrs: Record<string, string | undefined>): string {
  const rsc = ctx.ref(c.attrs[rscAttr], rscAttr);
  attrs[rscAttr] = rsc;
  const suffix = c.attrs[suffixAttr];
  if (suffix === undefined) return ctx.f.ref(rsc);
  ctx.token(suffix, suffixWhat);
  attrs[suffixAttr] = suffix;
  return `${ctx.f.ref(rsc)}:${suffix}`;
}

function renderLocation(c: XmlElement, ctx: Ctx): Rendered {
  const { f } = ctx;
  const id = ctx.token(c.attrs.id, 'constraint id');
  ctx.used.add(id);
  const attrs: Record<string, string | undefined> = { id };
  let target: string;
  let setXml: XmlElement[] = [];
  if (c.attrs.rsc !== undefined) {
    target = f.ref(ctx.ref(c.attrs.rsc, 'rsc'));
    attrs.rsc = c.attrs.rsc;
  } else if (c.attrs['rsc-pattern'] !== undefined) {
    const pat = c.attrs['rsc-pattern'];
    if (/[\s/\\"]/.test(pat)) ctx.fail('rsc-pattern with spaces, slashes or quotes');
    target = `/${pat}/`;
    attrs['rsc-pattern'] = pat;
  } else if (hasSets(c)) {
    const s = renderSets(c, 'location', id, ctx);
    target = `{ ${s.words.join(' ')} }`;
    setXml = s.xml;
  } else ctx.fail('location without rsc, rsc-pattern or resource sets');
  let head = `${f.kw('location')} ${f.ident(id)} ${target}`;
  for (const k of ['role', 'resource-discovery']) {
    const v = c.attrs[k];
    if (v !== undefined) {
      head += ` ${k}=${ctx.token(v, k)}`;
      attrs[k] = v;
    }
  }
  const node = c.attrs.node;
  if (node !== undefined) {
    const score = c.attrs.score;
    if (score === undefined) ctx.fail('location node without score');
    const s = ctx.token(cliScore(score), 'score');
    head += ` ${f.score(s)}: ${ctx.token(node, 'node')}`;
    Object.assign(attrs, scoreAttrs(s), { node });
  }
  if (node === undefined && !c.children.some((r) => r.name === 'rule')) ctx.fail('location without a node or a rule');
  const parts = [head];
  const rules: XmlElement[] = [];
  for (const r of c.children) {
    if (r.name === 'resource_set') continue;
    if (r.name !== 'rule') ctx.fail(`<${r.name}> in a location`);
    const rr = renderRule(r, id, ctx);
    parts.push(rr.text);
    rules.push(rr.xml);
  }
  return { text: cli(parts), xml: el('rsc_location', attrs, [...setXml, ...rules]) };
}

const ORDER_KINDS = new Set(['Mandatory', 'Optional', 'Serialize']);

function renderSimpleConstraint(c: XmlElement, type: 'colocation' | 'order' | 'rsc_ticket', ctx: Ctx): Rendered {
  const { f } = ctx;
  const id = ctx.token(c.attrs.id, 'constraint id');
  ctx.used.add(id);
  const attrs: Record<string, string | undefined> = { id };
  let words: string[];
  let setXml: XmlElement[] = [];
  if (hasSets(c)) {
    const s = renderSets(c, type, id, ctx);
    words = s.words;
    setXml = s.xml;
  } else if (type === 'colocation') {
    words = [rscRole(c, 'rsc', 'rsc-role', 'role', ctx, attrs), rscRole(c, 'with-rsc', 'with-rsc-role', 'role', ctx, attrs)];
  } else if (type === 'order') {
    words = [rscRole(c, 'first', 'first-action', 'action', ctx, attrs), rscRole(c, 'then', 'then-action', 'action', ctx, attrs)];
  } else {
    words = [rscRole(c, 'rsc', 'rsc-role', 'role', ctx, attrs)];
  }
  let head = `${f.kw(type)} ${f.ident(id)} `;
  if (type === 'rsc_ticket') {
    const t = ctx.token(c.attrs.ticket, 'ticket');
    head += `${f.score(t)}: `;
    attrs.ticket = t;
    const lp = c.attrs['loss-policy'];
    if (lp !== undefined) {
      words.push(`loss-policy=${ctx.token(lp, 'loss-policy')}`);
      attrs['loss-policy'] = lp;
    }
  } else if (type === 'colocation') {
    const score = c.attrs.score ?? c.attrs['score-attribute'];
    if (score === undefined) ctx.fail('colocation without score');
    const s = ctx.token(cliScore(score), 'score');
    head += `${f.score(s)}: `;
    Object.assign(attrs, scoreAttrs(s));
    const na = c.attrs['node-attribute'];
    if (na !== undefined) {
      words.push(`node-attribute=${ctx.token(na, 'node-attribute')}`);
      attrs['node-attribute'] = na;
    }
  } else {
    const kind = c.attrs.kind;
    const score = c.attrs.score;
    if (kind !== undefined) {
      head += `${f.score(ctx.token(kind, 'kind'))}: `;
      attrs.kind = kind;
      if (!ORDER_KINDS.has(kind)) ctx.fail(`order kind ${kind}`);
    } else if (score !== undefined) {
      const s = ctx.token(cliScore(score), 'score');
      head += `${f.score(s)}: `;
      // the parser turns a score into a kind: 0 is Optional, anything else Mandatory
      attrs.kind = /^[-+]?0+$/.test(s) ? 'Optional' : 'Mandatory';
    }
    const sym = c.attrs.symmetrical;
    if (sym !== undefined) {
      words.push(`symmetrical=${ctx.token(sym, 'symmetrical')}`);
      attrs.symmetrical = sym;
    }
  }
  const xmlName = type === 'colocation' ? 'rsc_colocation' : type === 'order' ? 'rsc_order' : 'rsc_ticket';
  for (const k of c.children) if (k.name !== 'resource_set') ctx.fail(`<${k.name}> in a ${type}`);
  return { text: head + words.join(' '), xml: el(xmlName, attrs, setXml) };
}

// --- properties, fencing, tags, acls, alerts -----------------------------------

function renderPropertySet(s: XmlElement, type: string, ctx: Ctx): Rendered {
  const { f } = ctx;
  const id = s.attrs.id;
  if (id === undefined) ctx.fail('set without id');
  ctx.value(id, 'set id');
  ctx.used.add(id);
  const head = `${f.kw(type)} ${noQuotes(id) ? `${f.ident(id)}:` : f.pair('$id', id)}`;
  const parts = [head];
  const kids: XmlElement[] = [];
  for (const c of s.children) {
    const r = c.name === 'rule' ? renderRule(c, id, ctx) : renderNvpair(c, id, ctx);
    parts.push(c.name === 'rule' ? r.text : r.text);
    kids.push(r.xml);
  }
  return { text: cli(parts), xml: el(s.name, { id }, kids) };
}

function renderFencing(ft: XmlElement, ctx: Ctx): Rendered {
  const { f } = ctx;
  interface Target {
    word: string;
    attrs: Record<string, string>;
    /** the encoder numbers levels per node, per attribute name, per pattern */
    counter: string;
    node?: string;
    levels: Map<number, string>;
  }
  const targets = new Map<string, Target>();
  for (const l of ft.children) {
    if (l.name !== 'fencing-level') ctx.fail(`<${l.name}> in fencing-topology`);
    let key: string;
    let t: Omit<Target, 'levels'>;
    if (l.attrs['target-pattern'] !== undefined) {
      const p = l.attrs['target-pattern'] ?? '';
      if (!/^[^\s"'\\]+$/.test(p)) ctx.fail('target-pattern with spaces, quotes or backslashes');
      key = `p:${p}`;
      t = { word: `pattern:${p}`, attrs: { 'target-pattern': p }, counter: key };
    } else if (l.attrs['target-attribute'] !== undefined) {
      const a = ctx.token(l.attrs['target-attribute'], 'target-attribute');
      const v = ctx.token(l.attrs['target-value'], 'target-value');
      key = `a:${a}=${v}`;
      t = { word: `attr:${a}=${v}`, attrs: { 'target-attribute': a, 'target-value': v }, counter: `a:${a}` };
    } else {
      const n = ctx.token(l.attrs.target, 'fencing target');
      key = `n:${n}`;
      t = { word: `${n}:`, attrs: { target: n }, counter: key, node: n };
    }
    const index = Number(l.attrs.index);
    if (!Number.isInteger(index)) ctx.fail('fencing level index');
    let tg = targets.get(key);
    if (!tg) {
      tg = { ...t, levels: new Map() };
      targets.set(key, tg);
    }
    if (tg.levels.has(index)) ctx.fail('duplicate fencing level index');
    tg.levels.set(index, ctx.token(l.attrs.devices, 'devices'));
  }
  if (Object.keys(ft.attrs).length > 0) ctx.fail('attributes on fencing-topology');
  const devicesOf = (t: Target): string[] => [...t.levels.keys()].sort((a, b) => a - b).map((i) => t.levels.get(i)!);

  // the levels the encoder makes of (target, devices) in text order, ids fencing, fencing-0, ...
  const rebuild = (levels: { t: Target; devices: string }[], c: Ctx): XmlElement => {
    const count = new Map<string, number>();
    const kids = levels.map(({ t, devices }, k) => {
      const n = (count.get(t.counter) ?? 0) + 1;
      count.set(t.counter, n);
      const actual = ft.children[k];
      const id = actual ? c.id(actual, 'fencing-level', 'fencing', false).id : c.candidate('fencing-level', 'fencing');
      c.used.add(id);
      return el('fencing-level', { ...t.attrs, index: String(n), devices, id });
    });
    return el('fencing-topology', {}, kids);
  };

  // crmsh's short form: every node, and only nodes, with the same levels
  const all = [...targets.values()];
  const same = all.length > 0 && all.every((t) => t.node !== undefined && devicesOf(t).join(' ') === devicesOf(all[0]!).join(' '));
  if (same && ctx.nodeNames.length === all.length) {
    const sorted = [...ctx.nodeNames].sort();
    const byNode = new Map(all.map((t) => [t.node!, t]));
    if (sorted.every((n) => byNode.has(n))) {
      const trial = new Ctx(ctx.f, ctx.idCount, ctx.nodeNames);
      try {
        const levels = sorted.flatMap((n) => devicesOf(byNode.get(n)!).map((devices) => ({ t: byNode.get(n)!, devices })));
        const xml = rebuild(levels, trial);
        if (elementDifference(xml, ft, '', undefined, { strict: true }) === undefined) {
          return { text: `${f.kw('fencing_topology')} ${devicesOf(all[0]!).join(' ')}`, xml };
        }
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      }
    }
  }
  const parts = [f.kw('fencing_topology')];
  for (const t of all) parts.push(`${t.word} ${devicesOf(t).join(' ')}`);
  const xml = rebuild(
    all.flatMap((t) => devicesOf(t).map((devices) => ({ t, devices }))),
    ctx,
  );
  return { text: cli(parts), xml };
}

function renderTag(t: XmlElement, ctx: Ctx): Rendered {
  const { f } = ctx;
  const id = ctx.token(t.attrs.id, 'tag id');
  const refs = t.children.map((r) => {
    if (r.name !== 'obj_ref') ctx.fail(`<${r.name}> in a tag`);
    return ctx.ref(r.attrs.id, 'obj_ref');
  });
  if (refs.length === 0) ctx.fail('empty tag');
  return { text: [f.kw('tag'), f.ident(id), ...refs.map((r) => f.ref(r))].join(' '), xml: el('tag', { id }, refs.map((r) => el('obj_ref', { id: r }))) };
}

/** crmsh's ACL shortcuts: xpath pieces, `@@` standing for one word each. */
const ACL_SHORTCUTS: [string, string[]][] = [
  ['meta', ["//primitive[@id='@@']/meta_attributes", "/nvpair[@name='@@']"]],
  ['params', ["//primitive[@id='@@']/instance_attributes", "/nvpair[@name='@@']"]],
  ['utilization', ["//primitive[@id='@@']/utilization"]],
  ['location', ["//rsc_location[@id='cli-prefer-@@' and @rsc='@@']"]],
  ['property', ['//crm_config/cluster_property_set', "/nvpair[@name='@@']"]],
  ['nodeattr', ['//nodes/node/instance_attributes', "/nvpair[@name='@@']"]],
  ['nodeutil', ['//nodes/node/utilization', "[@uname='@@']"]],
  ['node', ['//nodes/node', "[@uname='@@']"]],
  ['status', ['/cib/status']],
  ['cib', ['/cib']],
];
const ACL_WORD = /^[a-zA-Z_][a-zA-Z0-9_.-]*$/;

/** Expand a shortcut as the encoder does (one word fills every `@@` of a piece). */
function expandShortcut(kind: string, words: string[]): string | undefined {
  const parts = ACL_SHORTCUTS.find(([k]) => k === kind)?.[1];
  if (!parts) return undefined;
  if (words.length === 0) return parts[0]!.includes('@@') ? undefined : parts[0];
  let xpath = '';
  let i = 0;
  for (const w of words) {
    if (parts[i] !== undefined && !parts[i]!.includes('@@')) xpath += parts[i++];
    const piece = parts[i++];
    if (piece === undefined) return undefined;
    xpath += piece.split('@@').join(w);
  }
  return xpath;
}

/** The crmsh shortcut for an xpath (`params:rsc`, `status`, ...), when one reads back as exactly that xpath. */
function aclShortcut(xpath: string): string | undefined {
  for (const [kind, parts] of ACL_SHORTCUTS) {
    for (let n = 1; n <= parts.length; n++) {
      let rest = xpath;
      const words: string[] = [];
      let ok = true;
      for (const piece of parts.slice(0, n)) {
        const bits = piece.split('@@');
        if (!rest.startsWith(bits[0]!)) {
          ok = false;
          break;
        }
        rest = rest.slice(bits[0]!.length);
        for (const lit of bits.slice(1)) {
          const end = lit === '' ? rest.length : rest.indexOf(lit);
          if (end < 0) {
            ok = false;
            break;
          }
          const w = rest.slice(0, end);
          if (!ACL_WORD.test(w)) {
            ok = false;
            break;
          }
          words.push(w);
          rest = rest.slice(end + lit.length);
        }
        if (!ok) break;
      }
      if (!ok || rest !== '') continue;
      // one word per piece: a piece with two placeholders needs the same word twice
      const perPiece: string[] = [];
      let k = 0;
      for (const piece of parts.slice(0, n)) {
        const holes = piece.split('@@').length - 1;
        if (holes === 0) continue;
        const ws = words.slice(k, k + holes);
        k += holes;
        if (ws.some((w) => w !== ws[0])) ok = false;
        perPiece.push(ws[0]!);
      }
      if (!ok) continue;
      if (expandShortcut(kind, perPiece) !== xpath) continue;
      return [kind, ...perPiece].join(':');
    }
  }
  return undefined;
}

const ACL_SPECS: [string, string][] = [
  ['xpath', 'xpath'],
  ['reference', 'ref'],
  ['attribute', 'attr'],
  ['object-type', 'type'],
];

function renderAcl(a: XmlElement, type: string, ctx: Ctx): Rendered {
  const { f } = ctx;
  const id = ctx.token(a.attrs.id, `${type} id`);
  ctx.used.add(id);
  const parts = [`${f.kw(type)} ${f.ident(id)}`];
  const attrs: Record<string, string | undefined> = { id };
  if (type === 'role') attrs.description = description(a, parts, ctx);
  const kids: XmlElement[] = [];
  for (const c of a.children) {
    if (c.name === 'acl_permission') {
      const kind = ctx.token(c.attrs.kind, 'acl kind');
      if (!['read', 'write', 'deny'].includes(kind)) ctx.fail(`acl kind ${kind}`);
      const words = [f.kw(kind)];
      const pa: Record<string, string | undefined> = { kind };
      if (c.attrs.description !== undefined) {
        words.push(f.pair('description', ctx.value(c.attrs.description, 'description')));
        pa.description = c.attrs.description;
      }
      for (const [attr, word] of ACL_SPECS) {
        const v = c.attrs[attr];
        if (v === undefined) continue;
        const short = attr === 'xpath' ? aclShortcut(v) : undefined;
        if (short !== undefined) words.push(f.kw(short));
        else words.push(`${f.kw(word)}:${attr === 'xpath' ? f.value(quoteValue(ctx.value(v, 'xpath'))) : f.value(ctx.token(v, word))}`);
        pa[attr] = v;
      }
      pa.id = ctx.id(c, 'acl_permission', id, false).id;
      parts.push(words.join(' '));
      kids.push(el('acl_permission', pa));
    } else if (c.name === 'role' && (type === 'acl_target' || type === 'acl_group')) {
      const r = ctx.token(c.attrs.id, 'role');
      parts.push(f.value(r));
      kids.push(el('role', { id: r }));
    } else if (c.name === 'role_ref' && type === 'user') {
      const r = ctx.token(c.attrs.id, 'role');
      parts.push(`${f.kw('role')}:${f.value(r)}`);
      kids.push(el('role_ref', { id: r }));
    } else ctx.fail(`<${c.name}> in ${type}`);
  }
  if (type === 'acl_target' || type === 'acl_group') {
    if (a.attrs.name !== undefined) ctx.fail('acl name attribute');
  }
  return { text: cli(parts), xml: el(a.name, attrs, kids) };
}

function renderAlert(a: XmlElement, ctx: Ctx): Rendered {
  const { f } = ctx;
  const id = ctx.token(a.attrs.id, 'alert id');
  ctx.used.add(id);
  const path = a.attrs.path;
  if (path === undefined) ctx.fail('alert without path');
  const parts = [`${f.kw('alert')} ${f.ident(id)} ${f.value(quoteValue(ctx.value(path, 'path')))}`];
  const desc = description(a, parts, ctx);
  const kids: XmlElement[] = [];
  const tags = a.children.map((c) => c.name);
  const firstRcp = tags.indexOf('recipient');
  // alert sets after a recipient would read back as the recipient's: braces keep them apart
  const complex = firstRcp >= 0 && tags.slice(firstRcp + 1).some((t) => t === 'instance_attributes' || t === 'meta_attributes');
  let nRcp = 0;
  for (const c of a.children) {
    const kw = ALERT_SETS[c.name];
    if (kw) {
      const r = renderSet(c, kw, id, ctx);
      parts.push(r.text);
      kids.push(r.xml);
    } else if (c.name === 'select') {
      const words = [f.kw('select')];
      const sel: XmlElement[] = [];
      for (const s of c.children) {
        if (!s.name.startsWith('select_')) ctx.fail(`<${s.name}> in select`);
        words.push(f.kw(s.name.slice('select_'.length)));
        const attrs: XmlElement[] = [];
        if (s.name === 'select_attributes') {
          const names = s.children.map((x) => {
            if (x.name !== 'attribute') ctx.fail(`<${x.name}> in select_attributes`);
            const name = ctx.token(x.attrs.name, 'attribute name');
            // ids as crmsh makes them: <alert>-0, <alert>-1, ...
            attrs.push(el('attribute', { name, id: ctx.id(x, 'attribute', id, false).id }));
            return name;
          });
          words.push('{', ...names, '}');
        } else if (s.children.length > 0) ctx.fail(`children in <${s.name}>`);
        sel.push(el(s.name, {}, attrs));
      }
      parts.push(words.join(' '));
      kids.push(el('select', {}, sel));
    } else if (c.name === 'recipient') {
      nRcp++;
      const rid = `${id}-recipient-${nRcp}`;
      if (c.attrs.id !== rid) ctx.fail(`recipient id ${c.attrs.id} is not ${rid}`);
      if (c.attrs.description !== undefined) ctx.fail('recipient description');
      ctx.used.add(rid);
      const value = c.attrs.value;
      if (value === undefined) ctx.fail('recipient without value');
      const words = [f.kw('to')];
      if (complex) words.push('{');
      words.push(f.value(quoteValue(ctx.value(value, 'recipient'))));
      const rk: XmlElement[] = [];
      for (const s of c.children) {
        const skw = ALERT_SETS[s.name];
        if (!skw) ctx.fail(`<${s.name}> in a recipient`);
        const r = renderSet(s, skw, rid, ctx);
        words.push(r.text);
        rk.push(r.xml);
      }
      if (complex) words.push('}');
      parts.push(words.join(' '));
      kids.push(el('recipient', { id: rid, value }, rk));
    } else ctx.fail(`<${c.name}> in an alert`);
  }
  return { text: cli(parts), xml: el('alert', { id, path, description: desc }, kids) };
}

// ---------------------------------------------------------------------------
// xml fallback

function escAttr(s: string): string {
  return s.replace(/[&<>"\n\r\t]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' })[c]!);
}
function escText(s: string): string {
  return s.replace(/[&<>\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}

/** Pretty XML lines, two spaces per level, one element per line (lxml's pretty_print). */
function xmlLines(e: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  if (e.name === COMMENT) {
    out.push(`${pad}<!--${(e.text ?? '').replace(/--/g, '- -')}-->`);
    return;
  }
  let open = `${pad}<${e.name}`;
  for (const [k, v] of Object.entries(e.attrs)) open += ` ${k}="${escAttr(v)}"`;
  if (e.children.length === 0 && e.text === undefined) {
    out.push(`${open}/>`);
    return;
  }
  if (e.children.length === 0) {
    out.push(`${open}>${escText(e.text ?? '')}</${e.name}>`);
    return;
  }
  out.push(`${open}>${e.text !== undefined ? escText(e.text) : ''}`);
  for (const c of e.children) xmlLines(c, depth + 1, out);
  out.push(`${pad}</${e.name}>`);
}

function xmlText(e: XmlElement): string {
  const out: string[] = [];
  xmlLines(e, 0, out);
  return out.join('\n') + '\n';
}

/** A comment as loading makes it of a `#` line: `text` is that line exactly. */
function isHashLine(c: XmlElement): boolean {
  const t = c.text ?? '';
  return c.name === COMMENT && t.startsWith('#') && !/[\n\r]/.test(t) && t === t.trimEnd();
}

/** `#` lines, then the object's text. */
function withLines(lines: string[], text: string): string {
  return lines.length === 0 ? text : `${lines.join('\n')}\n${text}`;
}

/**
 * An object as `xml <…>`, after the `#` lines of the comments between objects
 * that belong to it. The `#` comments that open its children go above it too,
 * not in the xml: loading puts `#` lines first in the object, so the object
 * that comes back prints the same (`show` is idempotent with comments that
 * loading moved inside).
 */
function xmlObject(o: ShowObject, f: Fmt, above: string[], why: string): ObjectResult {
  const kids = o.el.children;
  let n = 0;
  while (n < kids.length && isHashLine(kids[n]!)) n++;
  const shown = n === 0 ? o : { ...o, el: { ...o.el, children: kids.slice(n) } };
  return { obj: o, text: withLines([...above, ...kids.slice(0, n).map((c) => c.text!)], renderXmlFallback(shown, f)), fallback: why };
}

function renderXmlFallback(o: ShowObject, f: Fmt): string {
  const e = o.wrapper && !['nodes', 'resources', 'constraints', 'crm_config', 'tags', 'acls', 'alerts'].includes(o.wrapper)
    ? { name: o.wrapper, attrs: {}, children: [o.el] }
    : o.el;
  const out: string[] = [];
  xmlLines(e, 0, out);
  return `${f.kw('xml')} ${out.join(' \\\n')}`;
}

// ---------------------------------------------------------------------------

function renderObject(o: ShowObject, ctx: Ctx): Rendered {
  const e = o.el;
  switch (o.type) {
    case 'node':
      return renderNode(e, ctx);
    case 'primitive':
    case 'rsc_template':
      return renderPrimitive(e, o.type, ctx);
    case 'group':
    case 'clone':
    case 'ms':
      return renderContainer(e, o.type, ctx);
    case 'bundle':
      return renderBundle(e, ctx);
    case 'location':
      return renderLocation(e, ctx);
    case 'colocation':
    case 'order':
    case 'rsc_ticket':
      return renderSimpleConstraint(e, o.type, ctx);
    case 'property':
    case 'rsc_defaults':
    case 'op_defaults':
      return renderPropertySet(e, o.type, ctx);
    case 'fencing_topology':
      return renderFencing(e, ctx);
    case 'tag':
      return renderTag(e, ctx);
    case 'role':
    case 'acl_target':
    case 'acl_group':
    case 'user':
      return renderAcl(e, o.type, ctx);
    case 'alert':
      return renderAlert(e, ctx);
    default:
      return ctx.fail(`<${e.name}> has no crm syntax`);
  }
}

interface ObjectResult {
  obj: ShowObject;
  text: string;
  /** why the object is printed as xml, when it is */
  fallback?: string;
}

function countIds(cib: XmlElement): Map<string, number> {
  const m = new Map<string, number>();
  const conf = cib.name === 'configuration' ? cib : cib.children.find((c) => c.name === 'configuration');
  const walk = (e: XmlElement): void => {
    const id = e.attrs.id;
    // resource_ref, obj_ref and role refer to an id, they do not own one
    if (id !== undefined && e.name !== 'resource_ref' && e.name !== 'obj_ref' && e.name !== 'role' && e.name !== 'role_ref') {
      m.set(id, (m.get(id) ?? 0) + 1);
    }
    for (const c of e.children) walk(c);
  };
  if (conf) walk(conf);
  return m;
}

const NONE: XmlElement[] = [];

function showOne(o: ShowObject, shared: Ctx): ObjectResult {
  const ctx = shared.next();
  const f = ctx.f;
  // comments between objects that belong to this one: above it, before its own (loading puts them in it, in that order)
  const above = o.before ? o.before.flatMap((c) => commentLines(c.text ?? '')) : [];
  try {
    // crmsh keeps the `#` lines above an object as XML comments in it, and prints them back above it
    const comments = o.el.children.some((c) => c.name === COMMENT) ? o.el.children.filter((c) => c.name === COMMENT) : NONE;
    const r = renderObject(comments.length > 0 ? { ...o, el: { ...o.el, children: o.el.children.filter((c) => c.name !== COMMENT) } } : o, ctx);
    if (comments.length > 0) {
      const lines = comments.map((c) => (c.text ?? '').trim());
      if (lines.some((l) => !l.startsWith('#') || /[\n\r]/.test(l))) ctx.fail('an XML comment that is not a # line');
      r.text = withLines(lines, r.text);
      r.xml.children.unshift(...comments.map((c) => ({ name: COMMENT, attrs: {}, children: [], text: (c.text ?? '').trim() })));
    }
    const skip = (c: XmlElement): boolean => RESOURCE_TAGS.has(c.name) && o.type !== 'xml' && RESOURCE_TAGS.has(o.el.name);
    const diff = elementDifference(r.xml, o.el, '', skip, { strict: true });
    if (diff !== undefined) return xmlObject(o, f, above, diff);
    return { obj: o, text: withLines(above, r.text) };
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    return xmlObject(o, f, above, e.message);
  }
}

const TYPE_ALIASES: Record<string, string[]> = {
  template: ['rsc_template'],
  rsc_template: ['rsc_template'],
  master: ['ms'],
  ms: ['ms'],
  collocation: ['colocation'],
  fencing: ['fencing_topology'],
  'fencing-topology': ['fencing_topology'],
  acl_user: ['user'],
  constraint: ['location', 'colocation', 'order', 'rsc_ticket'],
  constraints: ['location', 'colocation', 'order', 'rsc_ticket'],
  resource: ['primitive', 'group', 'clone', 'ms', 'bundle', 'rsc_template'],
  resources: ['primitive', 'group', 'clone', 'ms', 'bundle', 'rsc_template'],
};

function isPromotable(e: XmlElement): boolean {
  return e.children.some((m) => m.name === 'meta_attributes' && m.children.some((nv) => nv.attrs.name === 'promotable' && /^(true|yes|on|y|1)$/i.test(nv.attrs.value ?? '')));
}

function selected(objs: ShowObject[], opts: ShowOptions): ShowObject[] {
  let out = objs;
  if (opts.types && opts.types.length > 0) {
    const want = new Set(opts.types.flatMap((t) => TYPE_ALIASES[t.replace(/^type:/, '')] ?? [t.replace(/^type:/, '')]));
    out = out.filter((o) => want.has(o.type) || (want.has('ms') && o.type === 'clone' && isPromotable(o.el)) || (o.type === 'xml' && want.has(o.el.name)));
  }
  if (opts.ids && opts.ids.length > 0) {
    const want = new Set(opts.ids);
    out = out.filter((o) => want.has(o.id) || (o.type === 'node' && o.el.attrs.uname !== undefined && want.has(o.el.attrs.uname)));
  }
  return out;
}

function showResults(cib: XmlElement, opts: ShowOptions): ObjectResult[] {
  const f = new Fmt(opts.color ?? false, opts.obscure ?? false);
  const idCount = countIds(cib);
  const all = sortObjects(collect(cib), opts.sortById !== false);
  const filtering = (opts.ids?.length ?? 0) > 0 || (opts.types?.length ?? 0) > 0;
  const objs = filtering ? selected(all, opts) : all;
  // Like crmsh, a container printed as xml still carries its children, and the
  // children are printed as objects of their own too: the encoder takes the
  // separately printed object for an embedded child of the same id.
  const nodeNames = all.filter((o) => o.type === 'node').map((o) => o.el.attrs.uname ?? o.id);
  const ctx = new Ctx(f, idCount, nodeNames);
  const results = objs.map((o) => showOne(o, ctx));
  if (filtering) return results;
  // In a whole show, a container printed as xml with XML comments among its
  // members carries them in that xml only: printed twice, the encoder could not
  // tell where the comments belong and would see the ids twice. Comments before
  // the container count too: loading puts them in it, and the container that
  // comes back must print the same way.
  const inside = new Set<XmlElement>();
  for (const r of results) {
    if (r.fallback !== undefined && CONTAINERS.has(r.obj.el.name) && (r.obj.before !== undefined || r.obj.el.children.some((c) => c.name === COMMENT))) {
      for (const d of descendants(r.obj.el)) if (d !== r.obj.el) inside.add(d);
    }
  }
  return inside.size === 0 ? results : results.filter((r) => !inside.has(r.obj.el));
}

const CONTAINERS = new Set(['group', 'clone', 'master', 'bundle']);

/**
 * The configuration as crm configure text, objects in crmsh's order, each
 * ending in a newline. Empty string when nothing is selected.
 *
 * @example
 *   showConfiguration(parseXml(xml))                        // all of it
 *   showConfiguration(parseXml(xml), { ids: ['web'] })      // `show web`
 *   showConfiguration(parseXml(xml), { types: ['order'] })  // `show type:order`
 */
export function showConfiguration(cib: XmlElement, opts: ShowOptions = {}): string {
  const results = showResults(cib, opts);
  return results.map((r) => `${r.text}\n`).join('');
}

/**
 * Why objects are printed as `xml` rather than in the crm language: one entry
 * per fallback, for tests and `show` diagnostics.
 *
 * @example
 *   explainFallbacks(cib) // [{ id: 'p1', type: 'primitive', reason: '<nvpair id="x"> is not the generated id p1-instance_attributes-ip' }]
 */
export function explainFallbacks(cib: XmlElement, opts: ShowOptions = {}): { id: string; type: string; reason: string }[] {
  return showResults(cib, opts)
    .filter((r) => r.fallback !== undefined)
    .map((r) => ({ id: r.obj.id, type: r.obj.type, reason: r.fallback! }));
}

/**
 * `show xml`, as crmsh prints it: an XML document with the `<cib>` element
 * (its attributes, no status) and a `<configuration>` holding the selected
 * objects in their sections, in CIB order; all of them without a selection.
 * A selected member of a group or clone comes with its top-level container,
 * which says where it sits. `crm_config`, `nodes`, `resources` and
 * `constraints` are always there, as Pacemaker requires.
 *
 * @example
 *   showXml(cib, { ids: ['p1'] })
 *   // '<?xml version="1.0" ?>\n<cib ...>\n  <configuration>\n    <crm_config/>\n    <nodes/>\n    <resources>\n      <primitive id="p1" .../>\n ...'
 */
export function showXml(cib: XmlElement, opts: ShowOptions = {}): string {
  const conf = cib.name === 'configuration' ? cib : cib.children.find((c) => c.name === 'configuration');
  const filtering = (opts.ids?.length ?? 0) > 0 || (opts.types?.length ?? 0) > 0;
  let keep: Set<XmlElement> | undefined;
  if (filtering) {
    keep = new Set();
    for (const o of selected(collect(cib), opts)) {
      let top = o;
      while (top.parent) top = top.parent;
      keep.add(top.el);
    }
  }
  const sections: XmlElement[] = [];
  const present = new Set(conf?.children.map((c) => c.name) ?? []);
  for (const name of ['crm_config', 'nodes', 'resources', 'constraints']) {
    if (!present.has(name)) sections.push({ name, attrs: {}, children: [] });
  }
  for (const sec of conf?.children ?? []) {
    if (!keep) {
      sections.push(sec);
      continue;
    }
    if (keep.has(sec)) {
      sections.push(sec);
      continue;
    }
    const kids = sec.children.filter((c) => keep!.has(c));
    if (kids.length > 0 || ['crm_config', 'nodes', 'resources', 'constraints'].includes(sec.name)) {
      sections.push({ ...sec, children: kids });
    }
  }
  const root: XmlElement = { name: 'cib', attrs: cib.name === 'cib' ? cib.attrs : {}, children: [{ name: 'configuration', attrs: conf?.attrs ?? {}, children: sections }] };
  return `<?xml version="1.0" ?>\n${xmlText(root)}`;
}

/**
 * Every object show knows, in show order, with crmsh's type names: nodes
 * (by id), resources including those inside groups, clones and bundles,
 * constraints, property sets, fencing_topology, tags, ACLs, alerts.
 *
 * @example
 *   objectIds(cib) // [{ id: 'node1', type: 'node' }, { id: 'p1', type: 'primitive' }, ...]
 */
export function objectIds(cib: XmlElement): { id: string; type: string }[] {
  return sortObjects(collect(cib)).map((o) => ({ id: o.id, type: o.type === 'xml' ? o.el.name : o.type }));
}
