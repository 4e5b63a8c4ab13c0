/**
 * The `node` level, with crmsh 4.4's words: show/list, standby, online,
 * maintenance, ready, attribute, utilization, status-attr, fence,
 * clearstate, delete, server. Every change is one or more Pacemaker tool
 * calls (src/pacemaker/node.ts) run through `inv.tool`, so `--dry-run` shows
 * them; nothing edits the CIB text itself.
 *
 * Without a node name, a command acts on the node it runs on (as crmsh
 * does) and says so. The read of the CIB's nodes that checks a node name
 * costs no extra tool call's time: on the cluster it runs together with the
 * change, and a CIB file on this machine is read in process. A one-shot
 * `hash node standby n1` is one crm_attribute call.
 */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { suggest } from '../../../grammar/suggest.js';
import { describeTarget } from '../../cib/target.js';
import { XmlSyntaxError } from '../../cib/xml.js';
import { sandboxDir, shadowPath } from '../../pacemaker/shadow.js';
import {
  NODES_QUERY_ARGV,
  NODE_STATES_ARGV,
  PARTITION_ARGV,
  REMOTE_PRIMITIVES_ARGV,
  UNAME_ARGV,
  cleanupNodeArgv,
  confirmDownArgv,
  deleteNodeEntriesArgv,
  dropStandbyArgv,
  fenceArgv,
  isInternalAttr,
  maintenanceArgv,
  nodeAttrArgv,
  nodeAttrs,
  nodeByName,
  nodesOfCibText,
  parseNodeStates,
  parseNodesQuery,
  parsePartition,
  parseRemoteServers,
  onlineArgv,
  planOnline,
  planStandby,
  standbyArgv,
  removeNodeArgv,
  standbyPair,
  type AttrOp,
  type CibNode,
  type Lifetime,
  type NodeAttrKind,
  type NvPair,
} from '../../pacemaker/node.js';
import { ExitCode, UsageError, UserError } from '../errors.js';
import type { ArgSpec, CommandDef, Invocation, LevelDef } from '../tree.js';
import { quoteWords, type Word } from '../words.js';

/**
 * The CIB file behind a file or sandbox target on this machine: read
 * directly, it costs no process (a .bz2 file is left to cibadmin).
 */
function localCibFile(inv: Invocation): string | undefined {
  const t = inv.ctx.target;
  if (inv.ctx.executor.target !== 'local') return undefined;
  if (t.kind === 'file') return t.path.endsWith('.bz2') ? undefined : t.path;
  if (t.kind === 'shadow') return shadowPath(t.dir ?? sandboxDir(inv.ctx.env), t.name);
  return undefined;
}

/** The node section and transient attributes of the CIB in use. */
async function readNodes(inv: Invocation): Promise<CibNode[]> {
  try {
    const file = localCibFile(inv);
    if (file !== undefined) {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      // unreadable here, or not plain CIB XML: cibadmin says why
      const nodes = text === undefined ? undefined : nodesOfCibText(text);
      if (nodes) return nodes;
    }
    const r = await inv.query(NODES_QUERY_ARGV, { okCodes: [0, 105] });
    if (r.code === 105) return [];
    return parseNodesQuery(r.stdout);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new UserError(`the CIB (${describeTarget(inv.ctx.target)}) is not XML hash can read: ${e.message}`);
    throw e;
  }
}

/** The name of the machine the command runs on (crmsh: `uname -n`). */
async function thisNodeName(inv: Invocation): Promise<string> {
  if (inv.ctx.executor.target === 'local') return hostname();
  return (await inv.query(UNAME_ARGV)).stdout.trim();
}

/** The node named by `word`, or this machine's node when there is no word (said on stderr). */
async function nodeName(inv: Invocation, word: Word | undefined, command: string): Promise<string> {
  if (word) return word.text;
  const me = await thisNodeName(inv);
  inv.ctx.io.err(`${command}: no node given, using this node: ${me}\n`);
  return me;
}

