/**
 * hash — the HA shell. Entry point: global options, then one of
 *   hash -f FILE            run a script of shell lines, all or nothing
 *   hash <words…>           one shell line, e.g. `hash configure show`
 *   hash < FILE             a script on stdin
 * Every failure ends here as a message and an exit code (README: Exit codes).
 */
import { copyFile, mkdir, access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { targetFromEnv } from './cib/target.js';
import { LocalExecutor } from './exec/local.js';
import { processIO, type ShellContext } from './shell/context.js';
import { DiagnosticsError, ExitCode, UsageError, UserError } from './shell/errors.js';
import { quoteWords } from './shell/words.js';

const VERSION = '0.1.0';

interface Cli {
  file?: string;
  dryRun: boolean;
  force: boolean;
  strictParams: boolean;
  demo: boolean;
  shadow?: string;
  help: boolean;
  version: boolean;
  words: string[];
}

function parseArgs(argv: string[]): Cli {
  const cli: Cli = { dryRun: false, force: false, strictParams: false, demo: false, help: false, version: false, words: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (cli.words.length > 0) {
      // options after the first word belong to the command, except the global yes/force/dry-run
      if (cli.words[0] === '__complete') cli.words.push(a); // the words of a line being completed, untouched
      else if (a === '--force' || a === '-y' || a === '--yes') cli.force = true;
      else if (a === '--dry-run') cli.dryRun = true;
      else cli.words.push(a);
      continue;
    }
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`, 'see hash --help');
      return v;
    };
    if (a === '-f' || a === '--file') cli.file = value();
    else if (a.startsWith('--file=')) cli.file = a.slice(7);
    else if (a === '-R' || a === '--dry-run') cli.dryRun = true;
    else if (a === '-F' || a === '--force' || a === '-y' || a === '--yes') cli.force = true;
    else if (a === '--strict-params') cli.strictParams = true;
    else if (a === '--demo') cli.demo = true;
    else if (a === '-c' || a === '--cib') cli.shadow = value();
    else if (a === '-h' || a === '--help') cli.help = true;
    else if (a === '-V' || a === '--version') cli.version = true;
    else if (a === '--') cli.words.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`, 'see hash --help');
    else cli.words.push(a);
  }
  return cli;
}

const help = (levels: string, commands: string): string => `hash ${VERSION} — the HA shell for Pacemaker clusters (crmsh-compatible)

Usage:
  hash [options] <command> [args…]     one command line, e.g. hash configure show
  hash [options] -f FILE               run a file of shell lines, all or nothing (- = stdin)
  hash [options] < FILE                the same, from stdin

Options:
  -f, --file FILE     run the lines of FILE as one transaction
  -R, --dry-run       show what would be sent to the cluster; change nothing
  -F, --force, -y     answer yes to questions
  --strict-params     unknown or missing agent parameters are errors, not warnings
  -c, --cib NAME      work on the sandbox NAME (like CIB_shadow=NAME)
  --demo              work on a private copy of the demo CIB (no cluster needed)
  -h, --help          this help;  -V, --version

Which CIB: CIB_file=FILE, else CIB_shadow=NAME (CIB_shadow_dir), else the live cluster.

Levels: ${levels}; commands: ${commands}.
\`hash\` alone opens the interactive shell; \`hash help <level> [<command>]\` shows help.

Exit codes: 0 ok, 1 command failed, 2 usage, 3 configuration errors, 4 conflict, 5 CIB unreachable.
`;

/** The demo CIB shipped with hash, copied once to the user's state dir so edits stay private. */
async function demoCib(env: NodeJS.ProcessEnv): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  const shipped = [join(here, '..', 'demo', 'cib.xml'), join(here, '..', '..', 'demo', 'cib.xml')];
  let source: string | undefined;
  for (const s of shipped) {
    if (await access(s).then(() => true, () => false)) {
      source = s;
      break;
    }
  }
  if (!source) throw new UserError('the demo CIB (demo/cib.xml) is not installed with this copy of hash');
  const dir = join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'hash');
  const copy = join(dir, 'demo-cib.xml');
  if (!(await access(copy).then(() => true, () => false))) {
    await mkdir(dir, { recursive: true });
    await copyFile(source, copy);
  }
  return copy;
}

/**
 * `status`, its alias `st` and the prefixes of `status` (no other top-level word starts with `st`).
 * bin/hash.js picks its code cache with the same pattern, before this bundle is loaded.
 */
const STATUS_WORD = /^st(a(t(us?)?)?)?$/;

