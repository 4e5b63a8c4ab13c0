/**
 * AST → CIB XML, with the ids crmsh 4.4 gives.
 *
 * Encoding runs in crmsh's two steps, because that is what makes the ids come
 * out the same: first the statement becomes an element tree carrying only the
 * ids the user wrote (`buildElement`), then missing ids are filled in from the
 * top down (`assignIds`), each from its nearest ancestor's id. When an object
 * replaces an existing one (load update), ids of matching old children are
 * reused, as crmsh "harvests" them, so an unchanged op keeps its id.
 *
 * Two deliberate differences from crmsh (DESIGN.md): `ms`/`master` becomes a
 * `<clone>` with a `promotable=true` meta attribute, and roles follow the
 * CIB's schema (Promoted/Unpromoted from pacemaker-3.7 on).
 *
 * @example
 *   const ids = new IdStore();
 *   const { elements } = encodeStatement(parseConfigure('primitive p1 Dummy op monitor interval=10s').statements[0]!,
 *     { ids, schema: 'pacemaker-3.9', nodes: [] });
 *   // <primitive id="p1" class="ocf" provider="heartbeat" type="Dummy">
 *   //   <operations><op name="monitor" interval="10s" id="p1-monitor-10s"/></operations></primitive>
 */
import type {
  AclRule,
  BundleStatement,
  ConstraintItem,
  Expression,
  FencingTopologyStatement,
  Loc,
  NvPair,
  NvSet,
  Op,
  PrimitiveStatement,
  Rule,
  Statement,
} from '../../grammar/ast.js';
import type { Diagnostic } from '../../grammar/diagnostics.js';
import { IdStore } from './ids.js';
import { canonicalRole, roleForSchema, schemaAtLeast } from './schema.js';
import { cloneXml, COMMENT, parseXmlFragment, XmlSyntaxError, type XmlElement } from './xml.js';

/** The configuration section an encoded element belongs in (`cib`: root attributes, e.g. `schema`). */
export type Section =
  | 'crm_config'
  | 'nodes'
  | 'resources'
  | 'constraints'
  | 'rsc_defaults'
  | 'op_defaults'
  | 'fencing-topology'
  | 'tags'
  | 'acls'
  | 'alerts'
  | 'cib';

export interface EncodeContext {
  /** ids already used in the CIB; new ids are recorded here as they are made. */
  ids: IdStore;
  /** the CIB's `validate-with` (decides role names and the ACL flavour) */
  schema: string;
  /** node names, for `fencing_topology` levels written without a target */
  nodes: string[];
  /** the object this statement replaces, if any: ids of matching children are reused (crmsh does) */
  old?: XmlElement;
  /** an element of the current CIB by id: container members, `$id-ref` targets, `monitor` targets */
  lookup?: (id: string) => XmlElement | undefined;
  /** class and provider for an agent written as a bare type; default ocf:heartbeat */
  resolveAgent?: (type: string) => { class: string; provider?: string } | undefined;
}

export interface EncodeResult {
  elements: XmlElement[];
  section: Section;
  diagnostics: Diagnostic[];
  /** resources moved inside the new element (group/clone/bundle members), or the primitive a `monitor` adds to */
  refs: string[];
}

const SET_TAG: Record<NvSet['kind'], string> = {
  params: 'instance_attributes',
  attributes: 'instance_attributes',
  op_params: 'instance_attributes',
  meta: 'meta_attributes',
  op_meta: 'meta_attributes',
  utilization: 'utilization',
};

/** Attributes an `<op>` carries itself (pacemaker-3.x schema); any other `name=value` goes to its instance_attributes. */
const OP_ATTRS = new Set(['id', 'name', 'interval', 'description', 'start-delay', 'interval-origin', 'timeout', 'enabled', 'record-pending', 'role', 'on-fail']);
/** `requires` left the op element with schema 3.0 (it is a meta attribute now). */
const OP_ATTRS_1X = new Set([...OP_ATTRS, 'requires']);

/** Placeholder for a resource copied in by id once ids are assigned (crmsh does the same). */
const REF = 'crmsh-ref';

function el(name: string, attrs: Record<string, string> = {}, children: XmlElement[] = []): XmlElement {
  return { name, attrs, children };
}

function diag(severity: Diagnostic['severity'], code: string, message: string, loc: Loc | undefined, objectId?: string, hint?: string): Diagnostic {
  return {
    severity,
    code,
    message,
    line: loc?.line ?? 1,
    col: loc?.col ?? 1,
    ...(loc ? { length: Math.max(1, loc.endOffset - loc.offset) } : {}),
    ...(objectId ? { objectId } : {}),
    ...(hint ? { hint } : {}),
  };
}

// ---------------------------------------------------------------------------
// scores, roles, nvpairs, sets

