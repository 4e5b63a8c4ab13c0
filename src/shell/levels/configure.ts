/**
 * The `configure` level: every statement of the crm configure language
 * (parsed and applied by the shell itself) and the commands that work on
 * the configure session (show, load, commit, …). Statements and session
 * commands change only the session's working CIB; `commit` sends it.
 */
import type { CommandDef, Invocation, LevelDef } from '../tree.js';
import type { Word } from '../words.js';
import { runConfigureCommand } from '../configure-commands.js';

/** Run one of the session commands of configure-commands.ts with this invocation. */
function session(name: string): CommandDef['run'] {
  return async (args: Word[], inv: Invocation) => {
    const r = await runConfigureCommand(name, args, {
      ctx: inv.ctx,
      session: await inv.shell.session(),
      sources: inv.sources,
      file: inv.file,
      line: inv.line,
      inScript: !inv.shell.interactive,
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
  statement('schema', 'set the CIB schema (validate-with)', 'schema <pacemaker-x.y>', ['schema pacemaker-3.9']),
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
      run: session('show'),
    },
    {
      name: 'save',
      summary: 'write the configuration to a file (`-` for stdout)',
      usage: 'save [xml] <file>',
      args: [{ name: 'file', kind: 'file' }],
      options: ['xml'],
      examples: ['save /root/cluster.crm', 'save xml /root/cib.xml'],
      touches: 'session',
      run: session('save'),
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
      run: session('load'),
    },
    {
      name: 'verify',
      summary: 'check the configuration: our checks and crm_verify',
      usage: 'verify',
      touches: 'session',
      run: session('verify'),
    },
    {
      name: 'delete',
      aliases: ['remove', 'rm'],
      summary: 'delete objects (and the constraints that only referenced them)',
      usage: 'delete <id> [<id> ...]',
      args: [{ name: 'id', kind: 'object', repeat: true }],
      examples: ['delete WebSite'],
      touches: 'session',
      run: session('delete'),
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
      run: session('rename'),
    },
    {
      name: 'commit',
      summary: 'send the changes to the CIB as one versioned patch',
      usage: 'commit [force]',
      help: 'In a script (`hash -f`) changes are committed once, when the script ends, or before a command that needs the cluster to have them.',
      options: ['force'],
      touches: 'session',
      run: session('commit'),
    },
    {
      name: 'erase',
      summary: 'remove all resources and constraints (and nodes with `erase nodes`)',
      usage: 'erase [nodes]',
      options: ['nodes'],
      touches: 'session',
      run: session('erase'),
    },
  ],
};
