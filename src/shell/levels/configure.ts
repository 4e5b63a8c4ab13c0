/**
 * The `configure` level: every statement of the crm configure language
 * (parsed and applied by the shell itself) and the commands that work on
 * the configure session (show, load, commit, …). Statements and session
 * commands change only the session's working CIB; `commit` sends it.
 */
import type { CommandDef, Invocation, LevelDef } from '../tree.js';
import type { Word } from '../words.js';

/** Run one of the session commands of configure-commands.ts with this invocation. */
export function sessionCommand(name: string): CommandDef['run'] {
  return async (args: Word[], inv: Invocation) => {
    // the configure commands (and the CIB model) load when first used, not at start-up
    const { runConfigureCommand } = await import('../configure-commands.js');
    const r = await runConfigureCommand(name, args, {
      ctx: inv.ctx,
      session: await inv.shell.session(),
      sources: inv.sources,
      file: inv.file,
      line: inv.line,
      inScript: !inv.shell.interactive,
      inv,
    });
    return { diagnostics: r.diagnostics };
  };
}

const notCalled = async (): Promise<void> => {
  throw new Error('statements are applied by the shell, not run');
};

function statement(name: string, summary: string, usage: string, examples: string[], aliases?: string[]): CommandDef {
  return { name, aliases, summary, usage, examples, statement: true, touches: 'session', run: notCalled };
}

