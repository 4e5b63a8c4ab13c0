/**
 * crm_mon, wrapped: run `crm_mon --output-as=xml` on a target and decode its
 * XML into the typed model of src/pacemaker/status-model.ts. This is the only
 * code that knows crm_mon's XML vocabulary (Pacemaker's
 * /usr/share/pacemaker/api/crm_mon-*.rng).
 *
 * Decoding never throws: unexpected XML gives `{ ok: false, error }`, and
 * unknown elements or attributes are ignored so a newer Pacemaker still shows.
 *
 * @example
 *   const r = await crmMon(ctx.executor, ctx.target);
 *   if (r.ok) console.log(r.status.summary.dc.name);
 *   else console.error(r.error); // e.g. "crm_mon: Not connected (102): …"
 */
import { readFile } from 'node:fs/promises';
import { parseXml, child, children, type XmlElement, scanXml } from '../cib/xml.js';
import { targetEnv, type CibTarget } from '../cib/target.js';
import type { Executor } from '../exec/types.js';
import {
  STATUS_MODEL_VERSION,
  type Ban,
  type BundleReplica,
  type BundleStatus,
  type CloneStatus,
  type ClusterStatus,
  type ClusterSummary,
  type FailedAction,
  type FenceEvent,
  type GroupStatus,
  type LeftoverConstraint,
  type NodeAttribute,
  type NodeHistory,
  type NodeKind,
  type NodeState,
  type NodeStatus,
  type OperationHistory,
  type PlannedAction,
  type PrimitiveStatus,
  type ResourceStatus,
  type Ticket,
} from './status-model.js';

export type CrmMonResult =
  | { ok: true; status: ClusterStatus; argv: readonly string[] }
  | { ok: false; error: string; argv: readonly string[]; code?: number };

/** The argv `hash status` runs: XML output implies one shot, and XML includes every section. */
export const CRM_MON_ARGV: readonly string[] = ['crm_mon', '--output-as=xml'];

/**
 * Run crm_mon on `target` and decode its output.
 *
 * @example
 *   const r = await crmMon(new LocalExecutor(), { kind: 'file', path: '/tmp/cib.xml' });
 */
