/**
 * The real-cluster test harness, as vitest integration tests use it: a real
 * single-node corosync + pacemaker in the root network namespace, started by
 * `test/cluster/single/up.sh`, and a 2–3 node cluster in network namespaces
 * (`ensureMultiNode`, `test/cluster/multi/up.sh`); see test/cluster/README.md.
 *
 * Any test file that imports this module runs in the sequential `integration`
 * vitest project (vitest.config.ts finds such files by their import), and the
 * global teardown stops the cluster at the end of the run unless someone else
 * still holds a lease on it.
 *
 * @example
 *   import { ensureSingleNode, resetCib, waitFor } from '../cluster/harness.js';
 *   let env: Record<string, string>;
 *   beforeAll(async () => ({ env } = await ensureSingleNode()));
 *   beforeEach(() => resetCib(env));
 *   it('starts a Dummy', async () => {
 *     // ... run `cibadmin`/`hash` with { env } ...
 *     await waitFor(async () => (await run(['crm_mon', '-1', '--output-as=xml'], { env })).stdout.includes('role="Started"'), 20_000);
 *   });
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { child, children, element, parseXml, serializeXml, type XmlElement } from '../../src/cib/xml.js';

/** test/cluster, where the scripts and their state/ live. */
export const HARNESS_DIR = dirname(fileURLToPath(import.meta.url));
/**
 * The node name of the single-node cluster: `node1`, as in Debian's stock
 * corosync.conf, or `HASH_SINGLE_NODE_NAME` (single/up.sh reads the same
 * variable). Note crmsh's "this node" commands (`crm node standby` with no
 * argument) use `uname -n`, so they only reach the cluster node when it is
 * named after the host: `HASH_SINGLE_NODE_NAME=$(uname -n)`.
 */
export const SINGLE_NODE_NAME = process.env.HASH_SINGLE_NODE_NAME || 'node1';

/** Environment variables that would point Pacemaker tools away from the live cluster. */
const CIB_TARGET_VARS = ['CIB_file', 'CIB_shadow', 'CIB_shadow_dir', 'CIB_port', 'CIB_server', 'CIB_user', 'CIB_passwd', 'CIB_encrypted'];

/** The Pacemaker/corosync programs the harness needs; a missing one fails integration tests. */
const REQUIRED_TOOLS = ['corosync', 'corosync-cfgtool', 'pacemakerd', 'crm_mon', 'cibadmin', 'crm_attribute', 'crm_resource', 'unshare', 'flock'];

/** How long ensureSingleNode waits while another test run holds the cluster. */
const BUSY_WAIT_MS = Number(process.env.HASH_CLUSTER_WAIT_MS ?? 240_000);

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Run argv (no shell) and collect its output; never throws on a non-zero exit.
 *
 * @example
 *   const { stdout } = await run(['crm_mon', '-1', '--output-as=xml'], { env });
 */
export function run(argv: readonly string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const [cmd, ...args] = argv;
  if (!cmd) return Promise.reject(new Error('run: empty argv'));
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], timeout: opts.timeoutMs ?? 120_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (b: Buffer) => out.push(b));
    p.stderr.on('data', (b: Buffer) => err.push(b));
    p.on('error', (e: NodeJS.ErrnoException) => resolve({ stdout: '', stderr: `${cmd}: ${e.code === 'ENOENT' ? 'command not found' : e.message}\n`, code: 127 }));
    p.on('close', (code, signal) => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? (signal ? 128 : 1) }));
    p.stdin.on('error', () => {});
    p.stdin.end(opts.stdin ?? '');
  });
}

/** Which required tools are not on PATH (or /usr/sbin, where Debian puts them). */
export function missingClusterTools(): string[] {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/bin'].filter(Boolean);
  return REQUIRED_TOOLS.filter((t) => !dirs.some((d) => existsSync(join(d, t))));
}

/**
 * The environment to run Pacemaker tools (and hash) against the harness
 * cluster: the caller's, minus everything that redirects them to a CIB file
 * or shadow, plus /usr/sbin on PATH.
 */
export function clusterEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !CIB_TARGET_VARS.includes(k)) env[k] = v;
  const path = (env.PATH ?? '/usr/bin:/bin').split(':');
  for (const d of ['/usr/sbin', '/sbin']) if (!path.includes(d)) path.push(d);
  env.PATH = path.join(':');
  env.HASH_TEST_CLUSTER = 'single';
  env.HASH_TEST_NODE = SINGLE_NODE_NAME;
  return env;
}

