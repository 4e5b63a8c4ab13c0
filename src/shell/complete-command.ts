/**
 * `hash __complete <words…>`: what the completion scripts in completions/
 * call. The words are the command line after the program name, as the shell
 * split it; the last one is the word being completed ('' after a blank).
 * Prints the candidates, one per line (`word<TAB>description`), then a
 * directive line `:N` whose bits tell the script how to finish:
 *
 *   1 (ERROR)       something failed: offer nothing
 *   2 (NO_SPACE)    the word is not finished (`ip=`, `ocf:`): no space after it
 *   4 (NO_FILES)    do not fall back to file names
 *
 * `:0` with no candidates asks the shell for file names (a file argument).
 * `hash __complete --unquoted …` is for shells that quote what they insert
 * (zsh, fish): the word at the cursor comes unquoted, candidates go back as
 * plain words.
 *
 * @example
 *   $ hash __complete configure primitive p ocf:heartbeat:IP
 *   ocf:heartbeat:IPaddr
 *   ocf:heartbeat:IPaddr2
 *   …
 *   :4
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ShellContext } from './context.js';

export const DIRECTIVE = { error: 1, noSpace: 2, noFiles: 4 } as const;

export interface GlobalOption {
  /** spellings, the first is the long one */
  names: string[];
  /** the value it takes, for usage: `FILE`, `NAME` */
  value?: string;
  /** what a value completes to */
  completes?: 'file' | 'sandbox';
  help: string;
}

/**
 * The options `hash` takes before the command words (src/main.ts parses
 * them). The man page lists these; a test checks them against `hash --help`.
 */
export const GLOBAL_OPTIONS: readonly GlobalOption[] = [
  { names: ['--file', '-f'], value: 'FILE', completes: 'file', help: 'run the lines of FILE (`-` for stdin) as one transaction: every line is checked before anything runs, and the configure changes are committed once, at the end' },
  { names: ['--dry-run', '-R'], help: 'show what would be sent to the cluster (`would run: …`, the patch of a commit); change nothing' },
  { names: ['--force', '-F', '-y', '--yes'], help: 'answer yes to questions; off a terminal, a question without --force is an error that names it' },
  { names: ['--strict-params'], help: 'unknown or missing resource agent parameters are errors, not warnings' },
  { names: ['--cib', '-c'], value: 'NAME', completes: 'sandbox', help: 'work on the sandbox NAME (like CIB_shadow=NAME)' },
  { names: ['--demo'], help: 'work on a private copy of the demo CIB shipped with hash (no cluster needed)' },
  { names: ['--help', '-h'], help: 'show the usage' },
  { names: ['--version', '-V'], help: 'show the version' },
];

function optionOf(word: string): GlobalOption | undefined {
  return GLOBAL_OPTIONS.find((o) => o.names.includes(word));
}

/** A word as the shell gave it, for the line the completer reads: fish gives unquoted words. */
function asTyped(w: string): string {
  return /\s/.test(w) && !/["']/.test(w) ? `"${w.replace(/(["\\])/g, '\\$1')}"` : w;
}

function clean(s: string): string {
  return s.replace(/[\t\n\r]+/g, ' ');
}

export async function runCompleteCommand(ctx: ShellContext, words: string[]): Promise<number> {
  const out: string[] = [];
  try {
    const directive = await complete(ctx, words.length ? words : [''], out);
    out.push(`:${directive}`);
  } catch (e) {
    if (ctx.env.HASH_DEBUG) ctx.io.err(`${e instanceof Error ? e.stack : String(e)}\n`);
    out.length = 0;
    out.push(`:${DIRECTIVE.error}`);
  }
  ctx.io.out(`${out.join('\n')}\n`);
  return 0;
}

async function complete(ctx: ShellContext, argv: string[], out: string[]): Promise<number> {
  // zsh and fish give the word at the cursor unquoted and quote what they insert
  const unquoted = argv[0] === '--unquoted';
  const words = unquoted ? (argv.length > 1 ? argv.slice(1) : ['']) : argv;
  const current = words[words.length - 1]!;
  // global options come first, as src/main.ts reads them
  let i = 0;
  for (; i < words.length - 1; i++) {
    const w = words[i]!;
    if (w === '--') {
      i++;
      break;
    }
    const o = optionOf(w.replace(/=.*$/, ''));
    if (!o) break;
    if (o.value) {
      let v: string;
      if (w.includes('=')) v = w.slice(w.indexOf('=') + 1);
      else if (i + 1 === words.length - 1) {
        // the word being completed is this option's value
        if (o.completes === 'file') return 0;
        if (o.completes === 'sandbox') return printSandboxes(ctx, current, out);
        return DIRECTIVE.noFiles;
      } else v = words[++i]!;
      if (o.names[0] === '--cib') ctx.target = { kind: 'shadow', name: v, ...(ctx.env.CIB_shadow_dir ? { dir: ctx.env.CIB_shadow_dir } : {}) };
    } else if (o.names[0] === '--demo') {
      const demo = join(ctx.env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'hash', 'demo-cib.xml');
      if (existsSync(demo)) ctx.target = { kind: 'file', path: demo };
    }
  }
  const command = words.slice(i);
  if (command.length === 1 && current.startsWith('-')) {
    for (const o of GLOBAL_OPTIONS) for (const n of o.names) if (n.startsWith(current)) out.push(`${n}\t${clean(o.help.split(/[;:(]/)[0]!.trim())}`);
    return DIRECTIVE.noFiles;
  }
  const { Shell } = await import('./engine.js');
  const { Completer } = await import('./complete.js');
  const completer = new Completer(new Shell(ctx, { interactive: false }));
  const before = command.slice(0, -1).map(asTyped).join(' ');
  const line = before ? `${before} ${current}` : current;
  const r = await completer.complete(line, line.length, { quote: !unquoted });
  if (r.files) return 0;
  for (const c of r.candidates) out.push(c.description ? `${c.word}\t${clean(c.description)}` : c.word);
  const noSpace = r.candidates.length > 0 && r.candidates.every((c) => c.noSpace);
  return DIRECTIVE.noFiles | (noSpace ? DIRECTIVE.noSpace : 0);
}

async function printSandboxes(ctx: ShellContext, prefix: string, out: string[]): Promise<number> {
  const { CompletionData } = await import('./completion-data.js');
  for (const s of await new CompletionData(ctx).sandboxes()) if (s.startsWith(prefix)) out.push(`${s}\tsandbox`);
  return DIRECTIVE.noFiles;
}