/** A name the CIB does not know: an error that says which CIB, and the nearest name. */
async function unknownNode(inv: Invocation, name: string, nodes: readonly CibNode[], given: boolean): Promise<UserError> {
  const where = describeTarget(inv.ctx.target);
  const names = nodes.map((n) => n.name);
  if (!given) return new UserError(`this machine (${name}) is not a node of the CIB (${where})`, ExitCode.failed, names.length ? `name the node; nodes: ${names.join(', ')}` : 'the CIB has no nodes yet');
  const near = suggest(name, names);
  return new UserError(`no node '${name}' in the CIB (${where})`, ExitCode.failed, near ? `did you mean '${near}'?` : names.length ? `nodes: ${names.join(', ')}` : 'the CIB has no nodes yet');
}

async function requireNode(inv: Invocation, nodes: readonly CibNode[], name: string, given: boolean): Promise<CibNode> {
  const n = nodeByName(nodes, name);
  if (!n) throw await unknownNode(inv, name, nodes, given);
  return n;
}

/**
 * Run `argv` (a change of node `name`) and read the CIB's nodes, then check
 * the name. An unknown node makes the tool fail anyway (crm_attribute cannot
 * map it) and changes nothing; the read turns that into a clear error, also
 * under --dry-run where the tool does not run. On the cluster the two run
 * together (the CIB daemon orders them); a CIB file is read first, in
 * process: the tools rewrite the file in place, so a reader could catch it
 * half written.
 */
async function changeNode(inv: Invocation, name: string, given: boolean, argv: readonly string[]): Promise<{ node: CibNode; nodes: CibNode[] }> {
  if (localCibFile(inv) !== undefined) {
    const nodes = await readNodes(inv);
    const node = await requireNode(inv, nodes, name, given);
    await inv.tool(argv);
    return { node, nodes };
  }
  const [write, read] = await Promise.allSettled([inv.tool(argv), readNodes(inv)]);
  if (read.status === 'rejected') throw read.reason;
  const node = nodeByName(read.value, name);
  if (!node) throw await unknownNode(inv, name, read.value, given);
  if (write.status === 'rejected') throw write.reason;
  return { node, nodes: read.value };
}

/**
 * Ask before a drastic change. Under --dry-run nothing changes, so the
 * question is only shown (and the calls are printed as if answered yes).
 */
async function ask(inv: Invocation, question: string): Promise<boolean> {
  if (inv.ctx.options.dryRun) {
    inv.ctx.io.err(`would ask: ${question}\n`);
    return true;
  }
  return inv.confirm(question);
}

/** A note on stderr after a change (not under --dry-run, where nothing changed). */
function done(inv: Invocation, text: string): void {
  if (!inv.ctx.options.dryRun) inv.ctx.io.err(`${text}\n`);
}

interface NodeArgs {
  all: boolean;
  names: Word[];
  lifetime?: Lifetime;
}

/** `[--all | <node>...] [lifetime]`: crmsh's form for standby and online; `lifetime=<l>` is accepted too. */
function parseNodeList(args: readonly Word[], command: string, withLifetime: boolean): NodeArgs {
  const out: NodeArgs = { all: false, names: [] };
  const words = [...args];
  const last = words[words.length - 1];
  if (last) {
    const m = /^(?:lifetime=)?(.*)$/.exec(last.text)!;
    const explicit = last.text.startsWith('lifetime=');
    if (explicit || (withLifetime && (last.text === 'reboot' || last.text === 'forever'))) {
      if (!withLifetime) throw new UsageError(`${command} takes no lifetime`, `usage: ${command} [--all | <node>...]`);
      if (m[1] !== 'reboot' && m[1] !== 'forever') throw new UsageError(`lifetime is 'reboot' or 'forever', not '${m[1]}'`, `usage: ${command} [--all | <node>...] [reboot|forever]`);
      out.lifetime = m[1];
      words.pop();
    }
  }
  for (const w of words) {
    if (w.text === '--all') out.all = true;
    else if (w.text.startsWith('-')) throw new UsageError(`${command}: unknown option ${w.text}`, `usage: ${command} [--all | <node>...]${withLifetime ? ' [reboot|forever]' : ''}`);
    else if (!out.names.some((n) => n.text === w.text)) out.names.push(w);
  }
  if (out.all && out.names.length > 0) throw new UsageError(`${command}: give either --all or node names, not both`);
  return out;
}

