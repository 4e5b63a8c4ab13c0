/**
 * Semantic checks on a whole CIB: what the schema cannot say (references,
 * uniqueness across sections, agent parameters) and what it says in terms
 * a user cannot act on (a RelaxNG error about "interleave" instead of "score
 * `infinity` is not a score"). Pure: agent metadata comes in through a
 * lookup the caller has already filled.
 *
 * Checks live in one list (CHECKS), each a function of a shared index, so a
 * new check is one more entry (Langium's ValidationChecks, flattened). Every
 * diagnostic names the top-level object it is about (`objectId`) and takes
 * line/col from where that object was written.
 *
 * @example
 *   const ds = checkCib(parseXml(cibText), {
 *     locations: new Map([['c1', { line: 7, col: 1 }]]),
 *     agents: (spec) => metadataBySpec.get(`${spec.class}:${spec.provider}:${spec.type}`),
 *     onlyIds: new Set(['c1']),
 *   });
 *   // [{ severity: 'error', code: 'missing-ref', objectId: 'c1', line: 7, col: 1,
 *   //    message: 'colocation c1 refers to resource db, which does not exist' }]
 */
import type { Diagnostic, Severity } from '../../grammar/diagnostics.js';
import { suggest } from '../../grammar/suggest.js';
import type { AgentMetadata } from '../pacemaker/ra.js';
import { rejectedProperty } from './legacy.js';
import { child, children, type XmlElement } from './xml.js';

export interface CheckOptions {
  /** where each object was written: id → loc (from the statements), so diagnostics carry line/col */
  locations?: Map<string, { line: number; col: number }>;
  /** agent metadata lookup (already loaded); undefined = agent unknown/not installed */
  agents?: (spec: { class: string; provider?: string; type: string }) => AgentMetadata | undefined | null;
  /** unknown/missing RA parameters become errors instead of warnings */
  strictParams?: boolean;
  /** cluster property names the target Pacemaker knows; default: Pacemaker 2.1.5's (CLUSTER_PROPERTIES) */
  knownProperties?: ReadonlySet<string>;
  /** every installed agent as a full spec (ra.ts listAllAgents), for "did you mean" on one that is not installed */
  installedAgents?: readonly string[];
}

/**
 * Cluster properties of Pacemaker 2.1.5: the parameters in the metadata of
 * pacemaker-controld, pacemaker-schedulerd and pacemaker-based (49), plus the
 * old names the controller still accepts (its binary holds them:
 * crmd-transition-delay, crmd-integration-timeout, crmd-finalization-timeout)
 * and last-lrm-refresh, which it writes itself.
 */
export const CLUSTER_PROPERTIES: ReadonlySet<string> = new Set([
  'batch-limit', 'cluster-delay', 'cluster-infrastructure', 'cluster-ipc-limit', 'cluster-name', 'cluster-recheck-interval',
  'concurrent-fencing', 'dc-deadtime', 'dc-version', 'election-timeout', 'enable-acl', 'enable-startup-probes',
  'fence-reaction', 'have-watchdog', 'join-finalization-timeout', 'join-integration-timeout', 'load-threshold',
  'maintenance-mode', 'migration-limit', 'no-quorum-policy', 'node-action-limit', 'node-health-base',
  'node-health-green', 'node-health-red', 'node-health-strategy', 'node-health-yellow', 'pe-error-series-max',
  'pe-input-series-max', 'pe-warn-series-max', 'placement-strategy', 'priority-fencing-delay', 'remove-after-stop',
  'shutdown-escalation', 'shutdown-lock', 'shutdown-lock-limit', 'start-failure-is-fatal', 'startup-fencing',
  'stonith-action', 'stonith-enabled', 'stonith-max-attempts', 'stonith-timeout', 'stonith-watchdog-timeout',
  'stop-all-resources', 'stop-orphan-actions', 'stop-orphan-resources', 'symmetric-cluster', 'transition-delay',
  'crmd-transition-delay', 'crmd-integration-timeout', 'crmd-finalization-timeout', 'last-lrm-refresh',
]);

// ---------------------------------------------------------------- the index

const RESOURCE = new Set(['primitive', 'group', 'clone', 'master', 'bundle']);
const CONTAINER = new Set(['group', 'clone', 'master', 'bundle']);
const CONSTRAINT = new Set(['rsc_location', 'rsc_colocation', 'rsc_order', 'rsc_ticket']);
const TOP_IN: Record<string, ReadonlySet<string>> = {
  crm_config: new Set(['cluster_property_set']),
  nodes: new Set(['node']),
  constraints: CONSTRAINT,
  rsc_defaults: new Set(['meta_attributes']),
  op_defaults: new Set(['meta_attributes']),
  'fencing-topology': new Set(['fencing-level']),
  tags: new Set(['tag']),
  acls: new Set(['acl_target', 'acl_group', 'acl_role', 'acl_user']),
  alerts: new Set(['alert']),
};

/** One element with an id, and the object it belongs to. */
interface Entry {
  el: XmlElement;
  /** the top-level object (or nested resource) this element is part of */
  owner: XmlElement;
  parent: XmlElement | undefined;
}

interface Index {
  cib: XmlElement;
  configuration: XmlElement;
  /** id → the element carrying it, or every element carrying it (in document order) when there are several; see idEntries */
  ids: Map<string, Entry | Entry[]>;
  /** every element inside an object, with its owner object and parent, in document order */
  entries: Entry[];
  /** a resource's (or template's) parent: a container, or the resources section */
  parents: Map<XmlElement, XmlElement | undefined>;
  /** resources (any depth) and templates, by id */
  resources: Map<string, XmlElement>;
  templates: Map<string, XmlElement>;
  tags: Set<string>;
  /** node names a location may name: unames, ids, remote and guest nodes */
  nodeNames: Set<string>;
  /** ids of bundles, whose replicas become nodes named `<bundle>-<n>` */
  bundles: Set<string>;
  /** [major, minor] of validate-with; undefined = current schema */
  schema: [number, number] | undefined;
}

/** Every element carrying `id`, in document order. */
function idEntries(idx: Index, id: string): Entry[] {
  const found = idx.ids.get(id);
  return found === undefined ? [] : Array.isArray(found) ? found : [found];
}

function isObject(el: XmlElement, parent: XmlElement | undefined): boolean {
  if (RESOURCE.has(el.name) || el.name === 'template') return true;
  return parent !== undefined && (TOP_IN[parent.name]?.has(el.name) ?? false);
}

function buildIndex(cib: XmlElement): Index | undefined {
  const configuration = cib.name === 'configuration' ? cib : child(cib, 'configuration');
  if (!configuration) return undefined;
  const idx: Index = {
    cib,
    configuration,
    ids: new Map(),
    entries: [],
    parents: new Map(),
    resources: new Map(),
    templates: new Map(),
    tags: new Set(),
    nodeNames: new Set(),
    bundles: new Set(),
    schema: schemaVersion(cib.attrs['validate-with']),
  };
  const walk = (el: XmlElement, parent: XmlElement | undefined, owner: XmlElement | undefined): void => {
    const obj = isObject(el, parent);
    const own = obj ? el : owner;
    if (own) {
      const entry: Entry = { el, owner: own, parent };
      idx.entries.push(entry);
      if (RESOURCE.has(el.name) || el.name === 'template') idx.parents.set(el, parent);
      const id = el.attrs.id;
      // node ids are corosync's numbers or unames (nodes-3.9.rng: text, not ID): unique among nodes only
      const isNode = el.name === 'node' && parent?.name === 'nodes';
      if (id !== undefined && !isNode && el.name !== 'resource_ref' && el.name !== 'obj_ref' && !isRoleRef(el, parent)) {
        // one entry per id (nearly all of them); an array only for a duplicate
        const had = idx.ids.get(id);
        if (had === undefined) idx.ids.set(id, entry);
        else if (Array.isArray(had)) had.push(entry);
        else idx.ids.set(id, [had, entry]);
      }
    }
    // what carries these ids (resources, templates, tags, nodes) is an object itself
    const id = obj ? el.attrs.id : undefined;
    if (id !== undefined) {
      if (RESOURCE.has(el.name) && !idx.resources.has(id)) idx.resources.set(id, el);
      if (el.name === 'template') idx.templates.set(id, el);
      if (el.name === 'tag' && parent?.name === 'tags') idx.tags.add(id);
      if (el.name === 'bundle') idx.bundles.add(id);
      if (el.name === 'node' && parent?.name === 'nodes') {
        idx.nodeNames.add(id);
        if (el.attrs.uname) idx.nodeNames.add(el.attrs.uname);
      }
      if (el.name === 'primitive' && el.attrs.class === 'ocf' && el.attrs.provider === 'pacemaker' && el.attrs.type === 'remote') {
        idx.nodeNames.add(id);
      }
    }
    // a guest node is named by its resource's remote-node meta attribute
    else if (el.name === 'nvpair' && el.attrs.name === 'remote-node' && el.attrs.value && parent?.name === 'meta_attributes') {
      idx.nodeNames.add(el.attrs.value);
    }
    const kids = el.children;
    for (let i = 0; i < kids.length; i++) walk(kids[i]!, el, own);
  };
  for (const section of configuration.children) walk(section, configuration, undefined);
  return idx;
}

