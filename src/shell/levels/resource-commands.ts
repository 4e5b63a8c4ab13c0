/**
 * What the `resource` level's commands do (their words, usage and help are
 * in ./resource.ts). Loaded on first use of a resource command, so other
 * commands do not pay for it at start-up.
 *
 * start/stop/manage/unmanage/maintenance follow crmsh's rules for where a
 * meta attribute goes (a clone rather than its primitive; members of a group
 * keep theirs unless the user agrees) — see planDeepMeta. For one plain
 * primitive that is a single cibadmin call whose xpath checks the shape
 * (fastMetaArgv); otherwise they read the resources section once, then call
 * crm_resource. Commands that crm_resource does in one call (move, ban,
 * clear, cleanup, …) read nothing first, and only look the ids up when
 * crm_resource says a resource does not exist, to name the closest.
 */
import { readFile } from 'node:fs/promises';
import { describeTarget } from '../../cib/target.js';
import * as R from '../../pacemaker/resource.js';
import { ExitCode, UsageError, UserError } from '../errors.js';
import type { Invocation } from '../tree.js';
import type { Word } from '../words.js';

// ---------------------------------------------------------------- helpers

const texts = (args: readonly Word[]): string[] => args.map((w) => w.text);

function usage(def: { usage: string }, why: string): UsageError {
  return new UsageError(why, `usage: ${def.usage}`);
}

/**
 * The resources section, parsed: one cibadmin call, or on a local CIB file
 * the file itself (what cibadmin would read; one process less on the way to
 * crm_resource).
 */
async function loadIndex(inv: Invocation): Promise<R.ResourceIndex> {
  const t = inv.ctx.target;
  if (t.kind === 'file' && inv.ctx.executor.target === 'local') {
    const text = await readFile(t.path, 'utf8').catch(() => undefined);
    // anything else (a compressed CIB, a missing file) is left to cibadmin and its message
    if (text !== undefined && /^\s*<(\?xml|cib)\b/.test(text)) {
      try {
        return R.resourceIndex(text);
      } catch {
        // not well-formed: cibadmin says why
      }
    }
  }
  const r = await inv.query(R.RESOURCES_QUERY_ARGV);
  return R.resourceIndex(r.stdout);
}

/** "no resource 'x'" with the closest id, from the ids of the CIB in use. */
async function missing(inv: Invocation, name: string, index?: R.ResourceIndex): Promise<UserError> {
  const ids = index ?? (await loadIndex(inv).catch(() => new Map() as R.ResourceIndex));
  return missingFrom(name, [...ids.keys()]);
}

function missingFrom(name: string, ids: readonly string[]): UserError {
  const near = R.closestId(name, ids);
  return new UserError(`resource '${name}' does not exist`, ExitCode.failed, near !== undefined ? `did you mean '${near}'?` : '`resource status` lists the resources');
}

/**
 * Names as the user typed them → resource ids: a tag stands for its
 * resources (as in crmsh). Unknown names fail before anything changes.
 */
async function resolveNames(inv: Invocation, index: R.ResourceIndex, names: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  let tags: Map<string, string[]> | undefined;
  for (const name of names) {
    if (index.has(name)) {
      out.push(name);
      continue;
    }
    tags ??= R.parseTags((await inv.query(R.TAGS_QUERY_ARGV, { okCodes: [0, 105] })).stdout);
    const refs = tags.get(name);
    if (refs === undefined) throw missingFrom(name, [...index.keys()]);
    out.push(...refs.filter((id) => index.has(id)));
  }
  return [...new Set(out)];
}

/** Run a tool that names a resource; crm_resource's "not found" becomes ours, with the closest id. */
async function toolOn(inv: Invocation, argv: readonly string[], write: boolean): Promise<string> {
  try {
    const r = write ? await inv.tool(argv) : await inv.query(argv);
    return r.stdout;
  } catch (e) {
    const name = e instanceof UserError ? R.missingResource(e.message) : undefined;
    if (name !== undefined) throw await missing(inv, name);
    throw e;
  }
}

