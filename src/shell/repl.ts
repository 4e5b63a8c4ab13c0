/**
 * The interactive shell (node:readline, so it behaves over ssh, in dumb
 * terminals and under tmux): a prompt naming the CIB and level, persistent
 * history, TAB completion, Ctrl-C cancels the line (never the shell),
 * Ctrl-D or `quit` leaves. Lines are run one at a time by the engine; lines
 * that arrive while one runs (a paste) wait their turn.
 */
import { createInterface, type Interface } from 'node:readline';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ShellContext } from './context.js';
import { Shell } from './engine.js';
import { DiagnosticsError, UserError } from './errors.js';

export interface ReplOptions {
  /** start inside `configure` (`hash configure`): pending changes are committed on exit */
  configure: boolean;
}

const HISTORY_LINES = 1000;

export function historyPath(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'hash', 'history');
}

async function loadHistory(path: string): Promise<string[]> {
  try {
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    return lines.slice(-HISTORY_LINES).reverse();
  } catch {
    return [];
  }
}

/** Run the REPL until the user leaves; returns the exit code. */
export async function runRepl(ctx: ShellContext, opts: ReplOptions): Promise<number> {
  const histFile = historyPath(ctx.env);
  const history = await loadHistory(histFile);
  let rl!: Interface;
  let closed = false;
  // a question (confirm) takes the next line instead of the command queue
  let answer: ((text: string) => void) | undefined;
  const shell = new Shell(ctx, {
    interactive: true,
    path: opts.configure ? ['configure'] : [],
    ask: (q) =>
      new Promise<string>((resolve) => {
        // input is gone (Ctrl-D): nobody can answer
        if (closed) return resolve('n');
        answer = resolve;
        rl.setPrompt(q);
        rl.prompt();
      }),
  });
  shell.commitOnExit = opts.configure;

  const { Completer, forReadline } = await import('./complete.js');
  const completer = new Completer(shell);
  shell.onInvalidate = () => completer.invalidate();

  rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    historySize: HISTORY_LINES,
    history,
    removeHistoryDuplicates: true,
    tabSize: 4,
    completer: (line: string, cb: (err: Error | null, result: [string[], string]) => void) => {
      completer.complete(line, line.length).then(
        (c) => cb(null, forReadline(c, line)),
        () => cb(null, [[], line]),
      );
    },
  });

  const queue: string[] = [];
  let pending = '';
  // lines handed to the shell so far: each is line N of the prompt's source (see Shell.runLine)
  let typed = 0;
  let busy = false;
  let wake: (() => void) | undefined;

  const showPrompt = (): void => {
    rl.setPrompt(pending ? '> ' : shell.prompt());
    rl.prompt();
  };

  rl.on('line', (text) => {
    if (answer) {
      const a = answer;
      answer = undefined;
      a(text);
      return;
    }
    queue.push(text);
    wake?.();
  });
  rl.on('SIGINT', () => {
    // Ctrl-C: drop the line being typed (and a continuation); a running command is not interrupted mid-write
    if (answer) {
      const a = answer;
      answer = undefined;
      process.stdout.write('^C\n');
      a('n');
      return;
    }
    pending = '';
    // readline keeps the text and the cursor position; both must go, or the next keys land mid-air
    const state = rl as unknown as { line: string; cursor: number };
    state.line = '';
    state.cursor = 0;
    process.stdout.write('^C\n');
    if (!busy) showPrompt();
  });
  rl.on('close', () => {
    closed = true;
    if (answer) {
      const a = answer;
      answer = undefined;
      a('n');
    }
    wake?.();
  });

  await mkdir(dirname(histFile), { recursive: true }).catch(() => {});
  showPrompt();
  for (;;) {
    if (queue.length === 0) {
      if (closed) break;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
      continue;
    }
    const raw = queue.shift()!;
    // a trailing backslash continues the line, as in scripts
    if (/\\\s*$/.test(raw) && !/^\s*#/.test(raw)) {
      pending += raw.replace(/\\\s*$/, ' ');
      showPrompt();
      continue;
    }
    const text = pending + raw;
    pending = '';
    if (text.trim()) appendFile(histFile, `${text.replace(/\n/g, ' ')}\n`).catch(() => {});
    busy = true;
    let quit = false;
    try {
      quit = (await shell.runLine(text, { file: '<input>', line: ++typed })) === 'quit';
    } catch (e) {
      report(ctx, e);
    }
    busy = false;
    if (quit) break;
    if (!closed) showPrompt();
  }
  try {
    await shell.finish();
  } catch (e) {
    report(ctx, e);
    rl.close();
    return e instanceof UserError ? e.exitCode : 1;
  }
  rl.close();
  if (closed && process.stdout.isTTY) process.stdout.write('\n');
  return 0;
}

/** A failed line: its message, and the shell goes on. */
function report(ctx: ShellContext, e: unknown): void {
  if (e instanceof DiagnosticsError) return; // already printed, located
  if (e instanceof UserError) {
    ctx.io.err(`error: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
    return;
  }
  const msg = e instanceof Error ? e.message : String(e);
  ctx.io.err(`internal error: ${msg}\n  please report this; HASH_DEBUG=1 shows the details\n`);
  if (ctx.env.HASH_DEBUG) ctx.io.err(`${e instanceof Error ? e.stack : ''}\n`);
}