/** crmsh's score rule: advisory/mandatory, signed numbers and inf map to `score`; any other word is a `score-attribute`. */
export function scoreAttr(score: string): [string, string] {
  const lower = score.toLowerCase();
  if (lower === 'advisory') return ['score', '0'];
  if (lower === 'mandatory') return ['score', 'INFINITY'];
  if (SCORE_WORD.test(score)) return ['score', score.replace(INF_WORD, 'INFINITY')];
  return ['score-attribute', score];
}
const SCORE_WORD = /^[+-]?(inf(inity)?|INF(INITY)?|[0-9]+)$/;
const INF_WORD = /inf(inity)?|INF(INITY)?/;

function role(value: string, schema: string): string {
  return roleForSchema(value, schema);
}

function nvpair(p: NvPair, schema: string): XmlElement {
  if (p.idRef !== undefined) return el('nvpair', { 'id-ref': p.idRef });
  // `$x=v` / `$id:x=v`: the nvpair's id is given, and comes first (as crmsh writes it)
  const attrs: Record<string, string> = p.id !== undefined ? { id: p.id, name: p.name } : { name: p.name };
  if (p.value !== undefined) attrs.value = p.name === 'role' || p.name === 'target-role' ? role(p.value, schema) : p.value;
  return el('nvpair', attrs);
}

function resolveIdRef(tag: string, ref: string, ctx: EncodeContext): string {
  // `params $id-ref=rsc` may name an object: crmsh then refers to its first set of that kind
  const target = ctx.lookup?.(ref);
  if (target && target.name !== tag) {
    const found = findFirst(target, tag);
    if (found?.attrs.id) return found.attrs.id;
  }
  return ref;
}

function findFirst(root: XmlElement, tag: string): XmlElement | undefined {
  for (const c of root.children) {
    if (c.name === tag) return c;
    const f = findFirst(c, tag);
    if (f) return f;
  }
  return undefined;
}

function nvset(set: NvSet, ctx: EncodeContext): XmlElement {
  const tag = SET_TAG[set.kind];
  if (set.idRef !== undefined) return el(tag, { 'id-ref': resolveIdRef(tag, set.idRef, ctx) });
  const attrs: Record<string, string> = {};
  if (set.id !== undefined) attrs.id = set.id;
  if (set.score !== undefined) attrs.score = set.score;
  const kids: XmlElement[] = [];
  for (const r of set.rules) kids.push(rule(r, ctx));
  for (const p of set.pairs) kids.push(nvpair(p, ctx.schema));
  return el(tag, attrs, kids);
}

function rule(r: Rule, ctx: EncodeContext): XmlElement {
  const attrs: Record<string, string> = {};
  if (r.id !== undefined) attrs.id = r.id;
  if (r.idRef !== undefined) attrs['id-ref'] = resolveIdRef('rule', r.idRef, ctx);
  if (r.role !== undefined) attrs.role = role(r.role, ctx.schema);
  if (r.idRef !== undefined) return el('rule', attrs);
  const [k, v] = r.score !== undefined ? scoreAttr(r.score) : ['score', 'INFINITY'];
  attrs[k] = v;
  // crmsh writes boolean-op only for `or`: `and` is Pacemaker's default
  if (r.boolean === 'or') attrs['boolean-op'] = 'or';
  return el('rule', attrs, r.expressions.map(expression));
}

function expression(e: Expression): XmlElement {
  switch (e.kind) {
    case 'binary': {
      const attrs: Record<string, string> = { operation: e.op, attribute: e.attribute };
      if (e.type !== undefined) attrs.type = e.type;
      attrs.value = e.value;
      if (e.valueSource !== undefined) attrs['value-source'] = e.valueSource;
      return el('expression', attrs);
    }
    case 'unary':
      return el('expression', { operation: e.op, attribute: e.attribute });
    case 'date': {
      const x = el('date_expression', { operation: e.op === 'in' ? 'in_range' : e.op === 'spec' ? 'date_spec' : e.op });
      if (e.op === 'lt') {
        const end = e.end ?? e.start;
        if (end !== undefined) x.attrs.end = end;
      } else if (e.op === 'gt') {
        const start = e.start ?? e.end;
        if (start !== undefined) x.attrs.start = start;
      } else if (e.op === 'in') {
        if (e.start !== undefined) x.attrs.start = e.start;
        if (e.end !== undefined) x.attrs.end = e.end;
        if (e.duration && e.duration.length > 0) x.children.push(el('duration', pairsAsAttrs(e.duration)));
      } else {
        x.children.push(el('date_spec', pairsAsAttrs(e.spec ?? [])));
      }
      return x;
    }
  }
}

function pairsAsAttrs(pairs: NvPair[]): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const p of pairs) attrs[p.name] = p.value ?? '';
  return attrs;
}

// ---------------------------------------------------------------------------
// resources

function op(o: Op, ctx: EncodeContext): XmlElement {
  const x = el('op', { name: o.name });
  let inst: XmlElement | undefined;
  let interval = false;
  const opAttrs = schemaAtLeast(ctx.schema, 3, 0) ? OP_ATTRS : OP_ATTRS_1X;
  for (const a of o.attrs) {
    const name = a.name === '$id' ? 'id' : a.name;
    if (a.name === 'interval') interval = true;
    if (opAttrs.has(name)) {
      if (a.value !== undefined) x.attrs[name] = name === 'role' ? role(a.value, ctx.schema) : a.value;
    } else {
      inst ??= el('instance_attributes');
      inst.children.push(nvpair(a, ctx.schema));
    }
  }
  // crmsh adds interval=0 last when none is given
  if (!interval) x.attrs.interval = '0';
  if (inst) x.children.push(inst);
  for (const s of o.sets) x.children.push(nvset(s, ctx));
  return x;
}