/** Under --dry-run nothing runs, so nothing would notice a misspelled id: check it. */
async function checkExistsForDryRun(inv: Invocation, rsc: string): Promise<void> {
  if (!inv.ctx.options.dryRun) return;
  const index = await loadIndex(inv);
  await resolveNames(inv, index, [rsc]);
}

/** A yes/no question; off a terminal without --force the answer is no (as crmsh), and we say so. */
async function ask(inv: Invocation, question: string): Promise<boolean> {
  try {
    return await inv.confirm(question);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    inv.ctx.io.err(`${question} — not asked off a terminal: no (--force answers yes)\n`);
    return false;
  }
}

/**
 * Set a meta attribute on resources the way crmsh's start/stop/manage do
 * (planDeepMeta): one read of the resources section, then the calls.
 */
async function setDeepMeta(inv: Invocation, names: readonly string[], name: string, value: string): Promise<void> {
  // one resource: first the single checked call (most resources are plain primitives); several
  // resources are all looked up before anything changes
  if (names.length === 1 && !inv.ctx.options.dryRun) {
    const r = await inv.tool(R.fastMetaArgv(names[0]!, name, value), { okCodes: [0, R.NO_MATCH] });
    if (r.code === 0) return;
  }
  const index = await loadIndex(inv);
  if (names.length === 1 && inv.ctx.options.dryRun && R.fastMetaApplies(index, names[0]!, name)) {
    await inv.tool(R.fastMetaArgv(names[0]!, name, value));
    return;
  }
  const ids = await resolveNames(inv, index, names);
  const steps: R.MetaStep[] = [];
  const seen = new Set<string>();
  const add = (s: R.MetaStep): void => {
    const key = JSON.stringify(s);
    if (!seen.has(key)) steps.push(s), seen.add(key);
  };
  for (const id of ids) {
    const plan = R.planDeepMeta(index, id, name, value);
    plan.sets.forEach(add);
    plan.removals.forEach(add);
    for (const c of plan.choices) if (await ask(inv, c.question)) c.removals.forEach(add);
  }
  for (const argv of R.metaStepsArgv(index, steps)) await inv.tool(argv);
}

/** A named resource must exist before its attributes are read or written (crm_resource would say little). */
async function attrCommand(kind: R.AttrKind, def: { usage: string }, args: Word[], inv: Invocation): Promise<void> {
  const [rsc, action, name, value, ...extra] = texts(args);
  const what = kind === 'param' ? 'parameter' : kind === 'meta' ? 'meta attribute' : 'utilization attribute';
  if (rsc === undefined || action === undefined || name === undefined) throw usage(def, `${kind} needs a resource, show|set|delete and a name`);
  if (extra.length > 0) throw usage(def, `unexpected '${extra[0]}'`);
  switch (action) {
    case 'show':
    case 'get': {
      if (value !== undefined) throw usage(def, `show takes no value`);
      const r = await inv.query(R.attrGetArgv(kind, rsc, name)).catch(async (e: unknown) => {
        const m = e instanceof UserError ? R.missingResource(e.message) : undefined;
        throw m !== undefined ? await missing(inv, m) : e;
      });
      if (r.stdout.trim() === '') throw new UserError(`${rsc} has no ${what} '${name}'`, ExitCode.failed, `\`${kind} ${rsc} set ${name} <value>\` sets it`);
      inv.ctx.io.out(r.stdout.endsWith('\n') ? r.stdout : `${r.stdout}\n`);
      return;
    }
    case 'set':
      if (value === undefined) throw usage(def, `set needs a value`);
      await checkExistsForDryRun(inv, rsc);
      await toolOn(inv, R.attrSetArgv(kind, rsc, name, value), true);
      return;
    case 'delete': {
      if (value !== undefined) throw usage(def, `delete takes no value`);
      if (inv.ctx.options.dryRun) await checkExistsForDryRun(inv, rsc);
      await checkExistsForDryRun(inv, rsc);
      // deleting what is not there succeeds quietly, as in crm_resource
      await toolOn(inv, R.attrDeleteArgv(kind, rsc, name), true);
      return;
    }
    default:
      throw usage(def, `'${action}' is not show, set or delete`);
  }
}

/** crmsh's lifetime test: an ISO 8601 duration (P1D, PT1H) or date/time. */
const LIFETIME = /^(PT?\d|\d+.*[:-])/;

