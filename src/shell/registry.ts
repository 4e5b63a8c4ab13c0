/**
 * The command tree as data: level and command names, aliases, one-line
 * summaries and usage. `help`, the man page and completion read this.
 */
export interface CommandSpec {
  name: string;
  aliases?: string[];
  summary: string;
  usage: string;
}

/** Words valid at the root of the tree (levels and a few global commands). */
export const ROOT_LEVELS: CommandSpec[] = [
  { name: 'configure', aliases: ['cfg'], summary: 'edit the CIB in the crm configure language', usage: 'configure [<command> ...]' },
  { name: 'resource', aliases: ['rsc'], summary: 'manage resources', usage: 'resource <command> ...' },
  { name: 'node', summary: 'manage nodes', usage: 'node <command> ...' },
  { name: 'cib', summary: 'sandboxes (shadow CIBs)', usage: 'cib <command> ...' },
  { name: 'ra', summary: 'resource agents', usage: 'ra <command> ...' },
  { name: 'status', aliases: ['st'], summary: 'cluster status', usage: 'status' },
  { name: 'options', summary: 'user preferences', usage: 'options ...' },
  { name: 'cluster', summary: 'cluster-wide operations', usage: 'cluster ...' },
  { name: 'end', aliases: ['up', 'cd'], summary: 'go back one level', usage: 'end' },
  { name: 'quit', aliases: ['exit', 'bye'], summary: 'leave the shell', usage: 'quit' },
];

/** Configure-level commands that are not statements of the language. */
export const CONFIGURE_COMMANDS: CommandSpec[] = [
  { name: 'show', summary: 'show the configuration, or some objects of it', usage: 'show [xml] [changed] [<id> ...] [type:<type> ...]' },
  { name: 'save', summary: 'write the configuration to a file (`-` for stdout)', usage: 'save [xml] <file>' },
  { name: 'load', summary: 'load configure statements (or CIB XML) from a file (`-` for stdin)', usage: 'load [xml] update|replace|push <file>' },
  { name: 'verify', summary: 'check the configuration: our checks and crm_verify', usage: 'verify' },
  { name: 'delete', aliases: ['remove', 'rm'], summary: 'delete objects (and the constraints that only referenced them)', usage: 'delete <id> [<id> ...]' },
  { name: 'rename', summary: 'rename an object and every reference to it', usage: 'rename <old-id> <new-id>' },
  { name: 'commit', summary: 'commit the changes (in scripts: at the end, all or nothing)', usage: 'commit' },
  { name: 'erase', summary: 'remove all resources and constraints', usage: 'erase' },
  { name: 'end', aliases: ['up', 'cd'], summary: 'go back one level', usage: 'end' },
  { name: 'quit', aliases: ['exit', 'bye'], summary: 'leave the shell', usage: 'quit' },
];

/** The statements of the crm configure language (each is also a configure command). */
export const LANGUAGE_KEYWORDS = new Set([
  'node', 'primitive', 'monitor', 'rsc_template', 'group', 'clone', 'ms', 'master', 'bundle',
  'location', 'colocation', 'collocation', 'order', 'rsc_ticket', 'property', 'rsc_defaults', 'op_defaults',
  'fencing_topology', 'tag', 'user', 'role', 'acl_target', 'acl_group', 'alert', 'schema', 'xml',
]);

export type Resolved =
  | { kind: 'found'; name: string }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'none' };

/** Resolve a typed word: exact name or alias first, then a unique prefix (as crmsh allows `conf`, `rsc`). */
export function resolveWord(word: string, specs: readonly CommandSpec[]): Resolved {
  for (const s of specs) if (s.name === word || s.aliases?.includes(word)) return { kind: 'found', name: s.name };
  const hits = specs.filter((s) => s.name.startsWith(word));
  if (hits.length === 1) return { kind: 'found', name: hits[0]!.name };
  if (hits.length > 1) return { kind: 'ambiguous', candidates: hits.map((h) => h.name) };
  return { kind: 'none' };
}
