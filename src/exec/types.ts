/**
 * How commands reach a node. Every caller passes argv arrays; nothing here
 * goes through a shell (the ssh executor quotes argv only at its boundary).
 */
export interface ExecOptions {
  stdin?: string;
  timeoutMs?: number;
  /** extra environment for this call (e.g. CIB_file); merged over the executor's own. */
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/** Never trimmed; a non-zero exit is a result, not an exception. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
  signal: NodeJS.Signals | null;
}

export interface Executor {
  exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  /** where commands run: 'local', 'ssh://node2', 'recording' */
  readonly target: string;
}

/** A command that exited non-zero, or could not be started, when the caller required success. */
export class ExecError extends Error {
  constructor(
    readonly target: string,
    readonly argv: readonly string[],
    readonly result: ExecResult,
    readonly hint?: string,
  ) {
    super(`${argv[0]} exited with code ${result.code}${result.stderr.trim() ? `: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`);
    this.name = 'ExecError';
  }
}

/** Run and require exit code 0 (or one of `okCodes`). */
export async function checked(
  executor: Executor,
  argv: readonly string[],
  opts?: ExecOptions & { okCodes?: number[] },
): Promise<ExecResult> {
  const result = await executor.exec(argv, opts);
  const ok = opts?.okCodes ?? [0];
  if (!ok.includes(result.code)) throw new ExecError(executor.target, argv, result);
  return result;
}
