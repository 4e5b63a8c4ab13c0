/**
 * Edits of a whole CIB that are not statements of the language: delete and
 * rename objects, and which objects differ between two CIBs. Pure: each
 * function returns a new document and leaves its input alone.
 */
import { intervalMs } from './apply.js';
import { cloneXml, descendants, serializeXml, type XmlElement } from './xml.js';

/** Attributes of constraint-like elements that hold a resource id. */
const RSC_REF_ATTRS = ['rsc', 'with-rsc', 'first', 'then'];

/** The top-level objects of <configuration>: what `show`, `delete` and `rename` address by id. */
export function topLevelObjects(cib: XmlElement): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  const conf = cib.children.find((c) => c.name === 'configuration');
  if (!conf) return out;
  // resources nested in groups/clones/bundles are objects of their own; only resources hold resources
  const nested = (el: XmlElement): void => {
    for (const c of el.children) {
      if (!isResource(c)) continue;
      if (c.attrs.id) out.set(c.attrs.id, c);
      nested(c);
    }
  };
  for (const section of conf.children) {
    for (const obj of section.children) {
      if (obj.attrs.id) out.set(obj.attrs.id, obj);
      if (section.name === 'resources') nested(obj);
    }
  }
  return out;
}

const RESOURCE_TAGS = new Set(['primitive', 'group', 'clone', 'master', 'bundle']);

function isResource(e: XmlElement): boolean {
  return RESOURCE_TAGS.has(e.name);
}

/** Every id in the document. */
export function allIds(cib: XmlElement): Set<string> {
  const ids = new Set<string>();
  for (const e of descendants(cib)) if (e.attrs.id) ids.add(e.attrs.id);
  return ids;
}

/** What deleteObjects did besides removing the objects asked for. */
export interface DeleteResult {
  cib: XmlElement;
  /** ids removed: the requested ones and their dependents */
  removed: string[];
  /** members of a deleted group, clone or bundle: they stay, at the top level */
  released: string[];
  /** constraints that referred to a deleted container and now refer to its first member */
  repointed: { constraint: string; from: string; to: string }[];
  /** constraints and tags that lost a member but stay */
  updated: string[];
}

const CONTAINERS = ['group', 'clone', 'master', 'bundle'];

/**
 * Delete objects by id, as crmsh does:
 *  - a deleted group, clone or bundle releases its members: they stay as
 *    top-level resources, and constraints on the container move to its
 *    first member;
 *  - deleting a template deletes the primitives made from it;
 *  - a group or clone left without members goes too;
 *  - references go: a deleted resource leaves resource sets and tags; a set
 *    left empty is dropped, and a constraint left without its resource (or a
 *    colocation or order with fewer than two) is deleted.
 * Returns the new CIB and what changed.
 */
