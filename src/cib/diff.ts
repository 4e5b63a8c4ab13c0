/**
 * Differences between two CIBs as Pacemaker v2 patches, the format that
 * `crm_diff` writes and `cibadmin --patch` applies. Pure: no I/O.
 *
 * A patch carries a `<version>` block. Pacemaker (2.1.5, `xml_patch_version_check`)
 * applies it only if the CIB's admin_epoch, epoch *and* num_updates equal the
 * patch's `<source>` exactly; otherwise cibadmin exits 103 ("Update was older
 * than existing configuration") when the CIB moved on, or 1 when it is behind.
 * A `<target>` equal to `<source>` is also refused with 103, so the target is
 * always epoch+1 (and num_updates 0), as crmsh does. We never send a `modify`
 * of the version attributes themselves: the CIB bumps epoch on its own when
 * the configuration changes, and a crm_diff-style `modify /cib epoch=…` would
 * make it bump twice on a CIB_file.
 *
 * Children are matched by element name and id. Children without an id are
 * addressed by name alone, which Pacemaker resolves to the first child of that
 * name; where that would be ambiguous the whole parent is replaced instead.
 * Reordered children (group members, ops, rules) become `move` changes for
 * the fewest elements: those outside a longest increasing subsequence.
 *
 * XML comments, which crmsh writes for `#` lines inside objects, are children
 * named `#comment` (see COMMENT): matched by text, deleted by position and
 * created again rather than moved, since a comment has no path. Pacemaker
 * counts them in positions, so an element tree read without its comments
 * (src/cib/xml.ts drops them today) places creates and moves one slot off in a
 * parent that holds comments.
 *
 * Big containers: see `DiffOptions.bulkCost`.
 *
 * @example
 *   const patch = diffCib(base, desired);
 *   if (!isEmptyDiff(patch)) await applyPatch(ex, target, patch);
 *   touchedObjects(patch); // Set { 'web', 'web-on-node1' }
 */
import { cloneXml, element, type XmlElement } from './xml.js';

const VERSION_FIELDS = ['admin_epoch', 'epoch', 'num_updates'] as const;

/** Root attributes the cluster keeps up to date itself: never part of our changes. */
const VOLATILE_ROOT_ATTRS = new Set<string>([
  ...VERSION_FIELDS,
  'cib-last-written',
  'update-origin',
  'update-client',
  'update-user',
  'have-quorum',
  'dc-uuid',
]);

export type CibVersion = { admin_epoch: number; epoch: number; num_updates: number };

/** The version triple of a CIB (missing or malformed counters read as 0, as Pacemaker reads them). */
export function cibVersion(cib: XmlElement): CibVersion {
  const n = (k: string): number => {
    const v = Number.parseInt(cib.attrs[k] ?? '', 10);
    return Number.isFinite(v) && v > 0 ? v : 0;
  };
  return { admin_epoch: n('admin_epoch'), epoch: n('epoch'), num_updates: n('num_updates') };
}

/** `0.12.3`, the way Pacemaker prints versions. */
export function formatVersion(v: CibVersion): string {
  return `${v.admin_epoch}.${v.epoch}.${v.num_updates}`;
}

export interface DiffOptions {
  /**
   * Replace a whole parent (one delete + one create) instead of creating or
   * moving many of its children one by one, when the estimated cost of the
   * latter in Pacemaker exceeds this. Pacemaker 2.1.5 finds the place of each
   * created or moved child with a walk that calls an O(position) function at
   * every step (apply_v2_patchset), so n creates in one parent cost ~n³: 2,500
   * new resources and constraints take 15 s in cibadmin, against ~1 s as two
   * section replacements. The estimate is Σ (position+1)² over the parent's
   * creates and moves. Unset: never (the patch crm_diff would give).
   * `commitCib` uses `BULK_COST` for what it sends.
   */
  bulkCost?: number;
}

/** The bulk threshold commitCib uses: about 50 ms of Pacemaker's time. */
export const BULK_COST = 4_000_000;

interface Changes {
  deletes: XmlElement[];
  rest: XmlElement[];
}

function pathStep(e: XmlElement): string {
  if (e.name === '#comment') return 'comment';
  const id = e.attrs.id;
  return id === undefined ? e.name : `${e.name}[@id='${id}']`;
}