/** `<role id="r"/>` inside acl_target/acl_group (and acls-1.2's `<role_ref id="r"/>`) is a reference, not a definition. */
function isRoleRef(el: XmlElement, parent: XmlElement | undefined): boolean {
  if (el.name === 'role_ref') return true;
  return el.name === 'role' && (parent?.name === 'acl_target' || parent?.name === 'acl_group' || parent?.name === 'acl_user');
}

function schemaVersion(validateWith: string | undefined): [number, number] | undefined {
  const m = /^pacemaker-(\d+)\.(\d+)$/.exec(validateWith ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

// ---------------------------------------------------------------- reporting

interface Ctx {
  idx: Index;
  opts: CheckOptions & { onlyIds?: Set<string> };
  out: Diagnostic[];
  /** paramValues of each primitive, with and without what its template gives (three checks ask) */
  params?: { own: Map<XmlElement, [string, string][]>; inherited: Map<XmlElement, [string, string][]> };
  /** agentInfo of each primitive and template (two checks ask) */
  agents?: Map<XmlElement, AgentInfo | undefined>;
}

/** The names an object may be known by in `locations` / `onlyIds`: its id, a node's uname, fencing_topology. */
function objectKeys(owner: XmlElement): string[] {
  const keys: string[] = [];
  if (owner.attrs.id !== undefined) keys.push(owner.attrs.id);
  if (owner.name === 'node' && owner.attrs.uname !== undefined) keys.push(owner.attrs.uname);
  if (owner.name === 'fencing-level') keys.push('fencing_topology');
  return keys;
}

function concerns(ctx: Ctx, owner: XmlElement): boolean {
  const only = ctx.opts.onlyIds;
  return only === undefined || objectKeys(owner).some((k) => only.has(k));
}

function where(ctx: Ctx, owner: XmlElement): { line: number; col: number } {
  return placeOf(owner, ctx.opts.locations);
}

/** Where `owner` was written, by any name it may be known by; 0:0 when not known. */
function placeOf(owner: XmlElement, locations: CheckOptions['locations']): { line: number; col: number } {
  for (const k of objectKeys(owner)) {
    const loc = locations?.get(k);
    if (loc) return { line: loc.line, col: loc.col };
  }
  return { line: 0, col: 0 };
}

/** Add a diagnostic about `owner`, if it is one of the user's objects (or `always`, when the caller already knows). */
function report(ctx: Ctx, owner: XmlElement, severity: Severity, code: string, message: string, hint?: string, always = false): void {
  if (!always && !concerns(ctx, owner)) return;
  const objectId = objectKeys(owner)[0];
  ctx.out.push({
    severity,
    code,
    message,
    ...where(ctx, owner),
    ...(hint !== undefined ? { hint } : {}),
    ...(objectId !== undefined ? { objectId } : {}),
  });
}

/** How an object is named in messages: `colocation c1`, `primitive p1`, `node node1`. */
function describe(el: XmlElement): string {
  const word: Record<string, string> = {
    rsc_location: 'location',
    rsc_colocation: 'colocation',
    rsc_order: 'order',
    rsc_ticket: 'rsc_ticket',
    template: 'rsc_template',
    master: 'ms',
    cluster_property_set: 'property set',
  };
  // a fencing level's id is made up (fencing_topology has no ids to write): it is known by its place
  if (el.name === 'fencing-level') {
    const target = el.attrs.target ?? el.attrs['target-pattern'] ?? (el.attrs['target-attribute'] !== undefined ? `${el.attrs['target-attribute']}=${el.attrs['target-value'] ?? ''}` : undefined);
    return `fencing_topology level ${el.attrs.index ?? '?'}${target !== undefined ? ` of ${target}` : ''}`;
  }
  const name = el.name === 'node' ? (el.attrs.uname ?? el.attrs.id) : el.attrs.id;
  return `${word[el.name] ?? el.name}${name !== undefined ? ` ${name}` : ''}`;
}

function inContainer(e: Entry): boolean {
  return e.parent !== undefined && CONTAINER.has(e.parent.name);
}

// ---------------------------------------------------------------- did you mean

const didYouMean = (word: string, candidates: Iterable<string>): string | undefined => {
  const s = suggest(word, candidates);
  return s !== undefined ? `did you mean ${s}?` : undefined;
};

// ---------------------------------------------------------------- the checks

/** XML ids are NCNames (schema type ID): Pacemaker rejects anything else. */
const NCNAME = /^[\p{L}_][\p{L}\p{N}_.\-\u00B7\u0300-\u036F\u203F-\u2040]*$/u;
/** The ASCII ids nearly every CIB has only: valid NCNames, told apart without the Unicode classes. */
const ASCII_NCNAME = /^[A-Za-z_][\w.-]*$/;

function checkIds(ctx: Ctx): void {
  const nodeIds = new Map<string, XmlElement>();
  for (const n of children(child(ctx.idx.configuration, 'nodes') ?? ctx.idx.configuration, 'node')) {
    const id = n.attrs.id;
    if (id === undefined) continue;
    const other = nodeIds.get(id);
    if (other) report(ctx, n, 'error', 'duplicate-id', `node id ${id} is already used by ${describe(other)}`, 'each node has its own id');
    else nodeIds.set(id, n);
  }
  // (forEach, not for-of: no entry array per id, ~11,000 of them in a big CIB)
  ctx.idx.ids.forEach((found, id) => {
    const first = Array.isArray(found) ? found[0]! : found;
    if (!ASCII_NCNAME.test(id) && !NCNAME.test(id)) {
      report(ctx, first.owner, 'error', 'invalid-id', `"${id}" is not a valid id: ids start with a letter or _ and contain only letters, digits, _, - and .`);
    }
    // nearly every id is used once: no array made for those
    if (Array.isArray(found)) reportDuplicateId(ctx, id, found);
  });
}

/** An id used by several elements (`entries`, in document order). */
function reportDuplicateId(ctx: Ctx, id: string, entries: Entry[]): void {
  const first = entries[0]!;
  // the diagnostic goes to an object the user wrote (the later one when both are), naming the other
  if (RESOURCE.has(first.el.name) && entries.every((e) => e.el.name === first.el.name) && entries.some((e) => inContainer(e))) {
    // the same resource nested in two places: say so in terms of the containers the user wrote
    const holder = (e: Entry): XmlElement => (inContainer(e) ? e.parent! : e.el);
    const mine = [...entries].reverse().find((e) => concerns(ctx, holder(e)) || concerns(ctx, e.el));
    if (!mine) return;
    if (entries.every((e) => e.parent === first.parent)) {
      report(ctx, holder(mine), 'error', 'duplicate-member', `${describe(first.parent!)} lists ${id} more than once`, 'list each member once', true);
      return;
    }
    const places = entries.map((e) => (inContainer(e) ? describe(e.parent!) : 'the top level'));
    report(
      ctx,
      holder(mine),
      'error',
      'resource-in-two-containers',
      `resource ${id} is in more than one place: ${places.join(' and ')}`,
      'a resource belongs to at most one group, clone or bundle; take it out of all but one',
      true,
    );
    return;
  }
  const mine = [...entries].reverse().find((e) => concerns(ctx, e.owner)) ?? entries[entries.length - 1]!;
  const other = entries.find((e) => e !== mine)!;
  const what = (e: Entry): string => (e.el === e.owner ? describe(e.el) : `${e.el.name} in ${describe(e.owner)}`);
  const at = where(ctx, other.owner);
  report(
    ctx,
    mine.owner,
    'error',
    'duplicate-id',
    `id ${id} is already used by ${what(other)}${at.line > 0 ? ` (line ${at.line})` : ''}`,
    'ids must be unique in the whole configuration; rename one of them',
  );
}

/** Where a constraint names resources: its own attributes and its sets' resource_refs. */
const RSC_ATTRS: Record<string, string[]> = {
  rsc_location: ['rsc'],
  rsc_colocation: ['rsc', 'with-rsc'],
  rsc_order: ['first', 'then'],
  rsc_ticket: ['rsc'],
};

function checkConstraintRefs(ctx: Ctx): void {
  const { idx } = ctx;
  const known = (id: string): boolean => idx.resources.has(id) || idx.templates.has(id) || idx.tags.has(id);
  const missing = (owner: XmlElement, ref: string): void => {
    report(
      ctx,
      owner,
      'error',
      'missing-ref',
      `${describe(owner)} refers to resource ${ref}, which does not exist`,
      didYouMean(ref, [...idx.resources.keys(), ...idx.templates.keys(), ...idx.tags]) ?? 'define the resource, or remove it from the constraint',
    );
  };
  // A constraint on a resource inside a clone or bundle: Pacemaker finds it only through an instance
  // whose history (in <status>) carries the bare name, as in whitebox-ms-ordering.xml; otherwise it
  // ignores the constraint and crm_verify fails ("'b' is not a valid resource or tag"). So: an error
  // without such history, a warning with it. Group members are fine as long as the group is not cloned.
  let history: Set<string> | undefined;
  const judge = (owner: XmlElement, ref: string): void => {
    if (!known(ref)) return missing(owner, ref);
    const rsc = idx.resources.get(ref);
    const holder = rsc ? enclosingClone(idx, rsc) : undefined;
    if (!holder) return;
    history ??= statusResourceIds(idx.cib);
    const found = history.has(ref);
    report(
      ctx,
      owner,
      found ? 'warning' : 'error',
      'clone-child-ref',
      found
        ? `${describe(owner)} refers to ${ref}, which is inside ${describe(holder)}; Pacemaker finds it only through the history of one instance`
        : `${describe(owner)} refers to ${ref}, which is inside ${describe(holder)}; Pacemaker ignores a constraint on a resource of a clone or bundle`,
      `name ${holder.attrs.id ?? 'the clone'} instead`,
    );
  };
  const constraints = child(idx.configuration, 'constraints');
  for (const c of constraints?.children ?? []) {
    for (const attr of RSC_ATTRS[c.name] ?? []) {
      const ref = c.attrs[attr];
      if (ref !== undefined) judge(c, ref);
    }
    for (const set of children(c, 'resource_set')) {
      for (const r of children(set, 'resource_ref')) {
        const ref = r.attrs.id;
        if (ref !== undefined) judge(c, ref);
      }
    }
    if (c.name === 'rsc_location' && c.attrs.node !== undefined) checkNodeName(ctx, c, c.attrs.node);
    if (c.name === 'rsc_order' && c.attrs.first !== undefined && c.attrs.first === c.attrs.then) {
      // then-action defaults to first-action, which defaults to start
      const firstAction = c.attrs['first-action'] ?? 'start';
      if ((c.attrs['then-action'] ?? firstAction) === firstAction) {
        // crm_verify dies on it: "Triggered fatal assertion at utils.c:492 : lh_action != rh_action"
        report(ctx, c, 'error', 'self-order', `${describe(c)} orders ${c.attrs.first} (${firstAction}) after itself`, 'an order needs two different resources, or two different actions of one');
      }
    }
    if (c.name === 'rsc_colocation' && c.attrs.rsc !== undefined && c.attrs.rsc === c.attrs['with-rsc']) {
      report(ctx, c, 'warning', 'self-colocation', `${describe(c)} places ${c.attrs.rsc} with itself, which does nothing`, 'name two different resources');
    }
  }
}

/** Ids of the resources with operation history in <status> (lrm_resource). */
function statusResourceIds(cib: XmlElement): Set<string> {
  const ids = new Set<string>();
  const status = child(cib, 'status');
  if (!status) return ids;
  const walk = (el: XmlElement): void => {
    if (el.name === 'lrm_resource' && el.attrs.id !== undefined) ids.add(el.attrs.id);
    else for (const c of el.children) walk(c);
  };
  walk(status);
  return ids;
}

/** The clone, ms or bundle a resource sits in, at any depth. */
function enclosingClone(idx: Index, el: XmlElement): XmlElement | undefined {
  for (let p = idx.parents.get(el); p !== undefined; p = idx.parents.get(p)) {
    if (p.name === 'clone' || p.name === 'master' || p.name === 'bundle') return p;
  }
  return undefined;
}

function checkNodeName(ctx: Ctx, owner: XmlElement, node: string): void {
  const { idx } = ctx;
  if (idx.nodeNames.has(node)) return;
  // bundle replicas run as guest nodes named <bundle>-<n>
  const m = /^(.*)-\d+$/.exec(node);
  if (m && idx.bundles.has(m[1]!)) return;
  report(
    ctx,
    owner,
    'warning',
    'unknown-node',
    `${describe(owner)}: referenced node ${node} does not exist`,
    didYouMean(node, idx.nodeNames) ?? 'fine if the node has not joined yet; otherwise check the name (`crm_node -l` lists the nodes)',
  );
}

function checkOtherRefs(ctx: Ctx): void {
  const { idx } = ctx;
  const byName = (id: string, name: string): boolean => idEntries(idx, id).some((e) => e.el.name === name);
  const entries = idx.entries;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const { el, owner } = entry;
    // templates
    if (el.name === 'primitive' && el.attrs.template !== undefined && !idx.templates.has(el.attrs.template)) {
      report(
        ctx,
        owner,
        'error',
        'missing-ref',
        `${describe(el)} uses template ${el.attrs.template}, which does not exist`,
        didYouMean(el.attrs.template, idx.templates.keys()) ?? 'define it with rsc_template first',
      );
    }
    // id-ref: Pacemaker looks the target up by id among elements of the same name
    const ref = el.attrs['id-ref'];
    if (ref !== undefined && !byName(ref, el.name)) {
      const other = idEntries(idx, ref)[0];
      report(
        ctx,
        owner,
        'error',
        'missing-ref',
        other
          ? `${describe(owner)} refers to ${el.name} ${ref}, but ${ref} is a ${other.el.name}`
          : `${describe(owner)} refers to ${el.name} ${ref}, which does not exist`,
      );
    }
    // tags
    if (el.name === 'obj_ref' && entry.parent?.name === 'tag') {
      const id = el.attrs.id;
      // Pacemaker takes a dangling obj_ref (crm_verify passes it): the tag just stands for less
      if (id !== undefined && !idx.ids.has(id)) {
        report(ctx, owner, 'warning', 'missing-ref', `${describe(owner)} refers to ${id}, which does not exist`, didYouMean(id, idx.resources.keys()));
      }
    }
    // ACL role references
    if (isRoleRef(el, entry.parent)) {
      const id = el.attrs.id;
      if (id !== undefined && !byName(id, 'acl_role')) {
        report(ctx, owner, 'error', 'missing-ref', `${describe(owner)} refers to role ${id}, which does not exist`);
      }
    }
    if (el.name === 'acl_permission' && el.attrs.reference !== undefined && !idx.ids.has(el.attrs.reference)) {
      report(ctx, owner, 'warning', 'missing-ref', `${describe(owner)}: permission refers to ${el.attrs.reference}, which does not exist; it grants nothing until it does`);
    }
    // fencing levels: Pacemaker loads a level naming a missing or non-stonith device (crm_verify passes
    // it) and fails at fencing time, so these are warnings that say so
    if (el.name === 'fencing-level') {
      for (const dev of (el.attrs.devices ?? '').split(',').filter(Boolean)) {
        const r = idx.resources.get(dev);
        if (!r) {
          report(ctx, owner, 'warning', 'missing-ref', `fencing topology refers to device ${dev}, which does not exist; fencing at level ${el.attrs.index ?? '?'} will fail until it does`, didYouMean(dev, idx.resources.keys()));
        } else if (r.name !== 'primitive' || r.attrs.class !== 'stonith') {
          report(ctx, owner, 'warning', 'not-a-fencing-device', `fencing topology lists ${dev}, which is a ${r.name}${r.attrs.class ? ` of class ${r.attrs.class}` : ''}, not a stonith device; fencing at level ${el.attrs.index ?? '?'} will fail`);
        }
      }
      if (el.attrs.target !== undefined) checkNodeName(ctx, owner, el.attrs.target);
    }
  }
}

/** Group members are primitives; a clone holds one primitive or group; a bundle at most one primitive. */
function checkContainers(ctx: Ctx): void {
  for (const r of ctx.idx.resources.values()) {
    const kids = r.children.filter((c) => RESOURCE.has(c.name));
    let bad: XmlElement[] = [];
    if (r.name === 'group') bad = kids.filter((c) => c.name !== 'primitive');
    else if (r.name === 'clone' || r.name === 'master') {
      bad = kids.filter((c) => c.name !== 'primitive' && c.name !== 'group');
      if (kids.length > 1) {
        report(ctx, r, 'error', 'invalid-container', `${describe(r)} holds ${kids.length} resources (${kids.map((k) => k.attrs.id).join(', ')}); a clone holds exactly one`);
      }
    } else if (r.name === 'bundle') {
      bad = kids.filter((c) => c.name !== 'primitive');
      // pe__unpack_bundle: "Cannot control bu inside bp without either ip-range-start or control-port"
      const net = child(r, 'network');
      if (kids.length > 0 && net?.attrs['ip-range-start'] === undefined && net?.attrs['control-port'] === undefined) {
        report(ctx, r, 'error', 'invalid-bundle', `${describe(r)}: Pacemaker cannot reach ${kids[0]!.attrs.id ?? 'its primitive'} inside the container without ip-range-start or control-port`, 'add `network ip-range-start=…` or `network control-port=3121`');
      }
    }
    for (const b of bad) {
      report(ctx, r, 'error', 'invalid-container', `${describe(r)} cannot contain ${describe(b)}`, r.name === 'group' ? 'a group holds primitives only; clone the group instead of grouping clones' : undefined);
    }
  }
}

/** score.rng: an integer, INFINITY, +INFINITY or -INFINITY (crm's `inf` is spelt INFINITY in XML). */
const SCORE = /^(?:[+-]?\d+|[+-]?INFINITY)$/;
const SCORED = new Set(['rsc_location', 'rsc_colocation', 'rsc_order', 'resource_set', 'rule', 'instance_attributes', 'meta_attributes', 'utilization']);

function checkScores(ctx: Ctx): void {
  const entries = ctx.idx.entries;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const el = entry.el;
    if (!SCORED.has(el.name)) continue;
    const score = el.attrs.score;
    if (score === undefined || SCORE.test(score)) continue;
    const hint = /^[+-]?inf(inity)?$/i.test(score)
      ? `write ${score.startsWith('-') ? '-' : ''}INFINITY`
      : 'a score is an integer, INFINITY or -INFINITY; to take it from a node attribute use score-attribute';
    report(ctx, entry.owner, 'error', 'invalid-score', `${describe(entry.owner)}: "${score}" is not a valid score`, hint);
  }
}

