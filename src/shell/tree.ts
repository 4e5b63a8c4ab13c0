/**
 * The command tree as data. Every level (`resource`, `node`, `cib`, …) is a
 * LevelDef: its commands, each with its summary, usage, examples, argument
 * kinds and a handler. `help`, man/hash.1, the completion engine and the
 * completion scripts are all generated from these definitions, so they
 * cannot drift from what the shell runs.
 *
 * A handler receives the words after the command name and an Invocation:
 * the context (which CIB, where output goes, global options), the shell
 * (to switch CIB or reach the configure session) and helpers for the two
 * things every command needs — running a Pacemaker tool with `--dry-run`
 * honoured, and asking a question that off a terminal becomes an error
 * naming `--force`.
 *
 * @example
 *   const stop: CommandDef = {
 *     name: 'stop', summary: 'stop resources', usage: 'stop <rsc> [<rsc> ...]',
 *     args: [{ name: 'rsc', kind: 'resource', repeat: true }],
 *     examples: ['stop web'],
 *     run: async (args, inv) => { for (const w of args) await inv.tool(['crm_resource', ...]); },
 *   };
 */
import type { Diagnostic } from '../../grammar/diagnostics.js';
import type { ExecResult } from '../exec/types.js';
import type { ShellContext } from './context.js';
import type { Word } from './words.js';

/**
 * What an argument is, for completion (and for the man page's synopsis).
 * Ids come from the CIB in use; agents and parameters from the node's
 * resource agents.
 */
export type ArgKind =
  | 'resource' // any resource id (primitive, group, clone, bundle)
  | 'primitive'
  | 'group'
  | 'clone' // clone or promotable clone
  | 'template'
  | 'constraint'
  | 'tag'
  | 'object' // any top-level configuration id
  | 'node'
  | 'sandbox'
  | 'ra-class'
  | 'ra-provider'
  | 'agent' // class:provider:type, or a type alone
  | 'property' // cluster option names (name=value)
  | 'meta' // meta attribute names (name=value)
  | 'param' // parameters of the resource named earlier on the line
  | 'node-attribute'
  | 'file'
  | 'level' // a level or command name (for help)
  | 'text'; // anything; not completed

export interface ArgSpec {
  /** shown in usage: `<name>` */
  name: string;
  /** what to complete: a kind, or a fixed list of words */
  kind: ArgKind | readonly string[];
  optional?: boolean;
  /** may be given more than once (completion offers it again) */
  repeat?: boolean;
}

/**
 * How a command relates to the configure session, so a script knows when
 * pending configure changes must be committed first:
 *  - 'session': works on the configure session (show, delete, …): no commit first;
 *  - 'none': touches no CIB (ra, help, options);
 *  - 'cluster' (default): reads or changes the cluster or the CIB directly; in a
 *    script, pending configure changes are committed before it runs.
 */
export type Touches = 'session' | 'none' | 'cluster';

export interface CommandDef {
  name: string;
  aliases?: string[];
  /** one line, lower case, no full stop: shown in `help` lists and completion descriptions */
  summary: string;
  /** after the command name: `stop <rsc> [<rsc> ...]` */
  usage: string;
  /** paragraphs for `help <command>` and the man page */
  help?: string;
  /** full lines as typed at this level */
  examples?: string[];
  /** positional arguments in order; the last may repeat */
  args?: ArgSpec[];
  /** option words the command accepts anywhere: `force`, `lifetime=`, `--all`, … (completed, shown in help) */
  options?: string[];
  touches?: Touches;
  /** a statement of the crm configure language: the shell parses and applies it; `run` is never called */
  statement?: boolean;
  /** the command's work; throws UserError on failure, or returns located diagnostics */
  run(args: Word[], inv: Invocation): Promise<void | CommandResult>;
}

export interface CommandResult {
  /** problems located on the command line (the shell prints them with a caret) */
  diagnostics?: Diagnostic[];
}

export interface LevelDef {
  name: string;
  aliases?: string[];
  summary: string;
  /** paragraphs for `help <level>` and the man page */
  help?: string;
  commands: CommandDef[];
  /** other levels reachable from this one by name (configure has `cib` and `ra`, as in crmsh) */
  sublevels?: string[];
}

/** What a handler can do besides reading its words. */
export interface Invocation {
  ctx: ShellContext;
  shell: ShellHandle;
  /** where the command came from, for diagnostics: a file, `<stdin>`, `<command line>` or `<input>` */
  file: string;
  line: number;
  /** file name → text, so diagnostics can show the source line */
  sources: Map<string, string>;
  /**
   * Run a Pacemaker tool that changes something. Under `--dry-run` it is
   * printed (`would run: …`, with the CIB_file/CIB_shadow the target needs)
   * instead and reported as success. Throws UserError when it fails, with the
   * tool's own message; `okCodes` widens what counts as success.
   */
  tool(argv: readonly string[], opts?: ToolOptions): Promise<ExecResult>;
  /** Run a tool that only reads (always runs, also under `--dry-run`); same error handling. */
  query(argv: readonly string[], opts?: ToolOptions): Promise<ExecResult>;
  /**
   * Ask a yes/no question. `--force` answers yes; off a terminal, without
   * `--force`, it throws a UserError that names the flag.
   */
  confirm(question: string): Promise<boolean>;
}

export interface ToolOptions {
  okCodes?: number[];
  stdin?: string;
  timeoutMs?: number;
  /** environment for this call instead of the target's (e.g. crm_shadow with CIB_shadow_dir); undefined unsets */
  env?: Record<string, string | undefined>;
  /** what to do, shown under the error when the tool fails */
  hint?: string;
}

/** The parts of the running shell a command may change. */
export interface ShellHandle {
  /** the configure session of the CIB in use (created on first use) */
  session(): Promise<import('./configure-session.js').ConfigureSession>;
  /** switch the CIB in use (`cib use`, `cib new`); pending configure changes must be committed or dropped first */
  useTarget(target: import('../cib/target.js').CibTarget): Promise<void>;
  /** true in the interactive shell; false in scripts and one-shot command lines */
  interactive: boolean;
  /** tell completion that the CIB changed (after a commit or a cluster command) */
  invalidate(): void;
  /** check and commit the pending configure changes, as leaving configure does (diagnostics printed; DiagnosticsError on errors) */
  flush(): Promise<void>;
}

/** A word matches a command by name, alias, or unique prefix (crmsh lets you type `conf`, `rsc`). */
export type Resolved<T> = { kind: 'found'; def: T } | { kind: 'ambiguous'; candidates: string[] } | { kind: 'none' };

export function resolveIn<T extends { name: string; aliases?: string[] }>(word: string, defs: readonly T[]): Resolved<T> {
  for (const d of defs) if (d.name === word || d.aliases?.includes(word)) return { kind: 'found', def: d };
  const hits = defs.filter((d) => d.name.startsWith(word));
  if (hits.length === 1) return { kind: 'found', def: hits[0]! };
  if (hits.length > 1) return { kind: 'ambiguous', candidates: hits.map((h) => h.name) };
  return { kind: 'none' };
}