/**
 * A v2 patch from `base` to `target`: delete/create/modify/move changes, with a
 * version block from base's version to base's epoch+1. Attributes of the root
 * that the cluster maintains (versions, cib-last-written, dc-uuid, …) are ignored.
 *
 * @example
 *   serializeXml(diffCib(base, withNewPrimitive));
 *   // <diff format="2"><version><source admin_epoch="0" epoch="5" num_updates="3"/>
 *   //   <target admin_epoch="0" epoch="6" num_updates="0"/></version>
 *   //   <change operation="create" path="/cib/configuration/resources" position="2"><primitive id="d1" …/></change></diff>
 */
export function diffCib(base: XmlElement, target: XmlElement, opts: DiffOptions = {}): XmlElement {
  const changes: Changes = { deletes: [], rest: [] };
  diffElement(base, target, `/${pathStep(target)}`, true, changes, opts.bulkCost ?? Infinity);
  const v = cibVersion(base);
  const ver = (x: CibVersion): Record<string, string> => ({
    admin_epoch: String(x.admin_epoch),
    epoch: String(x.epoch),
    num_updates: String(x.num_updates),
  });
  const version = element('version', {}, [
    element('source', ver(v)),
    element('target', ver({ admin_epoch: v.admin_epoch, epoch: v.epoch + 1, num_updates: 0 })),
  ]);
  return element('diff', { format: '2' }, [version, ...changes.deletes, ...changes.rest]);
}

/**
 * Whether `diffCib(base, target)` has any change, without building it (a big
 * load's patch would copy every new object): the root's own attributes other
 * than the volatile ones, and every subtree below it.
 *
 * @example
 *   cibDiffers(base, cloneXml(base)); // false
 */
export function cibDiffers(base: XmlElement, target: XmlElement): boolean {
  const sameKids = base.children.length === target.children.length && base.children.every((c, i) => sameTree(c, target.children[i]!));
  return !sameKids || modifyChange(base, target, `/${pathStep(target)}`, true) !== undefined;
}

/**
 * The CIB that Pacemaker holds after `cibadmin --patch` of `diffCib(base, target)`
 * on `base`: target's configuration and status, target's root attributes except
 * the ones the cluster maintains (kept as in base), and the patch's target
 * version (admin_epoch, epoch+1, num_updates 0). What a direct write of a CIB
 * file must contain to be indistinguishable from the patch.
 *
 * @example
 *   patchedCib(base, desired).attrs.epoch; // String(Number(base.attrs.epoch) + 1)
 */
export function patchedCib(base: XmlElement, target: XmlElement): XmlElement {
  const v = cibVersion(base);
  const attrs: Record<string, string> = {};
  for (const [k, val] of Object.entries(base.attrs)) if (VOLATILE_ROOT_ATTRS.has(k) || k in target.attrs) attrs[k] = val;
  for (const [k, val] of Object.entries(target.attrs)) if (!VOLATILE_ROOT_ATTRS.has(k)) attrs[k] = val;
  attrs.admin_epoch = String(v.admin_epoch);
  attrs.epoch = String(v.epoch + 1);
  attrs.num_updates = '0';
  return { ...target, attrs };
}

/**
 * Diff `o` → `n` (same name and id), at `path`. Returns false when `o` must be
 * replaced as a whole (its text changed, or its children cannot be addressed
 * unambiguously); the caller then deletes and recreates it.
 */
