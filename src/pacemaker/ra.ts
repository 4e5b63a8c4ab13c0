/**
 * Resource agents: their metadata (parameters, actions) and the lists of
 * classes, providers and agents, through crm_resource — the only code that
 * builds these argv.
 *
 * Metadata is cached per process, and for the local executor also on disk
 * ($XDG_CACHE_HOME/hash/ra-metadata.json), keyed by the agent file's mtime
 * and size (or, for an agent that is not installed, by the mtime of the
 * directory it would appear in) and by crm_resource's own mtime. Measured
 * here: `crm_resource --show-metadata` costs one process per agent, 20–250 ms
 * each (IPaddr2 50 ms, mysql 140 ms, fence_dummy 250 ms); the six agents of
 * the OESS seed take 0.56–0.84 s even in parallel, more than the whole 0.5 s
 * budget of a `load`. From a warm disk cache a new process gets the same six
 * in 11–50 ms (one JSON read plus a stat per agent).
 *
 * @example
 *   const md = await agentMetadata(new LocalExecutor(), 'ocf:heartbeat:IPaddr2');
 *   md?.parameters.filter((p) => p.required).map((p) => p.name); // ['ip']
 *   await agentMetadata(ex, 'ocf:linbit:drbd'); // null: not installed on this node
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { child, children, parseXml, type XmlElement } from '../cib/xml.js';
import { ExecError, type Executor } from '../exec/types.js';

export interface AgentParameter {
  name: string;
  required: boolean;
  unique: boolean;
  /** content type: string, integer, boolean, time, select, ... */
  type?: string;
  default?: string;
  shortdesc?: string;
  longdesc?: string;
  deprecated?: boolean;
  /** the older parameter this one replaces (fence agents: `username` obsoletes `login`) */
  obsoletes?: string;
}

export interface AgentAction {
  name: string;
  timeout?: string;
  interval?: string;
  depth?: string;
  role?: string;
}

export interface AgentMetadata {
  /** as asked for: `ocf:heartbeat:IPaddr2`, `lsb:dbus`, `stonith:fence_xvm` */
  spec: string;
  parameters: AgentParameter[];
  actions: AgentAction[];
  shortdesc?: string;
  longdesc?: string;
}

/** `{class:'ocf', provider:'heartbeat', type:'IPaddr2'}` → `ocf:heartbeat:IPaddr2`; a bare type means ocf:heartbeat, as in crm. */
export function agentSpecString(spec: { class?: string; provider?: string; type: string }): string {
  const cls = spec.class ?? 'ocf';
  if (cls === 'ocf') return `ocf:${spec.provider ?? 'heartbeat'}:${spec.type}`;
  return spec.provider ? `${cls}:${spec.provider}:${spec.type}` : `${cls}:${spec.type}`;
}

const TIMEOUT_MS = 60_000;

/** `lang="en"` text if there is one, else the first; whitespace of the metadata's layout collapsed at the ends. */
function desc(el: XmlElement, name: string): string | undefined {
  const all = children(el, name);
  const pick = all.find((e) => (e.attrs.lang ?? 'en') === 'en') ?? all[0];
  const text = pick?.text?.trim();
  return text ? text : undefined;
}

const truthy = (v: string | undefined): boolean => v === '1' || v === 'true' || v === 'yes';

/**
 * Parse the XML that `crm_resource --show-metadata` prints (OCF 1.0/1.1
 * resource-agent metadata; fence agents put shortdesc in an attribute).
 * Returns null for text that is not resource-agent metadata.
 *
 * @example
 *   parseAgentMetadata('<resource-agent name="X"><parameters><parameter name="a" required="1"/></parameters></resource-agent>', 'ocf:x:X')
 *   // { spec: 'ocf:x:X', parameters: [{ name: 'a', required: true, unique: false }], actions: [] }
 */
