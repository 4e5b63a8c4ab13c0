/**
 * The `resource` level: crmsh's `crm resource` commands, each one or a few
 * Pacemaker tool calls (argv from src/pacemaker/resource.ts), so `--dry-run`
 * shows exactly what would change.
 *
 * start/stop/manage/unmanage/maintenance follow crmsh's rules for where a
 * meta attribute goes (a clone rather than its primitive; members of a group
 * keep theirs unless the user agrees) — see planDeepMeta. For one plain
 * primitive that is a single cibadmin call whose xpath checks the shape
 * (fastMetaArgv); otherwise they read the resources section once, then call
 * crm_resource. Commands that crm_resource does in one call
 * (move, ban, clear, cleanup, …) read nothing first, and only look the ids
 * up when crm_resource says a resource does not exist, to name the closest.
 */
import { readFile } from 'node:fs/promises';
import { describeTarget } from '../../cib/target.js';
import * as R from '../../pacemaker/resource.js';
import { ExitCode, UsageError, UserError } from '../errors.js';
import type { CommandDef, Invocation, LevelDef } from '../tree.js';
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
  const ids = [...new Set([...walkResources(r.status.resources)].map((x) => x.id.replace(/:\d+$/, '')))];
  const out: string[] = [];
  for (const name of names) {
    const top = rows.find((x) => x.target?.type === 'resource' && x.target.resource.replace(/:\d+$/, '') === name);
    if (top === undefined) throw missingFrom(name, ids);
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

const rscArg = { name: 'rsc', kind: 'resource' } as const;
const rscArgs = { name: 'rsc', kind: 'resource', repeat: true } as const;
const nodeOpt = { name: 'node', kind: 'node', optional: true } as const;
const ATTR_ACTIONS = ['show', 'set', 'delete'] as const;

function needResources(def: { usage: string }, args: Word[]): string[] {
  const names = texts(args);
  if (names.length === 0) throw usage(def, 'name at least one resource');
  return names;
}

const status: CommandDef = {
  name: 'status',
  aliases: ['show', 'list'],
  summary: 'show resources and where they run',
  usage: 'status [<rsc> ...]',
  args: [{ name: 'rsc', kind: 'resource', optional: true, repeat: true }],
  help: 'The resources part of the cluster status (crm_mon): groups with their members, clones with the nodes of their instances, and for each primitive its role and node. With resource names, only those (and what they contain).',
  examples: ['status', 'status web-group', 'list'],
  run: async (args, inv) => showStatus(texts(args), inv),
};

function roleCommand(name: 'start' | 'stop', summary: string, value: string, help: string): CommandDef {
  const def: CommandDef = {
    name,
    summary,
    usage: `${name} <rsc> [<rsc> ...]`,
    args: [rscArgs],
    help,
    examples: [`${name} web`, `${name} web-group db-clone`],
    run: async (args, inv) => setDeepMeta(inv, needResources(def, args), 'target-role', value),
  };
  return def;
}

const DEEP_HELP =
  'The attribute goes on the outermost resource: naming a cloned primitive sets it on the clone (and removes the primitive\'s own), naming a member of a group sets it on that member. ' +
  "When a group's members set the attribute themselves, you are asked whether to override them (--force answers yes; off a terminal the answer is no). A tag stands for its resources.";

const start = roleCommand('start', 'start resources (target-role=Started)', 'Started', `Sets the meta attribute target-role=Started, as crmsh does. ${DEEP_HELP}`);
const stop = roleCommand('stop', 'stop resources (target-role=Stopped)', 'Stopped', `Sets the meta attribute target-role=Stopped, as crmsh does. ${DEEP_HELP}`);

const restart: CommandDef = {
  name: 'restart',
  summary: 'stop resources, wait until they are stopped, start them again',
  usage: 'restart <rsc> [<rsc> ...]',
  args: [rscArgs],
  help:
    'Stops the resources (target-role=Stopped), waits until the cluster has carried out everything it had to do (`crm_resource --wait`), then starts them (target-role=Started), saying what it does on the way. ' +
    'On a CIB file or a sandbox there is no cluster to wait for: both changes are made one after the other.',
  examples: ['restart web-group'],
  run: async (args, inv) => {
    const names = needResources(restart, args);
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
  },
};

function promoteCommand(name: 'promote' | 'demote'): CommandDef {
  const role = name === 'promote' ? 'Promoted' : 'Unpromoted';
  const def: CommandDef = {
    name,
    summary: `${name} a promotable clone (target-role=${role})`,
    usage: `${name} <rsc>`,
    args: [rscArg],
    help: `Sets target-role=${role} on a promotable clone (\`ms\`); on a CIB whose schema is older than pacemaker-3.7 the old name (${name === 'promote' ? 'Master' : 'Slave'}) is written.`,
    examples: [`${name} db-clone`],
    run: async (args, inv) => {
      const [rsc, ...extra] = texts(args);
      if (rsc === undefined) throw usage(def, 'name the promotable clone');
      if (extra.length > 0) throw usage(def, `unexpected '${extra[0]}'`);
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
      await inv.tool(R.attrSetArgv('meta', rsc, 'target-role', roleForSchema(role, validateWith)));
    },
  };
  return def;
}

function manageCommand(name: 'manage' | 'unmanage'): CommandDef {
  const value = name === 'manage' ? 'true' : 'false';
  const def: CommandDef = {
    name,
    summary: name === 'manage' ? 'let the cluster manage a resource again (is-managed=true)' : 'leave a resource alone: no starts, stops or recovery (is-managed=false)',
    usage: `${name} <rsc>`,
    args: [rscArgs],
    help: `Sets the meta attribute is-managed=${value}. is-managed and maintenance contradict each other: when the resource has maintenance set, you are asked whether to remove it. ${DEEP_HELP}`,
    examples: [`${name} web`],
    run: async (args, inv) => setDeepMeta(inv, needResources(def, args), 'is-managed', value),
  };
  return def;
}

const maintenance: CommandDef = {
  name: 'maintenance',
  summary: 'per-resource maintenance mode: not monitored, not managed',
  usage: 'maintenance <rsc> [on|off|true|false]',
  args: [rscArg, { name: 'on|off', kind: ['on', 'off', 'true', 'false'], optional: true }],
  help: `Sets the meta attribute maintenance (default on). While it is on the cluster neither monitors nor manages the resource. When the resource has is-managed set, you are asked whether to remove it. ${DEEP_HELP}`,
  examples: ['maintenance web', 'maintenance web off'],
  run: async (args, inv) => {
    const [rsc, onOff = 'on', ...extra] = texts(args);
    if (rsc === undefined) throw usage(maintenance, 'name a resource');
    if (extra.length > 0) throw usage(maintenance, `unexpected '${extra[0]}'`);
    const v = onOff.toLowerCase();
    if (!['on', 'off', 'true', 'false'].includes(v)) throw usage(maintenance, `'${onOff}' is not on, off, true or false`);
    await setDeepMeta(inv, [rsc], 'maintenance', v === 'on' || v === 'true' ? 'true' : 'false');
  },
};

function placementCommand(name: 'move' | 'ban'): CommandDef {
  const isMove = name === 'move';
  const def: CommandDef = {
    name,
    ...(isMove ? { aliases: ['migrate'] } : {}),
    summary: isMove ? 'move a resource to a node (a location constraint until cleared)' : 'keep a resource off a node (a -INFINITY constraint until cleared)',
    usage: `${name} <rsc> [<node>] [<lifetime>] [force]`,
    args: [rscArg, nodeOpt],
    options: ['force', 'lifetime='],
    help: isMove
      ? 'Adds the constraint cli-prefer-<rsc> that sends the resource to <node>. Without a node, `force` moves it away from where it runs now (a cli-ban constraint). ' +
        'The lifetime is an ISO 8601 duration (PT1H: one hour, P1D: a day), given as a word or as lifetime=…; after it the constraint no longer applies. ' +
        '`resource clear <rsc>` removes the constraints; until then the resource stays where it was moved.'
      : 'Adds the constraint cli-ban-<rsc>-on-<node>; without a node, it bans the resource from where it runs now. The lifetime is an ISO 8601 duration (PT1H, P1D). `resource clear <rsc>` removes it.',
    examples: isMove ? ['move web node2', 'move web node2 PT1H', 'move web force', 'migrate web node2 lifetime=P1D'] : ['ban web node1', 'ban web node1 PT30M', 'ban db-clone'],
    run: async (args, inv) => {
      const p = parsePlacement(texts(args), def.usage);
      if (isMove && p.node === undefined && !p.force) {
        throw usage(def, "no target node: move needs a node, or 'force' to move the resource away from where it runs now");
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
    },
  };
  return def;
}

const clear: CommandDef = {
  name: 'clear',
  aliases: ['unmove', 'unban', 'unmigrate'],
  summary: 'remove the constraints move and ban left behind',
  usage: 'clear <rsc> [<node>]',
  args: [rscArg, nodeOpt],
  help: 'Removes the cli-prefer-* and cli-ban-* constraints of the resource (only those about <node>, when given), so it may run anywhere again.',
  examples: ['clear web', 'unmigrate web'],
  run: async (args, inv) => {
    const [rsc, node, ...extra] = texts(args);
    if (rsc === undefined) throw usage(clear, 'name a resource');
    if (extra.length > 0) throw usage(clear, `unexpected '${extra[0]}'`);
    await checkExistsForDryRun(inv, rsc);
    await toolOn(inv, R.clearArgv(rsc, node), true);
    if (!inv.ctx.options.dryRun) inv.ctx.io.err(`Removed migration constraints for ${rsc}${node !== undefined ? ` on ${node}` : ''}\n`);
  },
};

function historyCommand(name: 'cleanup' | 'refresh'): CommandDef {
  const def: CommandDef = {
    name,
    ...(name === 'refresh' ? { aliases: ['reprobe'] } : {}),
    summary: name === 'cleanup' ? "forget a resource's failures and fail counts" : "forget a resource's operation history and re-detect its state",
    usage: `${name} [<rsc>] [<node>] [force]`,
    args: [{ name: 'rsc', kind: 'resource', optional: true }, nodeOpt],
    options: ['force'],
    help:
      (name === 'cleanup'
        ? 'Clears failed operations and fail counts, so the cluster tries the resource again (`crm_resource --cleanup`). '
        : 'Deletes the operation history, so the cluster probes the resource again (`crm_resource --refresh`). ') +
      'Without a resource, every resource; without a node, every node. For a member of a group or a clone instance it applies to the whole group or clone unless `force` is given.',
    examples: [`${name}`, `${name} web`, `${name} web node1`],
    run: async (args, inv) => {
      const o = parseHistoryArgs(texts(args), def.usage);
      needsCluster(inv, name);
      if (o.rsc !== undefined) await checkExistsForDryRun(inv, o.rsc);
      print(inv, await toolOn(inv, name === 'cleanup' ? R.cleanupArgv(o) : R.refreshArgv(o), true));
    },
  };
  return def;
}

const locate: CommandDef = {
  name: 'locate',
  summary: 'show the nodes a resource runs on',
  usage: 'locate <rsc> [<rsc> ...]',
  args: [rscArgs],
  examples: ['locate web'],
  run: async (args, inv) => {
    for (const rsc of needResources(locate, args)) {
      // crm_resource says "is NOT running" on stderr
      const r = await inv.query(R.locateArgv(rsc)).catch(async (e: unknown) => {
        const m = e instanceof UserError ? R.missingResource(e.message) : undefined;
        throw m !== undefined ? await missing(inv, m) : e;
      });
      print(inv, r.stdout.trim() !== '' ? r.stdout : r.stderr);
    }
  },
};

const failcount: CommandDef = {
  name: 'failcount',
  summary: 'show, set or delete the fail count of a resource on a node',
  usage: 'failcount <rsc> show|set|delete <node> [<value>] [<operation> [<interval>]]',
  args: [rscArg, { name: 'action', kind: ATTR_ACTIONS }, { name: 'node', kind: 'node' }, { name: 'value', kind: 'text', optional: true }],
  help:
    'show: the fail count (the sum over its operations). delete: forget the failures (a clean-up of the resource on that node). ' +
    'set: the fail count of one operation; with one recorded failure that one, otherwise name the operation and, when it has several, its interval in seconds. Setting 0 sets every recorded one.',
  examples: ['failcount web show node1', 'failcount web delete node1', 'failcount web set node1 3 monitor 10'],
  run: async (args, inv) => {
    const [rsc, action, node, value, op, interval, ...extra] = texts(args);
    if (rsc === undefined || action === undefined || node === undefined) throw usage(failcount, 'failcount needs a resource, show|set|delete and a node');
    if (extra.length > 0) throw usage(failcount, `unexpected '${extra[0]}'`);
    const index = await loadIndex(inv);
    if (!index.has(rsc)) throw missingFrom(rsc, [...index.keys()]);
    switch (action) {
      case 'show':
      case 'get':
        if (value !== undefined) throw usage(failcount, 'show takes no value');
        print(inv, (await inv.query(R.failcountQueryArgv(rsc, node))).stdout);
        return;
      case 'delete':
        if (value !== undefined) throw usage(failcount, 'delete takes no value');
        needsCluster(inv, 'failcount delete');
        print(inv, (await inv.tool(R.failcountDeleteArgv(rsc, node))).stdout);
        return;
      case 'set': {
        if (value === undefined || !/^(\d+|INFINITY)$/.test(value)) throw usage(failcount, value === undefined ? 'set needs a value' : `'${value}' is not a fail count (a number or INFINITY)`);
        const found = await inv.query(R.nodeTransientArgv(node), { okCodes: [0, 105] });
        const plan = R.planFailcountSet(rsc, node, R.parseFailcounts(found.stdout, rsc), value, op, interval);
        if ('error' in plan) throw new UserError(plan.error, ExitCode.failed, plan.hint);
        if (plan.names.length === 0) inv.ctx.io.err(`${rsc} has no fail count on ${node}: nothing to set\n`);
        for (const name of plan.names) await inv.tool(R.failcountSetArgv(node, name, value));
        return;
      }
      default:
        throw usage(failcount, `'${action}' is not show, set or delete`);
    }
  },
};

function attrLevelCommand(kind: R.AttrKind): CommandDef {
  const what = kind === 'param' ? 'a parameter (instance attribute)' : kind === 'meta' ? 'a meta attribute' : 'a utilization attribute';
  const def: CommandDef = {
    name: kind,
    summary: `show, set or delete ${what} of a resource`,
    usage: `${kind} <rsc> show|set|delete <name> [<value>]`,
    args: [rscArg, { name: 'action', kind: ATTR_ACTIONS }, { name: 'name', kind: kind === 'param' ? 'param' : kind === 'meta' ? 'meta' : 'text' }, { name: 'value', kind: 'text', optional: true }],
    help: `Reads or changes ${what} with crm_resource${kind === 'meta' ? ' (on a cloned primitive without the attribute, crm_resource changes the clone)' : ''}. show exits 1 when the resource does not have it.`,
    examples:
      kind === 'param' ? ['param ip show ip', 'param ip set ip 192.168.122.120', 'param ip delete cidr_netmask'] : kind === 'meta' ? ['meta web show target-role', 'meta web set resource-stickiness 100', 'meta web delete resource-stickiness'] : ['utilization vm1 set memory 4096', 'utilization vm1 show memory'],
    run: async (args, inv) => attrCommand(kind, def, args, inv),
  };
  return def;
}

const constraints: CommandDef = {
  name: 'constraints',
  summary: 'show the location and colocation constraints of a resource',
  usage: 'constraints <rsc>',
  args: [rscArg],
  help: 'The location constraints and the colocation chain that decide where the resource may run (`crm_resource --constraints`).',
  examples: ['constraints web'],
  run: async (args, inv) => {
    const [rsc, ...extra] = texts(args);
    if (rsc === undefined) throw usage(constraints, 'name a resource');
    if (extra.length > 0) throw usage(constraints, `unexpected '${extra[0]}'`);
    const out = await toolOn(inv, R.constraintsArgv(rsc), false);
    if (out.trim() === '') inv.ctx.io.err(`${rsc} has no location or colocation constraints\n`);
    else print(inv, out);
  },
};

const operations: CommandDef = {
  name: 'operations',
  summary: 'show the operations the cluster has run on resources',
  usage: 'operations [<rsc>] [<node>]',
  args: [{ name: 'rsc', kind: 'resource', optional: true }, nodeOpt],
  help: 'The recorded operations (start, monitor, …) with their result, of every resource or of one, on every node or one (`crm_resource --list-operations`).',
  examples: ['operations', 'operations web', 'operations web node1'],
  run: async (args, inv) => {
    const [rsc, node, ...extra] = texts(args);
    if (extra.length > 0) throw usage(operations, `unexpected '${extra[0]}'`);
    const out = await toolOn(inv, R.operationsArgv(rsc, node), false);
    if (out.trim() === '') inv.ctx.io.err(`no operations recorded${rsc !== undefined ? ` for ${rsc}` : ''}${node !== undefined ? ` on ${node}` : ''}\n`);
    else print(inv, out);
  },
};

const scores: CommandDef = {
  name: 'scores',
  summary: 'show where each resource may run: the allocation scores',
  usage: 'scores',
  help: "The scheduler's scores of every resource on every node (crm_simulate on the CIB in use, which changes nothing): the highest wins, -INFINITY means never there. Promotion scores and utilization too, when there are any.",
  examples: ['scores'],
  run: async (args, inv) => {
    if (args.length > 0) throw usage(scores, `unexpected '${args[0]!.text}'`);
    const cib = await inv.query(R.CIB_QUERY_ARGV);
    const sim = await inv.query(R.SCORES_ARGV, { stdin: cib.stdout });
    inv.ctx.io.out(R.formatScores(R.parseScores(sim.stdout)));
  },
};

export const RESOURCE_LEVEL: LevelDef = {
  name: 'resource',
  aliases: ['rsc'],
  summary: 'start, stop, move and inspect resources',
  help:
    'What crmsh users do with `crm resource`: each command is a Pacemaker tool call (crm_resource, crm_failcount, crm_attribute, crm_simulate), ' +
    'shown instead of run under --dry-run. The commands work on the CIB in use: the live cluster, a CIB file (CIB_file) or a sandbox.',
  commands: [
    status,
    start,
    stop,
    restart,
    promoteCommand('promote'),
    promoteCommand('demote'),
    manageCommand('manage'),
    manageCommand('unmanage'),
    maintenance,
    placementCommand('move'),
    placementCommand('ban'),
    clear,
    historyCommand('cleanup'),
    historyCommand('refresh'),
    locate,
    failcount,
    attrLevelCommand('param'),
    attrLevelCommand('meta'),
    attrLevelCommand('utilization'),
    constraints,
    operations,
    scores,
  ],
};
