/**
 * crm_resource and friends for the `resource` level: the argv of every call
 * (long options, so `--dry-run` output reads well), and the pure parts that
 * decide what to call — which resource a meta attribute goes on (crmsh's
 * rules for groups and clones), which fail-count attributes a `failcount
 * set` means, and how crm_simulate's scores read as a table.
 *
 * Nothing here runs a process; src/shell/levels/resource.ts runs these argv
 * through the shell's `tool`/`query`, so `--dry-run` shows every change.
 *
 * @example
 *   attrSetArgv('meta', 'web', 'target-role', 'Stopped');
 *   // ['crm_resource', '--resource', 'web', '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped']
 *   const index = resourceIndex(resourcesXml);              // from `cibadmin --query --scope resources`
 *   const plan = planDeepMeta(index, 'web-clone', 'target-role', 'Stopped');
 *   metaStepsArgv(index, [...plan.sets, ...plan.removals]); // the calls, in order
 */
import { children, descendants as xmlDescendants, escapeXml, parseXml, parseXmlFragment, type XmlElement } from '../cib/xml.js';
import { suggest } from '../../grammar/suggest.js';

// ---------------------------------------------------------------- argv builders

/** Which attribute set of a resource: instance attributes (`param`), `meta` or `utilization`. */
export type AttrKind = 'param' | 'meta' | 'utilization';

const KIND_FLAG: Record<AttrKind, string[]> = { param: [], meta: ['--meta'], utilization: ['--utilization'] };

export interface AttrOptions {
  /** the id of the attribute set to use (crm_resource --set-name), when a resource has several */
  setName?: string;
  /** skip crm_resource's redirect between a clone and its child (it edits exactly `rsc`) */
  force?: boolean;
}

const attrTail = (o: AttrOptions): string[] => [...(o.setName !== undefined ? ['--set-name', o.setName] : []), ...(o.force ? ['--force'] : [])];

export function attrGetArgv(kind: AttrKind, rsc: string, name: string): string[] {
  return ['crm_resource', '--resource', rsc, ...KIND_FLAG[kind], '--get-parameter', name];
}

export function attrSetArgv(kind: AttrKind, rsc: string, name: string, value: string, o: AttrOptions = {}): string[] {
  return ['crm_resource', '--resource', rsc, ...KIND_FLAG[kind], '--set-parameter', name, '--parameter-value', value, ...attrTail(o)];
}

export function attrDeleteArgv(kind: AttrKind, rsc: string, name: string, o: AttrOptions = {}): string[] {
  return ['crm_resource', '--resource', rsc, ...KIND_FLAG[kind], '--delete-parameter', name, ...attrTail(o)];
}

export interface PlacementOptions {
  node?: string;
  /** ISO 8601 duration (PT1H) or end time of the constraint */
  lifetime?: string;
  force?: boolean;
}

const placementTail = (o: PlacementOptions): string[] => [
  ...(o.node !== undefined ? ['--node', o.node] : []),
  ...(o.lifetime !== undefined ? ['--lifetime', o.lifetime] : []),
  ...(o.force ? ['--force'] : []),
];

/** A cli-prefer constraint to `node`, or (no node, with force) a cli-ban from where it runs now. */
export function moveArgv(rsc: string, o: PlacementOptions = {}): string[] {
  return ['crm_resource', '--move', '--resource', rsc, ...placementTail(o)];
}

/** A cli-ban constraint from `node` (default: where it runs now). */
export function banArgv(rsc: string, o: PlacementOptions = {}): string[] {
  return ['crm_resource', '--ban', '--resource', rsc, ...placementTail(o)];
}

/** Remove the cli-prefer/cli-ban constraints of `rsc` (only those for `node`, when given). */
export function clearArgv(rsc: string, node?: string): string[] {
  return ['crm_resource', '--clear', '--resource', rsc, ...(node !== undefined ? ['--node', node] : [])];
}

export interface HistoryOptions {
  rsc?: string;
  node?: string;
  /** act on the named resource itself, not its group or clone */
  force?: boolean;
}

const historyTail = (o: HistoryOptions): string[] => [
  ...(o.rsc !== undefined ? ['--resource', o.rsc] : []),
  ...(o.node !== undefined ? ['--node', o.node] : []),
  ...(o.force ? ['--force'] : []),
];

/** Forget failures (and re-probe) — of everything, or of a resource and/or node. */
export function cleanupArgv(o: HistoryOptions = {}): string[] {
  return ['crm_resource', '--cleanup', ...historyTail(o)];
}