/** The agent's attributes (class, provider, type; or template), added to `attrs`. */
function agentAttrs(st: PrimitiveStatement, ctx: EncodeContext, attrs: Record<string, string>): Record<string, string> {
  if (st.template !== undefined && st.kind === 'primitive') {
    attrs.template = st.template;
    return attrs;
  }
  const a = st.agent;
  if (!a) return attrs;
  let cls = a.class;
  let provider = a.provider;
  if (cls === undefined) {
    const r = ctx.resolveAgent?.(a.type);
    cls = r?.class ?? 'ocf';
    provider = r ? r.provider : 'heartbeat';
  } else if (cls === 'ocf' && provider === undefined) provider = 'heartbeat';
  attrs.class = cls;
  if (provider !== undefined) attrs.provider = provider;
  attrs.type = a.type;
  return attrs;
}

function primitive(st: PrimitiveStatement, ctx: EncodeContext): XmlElement {
  const x = el(st.kind === 'primitive' ? 'primitive' : 'template', agentAttrs(st, ctx, { id: st.id }));
  if (st.description !== undefined) x.attrs.description = st.description;
  // sets and ops keep the order they were written in; all ops go in one <operations>, where the first op was
  const parts: { offset: number; node: XmlElement | 'ops' }[] = st.sets.map((s) => ({ offset: s.loc.offset, node: nvset(s, ctx) }));
  if (st.ops.length > 0 || st.opsId !== undefined || st.opsIdRef !== undefined) {
    parts.push({ offset: st.ops[0]?.loc.offset ?? Number.MAX_SAFE_INTEGER, node: 'ops' });
  }
  parts.sort((a, b) => a.offset - b.offset);
  for (const p of parts) {
    if (p.node !== 'ops') {
      x.children.push(p.node);
      continue;
    }
    const ops = el('operations');
    if (st.opsId !== undefined) ops.attrs.id = st.opsId;
    if (st.opsIdRef !== undefined) ops.attrs['id-ref'] = resolveIdRef('operations', st.opsIdRef, ctx);
    ops.children = st.ops.map((o) => op(o, ctx));
    x.children.push(ops);
  }
  return x;
}

function bundle(st: BundleStatement, ctx: EncodeContext): XmlElement {
  const x = el('bundle', { id: st.id });
  if (st.description !== undefined) x.attrs.description = st.description;
  // the AST keeps no positions for these parts: write them in the order crmsh's `show` prints them
  if (st.container) x.children.push(el(st.container.type, pairsAsAttrs(st.container.options)));
  if (st.network) {
    x.children.push(el('network', pairsAsAttrs(st.network.options), st.network.portMappings.map((pm) => el('port-mapping', pairsAsAttrs(pm)))));
  }
  if (st.storage.length > 0) x.children.push(el('storage', {}, st.storage.map((sm) => el('storage-mapping', pairsAsAttrs(sm)))));
  if (st.primitive !== undefined) x.children.push(el(REF, { id: st.primitive }));
  for (const s of st.sets) x.children.push(nvset(s, ctx));
  return x;
}

// ---------------------------------------------------------------------------
// constraints

/** crmsh's resource-set reading: brackets open sets, a change of role/action starts a new set. */
function resourceSets(items: ConstraintItem[], q: 'role' | 'action', schema: string): XmlElement[] {
  const out: XmlElement[] = [];
  let refs: XmlElement[] = [];
  let prevQ = '';
  let currAttr = '';
  let sequential = true;
  let requireAll = true;
  const save = (): void => {
    if (refs.length === 0) return;
    const attrs: Record<string, string> = {};
    if (!requireAll) attrs['require-all'] = 'false';
    if (!sequential) attrs.sequential = 'false';
    if (currAttr) attrs[currAttr] = prevValue;
    out.push(el('resource_set', attrs, refs));
    refs = [];
    prevQ = '';
    currAttr = '';
  };
  let prevValue = '';
  const add = (id: string, suffix: string | undefined): void => {
    // sets split where the role *as written* changes (crmsh compares before any renaming: Master then Promoted is two sets)
    const qv = suffix === undefined ? '' : q === 'role' ? (canonicalRole(suffix) ?? suffix) : suffix.toLowerCase();
    if (qv !== prevQ) {
      save();
      prevQ = qv;
      prevValue = q === 'role' && qv ? role(qv, schema) : qv;
    }
    currAttr = qv ? q : '';
    refs.push(el('resource_ref', { id }));
  };
  for (const item of items) {
    if (item.kind === 'rsc') {
      // `_rsc_set_` (as crmsh's show writes a one-resource set) forces the set form and is itself skipped
      if (item.ref.id === '_rsc_set_') continue;
      add(item.ref.id, item.ref.suffix);
      continue;
    }
    const s = item.set;
    save();
    if (s.brackets !== null) {
      sequential = false;
      if (s.brackets === '[') requireAll = false;
    }
    for (const o of s.options) {
      const v = /^(true|yes|on|1|y)$/i.test(o.value ?? '');
      if (o.name === 'sequential') sequential = v;
      else if (o.name === 'require-all') requireAll = v;
    }
    for (const r of s.resources) add(r.id, r.suffix);
    save();
    sequential = true;
    requireAll = true;
  }
  save();
  return out;
}

