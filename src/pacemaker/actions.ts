/**
 * The node and resource actions an operator can take from `hash status`
 * (and the REPL's `node`/`resource` levels): each is plain data, turned into
 * exactly one Pacemaker tool call. `actionArgv` is what a confirmation shows,
 * and `runAction` runs that same argv, so what the user confirmed is what runs.
 *
 * @example
 *   const a: ClusterAction = { kind: 'node-standby', node: 'node1' };
 *   actionArgv(a);  // ['crm_attribute', '--type', 'nodes', '--node', 'node1', '--name', 'standby', '--update', 'on', '--lifetime', 'forever']
 *   const r = await runAction(ctx.executor, ctx.target, a);
 *   if (!r.ok) console.error(r.message);
 */
import { targetEnv, type CibTarget } from '../cib/target.js';
import type { Executor } from '../exec/types.js';

export type ClusterAction =
  | { kind: 'node-standby'; node: string }
  | { kind: 'node-online'; node: string }
  | { kind: 'node-maintenance'; node: string; on: boolean }
  | { kind: 'cluster-maintenance'; on: boolean }
  | { kind: 'resource-cleanup'; resource: string; node?: string }
  | { kind: 'resource-start'; resource: string }
  | { kind: 'resource-stop'; resource: string }
  | { kind: 'resource-maintenance'; resource: string; on: boolean }
  | { kind: 'resource-move'; resource: string; node: string }
  | { kind: 'resource-ban'; resource: string; node: string }
  | { kind: 'resource-clear'; resource: string };

export type ActionKind = ClusterAction['kind'];

export interface ActionResult {
  action: ClusterAction;
  argv: readonly string[];
  ok: boolean;
  code: number;
  stdout: string;
  stderr: string;
  /** one line for a status bar: what happened, or the tool's own error */
  message: string;
}

const nodeAttr = (node: string, name: string, value: string, lifetime?: 'forever'): string[] => [
  'crm_attribute',
  '--type',
  'nodes',
  '--node',
  node,
  '--name',
  name,
  '--update',
  value,
  ...(lifetime ? ['--lifetime', lifetime] : []),
];

const rscMeta = (resource: string, name: string, value: string): string[] => [
  'crm_resource',
  '--resource',
  resource,
  '--meta',
  '--set-parameter',
  name,
  '--parameter-value',
  value,
];

/**
 * The exact argv an action runs (long options, so a confirmation reads well).
 * These are the calls crmsh makes for the same commands (`node standby`,
 * `resource cleanup`, `resource start`, …).
 */
export function actionArgv(a: ClusterAction): string[] {
  switch (a.kind) {
    case 'node-standby':
      return nodeAttr(a.node, 'standby', 'on', 'forever');
    case 'node-online':
      return nodeAttr(a.node, 'standby', 'off', 'forever');
    case 'node-maintenance':
      return nodeAttr(a.node, 'maintenance', a.on ? 'true' : 'false');
    case 'cluster-maintenance':
      return ['crm_attribute', '--type', 'crm_config', '--name', 'maintenance-mode', '--update', a.on ? 'true' : 'false'];
    case 'resource-cleanup':
      return ['crm_resource', '--cleanup', '--resource', a.resource, ...(a.node !== undefined ? ['--node', a.node] : [])];
    case 'resource-start':
      return rscMeta(a.resource, 'target-role', 'Started');
    case 'resource-stop':
      return rscMeta(a.resource, 'target-role', 'Stopped');
    case 'resource-maintenance':
      return rscMeta(a.resource, 'maintenance', a.on ? 'true' : 'false');
    case 'resource-move':
      return ['crm_resource', '--move', '--resource', a.resource, '--node', a.node];
    case 'resource-ban':
      return ['crm_resource', '--ban', '--resource', a.resource, '--node', a.node];
    case 'resource-clear':
      return ['crm_resource', '--clear', '--resource', a.resource];
  }
}

/**
 * What the action does, in words, for the confirmation prompt.
 *
 * @example
 *   describeAction({ kind: 'resource-ban', resource: 'web', node: 'n1' });
 *   // 'ban web from n1 (adds a -INFINITY location constraint until cleared)'
 */
export function describeAction(a: ClusterAction): string {
  switch (a.kind) {
    case 'node-standby':
      return `put node ${a.node} in standby (its resources move away)`;
    case 'node-online':
      return `bring node ${a.node} back online (out of standby)`;
    case 'node-maintenance':
      return a.on ? `put node ${a.node} in maintenance (resources there become unmanaged)` : `take node ${a.node} out of maintenance`;
    case 'cluster-maintenance':
      return a.on ? 'put the whole cluster in maintenance mode (nothing is managed)' : 'take the cluster out of maintenance mode';
    case 'resource-cleanup':
      return `clean up ${a.resource}${a.node !== undefined ? ` on ${a.node}` : ''} (forget failures, re-probe)`;
    case 'resource-start':
      return `start ${a.resource} (target-role=Started)`;
    case 'resource-stop':
      return `stop ${a.resource} (target-role=Stopped)`;
    case 'resource-maintenance':
      return a.on ? `put ${a.resource} in maintenance (not monitored or managed)` : `take ${a.resource} out of maintenance`;
    case 'resource-move':
      return `move ${a.resource} to ${a.node} (adds a location constraint until cleared)`;
    case 'resource-ban':
      return `ban ${a.resource} from ${a.node} (adds a -INFINITY location constraint until cleared)`;
    case 'resource-clear':
      return `clear the move/ban constraints of ${a.resource}`;
  }
}

/** Run an action on `target`; never throws, the result says what happened. */
export async function runAction(executor: Executor, target: CibTarget, action: ClusterAction, opts: { timeoutMs?: number } = {}): Promise<ActionResult> {
  const argv = actionArgv(action);
  let res;
  try {
    res = await executor.exec(argv, { env: targetEnv(target), timeoutMs: opts.timeoutMs ?? 60_000 });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { action, argv, ok: false, code: -1, stdout: '', stderr: msg, message: `${argv[0]}: ${msg}` };
  }
  const ok = res.code === 0;
  const lastLine = (s: string): string => s.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
  const message = ok
    ? `done: ${describeAction(action).replace(/ \(.*\)$/, '')}`
    : `${argv[0]} failed (exit ${res.code}): ${lastLine(res.stderr) || lastLine(res.stdout) || 'no message'}`;
  return { action, argv, ok, code: res.code, stdout: res.stdout, stderr: res.stderr, message };
}
