/**
 * What tab completion knows about the cluster, read once and kept fresh
 * cheaply, so that a warm TAB runs no process:
 *  - the ids of the CIB in use (resources, constraints, tags, nodes, …):
 *    a CIB file or sandbox is re-read only when its mtime or size changes
 *    (a stat per TAB); the live CIB is read on the first TAB, then its version
 *    is re-checked in the background at most every few seconds, never making
 *    a TAB wait; `invalidate()` (after a commit) re-reads it at once;
 *  - resource agent classes, providers and agents, and the cluster options
 *    (`property` names): from crm_resource and Pacemaker's daemons once, then
 *    from a disk cache ($XDG_CACHE_HOME/hash/completion.json) keyed by the
 *    mtimes of the directories agents are installed in and of the binaries;
 *  - agent metadata: ra.ts, with its own disk cache;
 *  - sandbox names: the `shadow.*` files of the sandbox directory.
 *
 * Also here: Pacemaker's resource meta attributes and operation attributes,
 * which Pacemaker 2.1 does not print anywhere.
 *
 * @example
 *   const data = new CompletionData(ctx);
 *   (await data.cib())?.resources.map((r) => r.id); // ['vip', 'web-data', 'web-stack', …]
 *   await data.agents('ocf', 'heartbeat');          // ['IPaddr2', 'apache', …]
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { CibTarget } from '../cib/target.js';
import { child, children, type XmlElement } from '../cib/xml.js';
import type { Executor } from '../exec/types.js';
import { queryCib } from '../pacemaker/cibadmin.js';
import { queryCibVersion } from '../pacemaker/cib-version.js';
import { clusterOptions, DAEMON_DIRS, fencingOptions, type OptionInfo } from '../pacemaker/cluster-options.js';
import { agentMetadata, listAgents, listClasses, listProviders, type AgentMetadata } from '../pacemaker/ra.js';
import { listSandboxes, sandboxDir, shadowPath } from '../pacemaker/shadow.js';

// ---------------------------------------------------------------- the CIB's ids

export type ResourceKind = 'primitive' | 'group' | 'clone' | 'bundle';

export interface ResourceInfo {
  id: string;
  kind: ResourceKind;
  /** `ocf:heartbeat:IPaddr2` (primitives), `@template` when made from one */
  agent?: string;
  /** the group, clone or bundle it is in */
  parent?: string;
  /** a promotable clone (or a legacy master) */
  promotable?: boolean;
}

export interface CibIndex {
  /** every resource, nested ones too, in document order */
  resources: ResourceInfo[];
  templates: { id: string; agent?: string }[];
  constraints: { id: string; kind: string }[];
  tags: string[];
  nodes: string[];
  /** every top-level object `show` and `delete` take: id → what it is */
  objects: Map<string, string>;
  /** names of node attributes set anywhere (configuration and status) */
  nodeAttributes: string[];
  /** names of utilization attributes set anywhere */
  utilization: string[];
  /** the schema has Promoted/Unpromoted (pacemaker-3.7 and later) rather than Master/Slave */
  newRoles: boolean;
}

function agentOf(p: XmlElement): string | undefined {
  if (p.attrs.template) return `@${p.attrs.template}`;
  const { class: cls, provider, type } = p.attrs;
  if (!cls || !type) return undefined;
  return provider ? `${cls}:${provider}:${type}` : `${cls}:${type}`;
}

function isPromotable(el: XmlElement): boolean {
  if (el.name === 'master') return true;
  return children(el, 'meta_attributes').some((m) => children(m, 'nvpair').some((nv) => nv.attrs.name === 'promotable' && /^(true|yes|1|on)$/i.test(nv.attrs.value ?? '')));
}

function schemaHasNewRoles(validateWith: string | undefined): boolean {
  const m = /^pacemaker-(\d+)\.(\d+)/.exec(validateWith ?? '');
  if (!m) return true;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 3 || (major === 3 && minor >= 7);
}

const CONSTRAINT_KINDS: Record<string, string> = { rsc_location: 'location', rsc_colocation: 'colocation', rsc_order: 'order', rsc_ticket: 'rsc_ticket' };