/** Forget the whole operation history so the current state is re-detected. */
export function refreshArgv(o: HistoryOptions = {}): string[] {
  return ['crm_resource', '--refresh', ...historyTail(o)];
}

export function locateArgv(rsc: string): string[] {
  return ['crm_resource', '--locate', '--resource', rsc];
}

export function constraintsArgv(rsc: string): string[] {
  return ['crm_resource', '--constraints', '--resource', rsc];
}

export function operationsArgv(rsc?: string, node?: string): string[] {
  return ['crm_resource', '--list-operations', ...(rsc !== undefined ? ['--resource', rsc] : []), ...(node !== undefined ? ['--node', node] : [])];
}

/** Wait until the cluster has nothing left to do (the DC is idle), at most `timeout` (e.g. `300s`). */
export function waitArgv(timeout?: string): string[] {
  return ['crm_resource', '--wait', ...(timeout !== undefined ? ['--timeout', timeout] : [])];
}

/** The resources section: structure, ids and meta attributes for the plans below. */
export const RESOURCES_QUERY_ARGV: readonly string[] = ['cibadmin', '--query', '--scope', 'resources'];
/** Tags (`tag web: a b`), read only when a name is not a resource. */
export const TAGS_QUERY_ARGV: readonly string[] = ['cibadmin', '--query', '--scope', 'tags'];
/** The whole CIB (crm_simulate's input). */
export const CIB_QUERY_ARGV: readonly string[] = ['cibadmin', '--query'];
/** The <cib> element alone: its validate-with says which role names to write. */
export const CIB_HEAD_QUERY_ARGV: readonly string[] = ['cibadmin', '--query', '--xpath', '/cib', '--no-children'];

/** Allocation (and promotion) scores of the CIB given on stdin; never --live-check, which may write to a CIB file. */
export const SCORES_ARGV: readonly string[] = ['crm_simulate', '--xml-pipe', '--show-scores', '--show-utilization'];

/** Remove a whole attribute set (crmsh drops a meta_attributes set its change left empty). */
export function deleteSetArgv(tag: string, id: string): string[] {
  return ['cibadmin', '--delete', '--xml-text', `<${tag} id="${escapeXml(id)}"/>`];
}

// ---------------------------------------------------------------- fail counts

export function failcountQueryArgv(rsc: string, node: string): string[] {
  return ['crm_failcount', '--query', '--resource', rsc, '--node', node];
}

/** Delete the fail counts (crm_failcount runs a clean-up of the resource on the node). */
export function failcountDeleteArgv(rsc: string, node: string): string[] {
  return ['crm_failcount', '--delete', '--resource', rsc, '--node', node];
}

/** The transient attributes of a node, where fail counts live (exit 105 when it has none). */
export function nodeTransientArgv(node: string): string[] {
  return ['cibadmin', '--query', '--xpath', `/cib/status/node_state[@uname=${xpathString(node)}]/transient_attributes`];
}

/** Set one fail-count attribute (`fail-count-<rsc>#<op>_<interval ms>`) on a node. */
export function failcountSetArgv(node: string, attribute: string, value: string): string[] {
  return ['crm_attribute', '--type', 'status', '--node', node, '--name', attribute, '--update', value];
}

function xpathString(s: string): string {
  return s.includes("'") ? `"${s}"` : `'${s}'`;
}

export interface FailcountEntry {
  /** the attribute name, fail-count-<rsc>#<op>_<interval> */
  name: string;
  op: string;
  /** ms */
  interval: number;
  value: string;
}

/** The per-operation fail counts of `rsc` among a node's transient attributes (XML from nodeTransientArgv). */
export function parseFailcounts(xml: string, rsc: string): FailcountEntry[] {
  const prefix = `fail-count-${rsc}#`;
  const out: FailcountEntry[] = [];
  let roots: XmlElement[];
  try {
    roots = xml.trim() ? parseXmlFragment(xml) : [];
  } catch {
    return out;
  }
  for (const root of roots) {
    for (const nv of xmlDescendants(root)) {
      const name = nv.name === 'nvpair' ? nv.attrs.name : undefined;
      if (name === undefined || !name.startsWith(prefix)) continue;
      const at = /^(.+)_(\d+)$/.exec(name.slice(prefix.length));
      if (!at) continue;
      out.push({ name, op: at[1]!, interval: Number(at[2]), value: nv.attrs.value ?? '0' });
    }
  }
  return out;
}