export function deleteObjects(cib: XmlElement, ids: readonly string[]): DeleteResult {
  const out = cloneXml(cib);
  const doomed = new Set(ids);
  const removed: string[] = [];
  const released: string[] = [];
  const repointed: DeleteResult['repointed'] = [];
  const updatedSet = new Set<string>();
  const conf = out.children.find((c) => c.name === 'configuration');
  const resources = conf?.children.find((c) => c.name === 'resources');

  // primitives made from a deleted template go with it
  const templates = new Set((resources?.children ?? []).filter((e) => e.name === 'template' && doomed.has(e.attrs.id ?? '')).map((e) => e.attrs.id!));
  if (templates.size > 0) for (const e of descendants(out)) if (e.name === 'primitive' && templates.has(e.attrs.template ?? '')) doomed.add(e.attrs.id!);

  // deleted containers release the members that are not deleted themselves
  const firstMember = new Map<string, string>();
  if (resources) {
    const idOf = (e: XmlElement): string => e.attrs.id ?? '';
    // the surviving members of a deleted container, with the element each sits in now
    const survivors = (c: XmlElement): [XmlElement, XmlElement][] => {
      const found = c.children
        .filter(isResource)
        .flatMap((m): [XmlElement, XmlElement][] => (!doomed.has(idOf(m)) ? [[m, c]] : CONTAINERS.includes(m.name) ? survivors(m) : []));
      if (found[0]) firstMember.set(idOf(c), idOf(found[0][0]));
      return found;
    };
    const visit = (parent: XmlElement, top: XmlElement | undefined): void => {
      for (const c of [...parent.children]) {
        if (!isResource(c) || !CONTAINERS.includes(c.name)) continue;
        if (!doomed.has(idOf(c))) {
          visit(c, top ?? c);
          continue;
        }
        const members = survivors(c);
        for (const [m, holder] of members) holder.children = holder.children.filter((x) => x !== m);
        // members take the container's place at the top level, or follow their top-level ancestor
        const at = top === undefined ? resources.children.indexOf(c) : resources.children.indexOf(top) + 1;
        resources.children.splice(at, 0, ...members.map(([m]) => m));
        for (const [m] of members) {
          released.push(idOf(m));
          visit(m, m);
        }
      }
    };
    visit(resources, undefined);
  }

  const removeWhere = (parent: XmlElement, pred: (e: XmlElement) => boolean): void => {
    parent.children = parent.children.filter((c) => {
      if (pred(c)) {
        if (c.attrs.id) removed.push(c.attrs.id);
        // resources nested in it go too (a group deleted with its members)
        for (const d of descendants(c)) if (d !== c && isResource(d) && d.attrs.id) removed.push(d.attrs.id);
        return false;
      }
      removeWhere(c, pred);
      return true;
    });
  };
  const gone = new Set<string>();
  // 1. the objects themselves (wherever they are nested)
  removeWhere(out, (e) => e.attrs.id !== undefined && doomed.has(e.attrs.id) && e.name !== 'nvpair' && !REF_TAGS.includes(e.name));
  // 2. containers left empty
  removeWhere(out, (e) => ['group', 'clone', 'master'].includes(e.name) && !e.children.some(isResource));
  for (const id of removed) gone.add(id);

  // 3. constraints on a released container follow its first member
  for (const e of descendants(out)) {
    for (const a of RSC_REF_ATTRS) {
      const to = e.attrs[a] !== undefined && gone.has(e.attrs[a]!) ? firstMember.get(e.attrs[a]!) : undefined;
      if (to !== undefined && e.name.startsWith('rsc_')) {
        repointed.push({ constraint: e.attrs.id ?? e.name, from: e.attrs[a]!, to });
        e.attrs[a] = to;
      }
    }
    if (e.name === 'resource_set') {
      for (const r of e.children) {
        const to = r.name === 'resource_ref' && gone.has(r.attrs.id ?? '') ? firstMember.get(r.attrs.id!) : undefined;
        if (to !== undefined && !e.children.some((o) => o.name === 'resource_ref' && o.attrs.id === to)) r.attrs.id = to;
      }
    }
  }

  // 4. references: set and tag members, then what is left without a resource
  const owners = new Map<XmlElement, XmlElement>();
  for (const e of descendants(out)) if (e.name.startsWith('rsc_') || e.name === 'tag') for (const d of descendants(e)) if (d !== e) owners.set(d, e);
  const dropRef = (e: XmlElement): boolean => {
    if ((e.name === 'resource_ref' || e.name === 'obj_ref') && gone.has(e.attrs.id ?? '')) {
      const owner = owners.get(e);
      if (owner?.attrs.id) updatedSet.add(owner.attrs.id);
      return true;
    }
    return false;
  };
  const before = removed.length;
  removeWhere(out, dropRef);
  removeWhere(out, (e) => e.name === 'resource_set' && !e.children.some((c) => c.name === 'resource_ref'));
  removed.splice(before); // references and sets are not objects
  removeWhere(out, (e) => {
    if (e.name === 'tag') return e.children.length === 0;
    if (!e.name.startsWith('rsc_')) return false;
    if (RSC_REF_ATTRS.some((a) => e.attrs[a] !== undefined && gone.has(e.attrs[a]!))) return true;
    const usesSets = e.attrs.rsc === undefined && e.attrs.first === undefined && e.attrs['rsc-pattern'] === undefined;
    if (!usesSets) return false;
    const refs = [...descendants(e)].filter((d) => d.name === 'resource_ref').length;
    // a colocation or order of one resource says nothing: crmsh drops it as "hanging"
    return refs === 0 || ((e.name === 'rsc_colocation' || e.name === 'rsc_order') && refs < 2);
  });
  const updated = [...updatedSet].filter((id) => !removed.includes(id));
  return { cib: out, removed, released, repointed, updated };
}

/** Elements whose `id` names another object. */
const REF_TAGS = ['resource_ref', 'obj_ref', 'role_ref', 'role', 'crmsh-ref'];