export interface PlacementArgs {
  rsc: string;
  node?: string;
  lifetime?: string;
  force: boolean;
}

/**
 * `move|ban <rsc> [<node>] [<lifetime>] [force]`, also `lifetime=<ISO 8601>`.
 * One word after the resource is a lifetime when it looks like one, else a
 * node (crmsh asks the cluster whether it is a node; this needs no call).
 */
export function parsePlacement(words: readonly string[], usageText: string): PlacementArgs {
  const [rsc, ...rest] = words;
  if (rsc === undefined) throw new UsageError('a resource is needed', `usage: ${usageText}`);
  let force = false;
  let lifetime: string | undefined;
  const positional: string[] = [];
  for (const w of rest) {
    if (w === 'force') force = true;
    else if (w.startsWith('lifetime=')) lifetime = w.slice('lifetime='.length);
    else positional.push(w);
  }
  if (positional.length > 2) throw new UsageError(`unexpected '${positional[2]}'`, `usage: ${usageText}`);
  let node: string | undefined;
  if (positional.length === 2) {
    node = positional[0];
    if (lifetime !== undefined) throw new UsageError(`two lifetimes: '${positional[1]}' and lifetime=${lifetime}`, `usage: ${usageText}`);
    lifetime = positional[1];
  } else if (positional.length === 1) {
    if (LIFETIME.test(positional[0]!) || positional[0] === 'forever' || positional[0] === 'reboot') lifetime ??= positional[0];
    else node = positional[0];
  }
  if (lifetime === 'forever') lifetime = undefined;
  else if (lifetime === 'reboot') {
    throw new UsageError("a move or ban cannot last until reboot: its lifetime is an ISO 8601 duration or time", 'for example lifetime=PT1H (one hour) or P1D (one day); leave it out for no end');
  } else if (lifetime !== undefined && !LIFETIME.test(lifetime)) {
    throw new UsageError(`'${lifetime}' is not an ISO 8601 duration`, 'for example PT30M (30 minutes), PT1H, P1D');
  }
  return { rsc, ...(node !== undefined ? { node } : {}), ...(lifetime !== undefined ? { lifetime } : {}), force };
}

/** `cleanup|refresh [<rsc>] [<node>] [force]` */
export function parseHistoryArgs(words: readonly string[], usageText: string): R.HistoryOptions {
  const positional = words.filter((w) => w !== 'force');
  if (positional.length > 2) throw new UsageError(`unexpected '${positional[2]}'`, `usage: ${usageText}`);
  const [rsc, node] = positional;
  return { ...(rsc !== undefined ? { rsc } : {}), ...(node !== undefined ? { node } : {}), ...(words.includes('force') ? { force: true } : {}) };
}

/** Clean-ups talk to the cluster's executors: a CIB file has none (crm_resource crashes on one). */
function needsCluster(inv: Invocation, what: string): void {
  if (inv.ctx.options.dryRun || inv.ctx.target.kind === 'live') return;
  throw new UserError(`${what} needs the running cluster, not ${describeTarget(inv.ctx.target)}`, ExitCode.failed, 'run it without CIB_file/CIB_shadow (or `cib use live`)');
}

function print(inv: Invocation, text: string): void {
  if (text !== '') inv.ctx.io.out(text.endsWith('\n') ? text : `${text}\n`);
}

// ---------------------------------------------------------------- status