/** The statements of the language, with the usage crmsh users know. */
export const STATEMENTS: CommandDef[] = [
  statement('node', 'define a node with attributes and utilization', 'node [$id=<id>] <uname>[:normal|member|ping|remote] [description=<text>] [attributes <n>=<v> ...] [utilization <n>=<v> ...]', ['node node1 attributes standby=off']),
  statement('primitive', 'define a resource', 'primitive <id> {[<class>:[<provider>:]]<type>|@<template>} [description=<text>] [params <n>=<v> ...] [meta <n>=<v> ...] [utilization <n>=<v> ...] [op <action> <n>=<v> ...]', [
    'primitive ClusterIP ocf:heartbeat:IPaddr2 params ip=192.168.122.101 cidr_netmask=32 op monitor interval=30s',
  ]),
  statement('monitor', 'add a monitor operation to a primitive', 'monitor <rsc>[:<role>] <interval>[:<timeout>]', ['monitor WebSite 60s:30s']),
  statement('rsc_template', 'define a resource template', 'rsc_template <id> [<class>:[<provider>:]]<type> [params ...] [meta ...] [op ...]', ['rsc_template vm-template ocf:heartbeat:VirtualDomain params hypervisor=qemu:///system']),
  statement('group', 'define a group of resources started in order', 'group <id> <rsc> [<rsc> ...] [description=<text>] [meta <n>=<v> ...] [params <n>=<v> ...]', ['group web-group ClusterIP WebSite']),
  statement('clone', 'define a clone', 'clone <id> <rsc> [description=<text>] [meta <n>=<v> ...] [params <n>=<v> ...]', ['clone ping-clone ping meta interleave=true']),
  statement('ms', 'define a promotable clone (written as <clone promotable=true>)', 'ms <id> <rsc> [description=<text>] [meta <n>=<v> ...] [params <n>=<v> ...]', [
    'ms WebDataClone WebData meta master-max=1 master-node-max=1 clone-max=2 clone-node-max=1 notify=true',
  ], ['master']),
  statement('bundle', 'define a container bundle', 'bundle <id> docker|podman|rkt <n>=<v> ... [network <n>=<v> ... [port-mapping <n>=<v> ...]] [storage storage-mapping <n>=<v> ...] [primitive <rsc>] [meta <n>=<v> ...]', [
    'bundle httpd-bundle docker image=pcmk:httpd replicas=3 network ip-range-start=192.168.122.131 primitive httpd',
  ]),
  statement('location', 'define where a resource may or should run', 'location <id> <rsc> {<score>: <node> | rule [$role=<role>] <score>: <expression>} [resource-discovery=always|never|exclusive]', [
    'location prefer-node1 WebSite 50: node1',
    'location no-ping WebSite rule -inf: not_defined pingd or pingd lte 0',
  ]),
  statement('colocation', 'define which resources run together', 'colocation <id> <score>: <rsc>[:<role>] <rsc>[:<role>] ... [node-attribute=<attr>]', ['colocation website-with-ip INFINITY: WebSite ClusterIP'], ['collocation']),
  statement('order', 'define in which order resources start', 'order <id> [{kind|<score>}:] <rsc>[:<action>] <rsc>[:<action>] ... [symmetrical=<bool>]', ['order apache-after-ip Mandatory: ClusterIP WebSite']),
  statement('rsc_ticket', 'make resources depend on a ticket', 'rsc_ticket <id> <ticket>: <rsc>[:<role>] ... [loss-policy=stop|demote|fence|freeze]', ['rsc_ticket ticketA-web ticketA: WebSite loss-policy=stop']),
  statement('property', 'set cluster options', 'property [<set-id>:] [$id=<id>] <name>=<value> ...', ['property stonith-enabled=false no-quorum-policy=ignore']),
  statement('rsc_defaults', 'set resource meta attribute defaults', 'rsc_defaults [<set-id>:] <name>=<value> ...', ['rsc_defaults resource-stickiness=100']),
  statement('op_defaults', 'set operation defaults', 'op_defaults [<set-id>:] <name>=<value> ...', ['op_defaults timeout=60s']),
  statement('fencing_topology', 'define fencing levels', 'fencing_topology [<target>:] <device>[,<device>...] ...', ['fencing_topology node1: ipmi-1 node2: ipmi-2']),
  statement('tag', 'name a set of resources', 'tag <id>: <rsc> [<rsc> ...]', ['tag web: ClusterIP WebSite']),
  statement('user', 'access rights of a user (ACL)', 'user <uid> {roles|read|write|deny} ...', ['user alice read xpath:"//nodes"']),
  statement('role', 'an ACL role', 'role <id> {read|write|deny} {xpath:<x>|ref:<id>|tag:<t>} ...', ['role monitor read xpath:"/cib"']),
  statement('acl_target', 'ACL target (user) with roles', 'acl_target <uid> [<role> ...]', ['acl_target alice monitor']),
  statement('acl_group', 'ACL group with roles', 'acl_group <gid> [<role> ...]', ['acl_group ops monitor']),
  statement('alert', 'define an alert agent', 'alert <id> <path> [attributes <n>=<v> ...] [meta <n>=<v> ...] [select ...] [to <recipient> ...]', ['alert mail /usr/share/pacemaker/alerts/alert_smtp.sh to admin@example.com']),
  statement('xml', 'add raw CIB XML', 'xml <xml>', ['xml <primitive id="d" class="ocf" provider="pacemaker" type="Dummy"/>']),
];

