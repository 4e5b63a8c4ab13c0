/**
 * The cluster status as lines of coloured segments: the one layout that both
 * `hash status --once` (text, src/status/text.ts) and the ink view render, so
 * the two always show the same content. Pure: model in, rows out.
 *
 * Rows that name a node or a resource carry a `target`, which is what the
 * view's selection and actions work on; `key` is stable across refreshes so
 * the selection survives them.
 *
 * @example
 *   const rows = buildRows(status, { attributes: true });
 *   rows.filter((r) => r.target?.type === 'node').map((r) => r.target); // [{ type: 'node', node: 'n1' }, …]
 */
import type {
  BundleStatus,
  CloneStatus,
  ClusterStatus,
  GroupStatus,
  LeftoverConstraint,
  NodeStatus,
  PrimitiveStatus,
  ResourceStatus,
} from '../pacemaker/status-model.js';
import type { Tone } from './theme.js';

export interface Segment {
  text: string;
  tone: Tone;
}

export type RowTarget =
  | { type: 'node'; node: string }
  | { type: 'resource'; resource: string; kind: ResourceStatus['type']; node?: string };

export type SectionId = 'nodes' | 'resources' | 'attributes' | 'migration' | 'failures' | 'fencing' | 'tickets' | 'bans' | 'transition';

export interface Row {
  /** stable across refreshes: section plus ids */
  key: string;
  section: SectionId;
  /** 0: section heading, 1: top-level item, 2+: children */
  depth: number;
  segments: Segment[];
  target?: RowTarget;
  /** the key of the row this one is nested under (for filtering a tree) */
  parent?: string;
}

export interface RowOptions {
  /** show node attributes (crm_mon -A); the view toggles this */
  attributes?: boolean;
  /** show every negative location constraint (crm_mon -L), not only the ones ban/move left behind */
  allBans?: boolean;
}

const seg = (text: string, tone: Tone = 'normal'): Segment => ({ text, tone });

/** Text of a row without styling. */
export function rowText(r: Row): string {
  return r.segments.map((s) => s.text).join('');
}

// ---------------------------------------------------------------- nodes

/** The words crm_mon uses for a node's state, and their tone. */
export function nodeStateSegment(n: NodeStatus): Segment {
  switch (n.state) {
    case 'online':
      return seg('online', 'ok');
    case 'offline':
      return seg(n.standby ? 'OFFLINE (standby)' : n.maintenance ? 'OFFLINE (maintenance)' : 'OFFLINE', 'error');
    case 'standby':
      return seg('standby', 'warn');
    case 'standby-with-resources':
      return seg('standby (with active resources)', 'warn');
    case 'standby-onfail':
      return seg('standby (on-fail)', 'error');
    case 'maintenance':
      return seg('maintenance', 'accent');
    case 'pending':
      return seg('pending', 'warn');
    case 'unclean':
      return seg(`UNCLEAN (${n.online ? 'online' : n.pending ? 'pending' : 'offline'})`, 'error');
    case 'shutdown':
      return seg('shutting down', 'warn');
  }
}

function nodeRow(n: NodeStatus): Row {
  const segs: Segment[] = [seg(n.name, n.online ? 'normal' : 'dim'), seg(': '), nodeStateSegment(n)];
  if (n.kind === 'remote') segs.push(seg(' [remote]', 'info'));
  if (n.kind === 'guest') segs.push(seg(` [guest in ${n.resource ?? '?'}]`, 'info'));
  if (n.kind === 'ping') segs.push(seg(' [ping]', 'info'));
  if (n.isDc) segs.push(seg(' (DC)', 'accent'));
  if (n.maintenance && n.state !== 'maintenance' && n.state !== 'offline') segs.push(seg(' maintenance', 'accent'));
  if (n.health !== 'green') segs.push(seg(` health ${n.health}`, n.health === 'red' ? 'error' : 'warn'));
  if (n.online && n.resourcesRunning > 0) segs.push(seg(` · ${n.resourcesRunning} resource${n.resourcesRunning === 1 ? '' : 's'}`, 'dim'));
  return { key: `node:${n.name}`, section: 'nodes', depth: 1, segments: segs, target: { type: 'node', node: n.name } };
}

// ---------------------------------------------------------------- resources