export function parseAgentMetadata(xml: string, spec: string): AgentMetadata | null {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch {
    return null;
  }
  if (root.name !== 'resource-agent') return null;
  const parameters: AgentParameter[] = [];
  for (const p of children(child(root, 'parameters') ?? root, 'parameter')) {
    const name = p.attrs.name;
    if (!name) continue;
    const content = child(p, 'content');
    const param: AgentParameter = { name, required: truthy(p.attrs.required), unique: truthy(p.attrs.unique) };
    if (content?.attrs.type) param.type = content.attrs.type;
    if (content?.attrs.default !== undefined) param.default = content.attrs.default;
    const sd = desc(p, 'shortdesc');
    if (sd) param.shortdesc = sd;
    const ld = desc(p, 'longdesc');
    if (ld) param.longdesc = ld;
    // OCF 1.1 marks deprecation with a <deprecated/> child; older agents said so in shortdesc or an attribute
    if (child(p, 'deprecated') || truthy(p.attrs.deprecated) || /^\*?\s*deprecated\b/i.test(sd ?? '')) param.deprecated = true;
    if (p.attrs.obsoletes) param.obsoletes = p.attrs.obsoletes;
    parameters.push(param);
  }
  const actions: AgentAction[] = [];
  for (const a of children(child(root, 'actions') ?? root, 'action')) {
    const name = a.attrs.name;
    if (!name) continue;
    const action: AgentAction = { name };
    for (const k of ['timeout', 'interval', 'depth', 'role'] as const) {
      const v = a.attrs[k];
      if (v !== undefined) action[k] = v;
    }
    actions.push(action);
  }
  const md: AgentMetadata = { spec, parameters, actions };
  const sd = desc(root, 'shortdesc') ?? root.attrs.shortdesc;
  if (sd) md.shortdesc = sd;
  const ld = desc(root, 'longdesc');
  if (ld) md.longdesc = ld;
  return md;
}

// ---------------------------------------------------------------- caches

const memory = new Map<string, Promise<AgentMetadata | null>>();

/** Forget what this process learnt (tests; after installing agents in a long REPL session). */
export function clearAgentCache(): void {
  memory.clear();
  allAgents.clear();
  diskState = undefined;
}

export interface AgentMetadataOptions {
  /**
   * Directory of the on-disk cache; `null` turns it off. Default:
   * `$XDG_CACHE_HOME/hash` (or `~/.cache/hash`), for the local executor only —
   * a remote node's agent files cannot be stat'ed from here.
   */
  cacheDir?: string | null;
  /** where this node's OCF agents live, for the disk cache's fingerprints (tests point it elsewhere) */
  ocfPath?: string;
}

/**
 * Pacemaker's OCF agent directory: compiled in (libcrmservice says
 * /usr/lib/ocf/resource.d here; it ignores OCF_ROOT and OCF_RA_PATH in the
 * environment), so it is not read from the environment either.
 */
const OCF_RA_PATH = '/usr/lib/ocf/resource.d';

interface DiskEntry {
  /** agent file (or its directory) and crm_resource fingerprints the entry was made under */
  key: string;
  /** null: not installed */
  metadata: AgentMetadata | null;
}
interface DiskFile {
  version: 1;
  entries: Record<string, DiskEntry>;
}
const DISK_FILE = 'ra-metadata.json';

let diskState: { dir: string; file: DiskFile; dirty: boolean; flush?: Promise<void> } | undefined;

function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'hash');
}

async function loadDisk(dir: string): Promise<DiskFile> {
  if (diskState?.dir === dir) return diskState.file;
  let file: DiskFile = { version: 1, entries: {} };
  try {
    const parsed = JSON.parse(await readFile(join(dir, DISK_FILE), 'utf8')) as Partial<DiskFile>;
    if (parsed.version === 1 && parsed.entries && typeof parsed.entries === 'object') file = { version: 1, entries: parsed.entries };
  } catch {
    // absent or damaged: start afresh, it is only a cache
  }
  diskState = { dir, file, dirty: false };
  return file;
}

/** Write the cache file atomically (rename), so a concurrent reader never sees half a file. */
async function flushDisk(): Promise<void> {
  const st = diskState;
  if (!st || !st.dirty) return;
  st.dirty = false;
  try {
    await mkdir(st.dir, { recursive: true });
    const tmp = join(st.dir, `${DISK_FILE}.${process.pid}.tmp`);
    await writeFile(tmp, JSON.stringify(st.file));
    await rename(tmp, join(st.dir, DISK_FILE));
  } catch {
    // a read-only home must not break a load
  }
}

/** Where this node keeps the agent's executable, for the classes where that is certain. */
function agentFile(spec: string, ocfPath: string): string | undefined {
  const [cls, a, b] = spec.split(':');
  if (cls === 'ocf' && a && b) return join(ocfPath, a, b);
  if (cls === 'lsb' && a && b === undefined) return join('/etc/init.d', a);
  if (cls === 'stonith' && a && b === undefined && a.startsWith('fence_')) return join('/usr/sbin', a);
  return undefined;
}

let crmResourceStamp: Promise<string> | undefined;
/** crm_resource's own mtime: a Pacemaker upgrade may change what it adds to metadata. */
function crmResourceFingerprint(): Promise<string> {
  crmResourceStamp ??= (async () => {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      try {
        const s = await stat(join(dir, 'crm_resource'));
        return `${s.mtimeMs}`;
      } catch {
        // not in this directory
      }
    }
    return 'none';
  })();
  return crmResourceStamp;
}

/**
 * What the cached answer for `spec` depends on. Installed: the agent file's
 * mtime and size. Not installed: the mtime of the nearest directory that
 * exists on the way to where it would be (installing it adds an entry there,
 * which changes that mtime), so a missing agent costs no process either.
 */
