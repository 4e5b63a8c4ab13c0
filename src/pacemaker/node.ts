/**
 * Node management, as Pacemaker tool calls: standby/online (with lifetime),
 * maintenance, node attributes, utilization and transient (status)
 * attributes through crm_attribute; fencing through stonith_admin; removal
 * through crm_node and cibadmin. Also the reader of the CIB's node entries
 * (configuration `<node>`s and the transient attributes of the status
 * section), which the `node` level plans its calls from.
 *
 * Everything here is pure: argv arrays and parsers. The shell runs them
 * (`inv.tool` / `inv.query`), so `--dry-run` shows exactly these calls.
 *
 * @example
 *   standbyArgv('n2', 'reboot');
 *   // ['crm_attribute', '--node', 'n2', '--name', 'standby', '--update', 'on', '--lifetime', 'reboot']
 *   const nodes = parseNodesQuery((await inv.query(NODES_QUERY_ARGV, { okCodes: [0, 105] })).stdout);
 *   planStandby(nodes, ['n1', 'n2'], 'forever'); // one cibadmin --modify for both, then drops of transient standby
 */
import { actionArgv } from './actions.js';
import { children, cutElements, escapeXml, parseXml, type XmlElement } from '../cib/xml.js';

/** How long a node attribute lives: `forever` in the configuration, `reboot` in the status section (until the node restarts). */
export type Lifetime = 'forever' | 'reboot';

/** The three kinds of node attribute crmsh's `node` level manages. */
export type NodeAttrKind = 'attribute' | 'utilization' | 'status-attr';

export type AttrOp = 'show' | 'set' | 'delete';

export interface NvPair {
  id: string;
  name: string;
  value: string;
  /** the id of the set (instance_attributes / utilization) holding it */
  setId: string;
}

/** A node as the CIB knows it. */
export interface CibNode {
  /** uname (or the id when the entry has no uname; a remote node's name) */
  name: string;
  id: string;
  /** member (default), remote or ping */
  type: string;
  /** has a `<node>` entry in the configuration (a remote node may only have status) */
  configured: boolean;
  /** other XML attributes of `<node>` (description, score, …) */
  extra: Record<string, string>;
  /** permanent node attributes (`<instance_attributes>`, every set) */
  attributes: NvPair[];
  utilization: NvPair[];
  /** transient attributes (status section), including Pacemaker's own (`#feature-set`, fail counts) */
  transient: NvPair[];
}

/**
 * Everything the node level needs from the CIB in one read: the nodes
 * section and the transient attributes (never the resource history, which
 * can be megabytes). Exit code 105 means neither exists (an empty CIB).
 */
export const NODES_QUERY_ARGV: readonly string[] = ['cibadmin', '--query', '--xpath', '/cib/configuration/nodes|/cib/status/node_state/transient_attributes'];

/** The node_state entries without their history: membership (`in_ccm`) and controller (`crmd`) state. 105: none. */
export const NODE_STATES_ARGV: readonly string[] = ['cibadmin', '--query', '--xpath', '/cib/status/node_state', '--no-children'];

/** The members of this node's partition, by name (`crm_node --partition`): only on a running cluster. */
export const PARTITION_ARGV: readonly string[] = ['crm_node', '--partition'];

/** The remote-node connection resources, for `node server`. 105: none. */
export const REMOTE_PRIMITIVES_ARGV: readonly string[] = ['cibadmin', '--query', '--xpath', "/cib/configuration/resources//primitive[@type='remote']"];

function nvpairs(set: XmlElement): NvPair[] {
  const setId = set.attrs.id ?? '';
  return children(set, 'nvpair').map((p) => ({ id: p.attrs.id ?? '', name: p.attrs.name ?? '', value: p.attrs.value ?? '', setId }));
}

/** The elements an xpath query returned: several come wrapped in `<xpath-query>`, one comes alone. */
function xpathResults(xml: string): XmlElement[] {
  if (xml.trim() === '') return [];
  const root = parseXml(xml);
  return root.name === 'xpath-query' ? children(root) : [root];
}

/**
 * Decode the output of NODES_QUERY_ARGV. Transient attributes are matched to
 * nodes by id (a cluster node's node_state id is its node id; a remote
 * node's is its name).
 */
export function parseNodesQuery(xml: string): CibNode[] {
  return nodesOfSections(xpathResults(xml));
}

/**
 * The same from the text of a whole CIB (a file on this machine, read
 * instead of asking cibadmin): only the nodes section and the transient
 * attributes are cut out and parsed (src/cib `cutElements`), so a CIB with
 * megabytes of resource history costs no more than a small one. Undefined
 * when the text is not what Pacemaker writes; the caller then asks cibadmin.
 */
export function nodesOfCibText(text: string): CibNode[] | undefined {
  const found = cutElements(text, 'cib', ['nodes', 'transient_attributes']);
  return found && nodesOfSections(found);
}

/** Nodes from a nodes section and transient_attributes elements, wherever they were read. */
function nodesOfSections(found: readonly XmlElement[]): CibNode[] {
  return nodesFrom(
    found.find((e) => e.name === 'nodes'),
    found.filter((e) => e.name === 'transient_attributes'),
  );
}