/** Rename an object and every reference to it (constraints, sets, tags, id-refs, templates). */
export function renameObject(cib: XmlElement, from: string, to: string): XmlElement {
  const out = cloneXml(cib);
  for (const e of descendants(out)) {
    if (e.attrs.id === from && e.name !== 'resource_ref' && e.name !== 'obj_ref') e.attrs.id = to;
    else if ((e.name === 'resource_ref' || e.name === 'obj_ref') && e.attrs.id === from) e.attrs.id = to;
    for (const a of [...RSC_REF_ATTRS, 'id-ref', 'template']) if (e.attrs[a] === from) e.attrs[a] = to;
  }
  return out;
}

/** Ids of top-level objects that were added, removed or changed from `base` to `current`. */
export function changedObjects(base: XmlElement, current: XmlElement): { added: string[]; removed: string[]; changed: string[] } {
  const a = topLevelObjects(base);
  const b = topLevelObjects(current);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [id, el] of b) {
    const old = a.get(id);
    if (!old) added.push(id);
    else if (serializeXml(old, { indent: '' }) !== serializeXml(el, { indent: '' })) changed.push(id);
  }
  for (const id of a.keys()) if (!b.has(id)) removed.push(id);
  return { added, removed, changed };
}

/**
 * An edit that cannot be made; `subject` says which argument is at fault
 * (so the shell can point at the word) and `hint` what to do instead.
 */
export class EditError extends Error {
  constructor(
    message: string,
    readonly subject: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'EditError';
  }
}

/** The element holding `el`, searched from `root`. */
function parentOf(root: XmlElement, el: XmlElement): XmlElement | undefined {
  for (const e of descendants(root)) if (e.children.includes(el)) return e;
  return undefined;
}

export type GroupChange = { op: 'add'; rsc: string; after?: string; before?: string } | { op: 'remove'; rsc: string };

/**
 * `modgroup`: add a primitive to a group (at the end, or after/before a
 * member) or take one out (it stays, at the top level, after the group).
 * Throws EditError naming the faulty argument ('group', 'rsc' or 'ref').
 *
 * @example
 *   modifyGroup(cib, 'web', { op: 'add', rsc: 'ip', before: 'apache' });
 */
export function modifyGroup(cib: XmlElement, groupId: string, change: GroupChange): XmlElement {
  const out = cloneXml(cib);
  const objects = topLevelObjects(out);
  const group = objects.get(groupId);
  if (!group) throw new EditError(`no group with id '${groupId}'`, 'group');
  if (group.name !== 'group') throw new EditError(`${groupId} is a ${group.name}, not a group`, 'group');
  const members = group.children.filter(isResource).map((m) => m.attrs.id ?? '');
  const resources = out.children.find((c) => c.name === 'configuration')?.children.find((c) => c.name === 'resources');
  if (!resources) throw new EditError('the CIB has no resources section', 'group');
  let top: XmlElement = group;
  for (let p = parentOf(out, top); p && p !== resources; p = parentOf(out, p)) top = p;
  if (change.op === 'remove') {
    const at = members.indexOf(change.rsc);
    if (at < 0) throw new EditError(`${change.rsc} is not a member of ${groupId}`, 'rsc', members.length ? `its members: ${members.join(', ')}` : undefined);
    if (members.length === 1) throw new EditError(`${change.rsc} is the only member of ${groupId}, and a group cannot be empty`, 'rsc', `\`delete ${groupId}\` removes the group and keeps ${change.rsc}`);
    const el = group.children.find((m) => m.attrs.id === change.rsc)!;
    group.children = group.children.filter((m) => m !== el);
    resources.children.splice(resources.children.indexOf(top) + 1, 0, el);
    return out;
  }
  const el = objects.get(change.rsc);
  if (!el) throw new EditError(`no resource with id '${change.rsc}'`, 'rsc');
  if (members.includes(change.rsc)) throw new EditError(`${change.rsc} is already a member of ${groupId}`, 'rsc');
  if (el.name !== 'primitive') throw new EditError(`${change.rsc} is a ${el.name}: only primitives can join a group`, 'rsc');
  const holder = parentOf(out, el);
  if (holder !== resources) {
    const what = holder ? `${holder.name} ${holder.attrs.id ?? ''}`.trim() : 'another resource';
    throw new EditError(`${change.rsc} belongs to ${what}`, 'rsc', holder?.name === 'group' ? `\`modgroup ${holder.attrs.id} remove ${change.rsc}\` takes it out first` : undefined);
  }
  const ref = change.after ?? change.before;
  if (ref !== undefined && !members.includes(ref)) throw new EditError(`${ref} is not a member of ${groupId}`, 'ref', `its members: ${members.join(', ')}`);
  resources.children = resources.children.filter((c) => c !== el);
  let at = group.children.length;
  if (ref !== undefined) {
    const i = group.children.findIndex((m) => m.attrs.id === ref);
    at = change.after !== undefined ? i + 1 : i;
  } else {
    // after the last member (meta_attributes and the like may follow the members)
    const last = group.children.map((m) => isResource(m)).lastIndexOf(true);
    at = last + 1;
  }
  group.children.splice(at, 0, el);
  return out;
}