/** Index the ids of a CIB (pure). */
export function indexCib(cib: XmlElement): CibIndex {
  const index: CibIndex = { resources: [], templates: [], constraints: [], tags: [], nodes: [], objects: new Map(), nodeAttributes: [], utilization: [], newRoles: schemaHasNewRoles(cib.attrs['validate-with']) };
  const nodeAttrs = new Set<string>();
  const util = new Set<string>();
  const nodes = new Set<string>();
  const config = child(cib, 'configuration');
  const names = (el: XmlElement | undefined, into: Set<string>): void => {
    for (const nv of el ? children(el, 'nvpair') : []) if (nv.attrs.name) into.add(nv.attrs.name);
  };
  const walkResource = (el: XmlElement, parent?: string): void => {
    const id = el.attrs.id;
    if (!id) return;
    for (const u of children(el, 'utilization')) names(u, util);
    const kind = el.name === 'master' ? 'clone' : el.name === 'template' ? 'rsc_template' : el.name;
    if (kind === 'primitive' || kind === 'group' || kind === 'clone' || kind === 'bundle' || kind === 'rsc_template') index.objects.set(id, kind);
    switch (el.name) {
      case 'primitive': {
        const agent = agentOf(el);
        index.resources.push({ id, kind: 'primitive', ...(agent ? { agent } : {}), ...(parent ? { parent } : {}) });
        break;
      }
      case 'group':
        index.resources.push({ id, kind: 'group', ...(parent ? { parent } : {}) });
        for (const c of children(el, 'primitive')) walkResource(c, id);
        break;
      case 'clone':
      case 'master':
        index.resources.push({ id, kind: 'clone', ...(isPromotable(el) ? { promotable: true } : {}) });
        for (const c of el.children) if (c.name === 'primitive' || c.name === 'group') walkResource(c, id);
        break;
      case 'bundle':
        index.resources.push({ id, kind: 'bundle' });
        for (const c of children(el, 'primitive')) walkResource(c, id);
        break;
      case 'template': {
        const agent = agentOf(el);
        index.templates.push({ id, ...(agent ? { agent } : {}) });
        return;
      }
    }
  };
  if (config) {
    for (const set of children(child(config, 'crm_config') ?? config, 'cluster_property_set')) if (set.attrs.id) index.objects.set(set.attrs.id, 'property');
    for (const n of children(child(config, 'nodes') ?? config, 'node')) {
      if (n.attrs.uname) nodes.add(n.attrs.uname);
      for (const a of children(n, 'instance_attributes')) names(a, nodeAttrs);
      for (const u of children(n, 'utilization')) names(u, util);
    }
    for (const r of child(config, 'resources')?.children ?? []) walkResource(r);
    for (const c of child(config, 'constraints')?.children ?? []) {
      const kind = CONSTRAINT_KINDS[c.name];
      if (kind && c.attrs.id) {
        index.constraints.push({ id: c.attrs.id, kind });
        index.objects.set(c.attrs.id, kind);
      }
    }
    for (const t of children(child(config, 'tags') ?? config, 'tag')) {
      if (!t.attrs.id) continue;
      index.tags.push(t.attrs.id);
      index.objects.set(t.attrs.id, 'tag');
    }
    for (const [section, what] of [['rsc_defaults', 'rsc_defaults'], ['op_defaults', 'op_defaults']] as const) {
      for (const m of child(config, section)?.children ?? []) if (m.attrs.id) index.objects.set(m.attrs.id, what);
    }
    for (const a of children(child(config, 'alerts') ?? config, 'alert')) if (a.attrs.id) index.objects.set(a.attrs.id, 'alert');
    for (const a of child(config, 'acls')?.children ?? []) if (a.attrs.id) index.objects.set(a.attrs.id, a.name.replace(/^acl_/, 'acl '));
  }
  for (const ns of children(child(cib, 'status') ?? cib, 'node_state')) {
    if (ns.attrs.uname) nodes.add(ns.attrs.uname);
    for (const ta of children(ns, 'transient_attributes')) for (const ia of children(ta, 'instance_attributes')) names(ia, nodeAttrs);
  }
  index.nodes = [...nodes];
  for (const n of index.nodes) if (!index.objects.has(n)) index.objects.set(n, 'node');
  // Pacemaker's own bookkeeping (#feature-set, fail-count-web#monitor_10000, last-failure-…) is not for people
  index.nodeAttributes = [...nodeAttrs].filter((n) => !n.includes('#') && !/^(fail-count|last-failure)-/.test(n));
  index.utilization = [...util];
  return index;
}

// ---------------------------------------------------------------- what Pacemaker does not print

export interface AttributeInfo {
  name: string;
  description: string;
  values?: readonly string[];
  default?: string;
}

const BOOL = ['true', 'false'] as const;