/** crm-style durations to milliseconds: `10` and `10s` are seconds, also ms, m/min, h; undefined when not one. */
export function durationMs(text: string): number | undefined {
  const m = /^(\d+)\s*(ms|msec|s|sec|m|min|h|hr)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const factor = unit === 'ms' || unit === 'msec' ? 1 : unit === 's' || unit === 'sec' ? 1000 : unit === 'm' || unit === 'min' ? 60_000 : 3_600_000;
  return n * factor;
}

/**
 * Which fail-count attributes `failcount <rsc> set <node> <value> [<op>
 * [<interval>]]` writes, as crmsh decides it: the only entry there is; the
 * one named by operation (and interval); every entry when setting 0. Where
 * crmsh gives up silently (no entry yet), an operation names a new one.
 */
export function planFailcountSet(rsc: string, node: string, entries: readonly FailcountEntry[], value: string, op?: string, interval?: string): { names: string[] } | { error: string; hint?: string } {
  const zero = value === '0';
  const choices = entries.map((e) => `${e.op} ${e.interval / 1000}s`).join(', ');
  let intervalMs: number | undefined;
  if (interval !== undefined) {
    intervalMs = durationMs(interval);
    if (intervalMs === undefined) return { error: `'${interval}' is not an interval`, hint: 'give seconds (10, 10s) or 1min, 500ms' };
  }
  if (op !== undefined) {
    const sameOp = entries.filter((e) => e.op === op && (intervalMs === undefined || e.interval === intervalMs));
    if (sameOp.length === 1 || (sameOp.length > 1 && zero)) return { names: sameOp.map((e) => e.name) };
    if (sameOp.length > 1) return { error: `${rsc} has several fail counts for ${op} on ${node}`, hint: `give the interval too: ${choices}` };
    // no such entry yet: set it (the cluster records a failure of that operation)
    return { names: [`fail-count-${rsc}#${op}_${intervalMs ?? 0}`] };
  }
  if (entries.length === 1) return { names: [entries[0]!.name] };
  if (entries.length === 0) {
    if (zero) return { names: [] };
    return { error: `${rsc} has no fail count on ${node} yet`, hint: `name the operation that failed: failcount ${rsc} set ${node} ${value} monitor 10s` };
  }
  if (zero) return { names: entries.map((e) => e.name) };
  return { error: `${rsc} has fail counts for several operations on ${node}`, hint: `name one: ${choices}` };
}

// ---------------------------------------------------------------- the resources section

export type RscTag = 'primitive' | 'group' | 'clone' | 'master' | 'bundle';
const RSC_TAGS: ReadonlySet<string> = new Set(['primitive', 'group', 'clone', 'master', 'bundle']);
const CONTAINER_TAGS: ReadonlySet<string> = new Set(['group', 'clone', 'master', 'bundle']);

export interface Nvpair {
  id: string;
  name: string;
  value: string;
}

export interface AttrSet {
  id: string;
  nvpairs: Nvpair[];
  /** element children other than nvpairs (rules, scores): the set is not empty without its nvpairs */
  others: number;
}

export interface RscNode {
  id: string;
  tag: RscTag;
  parent?: RscNode;
  children: RscNode[];
  meta: AttrSet[];
}

/** Every resource by id, in document order, from `<resources>` (or a whole `<cib>`). */
export type ResourceIndex = Map<string, RscNode>;

export function resourceIndex(xml: string): ResourceIndex {
  const index: ResourceIndex = new Map();
  const root = parseXml(xml);
  const resources = root.name === 'resources' ? root : findChild(findChild(root, 'configuration'), 'resources');
  const walk = (el: XmlElement, parent: RscNode | undefined): void => {
    for (const c of el.children) {
      if (!RSC_TAGS.has(c.name)) continue;
      const node: RscNode = {
        id: c.attrs.id ?? '',
        tag: c.name as RscTag,
        ...(parent ? { parent } : {}),
        children: [],
        meta: children(c, 'meta_attributes').map((s) => ({
          id: s.attrs.id ?? '',
          nvpairs: children(s, 'nvpair').map((p) => ({ id: p.attrs.id ?? '', name: p.attrs.name ?? '', value: p.attrs.value ?? '' })),
          others: s.children.filter((k) => k.name !== 'nvpair' && k.name !== '#comment').length,
        })),
      };
      parent?.children.push(node);
      index.set(node.id, node);
      walk(c, node);
    }
  };
  if (resources) walk(resources, undefined);
  return index;
}