function diffElement(o: XmlElement, n: XmlElement, path: string, isRoot: boolean, out: Changes, bulkCost: number): boolean {
  if (!isRoot && (o.text ?? '') !== (n.text ?? '')) return false;
  const sameKids = o.children.length === n.children.length && o.children.every((c, i) => sameTree(c, n.children[i]!));
  // (the root cannot be replaced; its children, configuration and status, are unique anyway)
  if (!isRoot && !sameKids && (!addressable(o.children) || !addressable(n.children))) return false;

  const mod = modifyChange(o, n, path, isRoot);
  if (mod) out.rest.push(mod);
  if (sameKids) return true;

  const oldByKey = new Map<string, { el: XmlElement; index: number }>();
  o.children.forEach((c, index) => oldByKey.set(childKey(c, o.children, index), { el: c, index }));
  const newKeys = n.children.map((c, i) => childKey(c, n.children, i));

  // Recurse first: a child that must be replaced is deleted and created at
  // its new position, so it takes no part in the move computation.
  type Slot = { kind: 'create' } | { kind: 'replace'; oldIndex: number } | { kind: 'keep'; sub: Changes; oldIndex: number };
  const slots: Slot[] = n.children.map((c, i) => {
    const old = oldByKey.get(newKeys[i]!);
    if (!old) return { kind: 'create' };
    if (isComment(c)) return { kind: 'keep', sub: { deletes: [], rest: [] }, oldIndex: old.index };
    const sub: Changes = { deletes: [], rest: [] };
    if (!diffElement(old.el, c, `${path}/${pathStep(c)}`, false, sub, bulkCost)) return { kind: 'replace', oldIndex: old.index };
    return { kind: 'keep', sub, oldIndex: old.index };
  });

  // Children kept in place: a longest increasing subsequence of their old indexes.
  const keptIdx: number[] = [];
  slots.forEach((s, i) => {
    if (s.kind === 'keep') keptIdx.push(i);
  });
  const stay = new Set(longestIncreasing(keptIdx, (i) => (slots[i] as { oldIndex: number }).oldIndex));
  // a comment cannot be moved by path (Pacemaker finds "comment" by position
  // only for deletes): one that must move is deleted and created again
  slots.forEach((s, i) => {
    if (s.kind === 'keep' && isComment(n.children[i]!) && !stay.has(i)) slots[i] = { kind: 'replace', oldIndex: s.oldIndex };
  });

  if (!isRoot && bulkCost !== Infinity) {
    let cost = 0;
    slots.forEach((s, i) => {
      if (s.kind !== 'keep' || !stay.has(i)) cost += (i + 1) * (i + 1);
    });
    if (cost > bulkCost) return false;
  }

  // Deletes of direct children, in old document order. A comment is found by
  // its position at the time of its delete, i.e. after the earlier deletes.
  const replacedOld = new Set<number>();
  for (const s of slots) if (s.kind === 'replace') replacedOld.add(s.oldIndex);
  const newKeySet = new Set(newKeys);
  let deletedBefore = 0;
  o.children.forEach((c, index) => {
    if (newKeySet.has(childKey(c, o.children, index)) && !replacedOld.has(index)) return;
    const attrs: Record<string, string> = { operation: 'delete', path: `${path}/${pathStep(c)}` };
    if (isComment(c)) attrs.position = String(index - deletedBefore);
    out.deletes.push(element('change', attrs));
    deletedBefore++;
  });

  // Pacemaker applies creates and moves sorted by position, after deletes,
  // modifies and the temporary move of moved elements to the end: emitting
  // them in new document order gives ascending positions per parent.
  n.children.forEach((c, i) => {
    const s = slots[i]!;
    if (s.kind === 'create' || s.kind === 'replace') {
      out.rest.push(element('change', { operation: 'create', path, position: String(i) }, [cloneXml(c)]));
      return;
    }
    out.deletes.push(...s.sub.deletes);
    out.rest.push(...s.sub.rest);
    if (!stay.has(i)) out.rest.push(element('change', { operation: 'move', path: `${path}/${pathStep(c)}`, position: String(i) }));
  });
  return true;
}

function modifyChange(o: XmlElement, n: XmlElement, path: string, isRoot: boolean): XmlElement | undefined {
  const skip = (k: string): boolean => isRoot && VOLATILE_ROOT_ATTRS.has(k);
  const list: XmlElement[] = [];
  for (const [k, v] of Object.entries(n.attrs)) {
    if (!skip(k) && o.attrs[k] !== v) list.push(element('change-attr', { name: k, operation: 'set', value: v }));
  }
  for (const k of Object.keys(o.attrs)) {
    if (!skip(k) && !(k in n.attrs)) list.push(element('change-attr', { name: k, operation: 'unset' }));
  }
  if (list.length === 0) return undefined;
  // Pacemaker replaces all attributes by those of change-result: keep the
  // volatile root attributes as they are in the CIB being patched.
  const result: Record<string, string> = {};
  for (const [k, v] of Object.entries(n.attrs)) if (!skip(k)) result[k] = v;
  for (const [k, v] of Object.entries(o.attrs)) if (skip(k)) result[k] = v;
  return element('change', { operation: 'modify', path }, [
    element('change-list', {}, list),
    element('change-result', {}, [element(n.name, result)]),
  ]);
}