/** The nodes `--all` means: every node of the configuration. */
function allNodes(nodes: readonly CibNode[]): string[] {
  const names = nodes.filter((n) => n.configured && n.type !== 'ping').map((n) => n.name);
  if (names.length === 0) throw new UserError('the CIB has no nodes');
  return names;
}

async function runCalls(inv: Invocation, calls: readonly string[][]): Promise<void> {
  for (const argv of calls) await inv.tool(argv);
}

const lifetimeOf = (a: NodeArgs): Lifetime => a.lifetime ?? 'forever';

async function standby(args: Word[], inv: Invocation): Promise<void> {
  const a = parseNodeList(args, 'standby', true);
  const lifetime = lifetimeOf(a);
  if (!a.all && a.names.length <= 1) {
    const name = await nodeName(inv, a.names[0], 'standby');
    // one node: its crm_attribute call and the read of the nodes run together
    const { node } = await changeNode(inv, name, a.names.length > 0, standbyArgv(name, lifetime));
    const other: Lifetime = lifetime === 'forever' ? 'reboot' : 'forever';
    if (standbyPair(node, other)) await inv.tool(dropStandbyArgv(name, other));
    done(inv, `node ${name}: standby (lifetime ${lifetime})`);
    return;
  }
  const nodes = await readNodes(inv);
  const names = a.all ? allNodes(nodes) : a.names.map((w) => w.text);
  for (const n of names) await requireNode(inv, nodes, n, true);
  await runCalls(inv, planStandby(nodes, names, lifetime));
  done(inv, `nodes ${names.join(', ')}: standby (lifetime ${lifetime})`);
}

async function online(args: Word[], inv: Invocation): Promise<void> {
  const a = parseNodeList(args, 'online', false);
  if (!a.all && a.names.length <= 1) {
    const name = await nodeName(inv, a.names[0], 'online');
    const { node } = await changeNode(inv, name, a.names.length > 0, onlineArgv(name, 'forever'));
    if (standbyPair(node, 'reboot')) await inv.tool(onlineArgv(name, 'reboot'));
    done(inv, `node ${name}: online`);
    return;
  }
  const nodes = await readNodes(inv);
  const names = a.all ? allNodes(nodes) : a.names.map((w) => w.text);
  for (const n of names) await requireNode(inv, nodes, n, true);
  await runCalls(inv, planOnline(nodes, names));
  done(inv, `nodes ${names.join(', ')}: online`);
}

function oneOptionalNode(args: readonly Word[], usage: string): Word | undefined {
  if (args.length > 1) throw new UsageError(`too many arguments: ${quoteWords(args.slice(1).map((w) => w.text))}`, `usage: ${usage}`);
  const w = args[0];
  if (w?.text.startsWith('-')) throw new UsageError(`unknown option ${w.text}`, `usage: ${usage}`);
  return w;
}

function oneNode(args: readonly Word[], usage: string): Word {
  const w = oneOptionalNode(args, usage);
  if (!w) throw new UsageError('which node?', `usage: ${usage}`);
  return w;
}

function maintenance(on: boolean): CommandDef['run'] {
  const command = on ? 'maintenance' : 'ready';
  return async (args, inv) => {
    const w = oneOptionalNode(args, `${command} [<node>]`);
    const name = await nodeName(inv, w, command);
    const { node } = await changeNode(inv, name, w !== undefined, maintenanceArgv(name, on));
    done(inv, on ? `node ${node.name}: maintenance (its resources are not managed)` : `node ${node.name}: ready (out of maintenance)`);
  };
}

const ATTR_WORDS: Record<NodeAttrKind, string> = { attribute: 'attribute', utilization: 'utilization attribute', 'status-attr': 'status attribute' };