/** Meta attributes of every resource (Pacemaker Explained, "Resource Meta-Attributes"). */
export const RESOURCE_META: readonly AttributeInfo[] = [
  { name: 'target-role', description: 'the state the cluster keeps the resource in', values: ['Started', 'Stopped', 'Promoted', 'Unpromoted'], default: 'Started' },
  { name: 'is-managed', description: 'whether the cluster starts and stops the resource', values: BOOL, default: 'true' },
  { name: 'maintenance', description: 'do not start, stop or monitor the resource', values: BOOL, default: 'false' },
  { name: 'resource-stickiness', description: 'how much the resource prefers to stay where it is', default: '0' },
  { name: 'priority', description: 'which resources to keep active when not all can run', default: '0' },
  { name: 'critical', description: 'whether the resource counts in colocations with others', values: BOOL, default: 'true' },
  { name: 'migration-threshold', description: 'failures on a node before the resource leaves it', default: 'INFINITY' },
  { name: 'failure-timeout', description: 'forget failures after this long', default: '0' },
  { name: 'multiple-active', description: 'what to do when it is found active on more than one node', values: ['block', 'stop_only', 'stop_start', 'stop_unexpected'], default: 'stop_start' },
  { name: 'allow-migrate', description: 'move by live migration rather than stop and start', values: BOOL, default: 'false' },
  { name: 'allow-unhealthy-nodes', description: 'may run on a node whose health is red', values: BOOL, default: 'false' },
  { name: 'requires', description: 'what must hold before it starts', values: ['nothing', 'quorum', 'fencing', 'unfencing'] },
  { name: 'container-attribute-target', description: 'where node attributes of a bundled resource are read', values: ['host'] },
  { name: 'remote-node', description: 'make this resource a guest node of this name' },
  { name: 'remote-port', description: 'port of the guest node connection', default: '3121' },
  { name: 'remote-addr', description: 'address of the guest node connection' },
  { name: 'remote-connect-timeout', description: 'how long to wait for a guest node connection', default: '60s' },
  { name: 'description', description: 'a note for people' },
];

/** Meta attributes of clones and promotable clones. */
export const CLONE_META: readonly AttributeInfo[] = [
  { name: 'clone-max', description: 'how many copies to run' },
  { name: 'clone-node-max', description: 'how many copies per node', default: '1' },
  { name: 'clone-min', description: 'copies that must run before dependants start', default: '0' },
  { name: 'notify', description: 'tell every copy about starts and stops of others', values: BOOL, default: 'false' },
  { name: 'globally-unique', description: 'each copy is different', values: BOOL, default: 'false' },
  { name: 'ordered', description: 'start copies one after another', values: BOOL, default: 'false' },
  { name: 'interleave', description: 'depend on the copy on the same node only', values: BOOL, default: 'false' },
  { name: 'promotable', description: 'copies can be promoted', values: BOOL, default: 'false' },
  { name: 'promoted-max', description: 'how many copies to promote', default: '1' },
  { name: 'promoted-node-max', description: 'how many promoted copies per node', default: '1' },
];

/** Attributes of an operation (`op monitor interval=10s …`) and of op_defaults. */
export const OP_ATTRIBUTES: readonly AttributeInfo[] = [
  { name: 'interval', description: 'how often (0 for start, stop, …)', default: '0' },
  { name: 'timeout', description: 'how long before the operation counts as failed' },
  { name: 'on-fail', description: 'what to do when it fails', values: ['ignore', 'block', 'demote', 'stop', 'restart', 'standby', 'fence'] },
  { name: 'role', description: 'run it only on copies in this role', values: ['Started', 'Stopped', 'Promoted', 'Unpromoted'] },
  { name: 'enabled', description: 'false disables the operation', values: BOOL, default: 'true' },
  { name: 'record-pending', description: 'show the operation in status while it runs', values: BOOL, default: 'true' },
  { name: 'interval-origin', description: 'time a recurring operation is counted from' },
  { name: 'start-delay', description: 'wait this long before the first run (deprecated)' },
  { name: 'OCF_CHECK_LEVEL', description: 'depth of the monitor (agent-specific)', values: ['0', '10', '20'] },
  { name: 'description', description: 'a note for people' },
];

/** Actions every agent class knows, for agents whose metadata cannot be read. */
export const STANDARD_ACTIONS = ['start', 'stop', 'monitor', 'promote', 'demote', 'notify', 'reload', 'migrate_to', 'migrate_from'] as const;