const ROLES_OLD = ['Stopped', 'Started', 'Master', 'Slave'];
const ROLES_NEW = ['Stopped', 'Started', 'Promoted', 'Unpromoted', 'Master', 'Slave'];
const ACTIONS = ['start', 'promote', 'demote', 'stop'];
const ORDER_KINDS = ['Optional', 'Mandatory', 'Serialize'];
const LOSS_POLICIES = ['stop', 'demote', 'fence', 'freeze'];
const DISCOVERY = ['always', 'never', 'exclusive'];
/** xsd:boolean, as the schema types symmetrical, sequential and require-all (Pacemaker's own "yes"/"on" do not pass it) */
const BOOLEAN = ['true', 'false', '1', '0'];
/** An op's on-fail in any schema (demote came with pacemaker-3.4; the others are older). */
const ON_FAIL = ['ignore', 'block', 'demote', 'stop', 'restart', 'standby', 'fence', 'restart-container'];
/** An op's requires, which schemas before pacemaker-3.0 allow. */
const REQUIRES = ['nothing', 'quorum', 'fencing', 'unfencing'];

/** Where a rule expression's value comes from (rule-2.9.rng): the value itself, or a parameter or meta attribute of the resource. */
const VALUE_SOURCES = ['literal', 'param', 'meta'];

