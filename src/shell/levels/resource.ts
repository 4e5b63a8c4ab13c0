/**
 * The `resource` level: crmsh's `crm resource` commands as data — words,
 * aliases, usage, help, examples, argument kinds. What each one does is in
 * ./resource-commands.ts, loaded on first use (every Pacemaker call it makes
 * is shown instead of run under --dry-run).
 */
import type { CommandDef, LevelDef } from '../tree.js';
import type { HandlerName } from './resource-commands.js';

/** A command whose work is loaded when it first runs. */
function command(def: Omit<CommandDef, 'run'>, handler: HandlerName = def.name as HandlerName): CommandDef {
  return {
    ...def,
    run: async (args, inv) => {
      const { HANDLERS } = await import('./resource-commands.js');
      return HANDLERS[handler](args, inv, def.usage);
    },
  };
}

const rscArg = { name: 'rsc', kind: 'resource' } as const;
const rscArgs = { name: 'rsc', kind: 'resource', repeat: true } as const;
const nodeOpt = { name: 'node', kind: 'node', optional: true } as const;
const ATTR_ACTIONS = ['show', 'set', 'delete'] as const;

const DEEP_HELP =
  "The attribute goes on the outermost resource: naming a cloned primitive sets it on the clone (and removes the primitive's own), naming a member of a group sets it on that member. " +
  "When a group's members set the attribute themselves, you are asked whether to override them (--force answers yes; off a terminal the answer is no). A tag stands for its resources.";

const role = (name: 'start' | 'stop', value: string): CommandDef =>
  command({
    name,
    summary: `${name} resources (target-role=${value})`,
    usage: `${name} <rsc> [<rsc> ...]`,
    args: [rscArgs],
    help: `Sets the meta attribute target-role=${value}, as crmsh does. ${DEEP_HELP}`,
    examples: [`${name} web`, `${name} web-group db-clone`],
  });

const promotion = (name: 'promote' | 'demote'): CommandDef => {
  const r = name === 'promote' ? 'Promoted' : 'Unpromoted';
  return command({
    name,
    summary: `${name} a promotable clone (target-role=${r})`,
    usage: `${name} <rsc>`,
    args: [rscArg],
    help: `Sets target-role=${r} on a promotable clone (\`ms\`); on a CIB whose schema is older than pacemaker-3.7 the old name (${name === 'promote' ? 'Master' : 'Slave'}) is written.`,
    examples: [`${name} db-clone`],
  });
};

const managed = (name: 'manage' | 'unmanage'): CommandDef =>
  command({
    name,
    summary: name === 'manage' ? 'let the cluster manage a resource again (is-managed=true)' : 'leave a resource alone: no starts, stops or recovery (is-managed=false)',
    usage: `${name} <rsc>`,
    args: [rscArgs],
    help: `Sets the meta attribute is-managed=${name === 'manage'}. is-managed and maintenance contradict each other: when the resource has maintenance set, you are asked whether to remove it. ${DEEP_HELP}`,
    examples: [`${name} web`],
  });

const placement = (name: 'move' | 'ban'): CommandDef => {
  const isMove = name === 'move';
  return command({
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
  });
};

const history = (name: 'cleanup' | 'refresh'): CommandDef =>
  command({
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
  });

const attributes = (kind: 'param' | 'meta' | 'utilization'): CommandDef => {
  const what = kind === 'param' ? 'a parameter (instance attribute)' : kind === 'meta' ? 'a meta attribute' : 'a utilization attribute';
  return command({
    name: kind,
    summary: `show, set or delete ${what} of a resource`,
    usage: `${kind} <rsc> show|set|delete <name> [<value>]`,
    args: [rscArg, { name: 'action', kind: ATTR_ACTIONS }, { name: 'name', kind: kind === 'param' ? 'param' : kind === 'meta' ? 'meta' : 'text' }, { name: 'value', kind: 'text', optional: true }],
    help: `Reads or changes ${what} with crm_resource${kind === 'meta' ? ' (on a cloned primitive without the attribute, crm_resource changes the clone)' : ''}. show exits 1 when the resource does not have it.`,
    examples:
      kind === 'param'
        ? ['param ip show ip', 'param ip set ip 192.168.122.120', 'param ip delete cidr_netmask']
        : kind === 'meta'
          ? ['meta web show target-role', 'meta web set resource-stickiness 100', 'meta web delete resource-stickiness']
          : ['utilization vm1 set memory 4096', 'utilization vm1 show memory'],
  });
};