/** `attribute|utilization|status-attr <node> show|set|delete <name> [<value>]` */
function attrCommand(kind: NodeAttrKind): CommandDef['run'] {
  const usage = `${kind} <node> set <name> <value> | delete <name> | show [<name>]`;
  return async (args, inv) => {
    const [nodeW, opW, nameW, ...rest] = args;
    if (!nodeW || !opW) throw new UsageError(`${kind}: which node, and show, set or delete?`, `usage: ${usage}`);
    const op = opW.text as AttrOp;
    if (op !== 'show' && op !== 'set' && op !== 'delete') throw new UsageError(`${kind}: '${opW.text}' is not show, set or delete`, `usage: ${usage}`);
    if (op !== 'show' && !nameW) throw new UsageError(`${kind} ${op}: which attribute?`, `usage: ${usage}`);
    if (op === 'set' && rest.length === 0) throw new UsageError(`${kind} set: missing value for ${nameW!.text}`, `usage: ${usage}`);
    if (op === 'set' && rest.length > 1) throw new UsageError(`${kind} set: one value (quote it if it has spaces)`, `usage: ${usage}`);
    if (op !== 'set' && rest.length > 0) throw new UsageError(`${kind} ${op}: too many arguments`, `usage: ${usage}`);
    const node = nodeW.text;
    const what = ATTR_WORDS[kind];

    if (op === 'show' && !nameW) {
      const n = await requireNode(inv, await readNodes(inv), node, true);
      const pairs = nodeAttrs(n, kind).filter((p) => kind !== 'status-attr' || !isInternalAttr(p.name));
      inv.ctx.io.out(pairs.map((p) => `${quoteWords([`${p.name}=${p.value}`])}\n`).join(''));
      return;
    }
    const argv = nodeAttrArgv(kind, op, node, nameW!.text, rest[0]?.text);
    if (op === 'show') {
      const [q, read] = await Promise.all([inv.query(argv, { okCodes: [0, 105, 6] }), readNodes(inv)]);
      await requireNode(inv, read, node, true);
      if (q.code !== 0) throw new UserError(`node ${node} has no ${what} '${nameW!.text}'`, ExitCode.failed, `\`${kind} ${node} show\` lists them`);
      inv.ctx.io.out(q.stdout);
      return;
    }
    await changeNode(inv, node, true, argv);
    done(inv, op === 'set' ? `node ${node}: ${what} ${nameW!.text}=${rest[0]!.text}` : `node ${node}: ${what} ${nameW!.text} deleted`);
  };
}

/** Commands that act on the cluster itself, not on a CIB: refused on a file or sandbox. */
function requireLive(inv: Invocation, what: string): void {
  if (inv.ctx.target.kind === 'live') return;
  throw new UserError(`${what} acts on the running cluster, not on ${describeTarget(inv.ctx.target)}`, ExitCode.usage, 'run it without CIB_file/CIB_shadow (and outside a sandbox: `cib use live`)');
}

async function fence(args: Word[], inv: Invocation): Promise<void> {
  const w = oneNode(args, 'fence <node>');
  requireLive(inv, 'fencing');
  const [nodes, me] = await Promise.all([readNodes(inv), thisNodeName(inv)]);
  const node = await requireNode(inv, nodes, w.text, true);
  const self = node.name === me ? ' This is the node hash runs on.' : '';
  const ok = await ask(inv, `Fence node ${node.name}? Its fence device will power it off or reboot it (stonith_admin --fence ${node.name}), and its resources will be recovered on other nodes.${self}`);
  if (!ok) throw new UserError(`node ${node.name} was not fenced`, ExitCode.failed);
  await inv.tool(fenceArgv(node.name), { timeoutMs: 300_000 });
  done(inv, `node ${node.name} was fenced`);
}