function isSimple(items: ConstraintItem[], count: number): boolean {
  return items.length === count && items.every((i) => i.kind === 'rsc');
}

function suffixRole(suffix: string | undefined, schema: string): string | undefined {
  return suffix === undefined ? undefined : role(suffix, schema);
}

function constraintRefs(items: ConstraintItem[], names: [string, string][], q: 'role' | 'action', schema: string, attrs: Record<string, string>): void {
  items.forEach((item, i) => {
    if (item.kind !== 'rsc') return;
    const [n, qn] = names[i]!;
    attrs[n] = item.ref.id;
    const suffix = q === 'role' ? suffixRole(item.ref.suffix, schema) : item.ref.suffix?.toLowerCase();
    if (suffix) attrs[qn] = suffix;
  });
}

const ORDER_KINDS = ['Mandatory', 'Optional', 'Serialize'];

function orderKind(score: string): string | undefined {
  const lower = score.toLowerCase();
  const kind = ORDER_KINDS.find((k) => k.toLowerCase() === lower);
  if (kind) return kind;
  const [k, v] = scoreAttr(score);
  if (k === 'score') return v === '0' ? 'Optional' : 'Mandatory';
  return undefined;
}

// ---------------------------------------------------------------------------
// fencing, ACLs, alerts

function fencingTopology(st: FencingTopologyStatement, nodes: string[]): XmlElement {
  const x = el('fencing-topology');
  type Target = NonNullable<FencingTopologyStatement['entries'][number]['target']>;
  let levels: { target: Target; devices: string }[] = [];
  const flat = st.entries.flatMap((e) => e.levels.map((l) => ({ target: e.target, devices: l.join(',') })));
  if (flat.length > 0 && flat[0]!.target === null) {
    // no target: crmsh repeats every level for every node, in name order
    for (const node of [...nodes].sort()) for (const l of flat) levels.push({ target: { kind: 'node', node }, devices: l.devices });
  } else {
    levels = flat.filter((l): l is { target: Target; devices: string } => l.target !== null);
  }
  // the index counts per target; for attribute targets crmsh keys it by the attribute name
  const index = new Map<string, number>();
  const next = (key: string): string => {
    const n = index.get(key) ?? 1;
    index.set(key, n + 1);
    return String(n);
  };
  for (const { target, devices } of levels) {
    if (target.kind === 'node') x.children.push(el('fencing-level', { target: target.node, index: next(target.node), devices }));
    else if (target.kind === 'attribute') {
      x.children.push(el('fencing-level', { index: next(target.name), devices, 'target-attribute': target.name, 'target-value': target.value }));
    } else x.children.push(el('fencing-level', { index: next(target.regex), devices, 'target-pattern': target.regex }));
  }
  return x;
}

/** crmsh's ACL shortcuts: xpath pieces, each `@@` filled by the next `:`-separated word. */
const ACL_SHORTCUTS: Record<string, string[]> = {
  meta: ["//primitive[@id='@@']/meta_attributes", "/nvpair[@name='@@']"],
  params: ["//primitive[@id='@@']/instance_attributes", "/nvpair[@name='@@']"],
  utilization: ["//primitive[@id='@@']/utilization"],
  location: ["//rsc_location[@id='cli-prefer-@@' and @rsc='@@']"],
  property: ['//crm_config/cluster_property_set', "/nvpair[@name='@@']"],
  nodeattr: ['//nodes/node/instance_attributes', "/nvpair[@name='@@']"],
  nodeutil: ['//nodes/node/utilization', "[@uname='@@']"],
  node: ['//nodes/node', "[@uname='@@']"],
  status: ['/cib/status'],
  cib: ['/cib'],
};

/** `meta:p1:target-role` → `//primitive[@id='p1']/meta_attributes/nvpair[@name='target-role']`; undefined when it does not fit. */
export function expandAclShortcut(shortcut: string): string | undefined {
  const colon = shortcut.indexOf(':');
  const kind = colon < 0 ? shortcut : shortcut.slice(0, colon);
  const parts = ACL_SHORTCUTS[kind];
  if (!parts) return undefined;
  if (colon < 0) return parts[0]!.includes('@@') ? undefined : parts[0];
  let xpath = '';
  let i = 0;
  for (const word of shortcut.slice(colon + 1).split(':')) {
    // a piece without a placeholder is taken as it is and consumes no word
    if (parts[i] !== undefined && !parts[i]!.includes('@@')) xpath += parts[i++];
    const piece = parts[i++];
    if (piece === undefined) return undefined;
    xpath += piece.split('@@').join(word);
  }
  return xpath;
}