/** The resources part of the cluster status, as `crm_mon -1` shows it; only the named subtrees when names are given. */
async function showStatus(names: readonly string[], inv: Invocation): Promise<void> {
  const [{ crmMon }, { buildRows, rowText }, { walkResources }] = await Promise.all([import('../../pacemaker/crm-mon.js'), import('../../status/rows.js'), import('../../pacemaker/status-model.js')]);
  const r = await crmMon(inv.ctx.executor, inv.ctx.target);
  if (!r.ok) throw new UserError(r.error, ExitCode.unreachable, inv.ctx.target.kind === 'live' ? 'is the cluster running here? (`crm_mon -1`)' : undefined);
  const rows = buildRows(r.status).filter((x) => x.section === 'resources');
  const line = (depth: number, text: string): string => (depth === 0 ? text : `${'  '.repeat(depth)}* ${text}`);
  if (names.length === 0) {
    print(inv, rows.map((x) => line(x.depth, rowText(x))).join('\n'));
    return;
  }
  const strip = (id: string): string => id.replace(/:\d+$/, '');
  // every id, and the top-level resource it belongs to (a clone's primitive is shown with its clone)
  const topOf = new Map<string, string>();
  for (const t of r.status.resources) for (const x of walkResources([t])) if (!topOf.has(strip(x.id))) topOf.set(strip(x.id), t.id);
  const rowOf = (id: string) => rows.find((x) => x.target?.type === 'resource' && strip(x.target.resource) === id);
  const out: string[] = [];
  for (const name of names) {
    const top = rowOf(name) ?? (topOf.has(name) ? rowOf(topOf.get(name)!) : undefined);
    if (top === undefined) throw missingFrom(name, [...topOf.keys()]);
    const keys = new Set([top.key]);
    out.push(line(1, rowText(top)));
    for (const x of rows) {
      if (x.parent !== undefined && keys.has(x.parent)) {
        keys.add(x.key);
        out.push(line(x.depth - top.depth + 1, rowText(x)));
      }
    }
  }
  print(inv, out.join('\n'));
}

// ---------------------------------------------------------------- the commands

/** A command's work: its words, the invocation, and its usage line (for usage errors). */
export type Handler = (args: Word[], inv: Invocation, usageText: string) => Promise<void>;

function needResources(def: { usage: string }, args: Word[]): string[] {
  const names = texts(args);
  if (names.length === 0) throw usage(def, 'name at least one resource');
  return names;
}

const role = (value: string): Handler => async (args, inv, u) => setDeepMeta(inv, needResources({ usage: u }, args), 'target-role', value);

const restart: Handler = async (args, inv, u) => {
  const names = needResources({ usage: u }, args);
  // a misspelled name fails here, before anything is stopped
  await resolveNames(inv, await loadIndex(inv), names);
  const io = inv.ctx.io;
  const list = names.join(', ');
  io.err(`ordering ${list} to stop\n`);
  await setDeepMeta(inv, names, 'target-role', 'Stopped');
  if (inv.ctx.target.kind !== 'live') {
    io.err(`not waiting: ${describeTarget(inv.ctx.target)} is not a running cluster\n`);
  } else if (inv.ctx.options.dryRun) {
    await inv.tool(R.waitArgv());
  } else {
    const t0 = Date.now();
    io.err('waiting for stop to finish …');
    try {
      await inv.tool(R.waitArgv());
    } catch (e) {
      io.err(' failed\n');
      const why = e instanceof Error ? e.message : String(e);
      throw new UserError(`the cluster did not settle after stopping ${list}: ${why}`, ExitCode.failed, `${names.length > 1 ? 'they stay' : 'it stays'} stopped; \`resource start ${names.join(' ')}\` starts ${names.length > 1 ? 'them' : 'it'}`);
    }
    io.err(` done (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  io.err(`ordering ${list} to start\n`);
  await setDeepMeta(inv, names, 'target-role', 'Started');
};

const promotion = (name: 'promote' | 'demote'): Handler => async (args, inv, u) => {
  const [rsc, ...extra] = texts(args);
  if (rsc === undefined) throw usage({ usage: u }, 'name the promotable clone');
  if (extra.length > 0) throw usage({ usage: u }, `unexpected '${extra[0]}'`);
  const [resources, head] = await Promise.all([inv.query(R.RESOURCES_QUERY_ARGV), inv.query(R.CIB_HEAD_QUERY_ARGV)]);
  const index = R.resourceIndex(resources.stdout);
  const node = index.get(rsc);
  if (node === undefined) throw missingFrom(rsc, [...index.keys()]);
  if (!R.isPromotable(node)) {
    let up = node.parent;
    while (up !== undefined && !R.isPromotable(up)) up = up.parent;
    throw new UserError(`${rsc} is not a promotable resource`, ExitCode.failed, up !== undefined ? `its promotable clone is ${up.id}: \`${name} ${up.id}\`` : 'only promotable clones (ms) can be promoted or demoted');
  }
  const { roleForSchema } = await import('../../cib/schema.js');
  const validateWith = /\bvalidate-with="([^"]*)"/.exec(head.stdout)?.[1];
  await inv.tool(R.attrSetArgv('meta', rsc, 'target-role', roleForSchema(name === 'promote' ? 'Promoted' : 'Unpromoted', validateWith)));
};