function nodesFrom(section: XmlElement | undefined, transients: readonly XmlElement[]): CibNode[] {
  const nodes: CibNode[] = [];
  for (const n of section ? children(section, 'node') : []) {
    const { id = '', uname, type, ...extra } = n.attrs;
    nodes.push({
      name: uname ?? id,
      id,
      type: type ?? 'member',
      configured: true,
      extra,
      attributes: children(n, 'instance_attributes').flatMap(nvpairs),
      utilization: children(n, 'utilization').flatMap(nvpairs),
      transient: [],
    });
  }
  for (const t of transients) {
    const id = t.attrs.id ?? '';
    let node = nodes.find((n) => n.id === id) ?? nodes.find((n) => n.name === id);
    if (!node) {
      node = { name: id, id, type: 'remote', configured: false, extra: {}, attributes: [], utilization: [], transient: [] };
      nodes.push(node);
    }
    node.transient.push(...children(t, 'instance_attributes').flatMap(nvpairs));
  }
  return nodes;
}

/** A node_state without its children: is the node in the membership, is its controller up. */
export interface NodeState {
  id: string;
  name: string;
  /** corosync membership (`in_ccm`: "true", or a timestamp on newer Pacemaker) */
  inMembership: boolean;
  /** the controller (`crmd`: "online", or a timestamp on newer Pacemaker) */
  controllerUp: boolean;
  remote: boolean;
}

export function parseNodeStates(xml: string): NodeState[] {
  const up = (v: string | undefined): boolean => v !== undefined && v !== 'false' && v !== 'offline' && v !== '0';
  return xpathResults(xml)
    .filter((e) => e.name === 'node_state')
    .map((e) => ({
      id: e.attrs.id ?? '',
      name: e.attrs.uname ?? e.attrs.id ?? '',
      inMembership: up(e.attrs.in_ccm),
      controllerUp: up(e.attrs.crmd),
      remote: e.attrs.remote_node === 'true',
    }));
}

/** `crm_node --partition` output: names separated by white space. */
export function parsePartition(out: string): string[] {
  return out.split(/\s+/).filter(Boolean);
}

/** The `server` parameter of each remote connection resource, by resource id (= the remote node's name). */
export function parseRemoteServers(xml: string): Map<string, string> {
  const servers = new Map<string, string>();
  for (const p of xpathResults(xml)) {
    if (p.name !== 'primitive') continue;
    const server = children(p, 'instance_attributes')
      .flatMap(nvpairs)
      .find((nv) => nv.name === 'server');
    if (server && p.attrs.id) servers.set(p.attrs.id, server.value);
  }
  return servers;
}

const standbyOf = (pairs: readonly NvPair[]): NvPair | undefined => pairs.find((p) => p.name === 'standby');

/** The node's standby nvpair of one lifetime, if it has one. */
export function standbyPair(node: CibNode, lifetime: Lifetime): NvPair | undefined {
  return standbyOf(lifetime === 'forever' ? node.attributes : node.transient);
}

const attr = (node: string, name: string, lifetime: Lifetime, ...op: string[]): string[] =>
  lifetime === 'forever'
    ? ['crm_attribute', '--type', 'nodes', '--node', node, '--name', name, ...op, '--lifetime', 'forever']
    : ['crm_attribute', '--node', node, '--name', name, ...op, '--lifetime', 'reboot'];

/** Put one node in standby. `forever` is the status view's call (actions.ts). */
export function standbyArgv(node: string, lifetime: Lifetime): string[] {
  return lifetime === 'forever' ? actionArgv({ kind: 'node-standby', node }) : attr(node, 'standby', 'reboot', '--update', 'on');
}

/** Take one node out of standby (standby=off). `forever` is the status view's call (actions.ts). */
export function onlineArgv(node: string, lifetime: Lifetime): string[] {
  return lifetime === 'forever' ? actionArgv({ kind: 'node-online', node }) : attr(node, 'standby', 'reboot', '--update', 'off');
}

/** Remove the node's standby attribute of one lifetime (the other lifetime's standby then decides alone). */
export function dropStandbyArgv(node: string, lifetime: Lifetime): string[] {
  return attr(node, 'standby', lifetime, '--delete');
}

/**
 * Set standby=`value` on several nodes in ONE change of the nodes section,
 * so no node is left briefly alone with every resource moving to it (crmsh
 * makes one patch for `--all` for the same reason). Existing nvpairs keep
 * their ids; new ones get crm_attribute's ids (`nodes-<id>-standby`).
 */
export function standbyManyArgv(nodes: readonly CibNode[], value: 'on' | 'off'): string[] {
  const xml = nodes
    .map((n) => {
      const pair = standbyPair(n, 'forever');
      const setId = pair?.setId ?? n.attributes[0]?.setId ?? `nodes-${n.id}`;
      const pairId = pair?.id ?? `nodes-${n.id}-standby`;
      return `<node id="${escapeXml(n.id)}"><instance_attributes id="${escapeXml(setId)}"><nvpair id="${escapeXml(pairId)}" name="standby" value="${value}"/></instance_attributes></node>`;
    })
    .join('');
  return ['cibadmin', '--modify', '--scope', 'nodes', '--xml-text', `<nodes>${xml}</nodes>`];
}

