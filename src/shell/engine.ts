/**
 * The shell's engine: one line at a time, at a level of the command tree,
 * against the CIB in use. The REPL, `-f` scripts and one-shot command lines
 * all run lines through it, so a line means the same in each.
 *
 * Configure statements and session commands change the configure session's
 * working CIB; it reaches the CIB by `commit` (one versioned patch):
 *  - interactively, when the user commits, when a one-shot `configure …` line
 *    typed at the top ends (as crmsh does), or on leaving with changes (asked);
 *  - in scripts, once at the end — or before a command that needs the cluster
 *    to see the changes (`resource start`, `cib commit`, …).
 *
 * @example
 *   const shell = new Shell(ctx, { interactive: false });
 *   await shell.runLine('configure property stonith-enabled=false', { file: 'x.crm', line: 1 });
 *   await shell.finish();
 */
import type { Statement } from '../../grammar/ast.js';
import type { Diagnostic } from '../../grammar/diagnostics.js';
import { describeTarget, targetEnv, type CibTarget } from '../cib/target.js';
import type { ExecResult } from '../exec/types.js';
import type { ConfigureSession } from './configure-session.js';
import type { ShellContext } from './context.js';
import { DiagnosticsError, ExitCode, SchemaRefusal, UserError } from './errors.js';
import { helpText, levelHelp } from './help.js';
import { levelByName } from './registry.js';
import { resolveLine, type LinePlan } from './resolve.js';
import { printDiagnostics } from './diagnostics-print.js';
import type { Invocation, ShellHandle, ToolOptions } from './tree.js';
import { quoteWords, splitWords } from './words.js';

export interface LineSource {
  /** a file, `<stdin>`, `<command line>` or `<input>` */
  file: string;
  line: number;
}

export interface ShellStart {
  interactive: boolean;
  /** the level to start at: [] (top) or ['configure'] */
  path?: string[];
  /** how the REPL asks a question (answer text); absent: questions need --force */
  ask?: (question: string) => Promise<string>;
}

export class Shell implements ShellHandle {
  path: string[];
  readonly interactive: boolean;
  /** `hash configure` from the command line: pending changes are committed on exit, as crmsh does */
  commitOnExit = false;
  /** file name → text, for diagnostics with the source line */
  readonly sources = new Map<string, string>();
  /** called when the CIB may have changed (completion refreshes its data) */
  onInvalidate: (() => void) | undefined;
  private configure: ConfigureSession | undefined;
  private readonly ask: ShellStart['ask'];

  constructor(
    readonly ctx: ShellContext,
    opts: ShellStart,
  ) {
    this.interactive = opts.interactive;
    this.path = [...(opts.path ?? [])];
    this.ask = opts.ask;
  }

  async session(): Promise<ConfigureSession> {
    if (!this.configure) {
      // the CIB model loads with the first configure command, not at start-up
      const { ConfigureSession } = await import('./configure-session.js');
      this.configure ??= new ConfigureSession(this.ctx);
    }
    return this.configure;
  }

  /** The session, if one was started (without starting one). */
  get currentSession(): ConfigureSession | undefined {
    return this.configure;
  }

  hasPendingChanges(): boolean {
    return this.configure?.isChanged() ?? false;
  }

  async useTarget(target: CibTarget): Promise<void> {
    if (this.hasPendingChanges()) {
      if (this.interactive) {
        throw new UserError(`there are uncommitted configure changes to ${describeTarget(this.ctx.target)}`, ExitCode.failed, '`configure commit` sends them; `configure refresh` drops them');
      }
      await this.flush();
    }
    this.ctx.target = target;
    this.configure = undefined;
    this.invalidate();
  }

  invalidate(): void {
    this.onInvalidate?.();
  }

  /** What the prompt says: the CIB in use and the level. */
  prompt(): string {
    const t = this.ctx.target;
    const cib = t.kind === 'live' ? 'live' : t.kind === 'shadow' ? t.name : `file:${t.path.split('/').pop()}`;
    return `hash(${cib})${this.path.join('/')}${this.hasPendingChanges() ? '*' : ''}# `;
  }

  /**
   * Run one logical line. `parsed` carries the statements of this line when a
   * script parsed the whole file up front. Throws UserError (already printed
   * diagnostics become DiagnosticsError) when the line fails; returns 'quit'
   * when the line asks to leave.
   */
  async runLine(text: string, src: LineSource, parsed?: Statement[]): Promise<'quit' | void> {
    // the prompt's lines are kept together, line N being the Nth typed (repl.ts counts them): a diagnostic
    // found later, at commit, about an object typed earlier shows that line
    if (src.file === '<input>') this.sources.set(src.file, src.line > 1 ? `${this.sources.get(src.file) ?? ''}\n${text.replace(/\r?\n/g, ' ')}` : text);
    else if (!this.sources.has(src.file) || src.file === '<command line>') this.sources.set(src.file, text);
    const plan = resolveLine(splitWords(text), this.path);
    return this.runPlan(plan, text, src, parsed);
  }

