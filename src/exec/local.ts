import { spawn, spawnSync } from 'node:child_process';
import type { ExecOptions, ExecResult, Executor } from './types.js';

/** Runs argv on this machine with child_process.spawn: no shell, ever. */
export class LocalExecutor implements Executor {
  readonly target = 'local';
  constructor(private readonly baseEnv: NodeJS.ProcessEnv = process.env) {}

  exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    const [cmd, ...args] = argv;
    if (!cmd) return Promise.reject(new Error('empty argv'));
    const env: NodeJS.ProcessEnv = { ...this.baseEnv };
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    return new Promise((resolve) => {
      const child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'], signal: opts.signal, timeout: opts.timeoutMs });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e: NodeJS.ErrnoException) => {
        // spawn failures (ENOENT: tool not installed) become a result with code 127, like a shell would give
        resolve({ stdout: '', stderr: `${cmd}: ${e.code === 'ENOENT' ? 'command not found' : e.message}\n`, code: e.code === 'ENOENT' ? 127 : 126, signal: null });
      });
      child.on('close', (code, signal) => {
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 128, signal });
      });
      child.stdin.on('error', () => {});
      child.stdin.end(opts.stdin ?? '');
    });
  }
}

/** Both stdin and stdout are terminals: a program that talks to the user (an editor) can run. */
export function hasTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/**
 * Run a program that takes over the terminal (an editor) on this machine,
 * even when the cluster is reached over ssh, with stdio inherited; resolves
 * to its exit code (127 when it cannot be started). The call blocks until the
 * program exits: nothing else may read the terminal meanwhile (the REPL's
 * readline would steal the editor's keys), and the terminal leaves raw mode
 * for it.
 */
export function runInteractive(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, input?: string): { code: number; error?: string } {
  const [cmd, ...args] = argv;
  if (!cmd) return { code: 127, error: 'empty command' };
  const stdin = process.stdin;
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  if (wasRaw) stdin.setRawMode(false);
  try {
    // with `input` (a pager's text) only stdin is a pipe: the program still has the terminal for its output
    const r = input === undefined ? spawnSync(cmd, args, { stdio: 'inherit', env }) : spawnSync(cmd, args, { stdio: ['pipe', 'inherit', 'inherit'], input, env });
    // EPIPE: a pager quit before reading all of its text, which is fine
    if (r.error && (r.error as NodeJS.ErrnoException).code !== 'EPIPE') {
      const e = r.error as NodeJS.ErrnoException;
      return { code: e.code === 'ENOENT' ? 127 : 126, error: e.code === 'ENOENT' ? `${cmd}: command not found` : `${cmd}: ${e.message}` };
    }
    return { code: r.status ?? 128, ...(r.signal ? { error: `${cmd} was killed by ${r.signal}` } : {}) };
  } finally {
    if (wasRaw) stdin.setRawMode(true);
  }
}