/** Words for a primitive's flags, each with its tone: FAILED, blocked, unmanaged, … */
export function primitiveFlags(p: PrimitiveStatus): Segment[] {
  const f: Segment[] = [];
  if (p.failed) f.push(seg('FAILED', 'error'));
  if (p.blocked) f.push(seg('blocked', 'error'));
  if (p.orphaned) f.push(seg('ORPHANED', 'warn'));
  if (!p.managed) f.push(seg('unmanaged', 'warn'));
  if (p.disabled) f.push(seg('disabled', 'dim'));
  if (p.migrating) f.push(seg('migrating', 'info'));
  if (p.failureIgnored) f.push(seg('failure ignored', 'warn'));
  if (p.pending !== undefined) f.push(seg(p.pending, 'info'));
  if (p.lockedTo !== undefined) f.push(seg(`locked to ${p.lockedTo}`, 'info'));
  if (p.nodes.length > 1 && !p.migrating) f.push(seg('multi-active', 'error'));
  return f;
}

/** Tone of a role word. */
export function roleTone(role: string, failed = false): Tone {
  if (failed) return 'error';
  switch (role) {
    case 'Started':
    case 'Unpromoted':
    case 'Slave':
      return 'ok';
    case 'Promoted':
    case 'Master':
      return 'promoted';
    case 'Stopped':
      return 'stopped';
    case 'Starting':
    case 'Stopping':
    case 'Migrating':
    case 'Promoting':
    case 'Demoting':
      return 'info';
    default:
      return 'warn';
  }
}

function flagSegments(flags: Segment[]): Segment[] {
  if (flags.length === 0) return [];
  const out: Segment[] = [seg(' (')];
  flags.forEach((f, i) => {
    if (i > 0) out.push(seg(', '));
    out.push(f);
  });
  out.push(seg(')'));
  return out;
}

/** `unclean`: nodes that are gone and not yet fenced; a resource "on" one is marked, as crm_mon does. */
function primitiveSegments(p: PrimitiveStatus, label = p.id, unclean: ReadonlySet<string> = new Set()): Segment[] {
  const segs: Segment[] = [seg(label, p.role === 'Stopped' ? 'stopped' : 'normal'), seg(` (${p.agent}): `, 'dim'), seg(p.failed ? `FAILED ${p.role}` : p.role, roleTone(p.role, p.failed))];
  for (const n of p.nodes) {
    segs.push(seg(` ${n}`));
    if (unclean.has(n)) segs.push(seg(' (UNCLEAN)', 'error'));
  }
  const flags = primitiveFlags(p).filter((f) => f.text !== 'FAILED');
  return [...segs, ...flagSegments(flags)];
}

/** Roles of an operation in flight: crm_mon shows such an instance on its own line. */
const TRANSITIONAL = new Set(['Starting', 'Stopping', 'Migrating', 'Promoting', 'Demoting']);

/**
 * Whether an instance is "plain" enough to be summarised in a `Role: [ nodes ]`
 * line; flags its clone already shows (unmanaged, disabled) do not count.
 */
function plain(p: PrimitiveStatus, parent?: { managed: boolean; disabled: boolean }): boolean {
  if (p.nodes.length > 1 || TRANSITIONAL.has(p.role)) return false;
  return primitiveFlags(p).every((f) => (f.text === 'unmanaged' && parent?.managed === false) || (f.text === 'disabled' && parent?.disabled === true));
}

function groupRole(g: GroupStatus, parent: { managed: boolean; disabled: boolean }): { role: string; node?: string } | undefined {
  const first = g.children[0];
  if (first === undefined) return { role: 'Stopped' };
  if (!g.children.every((c) => plain(c, parent) && c.role === first.role && (c.nodes[0] ?? '') === (first.nodes[0] ?? ''))) return undefined;
  return first.nodes[0] !== undefined ? { role: first.role, node: first.nodes[0] } : { role: first.role };
}

const instancePrimitives = (inst: PrimitiveStatus | GroupStatus): PrimitiveStatus[] => (inst.type === 'primitive' ? [inst] : inst.children);

/** Node names in the order Pacemaker prints them: case-insensitive, digit runs by value (node2 before node10). */
export function compareNodeNames(a: string, b: string): number {
  const ra = a.toLowerCase().match(/\d+|\D+/g) ?? [];
  const rb = b.toLowerCase().match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return ra.length - rb.length;
}