  async runPlan(plan: LinePlan, text: string, src: LineSource, parsed?: Statement[]): Promise<'quit' | void> {
    switch (plan.kind) {
      case 'empty':
        return;
      case 'error': {
        const d: Diagnostic = { severity: 'error', code: plan.code, message: plan.message, hint: plan.hint, line: src.line, col: (plan.word?.start ?? 0) + 1, length: plan.word ? plan.word.end - plan.word.start : 1 };
        this.print([d], src.file);
        throw new DiagnosticsError(1, plan.code === 'command' ? ExitCode.usage : ExitCode.config);
      }
      case 'enter':
        this.path = plan.path;
        return;
      case 'up':
        await this.leave(this.path.slice(0, -1));
        return;
      case 'top':
        await this.leave([]);
        return;
      case 'quit':
        return 'quit';
      case 'help':
        this.ctx.io.out(helpText(plan.path, plan.topic));
        return;
      case 'ls':
        this.ctx.io.out(levelHelp(plan.path.length ? levelByName(plan.path[plan.path.length - 1]!) : undefined));
        return;
      case 'statement': {
        const statements = parsed ?? (await this.parseStatement(text, plan.at, src));
        const pendingBefore = await this.pendingWorking();
        await this.applyStatements(statements, src.file);
        if (plan.oneShot && this.interactive) await this.commitOneShot(pendingBefore);
        return;
      }
      case 'command': {
        const touches = plan.def.touches ?? 'cluster';
        if (touches === 'cluster' && !this.interactive) await this.flush();
        const pendingBefore = await this.pendingWorking();
        const result = await plan.def.run(plan.args, this.invocation(src));
        const diags = result?.diagnostics ?? [];
        const errors = this.print(diags, src.file);
        if (errors > 0) throw new DiagnosticsError(errors);
        if (touches === 'cluster') this.invalidate();
        if (plan.oneShot && this.interactive && plan.path[0] === 'configure' && touches === 'session') await this.commitOneShot(pendingBefore);
        return;
      }
    }
  }

  /**
   * A `configure …` line typed at another level commits its change at once,
   * as crmsh does — unless changes were already pending from the configure
   * level: those the user has not decided on are never committed unasked.
   */
  private async commitOneShot(pendingBefore: object | undefined): Promise<void> {
    if (!this.hasPendingChanges()) return;
    if (!pendingBefore) return this.flush();
    if ((await this.pendingWorking()) !== pendingBefore) {
      this.ctx.io.err('added to the changes already pending: `configure commit` sends them, `configure show changed` lists them\n');
    }
  }

  /** The working CIB when it holds uncommitted changes (compared by reference: every change makes a new one). */
  private async pendingWorking(): Promise<object | undefined> {
    return this.hasPendingChanges() ? await this.configure!.working() : undefined;
  }

  /** Parse the statement of one typed line, keeping the line's columns for diagnostics. */
  private async parseStatement(text: string, at: number, src: LineSource): Promise<Statement[]> {
    const words = splitWords(text);
    const start = words[at]!.start;
    const masked = '\n'.repeat(src.line - 1) + ' '.repeat(start) + text.slice(start);
    // the grammar is loaded on first use only (it is the biggest part of the bundle)
    const { parseConfigureLazily } = await import('../../grammar/lazy.js');
    const r = await parseConfigureLazily(masked, { file: src.file });
    const errors = this.print(r.diagnostics, src.file);
    if (errors > 0) throw new DiagnosticsError(errors, ExitCode.config);
    return r.statements;
  }

  /**
   * Apply statements to the working CIB. Interactively a statement with
   * errors changes nothing; in a script the errors stop the script anyway.
   */
  async applyStatements(statements: Statement[], file: string): Promise<void> {
    if (statements.length === 0) return;
    const session = await this.session();
    const before = this.hasPendingChanges() ? await session.working() : undefined;
    const { applyParsed } = await import('./apply-input.js');
    const diags = await applyParsed(session, { statements, diagnostics: [] }, 'update', file);
    const errors = this.print(diags, file, session.locations);
    if (errors > 0) {
      if (before) session.setWorking(before);
      else session.discard();
      throw new DiagnosticsError(errors);
    }
  }