const PROMOTION_ROLES = new Set(['promoted', 'unpromoted', 'master', 'slave']);

/** Whether a resource is, or sits in, an ms or a clone with promotable=true. */
function promotable(idx: Index, el: XmlElement): boolean {
  for (let r: XmlElement | undefined = el; r !== undefined; r = idx.parents.get(r)) {
    if (r.name === 'master') return true;
    if (r.name === 'clone') {
      const on = children(r, 'meta_attributes').flatMap((m) => children(m, 'nvpair')).find((p) => p.attrs.name === 'promotable');
      return on !== undefined && /^(true|on|yes|y|1)$/i.test(on.attrs.value ?? '');
    }
  }
  return false;
}

/** Attribute values the schema enumerates: which attribute of which element takes what. */
function checkEnums(ctx: Ctx): void {
  // Promoted/Unpromoted arrived in pacemaker-3.7 (constraints-3.7.rng, resources-3.7.rng)
  const s = ctx.idx.schema;
  const oldSchema = s !== undefined && (s[0] < 3 || (s[0] === 3 && s[1] < 7));
  const roles = oldSchema ? ROLES_OLD : ROLES_NEW;
  const roleHint = (v: string): string => {
    const dym = suggest(v, roles);
    if (oldSchema && (v === 'Promoted' || v === 'Unpromoted')) {
      return `this CIB's schema (pacemaker-${s![0]}.${s![1]}) predates ${v}: write ${v === 'Promoted' ? 'Master' : 'Slave'}, or upgrade it with \`cibadmin --upgrade\``;
    }
    return `${dym !== undefined ? `did you mean ${dym}? ` : ''}roles are ${roles.join(', ')}`;
  };
  const check = (el: XmlElement, owner: XmlElement, attr: string, allowed: string[], what: string, hint: (v: string) => string): void => {
    const v = el.attrs[attr];
    if (v === undefined || allowed.includes(v)) return;
    report(ctx, owner, 'error', `invalid-${what}`, `${describe(owner)}: "${v}" is not a valid ${what} (${attr})`, hint(v));
  };
  const listHint = (allowed: string[]) => (v: string): string => {
    const dym = suggest(v, allowed);
    return `${dym !== undefined ? `did you mean ${dym}? ` : ''}one of ${allowed.join(', ')}`;
  };
  const entries = ctx.idx.entries;
  for (let i = 0; i < entries.length; i++) {
    const { el, owner, parent } = entries[i]!;
    switch (el.name) {
      case 'expression': {
        const src = el.attrs['value-source'];
        if (src === undefined) break;
        if (s !== undefined && (s[0] < 2 || (s[0] === 2 && s[1] < 9))) {
          // rule-2.9.rng brought value-source (Pacemaker 2.0.5)
          report(ctx, owner, 'error', 'invalid-value', `${describe(owner)}: value-source (${src}{${el.attrs.value ?? ''}}) needs schema pacemaker-2.9 or later; this CIB has pacemaker-${s[0]}.${s[1]}`, 'upgrade the CIB (`cibadmin --upgrade`), or write the value itself');
        } else check(el, owner, 'value-source', VALUE_SOURCES, 'value', listHint(VALUE_SOURCES));
        break;
      }
      case 'rsc_location':
      case 'resource_set':
      case 'rule':
        // a rule's role is text to the schema and parsed at run time, so any schema takes Promoted there
        check(el, owner, 'role', el.name === 'rule' ? ROLES_NEW : roles, 'role', roleHint);
        if (el.name === 'rsc_location') check(el, owner, 'resource-discovery', DISCOVERY, 'value', listHint(DISCOVERY));
        if (el.name === 'resource_set') {
          check(el, owner, 'action', ACTIONS, 'action', listHint(ACTIONS));
          check(el, owner, 'kind', ORDER_KINDS, 'kind', listHint(ORDER_KINDS));
          check(el, owner, 'sequential', BOOLEAN, 'value', listHint(BOOLEAN));
          check(el, owner, 'require-all', BOOLEAN, 'value', listHint(BOOLEAN));
          check(el, owner, 'ordering', ['group', 'listed'], 'value', listHint(['group', 'listed']));
        }
        break;
      case 'rsc_colocation':
      case 'rsc_ticket':
        check(el, owner, 'rsc-role', roles, 'role', roleHint);
        check(el, owner, 'with-rsc-role', roles, 'role', roleHint);
        if (el.name === 'rsc_ticket') check(el, owner, 'loss-policy', LOSS_POLICIES, 'value', listHint(LOSS_POLICIES));
        break;
      case 'rsc_order':
        check(el, owner, 'first-action', ACTIONS, 'action', listHint(ACTIONS));
        check(el, owner, 'then-action', ACTIONS, 'action', listHint(ACTIONS));
        check(el, owner, 'kind', ORDER_KINDS, 'kind', listHint(ORDER_KINDS));
        check(el, owner, 'symmetrical', BOOLEAN, 'value', listHint(BOOLEAN));
        check(el, owner, 'require-all', BOOLEAN, 'value', listHint(BOOLEAN));
        break;
      case 'op':
        check(el, owner, 'role', roles, 'role', roleHint);
        // the schema's own words for these ("Expecting an element meta_attributes, got nothing") point nowhere near them
        check(el, owner, 'on-fail', ON_FAIL, 'value', listHint(ON_FAIL));
        check(el, owner, 'enabled', BOOLEAN, 'value', listHint(BOOLEAN));
        check(el, owner, 'record-pending', BOOLEAN, 'value', listHint(BOOLEAN));
        check(el, owner, 'requires', REQUIRES, 'value', listHint(REQUIRES));
        break;
      case 'meta_attributes':
        if (parent !== undefined && (RESOURCE.has(parent.name) || parent.name === 'template' || parent.name === 'rsc_defaults')) checkResourceMeta(ctx, el, owner);
        break;
      case 'nvpair': {
        // target-role is an ordinary nvpair to the schema; Pacemaker parses it case-insensitively and
        // treats an unknown value as a configuration error, so it is checked the same way
        if (el.attrs.name !== 'target-role' || parent?.name !== 'meta_attributes' || el.attrs.value === undefined) break;
        const v = el.attrs.value;
        // "#default" means "as if unset" to Pacemaker (regression CIBs novell-239079 and others use it)
        if (v === '#default') break;
        // not schema-checked: Pacemaker 2.1 takes Promoted/Unpromoted here whatever validate-with says
        if (!ROLES_NEW.some((r) => r.toLowerCase() === v.toLowerCase())) {
          const dym = suggest(v, ROLES_NEW);
          report(ctx, owner, 'error', 'invalid-role', `${describe(owner)}: "${v}" is not a valid role (target-role)`, `${dym !== undefined ? `did you mean ${dym}? ` : ''}roles are ${ROLES_NEW.join(', ')}`);
        } else if (PROMOTION_ROLES.has(v.toLowerCase()) && RESOURCE.has(owner.name) && !promotable(ctx.idx, owner)) {
          // get_target_role: "Ignoring 'target-role' for a because 'Unpromoted' only makes sense for promotable clones"
          report(ctx, owner, 'error', 'role-needs-promotable', `${describe(owner)}: target-role=${v} only makes sense for promotable clones; Pacemaker ignores it`, 'use Started, or make it promotable (ms, or clone with promotable=true)');
        }
        break;
      }
    }
  }
}