/**
 * XML comments, if the element tree carries them: `{ name: '#comment', text }`.
 * crmsh keeps `#` comments of the configure language as comments inside the
 * object's element, and Pacemaker counts them in positions.
 */
export const COMMENT = '#comment';
const isComment = (e: XmlElement): boolean => e.name === COMMENT;

/**
 * Match key among siblings: name + id, or name alone (see `addressable`).
 * Comments match by text and by rank among the comments of the same text.
 */
function childKey(e: XmlElement, siblings?: readonly XmlElement[], index?: number): string {
  if (isComment(e)) {
    let rank = 0;
    if (siblings && index !== undefined) for (let i = 0; i < index; i++) if (isComment(siblings[i]!) && siblings[i]!.text === e.text) rank++;
    return `${COMMENT}\u0000${rank}\u0000${e.text ?? ''}`;
  }
  return e.attrs.id === undefined ? `${e.name}\u0000` : `${e.name}\u0000${e.attrs.id}`;
}

/**
 * Can every child be found by its path step? Pacemaker resolves `name` (no id)
 * to the first child called `name`, so an id-less child must be the only child
 * of its name, and (name, id) pairs must be unique.
 */
function addressable(kids: readonly XmlElement[]): boolean {
  const seen = new Set<string>();
  const names = new Map<string, number>();
  for (const c of kids) names.set(c.name, (names.get(c.name) ?? 0) + 1);
  for (const c of kids) {
    if (isComment(c)) continue;
    if (c.attrs.id === undefined && (names.get(c.name) ?? 0) > 1) return false;
    const k = childKey(c);
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
}

function sameTree(a: XmlElement, b: XmlElement): boolean {
  if (a === b) return true;
  if (a.name !== b.name || (a.text ?? '') !== (b.text ?? '') || a.children.length !== b.children.length) return false;
  const ak = Object.keys(a.attrs);
  if (ak.length !== Object.keys(b.attrs).length) return false;
  for (const k of ak) if (a.attrs[k] !== b.attrs[k]) return false;
  return a.children.every((c, i) => sameTree(c, b.children[i]!));
}

/** The items of `xs` forming a longest subsequence with increasing `key` (O(n log n)). */
function longestIncreasing<T>(xs: readonly T[], key: (x: T) => number): T[] {
  const tails: number[] = []; // index into xs of the smallest tail of each length
  const prev: number[] = new Array<number>(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    const k = key(xs[i]!);
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(xs[tails[mid]!]!) < k) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: T[] = [];
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.push(xs[i]!);
  return out.reverse();
}

/** The `<change>` elements of a patch. */
export function patchChanges(diff: XmlElement): XmlElement[] {
  return diff.children.filter((c) => c.name === 'change');
}

/** True when the patch changes nothing (only a version block, or nothing at all). */
export function isEmptyDiff(diff: XmlElement): boolean {
  return patchChanges(diff).length === 0;
}

/** One step of a change path: `primitive[@id='x']` → { name: 'primitive', id: 'x' }. */
export interface PathStep {
  name: string;
  id?: string;
}

/** Split a patch path into steps. Ids cannot hold `/` or `'` (they are XML IDs). */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const part of path.split('/')) {
    if (part === '') continue;
    const m = /^([^[]+)\[@id='([^']*)'\]$/.exec(part);
    steps.push(m ? { name: m[1]!, id: m[2]! } : { name: part });
  }
  return steps;
}

/**
 * Ids of the top-level objects a patch touches: resources (a group or clone
 * for anything inside it), constraints, nodes, nvpair sets of crm_config /
 * rsc_defaults / op_defaults, tags, ACL objects, alerts, fencing levels. A
 * change of a whole configuration section (creating `<rsc_defaults>`,
 * say) also yields the section's name; changes under `<status>` yield
 * `status:<node id>`; a change of the root's own attributes yields `cib`.
 *
 * @example
 *   touchedObjects(diffCib(base, withGroupMemberAdded)); // Set { 'g1' }
 */
export function touchedObjects(diff: XmlElement): Set<string> {
  const out = new Set<string>();
  for (const ch of patchChanges(diff)) for (const k of changeObjects(ch)) out.add(k);
  return out;
}

