/**
 * Apply configure statements to a whole CIB, as `crm configure load` does.
 *
 * - `update`: objects of the input replace the objects with the same id, or
 *   are added. Property, rsc_defaults and op_defaults sets are merged
 *   (nvpair by name) into the existing set of that id.
 * - `replace`: everything but the nodes is erased first, then the input is
 *   loaded; nodes of the input replace or join the existing ones.
 * - `push`: like update, and then every object (nodes included) that the
 *   input does not name is removed. Property sets named by the input are still
 *   merged, as crmsh does.
 *
 * The work follows crmsh's order, since that order decides generated ids: new
 * nodes, then new objects sorted by kind (primitives before groups before
 * clones before constraints ...), then replaced objects in input order.
 * Removed objects go last. Two deliberate differences: several `property`
 * lines for the same set are merged (crmsh refuses the file), and
 * `fencing_topology` without targets also sees nodes defined in the same input.
 *
 * @example
 *   const { cib, diagnostics } = applyStatements(parseXml(text), parseConfigure(crm).statements, 'update');
 *   if (!hasErrors(diagnostics)) await writeFile('cib.xml', serializeXml(cib));
 */
import type { Loc, MonitorStatement, NodeStatement, PropertyStatement, Statement } from '../../grammar/ast.js';
import type { Diagnostic } from '../../grammar/diagnostics.js';
import { addComments, assignIds, buildElement, DEFAULT_SET_ID, encodeStatement, processingRank, sectionOfTag, type EncodeContext, type Section } from './encode.js';
import { IdStore } from './ids.js';
import { DEFAULT_SCHEMA } from './schema.js';
import { cloneXml, type XmlElement } from './xml.js';

export type LoadMode = 'update' | 'replace' | 'push';

const RESOURCE_TAGS = new Set(['primitive', 'template', 'group', 'clone', 'master', 'bundle']);
const CONTAINER_TAGS = new Set(['group', 'clone', 'master', 'bundle']);
const NVSET_TAGS = new Set(['instance_attributes', 'meta_attributes', 'utilization']);
const FENCING_KEY = 'fencing_topology';
/** Elements whose `id` names another object instead of being their own. */
const REFERENCE_TAGS = new Set(['resource_ref', 'obj_ref', 'role_ref', 'role', 'crmsh-ref']);

function diag(severity: Diagnostic['severity'], code: string, message: string, loc: Loc, objectId?: string, hint?: string): Diagnostic {
  return {
    severity,
    code,
    message,
    line: loc.line,
    col: loc.col,
    length: Math.max(1, loc.endOffset - loc.offset),
    ...(objectId ? { objectId } : {}),
    ...(hint ? { hint } : {}),
  };
}

/**
 * The working document: the configuration, a parent map and an id index kept up to date.
 * Until an id is looked up that the index does not have, only what can hold objects is
 * indexed (sections, containers) with the objects themselves: the sets, ops and rules inside
 * them (most of a big load) are indexed the first time a lookup needs them ($id-ref).
 */
class Doc {
  readonly conf: XmlElement;
  private readonly parents = new Map<XmlElement, XmlElement>();
  private readonly byId = new Map<string, XmlElement>();
  private complete = false;

  constructor(readonly cib: XmlElement) {
    let conf = cib.children.find((c) => c.name === 'configuration');
    if (!conf) {
      conf = { name: 'configuration', attrs: {}, children: [] };
      cib.children.unshift(conf);
    }
    this.conf = conf;
    this.index(conf, cib);
  }

  index(el: XmlElement, parent: XmlElement): void {
    this.parents.set(el, parent);
    if (el.attrs.id !== undefined && !this.byId.has(el.attrs.id)) this.byId.set(el.attrs.id, el);
    if (this.complete || el === this.conf || parent === this.conf || CONTAINER_TAGS.has(el.name)) {
      for (const c of el.children) this.index(c, el);
    }
  }

  private unindex(el: XmlElement): void {
    this.parents.delete(el);
    if (el.attrs.id !== undefined && this.byId.get(el.attrs.id) === el) this.byId.delete(el.attrs.id);
    for (const c of el.children) this.unindex(c);
  }

  get(id: string): XmlElement | undefined {
    const hit = this.byId.get(id);
    if (hit !== undefined || this.complete) return hit;
    this.complete = true;
    this.index(this.conf, this.cib);
    return this.byId.get(id);
  }

