/**
 * The `ra` level: the resource agents installed on the node — classes,
 * providers, the agents of a class, and an agent's documentation (its
 * parameters and the operation timeouts it advises), as `crm ra` shows them.
 * Everything comes from crm_resource through src/pacemaker/ra.ts; agent
 * metadata is cached on disk, so `ra info` of a known agent costs no process.
 */
import { suggest } from '../../../grammar/suggest.js';
import { ExecError } from '../../exec/types.js';
import { agentMetadata, listAgents, listAllAgents, listClasses, listProviders, resolveAgent, type AgentMetadata } from '../../pacemaker/ra.js';
import { ExitCode, UsageError, UserError } from '../errors.js';
import type { CommandDef, Invocation, LevelDef } from '../tree.js';
import type { Word } from '../words.js';

/** crm_resource could not run at all: the tools are missing, not the agent. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ExecError) throw new UserError(`cannot list resource agents: ${e.message}`, ExitCode.unreachable, e.hint);
    throw e;
  }
}

function noMore(words: Word[], usage: string): void {
  if (words.length > 0) throw new UsageError(`unexpected ${words.map((w) => `'${w.text}'`).join(' ')}`, `usage: ${usage}`);
}

const didYouMean = (word: string, candidates: Iterable<string>): string => {
  const s = suggest(word, candidates);
  return s ? `did you mean '${s}'?` : '';
};

/**
 * Words in rows of columns, left to right, as crm prints agent lists; one
 * per line when `width` is undefined (not a terminal: easy to read in scripts).
 *
 * @example
 *   columns(['a', 'bb', 'c'], 10); // 'a   bb  c\n'
 */
export function columns(items: readonly string[], width?: number): string {
  if (items.length === 0) return '';
  if (width === undefined) return items.map((i) => `${i}\n`).join('');
  const col = Math.max(...items.map((i) => i.length)) + 2;
  const perRow = Math.max(1, Math.floor((width + 2) / col));
  let out = '';
  for (let i = 0; i < items.length; i += perRow) {
    out += `${items
      .slice(i, i + perRow)
      .map((s) => s.padEnd(col))
      .join('')
      .trimEnd()}\n`;
  }
  return out;
}

function terminalWidth(inv: Invocation): number | undefined {
  return inv.ctx.io.isTTY ? (process.stdout.columns ?? 80) : undefined;
}

// ---------------------------------------------------------------- classes, list, providers

async function runClasses(args: Word[], inv: Invocation): Promise<void> {
  noMore(args, 'classes');
  const classes = await guarded(() => listClasses(inv.ctx.executor));
  const providers = classes.includes('ocf') ? await guarded(() => listProviders(inv.ctx.executor)) : [];
  for (const cls of [...classes].sort()) {
    inv.ctx.io.out(cls === 'ocf' && providers.length > 0 ? `ocf / ${[...providers].sort().join(' ')}\n` : `${cls}\n`);
  }
}

const LIST_USAGE = 'list <class> [<provider>]';

/** The class exists on this node, or a UserError naming the ones that do. */
async function checkClass(inv: Invocation, cls: string): Promise<void> {
  const classes = await guarded(() => listClasses(inv.ctx.executor));
  if (!classes.includes(cls)) {
    throw new UserError(`there is no resource agent class '${cls}' on this node`, ExitCode.failed, `${didYouMean(cls, classes)} classes: ${classes.join(', ')}`.trim());
  }
}

async function checkProvider(inv: Invocation, provider: string): Promise<void> {
  const providers = await guarded(() => listProviders(inv.ctx.executor));
  if (!providers.includes(provider)) {
    throw new UserError(`there is no OCF provider '${provider}' on this node`, ExitCode.failed, `${didYouMean(provider, providers)} providers: ${providers.join(', ')}`.trim());
  }
}

async function runList(args: Word[], inv: Invocation): Promise<void> {
  const [first, second, ...rest] = args;
  if (!first) throw new UsageError('name a class', `usage: ${LIST_USAGE} (\`classes\` lists them)`);
  noMore(rest, LIST_USAGE);
  // `list ocf pacemaker` and `list ocf:pacemaker` are the same
  let [cls, provider] = first.text.split(':', 2) as [string, string | undefined];
  if (second) {
    if (provider !== undefined) throw new UsageError(`unexpected '${second.text}'`, `usage: ${LIST_USAGE}`);
    provider = second.text;
  }
  if (provider !== undefined && cls !== 'ocf') throw new UsageError(`only ocf agents have providers, not ${cls} agents`, `usage: ${LIST_USAGE}`);
  const agents = await guarded(() => listAgents(inv.ctx.executor, cls, provider));
  if (agents.length === 0) {
    // one process when all is well; the lists that say what is wrong only when nothing came back
    await checkClass(inv, cls);
    if (provider !== undefined) await checkProvider(inv, provider);
    inv.ctx.io.err(`no ${provider ? `${cls}:${provider}` : cls} agents are installed\n`);
    return;
  }
  inv.ctx.io.out(columns([...agents].sort(), terminalWidth(inv)));
}