function changeObjects(ch: XmlElement): string[] {
  const steps = parsePath(ch.attrs.path ?? '');
  const op = ch.attrs.operation;
  const created = op === 'create' ? ch.children[0] : undefined;
  // the path of the element this change is about
  const full = created ? [...steps, { name: created.name, ...(created.attrs.id !== undefined ? { id: created.attrs.id } : {}) }] : steps;
  const section = full[1];
  if (full.length <= 1 || !section) return ['cib'];
  const label = (s: PathStep): string => s.id ?? s.name;
  if (section.name === 'status') {
    const nodeState = full[2];
    return [nodeState ? `status:${label(nodeState)}` : 'status'];
  }
  if (section.name !== 'configuration') return [section.name];
  const sect = full[2];
  if (!sect) {
    // <configuration> itself: created whole, or its attributes
    return created ? ['configuration', ...created.children.map((c) => c.name)] : ['configuration'];
  }
  const obj = full[3];
  if (!obj) {
    // a whole section: created (with its objects) or deleted/modified/moved
    const inner = created ? created.children.map((c) => c.attrs.id ?? `${sect.name}/${c.name}`) : [];
    return [sect.name, ...inner];
  }
  return [obj.id ?? `${sect.name}/${obj.name}`];
}

/**
 * One line per change, for conflict reports and `--dry-run`.
 *
 * @example
 *   describeDiff(patch); // ['create primitive d1 in resources', "modify nvpair cib-bootstrap-options-stonith-enabled: value='false'"]
 */
export function describeDiff(diff: XmlElement): string[] {
  return patchChanges(diff).map(describeChange);
}

export function describeChange(ch: XmlElement): string {
  const steps = parsePath(ch.attrs.path ?? '');
  const last = steps[steps.length - 1];
  const where = (s: PathStep | undefined): string => (s ? (s.id !== undefined ? `${s.name} ${s.id}` : s.name) : '/');
  switch (ch.attrs.operation) {
    case 'create': {
      const c = ch.children[0];
      return `create ${c ? where({ name: c.name, ...(c.attrs.id !== undefined ? { id: c.attrs.id } : {}) }) : '?'} in ${where(last)}`;
    }
    case 'delete':
      return `delete ${where(last)}${steps.length > 1 ? ` from ${where(steps[steps.length - 2])}` : ''}`;
    case 'move':
      return `move ${where(last)} to position ${ch.attrs.position ?? '?'}`;
    case 'modify': {
      const list = ch.children.find((c) => c.name === 'change-list')?.children ?? [];
      const attrs = list.map((a) => (a.attrs.operation === 'unset' ? `-${a.attrs.name}` : `${a.attrs.name}=${JSON.stringify(a.attrs.value ?? '')}`));
      return `modify ${where(last)}: ${attrs.join(' ')}`;
    }
    default:
      return `${ch.attrs.operation ?? '?'} ${ch.attrs.path ?? ''}`;
  }
}

/**
 * Apply a v2 patch to a copy of `cib` in memory, the way Pacemaker does
 * (`apply_v2_patchset`): deletes, modifies and moves-to-the-end in order,
 * then creates and moves sorted by position. Two differences, both on purpose:
 * no version check (the caller decides), and `modify` applies the change-list
 * (set/unset) rather than replacing all attributes by change-result, so that
 * attributes others changed meanwhile survive a rebase. With `lenient`,
 * changes whose element is gone are skipped (listed in `skipped`) instead of
 * failing.
 *
 * @example
 *   const r = applyPatchXml(current, patch);
 *   if (r.ok) diffCib(current, r.cib); // the same edit, rebased on `current`
 */