function aclXpath(r: AclRule): string | undefined {
  return r.xpath ?? (r.shortcut !== undefined ? expandAclShortcut(r.shortcut) : undefined);
}

function aclPermissions(r: AclRule): XmlElement[] {
  // one permission per kind of spec, as crmsh splits them
  const out: XmlElement[] = [];
  const xpath = aclXpath(r);
  if (xpath !== undefined) out.push(el('acl_permission', { kind: r.right, xpath }));
  if (r.ref !== undefined) out.push(el('acl_permission', { kind: r.right, reference: r.ref }));
  if (r.tag !== undefined) {
    const p = el('acl_permission', { kind: r.right, 'object-type': r.tag });
    if (r.attribute !== undefined) p.attrs.attribute = r.attribute;
    out.push(p);
  }
  return out;
}

function aclOldRule(r: AclRule): XmlElement {
  const attrs: Record<string, string> = {};
  const xpath = aclXpath(r);
  if (xpath !== undefined) attrs.xpath = xpath;
  if (r.ref !== undefined) attrs.ref = r.ref;
  if (r.tag !== undefined) attrs.tag = r.tag;
  if (r.attribute !== undefined) attrs.attribute = r.attribute;
  return el(r.right, attrs);
}

// ---------------------------------------------------------------------------
// statement → element tree (user ids only)

interface Built {
  element?: XmlElement;
  section: Section;
  diagnostics: Diagnostic[];
}

const SECTION_OF_TAG: Record<string, Section> = {
  node: 'nodes',
  primitive: 'resources',
  template: 'resources',
  group: 'resources',
  clone: 'resources',
  master: 'resources',
  bundle: 'resources',
  rsc_location: 'constraints',
  rsc_colocation: 'constraints',
  rsc_order: 'constraints',
  rsc_ticket: 'constraints',
  cluster_property_set: 'crm_config',
  rsc_defaults: 'rsc_defaults',
  op_defaults: 'op_defaults',
  'fencing-topology': 'fencing-topology',
  tag: 'tags',
  acl_role: 'acls',
  acl_target: 'acls',
  acl_group: 'acls',
  acl_user: 'acls',
  alert: 'alerts',
};

/** The section an element of this tag lives in, if it is a top-level configuration object. */
export function sectionOfTag(tag: string): Section | undefined {
  return SECTION_OF_TAG[tag];
}

/** Default set ids of property / rsc_defaults / op_defaults, as crmsh names them. */
export const DEFAULT_SET_ID = { property: 'cib-bootstrap-options', rsc_defaults: 'rsc-options', op_defaults: 'op-options' } as const;