export const RESOURCE_LEVEL: LevelDef = {
  name: 'resource',
  aliases: ['rsc'],
  summary: 'start, stop, move and inspect resources',
  help:
    'What crmsh users do with `crm resource`: each command is a Pacemaker tool call (crm_resource, crm_failcount, crm_attribute, crm_simulate), ' +
    'shown instead of run under --dry-run. The commands work on the CIB in use: the live cluster, a CIB file (CIB_file) or a sandbox.',
  commands: [
    command({
      name: 'status',
      aliases: ['show', 'list'],
      summary: 'show resources and where they run',
      usage: 'status [<rsc> ...]',
      args: [{ name: 'rsc', kind: 'resource', optional: true, repeat: true }],
      help: 'The resources part of the cluster status (crm_mon): groups with their members, clones with the nodes of their instances, and for each primitive its role and node. With resource names, only those (and what they contain).',
      examples: ['status', 'status web-group', 'list'],
    }),
    role('start', 'Started'),
    role('stop', 'Stopped'),
    command({
      name: 'restart',
      summary: 'stop resources, wait until they are stopped, start them again',
      usage: 'restart <rsc> [<rsc> ...]',
      args: [rscArgs],
      help:
        'Stops the resources (target-role=Stopped), waits until the cluster has carried out everything it had to do (`crm_resource --wait`), then starts them (target-role=Started), saying what it does on the way. ' +
        'On a CIB file or a sandbox there is no cluster to wait for: both changes are made one after the other.',
      examples: ['restart web-group'],
    }),
    promotion('promote'),
    promotion('demote'),
    managed('manage'),
    managed('unmanage'),
    command({
      name: 'maintenance',
      summary: 'per-resource maintenance mode: not monitored, not managed',
      usage: 'maintenance <rsc> [on|off|true|false]',
      args: [rscArg, { name: 'on|off', kind: ['on', 'off', 'true', 'false'], optional: true }],
      help: `Sets the meta attribute maintenance (default on). While it is on the cluster neither monitors nor manages the resource. When the resource has is-managed set, you are asked whether to remove it. ${DEEP_HELP}`,
      examples: ['maintenance web', 'maintenance web off'],
    }),
    placement('move'),
    placement('ban'),
    command({
      name: 'clear',
      aliases: ['unmove', 'unban', 'unmigrate'],
      summary: 'remove the constraints move and ban left behind',
      usage: 'clear <rsc> [<node>]',
      args: [rscArg, nodeOpt],
      help: 'Removes the cli-prefer-* and cli-ban-* constraints of the resource (only those about <node>, when given), so it may run anywhere again.',
      examples: ['clear web', 'unmigrate web'],
    }),
    history('cleanup'),
    history('refresh'),
    command({
      name: 'locate',
      summary: 'show the nodes a resource runs on',
      usage: 'locate <rsc> [<rsc> ...]',
      args: [rscArgs],
      examples: ['locate web'],
    }),
    command({
      name: 'failcount',
      summary: 'show, set or delete the fail count of a resource on a node',
      usage: 'failcount <rsc> show|set|delete <node> [<value>] [<operation> [<interval>]]',
      args: [rscArg, { name: 'action', kind: ATTR_ACTIONS }, { name: 'node', kind: 'node' }, { name: 'value', kind: 'text', optional: true }],
      help:
        'show: the fail count (the sum over its operations). delete: forget the failures (a clean-up of the resource on that node). ' +
        'set: the fail count of one operation; with one recorded failure that one, otherwise name the operation and, when it has several, its interval in seconds. Setting 0 sets every recorded one.',
      examples: ['failcount web show node1', 'failcount web delete node1', 'failcount web set node1 3 monitor 10'],
    }),
    attributes('param'),
    attributes('meta'),
    attributes('utilization'),
    command({
      name: 'constraints',
      summary: 'show the location and colocation constraints of a resource',
      usage: 'constraints <rsc>',
      args: [rscArg],
      help: 'The location constraints and the colocation chain that decide where the resource may run (`crm_resource --constraints`).',
      examples: ['constraints web'],
    }),
    command({
      name: 'operations',
      summary: 'show the operations the cluster has run on resources',
      usage: 'operations [<rsc>] [<node>]',
      args: [{ name: 'rsc', kind: 'resource', optional: true }, nodeOpt],
      help: 'The recorded operations (start, monitor, …) with their result, of every resource or of one, on every node or one (`crm_resource --list-operations`).',
      examples: ['operations', 'operations web', 'operations web node1'],
    }),
    command({
      name: 'scores',
      summary: 'show where each resource may run: the allocation scores',
      usage: 'scores',
      help: "The scheduler's scores of every resource on every node (crm_simulate on the CIB in use, which changes nothing): the highest wins, -INFINITY means never there. Promotion scores and utilization too, when there are any.",
      examples: ['scores'],
    }),
  ],
};