export const CONFIGURE_LEVEL: LevelDef = {
  name: 'configure',
  aliases: ['cfg'],
  summary: 'edit the CIB in the crm configure language',
  help:
    'Changes made here go to a working copy of the CIB and are sent with `commit` as one versioned patch ' +
    'against the CIB the session started from: concurrent changes to other objects are kept, a change to the ' +
    'same object is refused with both versions shown. Given on the command line (`hash configure`), the session ' +
    'commits on exit, as in crmsh; a single `configure <statement>` line at the top level commits at once.',
  sublevels: ['cib', 'ra'],
  commands: [
    ...STATEMENTS,
    {
      name: 'show',
      summary: 'show the configuration, or some objects of it',
      usage: 'show [xml] [changed] [<id> ...] [type:<type> ...]',
      args: [{ name: 'id', kind: 'object', optional: true, repeat: true }],
      options: ['xml', 'changed', 'type:'],
      examples: ['show', 'show WebSite', 'show type:primitive', 'show changed'],
      touches: 'session',
      run: sessionCommand('show'),
    },
    {
      name: 'save',
      summary: 'write the configuration to a file (`-` for stdout)',
      usage: 'save [xml] <file>',
      args: [{ name: 'file', kind: 'file' }],
      options: ['xml'],
      examples: ['save /root/cluster.crm', 'save xml /root/cib.xml'],
      touches: 'session',
      run: sessionCommand('save'),
    },
    {
      name: 'load',
      summary: 'load configure statements (or CIB XML) from a file (`-` for stdin)',
      usage: 'load [xml] update|replace|push <file>',
      args: [
        { name: 'mode', kind: ['update', 'replace', 'push', 'xml'] },
        { name: 'file', kind: 'file' },
      ],
      examples: ['load update /root/cluster.crm', 'load xml replace /root/cib.xml'],
      touches: 'session',
      run: sessionCommand('load'),
    },
    {
      name: 'verify',
      summary: 'check the configuration: our checks and crm_verify',
      usage: 'verify',
      touches: 'session',
      run: sessionCommand('verify'),
    },
    {
      name: 'edit',
      summary: 'edit the configuration (or some objects) in your editor',
      usage: 'edit [<id> ...] [type:<type> ...] [changed]',
      help:
        'Opens the configuration as configure text in your editor: the `editor` option, else $VISUAL, else $EDITOR, else vi. When you save ' +
        'and quit, the text replaces what was shown: changed objects are replaced, new ones added, and objects you ' +
        'removed from the text are deleted (with constraints left without a resource). A text with errors opens ' +
        'again with the errors as `#` comments at the top, or is discarded if you say so (your text is kept in a ' +
        'file). Quitting without saving changes nothing. Needs a terminal; elsewhere use `save FILE`, change FILE, ' +
        '`load update FILE`. The changes are pending until `commit`.',
      args: [{ name: 'id', kind: 'object', optional: true, repeat: true }],
      options: ['type:', 'changed'],
      examples: ['edit', 'edit WebSite', 'edit type:location', 'edit changed'],
      touches: 'session',
      run: sessionCommand('edit'),
    },
    {
      name: 'delete',
      aliases: ['remove', 'rm'],
      summary: 'delete objects (and the constraints that only referenced them)',
      usage: 'delete <id> [<id> ...] [--force]',
      help:
        'A resource that is running is not deleted (deleting it would stop it once committed) unless `--force` is ' +
        'given; whether it runs is asked of the CIB in use (crm_mon). Deleting a group, clone or bundle keeps its ' +
        'members as top-level resources, and constraints on the container move to its first member, as in crmsh. ' +
        'Deleting a template deletes the primitives made from it. A deleted resource leaves resource sets and tags; ' +
        'a constraint left without its resource (or a colocation or order with fewer than two) is deleted.',
      args: [{ name: 'id', kind: 'object', repeat: true }],
      options: ['--force'],
      examples: ['delete WebSite', 'delete --force WebSite WebSite-location'],
      touches: 'session',
      run: sessionCommand('delete'),
    },
    {
      name: 'rename',
      summary: 'rename an object and every reference to it',
      usage: 'rename <old-id> <new-id>',
      args: [
        { name: 'old-id', kind: 'object' },
        { name: 'new-id', kind: 'text' },
      ],
      examples: ['rename WebSite web'],
      touches: 'session',
      run: sessionCommand('rename'),
    },
    {
      name: 'modgroup',
      summary: 'add a primitive to a group, or take one out',
      usage: 'modgroup <group> add <rsc> [after <rsc>|before <rsc>] | modgroup <group> remove <rsc>',
      help: '`add` appends the primitive to the group unless `after` or `before` names a member. `remove` takes it out of the group; it stays, as a top-level resource.',
      args: [
        { name: 'group', kind: 'group' },
        { name: 'add|remove', kind: ['add', 'remove'] },
        { name: 'rsc', kind: 'primitive' },
        { name: 'after|before', kind: ['after', 'before'], optional: true },
        { name: 'member', kind: 'primitive', optional: true },
      ],
      examples: ['modgroup web-group add WebFS before WebSite', 'modgroup web-group remove WebFS'],
      touches: 'session',
      run: sessionCommand('modgroup'),
    },
    {
      name: 'set',
      summary: 'set the value of an attribute that exists',
      usage: 'set <id>.[<op>.[<interval>.]]<name> <value>',
      help:
        'The path starts with an object id and ends with the attribute name: `id.name` for a parameter, meta ' +
        'attribute, utilization value or property; `id.op.name` for an attribute of the operation of that name, ' +
        'with its interval (`id.monitor.10s.name`) when there are several. A parameter or meta attribute must exist ' +
        'already; operation attributes are added when missing.',
      args: [
        { name: 'path', kind: 'text' },
        { name: 'value', kind: 'text' },
      ],
      examples: ['set vip1.ip 192.168.20.5', 'set vip1.monitor.on-fail ignore', 'set drbd.monitor.10s.interval 20s', 'set cib-bootstrap-options.stonith-enabled false'],
      touches: 'session',
      run: sessionCommand('set'),
    },
    {
      name: 'refresh',
      summary: 'drop the pending changes and read the CIB again',
      usage: 'refresh',
      help: 'Interactively, asks first when there are pending changes.',
      touches: 'session',
      run: sessionCommand('refresh'),
    },
    {
      name: 'simulate',
      aliases: ['ptest'],
      summary: 'show what the cluster would do if the pending changes were committed',
      usage: 'simulate [nograph] [scores] [actions] [utilization] [v...]',
      help:
        "Runs crm_simulate on the pending configuration with the cluster's current status and lists what would " +
        'start, stop, move, migrate, promote, demote, restart or be fenced. `actions` (or `v`) adds every step of ' +
        'the transition, `scores` the allocation scores, `utilization` node capacities. Nothing is changed; ' +
        '`nograph` is accepted for crmsh scripts (hash draws no graphs).',
      options: ['nograph', 'scores', 'actions', 'utilization'],
      examples: ['simulate', 'simulate actions', 'ptest scores'],
      touches: 'session',
      run: sessionCommand('simulate'),
    },
    {
      name: 'schema',
      summary: 'show or set the schema the CIB validates with',
      usage: 'schema [<schema>]',
      help: 'Without an argument, prints validate-with of the pending configuration. With one, sets it (like the `schema` statement of a configure file); Pacemaker checks the configuration against it at commit. `upgrade` moves the CIB to the newest schema instead.',
      args: [{ name: 'schema', kind: ['pacemaker-3.0', 'pacemaker-3.5', 'pacemaker-3.7', 'pacemaker-3.9'], optional: true }],
      examples: ['schema', 'schema pacemaker-3.7'],
      touches: 'session',
      run: sessionCommand('schema'),
    },
    {
      name: 'upgrade',
      summary: "upgrade the CIB to the newest schema Pacemaker knows (cibadmin --upgrade)",
      usage: 'upgrade [force]',
      help:
        'Changes the CIB in use at once (not the pending configuration), so there must be no pending changes. ' +
        'Asks first (older Pacemaker versions may not read the result); `force` or --force answers yes.',
      options: ['force'],
      examples: ['upgrade', 'upgrade force'],
      touches: 'cluster',
      run: sessionCommand('upgrade'),
    },
    {
      name: 'commit',
      summary: 'send the changes to the CIB as one versioned patch',
      usage: 'commit [force]',
      help:
        'When someone else changed the same objects since the session read the CIB, the commit is refused and both ' +
        'versions are shown; `commit force` applies ours over theirs. Changes to other objects are always kept. ' +
        'In a script (`hash -f`) changes are committed once, when the script ends, or before a command that needs ' +
        'the cluster to have them (`commit force` there makes that commit forced).',
      options: ['force'],
      touches: 'session',
      run: sessionCommand('commit'),
    },
    {
      name: 'erase',
      summary: 'remove all resources and constraints (and nodes with `erase nodes`)',
      usage: 'erase [nodes]',
      options: ['nodes'],
      touches: 'session',
      run: sessionCommand('erase'),
    },
  ],
};