/** Build the element tree of a statement, with only the ids the user wrote. */
export function buildElement(st: Statement, ctx: EncodeContext): Built {
  const d: Diagnostic[] = [];
  const s = ctx.schema;
  switch (st.kind) {
    case 'node': {
      const x = el('node');
      if (st.id !== undefined) x.attrs.id = st.id;
      x.attrs.uname = st.uname;
      if (st.type !== undefined) x.attrs.type = st.type;
      if (st.description !== undefined) x.attrs.description = st.description;
      x.children = st.sets.map((set) => nvset(set, ctx));
      return { element: x, section: 'nodes', diagnostics: d };
    }
    case 'primitive':
    case 'rsc_template':
      return { element: primitive(st, ctx), section: 'resources', diagnostics: d };
    case 'monitor': {
      const x = el('op', { name: 'monitor' });
      if (st.role !== undefined) x.attrs.role = role(st.role, s);
      x.attrs.interval = st.interval;
      if (st.timeout !== undefined) x.attrs.timeout = st.timeout;
      return { element: x, section: 'resources', diagnostics: d };
    }
    case 'group': {
      const x = el('group', { id: st.id });
      if (st.description !== undefined) x.attrs.description = st.description;
      x.children = [...st.sets.map((set) => nvset(set, ctx)), ...st.children.map((c) => el(REF, { id: c }))];
      return { element: x, section: 'resources', diagnostics: d };
    }
    case 'clone':
    case 'ms': {
      const x = el(st.kind === 'ms' ? 'master' : 'clone', { id: st.id });
      if (st.description !== undefined) x.attrs.description = st.description;
      x.children = [...st.sets.map((set) => nvset(set, ctx)), el(REF, { id: st.child })];
      if (st.kind === 'ms') toPromotableClone(x);
      return { element: x, section: 'resources', diagnostics: d };
    }
    case 'bundle':
      return { element: bundle(st, ctx), section: 'resources', diagnostics: d };
    case 'location': {
      const x = el('rsc_location', { id: st.id });
      if (st.target.kind === 'pattern') x.attrs['rsc-pattern'] = st.target.regex;
      else if (st.target.kind === 'rsc') x.attrs.rsc = st.target.id;
      else x.children.push(...resourceSets(st.target.items, 'role', s));
      for (const o of st.options) {
        const name = o.name.replace(/^\$/, '');
        if (o.value !== undefined) x.attrs[name] = name === 'role' ? role(o.value, s) : o.value;
      }
      if (st.score !== undefined) {
        const [k, v] = scoreAttr(st.score);
        x.attrs[k] = v;
        if (st.node !== undefined) x.attrs.node = st.node;
      }
      x.children.push(...st.rules.map((r) => rule(r, ctx)));
      return { element: x, section: 'constraints', diagnostics: d };
    }
    case 'colocation': {
      const x = el('rsc_colocation', { id: st.id });
      const [k, v] = scoreAttr(st.score);
      x.attrs[k] = v;
      for (const o of st.options) if (o.name === 'node-attribute' && o.value !== undefined) x.attrs['node-attribute'] = o.value.toLowerCase();
      if (isSimple(st.items, 2)) constraintRefs(st.items, [['rsc', 'rsc-role'], ['with-rsc', 'with-rsc-role']], 'role', s, x.attrs);
      else x.children = resourceSets(st.items, 'role', s);
      return { element: x, section: 'constraints', diagnostics: d };
    }
    case 'order': {
      const x = el('rsc_order', { id: st.id });
      if (st.score !== undefined) {
        const kind = orderKind(st.score);
        if (kind) x.attrs.kind = kind;
        else d.push(diag('error', 'invalid-kind', `invalid order kind '${st.score}'`, st.loc, st.id, 'use Mandatory, Optional, Serialize or a score'));
      }
      for (const o of st.options) {
        if (o.name === 'symmetrical' && o.value !== undefined) x.attrs.symmetrical = /^(true|yes|on|1|y)$/i.test(o.value) ? 'true' : 'false';
      }
      if (isSimple(st.items, 2)) constraintRefs(st.items, [['first', 'first-action'], ['then', 'then-action']], 'action', s, x.attrs);
      else x.children = resourceSets(st.items, 'action', s);
      return { element: x, section: 'constraints', diagnostics: d };
    }
    case 'rsc_ticket': {
      const x = el('rsc_ticket', { id: st.id, ticket: st.ticket });
      for (const o of st.options) if (o.name === 'loss-policy' && o.value !== undefined) x.attrs['loss-policy'] = o.value;
      if (isSimple(st.items, 1)) constraintRefs(st.items, [['rsc', 'rsc-role']], 'role', s, x.attrs);
      else x.children = resourceSets(st.items, 'role', s);
      return { element: x, section: 'constraints', diagnostics: d };
    }
    case 'property':
    case 'rsc_defaults':
    case 'op_defaults': {
      const set = el(st.kind === 'property' ? 'cluster_property_set' : 'meta_attributes');
      if (st.idRef !== undefined) set.attrs['id-ref'] = st.idRef;
      else set.attrs.id = st.setId ?? DEFAULT_SET_ID[st.kind];
      if (st.score !== undefined) set.attrs.score = st.score;
      set.children = [...st.rules.map((r) => rule(r, ctx)), ...st.pairs.map((p) => nvpair(p, s))];
      const section: Section = st.kind === 'property' ? 'crm_config' : st.kind;
      return { element: set, section, diagnostics: d };
    }
    case 'fencing_topology':
      return { element: fencingTopology(st, ctx.nodes), section: 'fencing-topology', diagnostics: d };
    case 'tag':
      return { element: el('tag', { id: st.id }, st.refs.map((r) => el('obj_ref', { id: r }))), section: 'tags', diagnostics: d };
    case 'user': {
      if (schemaAtLeast(s, 2, 0)) {
        // crmsh writes <acl_user>, which schema 2.0+ rejects: its successor is <acl_target>
        if (st.rules.length > 0) {
          d.push(diag('error', 'acl-user-rules', `user ${st.id}: rules directly on a user are not possible with ${s}`, st.rules[0]!.loc, st.id,
            `put the rules in a role (role r-${st.id} ...) and give it to the user: acl_target ${st.id} r-${st.id}`));
        }
        return { element: el('acl_target', { id: st.id }, st.roles.map((r) => el('role', { id: r }))), section: 'acls', diagnostics: d };
      }
      const x = el('acl_user', { id: st.id });
      x.children = [...st.roles.map((r) => el('role_ref', { id: r })), ...st.rules.map(aclOldRule)];
      return { element: x, section: 'acls', diagnostics: d };
    }
    case 'role': {
      for (const r of st.rules) {
        if (r.shortcut !== undefined && r.xpath === undefined && expandAclShortcut(r.shortcut) === undefined) {
          d.push(diag('error', 'acl-shortcut', `cannot expand the ACL shortcut '${r.shortcut}'`, r.loc, st.id,
            `shortcuts: ${Object.keys(ACL_SHORTCUTS).join(', ')}; e.g. meta:<rsc>:<attr>, params:<rsc>, location:<rsc>`));
        }
      }
      const x = el('acl_role', { id: st.id });
      // ACLs were rewritten in Pacemaker 1.1.12 (schema 2.0): acl_permission instead of read/write/deny
      x.children = schemaAtLeast(s, 2, 0) ? st.rules.flatMap(aclPermissions) : st.rules.map(aclOldRule);
      return { element: x, section: 'acls', diagnostics: d };
    }
    case 'acl_target':
    case 'acl_group':
      return { element: el(st.kind, { id: st.id }, st.roles.map((r) => el('role', { id: r }))), section: 'acls', diagnostics: d };
    case 'alert': {
      const x = el('alert', { id: st.id, path: st.path });
      if (st.description !== undefined) x.attrs.description = st.description;
      // sets and the select go in as written, as crmsh keeps them
      const parts: { offset: number; el: XmlElement }[] = st.sets.map((set) => ({ offset: set.loc.offset, el: nvset(set, ctx) }));
      if (st.select && (st.select.kinds.length > 0 || st.select.attributes !== undefined)) {
        const sel = el('select');
        const kinds = [...st.select.kinds];
        if (st.select.attributes && !kinds.includes('attributes')) kinds.push('attributes');
        for (const k of kinds) {
          const sk = el(`select_${k}`);
          if (k === 'attributes') sk.children = (st.select.attributes ?? []).map((name) => el('attribute', { name }));
          sel.children.push(sk);
        }
        parts.push({ offset: st.select.loc?.offset ?? Infinity, el: sel });
      }
      x.children = parts.sort((a, b) => a.offset - b.offset).map((p) => p.el);
      st.recipients.forEach((r, i) => {
        // crmsh numbers recipients itself, from 1
        const rx = el('recipient', { id: r.id ?? `${st.id}-recipient-${i + 1}`, value: r.value });
        if (r.description !== undefined) rx.attrs.description = r.description;
        rx.children = r.sets.map((set) => nvset(set, ctx));
        x.children.push(rx);
      });
      return { element: x, section: 'alerts', diagnostics: d };
    }
    case 'schema':
      return { section: 'cib', diagnostics: d };
    case 'xml': {
      let roots: XmlElement[];
      try {
        roots = parseXmlFragment(st.xml);
      } catch (e) {
        d.push(diag('error', 'xml-syntax', `cannot parse the XML: ${e instanceof XmlSyntaxError ? e.message : String(e)}`, st.loc));
        return { section: 'resources', diagnostics: d };
      }
      const root = roots[0];
      const section = root ? (root.name === 'meta_attributes' ? undefined : sectionOfTag(root.name)) : undefined;
      if (!root || roots.length !== 1 || !section) {
        d.push(diag('error', 'xml-element', root ? `element <${root.name}> is not a configuration object` : 'expected one XML element', st.loc, undefined,
          'write a CIB object such as <primitive>, <rsc_location> or <cluster_property_set>'));
        return { section: 'resources', diagnostics: d };
      }
      if (root.name === 'rsc_defaults' || root.name === 'op_defaults') {
        const set = root.children.find((c) => c.name === 'meta_attributes');
        if (!set) {
          d.push(diag('error', 'xml-element', `<${root.name}> holds no <meta_attributes>`, st.loc));
          return { section, diagnostics: d };
        }
        return { element: set, section, diagnostics: d };
      }
      return { element: root, section, diagnostics: d };
    }
  }
}

