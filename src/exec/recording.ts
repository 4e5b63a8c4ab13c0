/**
 * An executor that writes down every command it is asked to run: for
 * `--dry-run` (show what would run, run nothing) and for tests (assert the
 * exact argv a wrapper built).
 *
 * With an inner executor, calls are recorded and passed through. Without one,
 * nothing runs and every call answers `answer(argv)`, or an empty success.
 *
 * @example
 *   const rec = new RecordingExecutor();                 // dry run
 *   await rec.exec(['cibadmin', '--patch', '--xml-pipe'], { stdin: patch, env: { CIB_file: '/tmp/x.xml' } });
 *   rec.calls[0];        // { argv: ['cibadmin', '--patch', '--xml-pipe'], env: { CIB_file: '/tmp/x.xml' }, stdin: '…' }
 *   rec.describe();      // ['CIB_file=/tmp/x.xml cibadmin --patch --xml-pipe']
 */
import type { ExecOptions, ExecResult, Executor } from './types.js';

export interface RecordedCall {
  argv: readonly string[];
  /** the environment changes asked for: a value, or undefined for "unset" */
  env: Record<string, string | undefined>;
  stdin?: string;
  /** the result, when an inner executor ran the command */
  result?: ExecResult;
}

export class RecordingExecutor implements Executor {
  readonly calls: RecordedCall[] = [];
  readonly target: string;

  constructor(
    private readonly inner?: Executor,
    /** for dry runs: the result to give for a command that is not run */
    private readonly answer: (argv: readonly string[], opts: ExecOptions) => ExecResult = () => ({ stdout: '', stderr: '', code: 0, signal: null }),
  ) {
    this.target = inner ? inner.target : 'recording';
  }

  async exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    const call: RecordedCall = { argv: [...argv], env: { ...(opts.env ?? {}) } };
    if (opts.stdin !== undefined) call.stdin = opts.stdin;
    this.calls.push(call);
    const result = this.inner ? await this.inner.exec(argv, opts) : this.answer(argv, opts);
    call.result = result;
    return result;
  }

  /** Each call as one shell-like line (for display only: nothing ever runs it through a shell). */
  describe(): string[] {
    return this.calls.map((c) => {
      const env = Object.entries(c.env)
        .filter((e): e is [string, string] => e[1] !== undefined)
        .map(([k, v]) => `${k}=${quote(v)}`);
      return [...env, ...c.argv.map(quote)].join(' ');
    });
  }
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
