/**
 * Edits of a whole CIB that are not statements of the language: delete and
 * rename objects, and which objects differ between two CIBs. Pure: each
 * function returns a new document and leaves its input alone.
 */
import { cloneXml, descendants, serializeXml, type XmlElement } from './xml.js';

/** Attributes of constraint-like elements that hold a resource id. */
const RSC_REF_ATTRS = ['rsc', 'with-rsc', 'first', 'then'];

/** The top-level objects of <configuration>: what `show`, `delete` and `rename` address by id. */
export function topLevelObjects(cib: XmlElement): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  const conf = cib.children.find((c) => c.name === 'configuration');
  if (!conf) return out;
  for (const section of conf.children) {
    for (const obj of section.children) {
      if (obj.attrs.id) out.set(obj.attrs.id, obj);
      // resources nested in groups/clones/bundles are objects of their own
      if (section.name === 'resources') {
        for (const d of descendants(obj)) if (d !== obj && isResource(d) && d.attrs.id) out.set(d.attrs.id, d);
      }
    }
  }
  return out;
}

function isResource(e: XmlElement): boolean {
  return ['primitive', 'group', 'clone', 'master', 'bundle'].includes(e.name);
}

/** Every id in the document. */
export function allIds(cib: XmlElement): Set<string> {
  const ids = new Set<string>();
  for (const e of descendants(cib)) if (e.attrs.id) ids.add(e.attrs.id);
  return ids;
}

/**
 * Delete objects by id. Constraints that only existed for a deleted resource
 * go with it, and deleted resources leave resource sets and tags, as crmsh does;
 * a group or clone left empty is deleted too.
 * Returns the new CIB and the ids actually removed (the requested ones and the dependents).
 */
export function deleteObjects(cib: XmlElement, ids: readonly string[]): { cib: XmlElement; removed: string[] } {
  const out = cloneXml(cib);
  const doomed = new Set(ids);
  const removed: string[] = [];
  const removeWhere = (parent: XmlElement, pred: (e: XmlElement) => boolean): void => {
    parent.children = parent.children.filter((c) => {
      if (pred(c)) {
        if (c.attrs.id) removed.push(c.attrs.id);
        return false;
      }
      removeWhere(c, pred);
      return true;
    });
  };
  // 1. the objects themselves (wherever they are nested)
  removeWhere(out, (e) => e.attrs.id !== undefined && doomed.has(e.attrs.id) && e.name !== 'nvpair');
  const gone = new Set(removed);
  // 2. containers left empty
  removeWhere(out, (e) => ['group', 'clone', 'master'].includes(e.name) && !e.children.some(isResource));
  for (const id of removed) gone.add(id);
  // 3. references: set members, tag members, then constraints left without a resource
  removeWhere(out, (e) => (e.name === 'resource_ref' || e.name === 'obj_ref') && gone.has(e.attrs.id ?? ''));
  removeWhere(out, (e) => e.name === 'resource_set' && !e.children.some((c) => c.name === 'resource_ref'));
  removeWhere(out, (e) => {
    if (!e.name.startsWith('rsc_')) return false;
    if (RSC_REF_ATTRS.some((a) => e.attrs[a] !== undefined && gone.has(e.attrs[a]!))) return true;
    const usesSets = e.attrs.rsc === undefined && e.attrs.first === undefined && e.attrs['rsc-pattern'] === undefined;
    return usesSets && !e.children.some((c) => c.name === 'resource_set');
  });
  removeWhere(out, (e) => e.name === 'tag' && e.children.length === 0);
  return { cib: out, removed };
}

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