async function clearstate(args: Word[], inv: Invocation): Promise<void> {
  const w = oneOptionalNode(args, 'clearstate [<node>]');
  const name = await nodeName(inv, w, 'clearstate');
  const [nodes, statesOut] = await Promise.all([readNodes(inv), inv.query(NODE_STATES_ARGV, { okCodes: [0, 105] })]);
  const states = statesOut.code === 0 ? parseNodeStates(statesOut.stdout) : [];
  const state = states.find((s) => s.name === name);
  if (!nodeByName(nodes, name) && !state) throw await unknownNode(inv, name, nodes, w !== undefined);
  if (state?.controllerUp) {
    // an online node: what can be cleared is its resource history (crmsh does the same)
    if (!(await ask(inv, `Node ${name} is online: clear the state of every resource on it and re-probe them (crm_resource --cleanup --node ${name})?`))) throw new UserError(`the state of node ${name} was kept`);
    await inv.tool(cleanupNodeArgv(name));
    done(inv, `node ${name}: resource state cleared; the cluster re-probes its resources`);
    return;
  }
  if (state?.inMembership) throw new UserError(`node ${name} is offline for Pacemaker but still a member for corosync`, ExitCode.failed, `shut the cluster down on ${name} first`);
  requireLive(inv, 'clearstate of an offline node');
  const ok = await ask(inv, 
    `Tell the cluster that node ${name} is down, as if it had been fenced (stonith_admin --confirm ${name})? Its resources will be started elsewhere: if ${name} is in fact still running them, data can be corrupted.`,
  );
  if (!ok) throw new UserError(`the state of node ${name} was kept`);
  await inv.tool(confirmDownArgv(name));
  done(inv, `node ${name}: confirmed down`);
}

async function deleteNode(args: Word[], inv: Invocation): Promise<void> {
  const w = oneNode(args, 'delete <node>');
  const name = w.text;
  const live = inv.ctx.target.kind === 'live';
  const [nodes, states, partition] = await Promise.all([
    readNodes(inv),
    inv.query(NODE_STATES_ARGV, { okCodes: [0, 105] }),
    live ? inv.query(PARTITION_ARGV, { okCodes: [0, 1, 102, 107] }) : undefined,
  ]);
  const inStatus = states.code === 0 && parseNodeStates(states.stdout).some((s) => s.name === name);
  if (!nodeByName(nodes, name) && !inStatus) throw await unknownNode(inv, name, nodes, true);
  if (partition && partition.code === 0 && parsePartition(partition.stdout).includes(name) && !inv.ctx.options.force) {
    throw new UserError(`node ${name} is still an active member of the cluster (crm_node --partition lists it)`, ExitCode.failed, `stop the cluster services on ${name} first, or add --force to remove it anyway`);
  }
  const how = live ? `remove it from the membership (crm_node --force --remove ${name}) and ` : '';
  if (!(await ask(inv, `Delete node ${name}: ${how}delete its node entry and status from the CIB?`))) throw new UserError(`node ${name} was kept`);
  if (live) await inv.tool(removeNodeArgv(name));
  // crm_node --remove clears the CIB too; this removes whatever is left (and is the whole job on a file)
  await inv.tool(deleteNodeEntriesArgv(name));
  done(inv, `node ${name} deleted`);
}

function pairsText(pairs: readonly NvPair[]): string {
  return pairs.map((p) => quoteWords([`${p.name}=${p.value}`])).join(' ');
}

async function show(args: Word[], inv: Invocation): Promise<void> {
  const w = oneOptionalNode(args, 'show [<node>]');
  const { crmMon } = await import('../../pacemaker/crm-mon.js');
  const [nodes, mon] = await Promise.all([readNodes(inv), crmMon(inv.ctx.executor, inv.ctx.target)]);
  const status = mon.ok ? mon.status.nodes : [];
  const names = [...new Set([...nodes.map((n) => n.name), ...status.map((s) => s.name)])].sort();
  if (w && !names.includes(w.text)) throw await unknownNode(inv, w.text, nodes, true);
  const lines: string[] = [];
  for (const name of w ? [w.text] : names) {
    const n = nodeByName(nodes, name);
    const s = status.find((x) => x.name === name);
    const id = n?.id ?? s?.id ?? name;
    const kind = n?.type ?? s?.kind ?? 'member';
    const state = s ? [s.state, ...(s.maintenance && s.state !== 'maintenance' ? ['maintenance'] : []), ...(s.isDc ? ['DC'] : [])] : [];
    lines.push(`${id === name ? name : `${name}(${id})`}: ${kind}${state.length ? `, ${state.join(', ')}` : ''}`);
    for (const [k, v] of Object.entries(n?.extra ?? {})) lines.push(`\t${k}: ${v}`);
    if (n?.attributes.length) lines.push(`\tattributes: ${pairsText(n.attributes)}`);
    if (n?.utilization.length) lines.push(`\tutilization: ${pairsText(n.utilization)}`);
    const transient = (n?.transient ?? []).filter((p) => !isInternalAttr(p.name));
    if (transient.length) lines.push(`\tstatus-attr: ${pairsText(transient)}`);
  }
  inv.ctx.io.out(lines.map((l) => `${l}\n`).join(''));
  if (!mon.ok) inv.ctx.io.err(`node states unknown: ${mon.error}\n`);
}