/**
 * The values Pacemaker reads resource meta attributes as (Pacemaker Explained 2.1, "Resource Meta-Attributes"
 * and the clone options). The schema takes any text, and Pacemaker takes a value it cannot read silently:
 * `is-managed=maybe` is false (the resource is no longer managed), `clone-max=two` the default.
 */
const META_TYPES: Record<string, 'boolean' | 'integer' | 'score' | 'time' | readonly string[]> = {
  'is-managed': 'boolean', maintenance: 'boolean', 'allow-migrate': 'boolean', notify: 'boolean', 'globally-unique': 'boolean',
  interleave: 'boolean', ordered: 'boolean', promotable: 'boolean', critical: 'boolean', 'allow-unhealthy-nodes': 'boolean',
  'remote-allow-migrate': 'boolean',
  'clone-max': 'integer', 'clone-node-max': 'integer', 'clone-min': 'integer', 'promoted-max': 'integer', 'promoted-node-max': 'integer',
  'master-max': 'integer', 'master-node-max': 'integer', priority: 'integer',
  'resource-stickiness': 'score', 'migration-threshold': 'score',
  'failure-timeout': 'time', 'remote-connect-timeout': 'time',
  requires: ['nothing', 'quorum', 'fencing', 'unfencing'],
  'multiple-active': ['block', 'stop_only', 'stop_start', 'stop_unexpected'],
};
/** The words Pacemaker's char2score reads besides numbers: INFINITY, either case, and the node-health colours. */
const META_SCORE = /^([+-]?infinity|red|yellow|green)$/i;
const LEADING_INTEGER = /^\s*[+-]?\d/;

/**
 * Values of known meta attributes that Pacemaker cannot read. Warnings: Pacemaker (and crm_verify) take
 * them without a word, and what it does then is rarely what was meant.
 */
function checkResourceMeta(ctx: Ctx, set: XmlElement, owner: XmlElement): void {
  const pairs = set.children;
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i]!;
    const name = p.attrs.name;
    const value = p.attrs.value;
    if (p.name !== 'nvpair' || name === undefined || value === undefined) continue;
    const type = META_TYPES[name];
    if (type === undefined) continue;
    let expected: string | undefined;
    if (type === 'boolean' || type === 'time') expected = unreadable(type, value);
    // like strtoll, Pacemaker reads the number a value starts with ("1.0" is 1, with a note in its log)
    else if (type === 'integer') expected = LEADING_INTEGER.test(value) ? undefined : 'an integer';
    else if (type === 'score') expected = LEADING_INTEGER.test(value) || META_SCORE.test(value) ? undefined : 'a score: an integer, INFINITY or -INFINITY';
    else expected = type.includes(value) ? undefined : `one of ${type.join(', ')}`;
    if (expected === undefined) continue;
    const dym = Array.isArray(type) ? suggest(value, type) : undefined;
    report(
      ctx,
      owner,
      'warning',
      'invalid-meta-value',
      `${owner.name === 'meta_attributes' ? `rsc_defaults ${owner.attrs.id ?? ''}` : describe(owner)}: "${value}" is not a valid value of ${name}: Pacemaker expects ${expected}`,
      dym !== undefined ? `did you mean ${dym}?` : type === 'boolean' ? 'Pacemaker reads it as false' : 'Pacemaker ignores it and uses the default',
    );
  }
}

// ---------------------------------------------------------------- agents

/**
 * Parameters Pacemaker's fencer accepts on every stonith device, from
 * `pacemaker-fenced metadata` (2.1.5): crm_resource --show-metadata does not
 * add them to a fence agent's own list.
 */
const FENCER_PARAMS = /^pcmk_(host_argument|host_map|host_list|host_check|delay_max|delay_base|action_limit|(reboot|off|on|list|monitor|status)_(action|timeout|retries))$/;

/** Resource meta attributes (Pacemaker Explained 2.1, "Resource Meta-Attributes" and clone/promotable options). */
const RESOURCE_META = new Set([
  'priority', 'critical', 'target-role', 'is-managed', 'maintenance', 'resource-stickiness', 'requires',
  'migration-threshold', 'failure-timeout', 'multiple-active', 'allow-migrate', 'allow-unhealthy-nodes',
  'container-attribute-target', 'remote-node', 'remote-port', 'remote-addr', 'remote-connect-timeout',
  'remote-allow-migrate', 'notify', 'globally-unique', 'clone-max', 'clone-node-max', 'clone-min', 'interleave',
  'ordered', 'promotable', 'promoted-max', 'promoted-node-max', 'master-max', 'master-node-max', 'provides',
]);

/** The agent of a primitive or template: its own class/provider/type, else its template's. */
function agentOf(templates: ReadonlyMap<string, XmlElement>, el: XmlElement): { class: string; provider?: string; type: string } | undefined {
  const src = el.attrs.class === undefined && el.attrs.template !== undefined ? templates.get(el.attrs.template) : el;
  const cls = src?.attrs.class;
  const type = src?.attrs.type;
  if (!cls || !type) return undefined;
  return src.attrs.provider ? { class: cls, provider: src.attrs.provider, type } : { class: cls, type };
}

interface AgentInfo {
  agent: { class: string; provider?: string; type: string };
  spec: string;
  /** from opts.agents: undefined or null when the agent is not installed */
  md: AgentMetadata | null | undefined;
}

/** A primitive's or template's agent and its metadata, once per element; undefined without an agent or opts.agents. */
function agentInfo(ctx: Ctx, el: XmlElement): AgentInfo | undefined {
  const lookup = ctx.opts.agents;
  if (!lookup) return undefined;
  ctx.agents ??= new Map();
  if (ctx.agents.has(el)) return ctx.agents.get(el);
  const agent = agentOf(ctx.idx.templates, el);
  const info = agent ? { agent, spec: specString(agent), md: lookup(agent) } : undefined;
  ctx.agents.set(el, info);
  return info;
}

function specString(a: { class: string; provider?: string; type: string }): string {
  return a.provider ? `${a.class}:${a.provider}:${a.type}` : `${a.class}:${a.type}`;
}

/**
 * Every instance attribute set on a primitive: its sets, its template's and
 * id-ref'd ones, as [name, value] in document order (rule-conditioned sets
 * included: a parameter given under any condition counts as given).
 */
function paramValues(ctx: Ctx, el: XmlElement, inherit = true): [string, string][] {
  const inherits = inherit && el.attrs.template !== undefined;
  ctx.params ??= { own: new Map(), inherited: new Map() };
  const cache = inherits ? ctx.params.inherited : ctx.params.own;
  let out = cache.get(el);
  if (out) return out;
  out = [];
  cache.set(el, out);
  const sets = children(el, 'instance_attributes');
  const tpl = inherits ? ctx.idx.templates.get(el.attrs.template!) : undefined;
  if (tpl) sets.push(...children(tpl, 'instance_attributes'));
  const byRef = (ref: string, name: string): XmlElement | undefined => idEntries(ctx.idx, ref).find((e) => e.el.name === name)?.el;
  for (const set of sets) {
    const target = set.attrs['id-ref'] !== undefined ? byRef(set.attrs['id-ref'], set.name) : set;
    for (const p of children(target ?? set, 'nvpair')) {
      const pair = p.attrs['id-ref'] !== undefined ? (byRef(p.attrs['id-ref'], 'nvpair') ?? p) : p;
      if (pair.attrs.name !== undefined) out.push([pair.attrs.name, pair.attrs.value ?? '']);
    }
  }
  return out;
}

function paramNames(ctx: Ctx, el: XmlElement, inherit = true): Set<string> {
  // one Set per list of values (a primitive without a template has one list for both questions)
  const values = paramValues(ctx, el, inherit);
  let names = namesOfValues.get(values);
  if (!names) {
    names = new Set();
    for (let i = 0; i < values.length; i++) names.add(values[i]![0]);
    namesOfValues.set(values, names);
  }
  return names;
}
const namesOfValues = new WeakMap<[string, string][], Set<string>>();