function findChild(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** The tags of a `<tags>` section: tag id → referenced ids. */
export function parseTags(xml: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch {
    return out;
  }
  const tags = root.name === 'tags' ? root : findChild(findChild(root, 'configuration'), 'tags');
  for (const t of tags ? children(tags, 'tag') : []) out.set(t.attrs.id ?? '', children(t, 'obj_ref').map((r) => r.attrs.id ?? ''));
  return out;
}

export function metaValue(node: RscNode, name: string): string | undefined {
  for (const s of node.meta) for (const p of s.nvpairs) if (p.name === name) return p.value;
  return undefined;
}

/** A promotable clone: `<master>`, or a clone with meta promotable=true. */
export function isPromotable(node: RscNode): boolean {
  if (node.tag === 'master') return true;
  return node.tag === 'clone' && /^(true|yes|on|1)$/i.test(metaValue(node, 'promotable') ?? '');
}

/** The outermost resource holding `node` (crmsh goes up through groups, clones and bundles). */
export function topmost(node: RscNode): RscNode {
  let n = node;
  while (n.parent && CONTAINER_TAGS.has(n.parent.tag)) n = n.parent;
  return n;
}

// ---------------------------------------------------------------- crmsh's deep meta attribute change

/** One change of a meta attribute, as one tool call. */
export type MetaStep =
  | { kind: 'set'; rsc: string; name: string; value: string; setName?: string; force?: boolean }
  /** remove the nvpair `name` from set `setId` of `rsc` */
  | { kind: 'remove'; rsc: string; name: string; setId: string };

export interface DeepMetaChoice {
  /** a yes/no question, as crmsh asks it */
  question: string;
  removals: Extract<MetaStep, { kind: 'remove' }>[];
}

export interface DeepMetaPlan {
  /** the resource the attribute goes on */
  target: string;
  sets: Extract<MetaStep, { kind: 'set' }>[];
  /** always done (the same attribute on a clone's direct child) */
  removals: Extract<MetaStep, { kind: 'remove' }>[];
  /** done when the user says yes (members overriding a group's value; maintenance vs is-managed) */
  choices: DeepMetaChoice[];
}

/** maintenance and is-managed contradict each other: setting one offers to remove the other. */
const CONFLICTING: Record<string, string> = { maintenance: 'is-managed', 'is-managed': 'maintenance' };

/**
 * What crmsh's `resource start/stop/manage/unmanage/maintenance` changes,
 * as crm_resource calls:
 *  - the attribute goes on the outermost resource (a clone, not its
 *    primitive), except on a primitive inside a group, which keeps its own;
 *  - on a clone, the same attribute of its direct child is removed;
 *  - on a group (or a cloned group), members that set the attribute
 *    themselves are overridden if the user agrees; for maintenance and
 *    is-managed, the other attribute is offered for removal too;
 *  - every set of the target that has the attribute gets the value; if none
 *    has it, every meta set gets it (crm_resource creates one if there is none).
 */
export function planDeepMeta(index: ResourceIndex, rsc: string, name: string, value: string): DeepMetaPlan {
  const node = index.get(rsc);
  if (!node) throw new Error(`planDeepMeta: no resource ${rsc}`);
  const target = node.tag === 'primitive' && node.parent?.tag === 'group' ? node : topmost(node);
  const removals: DeepMetaPlan['removals'] = [];
  const choices: DeepMetaChoice[] = [];
  const removalsOf = (r: RscNode, attrName: string): DeepMetaPlan['removals'] =>
    r.meta.filter((s) => s.nvpairs.some((p) => p.name === attrName)).map((s) => ({ kind: 'remove' as const, rsc: r.id, name: attrName, setId: s.id }));

  if (target.tag === 'clone') for (const c of target.children) removals.push(...removalsOf(c, name));
  const other = CONFLICTING[name];
  const groupLike = target.tag === 'group' || (target.tag === 'clone' && target.children[0]?.tag === 'group');
  if (groupLike) {
    const prims = [...descendants(target)].filter((n) => n.tag === 'primitive');
    if (other !== undefined) {
      for (const p of prims.filter((p) => metaValue(p, other) !== undefined)) {
        choices.push({ question: `'${name}' conflicts with '${other}' attribute. Remove '${other}' for child resource ${p.id}?`, removals: removalsOf(p, other) });
      }
    }
    for (const p of prims.filter((p) => metaValue(p, name) !== undefined)) {
      choices.push({ question: `Do you want to override '${name}' for child resource ${p.id}?`, removals: removalsOf(p, name) });
    }
  }
  if (other !== undefined && metaValue(target, other) !== undefined) {
    choices.push({ question: `'${name}' conflicts with '${other}' attribute. Remove '${other}' for resource ${target.id}?`, removals: removalsOf(target, other) });
  }

  // crm_resource looks for the attribute anywhere below the resource (a group's member) and, on a
  // clone, may edit the child instead: on a container, name the set and --force it to stay put
  const container = target.tag !== 'primitive';
  const withAttr = target.meta.filter((s) => s.nvpairs.some((p) => p.name === name));
  const sets = withAttr.length > 0 ? withAttr : target.meta;
  const force = container ? { force: true } : {};
  let setSteps: DeepMetaPlan['sets'];
  if (!container && target.meta.length <= 1) setSteps = [{ kind: 'set', rsc: target.id, name, value }];
  else if (sets.length === 0) setSteps = [{ kind: 'set', rsc: target.id, name, value, setName: `${target.id}-meta_attributes`, ...force }];
  else setSteps = sets.map((s) => ({ kind: 'set', rsc: target.id, name, value, setName: s.id, ...force }));
  return { target: target.id, sets: setSteps, removals, choices };
}

function* descendants(n: RscNode): Generator<RscNode> {
  for (const c of n.children) {
    yield c;
    yield* descendants(c);
  }
}

/**
 * The calls for a list of steps, sets first (so a resource never runs
 * unwanted between two calls). A removal that leaves its meta set empty
 * removes the set, as crmsh does.
 */
export function metaStepsArgv(index: ResourceIndex, steps: readonly MetaStep[]): string[][] {
  const out: string[][] = [];
  for (const s of steps) if (s.kind === 'set') out.push(attrSetArgv('meta', s.rsc, s.name, s.value, { ...(s.setName !== undefined ? { setName: s.setName } : {}), ...(s.force ? { force: true } : {}) }));
  // a set that one of the steps writes to is not left empty, whatever is removed from it
  const filled = new Set(steps.flatMap((s) => (s.kind === 'set' ? [s.setName ?? index.get(s.rsc)?.meta[0]?.id ?? ''] : [])));
  const removed = new Map<string, Set<string>>(); // set id → nvpair names removed
  const removals = steps.filter((s): s is Extract<MetaStep, { kind: 'remove' }> => s.kind === 'remove');
  for (const r of removals) removed.set(r.setId, new Set([...(removed.get(r.setId) ?? []), r.name]));
  const done = new Set<string>();
  for (const r of removals) {
    const key = `${r.setId}\0${r.name}`;
    if (done.has(key)) continue;
    done.add(key);
    const set = index.get(r.rsc)?.meta.find((m) => m.id === r.setId);
    const names = removed.get(r.setId)!;
    const emptied = set !== undefined && !filled.has(set.id) && set.others === 0 && set.nvpairs.every((p) => names.has(p.name));
    if (emptied) {
      if (!done.has(`set\0${r.setId}`)) out.push(deleteSetArgv('meta_attributes', r.setId));
      done.add(`set\0${r.setId}`);
    } else {
      // the set's id keeps crm_resource from finding the same name on a member below
      out.push(attrDeleteArgv('meta', r.rsc, r.name, { setName: r.setId, force: true }));
    }
  }
  return out;
}

/**
 * The one call for the common case of planDeepMeta: `rsc` is a top-level
 * primitive with no meta set but `<rsc>-meta_attributes` (the id crmsh and
 * crm_resource give it), where the attribute, if set, has the usual nvpair id,
 * and the contradicting attribute (maintenance/is-managed) is not set. There
 * crmsh's rules come down to setting the attribute in that set.
 *
 * The xpath makes the CIB check those conditions itself, in the same
 * operation as the change: when they do not hold (a group, a clone's child,
 * other sets, a tag, a typo), cibadmin matches nothing, changes nothing and
 * exits 105 — then the full plan, which reads the resources first, applies.
 */
export function fastMetaArgv(rsc: string, name: string, value: string): string[] {
  const set = `${rsc}-meta_attributes`;
  const nv = `${set}-${name}`;
  const other = CONFLICTING[name];
  const xpath =
    `/cib/configuration/resources/primitive[@id=${xpathString(rsc)}]` +
    `[not(meta_attributes[@id!=${xpathString(set)}])]` +
    `[not(meta_attributes/nvpair[@name=${xpathString(name)}][@id!=${xpathString(nv)}])]` +
    (other !== undefined ? `[not(meta_attributes/nvpair[@name=${xpathString(other)}])]` : '');
  const xml = `<primitive id="${escapeXml(rsc)}"><meta_attributes id="${escapeXml(set)}"><nvpair id="${escapeXml(nv)}" name="${escapeXml(name)}" value="${escapeXml(value)}"/></meta_attributes></primitive>`;
  return ['cibadmin', '--modify', '--xpath', xpath, '--xml-text', xml];
}

/** cibadmin's exit code when an xpath matches nothing (CRM_EX_NOSUCH). */
export const NO_MATCH = 105;

/** Whether fastMetaArgv's conditions hold for `rsc` in this index (what cibadmin would find). */
export function fastMetaApplies(index: ResourceIndex, rsc: string, name: string): boolean {
  const node = index.get(rsc);
  if (node === undefined || node.tag !== 'primitive' || node.parent !== undefined) return false;
  const set = `${rsc}-meta_attributes`;
  const other = CONFLICTING[name];
  return node.meta.every((m) => m.id === set && m.nvpairs.every((p) => (p.name !== name || p.id === `${set}-${name}`) && p.name !== other));
}

// ---------------------------------------------------------------- did you mean

/** The id closest to `word`, when it is close enough to be a typo (grammar/suggest.ts decides). */
export function closestId(word: string, ids: Iterable<string>): string | undefined {
  return suggest(word, ids);
}

/** The resource id crm_resource could not find, from its message (`Resource 'x' not found`). */
export function missingResource(message: string): string | undefined {
  return /Resource '([^']+)' not found/.exec(message)?.[1];
}

