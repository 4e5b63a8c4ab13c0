/**
 * The typed cluster status model, decoded from `crm_mon --output-as=xml`
 * (src/pacemaker/crm-mon.ts). It is what `hash status --output-as=json`
 * prints (documented in docs/status.md) and what the ink view renders; the
 * raw XML never reaches the UI.
 *
 * Values keep crm_mon's spelling where it is meaningful to operators (roles
 * such as `Promoted`, times such as `Thu Jun  1 08:20:47 2017`); booleans and
 * numbers are decoded.
 *
 * @example
 *   const r = parseCrmMonXml(xml);
 *   if (r.ok) r.status.nodes.filter((n) => n.state === 'standby').map((n) => n.name);
 */

/** Schema version of the JSON model; bumped on incompatible changes. */
export const STATUS_MODEL_VERSION = 1;

export interface ClusterStatus {
  /** always STATUS_MODEL_VERSION */
  version: number;
  summary: ClusterSummary;
  nodes: NodeStatus[];
  /** top-level resources in crm_mon's order; groups, clones and bundles carry their children */
  resources: ResourceStatus[];
  /** failed resource actions ("Failed Resource Actions") */
  failures: FailedAction[];
  /** per node and resource: fail counts, migration threshold, operation history */
  history: NodeHistory[];
  fencing: FenceEvent[];
  tickets: Ticket[];
  /** negative location constraints (crm_mon -L); `cli-ban-*` ones were left by ban/move */
  bans: Ban[];
  /**
   * The location constraints that ban and move left in the CIB (`cli-ban-*`,
   * `cli-prefer-*`): they pin resources until cleared. Read from the CIB's
   * constraints (crm_mon reports no positive ones); absent when they could
   * not be read.
   */
  leftovers?: LeftoverConstraint[];
  /**
   * Set on a sandbox (CIB_shadow): `nodes` and `resources` are crm_simulate's
   * prediction once the cluster has acted, and `actions` what it would do.
   */
  predicted?: { actions: PlannedAction[] };
}

/** An action the scheduler would take (crm_simulate), e.g. start web on n1. */
export interface PlannedAction {
  action: string;
  resource: string;
  node?: string;
  role?: string;
  reason?: string;
  blocked: boolean;
}

export interface ClusterSummary {
  /** corosync, or unknown (e.g. on a CIB file) */
  stack: string;
  dc: { present: boolean; name?: string; id?: string; version?: string; withQuorum?: boolean; mixedVersion?: boolean };
  lastUpdate?: string;
  lastChange?: { time: string; user?: string; client?: string; origin?: string };
  nodesConfigured: number;
  resourcesConfigured: number;
  resourcesDisabled: number;
  resourcesBlocked: number;
  options: {
    stonithEnabled: boolean;
    symmetricCluster: boolean;
    noQuorumPolicy: string;
    maintenanceMode: boolean;
    stopAllResources: boolean;
  };
}

/**
 * One word for how a node is, in the order crm_mon decides it (unclean wins
 * over pending, pending over standby, …).
 */
export type NodeState =
  | 'online'
  | 'offline'
  | 'standby'
  | 'standby-with-resources'
  | 'standby-onfail'
  | 'maintenance'
  | 'pending'
  | 'unclean'
  | 'shutdown';

/** member: a corosync node; remote: pacemaker_remote; guest: a remote node inside a VM/container resource */
export type NodeKind = 'member' | 'remote' | 'guest' | 'ping' | 'unknown';

export interface NodeStatus {
  name: string;
  id: string;
  kind: NodeKind;
  state: NodeState;
  online: boolean;
  standby: boolean;
  standbyOnFail: boolean;
  maintenance: boolean;
  pending: boolean;
  unclean: boolean;
  shutdown: boolean;
  expectedUp: boolean;
  isDc: boolean;
  /** green, yellow or red */
  health: string;
  resourcesRunning: number;
  /** the resource that provides a guest/remote node (its connection or container) */
  resource?: string;
  featureSet?: string;
  /** transient and permanent node attributes crm_mon shows (e.g. ping scores, master-*) */
  attributes: NodeAttribute[];
}

export interface NodeAttribute {
  name: string;
  value: string;
  /** the value the attribute is expected to have (ping: expected score), when crm_mon knows it */
  expected?: string;
}

interface ResourceBase {
  id: string;
  /** resource instances can be `managed: false` (unmanaged) */
  managed: boolean;
  /** target-role Stopped (or a disabled container) */
  disabled: boolean;
  failed: boolean;
}