  parent(el: XmlElement): XmlElement | undefined {
    return this.parents.get(el);
  }

  /** The section element, created at the end of the configuration when missing (as crmsh does). */
  section(name: Exclude<Section, 'cib'>): XmlElement {
    let s = this.conf.children.find((c) => c.name === name);
    if (!s) {
      s = { name, attrs: {}, children: [] };
      this.conf.children.push(s);
      this.parents.set(s, this.conf);
    }
    return s;
  }

  findSection(name: string): XmlElement | undefined {
    return this.conf.children.find((c) => c.name === name);
  }

  append(parent: XmlElement, el: XmlElement): void {
    parent.children.push(el);
    this.index(el, parent);
  }

  remove(el: XmlElement): void {
    const p = this.parents.get(el);
    if (p) p.children = p.children.filter((c) => c !== el);
    this.unindex(el);
  }

  replace(oldEl: XmlElement, newEl: XmlElement): void {
    const p = this.parents.get(oldEl);
    if (!p) return;
    this.unindex(oldEl);
    p.children = p.children.map((c) => (c === oldEl ? newEl : c));
    this.index(newEl, p);
  }

  nodeElements(): XmlElement[] {
    return this.findSection('nodes')?.children.filter((c) => c.name === 'node') ?? [];
  }

  nodeNames(): string[] {
    return this.nodeElements().map((n) => n.attrs.uname ?? n.attrs.id ?? '').filter((n) => n !== '');
  }

  /** A node by id or by name. */
  findNode(key: string): XmlElement | undefined {
    return this.nodeElements().find((n) => n.attrs.id === key) ?? this.nodeElements().find((n) => n.attrs.uname === key);
  }

  /** Every configuration object other than nodes, keyed as crmsh keys them. */
  objects(): Map<string, XmlElement> {
    const out = new Map<string, XmlElement>();
    const walkResources = (el: XmlElement): void => {
      for (const c of el.children) {
        if (!RESOURCE_TAGS.has(c.name)) continue;
        if (c.attrs.id !== undefined) out.set(c.attrs.id, c);
        walkResources(c);
      }
    };
    for (const s of this.conf.children) {
      switch (s.name) {
        case 'resources':
          walkResources(s);
          break;
        case 'fencing-topology':
          out.set(FENCING_KEY, s);
          break;
        case 'crm_config':
        case 'constraints':
        case 'rsc_defaults':
        case 'op_defaults':
        case 'tags':
        case 'acls':
        case 'alerts':
          for (const c of s.children) if (c.attrs.id !== undefined) out.set(c.attrs.id, c);
          break;
        default:
          break;
      }
    }
    return out;
  }
}

interface Entry {
  st: Statement;
  key: string;
  isNode: boolean;
  /** element tag deciding crmsh's processing order */
  tag: string;
  /** an `xml` statement's element, or a monitor's op (id made when read, as crmsh does) */
  prebuilt?: XmlElement;
  section?: Section;
}

/** The key a statement's object is known by: its id, a node's uname, a set's default id, `fencing_topology`. */
export function stmtKey(st: Statement): string | undefined {
  switch (st.kind) {
    case 'node':
      return st.id ?? st.uname;
    case 'property':
    case 'rsc_defaults':
    case 'op_defaults':
      return st.setId ?? st.idRef ?? DEFAULT_SET_ID[st.kind];
    case 'fencing_topology':
      return FENCING_KEY;
    case 'schema':
    case 'xml':
    case 'monitor':
      return undefined;
    default:
      return st.id;
  }
}

const TAG_OF_KIND: Partial<Record<Statement['kind'], string>> = {
  node: 'node',
  primitive: 'primitive',
  rsc_template: 'template',
  group: 'group',
  clone: 'clone',
  ms: 'master',
  bundle: 'bundle',
  location: 'rsc_location',
  colocation: 'rsc_colocation',
  order: 'rsc_order',
  rsc_ticket: 'rsc_ticket',
  property: 'cluster_property_set',
  rsc_defaults: 'rsc_defaults',
  op_defaults: 'op_defaults',
  fencing_topology: 'fencing-topology',
  tag: 'tag',
  user: 'acl_target',
  role: 'acl_role',
  acl_target: 'acl_target',
  acl_group: 'acl_group',
  alert: 'alert',
  monitor: 'op',
};