async function main(argv: string[]): Promise<number> {
  const cli = parseArgs(argv);
  const io = processIO();
  if (cli.version) {
    io.out(`hash ${VERSION}\n`);
    return ExitCode.ok;
  }
  if (cli.help || (cli.words.length === 1 && (cli.words[0] === 'help' || cli.words[0] === '--help'))) {
    const { LEVELS, ROOT_COMMANDS } = await import('./shell/registry.js');
    io.out(help(LEVELS.map((l) => l.name).join(', '), ROOT_COMMANDS.map((c) => c.name).join(', ')));
    return ExitCode.ok;
  }
  const env = { ...process.env };
  if (cli.demo) env.CIB_file = await demoCib(env);
  if (cli.shadow) {
    delete env.CIB_file;
    env.CIB_shadow = cli.shadow;
  }
  const ctx: ShellContext = {
    executor: new LocalExecutor(env),
    target: targetFromEnv(env),
    io,
    options: { force: cli.force, dryRun: cli.dryRun, strictParams: cli.strictParams },
    env,
  };

  // `status` and `__complete` start without the command tree: they are the commands that must be fastest
  if (cli.words[0] !== undefined && STATUS_WORD.test(cli.words[0])) {
    const { runStatus } = await import('./shell/status-command.js');
    return runStatus(ctx, cli.words.slice(1));
  }
  if (cli.words[0] === '__complete') {
    const { runCompleteCommand } = await import('./shell/complete-command.js');
    return runCompleteCommand(ctx, cli.words.slice(1));
  }
  const { readScript, runScript } = await import('./shell/script.js');
  if (cli.file !== undefined) {
    if (cli.words.length > 0) throw new UsageError('give either -f FILE or a command, not both');
    await runScript(await readScript(cli.file), ctx, 'root', { ask: cli.file === '-' ? undefined : terminalAsk() });
    return ExitCode.ok;
  }
  const { LEVELS } = await import('./shell/registry.js');
  const { resolveIn } = await import('./shell/tree.js');
  const first = cli.words[0] !== undefined ? resolveIn(cli.words[0], LEVELS) : undefined;
  const firstName = first?.kind === 'found' ? first.def.name : undefined;
  if (cli.words.length === 0 || (cli.words.length === 1 && firstName === 'configure')) {
    const configure = cli.words.length === 1;
    if (process.stdin.isTTY) {
      const { runRepl } = await import('./shell/repl.js');
      return runRepl({ ...ctx, io: { ...io, paging: true } }, { configure });
    }
    const src = await readScript('-');
    await runScript(src, ctx, configure ? 'configure' : 'root');
    return ExitCode.ok;
  }
  // one line typed at the login shell is for a person, as in the shell: long output may page
  await runScript({ text: `${quoteWords(cli.words)}\n`, file: '<command line>' }, { ...ctx, io: { ...io, paging: true }, options: { ...ctx.options, oneShot: true } }, 'root', { ask: terminalAsk() });
  return ExitCode.ok;
}

/** On a terminal, a one-shot command may ask (`delete` of a running resource); elsewhere it needs --force. */
function terminalAsk(): ((q: string) => Promise<string>) | undefined {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  return async (q) => {
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(q);
    } finally {
      rl.close();
    }
  };
}

// The reader of our output went away (`hash configure show | head`): stop quietly, as a tool
// killed by SIGPIPE does. Nothing is half-applied: a commit is one patch, sent or not.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(141);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof DiagnosticsError) {
      process.stderr.write(`hash: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else if (e instanceof UserError) {
      process.stderr.write(`hash: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
      process.exitCode = e.exitCode;
    } else {
      const msg = e instanceof Error ? e.message : String(e);
      process.stderr.write(`hash: internal error: ${msg}\n  please report this; HASH_DEBUG=1 shows the details\n`);
      if (process.env.HASH_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
      process.exitCode = ExitCode.bug;
    }
  },
).then(exitWhenWritten);

/**
 * End the process as soon as its output is written. Left to itself, Node tears
 * the whole heap down first: ~10 ms after a big load or show here (bench/).
 * Only when nothing else is pending (a file being written, a timer, a socket);
 * otherwise Node's own exit waits for it as usual.
 */
function exitWhenWritten(): void {
  let left = 2;
  const written = (): void => {
    if (--left > 0) return;
    setImmediate(() => {
      if (process.getActiveResourcesInfo().every((r) => ONLY_OUTPUT.has(r))) process.exit();
    });
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
}

/** What may still be open when we are done: our stdio, and the pipes and handles of children that have ended. */
const ONLY_OUTPUT = new Set(['PipeWrap', 'TTYWrap', 'ProcessWrap']);