/** A primitive (one instance, inside a clone possibly one of many with the same id). */
export interface PrimitiveStatus extends ResourceBase {
  type: 'primitive';
  /** class:provider:type, e.g. ocf:heartbeat:IPaddr2 */
  agent: string;
  /** Started, Stopped, Promoted, Unpromoted, Starting, Stopping, Migrating, … */
  role: string;
  targetRole?: string;
  active: boolean;
  orphaned: boolean;
  blocked: boolean;
  failureIgnored: boolean;
  /** a live migration is in progress (role Migrating, or active on two nodes while migrating) */
  migrating: boolean;
  /** the operation in flight (e.g. Monitoring), when crm_mon records pending ops */
  pending?: string;
  /** shutdown-lock: the node this stopped resource is locked to */
  lockedTo?: string;
  /** names of the nodes it is active on (two or more: multi-active) */
  nodes: string[];
}

export interface GroupStatus extends ResourceBase {
  type: 'group';
  /** members in configuration order */
  children: PrimitiveStatus[];
}

export interface CloneStatus extends ResourceBase {
  type: 'clone';
  /** promotable (multi-state, `ms` in crm) */
  promotable: boolean;
  unique: boolean;
  failureIgnored: boolean;
  targetRole?: string;
  /** one entry per instance: primitives, or groups for a cloned group */
  children: Array<PrimitiveStatus | GroupStatus>;
}

export interface BundleStatus extends ResourceBase {
  type: 'bundle';
  /** docker, podman or rkt */
  container: string;
  image: string;
  unique: boolean;
  replicas: BundleReplica[];
}

export interface BundleReplica {
  /** replica number as crm_mon gives it ("0", "1", …) */
  id: string;
  /** the resource inside the container, when the bundle has one */
  resource?: PrimitiveStatus;
  /** the container resource (ocf:heartbeat:docker/podman/rkt) */
  containerResource?: PrimitiveStatus;
  /** the IP address resource, when the bundle assigns addresses */
  ip?: PrimitiveStatus;
  /** the pacemaker_remote connection into the container */
  remote?: PrimitiveStatus;
  /** all of the above, in crm_mon's order */
  children: PrimitiveStatus[];
}

export type ResourceStatus = PrimitiveStatus | GroupStatus | CloneStatus | BundleStatus;

export interface FailedAction {
  /** e.g. rsc_monitor_10000 */
  opKey: string;
  /** the resource id (parsed from op_key) */
  resource: string;
  node: string;
  task: string;
  /** interval in ms (0 for one-shot operations) */
  interval: number;
  exitCode: number;
  /** crm_mon's text for the exit code, e.g. "not running" */
  exitStatus: string;
  exitReason: string;
  /** execution status: complete, Error, Timed Out, Not installed, … */
  status: string;
  call: number;
  lastRcChange?: string;
  /** ms */
  queued?: number;
  /** ms */
  exec?: number;
}

export interface NodeHistory {
  node: string;
  resources: ResourceHistory[];
}

export interface ResourceHistory {
  id: string;
  orphan: boolean;
  /** INFINITY is 1000000, as in Pacemaker scores */
  failCount?: number;
  migrationThreshold?: number;
  lastFailure?: string;
  operations: OperationHistory[];
}

export interface OperationHistory {
  call: number;
  task: string;
  rc: number;
  rcText: string;
  /** ms; 0 for one-shot operations */
  interval: number;
  lastRcChange?: string;
  /** ms */
  execTime?: number;
  /** ms */
  queueTime?: number;
}

export interface FenceEvent {
  /** success, failed or pending */
  status: string;
  action: string;
  target: string;
  client: string;
  origin: string;
  delegate?: string;
  completed?: string;
  exitReason?: string;
  extendedStatus?: string;
}

export interface Ticket {
  id: string;
  granted: boolean;
  standby: boolean;
  lastGranted?: string;
}

export interface Ban {
  id: string;
  resource: string;
  node: string;
  weight: number;
  promotedOnly: boolean;
  /** left behind by `crm_resource --ban/--move` (or hash/crm resource ban/move): pins the resource until cleared */
  leftover: boolean;
}

/** A constraint left by `crm_resource --ban` (kind ban) or `--move` (kind move), or hash/crm resource ban/move. */
export interface LeftoverConstraint {
  id: string;
  kind: 'ban' | 'move';
  resource: string;
  /** the node it is banned from or moved to */
  node: string;
  /** the role it applies to (e.g. Promoted for a ban of the promoted role only) */
  role?: string;
  /** the end of its lifetime (crm_resource --lifetime), as the CIB has it; absent: until cleared */
  until?: string;
}

/** Visit every resource of the tree, parents before children. */
export function* walkResources(list: readonly ResourceStatus[]): Generator<ResourceStatus> {
  for (const r of list) {
    yield r;
    if (r.type === 'group') yield* r.children;
    else if (r.type === 'clone') yield* walkResources(r.children);
    else if (r.type === 'bundle') for (const rep of r.replicas) yield* rep.children;
  }
}

/** Every primitive instance in the tree (the "resource instances" crm_mon counts). */
export function primitives(list: readonly ResourceStatus[]): PrimitiveStatus[] {
  const out: PrimitiveStatus[] = [];
  for (const r of walkResources(list)) if (r.type === 'primitive') out.push(r);
  return out;
}