function checkAgents(ctx: Ctx): void {
  const paramSeverity: Severity = ctx.opts.strictParams ? 'error' : 'warning';
  for (const el of [...ctx.idx.resources.values(), ...ctx.idx.templates.values()]) {
    if (el.name !== 'primitive' && el.name !== 'template') continue;
    if (el.attrs.class === 'ocf' && el.attrs.provider === undefined) {
      report(ctx, el, 'error', 'invalid-agent', `${describe(el)}: an ocf agent needs a provider (ocf:PROVIDER:${el.attrs.type ?? 'TYPE'})`, 'most agents are ocf:heartbeat:… or ocf:pacemaker:… (`crm_resource --list-ocf-alternatives TYPE`)');
      continue;
    }
    // a primitive built from a template is checked as the template's agent, but its own params count
    const info = agentInfo(ctx, el);
    if (!info) continue;
    const { agent, spec, md } = info;
    if (!md) {
      // the template carries the warning for the primitives made from it
      if (el.attrs.class === undefined) continue;
      // loading goes on, so a misspelt agent would slip through with only this warning: say what it may have meant
      const dym = ctx.opts.installedAgents ? suggest(spec, ctx.opts.installedAgents) : undefined;
      report(
        ctx,
        el,
        'warning',
        'unknown-agent',
        `agent ${spec} is not installed on this node; loading anyway; Pacemaker will fail to start it until it is`,
        dym !== undefined
          ? `did you mean ${dym}?`
          : 'install it on every node that may run the resource (`crm_resource --list-agents ' + (agent.provider ? `${agent.class}:${agent.provider}` : agent.class) + '` lists what is there)',
      );
      continue;
    }
    const { known, replacedBy } = agentFacts(md);
    // what the primitive says itself is judged here; what it inherits, at its template
    const own = paramNames(ctx, el, false);
    for (const name of own) {
      const p = known.get(name);
      if (p?.deprecated) {
        const now = replacedBy.get(name);
        report(ctx, el, 'warning', 'deprecated-param', `${describe(el)}: parameter "${name}" of ${spec} is deprecated${now ? `; it is now "${now}"` : ''}`, now ? `write ${now}=… instead` : undefined);
      }
      if (p || (agent.class === 'stonith' && FENCER_PARAMS.test(name))) continue;
      const meta = name.replace(/_/g, '-');
      if (RESOURCE_META.has(meta)) {
        // Pacemaker still reads meta attributes from instance_attributes for compatibility, but tools and readers don't
        report(ctx, el, paramSeverity, 'unknown-param', `${describe(el)}: parameter "${name}" is not known to ${spec}; ${meta} is a meta attribute`, `write it after \`meta\`, not \`params\`: meta ${meta}=…`);
        continue;
      }
      report(ctx, el, paramSeverity, 'unknown-param', `${describe(el)}: parameter "${name}" is not known to ${spec}`, didYouMean(name, known.keys()) ?? `\`crm_resource --show-metadata ${spec}\` lists its parameters`);
    }
    checkParamTypes(ctx, el, spec, known);
    checkOpTimeouts(ctx, el, md);
    // a template may leave required parameters to the primitives made from it
    if (el.name === 'template') continue;
    const set = paramNames(ctx, el);
    for (const p of md.parameters) {
      // a deprecated required name is asked for through its replacement
      if (p.deprecated && replacedBy.has(p.name)) continue;
      if (p.required && !set.has(p.name) && !(p.obsoletes !== undefined && set.has(p.obsoletes))) {
        report(ctx, el, paramSeverity, 'missing-param', `${describe(el)}: required parameter "${p.name}" of ${spec} is not set`, p.shortdesc ? `${p.name}: ${p.shortdesc}` : undefined);
      }
    }
  }
}

/**
 * Values of the primitive's own parameters against the type the agent's metadata gives them, where
 * that type is one a value can be told against (integer, boolean). Warnings: the agent reads them
 * itself when it runs (crmsh does not look), and what it makes of a value of the wrong type is up to
 * it: a failed start, or a default taken without a word.
 */
function checkParamTypes(ctx: Ctx, el: XmlElement, spec: string, known: AgentFacts['known']): void {
  const values = paramValues(ctx, el, false);
  for (let i = 0; i < values.length; i++) {
    const name = values[i]![0];
    const value = values[i]![1];
    const type = known.get(name)?.type;
    if (value === '') continue;
    let expected: string | undefined;
    if (type === 'integer' && !/^\s*[+-]?\d+\s*$/.test(value)) expected = 'an integer';
    else if (type === 'boolean' && !BOOLEAN_WORDS.has(value.trim().toLowerCase())) expected = 'a boolean (true or false)';
    if (expected === undefined) continue;
    report(ctx, el, 'warning', 'invalid-param-value', `${describe(el)}: parameter ${name} of ${spec} is ${expected}; "${value}" is not`, `\`crm_resource --show-metadata ${spec}\` describes it`);
  }
}

/**
 * A Pacemaker interval or timeout in milliseconds: a number with an optional
 * unit (ms/msec, us/usec, s/sec — the default —, m/min, h/hr), or an ISO 8601
 * duration (P…T…H…M…S). undefined when Pacemaker would not read it either.
 */
export function durationMs(text: string): number | undefined {
  const t = text.trim();
  const m = DURATION.exec(t);
  if (m) return Number(m[1]) * DURATION_FACTOR[(m[2] ?? 's').toLowerCase()]!;
  const iso = ISO_DURATION.exec(t) ?? ISO_DURATION_NO_T.exec(t);
  if (iso && t.length > 1) {
    const [, d, h, mi, se] = iso;
    return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(mi ?? 0)) * 60_000 + Number(se ?? 0) * 1000;
  }
  return undefined;
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?$/i;
const DURATION_FACTOR: Record<string, number> = { ms: 1, msec: 1, us: 0.001, usec: 0.001, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, hr: 3_600_000 };
const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;
// Pacemaker also reads hours and seconds without the T (its regression CIBs write P10S); an M there would be months
const ISO_DURATION_NO_T = /^P(?:(\d+)D)?(?:(\d+)H)?()(?:(\d+)S)?$/i;

/** Actions Pacemaker 2.1.5 refuses to repeat ("Ignoring a-s because start action cannot be recurring"), tried one by one with crm_verify. */
const NOT_RECURRING = new Set(['start', 'stop', 'promote', 'demote', 'migrate_to', 'migrate_from', 'reload-agent']);

/** Pacemaker refuses two recurring ops of one resource with the same name and interval, whatever their roles (is_op_dup). */
function checkOps(ctx: Ctx): void {
  for (const el of [...ctx.idx.resources.values(), ...ctx.idx.templates.values()]) {
    if (el.name !== 'primitive' && el.name !== 'template') continue;
    const seen = new Map<string, XmlElement>();
    for (const op of children(child(el, 'operations') ?? el, 'op')) {
      const name = op.attrs.name;
      if (name === undefined) continue;
      const timeout = op.attrs.timeout;
      if (timeout !== undefined && durationMs(timeout) === undefined) {
        report(ctx, el, 'warning', 'invalid-timeout', `${describe(el)}: op ${name} timeout=${timeout} is not a duration; Pacemaker uses its default (20s) instead`, 'write a number with a unit (30s, 2min) or an ISO 8601 duration (PT30S)');
      }
      const interval = op.attrs.interval ?? '0';
      const ms = durationMs(interval);
      if (ms === undefined) {
        // Pacemaker takes it without a word, as 0: a monitor that never runs again
        report(
          ctx,
          el,
          'warning',
          'invalid-interval',
          `${describe(el)}: op ${name} interval=${interval} is not a duration; Pacemaker reads it as 0${name === 'monitor' ? ', so the resource is not monitored' : ''}`,
          'write a number with a unit (10s, 5min, 1h) or an ISO 8601 duration (PT10S)',
        );
        continue;
      }
      // only recurring ops: Pacemaker picks one of duplicate start/stop ops without complaint
      // (crm_verify accepts coloc-unpromoted-anti.xml's two `start interval=0`)
      if (ms === 0) continue;
      if (NOT_RECURRING.has(name)) {
        report(ctx, el, 'error', 'recurring-op', `${describe(el)}: op ${name} cannot be recurring (interval=${interval}); Pacemaker ignores it`, `write op ${name} interval=0, or leave interval out`);
        continue;
      }
      const key = `${name}\u0000${ms ?? interval}`;
      const first = seen.get(key);
      if (first) {
        report(
          ctx,
          el,
          'error',
          'duplicate-op',
          `${describe(el)}: op ${name} interval=${interval} repeats op ${name} interval=${first.attrs.interval ?? '0'}${op.attrs.role || first.attrs.role ? ' (roles do not tell them apart)' : ''}`,
          'give each monitor its own interval, e.g. 10s for one role and 11s for the other',
        );
      } else seen.set(key, op);
    }
  }
}

/**
 * Value types of Pacemaker 2.1.5's cluster options, from the daemons'
 * metadata (`pacemaker-controld metadata` etc.). `crm_verify` fails a CIB
 * ("Using default value for cluster option 'batch-limit' because 'x' is
 * invalid") on a bad boolean, time, integer or select value; it takes any
 * percentage and string, so those are not checked.
 */