const PROVIDERS_USAGE = 'providers <type> [<class>]';

async function runProviders(args: Word[], inv: Invocation): Promise<void> {
  const [typeWord, classWord, ...rest] = args;
  if (!typeWord) throw new UsageError('name an agent type', `usage: ${PROVIDERS_USAGE}`);
  noMore(rest, PROVIDERS_USAGE);
  const cls = classWord?.text ?? 'ocf';
  if (cls !== 'ocf') {
    await checkClass(inv, cls);
    throw new UsageError(`only ocf agents have providers, not ${cls} agents`, `usage: ${PROVIDERS_USAGE}`);
  }
  const providers = await guarded(() => listProviders(inv.ctx.executor, typeWord.text));
  if (providers.length === 0) {
    const all = (await guarded(() => listAllAgents(inv.ctx.executor))).filter((s) => s.startsWith('ocf:')).map((s) => s.split(':')[2]!);
    throw new UserError(`no OCF provider ships an agent '${typeWord.text}'`, ExitCode.failed, didYouMean(typeWord.text, new Set(all)) || '`ra list ocf` lists the OCF agents');
  }
  inv.ctx.io.out(`${[...providers].sort().join(' ')}\n`);
}

// ---------------------------------------------------------------- info

const INFO_USAGE = 'info [<class>:[<provider>:]]<type>';

async function runInfo(args: Word[], inv: Invocation): Promise<void> {
  const [first, ...rest] = args;
  if (!first) throw new UsageError('name an agent', `usage: ${INFO_USAGE}`);
  // crm's older form: info <type> <class> [<provider>]
  let typed = first.text;
  if (rest.length > 0) {
    if (rest.length > 2 || first.text.includes(':')) throw new UsageError(`unexpected ${rest.map((w) => `'${w.text}'`).join(' ')}`, `usage: ${INFO_USAGE}`);
    typed = [rest[0]!.text, ...(rest[1] ? [rest[1].text] : []), first.text].join(':');
  }
  const ex = inv.ctx.executor;
  const found = await guarded(() => resolveAgent(ex, typed));
  if (!found.ok) {
    if (found.reason === 'ambiguous') throw new UserError(`'${typed}' is shipped by several providers: ${found.specs.join(', ')}`, ExitCode.failed, 'name the one you mean');
    throw await unknownAgent(inv, typed);
  }
  const md = await guarded(() => agentMetadata(ex, found.spec));
  if (!md) throw await unknownAgent(inv, found.spec);
  inv.ctx.io.out(formatAgentInfo(md, terminalWidth(inv) ?? 80));
}

async function unknownAgent(inv: Invocation, spec: string): Promise<UserError> {
  const all = await guarded(() => listAllAgents(inv.ctx.executor));
  const full = spec.includes(':') ? spec : `ocf:heartbeat:${spec}`;
  const near = suggest(full, all) ?? suggest(spec, all.map((s) => s.split(':').pop()!));
  return new UserError(`no resource agent '${spec}' is installed on this node`, ExitCode.failed, near ? `did you mean '${near}'?` : '`ra classes` and `ra list <class>` show what is installed');
}

/** Actions every agent has that say nothing about operating it. */
const HIDDEN_ACTIONS = new Set(['meta-data', 'validate-all', 'usage']);

/**
 * An agent's documentation as `crm ra info` prints it: the title line, the
 * long description, the parameters (`*` required, `[...]` default, unique and
 * deprecated marked) with their descriptions, and the operations' advised
 * timeouts and intervals.
 *
 * @example
 *   formatAgentInfo(md, 80);
 *   // Manages virtual IPv4 and IPv6 addresses … (ocf:heartbeat:IPaddr2)
 *   // …
 *   // Parameters (*: required, []: default):
 *   //
 *   // ip* (string, unique): IPv4 or IPv6 address
 *   //     The IPv4 (dotted quad notation) or IPv6 address …
 */