export function applyPatchXml(
  cib: XmlElement,
  diff: XmlElement,
  opts: { lenient?: boolean } = {},
): { ok: true; cib: XmlElement; skipped: string[] } | { ok: false; error: string } {
  const skipped: string[] = [];
  const root = cloneXml(cib);
  const parents = new Map<XmlElement, XmlElement>();
  // per parent: children by match key, and the first child of each name (what an id-less step finds)
  const index = new Map<XmlElement, { byKey: Map<string, XmlElement>; first: Map<string, XmlElement> }>();
  const removed = new Set<XmlElement>();
  const movedToEnd = new Map<XmlElement, Set<XmlElement>>();
  const indexOf = (p: XmlElement) => {
    let ix = index.get(p);
    if (!ix) {
      ix = { byKey: new Map(), first: new Map() };
      for (const c of p.children) {
        if (removed.has(c)) continue;
        if (!ix.byKey.has(childKey(c))) ix.byKey.set(childKey(c), c);
        if (!ix.first.has(c.name)) ix.first.set(c.name, c);
      }
      index.set(p, ix);
    }
    return ix;
  };
  const find = (path: string, position: number): XmlElement | undefined => {
    const steps = parsePath(path);
    const first = steps[0];
    if (!first || first.name !== root.name || (first.id !== undefined && root.attrs.id !== first.id)) return undefined;
    let cur: XmlElement = root;
    for (const [k, s] of steps.slice(1).entries()) {
      const ix = indexOf(cur);
      let next: XmlElement | undefined;
      if (s.name === 'comment' && s.id === undefined) {
        // as Pacemaker: a comment step is the first comment, or the one at `position` (deletes)
        const live = cur.children.filter((c) => !removed.has(c));
        next = k === steps.length - 2 && position >= 0 ? live[position] : live.find(isComment);
        if (next && !isComment(next)) next = undefined;
      } else next = s.id === undefined ? ix.first.get(s.name) : ix.byKey.get(`${s.name}\u0000${s.id}`);
      if (!next) return undefined;
      parents.set(next, cur);
      cur = next;
    }
    return cur;
  };
  const later: { ch: XmlElement; match: XmlElement; position: number; seq: number }[] = [];
  let seq = 0;
  for (const ch of patchChanges(diff)) {
    const op = ch.attrs.operation;
    const path = ch.attrs.path ?? '';
    const match = find(path, op === 'delete' && ch.attrs.position !== undefined ? Number.parseInt(ch.attrs.position, 10) : -1);
    if (!match) {
      if (op === 'delete') continue;
      // lenient (a forced rebase): changes of objects that are gone are dropped, and said so
      if (opts.lenient) {
        skipped.push(describeChange(ch));
        continue;
      }
      return { ok: false, error: `no ${op ?? 'change'} match for ${path}` };
    }
    const position = Number.parseInt(ch.attrs.position ?? '0', 10) || 0;
    if (op === 'create' || op === 'move') {
      later.push({ ch, match, position, seq: seq++ });
      if (op === 'move') {
        const p = parents.get(match);
        if (p) {
          // a Set keeps insertion order: delete + add puts `match` last
          const m = movedToEnd.get(p) ?? new Set<XmlElement>();
          m.delete(match);
          m.add(match);
          movedToEnd.set(p, m);
        }
      }
    } else if (op === 'delete') {
      const p = parents.get(match);
      if (!p) return { ok: false, error: `cannot delete the root` };
      removed.add(match);
      index.delete(p);
      const m = movedToEnd.get(p) ?? new Set<XmlElement>();
      m.delete(match);
      movedToEnd.set(p, m);
    } else if (op === 'modify') {
      const list = ch.children.find((c) => c.name === 'change-list')?.children ?? [];
      for (const a of list) {
        const name = a.attrs.name;
        if (name === undefined) continue;
        if (a.attrs.operation === 'unset') delete match.attrs[name];
        else match.attrs[name] = a.attrs.value ?? '';
      }
    } else {
      return { ok: false, error: `unknown operation ${op ?? '(none)'}` };
    }
  }
  // end of the first pass: deletions done, moved children at the end of their parent
  for (const [p, moved] of movedToEnd) {
    p.children = [...p.children.filter((c) => !removed.has(c) && !moved.has(c)), ...moved];
  }
  later.sort((a, b) => a.position - b.position || a.seq - b.seq);
  for (const { ch, match, position } of later) {
    if (ch.attrs.operation === 'create') {
      const c = ch.children[0];
      if (!c) return { ok: false, error: `empty create at ${ch.attrs.path ?? ''}` };
      match.children.splice(Math.min(position, match.children.length), 0, cloneXml(c));
    } else {
      const p = parents.get(match);
      if (!p) return { ok: false, error: `cannot move the root` };
      const at = p.children.indexOf(match);
      if (at !== position) {
        p.children.splice(at, 1);
        p.children.splice(Math.min(position, p.children.length), 0, match);
      }
    }
  }
  return { ok: true, cib: root, skipped };
}