const managed = (value: string): Handler => async (args, inv, u) => setDeepMeta(inv, needResources({ usage: u }, args), 'is-managed', value);

const maintenance: Handler = async (args, inv, u) => {
  const [rsc, onOff = 'on', ...extra] = texts(args);
  if (rsc === undefined) throw usage({ usage: u }, 'name a resource');
  if (extra.length > 0) throw usage({ usage: u }, `unexpected '${extra[0]}'`);
  const v = onOff.toLowerCase();
  if (!['on', 'off', 'true', 'false'].includes(v)) throw usage({ usage: u }, `'${onOff}' is not on, off, true or false`);
  await setDeepMeta(inv, [rsc], 'maintenance', v === 'on' || v === 'true' ? 'true' : 'false');
};

const placement = (name: 'move' | 'ban'): Handler => async (args, inv, u) => {
  const isMove = name === 'move';
  const p = parsePlacement(texts(args), u);
  if (isMove && p.node === undefined && !p.force) {
    throw usage({ usage: u }, "no target node: move needs a node, or 'force' to move the resource away from where it runs now");
  }
  await checkExistsForDryRun(inv, p.rsc);
  const argv = (isMove ? R.moveArgv : R.banArgv)(p.rsc, { ...(p.node !== undefined ? { node: p.node } : {}), ...(p.lifetime !== undefined ? { lifetime: p.lifetime } : {}), force: p.force });
  try {
    await toolOn(inv, argv, true);
  } catch (e) {
    // crm_resource's "Requested item already exists" (108): the resource already runs there
    if (isMove && p.node !== undefined && e instanceof UserError && /\(exit 108\)/.test(e.message)) {
      throw new UserError(`${p.rsc} already runs on ${p.node}`, ExitCode.failed, `\`move ${p.rsc} ${p.node} force\` adds the constraint anyway`);
    }
    throw e;
  }
  if (inv.ctx.options.dryRun) return;
  const what = isMove ? (p.node !== undefined ? `Move constraint created for ${p.rsc} to ${p.node}` : `Move constraint created for ${p.rsc}`) : p.node !== undefined ? `Ban constraint created for ${p.rsc} on ${p.node}` : `Ban constraint created for ${p.rsc}`;
  inv.ctx.io.err(`${what}${p.lifetime !== undefined ? ` (for ${p.lifetime})` : ''}\n\`resource clear ${p.rsc}\` removes it\n`);
};

const clear: Handler = async (args, inv, u) => {
  const [rsc, node, ...extra] = texts(args);
  if (rsc === undefined) throw usage({ usage: u }, 'name a resource');
  if (extra.length > 0) throw usage({ usage: u }, `unexpected '${extra[0]}'`);
  await checkExistsForDryRun(inv, rsc);
  await toolOn(inv, R.clearArgv(rsc, node), true);
  if (!inv.ctx.options.dryRun) inv.ctx.io.err(`Removed migration constraints for ${rsc}${node !== undefined ? ` on ${node}` : ''}\n`);
};

const history = (name: 'cleanup' | 'refresh'): Handler => async (args, inv, u) => {
  const o = parseHistoryArgs(texts(args), u);
  needsCluster(inv, name);
  if (o.rsc !== undefined) await checkExistsForDryRun(inv, o.rsc);
  print(inv, await toolOn(inv, name === 'cleanup' ? R.cleanupArgv(o) : R.refreshArgv(o), true));
};

const locate: Handler = async (args, inv, u) => {
  for (const rsc of needResources({ usage: u }, args)) {
    // crm_resource says "is NOT running" on stderr
    const r = await inv.query(R.locateArgv(rsc)).catch(async (e: unknown) => {
      const m = e instanceof UserError ? R.missingResource(e.message) : undefined;
      throw m !== undefined ? await missing(inv, m) : e;
    });
    print(inv, r.stdout.trim() !== '' ? r.stdout : r.stderr);
  }
};