  /** Leave for `to` (a shorter path); leaving configure with changes asks to commit them. */
  private async leave(to: string[]): Promise<void> {
    const leavingConfigure = this.path.includes('configure') && !to.includes('configure');
    if (leavingConfigure && this.interactive && this.hasPendingChanges()) {
      if (await this.confirm('There are uncommitted changes. Commit them?')) await this.flush();
      else this.ctx.io.err('the changes stay pending: `configure commit` sends them, `configure show changed` lists them\n');
    }
    this.path = to;
  }

  /** The end of a script, or the user leaving the REPL: commit what is pending (asking, in the REPL). */
  async finish(): Promise<void> {
    if (!this.hasPendingChanges()) return;
    if (this.interactive && !this.commitOnExit && !(await this.confirm('There are uncommitted changes. Commit them before leaving?'))) {
      this.ctx.io.err('uncommitted changes dropped\n');
      return;
    }
    await this.flush();
  }

  /** Check and commit the pending configure changes (under --dry-run: show the patch instead). */
  async flush(): Promise<void> {
    const session = this.configure;
    if (!session || !session.isChanged()) return;
    const { checkWorking } = await import('./checks.js');
    // the schema validation of a CIB file write runs while the checks do (each ~0.1 s on a big load)
    const abandon = session.startCommit();
    let committed: Awaited<ReturnType<typeof session.commit>>;
    try {
      const diags = await checkWorking(session, this.ctx);
      const errors = this.print(diags, [...this.sources.keys()][0] ?? '<input>', session.locations);
      if (errors > 0) throw new DiagnosticsError(errors);
      if (this.ctx.options.dryRun) {
        const { describeDryRun } = await import('./dry-run.js');
        this.ctx.io.out(await describeDryRun(session, this.ctx));
        session.discard();
        return;
      }
      try {
        committed = await session.commit();
      } catch (e) {
        if (!(e instanceof SchemaRefusal)) throw e;
        throw new DiagnosticsError(this.print(e.diagnostics, [...this.sources.keys()][0] ?? '<input>', session.locations));
      }
    } finally {
      abandon?.();
    }
    const { message, rebased } = committed;
    this.invalidate();
    // a rebase over someone else's change is always worth saying; a plain commit only to a person
    if (this.interactive || rebased || process.stderr.isTTY) this.ctx.io.err(`${message}\n`);
  }

  /** Ask yes/no: --force says yes; without a way to ask, the question becomes an error naming --force. */
  async confirm(question: string): Promise<boolean> {
    if (this.ctx.options.force) return true;
    if (!this.ask) throw new UserError(`${question.replace(/\?$/, '')}: not asking off a terminal`, ExitCode.usage, 'add --force (or -y) to answer yes');
    const answer = (await this.ask(`${question} [y/N] `)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  }

  print(diags: readonly Diagnostic[], file: string, locations?: Map<string, { file?: string }>): number {
    return printDiagnostics(this.ctx.io, diags, this.sources, file, locations);
  }

  private invocation(src: LineSource): Invocation {
    const run = async (argv: readonly string[], opts: ToolOptions | undefined, write: boolean): Promise<ExecResult> => {
      const env = opts?.env ?? targetEnv(this.ctx.target);
      if (write && this.ctx.options.dryRun) {
        const prefix = Object.entries(env)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${quoteWords([v!])} `)
          .join('');
        this.ctx.io.out(`would run: ${prefix}${quoteWords([...argv])}\n`);
        return { stdout: '', stderr: '', code: 0, signal: null };
      }
      const r = await this.ctx.executor.exec(argv, { env, stdin: opts?.stdin, timeoutMs: opts?.timeoutMs });
      if (!(opts?.okCodes ?? [0]).includes(r.code)) {
        const msg = (r.stderr.trim() || r.stdout.trim()).split('\n').filter(Boolean).slice(-3).join('; ');
        if (r.code === 127) throw new UserError(`${argv[0]}: not found`, ExitCode.unreachable, 'install the Pacemaker command-line tools (pacemaker-cli-utils)');
        throw new UserError(`${argv[0]} failed (exit ${r.code})${msg ? `: ${msg}` : ''}`, r.code === 102 || r.code === 107 ? ExitCode.unreachable : ExitCode.failed, opts?.hint);
      }
      return r;
    };
    return {
      ctx: this.ctx,
      shell: this,
      file: src.file,
      line: src.line,
      sources: this.sources,
      tool: (argv, opts) => run(argv, opts, true),
      query: (argv, opts) => run(argv, opts, false),
      confirm: (q) => this.confirm(q),
    };
  }
}