export async function crmMon(executor: Executor, target: CibTarget, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<CrmMonResult> {
  const argv = CRM_MON_ARGV;
  let res;
  try {
    res = await executor.exec(argv, { env: targetEnv(target), timeoutMs: opts.timeoutMs ?? 30_000, signal: opts.signal });
  } catch (e) {
    return { ok: false, argv, error: `crm_mon: ${e instanceof Error ? e.message : String(e)}` };
  }
  // crm_mon reports failures (e.g. "Not connected") inside its XML too; prefer that message
  if (res.stdout.includes('<pacemaker-result')) {
    const parsed = parseCrmMonXml(res.stdout);
    if (parsed.ok) return { ...parsed, argv };
    return { ok: false, argv, code: res.code, error: parsed.error };
  }
  const why = res.stderr.trim().split('\n').filter(Boolean).slice(-2).join(' | ') || `exited with code ${res.code}`;
  return { ok: false, argv, code: res.code, error: `crm_mon: ${why}` };
}

const bool = (v: string | undefined): boolean => v === 'true' || v === '1' || v === 'yes';
const int = (v: string | undefined, dflt = 0): number => {
  if (v === undefined) return dflt;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : dflt;
};
/** "60000ms" → 60000 */
const ms = (v: string | undefined): number | undefined => (v === undefined ? undefined : int(v.replace(/ms$/, '')));
const opt = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

/**
 * Decode crm_mon's XML into the model.
 *
 * @example
 *   const r = parseCrmMonXml(readFileSync('test/fixtures/crm_mon/clone-anon-probe-1.xml', 'utf8'));
 *   r.ok && r.status.resources[0]?.type; // 'clone'
 */
export function parseCrmMonXml(text: string): { ok: true; status: ClusterStatus } | { ok: false; error: string } {
  let root: XmlElement | undefined = scanXml(text);
  if (root === undefined) {
    try {
      root = parseXml(text);
    } catch (e) {
      return { ok: false, error: `crm_mon output is not XML: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  if (root.name !== 'pacemaker-result' && root.name !== 'crm_mon') {
    return { ok: false, error: `crm_mon output has an unexpected root <${root.name}>` };
  }
  const st = child(root, 'status');
  const summaryEl = child(root, 'summary');
  if (st !== undefined && st.attrs.code !== undefined && st.attrs.code !== '0') {
    const errs = children(child(st, 'errors') ?? { name: '', attrs: {}, children: [] }, 'error')
      .map((e) => e.text ?? '')
      .filter(Boolean);
    return { ok: false, error: `crm_mon: ${st.attrs.message ?? 'failed'} (${st.attrs.code})${errs.length ? `: ${errs.join(' | ')}` : ''}` };
  }
  if (summaryEl === undefined) {
    // crm_mon 2.1 exits 0 when it cannot connect to the CIB (e.g. a CIB file that is gone), saying why only in <errors>
    const errs = children(child(st ?? empty, 'errors') ?? empty, 'error')
      .map((e) => e.text ?? '')
      .filter(Boolean);
    if (errs.length > 0) return { ok: false, error: `crm_mon: ${errs.join(' | ')}` };
    // while the cluster starts or stops, crm_mon reports only pacemakerd's state
    const pcmkd = child(root, 'pacemakerd')?.attrs.state;
    return { ok: false, error: pcmkd !== undefined ? `pacemakerd is ${pcmkd}, no cluster status yet` : 'crm_mon output has no <summary>' };
  }

  const nodes = children(child(root, 'nodes') ?? empty, 'node').map(decodeNode);
  const attrs = new Map<string, NodeAttribute[]>();
  for (const n of children(child(root, 'node_attributes') ?? empty, 'node')) {
    attrs.set(
      n.attrs.name ?? '',
      children(n, 'attribute').map((a) => ({ name: a.attrs.name ?? '', value: a.attrs.value ?? '', ...(a.attrs.expected !== undefined ? { expected: a.attrs.expected } : {}) })),
    );
  }
  for (const n of nodes) n.attributes = attrs.get(n.name) ?? [];

  const status: ClusterStatus = {
    version: STATUS_MODEL_VERSION,
    summary: decodeSummary(summaryEl),
    nodes,
    resources: decodeResourceList(child(root, 'resources') ?? empty),
    failures: children(child(root, 'failures') ?? empty, 'failure').map(decodeFailure),
    history: children(child(root, 'node_history') ?? empty, 'node').map(decodeHistory),
    fencing: children(child(root, 'fence_history') ?? empty, 'fence_event').map(decodeFence),
    tickets: children(child(root, 'tickets') ?? empty, 'ticket').map(decodeTicket),
    bans: children(child(root, 'bans') ?? empty, 'ban').map(decodeBan),
  };
  return { ok: true, status };
}

const empty: XmlElement = { name: '', attrs: {}, children: [] };

export { scanXml };

function decodeSummary(s: XmlElement): ClusterSummary {
  const dc = child(s, 'current_dc')?.attrs ?? {};
  const lc = child(s, 'last_change')?.attrs;
  const rc = child(s, 'resources_configured')?.attrs ?? {};
  const o = child(s, 'cluster_options')?.attrs ?? {};
  const present = bool(dc.present);
  return {
    stack: child(s, 'stack')?.attrs.type ?? 'unknown',
    dc: present
      ? {
          present,
          ...(dc.name !== undefined ? { name: dc.name } : {}),
          ...(dc.id !== undefined ? { id: dc.id } : {}),
          ...(dc.version !== undefined ? { version: dc.version } : {}),
          withQuorum: bool(dc.with_quorum),
          mixedVersion: bool(dc.mixed_version),
        }
      : { present },
    ...(child(s, 'last_update')?.attrs.time !== undefined ? { lastUpdate: child(s, 'last_update')!.attrs.time } : {}),
    ...(opt(lc?.time) !== undefined && lc !== undefined
      ? { lastChange: { time: lc.time!, ...(opt(lc.user) ? { user: lc.user } : {}), ...(opt(lc.client) ? { client: lc.client } : {}), ...(opt(lc.origin) ? { origin: lc.origin } : {}) } }
      : {}),
    nodesConfigured: int(child(s, 'nodes_configured')?.attrs.number),
    resourcesConfigured: int(rc.number),
    resourcesDisabled: int(rc.disabled),
    resourcesBlocked: int(rc.blocked),
    options: {
      // crm_mon omits cluster_options on very old schemas; Pacemaker's defaults then apply
      stonithEnabled: o['stonith-enabled'] === undefined ? true : bool(o['stonith-enabled']),
      symmetricCluster: o['symmetric-cluster'] === undefined ? true : bool(o['symmetric-cluster']),
      noQuorumPolicy: o['no-quorum-policy'] ?? 'stop',
      maintenanceMode: bool(o['maintenance-mode']),
      stopAllResources: bool(o['stop-all-resources']),
    },
  };
}

/** The same precedence as Pacemaker's node status text (pcmk__node_status / crm_mon -1). */
function nodeState(a: Record<string, string>): NodeState {
  const online = bool(a.online);
  if (bool(a.unclean)) return 'unclean';
  if (bool(a.pending)) return 'pending';
  if (bool(a.standby_onfail) && online) return 'standby-onfail';
  if (bool(a.standby)) return online ? (int(a.resources_running) > 0 ? 'standby-with-resources' : 'standby') : 'offline';
  if (bool(a.maintenance)) return online ? 'maintenance' : 'offline';
  if (online && bool(a.shutdown)) return 'shutdown';
  return online ? 'online' : 'offline';
}

function decodeNode(n: XmlElement): NodeStatus {
  const a = n.attrs;
  const type = a.type ?? 'unknown';
  const resource = a.id_as_resource ?? a.container_id;
  // a remote node run by a container or VM resource is a guest node (crm_mon: GuestOnline)
  const kind: NodeKind = type === 'remote' ? (resource !== undefined ? 'guest' : 'remote') : type === 'member' || type === 'ping' ? type : 'unknown';
  return {
    name: a.name ?? '',
    id: a.id ?? '',
    kind,
    state: nodeState(a),
    online: bool(a.online),
    standby: bool(a.standby),
    standbyOnFail: bool(a.standby_onfail),
    maintenance: bool(a.maintenance),
    pending: bool(a.pending),
    unclean: bool(a.unclean),
    shutdown: bool(a.shutdown),
    expectedUp: bool(a.expected_up),
    isDc: bool(a.is_dc),
    health: a.health ?? 'green',
    resourcesRunning: int(a.resources_running),
    ...(resource !== undefined ? { resource } : {}),
    ...(a.feature_set !== undefined ? { featureSet: a.feature_set } : {}),
    attributes: [],
  };
}

function decodeResourceList(el: XmlElement): ResourceStatus[] {
  const out: ResourceStatus[] = [];
  for (const c of el.children) {
    const r = decodeResource(c);
    if (r) out.push(r);
  }
  return out;
}

function decodeResource(el: XmlElement): ResourceStatus | undefined {
  switch (el.name) {
    case 'resource':
      return decodePrimitive(el);
    case 'group':
      return decodeGroup(el);
    case 'clone':
      return decodeClone(el);
    case 'bundle':
      return decodeBundle(el);
    default:
      return undefined;
  }
}

const isStoppedRole = (r: string | undefined): boolean => r !== undefined && r.toLowerCase() === 'stopped';

function decodePrimitive(el: XmlElement): PrimitiveStatus {
  const a = el.attrs;
  const role = a.role ?? 'Unknown';
  const nodes = children(el, 'node').map((n) => n.attrs.name ?? '');
  return {
    type: 'primitive',
    id: a.id ?? '',
    agent: a.resource_agent ?? '',
    role,
    ...(a.target_role !== undefined ? { targetRole: a.target_role } : {}),
    active: bool(a.active),
    orphaned: bool(a.orphaned),
    blocked: bool(a.blocked),
    managed: a.managed === undefined ? true : bool(a.managed),
    failed: bool(a.failed),
    failureIgnored: bool(a.failure_ignored),
    disabled: isStoppedRole(a.target_role),
    migrating: role === 'Migrating',
    ...(a.pending !== undefined ? { pending: a.pending } : {}),
    ...(a.locked_to !== undefined ? { lockedTo: a.locked_to } : {}),
    nodes,
  };
}

function decodeGroup(el: XmlElement): GroupStatus {
  const a = el.attrs;
  return {
    type: 'group',
    id: a.id ?? '',
    managed: a.managed === undefined ? true : bool(a.managed),
    disabled: bool(a.disabled),
    failed: false,
    children: children(el, 'resource').map(decodePrimitive),
  };
}

function decodeClone(el: XmlElement): CloneStatus {
  const a = el.attrs;
  const kids: Array<PrimitiveStatus | GroupStatus> = [];
  for (const c of el.children) {
    if (c.name === 'resource') kids.push(decodePrimitive(c));
    else if (c.name === 'group') kids.push(decodeGroup(c));
  }
  return {
    type: 'clone',
    id: a.id ?? '',
    promotable: bool(a.multi_state),
    unique: bool(a.unique),
    managed: a.managed === undefined ? true : bool(a.managed),
    disabled: bool(a.disabled) || isStoppedRole(a.target_role),
    failed: bool(a.failed),
    failureIgnored: bool(a.failure_ignored),
    ...(a.target_role !== undefined ? { targetRole: a.target_role } : {}),
    children: kids,
  };
}

const CONTAINER_AGENT = /^ocf:heartbeat:(docker|podman|rkt)$/;

function decodeBundle(el: XmlElement): BundleStatus {
  const a = el.attrs;
  const bundleId = a.id ?? '';
  const replicas: BundleReplica[] = children(el, 'replica').map((rep) => {
    const kids = children(rep, 'resource').map(decodePrimitive);
    const r: BundleReplica = { id: rep.attrs.id ?? '', children: kids };
    for (const p of kids) {
      // crm_mon names the parts by their ids: <bundle>-<container>-N, <bundle>-ip-…-N, <bundle>-N (remote)
      if (CONTAINER_AGENT.test(p.agent)) r.containerResource = p;
      else if (p.agent === 'ocf:pacemaker:remote') r.remote = p;
      else if (p.agent === 'ocf:heartbeat:IPaddr2' && p.id.startsWith(`${bundleId}-ip-`)) r.ip = p;
      else r.resource = p;
    }
    return r;
  });
  return {
    type: 'bundle',
    id: bundleId,
    container: a.type ?? '',
    image: a.image ?? '',
    unique: bool(a.unique),
    managed: a.managed === undefined ? true : bool(a.managed),
    failed: bool(a.failed),
    disabled: replicas.length > 0 && replicas.every((r) => r.children.every((c) => c.disabled)),
    replicas,
  };
}

function decodeFailure(el: XmlElement): FailedAction {
  const a = el.attrs;
  const opKey = a.op_key ?? a.id ?? '';
  const task = a.task ?? '';
  // op_key is <rsc>_<task>_<interval>; ids may contain underscores, and so may two tasks
  const m = /^(.+)_(migrate_to|migrate_from)_(\d+)$/.exec(opKey) ?? /^(.+)_([^_]+)_(\d+)$/.exec(opKey);
  const resource = m?.[1] ?? opKey;
  return {
    opKey,
    resource,
    node: a.node ?? '',
    task: task || (m?.[2] ?? ''),
    interval: a.interval !== undefined ? (ms(a.interval) ?? 0) : int(m?.[3]),
    exitCode: int(a.exitcode),
    exitStatus: a.exitstatus ?? '',
    // crm_mon writes "none" when the agent gave no reason
    exitReason: a.exitreason === undefined || a.exitreason === 'none' ? '' : a.exitreason,
    status: a.status ?? '',
    call: int(a.call),
    ...(a['last-rc-change'] !== undefined ? { lastRcChange: a['last-rc-change'] } : {}),
    ...(a.queued !== undefined ? { queued: int(a.queued) } : {}),
    ...(a.exec !== undefined ? { exec: int(a.exec) } : {}),
  };
}

function decodeHistory(el: XmlElement): NodeHistory {
  return {
    node: el.attrs.name ?? '',
    resources: children(el, 'resource_history').map((r) => {
      const a = r.attrs;
      return {
        id: a.id ?? '',
        orphan: bool(a.orphan),
        ...(a['fail-count'] !== undefined ? { failCount: a['fail-count'] === 'INFINITY' ? 1_000_000 : int(a['fail-count']) } : {}),
        ...(a['migration-threshold'] !== undefined ? { migrationThreshold: int(a['migration-threshold']) } : {}),
        ...(a['last-failure'] !== undefined ? { lastFailure: a['last-failure'] } : {}),
        operations: children(r, 'operation_history').map(decodeOperation),
      };
    }),
  };
}

function decodeOperation(el: XmlElement): OperationHistory {
  const a = el.attrs;
  const execTime = ms(a['exec-time']);
  const queueTime = ms(a['queue-time']);
  return {
    call: int(a.call),
    task: a.task ?? '',
    rc: int(a.rc),
    rcText: a.rc_text ?? '',
    interval: ms(a.interval) ?? 0,
    ...(a['last-rc-change'] !== undefined ? { lastRcChange: a['last-rc-change'] } : {}),
    ...(execTime !== undefined ? { execTime } : {}),
    ...(queueTime !== undefined ? { queueTime } : {}),
  };
}

function decodeFence(el: XmlElement): FenceEvent {
  const a = el.attrs;
  return {
    status: a.status ?? '',
    action: a.action ?? '',
    target: a.target ?? '',
    client: a.client ?? '',
    origin: a.origin ?? '',
    ...(opt(a.delegate) ? { delegate: a.delegate } : {}),
    ...(opt(a.completed) ? { completed: a.completed } : {}),
    ...(opt(a['exit-reason']) ? { exitReason: a['exit-reason'] } : {}),
    ...(opt(a['extended-status']) ? { extendedStatus: a['extended-status'] } : {}),
  };
}

function decodeTicket(el: XmlElement): Ticket {
  const a = el.attrs;
  return { id: a.id ?? '', granted: a.status === 'granted', standby: bool(a.standby), ...(a['last-granted'] !== undefined ? { lastGranted: a['last-granted'] } : {}) };
}

function decodeBan(el: XmlElement): Ban {
  const a = el.attrs;
  const id = a.id ?? '';
  return {
    id,
    resource: a.resource ?? '',
    node: a.node ?? '',
    weight: a.weight === '-INFINITY' ? -1_000_000 : int(a.weight),
    promotedOnly: bool(a['promoted-only'] ?? a.master_only),
    leftover: id.startsWith('cli-ban-') || id.startsWith('cli-prefer-'),
  };
}

/**
 * The location constraints ban and move left behind (`cli-ban-*`,
 * `cli-prefer-*`), from the target's constraints section; undefined when it
 * cannot be read. crm_mon reports only negative constraints, so moves (which
 * pin a resource to a node) are found here.
 *
 * @example
 *   await leftoverConstraints(ex, target); // [{ id: 'cli-prefer-web', kind: 'move', resource: 'web', node: 'n2' }]
 */
export async function leftoverConstraints(executor: Executor, target: CibTarget, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<LeftoverConstraint[] | undefined> {
  let text: string;
  // a local CIB file is read directly (what cibadmin would read), sparing a process; anything else through cibadmin
  if (target.kind === 'file' && executor.target === 'local' && !target.path.endsWith('.bz2')) {
    try {
      return parseLeftovers(await readFile(target.path, 'utf8'));
    } catch {
      return undefined;
    }
  }
  try {
    const r = await executor.exec(['cibadmin', '--query', '--scope', 'constraints'], { env: targetEnv(target), timeoutMs: opts.timeoutMs ?? 15_000, signal: opts.signal });
    if (r.code !== 0) return undefined;
    text = r.stdout;
  } catch {
    return undefined;
  }
  return parseLeftovers(text);
}

/** The `cli-ban-*` / `cli-prefer-*` location constraints of a constraints section (or a whole CIB) as text. */
export function parseLeftovers(text: string): LeftoverConstraint[] | undefined {
  // most clusters have none: skip the parse
  if (!text.includes('"cli-ban-') && !text.includes('"cli-prefer-')) return text.includes('<constraints') ? [] : undefined;
  let root = scanXml(text);
  if (root === undefined) {
    try {
      root = parseXml(text);
    } catch {
      return undefined;
    }
  }
  const out: LeftoverConstraint[] = [];
  const visit = (el: XmlElement): void => {
    for (const c of el.children) {
      const id = c.attrs.id ?? '';
      if (c.name === 'rsc_location' && (id.startsWith('cli-ban-') || id.startsWith('cli-prefer-'))) {
        // with --lifetime the node is in a rule: #uname eq NODE, and the end in a date expression
        const rule = child(c, 'rule');
        const expr = rule !== undefined ? children(rule, 'expression').find((e) => e.attrs.attribute === '#uname') : undefined;
        const until = rule !== undefined ? children(rule, 'date_expression').find((d) => d.attrs.end !== undefined)?.attrs.end : undefined;
        out.push({
          id,
          kind: id.startsWith('cli-ban-') ? 'ban' : 'move',
          resource: c.attrs.rsc ?? '',
          node: c.attrs.node ?? expr?.attrs.value ?? '',
          ...(c.attrs.role !== undefined && c.attrs.role !== 'Started' ? { role: c.attrs.role } : {}),
          ...(until !== undefined ? { until } : {}),
        });
      } else if (c.name === 'constraints' || c.name === 'configuration') visit(c);
    }
  };
  if (root.name === 'constraints') visit({ name: '', attrs: {}, children: [root] });
  else visit(root);
  return out;
}

/**
 * The status `hash status` shows: crm_mon's (or, on a sandbox, crm_simulate's
 * prediction), with the constraints ban/move left behind read beside it
 * (both at once, so it costs no extra wall time).
 *
 * @example
 *   const r = await readClusterStatus(ctx.executor, ctx.target, { predicted: false });
 */
export async function readClusterStatus(executor: Executor, target: CibTarget, opts: { predicted?: boolean; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<CrmMonResult> {
  const [mon, leftovers] = await Promise.all([(opts.predicted ? crmMonPredicted : crmMon)(executor, target, opts), leftoverConstraints(executor, target, opts)]);
  if (!mon.ok || leftovers === undefined) return mon;
  return { ...mon, status: { ...mon.status, leftovers } };
}

/**
 * The cluster-name property (shown in the status header), or undefined when
 * it is not set or cannot be read. crm_mon 2.1 does not report it.
 *
 * @example
 *   await clusterName(ctx.executor, ctx.target); // 'nscluster'
 */
export async function clusterName(executor: Executor, target: CibTarget, opts: { timeoutMs?: number } = {}): Promise<string | undefined> {
  try {
    const r = await executor.exec(['crm_attribute', '--type', 'crm_config', '--name', 'cluster-name', '--query', '--quiet'], {
      env: targetEnv(target),
      timeoutMs: opts.timeoutMs ?? 10_000,
    });
    const v = r.stdout.trim();
    return r.code === 0 && v !== '' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The CIB configuration section, for the details pane (parameters, meta,
 * operations, constraints). Undefined when it cannot be read.
 *
 * @example
 *   const conf = await cibConfiguration(ctx.executor, ctx.target);
 */
export async function cibConfiguration(executor: Executor, target: CibTarget, opts: { timeoutMs?: number } = {}): Promise<XmlElement | undefined> {
  try {
    const r = await executor.exec(['cibadmin', '--query', '--scope', 'configuration'], { env: targetEnv(target), timeoutMs: opts.timeoutMs ?? 15_000 });
    if (r.code !== 0) return undefined;
    return parseXml(r.stdout);
  } catch {
    return undefined;
  }
}

/** Allocation score of one resource on each node, from `crm_simulate --show-scores` (last score wins, as the scheduler's final pass). */
export type AllocationScores = Map<string, Map<string, string>>;

/** Decode `crm_simulate -s` output: `<fn>: <rsc> allocation score on <node>: <score>`. */
export function parseAllocationScores(text: string): AllocationScores {
  const out: AllocationScores = new Map();
  for (const line of text.split('\n')) {
    const m = /^\S+: (\S+) allocation score on (\S+): (\S+)\s*$/.exec(line);
    if (!m) continue;
    const [, rsc, node, score] = m as unknown as [string, string, string, string];
    let per = out.get(rsc);
    if (per === undefined) out.set(rsc, (per = new Map()));
    per.set(node, score);
  }
  return out;
}

/** The CIB of `target` as XML text (`cibadmin --query`), or undefined. */
async function queryCib(executor: Executor, target: CibTarget, opts: { timeoutMs?: number; signal?: AbortSignal }): Promise<string | undefined> {
  try {
    const r = await executor.exec(['cibadmin', '--query'], { env: targetEnv(target), timeoutMs: opts.timeoutMs ?? 15_000, signal: opts.signal });
    return r.code === 0 ? r.stdout : undefined;
  } catch {
    return undefined;
  }
}

/**
 * crm_simulate on a copy of the target's CIB, given on stdin. Never with
 * --live-check: with --simulate on a CIB file or sandbox, crm_simulate writes
 * the simulated state back into that file.
 */
async function simulate(executor: Executor, target: CibTarget, args: readonly string[], opts: { timeoutMs?: number; signal?: AbortSignal }): Promise<string | undefined> {
  const cib = await queryCib(executor, target, opts);
  if (cib === undefined) return undefined;
  try {
    const r = await executor.exec(['crm_simulate', '--xml-pipe', ...args], {
      stdin: cib,
      env: targetEnv({ kind: 'live' }),
      timeoutMs: opts.timeoutMs ?? 60_000,
      signal: opts.signal,
    });
    return r.code === 0 ? r.stdout : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ask the scheduler, without changing anything, where each resource may run
 * (`crm_simulate --show-scores` on the target's CIB).
 */
export async function allocationScores(executor: Executor, target: CibTarget, opts: { timeoutMs?: number } = {}): Promise<AllocationScores | undefined> {
  const out = await simulate(executor, target, ['--show-scores'], opts);
  return out === undefined ? undefined : parseAllocationScores(out);
}


/**
 * Merge crm_simulate's prediction (`--simulate --output-as=xml`) into a
 * status: nodes and resources become the revised status, and the planned
 * actions are listed. Undefined when the output has no revised status.
 */
export function applyPrediction(status: ClusterStatus, simulateXml: string): ClusterStatus | undefined {
  const root = scanXml(simulateXml) ?? (() => {
    try {
      return parseXml(simulateXml);
    } catch {
      return undefined;
    }
  })();
  const revised = root !== undefined ? child(root, 'revised_cluster_status') : undefined;
  if (root === undefined || revised === undefined) return undefined;
  const attrs = new Map(status.nodes.map((n) => [n.name, n.attributes]));
  const nodes = children(child(revised, 'nodes') ?? empty, 'node').map((n) => ({ ...decodeNode(n), attributes: attrs.get(n.attrs.name ?? '') ?? [] }));
  const actions: PlannedAction[] = children(child(root, 'actions') ?? empty, 'rsc_action').map((a) => ({
    action: a.attrs.action ?? '',
    resource: a.attrs.resource ?? '',
    ...(a.attrs.node !== undefined ? { node: a.attrs.node } : {}),
    ...(a.attrs.role !== undefined ? { role: a.attrs.role } : {}),
    ...(a.attrs.reason !== undefined ? { reason: a.attrs.reason } : {}),
    blocked: bool(a.attrs.blocked),
  }));
  return { ...status, nodes, resources: decodeResourceList(child(revised, 'resources') ?? empty), predicted: { actions } };
}

/**
 * The status of a sandbox as it will be once the cluster has acted on it:
 * crm_mon for the summary, failures and the rest, crm_simulate for nodes,
 * resources and the planned actions. Falls back to crm_mon's view, with the
 * reason, when the simulation fails.
 */
export async function crmMonPredicted(executor: Executor, target: CibTarget, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<CrmMonResult> {
  const [mon, sim] = await Promise.all([
    crmMon(executor, target, opts),
    simulate(executor, target, ['--simulate', '--output-as=xml'], opts),
  ]);
  if (!mon.ok) return mon;
  const merged = sim !== undefined ? applyPrediction(mon.status, sim) : undefined;
  return merged !== undefined ? { ok: true, status: merged, argv: mon.argv } : mon;
}