const PROPERTY_TYPES: Record<string, 'boolean' | 'time' | 'integer' | readonly string[]> = {
  'dc-deadtime': 'time', 'cluster-recheck-interval': 'time', 'election-timeout': 'time', 'shutdown-escalation': 'time',
  'join-integration-timeout': 'time', 'join-finalization-timeout': 'time', 'transition-delay': 'time',
  'stonith-watchdog-timeout': 'time', 'shutdown-lock-limit': 'time', 'stonith-timeout': 'time',
  'priority-fencing-delay': 'time', 'cluster-delay': 'time',
  'node-action-limit': 'integer', 'stonith-max-attempts': 'integer', 'batch-limit': 'integer', 'migration-limit': 'integer',
  'pe-error-series-max': 'integer', 'pe-warn-series-max': 'integer', 'pe-input-series-max': 'integer',
  'node-health-base': 'integer', 'node-health-green': 'integer', 'node-health-yellow': 'integer', 'node-health-red': 'integer',
  'cluster-ipc-limit': 'integer',
  'shutdown-lock': 'boolean', 'symmetric-cluster': 'boolean', 'maintenance-mode': 'boolean', 'start-failure-is-fatal': 'boolean',
  'enable-startup-probes': 'boolean', 'stonith-enabled': 'boolean', 'have-watchdog': 'boolean', 'concurrent-fencing': 'boolean',
  'startup-fencing': 'boolean', 'stop-all-resources': 'boolean', 'stop-orphan-resources': 'boolean',
  'stop-orphan-actions': 'boolean', 'remove-after-stop': 'boolean', 'enable-acl': 'boolean',
  'no-quorum-policy': ['stop', 'freeze', 'ignore', 'demote', 'suicide'],
  'stonith-action': ['reboot', 'off', 'poweroff'],
  'node-health-strategy': ['none', 'migrate-on-red', 'only-green', 'progressive', 'custom'],
  'placement-strategy': ['default', 'utilization', 'minimal', 'balanced'],
};

/** What Pacemaker's crm_str_to_boolean takes, either case. */
const BOOLEAN_WORDS = new Set(['true', 'on', 'yes', 'y', '1', 'false', 'off', 'no', 'n', '0']);

/** Why `value` is not a valid value of cluster option `name`, or undefined when it is (or is not checked). */
function badPropertyValue(name: string, value: string): string | undefined {
  const type = PROPERTY_TYPES[name];
  if (type === undefined) return undefined;
  if (type === 'boolean' || type === 'time') return unreadable(type, value);
  if (type === 'integer') return SCORE.test(value) ? undefined : 'an integer (or INFINITY)';
  return type.some((v) => v.toLowerCase() === value.toLowerCase()) ? undefined : `one of ${type.join(', ')}`;
}

/** What Pacemaker expects instead of `value` for a boolean or a time, or undefined when it reads it. */
function unreadable(type: 'boolean' | 'time', value: string): string | undefined {
  if (type === 'boolean') return BOOLEAN_WORDS.has(value.toLowerCase()) ? undefined : 'a boolean: true or false';
  // Pacemaker's times are numbers with units; durationMs also reads ISO 8601, which Pacemaker does not
  // everywhere, so such a value passes unreported rather than being flagged wrongly
  return durationMs(value) !== undefined ? undefined : 'a time such as 60s, 5min or 1h';
}

/** Cluster properties the CIB's schema rejects (see legacy.ts for where the list comes from). */
function checkProperties(ctx: Ctx): void {
  const validateWith = ctx.idx.schema ? `pacemaker-${ctx.idx.schema[0]}.${ctx.idx.schema[1]}` : undefined;
  const known = ctx.opts.knownProperties ?? CLUSTER_PROPERTIES;
  const sets = children(child(ctx.idx.configuration, 'crm_config') ?? ctx.idx.configuration, 'cluster_property_set');
  // Pacemaker reads cib-bootstrap-options first, then the other sets in order, and the first value of
  // a name wins; a set with a rule or score applies only sometimes, so it overrides nothing for certain
  const ordered = [...sets.filter((x) => x.attrs.id === 'cib-bootstrap-options'), ...sets.filter((x) => x.attrs.id !== 'cib-bootstrap-options')];
  const winner = new Map<string, { set: XmlElement; pair: XmlElement }>();
  for (const set of ordered) {
    const conditional = set.attrs.score !== undefined || children(set, 'rule').length > 0;
    for (const p of children(set, 'nvpair')) {
      if (p.attrs.name === undefined) continue;
      const why = rejectedProperty(p.attrs.name, p.attrs.value, validateWith);
      if (why !== undefined) {
        report(ctx, set, 'error', 'legacy-property', `${describe(set)}: property ${p.attrs.name} is rejected by the schema: ${why}`, `remove ${p.attrs.name}`);
        continue;
      }
      const first = conditional ? undefined : winner.get(p.attrs.name);
      if (first) {
        // only the value Pacemaker uses is judged further
        const where = first.set === set ? 'earlier in this set' : `in ${describe(first.set)}, which Pacemaker reads first`;
        report(ctx, set, 'warning', 'duplicate-property', `${describe(set)}: property ${p.attrs.name} is also given ${where}; Pacemaker uses ${first.pair.attrs.value ?? ''} and ignores ${p.attrs.value ?? ''}`, 'remove one of them');
        continue;
      }
      if (!conditional) winner.set(p.attrs.name, { set, pair: p });
      if (p.attrs.value !== undefined && badPropertyValue(p.attrs.name, p.attrs.value) !== undefined) {
        const expected = badPropertyValue(p.attrs.name, p.attrs.value)!;
        const t = PROPERTY_TYPES[p.attrs.name];
        const dym = Array.isArray(t) ? suggest(p.attrs.value, t) : undefined;
        report(
          ctx,
          set,
          'error',
          'invalid-property-value',
          `${describe(set)}: "${p.attrs.value}" is not a valid value of ${p.attrs.name}: Pacemaker expects ${expected}`,
          dym !== undefined ? `did you mean ${dym}?` : `Pacemaker would ignore it and use the default`,
        );
      } else if (p.attrs.name === 'stonith-action' && p.attrs.value === 'poweroff') {
        report(ctx, set, 'warning', 'deprecated-property-value', `${describe(set)}: stonith-action=poweroff is deprecated`, 'write stonith-action=off');
      } else if (!known.has(p.attrs.name)) {
        // a warning, not an error: tools (SAPHanaSR, for one) keep their own attributes in crm_config
        report(
          ctx,
          set,
          'warning',
          'unknown-property',
          `${describe(set)}: Pacemaker has no cluster property ${p.attrs.name}; it will be stored and ignored`,
          didYouMean(p.attrs.name, known) ?? '`crm_attribute --type crm_config` tools may keep their own here; otherwise check the name',
        );
      }
    }
  }
}

const ROLE_ALIAS: Record<string, string> = { Master: 'Promoted', Slave: 'Unpromoted' };
const sameRole = (a: string | undefined, b: string | undefined): boolean =>
  (a === undefined ? undefined : (ROLE_ALIAS[a] ?? a)) === (b === undefined ? undefined : (ROLE_ALIAS[b] ?? b));

/** crmsh's warning: an op timeout written smaller than the one the agent advises. */
function checkOpTimeouts(ctx: Ctx, el: XmlElement, md: AgentMetadata): void {
  const { timeouts } = agentFacts(md);
  for (const op of children(child(el, 'operations') ?? el, 'op')) {
    const name = op.attrs.name;
    const timeout = op.attrs.timeout;
    if (name === undefined || timeout === undefined) continue;
    const candidates = timeouts.get(name);
    if (!candidates) continue;
    const advice = candidates.find((a) => sameRole(a.role, op.attrs.role)) ?? candidates.find((a) => a.role === undefined);
    if (!advice?.timeout) continue;
    const mine = durationMs(timeout);
    const advised = advice.ms;
    if (mine !== undefined && advised !== undefined && mine < advised) {
      report(ctx, el, 'warning', 'op-timeout', `${el.attrs.id ?? ''}: specified timeout ${timeout} for ${name} is smaller than the advised ${advice.timeout}`, `op ${name} timeout=${advice.timeout}`);
    }
  }
}

/**
 * crmsh's uniqueness warning: two resources of one agent giving a `unique`
 * parameter the same value (two IPaddr2 with one ip) would fight over it.
 * Clones are one resource, so only distinct primitives are compared.
 */
function checkUniqueParams(ctx: Ctx): void {
  if (!ctx.opts.agents) return;
  const byValue = new Map<string, XmlElement[]>();
  for (const el of ctx.idx.resources.values()) {
    if (el.name !== 'primitive') continue;
    const info = agentInfo(ctx, el);
    const md = info?.md;
    if (!info || !md) continue;
    const { unique } = agentFacts(md);
    if (unique.size === 0) continue;
    const { spec } = info;
    const values = paramValues(ctx, el);
    for (let i = 0; i < values.length; i++) {
      // (indexes, not destructuring: no iterator per pair in code that runs once, unoptimized)
      const name = values[i]![0];
      const value = values[i]![1];
      if (!unique.has(name)) continue;
      const key = `${spec}\u0000${name}\u0000${value}`;
      const list = byValue.get(key);
      if (list) list.push(el);
      else byValue.set(key, [el]);
    }
  }
  for (const [key, els] of byValue) {
    if (els.length < 2) continue;
    const [, name, value] = key.split('\u0000');
    const ids = els.map((e) => e.attrs.id ?? '').join(',');
    // said once, on the first of them the user wrote
    const mine = els.find((e) => concerns(ctx, e));
    if (mine) report(ctx, mine, 'warning', 'unique-param', `Resources ${ids} violate uniqueness for parameter "${name}": "${value}"`, `each resource of this agent needs its own ${name}`);
  }
}