export function formatAgentInfo(md: AgentMetadata, width = 80): string {
  const out: string[] = [];
  out.push(`${md.shortdesc ? `${md.shortdesc} ` : ''}(${md.spec})`, '');
  if (md.longdesc && md.longdesc !== md.shortdesc) out.push(...wrapText(md.longdesc, width, ''), '');

  if (md.parameters.length > 0) {
    out.push('Parameters (*: required, []: default):', '');
    const replacedBy = new Map(md.parameters.filter((p) => p.obsoletes).map((p) => [p.obsoletes!, p.name]));
    for (const p of md.parameters) {
      const facts = [p.type ?? 'string'];
      if (p.default !== undefined && p.default !== '') facts.push(`[${p.default}]`);
      if (p.unique) facts.push('unique');
      if (p.deprecated || replacedBy.has(p.name)) facts.push(replacedBy.has(p.name) ? `deprecated: use ${replacedBy.get(p.name)}` : 'deprecated');
      out.push(`${p.name}${p.required ? '*' : ''} (${facts.join(', ')}): ${p.shortdesc ?? ''}`.trimEnd());
      if (p.longdesc && p.longdesc !== p.shortdesc) out.push(...wrapText(p.longdesc, width, '    '));
      out.push('');
    }
  }

  const actions = md.actions.filter((a) => !HIDDEN_ACTIONS.has(a.name));
  if (actions.length > 0) {
    out.push("Operations' defaults (advisory minimum):", '');
    const pad = Math.max(13, ...actions.map((a) => a.name.length + 1));
    for (const a of actions) {
      const attrs: string[] = [];
      if (a.timeout) attrs.push(`timeout=${a.timeout}`);
      if (a.interval && a.interval !== '0' && a.interval !== '0s') attrs.push(`interval=${a.interval}`);
      if (a.depth && a.depth !== '0') attrs.push(`depth=${a.depth}`);
      if (a.role) attrs.push(`role=${a.role}`);
      out.push(`    ${a.name.padEnd(pad)} ${attrs.join(' ')}`.trimEnd());
    }
    out.push('');
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

/**
 * A description as the agent wrote it (its own line breaks kept, the common
 * indentation removed, blank lines at the ends dropped), with lines longer
 * than the width wrapped at spaces.
 */
function wrapText(text: string, width: number, indent: string): string[] {
  const lines = text.replace(/\t/g, '    ').split('\n');
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const common = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  const room = Math.max(20, width - indent.length);
  const out: string[] = [];
  for (const raw of lines) {
    let line = raw.slice(Number.isFinite(common) ? common : 0).trimEnd();
    if (line === '') {
      out.push('');
      continue;
    }
    const lead = line.length - line.trimStart().length;
    while (line.length > room) {
      let cut = line.lastIndexOf(' ', room);
      if (cut <= lead) cut = line.indexOf(' ', room);
      if (cut <= lead || cut < 0) break;
      out.push(indent + line.slice(0, cut).trimEnd());
      line = ' '.repeat(lead) + line.slice(cut + 1).trimStart();
    }
    out.push(indent + line);
  }
  return out;
}

// ---------------------------------------------------------------- the level

export const RA_COMMANDS: CommandDef[] = [
  {
    name: 'classes',
    summary: 'list the resource agent classes, and the OCF providers',
    usage: 'classes',
    help: 'The classes (standards) of resource agents this node supports; the ocf line lists the OCF providers.',
    examples: ['classes'],
    touches: 'none',
    run: runClasses,
  },
  {
    name: 'list',
    summary: 'list the agents of a class (and OCF provider)',
    usage: LIST_USAGE,
    help: 'The resource agents of a class installed on this node; for ocf, a provider narrows the list to its agents.',
    examples: ['list ocf pacemaker', 'list ocf heartbeat', 'list lsb', 'list stonith'],
    args: [
      { name: 'class', kind: 'ra-class' },
      { name: 'provider', kind: 'ra-provider', optional: true },
    ],
    touches: 'none',
    run: runList,
  },
  {
    name: 'info',
    aliases: ['meta'],
    summary: "show an agent's parameters and advised operation timeouts",
    usage: INFO_USAGE,
    help:
      "The agent's description, its parameters (* required, [default], unique or deprecated marked) with what they mean, " +
      'and the timeouts and intervals it advises for its operations. A bare type is ocf:heartbeat\'s, or the one OCF provider ' +
      "that ships it, or a fence_ (stonith), lsb or service agent of that name. crm's older form `info <type> <class> [<provider>]` works too.",
    examples: ['info IPaddr2', 'info ocf:pacemaker:Dummy', 'info stonith:fence_dummy', 'info lsb:ssh'],
    args: [{ name: 'agent', kind: 'agent' }],
    touches: 'none',
    run: runInfo,
  },
  {
    name: 'providers',
    summary: 'list the OCF providers that ship an agent',
    usage: PROVIDERS_USAGE,
    help: 'The OCF providers that ship an agent of that type (only ocf agents have providers).',
    examples: ['providers Dummy', 'providers IPaddr2 ocf'],
    args: [
      { name: 'type', kind: 'text' },
      { name: 'class', kind: ['ocf'], optional: true },
    ],
    touches: 'none',
    run: runProviders,
  },
];

export const RA_LEVEL: LevelDef = {
  name: 'ra',
  summary: 'resource agents: classes, providers, agents and their documentation',
  help: 'What the resource agents installed on this node are and how to configure them: `classes`, `list <class> [<provider>]`, `info <agent>` (parameters and advised operation timeouts), `providers <type>`.',
  commands: RA_COMMANDS,
};