/** Nvpairs of `el`'s own attribute sets (and its ops'), not those of resources nested in it. */
function ownNvpairs(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.name === 'nvpair' && c.attrs.name === name) out.push(c);
      else if (!isResource(c)) walk(c);
    }
  };
  walk(el);
  return out;
}

/**
 * crmsh's `configure set <path> <value>`: path is `id.name` (a parameter,
 * meta attribute, utilization or property that exists), `id.op.name` (an
 * attribute of the one operation of that name) or `id.op.interval.name`.
 * Ids may contain dots: the longest prefix that is an object's id is taken.
 * Throws EditError ('path') when the path does not lead to one attribute.
 *
 * @example
 *   setAttribute(cib, 'vip1.ip', '10.0.0.2');
 *   setAttribute(cib, 'db.monitor.10s.timeout', '30s');
 */
export function setAttribute(cib: XmlElement, path: string, value: string): XmlElement {
  const out = cloneXml(cib);
  const objects = topLevelObjects(out);
  const parts = path.split('.');
  let id: string | undefined;
  let rest: string[] = [];
  for (let k = parts.length - 1; k >= 1; k--) {
    const candidate = parts.slice(0, k).join('.');
    if (objects.has(candidate)) {
      id = candidate;
      rest = parts.slice(k);
      break;
    }
  }
  const usage = 'the path is <id>.<name>, <id>.<op>.<name> or <id>.<op>.<interval>.<name>';
  if (id === undefined) throw new EditError(parts.length < 2 ? `'${path}' is not a path to an attribute` : `no object with id '${parts[0]}'`, 'path', usage);
  if (rest.length > 3 || rest.some((p) => p === '')) throw new EditError(`'${path}' is not a path to an attribute`, 'path', usage);
  const obj = objects.get(id)!;
  if (rest.length === 1) {
    const name = rest[0]!;
    const found = ownNvpairs(obj, name);
    if (found.length === 0) throw new EditError(`${id} has no attribute '${name}'`, 'path', 'set changes an attribute that exists; add one with the statement that defines the object');
    if (found.length > 1) throw new EditError(`${id} has ${found.length} attributes named '${name}' (in different sets or operations)`, 'path', `give the operation: ${id}.<op>.${name}, or edit ${id}`);
    found[0]!.attrs.value = value;
    return out;
  }
  const [opName, ...tail] = rest as [string, ...string[]];
  const name = tail[tail.length - 1]!;
  const interval = tail.length === 2 ? tail[0] : undefined;
  const ops = (obj.children.find((c) => c.name === 'operations')?.children ?? []).filter((o) => o.name === 'op' && o.attrs.name === opName);
  const matching = interval === undefined ? ops : ops.filter((o) => intervalMs(o.attrs.interval) === intervalMs(interval));
  if (matching.length === 0) {
    throw new EditError(
      interval === undefined ? `${id} has no '${opName}' operation` : `${id} has no '${opName}' operation with interval ${interval}`,
      'path',
      ops.length ? `its ${opName} intervals: ${ops.map((o) => o.attrs.interval ?? '0').join(', ')}` : undefined,
    );
  }
  if (matching.length > 1) throw new EditError(`${id} has ${matching.length} '${opName}' operations`, 'path', `give the interval: ${id}.${opName}.${matching[0]!.attrs.interval ?? '0'}.${name}`);
  const op = matching[0]!;
  if (name === 'id' || name === 'name') throw new EditError(`the ${name} of an operation cannot be set`, 'path');
  // an attribute kept as an nvpair of the op (OCF_CHECK_LEVEL) is set there
  const nv = ownNvpairs(op, name);
  if (nv.length === 1) nv[0]!.attrs.value = value;
  else op.attrs[name] = value;
  return out;
}