/** Bumped whenever parseAgentMetadata learns something new, so entries made by an older hash are not used. */
const PARSE_VERSION = 2;

async function fingerprint(spec: string, ocfPath: string): Promise<{ key: string; present: boolean } | undefined> {
  const file = agentFile(spec, ocfPath);
  if (!file) return undefined;
  const pcmk = `${await crmResourceFingerprint()}:v${PARSE_VERSION}`;
  try {
    const s = await stat(file);
    return { key: `${file}:${s.mtimeMs}:${s.size}:${pcmk}`, present: true };
  } catch {
    // absent: fall through to its directories
  }
  for (let dir = dirname(file); dir !== '/' && dir !== '.'; dir = dirname(dir)) {
    try {
      const s = await stat(dir);
      return { key: `absent:${dir}:${s.mtimeMs}:${pcmk}`, present: false };
    } catch {
      // keep climbing
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- crm_resource

/**
 * The agent's metadata, from `crm_resource --show-metadata SPEC`; null when
 * the agent is not installed on the node (crm_resource exit 105, "No such
 * object") or prints something that is not metadata. Throws ExecError only
 * when crm_resource itself cannot run (not installed), since then nothing can
 * be said about any agent.
 *
 * @example
 *   (await agentMetadata(ex, 'ocf:pacemaker:Dummy'))?.actions.map((a) => a.name);
 *   // ['start', 'stop', 'monitor', 'reload', 'reload-agent', 'migrate_to', 'migrate_from', 'meta-data', 'validate-all']
 */
export function agentMetadata(ex: Executor, spec: string, opts: AgentMetadataOptions = {}): Promise<AgentMetadata | null> {
  const key = `${ex.target}\u0000${spec}`;
  let p = memory.get(key);
  if (!p) {
    p = fetchMetadata(ex, spec, opts);
    memory.set(key, p);
    // a failed run (crm_resource missing) must not be remembered as the answer
    p.catch(() => memory.delete(key));
  }
  return p;
}

async function fetchMetadata(ex: Executor, spec: string, opts: AgentMetadataOptions): Promise<AgentMetadata | null> {
  const dir = opts.cacheDir === undefined ? (ex.target === 'local' ? defaultCacheDir() : null) : opts.cacheDir;
  const fp = dir ? await fingerprint(spec, opts.ocfPath ?? OCF_RA_PATH) : undefined;
  if (dir && fp) {
    const file = await loadDisk(dir);
    const hit = file.entries[spec];
    if (hit && hit.key === fp.key) return hit.metadata;
  }
  const argv = ['crm_resource', '--show-metadata', spec];
  const res = await ex.exec(argv, { timeoutMs: TIMEOUT_MS });
  if (res.code === 126 || res.code === 127) {
    throw new ExecError(ex.target, argv, res, 'install pacemaker-cli-utils (crm_resource) to read resource agent metadata');
  }
  const md = res.code === 0 ? parseAgentMetadata(res.stdout, spec) : null;
  // remember metadata of an installed agent, and the absence of one whose file is absent; not a
  // present agent that failed to answer (it may work next time)
  if (dir && fp && (md !== null) === fp.present) {
    const file = await loadDisk(dir);
    file.entries[spec] = { key: fp.key, metadata: md };
    diskState!.dirty = true;
    // one write per burst of lookups, not one per agent
    diskState!.flush ??= Promise.resolve().then(async () => {
      await new Promise((r) => setImmediate(r));
      const st = diskState;
      if (st) st.flush = undefined;
      await flushDisk();
    });
    await diskState!.flush;
  }
  return md;
}

/** Wait for a pending write of the disk cache (tests, or before exit). */
export async function flushAgentCache(): Promise<void> {
  await diskState?.flush;
  await flushDisk();
}

function lines(text: string): string[] {
  const seen = new Set<string>();
  for (const l of text.split('\n')) {
    const t = l.trim();
    if (t) seen.add(t);
  }
  return [...seen];
}

async function list(ex: Executor, argv: string[]): Promise<string[]> {
  const res = await ex.exec(argv, { timeoutMs: TIMEOUT_MS });
  if (res.code === 126 || res.code === 127) throw new ExecError(ex.target, argv, res, 'install pacemaker-cli-utils (crm_resource)');
  // "No agents found" is exit 1 with nothing on stdout: an empty list, not a failure
  return res.code === 0 ? lines(res.stdout) : [];
}

/**
 * Resource agent classes ("standards") this node supports.
 * @example await listClasses(ex) // ['ocf', 'lsb', 'service', 'stonith']
 */
export function listClasses(ex: Executor): Promise<string[]> {
  return list(ex, ['crm_resource', '--list-standards']);
}

/**
 * OCF providers; with `type`, only those that ship that agent.
 * @example await listProviders(ex, 'Dummy') // ['heartbeat', 'pacemaker']
 */
export function listProviders(ex: Executor, type?: string): Promise<string[]> {
  return list(ex, type ? ['crm_resource', '--list-ocf-alternatives', type] : ['crm_resource', '--list-ocf-providers']);
}

/**
 * Agents of a class (and provider, for ocf); empty when there are none.
 * @example await listAgents(ex, 'ocf', 'pacemaker') // ['ClusterMon', 'Dummy', ..., 'Stateful', ...]
 */
export function listAgents(ex: Executor, cls: string, provider?: string): Promise<string[]> {
  return list(ex, ['crm_resource', '--list-agents', provider ? `${cls}:${provider}` : cls]);
}

const allAgents = new Map<string, Promise<string[]>>();

/**
 * Every agent installed on the node, as full specs (`ocf:heartbeat:IPaddr2`,
 * `lsb:dbus`, `stonith:fence_xvm`), for "did you mean" on an agent that is
 * not installed. One crm_resource run per class and OCF provider (about 0.2 s
 * here), remembered for the process; `service` is left out, its agents are
 * the lsb/systemd ones again.
 *
 * @example
 *   suggest('ocf:heartbeat:IPAddr2', await listAllAgents(ex)) // 'ocf:heartbeat:IPaddr2'
 */
export function listAllAgents(ex: Executor): Promise<string[]> {
  let p = allAgents.get(ex.target);
  if (!p) {
    p = (async () => {
      const classes = (await listClasses(ex)).filter((c) => c !== 'service');
      const lists = await Promise.all(
        classes.map(async (cls) => {
          if (cls !== 'ocf') return (await listAgents(ex, cls)).map((t) => `${cls}:${t}`);
          const providers = await listProviders(ex);
          const per = await Promise.all(providers.map(async (pr) => (await listAgents(ex, 'ocf', pr)).map((t) => `ocf:${pr}:${t}`)));
          return per.flat();
        }),
      );
      return lists.flat();
    })();
    allAgents.set(ex.target, p);
    p.catch(() => allAgents.delete(ex.target));
  }
  return p;
}

// ---------------------------------------------------------------- what the user typed

export type AgentLookup =
  /** the full spec (`ocf:heartbeat:IPaddr2`, `lsb:ssh`, `stonith:fence_dummy`) */
  | { ok: true; spec: string }
  /** several OCF providers ship that type: `specs` lists them */
  | { ok: false; reason: 'ambiguous'; specs: string[] }
  | { ok: false; reason: 'unknown' };

/**
 * The agent meant by `[<class>:[<provider>:]]<type>` as typed in `ra info`.
 * A bare type is OCF by preference, as in crm: heartbeat's when heartbeat
 * ships it, else the one provider that does; otherwise a fence agent
 * (`fence_*`), or an lsb, service or stonith agent of that name.
 * `ocf:<type>` picks the provider the same way. Costs one crm_resource run
 * for a bare type, more only when it is not an OCF agent.
 *
 * @example
 *   await resolveAgent(ex, 'IPaddr2');   // { ok: true, spec: 'ocf:heartbeat:IPaddr2' }
 *   await resolveAgent(ex, 'Stateful');  // { ok: true, spec: 'ocf:pacemaker:Stateful' }
 *   await resolveAgent(ex, 'lsb:ssh');   // { ok: true, spec: 'lsb:ssh' }
 */
export async function resolveAgent(ex: Executor, text: string): Promise<AgentLookup> {
  const parts = text.split(':');
  if (parts.some((p) => p === '') || parts.length > 3) return { ok: false, reason: 'unknown' };
  if (parts.length === 3) return { ok: true, spec: text };
  if (parts.length === 2 && parts[0] !== 'ocf') return { ok: true, spec: text };
  const type = parts[parts.length - 1]!;
  if (parts.length === 1 && type.startsWith('fence_')) return { ok: true, spec: `stonith:${type}` };
  const providers = await listProviders(ex, type);
  if (providers.includes('heartbeat')) return { ok: true, spec: `ocf:heartbeat:${type}` };
  if (providers.length === 1) return { ok: true, spec: `ocf:${providers[0]}:${type}` };
  if (providers.length > 1) return { ok: false, reason: 'ambiguous', specs: providers.map((p) => `ocf:${p}:${type}`) };
  if (parts.length === 1) {
    for (const cls of ['lsb', 'service', 'stonith']) {
      if ((await listAgents(ex, cls)).includes(type)) return { ok: true, spec: `${cls}:${type}` };
    }
  }
  return { ok: false, reason: 'unknown' };
}