// ---------------------------------------------------------------- scores

export interface Scores {
  /** resource (instance) → node → score, the scheduler's last word for each; in first-seen order */
  allocation: Map<string, Map<string, string>>;
  /** promotable instances → node ("none" when unplaced) → promotion score */
  promotion: Map<string, Map<string, string>>;
  /** `Original:`/`Remaining:` capacity lines and resource utilization lines, as crm_simulate prints them */
  utilization: string[];
}

/** Decode `crm_simulate --show-scores --show-utilization` output. */
export function parseScores(text: string): Scores {
  const s: Scores = { allocation: new Map(), promotion: new Map(), utilization: [] };
  const put = (m: Map<string, Map<string, string>>, rsc: string, node: string, score: string): void => {
    let per = m.get(rsc);
    if (per === undefined) m.set(rsc, (per = new Map()));
    per.set(node, score);
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    let m = /^\S+: (\S+) allocation score on (\S+): (\S+)$/.exec(line);
    if (m) {
      put(s.allocation, m[1]!, m[2]!, m[3]!);
      continue;
    }
    m = /^(\S+) promotion score on (\S+): (\S+)$/.exec(line);
    if (m) {
      put(s.promotion, m[1]!, m[2]!, m[3]!);
      continue;
    }
    if (/^(Original|Remaining): \S+ capacity:\s*\S/.test(line) || /^\S+: \S+ utilization on \S+:/.test(line)) s.utilization.push(line);
  }
  return s;
}

/**
 * Scores as a table: one row per resource, one column per node.
 *
 * @example
 *   formatScores(parseScores(out));
 *   // Allocation scores (where each resource may run; -INFINITY: never):
 *   //   resource  node1  node2
 *   //   web       100    0
 */
export function formatScores(s: Scores): string {
  const out: string[] = [];
  const table = (m: Map<string, Map<string, string>>): string[] => {
    const nodes = [...new Set([...m.values()].flatMap((per) => [...per.keys()]))];
    const rows = [['resource', ...nodes], ...[...m].map(([rsc, per]) => [rsc, ...nodes.map((n) => per.get(n) ?? '')])];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    return rows.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd());
  };
  if (s.allocation.size === 0) out.push('No allocation scores (no resources, or no node can run them).');
  else out.push('Allocation scores (where each resource may run; -INFINITY: never):', ...table(s.allocation));
  if (s.promotion.size > 0) out.push('', 'Promotion scores:', ...table(s.promotion));
  if (s.utilization.length > 0) out.push('', 'Utilization:', ...s.utilization.map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}