/** Node attributes Pacemaker itself reads. */
export const NODE_ATTRIBUTES: readonly AttributeInfo[] = [
  { name: 'standby', description: 'the node may run no resources', values: ['on', 'off'] },
  { name: 'maintenance', description: 'resources on the node are not managed', values: BOOL },
  { name: 'site', description: 'the site of a multi-site cluster' },
];

/** Cluster options Pacemaker sets itself; not for `property`. */
const READ_ONLY_OPTIONS = new Set(['dc-version', 'cluster-infrastructure', 'have-watchdog']);

// ---------------------------------------------------------------- the data source

export interface CompletionSource {
  executor: Executor;
  /** read at every call: `cib use` changes it */
  target: CibTarget;
  env: NodeJS.ProcessEnv;
}

export interface CompletionDataOptions {
  /** the disk cache's directory; null: none. Default: $XDG_CACHE_HOME/hash for the local executor */
  cacheDir?: string | null;
  /** live CIB: re-check its version at most this often (ms) */
  recheckMs?: number;
  /** where OCF agents are installed (tests) */
  ocfPath?: string;
  /** where Pacemaker's daemons may be (tests) */
  daemonDirs?: readonly string[];
  /** the clock of the re-check interval (tests) */
  now?: () => number;
}

const OCF_RA_PATH = '/usr/lib/ocf/resource.d';
/** Directories whose contents decide the agent lists (install an agent, and one of these changes). */
const AGENT_DIRS = ['/etc/init.d', '/usr/sbin', '/lib/systemd/system', '/usr/lib/systemd/system', '/etc/systemd/system'];
const CACHE_FILE = 'completion.json';
const CACHE_VERSION = 1;

interface DiskCache {
  version: number;
  ra?: { key: string; classes?: string[]; providers?: string[]; agents: Record<string, string[]> };
  options?: { key: string; cluster: OptionInfo[]; fencing: OptionInfo[] };
  /** indexes of CIB files by path, with the stamp of the file they were made from (the latest few) */
  cibs?: Record<string, { stamp: string; index: StoredIndex }>;
}

/** CibIndex as JSON (objects as entries). */
type StoredIndex = Omit<CibIndex, 'objects'> & { objects: [string, string][] };
/** How many CIB files the disk cache remembers. */
const CACHED_CIBS = 8;

interface CibState {
  key: string;
  /** file targets: mtime:size:ino of the file the index was made from */
  stamp?: string;
  index?: CibIndex;
  /** live: "admin_epoch.epoch" of the indexed CIB */
  version?: string;
  /** when the target was last read or checked (undefined: never) */
  checkedAt?: number;
  /** a re-read in flight */
  pending?: Promise<void>;
  /** invalidate() was called: the next TAB waits for the re-read */
  stale?: boolean;
}

function targetKey(t: CibTarget): string {
  return t.kind === 'file' ? `file:${t.path}` : t.kind === 'shadow' ? `shadow:${t.dir ?? ''}:${t.name}` : 'live';
}