const failcount: Handler = async (args, inv, u) => {
  const def = { usage: u };
  const [rsc, action, node, value, op, interval, ...extra] = texts(args);
  if (rsc === undefined || action === undefined || node === undefined) throw usage(def, 'failcount needs a resource, show|set|delete and a node');
  if (extra.length > 0) throw usage(def, `unexpected '${extra[0]}'`);
  const index = await loadIndex(inv);
  if (!index.has(rsc)) throw missingFrom(rsc, [...index.keys()]);
  switch (action) {
    case 'show':
    case 'get':
      if (value !== undefined) throw usage(def, 'show takes no value');
      print(inv, (await inv.query(R.failcountQueryArgv(rsc, node))).stdout);
      return;
    case 'delete':
      if (value !== undefined) throw usage(def, 'delete takes no value');
      needsCluster(inv, 'failcount delete');
      print(inv, (await inv.tool(R.failcountDeleteArgv(rsc, node))).stdout);
      return;
    case 'set': {
      if (value === undefined || !/^(\d+|INFINITY)$/.test(value)) throw usage(def, value === undefined ? 'set needs a value' : `'${value}' is not a fail count (a number or INFINITY)`);
      const found = await inv.query(R.nodeTransientArgv(node), { okCodes: [0, 105] });
      const plan = R.planFailcountSet(rsc, node, R.parseFailcounts(found.stdout, rsc), value, op, interval);
      if ('error' in plan) throw new UserError(plan.error, ExitCode.failed, plan.hint);
      if (plan.names.length === 0) inv.ctx.io.err(`${rsc} has no fail count on ${node}: nothing to set\n`);
      for (const name of plan.names) await inv.tool(R.failcountSetArgv(node, name, value));
      return;
    }
    default:
      throw usage(def, `'${action}' is not show, set or delete`);
  }
};

const attributes = (kind: R.AttrKind): Handler => async (args, inv, u) => attrCommand(kind, { usage: u }, args, inv);

const constraints: Handler = async (args, inv, u) => {
  const [rsc, ...extra] = texts(args);
  if (rsc === undefined) throw usage({ usage: u }, 'name a resource');
  if (extra.length > 0) throw usage({ usage: u }, `unexpected '${extra[0]}'`);
  const out = await toolOn(inv, R.constraintsArgv(rsc), false);
  if (out.trim() === '') inv.ctx.io.err(`${rsc} has no location or colocation constraints\n`);
  else print(inv, out);
};

const operations: Handler = async (args, inv, u) => {
  const [rsc, node, ...extra] = texts(args);
  if (extra.length > 0) throw usage({ usage: u }, `unexpected '${extra[0]}'`);
  const out = await toolOn(inv, R.operationsArgv(rsc, node), false);
  if (out.trim() === '') inv.ctx.io.err(`no operations recorded${rsc !== undefined ? ` for ${rsc}` : ''}${node !== undefined ? ` on ${node}` : ''}\n`);
  else print(inv, out);
};

const scores: Handler = async (args, inv, u) => {
  if (args.length > 0) throw usage({ usage: u }, `unexpected '${args[0]!.text}'`);
  const cib = await inv.query(R.CIB_QUERY_ARGV);
  const sim = await inv.query(R.SCORES_ARGV, { stdin: cib.stdout });
  inv.ctx.io.out(R.formatScores(R.parseScores(sim.stdout)));
};

/** Every command of the level by name. */
export const HANDLERS = {
  status: (async (args, inv) => showStatus(texts(args), inv)) as Handler,
  start: role('Started'),
  stop: role('Stopped'),
  restart,
  promote: promotion('promote'),
  demote: promotion('demote'),
  manage: managed('true'),
  unmanage: managed('false'),
  maintenance,
  move: placement('move'),
  ban: placement('ban'),
  clear,
  cleanup: history('cleanup'),
  refresh: history('refresh'),
  locate,
  failcount,
  param: attributes('param'),
  meta: attributes('meta'),
  utilization: attributes('utilization'),
  constraints,
  operations,
  scores,
} satisfies Record<string, Handler>;

export type HandlerName = keyof typeof HANDLERS;