async function server(args: Word[], inv: Invocation): Promise<void> {
  const [nodes, remotes] = await Promise.all([readNodes(inv), inv.query(REMOTE_PRIMITIVES_ARGV, { okCodes: [0, 105] })]);
  const servers = remotes.code === 0 ? parseRemoteServers(remotes.stdout) : new Map<string, string>();
  const wanted = args.map((w) => w.text);
  for (const name of wanted) await requireNode(inv, nodes, name, true);
  const shown = nodes.filter((n) => n.configured && (wanted.length === 0 || wanted.includes(n.name)));
  inv.ctx.io.out(shown.map((n) => `${(n.type === 'remote' && servers.get(n.name)) || n.name}\n`).join(''));
}

const NODE = { name: 'node', kind: 'node' } as const;
/** `<node> show|set|delete [<name> [<value>]]`: attribute, utilization and status-attr */
const ATTR_ARGS: ArgSpec[] = [NODE, { name: 'action', kind: ['show', 'set', 'delete'] }, { name: 'name', kind: 'node-attribute', optional: true }, { name: 'value', kind: 'text', optional: true }];

export const NODE_LEVEL: LevelDef = {
  name: 'node',
  summary: 'node management: standby, maintenance, attributes, fencing',
  help:
    'Commands that take an optional node act on the node hash runs on when none is given (its `uname -n`), and say so. ' +
    'Changes are crm_attribute, stonith_admin, crm_node and cibadmin calls; `--dry-run` (-R) prints them instead of running them.',
  commands: [
    {
      name: 'show',
      aliases: ['list'],
      summary: 'show nodes: state, attributes, utilization, status attributes',
      usage: 'show [<node>]',
      help: 'The state comes from crm_mon (online, standby, maintenance, offline, …, and which node is the DC); attributes and utilization from the CIB\'s nodes section; status attributes are the transient ones (lifetime reboot) other than Pacemaker\'s own.',
      args: [{ ...NODE, optional: true }],
      examples: ['show', 'show node1'],
      run: show,
    },
    {
      name: 'standby',
      summary: 'put nodes in standby: their resources move away',
      usage: 'standby [--all | <node>...] [reboot|forever]',
      help:
        'Without a node, the node hash runs on; `--all` puts every node in standby at once (one CIB change). ' +
        'The lifetime is `forever` (the default: the standby survives a restart of the node) or `reboot` (it ends when the node restarts); `lifetime=reboot` is accepted too. ' +
        'A standby of the other lifetime is removed, so the one asked for decides.',
      args: [{ ...NODE, optional: true, repeat: true }],
      options: ['--all', 'reboot', 'forever', 'lifetime='],
      examples: ['standby', 'standby node1', 'standby node1 reboot', 'standby --all', 'standby node1 node2 lifetime=forever'],
      run: standby,
    },
    {
      name: 'online',
      summary: 'take nodes out of standby',
      usage: 'online [--all | <node>...]',
      help: 'Sets standby off, permanently and, where there is one, for the transient (lifetime reboot) standby too. Without a node, the node hash runs on; `--all`: every node, in one CIB change.',
      args: [{ ...NODE, optional: true, repeat: true }],
      options: ['--all'],
      examples: ['online', 'online node1', 'online --all'],
      run: online,
    },
    {
      name: 'maintenance',
      summary: 'put a node in maintenance: its resources are left alone',
      usage: 'maintenance [<node>]',
      help: 'The cluster stops managing (starting, stopping, monitoring) the resources on the node until `ready`. Without a node, the node hash runs on.',
      args: [{ ...NODE, optional: true }],
      examples: ['maintenance node1'],
      run: maintenance(true),
    },
    {
      name: 'ready',
      summary: 'take a node out of maintenance',
      usage: 'ready [<node>]',
      args: [{ ...NODE, optional: true }],
      examples: ['ready node1'],
      run: maintenance(false),
    },
    {
      name: 'attribute',
      summary: 'show, set or delete a node attribute',
      usage: 'attribute <node> set <name> <value> | delete <name> | show [<name>]',
      help: 'Permanent node attributes (in the CIB\'s nodes section), as rules and location constraints read them. `show` without a name lists them all.',
      args: ATTR_ARGS,
      examples: ['attribute node1 set rack r1', 'attribute node1 show rack', 'attribute node1 delete rack', 'attribute node1 show'],
      run: attrCommand('attribute'),
    },
    {
      name: 'utilization',
      summary: 'show, set or delete a node utilization attribute',
      usage: 'utilization <node> set <name> <value> | delete <name> | show [<name>]',
      help: 'What a node offers (memory, cpu, …) for the placement-strategy cluster option; resources state what they need with their own utilization.',
      args: ATTR_ARGS,
      examples: ['utilization node1 set memory 16384', 'utilization node1 show cpu', 'utilization node1 show'],
      run: attrCommand('utilization'),
    },
    {
      name: 'status-attr',
      summary: 'show, set or delete a transient node attribute (lifetime reboot)',
      usage: 'status-attr <node> set <name> <value> | delete <name> | show [<name>]',
      help: 'Attributes in the status section, which end when the node restarts (e.g. the score pingd sets). On a running cluster they go through the attribute daemon, so a new value shows up after a moment.',
      args: ATTR_ARGS,
      examples: ['status-attr node1 show pingd', 'status-attr node1 set maintenance-window yes', 'status-attr node1 show'],
      run: attrCommand('status-attr'),
    },
    {
      name: 'fence',
      summary: 'fence a node now (asks first)',
      usage: 'fence <node>',
      help: 'Runs `stonith_admin --fence <node>` and waits for the result: the node\'s fence device powers it off or reboots it. Needs a fence device able to fence the node. Asks first; off a terminal, --force answers. Only on the running cluster.',
      args: [NODE],
      examples: ['fence node2'],
      run: fence,
    },
    {
      name: 'clearstate',
      summary: 'clear the state of a node (confirm an offline node is down)',
      usage: 'clearstate [<node>]',
      help:
        'For an online node: clears the state of every resource on it and re-probes them (`crm_resource --cleanup --node`). ' +
        'For an offline node: tells the cluster the node is safely down, as if it had been fenced (`stonith_admin --confirm`), so its resources can start elsewhere. ' +
        'Only do that when the node is really powered off: if it still runs its resources, they will run twice and data can be corrupted. Asks first.',
      args: [{ ...NODE, optional: true }],
      examples: ['clearstate node2'],
      run: clearstate,
    },
    {
      name: 'delete',
      summary: 'remove a node from the cluster and the CIB (asks first)',
      usage: 'delete <node>',
      help: 'On the running cluster: `crm_node --force --remove <node>`, then whatever is left of the node in the CIB is deleted. A node still active in the cluster is refused (stop its cluster services first) unless --force is given. On a CIB file or sandbox: only the CIB entries.',
      args: [NODE],
      examples: ['delete node3'],
      run: deleteNode,
    },
    {
      name: 'server',
      summary: 'print the address of nodes (a remote node\'s server, else its name)',
      usage: 'server [<node>...]',
      args: [{ ...NODE, optional: true, repeat: true }],
      examples: ['server', 'server remote1'],
      run: server,
    },
  ],
};