export class CompletionData {
  private cibState: CibState | undefined;
  private disk: DiskCache | undefined;
  private raKey: Promise<string> | undefined;
  private optionsKey: Promise<string> | undefined;
  private readonly lists = new Map<string, Promise<string[]>>();
  private options: Promise<{ cluster: OptionInfo[]; fencing: OptionInfo[] }> | undefined;
  private readonly recheckMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: CompletionSource,
    private readonly opts: CompletionDataOptions = {},
  ) {
    this.recheckMs = opts.recheckMs ?? 3000;
    this.now = opts.now ?? Date.now;
  }

  /** The CIB changed (a commit, a command that touched the cluster, another CIB in use). */
  invalidate(): void {
    const st = this.cibState;
    if (!st) return;
    st.stamp = undefined;
    if (st.key === 'live' || this.source.executor.target !== 'local') {
      st.stale = true;
      st.version = undefined;
      st.pending ??= this.refresh(st, false);
    }
    // agents may have been installed meanwhile: re-check the directories' mtimes next time
    this.raKey = undefined;
    this.lists.clear();
  }

  private get cacheDir(): string | null {
    if (this.opts.cacheDir !== undefined) return this.opts.cacheDir;
    if (this.source.executor.target !== 'local') return null;
    const xdg = this.source.env.XDG_CACHE_HOME;
    return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'hash');
  }

  /** The path of the CIB file behind a file or sandbox target, when it can be stat'ed here. */
  private localFile(t: CibTarget): string | undefined {
    if (this.source.executor.target !== 'local') return undefined;
    if (t.kind === 'file') return t.path.endsWith('.bz2') ? undefined : t.path;
    if (t.kind === 'shadow') return shadowPath(t.dir ?? sandboxDir(this.source.env), t.name);
    return undefined;
  }

  /** The ids of the CIB in use; undefined when it cannot be read. */
  async cib(): Promise<CibIndex | undefined> {
    const t = this.source.target;
    const key = targetKey(t);
    if (this.cibState?.key !== key) this.cibState = { key };
    const st = this.cibState;
    const file = this.localFile(t);
    if (file) {
      let stamp: string;
      try {
        const s = await stat(file);
        stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
      } catch {
        return undefined;
      }
      if (st.stamp !== stamp || !st.index) {
        st.index = await this.fileIndex(file, stamp);
        st.stamp = stamp;
      }
      return st.index;
    }
    // live (or remote): read once; afterwards check the version in the background
    const due = st.checkedAt === undefined || this.now() - st.checkedAt >= this.recheckMs;
    if (!st.pending && due) st.pending = this.refresh(st, st.index !== undefined);
    // a TAB waits only for the first read, or for the re-read after a commit
    if (st.pending && (!st.index || st.stale)) await st.pending;
    return st.index;
  }

  /**
   * The index of a CIB file: from the disk cache when the file is the one it
   * was made from (a new process — `hash __complete` — then parses nothing),
   * else read, indexed and remembered.
   */
  private async fileIndex(file: string, stamp: string): Promise<CibIndex | undefined> {
    const useDisk = this.cacheDir !== null;
    const disk = useDisk ? await this.loadDisk() : undefined;
    const hit = disk?.cibs?.[file];
    if (hit && hit.stamp === stamp) return { ...hit.index, objects: new Map(hit.index.objects) };
    let index: CibIndex;
    try {
      index = indexCib(await queryCib(this.source.executor, { kind: 'file', path: file }));
    } catch {
      return undefined;
    }
    if (disk) {
      // the latest few files only: drop the oldest entries
      const kept = Object.entries(disk.cibs ?? {}).filter(([p]) => p !== file).slice(-(CACHED_CIBS - 1));
      disk.cibs = Object.fromEntries([...kept, [file, { stamp, index: { ...index, objects: [...index.objects] } }]]);
      await this.saveDisk();
    }
    return index;
  }

  /**
   * Read and index the target's CIB; with `checkFirst`, only when its
   * version differs from the indexed one (a tiny query instead of the CIB).
   */
  private refresh(st: CibState, checkFirst: boolean): Promise<void> {
    return (async () => {
      try {
        if (checkFirst && st.version !== undefined) {
          const v = await queryCibVersion(this.source.executor, this.source.target);
          if (v && `${v.admin_epoch}.${v.epoch}` === st.version) return;
        }
        const cib = await queryCib(this.source.executor, this.source.target);
        st.index = indexCib(cib);
        st.version = `${cib.attrs.admin_epoch ?? 0}.${cib.attrs.epoch ?? 0}`;
      } catch {
        // no cluster: nothing to offer (a background check keeps what it had); tried again after recheckMs
        if (!checkFirst) st.index = undefined;
      } finally {
        st.checkedAt = this.now();
        st.stale = false;
        st.pending = undefined;
      }
    })();
  }

  /** Wait for a background re-read (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.cibState?.pending;
  }

  // ------------------------------------------------------------ disk cache

  private async loadDisk(): Promise<DiskCache> {
    if (this.disk) return this.disk;
    let d: DiskCache = { version: CACHE_VERSION };
    const dir = this.cacheDir;
    if (dir) {
      try {
        const parsed = JSON.parse(await readFile(join(dir, CACHE_FILE), 'utf8')) as DiskCache;
        if (parsed.version === CACHE_VERSION) d = parsed;
      } catch {
        // absent or damaged: it is only a cache
      }
    }
    this.disk = d;
    return d;
  }

  private async saveDisk(): Promise<void> {
    const dir = this.cacheDir;
    if (!dir || !this.disk) return;
    try {
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `${CACHE_FILE}.${process.pid}.tmp`);
      await writeFile(tmp, JSON.stringify(this.disk));
      await rename(tmp, join(dir, CACHE_FILE));
    } catch {
      // a read-only home must not break completion
    }
  }

  /** mtimes of everything the agent lists depend on. */
  private agentKey(): Promise<string> {
    this.raKey ??= (async () => {
      const ocf = this.opts.ocfPath ?? OCF_RA_PATH;
      let providers: string[] = [];
      try {
        providers = (await readdir(ocf)).sort();
      } catch {
        // no OCF agents
      }
      const paths = [ocf, ...providers.map((p) => join(ocf, p)), ...AGENT_DIRS, ...(await which('crm_resource', this.source.env))];
      const stamps = await Promise.all(paths.map((p) => stat(p).then((s) => `${p}@${s.mtimeMs}`, () => `${p}@-`)));
      return stamps.join('|');
    })();
    return this.raKey;
  }

  /** A list from crm_resource, from memory, the disk cache, or crm_resource itself. */
  private cachedList(name: string, fetch: () => Promise<string[]>): Promise<string[]> {
    let p = this.lists.get(name);
    if (!p) {
      p = (async () => {
        const useDisk = this.cacheDir !== null;
        const key = useDisk ? await this.agentKey() : '';
        const disk = useDisk ? await this.loadDisk() : undefined;
        if (disk && disk.ra?.key === key && disk.ra.agents[name]) return disk.ra.agents[name]!;
        let list: string[];
        try {
          list = await fetch();
        } catch {
          return [];
        }
        if (disk) {
          if (disk.ra?.key !== key) disk.ra = { key, agents: {} };
          disk.ra.agents[name] = list;
          await this.saveDisk();
        }
        return list;
      })();
      this.lists.set(name, p);
    }
    return p;
  }

  /** Resource agent classes (`ocf`, `lsb`, `service`, `stonith`, `systemd`). */
  classes(): Promise<string[]> {
    return this.cachedList(' classes', () => listClasses(this.source.executor));
  }

  /** OCF providers. */
  providers(): Promise<string[]> {
    return this.cachedList(' providers', () => listProviders(this.source.executor));
  }

  /** Agent types of a class (and OCF provider). */
  agents(cls: string, provider?: string): Promise<string[]> {
    const name = provider ? `${cls}:${provider}` : cls;
    return this.cachedList(name, () => listAgents(this.source.executor, cls, provider));
  }

  /** An agent's metadata (ra.ts caches it, in memory and on disk); null when it is not installed or unreadable. */
  async metadata(spec: string): Promise<AgentMetadata | null> {
    try {
      return await agentMetadata(this.source.executor, spec, { cacheDir: this.cacheDir, ...(this.opts.ocfPath ? { ocfPath: this.opts.ocfPath } : {}) });
    } catch {
      return null;
    }
  }

  private allOptions(): Promise<{ cluster: OptionInfo[]; fencing: OptionInfo[] }> {
    this.options ??= (async () => {
      const dirs = this.opts.daemonDirs ?? DAEMON_DIRS;
      const useDisk = this.cacheDir !== null;
      this.optionsKey ??= (async () => {
        for (const d of dirs) {
          const s = await stat(join(d, 'pacemaker-schedulerd')).catch(() => undefined);
          if (s) return `${d}@${s.mtimeMs}:${s.size}`;
        }
        return 'none';
      })();
      const key = useDisk ? await this.optionsKey : '';
      const disk = useDisk ? await this.loadDisk() : undefined;
      if (disk?.options && disk.options.key === key) return disk.options;
      const ex = this.source.executor;
      const [cluster, fencing] = await Promise.all([clusterOptions(ex, dirs).catch(() => []), fencingOptions(ex, dirs).catch(() => [])]);
      if (disk && key !== 'none') {
        disk.options = { key, cluster, fencing };
        await this.saveDisk();
      }
      return { cluster, fencing };
    })();
    return this.options;
  }

  /** Cluster options users may set with `property`, from Pacemaker's own metadata. */
  async clusterOptions(): Promise<OptionInfo[]> {
    return (await this.allOptions()).cluster.filter((o) => !READ_ONLY_OPTIONS.has(o.name));
  }

  /** The options every fencing device takes (pcmk_host_list, …). */
  async fencingOptions(): Promise<OptionInfo[]> {
    return (await this.allOptions()).fencing;
  }

  /** Names of the sandboxes (crm_shadow files) in the sandbox directory. */
  async sandboxes(): Promise<string[]> {
    const t = this.source.target;
    return listSandboxes((t.kind === 'shadow' ? t.dir : undefined) ?? sandboxDir(this.source.env));
  }
}

/** Where `cmd` is on PATH (for its mtime); [] when it is not. */
async function which(cmd: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  for (const dir of (env.PATH ?? process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, cmd);
    if (await stat(p).then(() => true, () => false)) return [p];
  }
  return [];
}