/** Same-name nvpairs take the new attributes; others are appended (crmsh's merge of attribute sets). */
function mergeNvpairs(doc: Doc, into: XmlElement, from: XmlElement, tag = 'nvpair', matchKeys = ['name']): void {
  for (const sc of from.children.filter((c) => c.name === tag)) {
    const dc = into.children.find((c) => c.name === tag && matchKeys.every((k) => c.attrs[k] === sc.attrs[k]));
    if (dc) {
      for (const [k, v] of Object.entries(sc.attrs)) if (k !== 'id') dc.attrs[k] = v;
    } else doc.append(into, cloneXml(sc));
  }
}

/**
 * Apply configure statements to a whole `<cib>` document; returns a new document (the input is untouched).
 * Errors are returned as diagnostics; with any error the caller should not commit the result.
 */
export function applyStatements(
  cib: XmlElement,
  statements: Statement[],
  mode: LoadMode,
  opts: { file?: string; resolveAgent?: EncodeContext['resolveAgent'] } = {},
): { cib: XmlElement; diagnostics: Diagnostic[] } {
  // the configuration is edited in a copy; the status section is not touched, so it is shared
  const out: XmlElement = { ...cib, attrs: { ...cib.attrs }, children: cib.children.map((c) => (c.name === 'status' ? c : cloneXml(c))) };
  const diagnostics: Diagnostic[] = [];
  const doc = new Doc(out);

  for (const st of statements) if (st.kind === 'schema') out.attrs['validate-with'] = st.name;
  const schema = out.attrs['validate-with'] ?? DEFAULT_SCHEMA;

  if (mode === 'replace') {
    // crmsh erases every object but the nodes; the sections themselves stay
    for (const s of [...doc.conf.children]) {
      if (s.name === 'nodes') continue;
      if (s.name === 'fencing-topology') doc.remove(s);
      else for (const c of [...s.children]) doc.remove(c);
    }
  }

  const ids = IdStore.of(doc.conf);
  // node names change only while nodes are applied (step 2): read them once per step
  let nodeNames: string[] | undefined;
  const lookup = (id: string): XmlElement | undefined => doc.get(id);
  const ctx = (old?: XmlElement): EncodeContext => {
    const c: EncodeContext = { ids, schema, nodes: (nodeNames ??= doc.nodeNames()), lookup };
    if (opts.resolveAgent) c.resolveAgent = opts.resolveAgent;
    if (old) c.old = old;
    return c;
  };

  // 1. read the input: one entry per object id, as crmsh's CibDiff does
  const entries: Entry[] = [];
  const seen = new Map<string, Entry>();
  for (const st of statements) {
    if (st.kind === 'schema') continue;
    if (st.kind === 'monitor') {
      // crmsh makes a monitor's op id while reading the input, before anything is created
      const r = encodeStatement(st, ctx());
      diagnostics.push(...r.diagnostics);
      const op = r.elements[0];
      if (op) entries.push({ st, key: op.attrs.id ?? '', isNode: false, tag: 'op', prebuilt: op });
      continue;
    }
    let key = stmtKey(st);
    let tag = TAG_OF_KIND[st.kind] ?? '';
    let prebuilt: XmlElement | undefined;
    let section: Section | undefined;
    if (st.kind === 'xml') {
      const b = buildElement(st, ctx());
      diagnostics.push(...b.diagnostics);
      if (!b.element) continue;
      addComments(b.element, st);
      prebuilt = b.element;
      section = b.section;
      tag = section === 'rsc_defaults' || section === 'op_defaults' ? section : b.element.name;
      key = tag === 'fencing-topology' ? FENCING_KEY : (b.element.attrs.id ?? (tag === 'cluster_property_set' ? DEFAULT_SET_ID.property : undefined));
      if (section === 'rsc_defaults' || section === 'op_defaults') key ??= section === 'rsc_defaults' ? DEFAULT_SET_ID.rsc_defaults : DEFAULT_SET_ID.op_defaults;
      if (key === undefined) {
        diagnostics.push(diag('error', 'missing-id', `<${b.element.name}> has no id`, st.loc, undefined, 'add an id="..." attribute'));
        continue;
      }
    }
    if (key === undefined) continue;
    const isNode = st.kind === 'node' || tag === 'node';
    const nsKey = `${isNode ? 'n' : 'r'}:${key}`;
    const prev = seen.get(nsKey);
    if (prev) {
      if ((st.kind === 'property' || st.kind === 'rsc_defaults' || st.kind === 'op_defaults') && prev.st.kind === st.kind) {
        // several lines for one set: merged (crmsh refuses the whole file here)
        const p = prev.st as PropertyStatement;
        prev.st = { ...p, rules: [...p.rules, ...st.rules], pairs: [...p.pairs, ...st.pairs] };
        continue;
      }
      diagnostics.push(diag('error', 'duplicate-id', `${key} is defined twice in the input (first on line ${prev.st.loc.line})`, st.loc, key, 'give each object its own id'));
      continue;
    }
    const e: Entry = { st, key, isNode, tag, ...(prebuilt ? { prebuilt } : {}), ...(section ? { section } : {}) };
    seen.set(nsKey, e);
    entries.push(e);
  }

  // Every id goes through the id store, which never generates a used one: a duplicate is
  // possible only once the store saw a given id that was taken (a clash).
  const mayClash = (): boolean => ids.clashes.size > 0;

  // which statement put which ids in, to place duplicate-id errors; only needed once a clash is
  // possible (the culprit is the latest statement holding the id, recorded after the clash)
  const idsBy: { st: Statement; ids: Set<string> }[] = [];
  const record = (st: Statement, el: XmlElement): void => {
    if (!mayClash()) return;
    const s = new Set<string>();
    const walk = (x: XmlElement): void => {
      if (x.attrs.id !== undefined) s.add(x.attrs.id);
      x.children.forEach(walk);
    };
    walk(el);
    idsBy.push({ st, ids: s });
  };

  // 2. nodes first (crmsh runs them as a set of their own)
  const nodeEntries = entries.filter((e) => e.isNode);
  const inputNodes = new Set<XmlElement>();
  const nodesToUpdate: { e: Entry; old: XmlElement }[] = [];
  for (const e of nodeEntries) {
    const old = doc.findNode(e.key) ?? (e.st.kind === 'node' ? doc.findNode(e.st.uname) : undefined);
    if (old) {
      inputNodes.add(old);
      // keyed by its id: replaced; known under another id (a real cluster's numeric ids): merged
      if (old.attrs.id === e.key) nodesToUpdate.push({ e, old });
      else {
        const x = nodeElement(e, ctx());
        mergeNode(doc, old, x);
        record(e.st, old);
      }
      continue;
    }
    const x = nodeElement(e, ctx());
    doc.append(doc.section('nodes'), x);
    inputNodes.add(x);
    record(e.st, x);
  }
  for (const { e, old } of nodesToUpdate) {
    const x = nodeElement(e, ctx(old));
    doc.replace(old, x);
    inputNodes.add(x);
    record(e.st, x);
  }
  if (mode === 'push') for (const n of doc.nodeElements()) if (!inputNodes.has(n)) doc.remove(n);
  nodeNames = undefined;

  // 3. everything else
  const existing = doc.objects();
  const rscEntries = entries.filter((e) => !e.isNode);
  const inputKeys = new Set(rscEntries.map((e) => e.key));
  const toCreate: Entry[] = [];
  const toUpdate: { e: Entry; old: XmlElement }[] = [];
  for (const e of rscEntries) {
    if (e.tag === 'op') {
      toCreate.push(e);
      continue;
    }
    const old = existing.get(e.key);
    if (!old) {
      toCreate.push(e);
      continue;
    }
    const oldSection = old.name === 'fencing-topology' ? 'fencing-topology' : doc.parent(old)?.name;
    const newSection = e.section ?? sectionOfTag(e.tag);
    const sameSection = oldSection === newSection || (newSection === 'resources' && RESOURCE_TAGS.has(old.name));
    if (!sameSection) {
      diagnostics.push(diag('error', 'duplicate-id', `${e.key} is already used by a <${old.name}> in the CIB`, e.st.loc, e.key, 'choose another id, or delete the other object first'));
      continue;
    }
    toUpdate.push({ e, old });
  }

  const toDelete: XmlElement[] = mode === 'push' ? [...existing.entries()].filter(([k]) => !inputKeys.has(k)).map(([, v]) => v) : [];
  const isConstraint = (x: XmlElement): boolean => doc.parent(x)?.name === 'constraints';
  const removeObject = (x: XmlElement): void => {
    if (!doc.parent(x)) return;
    if (CONTAINER_TAGS.has(x.name)) {
      // members outlive their container: back to the top level (crmsh relinks them)
      for (const c of x.children.filter((k) => RESOURCE_TAGS.has(k.name))) {
        doc.remove(c);
        doc.append(doc.section('resources'), c);
      }
    }
    ids.removeTree(x);
    doc.remove(x);
  };
  // constraints and containers go first, in case objects move elsewhere
  for (const x of toDelete.filter(isConstraint)) removeObject(x);
  for (const x of toDelete.filter((k) => CONTAINER_TAGS.has(k.name))) removeObject(x);

  const sorted = toCreate.map((e, i) => ({ e, i, rank: processingRank(e.tag) })).sort((a, b) => a.rank - b.rank || a.i - b.i);
  for (const { e } of sorted) create(e);
  for (const { e, old } of toUpdate) update(e, old);
  for (const x of toDelete) removeObject(x);

  // user-given ids that clash with other ids (none can when the id store saw no clash)
  if (!mayClash()) return { cib: out, diagnostics };
  const counts = new Map<string, number>();
  const count = (x: XmlElement): void => {
    // a node's id is not an XML ID in the schema: a remote node shares its id with its connection resource
    if (x.attrs.id !== undefined && !REFERENCE_TAGS.has(x.name) && x.name !== 'node') counts.set(x.attrs.id, (counts.get(x.attrs.id) ?? 0) + 1);
    x.children.forEach(count);
  };
  count(doc.conf);
  for (const [id, n] of counts) {
    if (n < 2) continue;
    const culprit = [...idsBy].reverse().find((r) => r.ids.has(id));
    if (culprit) {
      diagnostics.push(diag('error', 'duplicate-id', `id ${id} is used more than once in the CIB`, culprit.st.loc, id, 'ids must be unique across the whole CIB: rename one of them'));
    }
  }
  return { cib: out, diagnostics };

  function nodeElement(e: Entry, c: EncodeContext): XmlElement {
    if (e.prebuilt) {
      const x = cloneXml(e.prebuilt);
      assignIds(x, c.old, c.ids);
      return x;
    }
    const r = encodeStatement(e.st as NodeStatement, c);
    diagnostics.push(...r.diagnostics);
    return r.elements[0]!;
  }

  function encodeEntry(e: Entry, old?: XmlElement): { el?: XmlElement; refs: string[]; section: Section } {
    if (e.prebuilt) {
      const x = cloneXml(e.prebuilt);
      assignIds(x, old, ids);
      return { el: x, refs: [], section: e.section ?? 'resources' };
    }
    const r = encodeStatement(e.st, ctx(old));
    if (r.diagnostics.length > 0) diagnostics.push(...r.diagnostics);
    const out: { el?: XmlElement; refs: string[]; section: Section } = { refs: r.refs, section: r.section };
    if (r.elements[0]) out.el = r.elements[0];
    return out;
  }

  /** Members copied into a new container leave their old place; a member of another container is an error (as in crmsh). */
  function moveMembers(st: Statement, refs: string[], container: XmlElement): void {
    for (const id of refs) {
      const orig = doc.get(id);
      if (!orig || isInside(orig, container)) continue;
      const holder = doc.parent(orig);
      if (holder && CONTAINER_TAGS.has(holder.name)) {
        diagnostics.push(diag('error', 'member-elsewhere', `${id} is already in ${holder.name} ${holder.attrs.id ?? ''}; it cannot also be in ${container.attrs.id ?? ''}`, st.loc, id,
          `take ${id} out of ${holder.attrs.id ?? 'it'} first (or put the whole ${holder.name} in ${container.attrs.id ?? 'the new container'})`));
        // drop the copy, so that this one error does not also show as a duplicate id
        container.children = container.children.filter((c) => c.attrs.id !== id);
        continue;
      }
      doc.remove(orig);
    }
    doc.index(container, doc.parent(container) ?? doc.conf);
  }

  function isInside(x: XmlElement, root: XmlElement): boolean {
    for (let p: XmlElement | undefined = x; p; p = doc.parent(p)) if (p === root) return true;
    return false;
  }

  function create(e: Entry): void {
    if (e.tag === 'op') return addMonitor(e);
    const { el, refs, section } = encodeEntry(e);
    if (!el || section === 'cib') return;
    if (section === 'fencing-topology') {
      doc.append(doc.conf, el);
    } else {
      doc.append(doc.section(section), el);
    }
    if (refs.length > 0) moveMembers(e.st, refs, el);
    record(e.st, el);
  }

  function update(e: Entry, old: XmlElement): void {
    if (e.st.kind === 'property' || e.st.kind === 'rsc_defaults' || e.st.kind === 'op_defaults' || ((e.tag === 'cluster_property_set' || e.tag === 'rsc_defaults' || e.tag === 'op_defaults') && e.prebuilt)) {
      // crmsh merges sets on update and push; their rules are not merged
      const { el } = encodeEntry(e, old);
      if (!el) return;
      mergeNvpairs(doc, old, el);
      if (el.children.some((c) => c.name === 'rule') && e.st.kind !== 'xml') {
        diagnostics.push(diag('warning', 'rules-not-merged', `the rules given for the existing set ${e.key} were not applied (crmsh does the same)`, e.st.loc, e.key,
          `delete ${e.key} first, or use a new set name`));
      }
      record(e.st, old);
      return;
    }
    const oldMembers = CONTAINER_TAGS.has(old.name) ? old.children.filter((c) => RESOURCE_TAGS.has(c.name)) : [];
    const { el, refs } = encodeEntry(e, old);
    if (!el) return;
    doc.replace(old, el);
    if (refs.length > 0) moveMembers(e.st, refs, el);
    // members dropped from a container go back to the top level
    for (const m of oldMembers) {
      if (m.attrs.id !== undefined && !refs.includes(m.attrs.id)) doc.append(doc.section('resources'), m);
    }
    record(e.st, el);
  }

  function addMonitor(e: Entry): void {
    const st = e.st as MonitorStatement;
    const op = cloneXml(e.prebuilt!);
    const rsc = doc.get(st.rsc);
    if (!rsc || !RESOURCE_TAGS.has(rsc.name)) {
      diagnostics.push(diag('error', 'missing-target', `monitor: there is no resource ${st.rsc}`, st.loc, st.rsc, 'define the primitive before adding a monitor to it'));
      return;
    }
    if (rsc.name !== 'primitive') {
      diagnostics.push(diag('error', 'missing-target', `monitor: ${st.rsc} is a ${rsc.name}, not a primitive`, st.loc, st.rsc, 'add monitors to primitives only'));
      return;
    }
    let ops = rsc.children.find((c) => c.name === 'operations');
    const want = intervalMs(op.attrs.interval);
    const clash = ops?.children.find((c) => c.name === 'op' && c.attrs.name === 'monitor' && (c.attrs.interval === op.attrs.interval || (want !== undefined && intervalMs(c.attrs.interval) === want)));
    if (clash) {
      diagnostics.push(diag('error', 'op-exists', `${st.rsc} already has a monitor op with interval ${op.attrs.interval}`, st.loc, st.rsc, 'change the interval or edit the existing op'));
      return;
    }
    if (!ops) {
      ops = { name: 'operations', attrs: {}, children: [] };
      doc.append(rsc, ops);
    }
    doc.append(ops, op);
    // the `#` lines above a monitor go into its primitive, first, as crmsh puts them
    addComments(rsc, st);
    record(st, op);
  }
}

/** An interval in milliseconds as Pacemaker reads it (`10` = `10s` = `10000ms`); undefined when unreadable. */
export function intervalMs(v: string | undefined): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?\s*$/i.exec(v ?? '0');
  if (!m) return undefined;
  const factor: Record<string, number> = { ms: 1, msec: 1, us: 0.001, usec: 0.001, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, hr: 3_600_000 };
  return Number(m[1]) * factor[(m[2] ?? 's').toLowerCase()]!;
}

/** crmsh's merge of a node definition into a node known under another id: sets merge, the rest stays. */
function mergeNode(doc: Doc, into: XmlElement, from: XmlElement): void {
  for (const sc of from.children) {
    const dc = into.children.find((c) => c.name === sc.name);
    if (!dc) {
      if (NVSET_TAGS.has(sc.name)) doc.append(into, cloneXml(sc));
    } else if (NVSET_TAGS.has(dc.name)) mergeNvpairs(doc, dc, sc);
  }
}