/** The lease this process holds on the cluster: the vitest run's (set by the global setup), else our own. */
function lease(): { name: string; pid: string } {
  const name = process.env.HASH_CLUSTER_LEASE;
  const pid = process.env.HASH_CLUSTER_LEASE_PID;
  if (name && pid) return { name, pid };
  return { name: `pid-${process.pid}`, pid: String(process.pid) };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `fn` until it returns a truthy value (returned) or `timeoutMs` passes
 * (then throws, with the last value or error in the message).
 *
 * @example
 *   const xml = await waitFor(async () => { const r = await run(['crm_mon', '-1', '--output-as=xml']); return r.stdout.includes('role="Started"') && r.stdout; }, 20_000);
 */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs: number, intervalMs = 100): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as Exclude<T, false | null | undefined | 0 | ''>;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) {
      const what = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms (last: ${what})`);
    }
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}

export interface ClusterHandle {
  /** environment for child processes that must reach this cluster (see clusterEnv) */
  env: Record<string, string>;
  /** Drop this run's lease and stop the cluster if nobody else holds one. Normally left to the global teardown. */
  stop(): Promise<void>;
}

/**
 * Start the single-node cluster, or reuse the running one, and wait until
 * crm_mon shows a DC. Idempotent and safe to call from every test file.
 * Throws (so the tests fail, never skip) when Pacemaker is not installed.
 *
 * @example
 *   beforeAll(async () => { ({ env } = await ensureSingleNode()); }, 300_000);
 */
export async function ensureSingleNode(): Promise<ClusterHandle> {
  const missing = missingClusterTools();
  if (missing.length > 0) {
    throw new Error(
      `integration tests need a real Pacemaker cluster, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed.\n` +
        '  Install: apt-get install -y pacemaker pacemaker-cli-utils corosync crmsh resource-agents (as .ci/run does)',
    );
  }
  const { name, pid } = lease();
  const env = clusterEnv();
  const scriptEnv = { ...env, HASH_CLUSTER_LEASE: name, HASH_CLUSTER_LEASE_PID: pid };
  const deadline = Date.now() + BUSY_WAIT_MS;
  let told = false;
  for (;;) {
    const r = await run([join(HARNESS_DIR, 'single/up.sh')], { env: scriptEnv, timeoutMs: 300_000 });
    if (r.code === 0) break;
    if (r.code === 75 && Date.now() < deadline) {
      // another test run (another engineer's vitest) holds the cluster: wait for it, never share it
      if (!told) process.stderr.write(`${r.stderr.trim()}; waiting up to ${BUSY_WAIT_MS / 1000} s\n`);
      told = true;
      await sleep(2000);
      continue;
    }
    throw new Error(`could not start the single-node test cluster (single/up.sh exit ${r.code}):\n${(r.stderr + r.stdout).trim()}`);
  }
  return { env, stop: () => stopSingleNode(name) };
}

/**
 * Drop lease `name` and stop the cluster when no other live lease remains.
 * Used by the global teardown.
 */
export async function stopSingleNode(name = lease().name): Promise<void> {
  const r = await run([join(HARNESS_DIR, 'single/down.sh'), '--if-unused', name], { env: clusterEnv(), timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`single/down.sh failed (exit ${r.code}): ${(r.stderr + r.stdout).trim()}`);
}

/** crm_config properties the cluster itself maintains, or the harness seeded: kept by resetCib. */
const KEPT_PROPERTIES = new Set(['dc-version', 'cluster-infrastructure', 'cluster-name', 'have-watchdog', 'dc-deadtime', 'stonith-enabled']);

/**
 * Make the live configuration empty again between tests: no resources,
 * constraints, defaults, tags, ACLs, alerts or fencing topology; node entries
 * without attributes (no standby); only the cluster-maintained and seeded
 * properties. One `cibadmin --replace` of the configuration section, then
 * fail counts and orphans are cleaned and the cluster is left to settle.
 *
 * @example
 *   beforeEach(() => resetCib());
 */
export async function resetCib(env: Record<string, string> = clusterEnv()): Promise<void> {
  const q = await run(['cibadmin', '--query', '--scope', 'configuration'], { env });
  if (q.code !== 0) throw new Error(`resetCib: cibadmin --query failed (exit ${q.code}): ${q.stderr.trim()}`);
  const current = parseXml(q.stdout);
  const props = children(child(current, 'crm_config') ?? element('crm_config'), 'cluster_property_set');
  const bootstrap = props.find((s) => s.attrs.id === 'cib-bootstrap-options');
  const keptPairs = (bootstrap?.children ?? []).filter((p) => p.name === 'nvpair' && KEPT_PROPERTIES.has(p.attrs.name ?? ''));
  const nodes = children(child(current, 'nodes') ?? element('nodes'), 'node').map((n) => element('node', { ...n.attrs }));
  const fresh: XmlElement = element('configuration', {}, [
    element('crm_config', {}, [element('cluster_property_set', { id: 'cib-bootstrap-options' }, keptPairs)]),
    element('nodes', {}, nodes),
    element('resources'),
    element('constraints'),
  ]);
  const r = await run(['cibadmin', '--replace', '--scope', 'configuration', '--xml-pipe'], { env, stdin: serializeXml(fresh) });
  if (r.code !== 0) throw new Error(`resetCib: cibadmin --replace failed (exit ${r.code}): ${r.stderr.trim()}`);
  // orphaned resources are stopped by the scheduler; --cleanup forgets their history and fail counts
  await run(['crm_resource', '--cleanup'], { env });
  await waitFor(async () => {
    const m = await run(['crm_mon', '-1', '--output-as=xml'], { env });
    return m.code === 0 && !/<resource /.test(m.stdout);
  }, 60_000, 200);
  await run(['crm_resource', '--wait', '--timeout=60s'], { env });
}

/**
 * crm_mon's XML status of the harness cluster.
 *
 * @example
 *   expect(await crmMonXml()).toContain('<current_dc present="true"');
 */
export async function crmMonXml(env: Record<string, string> = clusterEnv()): Promise<string> {
  const r = await run(['crm_mon', '-1', '--output-as=xml'], { env });
  if (r.code !== 0) throw new Error(`crm_mon failed (exit ${r.code}): ${r.stderr.trim()}`);
  return r.stdout;
}

export interface MultiClusterHandle {
  /** node names, n1..nN; node N has address 10.213.0.N */
  nodes: string[];
  /** environment for host-side child processes (no CIB_* redirection) */
  env: Record<string, string>;
  /** ssh client config reaching every node as root: `ssh -F <sshConfig> n2 crm_mon -1` */
  sshConfig: string;
  /** Run argv inside a node (its net, mount, uts and pid namespaces), like `multi/exec.sh`. */
  exec(node: string, argv: readonly string[], opts?: { stdin?: string; timeoutMs?: number }): Promise<RunResult>;
  /** Drop this run's lease and tear the cluster down if nobody else holds one. */
  stop(): Promise<void>;
}

/**
 * Start the multi-node namespace cluster (or reuse it when it already runs
 * with the same number of nodes) with fast settings: dc-deadtime 2s, corosync
 * token 1000 ms (DC in ~7 s, failover in ~4 s). Throws when the stack is missing.
 * Tests that kill or unplug nodes should boot/plug them again when done.
 *
 * @example
 *   const cluster = await ensureMultiNode({ nodes: 3 });
 *   const r = await cluster.exec('n1', ['crm_mon', '-1', '--output-as=xml']);
 */
export async function ensureMultiNode(opts: { nodes?: 2 | 3; ssh?: boolean } = {}): Promise<MultiClusterHandle> {
  const extra = ['ip', 'nsenter', ...(opts.ssh === false ? [] : ['sshd', 'ssh', 'ssh-keygen'])];
  const missing = [...missingClusterTools(), ...extra.filter((t) => !['/usr/sbin', '/sbin', '/usr/bin', '/bin'].some((d) => existsSync(join(d, t))))];
  if (missing.length > 0) {
    throw new Error(
      `the multi-node test cluster needs ${missing.join(', ')}, not installed here.\n` +
        '  Install: apt-get install -y pacemaker pacemaker-cli-utils corosync crmsh resource-agents iproute2 openssh-server',
    );
  }
  const nodes = opts.nodes ?? 3;
  const { name, pid } = lease();
  const env = clusterEnv();
  const scriptEnv = {
    ...env,
    HASH_CLUSTER_LEASE: name,
    HASH_CLUSTER_LEASE_PID: pid,
    NSC_NODES: String(nodes),
    NSC_DC_DEADTIME: '2s',
    NSC_TOKEN: '1000',
    NSC_REUSE: '1',
    NSC_SSH: opts.ssh === false ? '0' : '1',
  };
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (;;) {
    const r = await run([join(HARNESS_DIR, 'multi/up.sh')], { env: scriptEnv, timeoutMs: 300_000 });
    if (r.code === 0) break;
    if (r.code === 75 && Date.now() < deadline) {
      await sleep(2000);
      continue;
    }
    throw new Error(`could not start the multi-node test cluster (multi/up.sh exit ${r.code}):\n${(r.stderr + r.stdout).trim()}`);
  }
  const execSh = join(HARNESS_DIR, 'multi/exec.sh');
  return {
    nodes: Array.from({ length: nodes }, (_, i) => `n${i + 1}`),
    env,
    sshConfig: join(HARNESS_DIR, 'state/multi/ssh/config'),
    exec: (node, argv, o = {}) => run([execSh, node, ...argv], { env, ...o }),
    stop: () => stopMultiNode(name),
  };
}

/** Drop lease `name` on the multi-node cluster and tear it down when no other live lease remains. */
export async function stopMultiNode(name = lease().name): Promise<void> {
  const r = await run([join(HARNESS_DIR, 'multi/down.sh'), '--if-unused', name], { env: clusterEnv(), timeoutMs: 180_000 });
  if (r.code !== 0) throw new Error(`multi/down.sh failed (exit ${r.code}): ${(r.stderr + r.stdout).trim()}`);
}