/**
 * The calls that put `names` in standby with `lifetime`, given the CIB's
 * nodes: one node → crm_attribute (as the status view does); several → one
 * cibadmin change for `forever`, crm_attribute per node for `reboot` (those
 * go through the attribute daemon). A standby of the other lifetime is then
 * removed, so the one asked for decides (crmsh does the same): a `reboot`
 * standby must not outlive the reboot because of an old `forever` one.
 */
export function planStandby(nodes: readonly CibNode[], names: readonly string[], lifetime: Lifetime): string[][] {
  const targets = names.map((n) => nodeByName(nodes, n)!).filter(Boolean);
  const other: Lifetime = lifetime === 'forever' ? 'reboot' : 'forever';
  const calls: string[][] =
    lifetime === 'forever' && targets.length > 1 ? [standbyManyArgv(targets, 'on')] : targets.map((n) => standbyArgv(n.name, lifetime));
  for (const n of targets) if (standbyPair(n, other)) calls.push(dropStandbyArgv(n.name, other));
  return calls;
}

/**
 * The calls that take `names` out of standby: standby=off in the
 * configuration (one change for several nodes), and standby=off for a
 * transient standby where there is one (as crmsh's `online` does).
 */
export function planOnline(nodes: readonly CibNode[], names: readonly string[]): string[][] {
  const targets = names.map((n) => nodeByName(nodes, n)!).filter(Boolean);
  const calls: string[][] = targets.length > 1 ? [standbyManyArgv(targets, 'off')] : targets.map((n) => onlineArgv(n.name, 'forever'));
  for (const n of targets) if (standbyPair(n, 'reboot')) calls.push(onlineArgv(n.name, 'reboot'));
  return calls;
}

/** Maintenance on/off for one node (the status view's call). */
export function maintenanceArgv(node: string, on: boolean): string[] {
  return actionArgv({ kind: 'node-maintenance', node, on });
}

/**
 * show/set/delete of a node attribute: `attribute` (permanent, in the
 * configuration), `utilization`, or `status-attr` (transient: lifetime
 * reboot). The same calls crmsh 4.4 makes, with long options.
 */
export function nodeAttrArgv(kind: NodeAttrKind, op: AttrOp, node: string, name: string, value?: string): string[] {
  const scope = kind === 'status-attr' ? ['--lifetime', 'reboot'] : kind === 'utilization' ? ['--utilization', '--type', 'nodes'] : ['--type', 'nodes'];
  const action = op === 'set' ? ['--update', value ?? ''] : op === 'delete' ? ['--delete'] : ['--query'];
  return ['crm_attribute', ...scope, '--node', node, '--name', name, ...action];
}

/** The attributes of one kind the CIB holds for a node. */
export function nodeAttrs(node: CibNode, kind: NodeAttrKind): NvPair[] {
  return kind === 'attribute' ? node.attributes : kind === 'utilization' ? node.utilization : node.transient;
}

/** Fence a node now (waits for the fencer's answer). */
export function fenceArgv(node: string): string[] {
  return ['stonith_admin', '--fence', node];
}

/** Tell the cluster a node is safely down, as if it had been fenced (crmsh's `clearstate` of an offline node). */
export function confirmDownArgv(node: string): string[] {
  return ['stonith_admin', '--confirm', node];
}

/** Forget the resource history of every resource on a node and re-probe (crmsh's `clearstate` of an online node). */
export function cleanupNodeArgv(node: string): string[] {
  return ['crm_resource', '--cleanup', '--node', node];
}

/** Remove a node from the membership caches and the CIB (needs a running cluster). */
export function removeNodeArgv(node: string): string[] {
  return ['crm_node', '--force', '--remove', node];
}

/** Delete what is left of a node in the CIB: its `<node>` entry and its node_state. Matching nothing is not an error. */
export function deleteNodeEntriesArgv(node: string): string[] {
  const q = xpathString(node);
  return ['cibadmin', '--delete-all', '--force', '--xpath', `/cib/configuration/nodes/node[@uname=${q}]|/cib/status/node_state[@uname=${q}]`];
}

/** An XPath 1.0 string literal for any text (XPath has no escapes: concat() around quotes of both kinds). */
export function xpathString(s: string): string {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  return `concat(${s
    .split("'")
    .map((part) => `'${part}'`)
    .join(`, "'", `)})`;
}

export function nodeByName(nodes: readonly CibNode[], name: string): CibNode | undefined {
  return nodes.find((n) => n.name === name);
}

/** The name of the machine a command runs on, when the executor is not local (crmsh: `uname -n`). */
export const UNAME_ARGV: readonly string[] = ['uname', '-n'];

/** Pacemaker's own transient attributes (`#feature-set`, fail counts, last failures): not the user's. */
export function isInternalAttr(name: string): boolean {
  return name.startsWith('#') || name.startsWith('fail-count-') || name.startsWith('last-failure-');
}