/** `<master>` → `<clone>` with `promotable=true` first in its first meta set (a new one when it has none). */
function toPromotableClone(x: XmlElement): void {
  x.name = 'clone';
  let meta = x.children.find((c) => c.name === 'meta_attributes' && c.attrs['id-ref'] === undefined);
  if (!meta) {
    meta = el('meta_attributes');
    x.children.unshift(meta);
  }
  if (!meta.children.some((c) => c.name === 'nvpair' && c.attrs.name === 'promotable')) meta.children.unshift(el('nvpair', { name: 'promotable', value: 'true' }));
}

// ---------------------------------------------------------------------------
// ids

const ROOT_PREFIX: Record<string, string> = {
  node: 'node',
  primitive: 'rsc',
  template: 'rsc',
  master: 'grp',
  group: 'grp',
  clone: 'grp',
  rsc_location: 'location',
  'fencing-topology': 'fencing',
  tags: 'tag',
  alerts: 'alert',
};
/** Elements that get no id of their own; their children take the parent's prefix. */
const IDLESS = new Set(['operations', 'fencing-topology', 'network', 'docker', 'rkt', 'podman', 'storage', 'select', 'select_attributes', 'select_fencing', 'select_nodes', 'select_resources']);
const IS_REF = new Set(['resource_ref', 'obj_ref', REF]);
/** What makes an old child "the same" as a new one, so that it keeps its id (crmsh's match list). */
const MATCH: Record<string, string[]> = {
  node: ['uname'],
  nvpair: ['name'],
  op: ['name', 'interval'],
  rule: ['score', 'score-attribute', 'role'],
  expression: ['attribute', 'operation', 'value'],
  'fencing-level': ['target', 'devices'],
  alert: ['path'],
  recipient: ['value'],
};