interface CloneSummary {
  /** role → nodes, for instances active on one node with nothing to say but their role */
  byRole: Map<string, string[]>;
  /** "Stopped", "Stopped (disabled)", "Stopped (not installed)", … → the nodes where no instance runs */
  stopped: Map<string, string[]>;
  /** instances stopped with no node to name (no node is known to be able to run them) */
  stoppedUnplaced: number;
  /** instances that need their own line */
  odd: Array<PrimitiveStatus | GroupStatus>;
}

/**
 * The nodes an anonymous clone could run on but does not, as crm_mon lists
 * them under "Stopped": every node of a symmetric cluster (else only the
 * nodes where the clone was probed), less those where an instance is, each
 * labelled with why (a failed probe, the clone being disabled).
 *
 * Two kinds of node are never listed: a bundle's guest node (nothing but
 * the bundle's own resource can run there) and a remote node whose
 * connection resource was removed. crm_mon 2.1 lists bundle nodes for clones
 * configured before the bundle when the node is also in the CIB's <nodes>.
 */
function stoppedNodes(c: CloneStatus, status: ClusterStatus): Map<string, string[]> {
  const prims = c.children.flatMap(instancePrimitives);
  const ids = new Set(prims.map((p) => p.id.replace(/:\d+$/, '')));
  const running = new Set(prims.flatMap((p) => p.nodes));
  const bundleNodes = new Set<string>();
  const removedConnections = new Set<string>();
  for (const r of status.resources) {
    if (r.type === 'bundle') for (const rep of r.replicas) if (rep.remote !== undefined) bundleNodes.add(rep.remote.id);
    if (r.type === 'primitive' && r.orphaned) removedConnections.add(r.id);
  }
  const history = new Map(status.history.map((h) => [h.node, h.resources.filter((x) => ids.has(x.id.replace(/:\d+$/, '')))]));
  const candidates = status.summary.options.symmetricCluster
    ? status.nodes.filter((n) => !(n.kind === 'guest' && bundleNodes.has(n.name)) && !(n.kind === 'remote' && removedConnections.has(n.name))).map((n) => n.name)
    : status.nodes.filter((n) => (history.get(n.name)?.length ?? 0) > 0).map((n) => n.name);
  const disabled = c.targetRole !== undefined && c.targetRole.toLowerCase() === 'stopped';
  const out = new Map<string, string[]>();
  for (const node of candidates.filter((n) => !running.has(n)).sort(compareNodeNames)) {
    // a probe that failed (e.g. the agent is not installed there) says why it cannot run on that node
    const probe = history
      .get(node)
      ?.flatMap((x) => x.operations)
      .find((o) => o.task === 'probe' && o.rc !== 0 && o.rc !== 7 && o.rc !== 8 && o.rc !== 193);
    const label = probe !== undefined ? `Stopped (${probe.rcText})` : disabled ? 'Stopped (disabled)' : 'Stopped';
    out.set(label, [...(out.get(label) ?? []), node]);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Clone instances as crm_mon -1 shows them: `Promoted: [ n1 ]`, `Started:
 * [ n1 n2 ]`, `Stopped: [ n3 ]` (the nodes where no instance runs, when
 * fewer instances run than the clone allows), plus the instances that need
 * their own line. Stopped instances of removed (orphaned) configuration are
 * left out, as crm_mon does.
 */
function cloneSummary(c: CloneStatus, ctx: RowContext): CloneSummary {
  const { status, unclean } = ctx;
  const byRole = new Map<string, string[]>();
  const odd: Array<PrimitiveStatus | GroupStatus> = [];
  let allowed = 0;
  let summarised = 0;
  let stoppedInstances = 0;
  for (const inst of c.children) {
    const prims = instancePrimitives(inst);
    const orphan = prims.some((p) => p.orphaned);
    if (!orphan) allowed++;
    if (prims.every((p) => p.nodes.length === 0)) {
      if (orphan) continue;
      if (c.unique) odd.push(inst);
      else stoppedInstances++;
      continue;
    }
    const r = c.unique ? undefined : inst.type === 'primitive' ? (plain(inst, c) ? { role: inst.role, node: inst.nodes[0] } : undefined) : groupRole(inst, c);
    // an instance on a node that is gone and not yet fenced is a fact of its own, not a summary entry
    if (r?.node === undefined || unclean.has(r.node)) {
      odd.push(inst);
      continue;
    }
    byRole.set(r.role, [...(byRole.get(r.role) ?? []), r.node]);
    summarised++;
  }
  for (const [role, nodes] of byRole) byRole.set(role, nodes.sort(compareNodeNames));
  const stopped = !c.unique && allowed > summarised ? stoppedNodes(c, status) : new Map<string, string[]>();
  const listed = [...stopped.values()].reduce((n, l) => n + l.length, 0);
  return { byRole, stopped, stoppedUnplaced: listed === 0 ? stoppedInstances : 0, odd };
}

const ROLE_ORDER = ['Promoted', 'Master', 'Unpromoted', 'Slave', 'Started', 'Starting', 'Stopping', 'Migrating', 'Stopped'];
const roleRank = (r: string): number => {
  const i = ROLE_ORDER.indexOf(r);
  return i < 0 ? ROLE_ORDER.length : i;
};

function containerFlags(r: { managed: boolean; disabled: boolean; failed: boolean }): Segment[] {
  const f: Segment[] = [];
  if (r.failed) f.push(seg('FAILED', 'error'));
  if (!r.managed) f.push(seg('unmanaged', 'warn'));
  if (r.disabled) f.push(seg('disabled', 'dim'));
  return f;
}

/** Keys already used, per buildRows call: anonymous clone instances share ids. */
const usedKeys = new WeakMap<Row[], Set<string>>();
function uniqueKey(out: Row[], key: string): string {
  let used = usedKeys.get(out);
  if (used === undefined) usedKeys.set(out, (used = new Set(out.map((o) => o.key))));
  let k = key;
  while (used.has(k)) k = `${k}'`;
  used.add(k);
  return k;
}

/** What resource rows need to know about the rest of the cluster. */
interface RowContext {
  status: ClusterStatus;
  /** nodes that are offline and unclean (to be fenced) */
  unclean: ReadonlySet<string>;
}

function resourceRows(r: ResourceStatus, depth: number, parentKey: string | undefined, out: Row[], ctx: RowContext): void {
  const key = `rsc:${parentKey !== undefined ? `${parentKey.slice(4)}/` : ''}${r.id}`;
  const base = { section: 'resources' as const, depth, ...(parentKey !== undefined ? { parent: parentKey } : {}) };
  switch (r.type) {
    case 'primitive': {
      // anonymous clone instances share an id: the node (or an index) keeps keys unique
      const k = uniqueKey(out, key);
      out.push({ ...base, key: k, segments: primitiveSegments(r, r.id, ctx.unclean), target: { type: 'resource', resource: r.id, kind: 'primitive', ...(r.nodes[0] !== undefined ? { node: r.nodes[0] } : {}) } });
      return;
    }
    case 'group': {
      const k = uniqueKey(out, key);
      out.push({ ...base, key: k, segments: [seg('Resource Group: ', 'dim'), seg(r.id, 'heading'), ...flagSegments(containerFlags(r))], target: { type: 'resource', resource: r.id, kind: 'group' } });
      for (const m of r.children) resourceRows(m, depth + 1, k, out, ctx);
      return;
    }
    case 'clone':
      cloneRows(r, key, base, out, ctx);
      return;
    case 'bundle':
      bundleRows(r, key, base, out, ctx);
      return;
  }
}

function cloneRows(c: CloneStatus, key: string, base: { section: 'resources'; depth: number; parent?: string }, out: Row[], ctx: RowContext): void {
  const first = c.children[0];
  const inner = first === undefined ? '' : first.type === 'group' ? first.id.replace(/:\d+$/, '') : first.id.replace(/:\d+$/, '');
  const agent = first?.type === 'primitive' ? first.agent : undefined;
  out.push({
    ...base,
    key,
    segments: [
      seg(c.promotable ? 'Clone Set (promotable): ' : 'Clone Set: ', 'dim'),
      seg(c.id, 'heading'),
      seg(` [${inner}]`, 'dim'),
      ...(agent !== undefined ? [seg(` (${agent})`, 'dim')] : []),
      ...(c.unique ? [seg(' (unique)', 'dim')] : []),
      ...flagSegments(containerFlags(c)),
    ],
    target: { type: 'resource', resource: c.id, kind: 'clone' },
  });
  const { byRole, stopped, stoppedUnplaced, odd } = cloneSummary(c, ctx);
  // as crm_mon: the instances with something to say first, then the summary lines
  for (const inst of odd) resourceRows(inst, base.depth + 1, key, out, ctx);
  const summary = (k: string, segs: Segment[]): void => {
    out.push({ section: 'resources', depth: base.depth + 1, key: `${key}/${k}`, parent: key, segments: segs, target: { type: 'resource', resource: c.id, kind: 'clone' } });
  };
  for (const role of [...byRole.keys()].sort((a, b) => roleRank(a) - roleRank(b))) summary(role, [seg(`${role}: `, roleTone(role)), seg(`[ ${byRole.get(role)!.join(' ')} ]`)]);
  for (const [label, nodes] of stopped) summary(label, [seg(`${label}: `, label === 'Stopped' || label === 'Stopped (disabled)' ? 'stopped' : 'warn'), seg(`[ ${nodes.join(' ')} ]`, 'stopped')]);
  if (stoppedUnplaced > 0) summary('Stopped', [seg('Stopped: ', 'stopped'), seg(`${stoppedUnplaced} instance${stoppedUnplaced === 1 ? '' : 's'}, no node known to run ${stoppedUnplaced === 1 ? 'it' : 'them'}`, 'stopped')]);
}

function bundleRows(b: BundleStatus, key: string, base: { section: 'resources'; depth: number; parent?: string }, out: Row[], ctx: RowContext): void {
  out.push({
    ...base,
    key,
    segments: [seg(b.replicas.length > 1 ? 'Container bundle set: ' : 'Container bundle: ', 'dim'), seg(b.id, 'heading'), seg(` [${b.image}]`, 'dim'), ...flagSegments(containerFlags(b))],
    target: { type: 'resource', resource: b.id, kind: 'bundle' },
  });
  for (const rep of b.replicas) {
    const main = rep.resource ?? rep.containerResource ?? rep.children[0];
    if (main === undefined) continue;
    const name = rep.remote?.id ?? main.id;
    const label = rep.ip !== undefined ? `${name} (${rep.ip.id.replace(`${b.id}-ip-`, '').replace(/-\d+$/, '')})` : name;
    // the replica is placed where its container runs; the inner resource runs "on" the guest node
    const host = rep.containerResource?.nodes[0];
    const shown: PrimitiveStatus = { ...main, nodes: host !== undefined ? [host] : main.nodes };
    const worst = rep.children.find((c) => c.failed) ?? rep.children.find((c) => primitiveFlags(c).length > 0);
    const segs = primitiveSegments(worst !== undefined && worst !== main ? { ...shown, failed: shown.failed || worst.failed } : shown, label, ctx.unclean);
    const rk = `${key}/${rep.id}`;
    out.push({ section: 'resources', depth: base.depth + 1, key: rk, parent: key, segments: segs, target: { type: 'resource', resource: main.id, kind: 'primitive', ...(host !== undefined ? { node: host } : {}) } });
  }
}

// ---------------------------------------------------------------- the whole page

const heading = (section: SectionId, text: string): Row => ({ key: `h:${section}`, section, depth: 0, segments: [seg(text, 'heading')] });

/**
 * All sections in crm_mon -1's order: nodes, resources, node attributes,
 * migration summary, failed actions, fencing, tickets, bans.
 */
export function buildRows(status: ClusterStatus, opts: RowOptions = {}): Row[] {
  const rows: Row[] = [];
  rows.push(heading('nodes', 'Node List:'));
  if (status.nodes.length === 0) rows.push({ key: 'nodes:none', section: 'nodes', depth: 1, segments: [seg('no nodes', 'dim')] });
  for (const n of status.nodes) rows.push(nodeRow(n));

  rows.push(heading('resources', 'Full List of Resources:'));
  if (status.resources.length === 0) rows.push({ key: 'rsc:none', section: 'resources', depth: 1, segments: [seg('No resources', 'dim')] });
  const ctx: RowContext = { status, unclean: new Set(status.nodes.filter((n) => n.unclean && !n.online).map((n) => n.name)) };
  for (const r of status.resources) resourceRows(r, 1, undefined, rows, ctx);

  if (opts.attributes && status.nodes.some((n) => n.attributes.length > 0)) {
    rows.push(heading('attributes', 'Node Attributes:'));
    for (const n of status.nodes) {
      if (n.attributes.length === 0) continue;
      const k = `attr:${n.name}`;
      rows.push({ key: k, section: 'attributes', depth: 1, segments: [seg('Node: ', 'dim'), seg(n.name)], target: { type: 'node', node: n.name } });
      for (const a of n.attributes) {
        const low = a.expected !== undefined && Number(a.value) < Number(a.expected);
        rows.push({
          key: `${k}/${a.name}`,
          section: 'attributes',
          depth: 2,
          parent: k,
          segments: [seg(`${a.name}: `, 'dim'), seg(a.value, low ? 'warn' : 'normal'), ...(a.expected !== undefined ? [seg(` (expected ${a.expected})`, low ? 'warn' : 'dim')] : [])],
          target: { type: 'node', node: n.name },
        });
      }
    }
  }

  const failing = status.history.map((h) => ({ node: h.node, rs: h.resources.filter((r) => (r.failCount ?? 0) > 0) })).filter((h) => h.rs.length > 0);
  if (failing.length > 0) {
    rows.push(heading('migration', 'Migration Summary:'));
    for (const h of failing) {
      const k = `mig:${h.node}`;
      rows.push({ key: k, section: 'migration', depth: 1, segments: [seg('Node: ', 'dim'), seg(h.node)], target: { type: 'node', node: h.node } });
      for (const r of h.rs) {
        const reached = r.migrationThreshold !== undefined && (r.failCount ?? 0) >= r.migrationThreshold;
        rows.push({
          key: `${k}/${r.id}`,
          section: 'migration',
          depth: 2,
          parent: k,
          segments: [
            seg(`${r.id}: `),
            seg(`fail-count=${r.failCount === 1_000_000 ? 'INFINITY' : r.failCount}`, reached ? 'error' : 'warn'),
            seg(` migration-threshold=${r.migrationThreshold ?? '?'}`, 'dim'),
            ...(r.lastFailure !== undefined ? [seg(` last-failure='${r.lastFailure}'`, 'dim')] : []),
          ],
          target: { type: 'resource', resource: r.id, kind: 'primitive', node: h.node },
        });
      }
    }
  }

  if (status.failures.length > 0) {
    rows.push(heading('failures', 'Failed Resource Actions:'));
    status.failures.forEach((f, i) => {
      // compact, so that the important part (what it returned) fits in 80 columns
      const what = f.interval > 0 ? `${f.task}/${f.interval % 1000 === 0 ? `${f.interval / 1000}s` : `${f.interval}ms`}` : f.task || f.opKey;
      rows.push({
        key: `fail:${f.opKey}@${f.node}#${i}`,
        section: 'failures',
        depth: 1,
        segments: [
          seg(f.resource, 'error'),
          seg(` ${what} on ${f.node}: `),
          seg(`${f.exitStatus} (${f.exitCode})`, 'error'),
          ...(f.exitReason ? [seg(`: ${f.exitReason}`, 'warn')] : []),
          ...(f.status && f.status !== 'complete' ? [seg(` [${f.status}]`, 'warn')] : []),
          ...(f.lastRcChange !== undefined ? [seg(` at ${f.lastRcChange}`, 'dim')] : []),
        ],
        target: { type: 'resource', resource: f.resource, kind: 'primitive', node: f.node },
      });
    });
  }

  if (status.fencing.length > 0) {
    rows.push(heading('fencing', 'Fencing History:'));
    const seen = new Set<string>();
    for (const e of status.fencing) {
      // worded as crm_mon -1 --fence-history=3 words it, newest first
      const verb = e.action === 'off' ? 'turning off' : e.action === 'on' ? 'unfencing' : e.action;
      const who = `${e.client}@${e.origin}`;
      const segments: Segment[] =
        e.status === 'pending'
          ? [seg(`${verb} of ${e.target} `), seg('pending', 'warn'), seg(`: client=${e.client}, origin=${e.origin}`, 'dim')]
          : [
              seg(`${verb} of ${e.target}`),
              seg(`${e.delegate !== undefined ? ` by ${e.delegate}` : ''} for ${who} `, 'dim'),
              seg(e.status === 'success' ? 'successful' : e.status, e.status === 'success' ? 'ok' : 'error'),
              ...(e.completed !== undefined ? [seg(` at ${e.completed}`, 'dim')] : []),
              ...(e.exitReason !== undefined ? [seg(` (${e.exitReason})`, 'warn')] : []),
            ];
      // by what happened, not by position: a new event must not move the selection
      let key = `fence:${e.target}:${e.action}:${e.status}:${e.completed ?? ''}:${who}`;
      while (seen.has(key)) key += "'";
      seen.add(key);
      rows.push({ key, section: 'fencing', depth: 1, segments, target: { type: 'node', node: e.target } });
    }
  }

  if (status.tickets.length > 0) {
    rows.push(heading('tickets', 'Tickets:'));
    for (const t of status.tickets) {
      rows.push({
        key: `ticket:${t.id}`,
        section: 'tickets',
        depth: 1,
        segments: [seg(`${t.id}: `), seg(t.granted ? 'granted' : 'revoked', t.granted ? 'ok' : 'warn'), ...(t.standby ? [seg(' [standby]', 'warn')] : []), ...(t.lastGranted !== undefined ? [seg(` last-granted=${t.lastGranted}`, 'dim')] : [])],
      });
    }
  }

  if (status.predicted !== undefined) {
    rows.push(heading('transition', 'Planned actions (crm_simulate):'));
    if (status.predicted.actions.length === 0) rows.push({ key: 'plan:none', section: 'transition', depth: 1, segments: [seg('none: the sandbox matches the cluster state', 'dim')] });
    status.predicted.actions.forEach((a, i) => {
      rows.push({
        key: `plan:${i}:${a.action}:${a.resource}`,
        section: 'transition',
        depth: 1,
        segments: [
          seg(a.action, a.action === 'stop' || a.action === 'demote' ? 'warn' : 'info'),
          seg(` ${a.resource}${a.role ? ` (${a.role})` : ''}${a.node ? ` on ${a.node}` : ''}`),
          ...(a.reason ? [seg(` due to ${a.reason}`, 'dim')] : []),
          ...(a.blocked ? [seg(' (blocked)', 'error')] : []),
        ],
        target: { type: 'resource', resource: a.resource.replace(/:\d+$/, ''), kind: 'primitive', ...(a.node ? { node: a.node } : {}) },
      });
    });
  }

  // the constraints ban and move left behind; with -L also every other negative one (crm_mon -L), then moves apart
  const leftovers = leftoverConstraints(status);
  const pinRow = (id: string, kind: 'ban' | 'move', resource: string, node: string, role: string | undefined, left: LeftoverConstraint | undefined, i: number): Row => ({
    key: `ban:${id}@${node}#${i}`,
    section: 'bans',
    depth: 1,
    segments: [
      seg(`${id} `, left !== undefined ? 'warn' : 'normal'),
      seg(kind === 'move' ? `pins ${resource}${role ? ` (${role})` : ''} to ${node}` : `prevents ${resource}${role ? ` (${role})` : ''} from running on ${node}`),
      ...(left?.until !== undefined ? [seg(` until ${left.until}`, 'dim')] : []),
      ...(left !== undefined ? [seg(` ← left by ${kind}, clear it (C) to release`, 'warn')] : []),
    ],
    target: { type: 'resource', resource, kind: 'primitive', node },
  });
  if (opts.allBans) {
    if (status.bans.length > 0) rows.push(heading('bans', 'Negative Location Constraints:'));
    status.bans.forEach((b, i) => {
      const left = leftovers.find((l) => l.id === b.id) ?? (b.leftover ? { id: b.id, kind: 'ban' as const, resource: b.resource, node: b.node } : undefined);
      rows.push(pinRow(b.id, 'ban', b.resource, b.node, left?.role ?? (b.promotedOnly ? 'Promoted' : undefined), left, i));
    });
    const moves = leftovers.filter((l) => l.kind === 'move');
    if (moves.length > 0) rows.push({ ...heading('bans', 'Moves left behind:'), key: 'h:bans/moves' });
    moves.forEach((l, i) => rows.push(pinRow(l.id, l.kind, l.resource, l.node, l.role, l, status.bans.length + i)));
  } else if (leftovers.length > 0) {
    rows.push(heading('bans', 'Bans and moves left behind:'));
    leftovers.forEach((l, i) => rows.push(pinRow(l.id, l.kind, l.resource, l.node, l.role, l, i)));
  }
  return rows;
}

// ---------------------------------------------------------------- header

export interface HeaderInfo {
  /** cluster-name property, when known */
  clusterName?: string;
  /** which CIB: 'live', 'file /tmp/x.xml', 'sandbox test' */
  source?: string;
}

/** The summary lines at the top (crm_mon's "Cluster Summary"), warnings last. */
export function headerLines(status: ClusterStatus, info: HeaderInfo = {}): Segment[][] {
  const s = status.summary;
  const lines: Segment[][] = [];
  const title: Segment[] = [seg('Cluster', 'heading')];
  if (info.clusterName) title.push(seg(` ${info.clusterName}`, 'heading'));
  title.push(seg(` · stack ${s.stack}`, 'dim'));
  if (info.source !== undefined && info.source !== 'live') title.push(seg(` · ${info.source}`, 'info'));
  if (status.predicted !== undefined) title.push(seg(' · predicted by crm_simulate', 'warn'));
  lines.push(title);
  const dc: Segment[] = [seg('DC: ', 'dim')];
  if (s.dc.present) {
    dc.push(seg(s.dc.name ?? '?'));
    if (s.dc.version) dc.push(seg(` (${s.dc.version})`, 'dim'));
    dc.push(s.dc.withQuorum ? seg(' - partition with quorum', 'ok') : seg(' - partition WITHOUT quorum', 'error'));
    if (s.dc.mixedVersion) dc.push(seg(' (mixed versions)', 'warn'));
  } else dc.push(seg('NONE', 'error'));
  lines.push(dc);
  if (s.lastChange !== undefined) {
    const lc = s.lastChange;
    lines.push([seg('Last change: ', 'dim'), seg(lc.time), seg(`${lc.user ? ` by ${lc.user}` : ''}${lc.client ? ` via ${lc.client}` : ''}${lc.origin ? ` on ${lc.origin}` : ''}`, 'dim')]);
  }
  const instances = countInstances(status);
  const counts: Segment[] = [seg(`${s.nodesConfigured} node${s.nodesConfigured === 1 ? '' : 's'} configured, ${s.resourcesConfigured} resource instance${s.resourcesConfigured === 1 ? '' : 's'} configured`)];
  if (s.resourcesDisabled > 0) counts.push(seg(` (${s.resourcesDisabled} DISABLED)`, 'warn'));
  if (s.resourcesBlocked > 0) counts.push(seg(` (${s.resourcesBlocked} BLOCKED)`, 'error'));
  counts.push(seg(` · ${instances.active} active`, 'dim'));
  if (instances.failed > 0) counts.push(seg(` · ${instances.failed} failed`, 'error'));
  lines.push(counts);
  const warn: Segment[] = [];
  if (s.options.maintenanceMode) warn.push(seg('*** Resource management is DISABLED (maintenance-mode) ***', 'error'));
  if (s.options.stopAllResources) warn.push(seg(`${warn.length ? ' ' : ''}*** stop-all-resources is set ***`, 'error'));
  if (!s.options.stonithEnabled) warn.push(seg(`${warn.length ? ' ' : ''}WARNING: stonith is disabled`, 'warn'));
  if (warn.length > 0) lines.push(warn);
  const pins = leftoverConstraints(status);
  if (pins.length > 0) lines.push(pinWarning(pins));
  return lines;
}

/**
 * The constraints ban and move left behind: the CIB's when they were read,
 * else the `cli-ban-*` ones among crm_mon's bans (moves need the CIB).
 */
export function leftoverConstraints(status: ClusterStatus): LeftoverConstraint[] {
  return (
    status.leftovers ??
    status.bans
      .filter((b) => b.leftover)
      .map((b) => ({ id: b.id, kind: b.id.startsWith('cli-prefer-') ? ('move' as const) : ('ban' as const), resource: b.resource, node: b.node, ...(b.promotedOnly ? { role: 'Promoted' } : {}) }))
  );
}

/** "2 constraints left by ban/move pin resources: web not on n1, db on n2". */
function pinWarning(pins: readonly LeftoverConstraint[]): Segment[] {
  const each = pins.map((p) => `${p.resource}${p.role ? ` (${p.role})` : ''} ${p.kind === 'move' ? 'on' : 'not on'} ${p.node}`);
  const shown = each.slice(0, 4).join(', ') + (each.length > 4 ? `, +${each.length - 4} more` : '');
  const n = pins.length;
  return [seg(`${n === 1 ? 'A constraint' : `${n} constraints`} left by ban/move pin${n === 1 ? 's' : ''} resources: `, 'warn'), seg(shown, 'warn')];
}

function countInstances(status: ClusterStatus): { active: number; failed: number } {
  let active = 0;
  let failed = 0;
  const visit = (r: ResourceStatus): void => {
    if (r.type === 'primitive') {
      if (r.active) active++;
      if (r.failed) failed++;
    } else if (r.type === 'group') r.children.forEach(visit);
    else if (r.type === 'clone') r.children.forEach(visit);
    else for (const rep of r.replicas) rep.children.forEach(visit);
  };
  status.resources.forEach(visit);
  return { active, failed };
}