interface AgentFacts {
  /** parameters by name */
  known: ReadonlyMap<string, AgentMetadata['parameters'][number]>;
  /** the actions that advise a timeout, by name, with it in milliseconds (checkOpTimeouts asks per op) */
  timeouts: ReadonlyMap<string, { role?: string; timeout: string; ms: number | undefined }[]>;
  /** old name → the parameter that obsoletes it: `login` satisfies fence agents' required `username` */
  replacedBy: ReadonlyMap<string, string>;
  /** parameters marked unique */
  unique: ReadonlySet<string>;
}

/** What the checks ask of an agent's metadata, worked out once per agent rather than once per resource. */
const factsByAgent = new WeakMap<AgentMetadata, AgentFacts>();
function agentFacts(md: AgentMetadata): AgentFacts {
  let f = factsByAgent.get(md);
  if (!f) {
    const known = new Map<string, AgentMetadata['parameters'][number]>();
    for (const p of md.parameters) if (!known.has(p.name)) known.set(p.name, p);
    const timeouts = new Map<string, { role?: string; timeout: string; ms: number | undefined }[]>();
    for (const a of md.actions) {
      if (a.timeout === undefined) continue;
      const list = timeouts.get(a.name) ?? [];
      list.push({ ...(a.role !== undefined ? { role: a.role } : {}), timeout: a.timeout, ms: durationMs(a.timeout) });
      timeouts.set(a.name, list);
    }
    f = {
      known,
      timeouts,
      replacedBy: new Map(md.parameters.filter((p) => p.obsoletes).map((p) => [p.obsoletes!, p.name])),
      unique: new Set(md.parameters.filter((p) => p.unique).map((p) => p.name)),
    };
    factsByAgent.set(md, f);
  }
  return f;
}

/** Elements whose attribute names come from what the user wrote (`location l r name=value …`, bundle parts, date specs). */
const FREE_ATTRIBUTES = new Set(['rsc_location', 'date_spec', 'duration', 'docker', 'podman', 'rkt', 'network', 'port-mapping', 'storage-mapping']);
/** An XML attribute name (ASCII, as every name in Pacemaker's schema is). */
const ATTRIBUTE_NAME = /^[A-Za-z_:][\w.:-]*$/;

/** A name XML cannot hold would make the whole CIB unreadable: said here, in words, rather than as the XML parser's complaint. */
function checkAttributeNames(ctx: Ctx): void {
  const entries = ctx.idx.entries;
  for (let i = 0; i < entries.length; i++) {
    const { el, owner } = entries[i]!;
    if (!FREE_ATTRIBUTES.has(el.name)) continue;
    for (const name in el.attrs) {
      if (ATTRIBUTE_NAME.test(name)) continue;
      report(ctx, owner, 'error', 'invalid-name', `${describe(owner)}: "${name}" cannot be an attribute name`, 'a name starts with a letter or _ and holds only letters, digits and _ . : -');
    }
  }
}

const CHECKS: ReadonlyArray<(ctx: Ctx) => void> = [checkIds, checkConstraintRefs, checkOtherRefs, checkContainers, checkScores, checkEnums, checkOps, checkProperties, checkAttributeNames, checkAgents, checkUniqueParams];

/**
 * Check a whole <cib> (after applying the user's statements); only objects in
 * `onlyIds` (the ones the user wrote), when given, get diagnostics about
 * themselves. `agents` absent skips the agent checks; an agent for which it
 * returns null/undefined is reported as not installed.
 *
 * @example
 *   checkCib(parseXml('<cib><configuration><crm_config/><nodes/><resources/><constraints>' +
 *     '<rsc_order id="o" first="a" then="b"/></constraints></configuration></cib>'))
 *   // two errors: order o refers to resource a / b, which does not exist
 */
export function checkCib(cib: XmlElement, opts: CheckOptions & { onlyIds?: Set<string> } = {}): Diagnostic[] {
  const idx = buildIndex(cib);
  if (!idx) return [];
  const ctx: Ctx = { idx, opts, out: [] };
  for (const check of CHECKS) check(ctx);
  // in the order of the input, as a reader goes through the file; unlocated ones last (sort is stable)
  const key = (d: Diagnostic): number => (d.line > 0 ? d.line * 10_000 + d.col : Number.MAX_SAFE_INTEGER);
  return ctx.out.sort((a, b) => key(a) - key(b));
}

/**
 * The distinct agents a CIB's primitives and templates use, for loading
 * their metadata before `checkCib` (restricted to `onlyIds`' objects when given).
 *
 * @example
 *   agentSpecs(cib) // [{ class: 'ocf', provider: 'heartbeat', type: 'IPaddr2' }, { class: 'lsb', type: 'mysqld' }]
 */
export function agentSpecs(cib: XmlElement, onlyIds?: Set<string>): { class: string; provider?: string; type: string }[] {
  const configuration = cib.name === 'configuration' ? cib : child(cib, 'configuration');
  if (!configuration) return [];
  // only resources and templates matter: a walk of the resources section, not the index of the whole CIB
  const resources = new Map<string, XmlElement>();
  const templates = new Map<string, XmlElement>();
  const walk = (el: XmlElement): void => {
    for (const c of el.children) {
      const id = c.attrs.id;
      if (id !== undefined && RESOURCE.has(c.name) && !resources.has(id)) resources.set(id, c);
      if (id !== undefined && c.name === 'template') templates.set(id, c);
      if (CONTAINER.has(c.name)) walk(c);
    }
  };
  for (const section of configuration.children) if (section.name === 'resources') walk(section);
  const seen = new Map<string, { class: string; provider?: string; type: string }>();
  for (const el of [...resources.values(), ...templates.values()]) {
    if (el.name !== 'primitive' && el.name !== 'template') continue;
    if (onlyIds !== undefined && !objectKeys(el).some((k) => onlyIds.has(k))) continue;
    const a = agentOf(templates, el);
    if (a) seen.set(specString(a), a);
  }
  return [...seen.values()];
}

/**
 * Diagnostics for what Pacemaker's schema refused in a CIB (the violations
 * src/pacemaker's schemaViolations finds, each with the element it is about):
 * one per object, on the object the element belongs to (a resource inside a
 * group is an object of its own), at the place the user wrote it when
 * `locations` knows it.
 *
 * @example
 *   schemaDiagnostics([{ path: [cib, configuration, constraints, l1], message: 'Invalid attribute foo for element rsc_location' }], { locations })
 *   // [{ severity: 'error', code: 'schema', message: "location l1: Pacemaker's schema pacemaker-3.9 refuses it: Invalid attribute foo …", line: 2, col: 1, … }]
 */
export function schemaDiagnostics(
  violations: readonly { path: readonly XmlElement[]; message: string }[],
  opts: { locations?: CheckOptions['locations']; hint?: string } = {},
): Diagnostic[] {
  const hint = opts.hint ?? 'nothing was committed: correct the object and try again';
  const byOwner = new Map<XmlElement | undefined, string[]>();
  let schema: string | undefined;
  // xmllint also says it the vague way ("constraints has extra content", "… failed to validate"), on whatever
  // element it was looking at then, often an innocent neighbour: those count only when nothing precise is said
  const precise = violations.filter((v) => !VAGUE_SCHEMA_MESSAGE.test(v.message));
  for (const v of precise.length > 0 ? precise : violations) {
    schema ??= v.path[0]?.attrs['validate-with'];
    const owner = ownerOfPath(v.path);
    const messages = byOwner.get(owner) ?? [];
    if (!messages.includes(v.message)) messages.push(v.message);
    byOwner.set(owner, messages);
  }
  const out: Diagnostic[] = [];
  byOwner.forEach((messages, owner) => {
    const said = `Pacemaker's schema${schema ? ` ${schema}` : ''} refuses it: ${messages.slice(0, 2).join('; ')}${messages.length > 2 ? ` (and ${messages.length - 2} more)` : ''}`;
    if (!owner) {
      out.push({ severity: 'error', code: 'schema', message: `the CIB: ${said}`, line: 0, col: 0, hint });
      return;
    }
    const objectId = objectKeys(owner)[0];
    out.push({ severity: 'error', code: 'schema', message: `${describe(owner)}: ${said}`, ...placeOf(owner, opts.locations), hint, ...(objectId !== undefined ? { objectId } : {}) });
  });
  return out.sort((a, b) => (a.line || Number.MAX_SAFE_INTEGER) - (b.line || Number.MAX_SAFE_INTEGER));
}

const VAGUE_SCHEMA_MESSAGE = /^Element \S+ (has extra content|failed to validate (content|attributes))/;

/** The object an element of a CIB belongs to: [cib, configuration, section, object, …], a nested resource being its own. */
function ownerOfPath(path: readonly XmlElement[]): XmlElement | undefined {
  if (path[1]?.name !== 'configuration' || path.length < 4) return undefined;
  let owner = path[3]!;
  for (let i = 4; i < path.length && RESOURCE.has(path[i]!.name); i++) owner = path[i]!;
  return owner;
}