/**
 * Fill in missing ids under `root` as crmsh does: from the nearest ancestor's id, reusing the ids of
 * matching children of `old` (the element being replaced), and recording every id in `ids`.
 */
export function assignIds(root: XmlElement, old: XmlElement | undefined, ids: IdStore): void {
  // only a replaced object has old children to match (taken: each old child matches once)
  const taken = old ? new Set<XmlElement>() : undefined;
  const lookup = (node: XmlElement, oldParent: XmlElement): XmlElement | undefined => {
    const keys = [...(MATCH[node.name] ?? [])];
    if (node.attrs.id !== undefined) keys.push('id');
    return oldParent.children.find((c) => !taken!.has(c) && c.name === node.name && keys.every((k) => c.attrs[k] === node.attrs[k]));
  };
  const recurse = (node: XmlElement, oldParent: XmlElement | undefined, prefix: string): void => {
    const name = node.name;
    if (name === COMMENT) return;
    const attrs = node.attrs;
    const ref = oldParent ? lookup(node, oldParent) : undefined;
    if (!IS_REF.has(name) && attrs['id-ref'] === undefined && !IDLESS.has(name)) {
      const oldId = ref?.attrs.id;
      const id = attrs.id ?? oldId ?? attrs.uname;
      if (id !== undefined) {
        ids.add(id);
        attrs.id = id;
        if (ref && oldId === id) taken!.add(ref);
      } else attrs.id = ids.generate(name, prefix, attrs);
    }
    const kids = node.children;
    if (kids.length === 0) return;
    const next = name === 'node' && attrs.uname !== undefined ? attrs.uname : (attrs.id ?? prefix);
    const nextOld = ref ?? oldParent;
    for (let i = 0; i < kids.length; i++) recurse(kids[i]!, nextOld, next);
  };
  recurse(root, old, ROOT_PREFIX[root.name] ?? '');
}

/** `#` lines above a statement live inside its object, first, as crmsh keeps them. */
export function addComments(x: XmlElement, st: Statement): void {
  if (st.comments.length > 0) x.children.unshift(...st.comments.map((c) => ({ name: COMMENT, attrs: {}, children: [], text: c.trimEnd() })));
}

/** Replace member placeholders by copies of the members (the caller moves the originals). */
function resolveRefs(x: XmlElement, ctx: EncodeContext, st: Statement, d: Diagnostic[], refs: string[]): void {
  x.children = x.children.flatMap((c) => {
    if (c.name !== REF) return [c];
    const id = c.attrs.id ?? '';
    const found = ctx.lookup?.(id);
    if (!found) {
      d.push(diag('error', 'missing-ref', `${st.kind} ${'id' in st ? st.id : ''} refers to ${id}, which does not exist`, st.loc, id,
        `define ${id} (a primitive${st.kind === 'group' ? '' : ' or group'}) before or in the same load`));
      return [];
    }
    refs.push(id);
    return [cloneXml(found)];
  });
}

/**
 * Encode one statement as the CIB element(s) crmsh would write, ids included.
 * Container members are copied in from `ctx.lookup`; a `monitor` gives the `<op>` to add to `refs[0]`.
 */
export function encodeStatement(st: Statement, ctx: EncodeContext): EncodeResult {
  const built = buildElement(st, ctx);
  const diagnostics = built.diagnostics;
  const refs: string[] = [];
  const x = built.element;
  if (!x) return { elements: [], section: built.section, diagnostics, refs };
  if (st.kind === 'monitor') {
    refs.push(st.rsc);
    // named under the resource's id, as crmsh names it (before the op is placed)
    if (x.attrs.id === undefined) x.attrs.id = ctx.ids.generate('op', st.rsc, x.attrs);
    return { elements: [x], section: 'resources', diagnostics, refs };
  }
  assignIds(x, ctx.old, ctx.ids);
  if (x.name === 'group' || x.name === 'clone' || x.name === 'master' || x.name === 'bundle') resolveRefs(x, ctx, st, diagnostics, refs);
  addComments(x, st);
  return { elements: [x], section: built.section, diagnostics, refs };
}

/** crmsh's processing order: simple objects first, as crmsh creates them. */
const PROCESSING_ORDER: readonly (readonly string[])[] = [
  ['node'],
  ['template'],
  ['primitive'],
  ['bundle'],
  ['group'],
  ['master'],
  ['clone'],
  ['op'],
  ['tag'],
  ['rsc_location', 'rsc_colocation', 'rsc_order'],
  ['rsc_ticket', 'fencing-topology'],
  ['cluster_property_set'],
  ['rsc_defaults'],
  ['op_defaults'],
  ['acl_role'],
  ['acl_target', 'acl_group', 'acl_user'],
  ['alert'],
];
const RANK = new Map(PROCESSING_ORDER.flatMap((tags, rank) => tags.map((t) => [t, rank] as const)));

/** Which crmsh processing rank a statement has: simple objects first, as crmsh creates them. */
export function processingRank(tag: string): number {
  return RANK.get(tag) ?? 1000;
}
