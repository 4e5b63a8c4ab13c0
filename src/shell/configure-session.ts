/**
 * The working state of a configure session: the CIB it started from (`base`)
 * and the CIB with the user's changes (`working`). Every change is made to
 * `working` in memory; `commit` sends the difference to the target as one
 * versioned patch, so concurrent writers are detected and never lost.
 */
import type { XmlElement } from '../cib/xml.js';
import { CIBADMIN_RC, cibadminMessage, queryCib, queryConfiguration, schemaViolations } from '../pacemaker/cibadmin.js';
import { commitCib, startCommit, type CommitResult } from '../pacemaker/commit.js';
import { describeTarget } from '../cib/target.js';
import type { ShellContext } from './context.js';
import { ExitCode, SchemaRefusal, UserError } from './errors.js';
import { changedObjects } from '../cib/edit.js';
import { ExecError } from '../exec/types.js';

/** What a commit did, in words; `rebased` when it went over someone else's concurrent change. */
export interface CommitOutcome {
  message: string;
  rebased: boolean;
}

export class ConfigureSession {
  private baseCib: XmlElement | undefined;
  private workingCib: XmlElement | undefined;
  /** where each object of the user's input was written, for diagnostics of checks */
  readonly locations = new Map<string, { line: number; col: number; file?: string }>();

  constructor(private readonly ctx: ShellContext) {}

  /** The CIB the session started from, read on first use. */
  async base(): Promise<XmlElement> {
    this.baseCib ??= await this.read(queryCib);
    return this.baseCib;
  }

  /**
   * The working CIB once the session has read one; else the target's, read
   * without its status section (queryConfiguration) and not kept: for a show
   * that nothing follows. (A show in a session pins the base it shows, so that
   * a later commit is checked against what the user saw.)
   */
  async peek(): Promise<XmlElement> {
    return this.baseCib ? await this.working() : await this.read(queryConfiguration);
  }

  /** Read the target's CIB with `query`, failures in words. */
  private async read(query: typeof queryCib): Promise<XmlElement> {
    try {
      return await query(this.ctx.executor, this.ctx.target);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/does not conform to the configured schema/.test(message)) {
        // Pacemaker reads no CIB that fails its schema; that is the CIB's fault, not the connection's
        throw new UserError(
          `the CIB (${describeTarget(this.ctx.target)}) does not validate against its schema, so Pacemaker will not read it`,
          ExitCode.config,
          this.ctx.target.kind === 'file' ? `crm_verify -V -x ${this.ctx.target.path} says why` : 'crm_verify -V -L says why',
        );
      }
      throw new UserError(
        `cannot read the CIB (${describeTarget(this.ctx.target)}): ${message}`,
        ExitCode.unreachable,
        this.ctx.target.kind === 'live'
          ? 'is Pacemaker running on this node? Set CIB_file=FILE to work on a file, or CIB_shadow=NAME for a sandbox'
          : undefined,
      );
    }
  }

  async working(): Promise<XmlElement> {
    return this.workingCib ?? (await this.base());
  }

  setWorking(cib: XmlElement): void {
    this.workingCib = cib;
  }

  /** True when something was applied since the base was read (commit finds out whether it changed anything). */
  isChanged(): boolean {
    return this.workingCib !== undefined && this.workingCib !== this.baseCib;
  }

  async changed(): Promise<ReturnType<typeof changedObjects>> {
    return changedObjects(await this.base(), await this.working());
  }

  /**
   * `commit force` in a script: the commit at the end overrides conflicts,
   * as `hash --force` would.
   */
  forceNextCommit = false;

  /**
   * Start what of the commit can run while the caller checks the working CIB
   * (see startCommit); returns what abandons it when the commit does not happen.
   */
  startCommit(): (() => void) | undefined {
    if (!this.workingCib || !this.baseCib || this.ctx.options.dryRun) return undefined;
    return startCommit(this.ctx.executor, this.ctx.target, this.baseCib, this.workingCib);
  }

  /**
   * Send the working CIB to the target as one patch against the base; returns
   * what happened, in words. `force` (or `--force`, or an earlier `commit
   * force` in a script) applies our changes over concurrent changes to the
   * same objects.
   */
  async commit(opts: { force?: boolean } = {}): Promise<CommitOutcome> {
    if (!this.workingCib || !this.baseCib) return { message: 'nothing to commit', rebased: false };
    const force = opts.force === true || this.forceNextCommit || this.ctx.options.force;
    let result: CommitResult;
    try {
      result = await commitCib(this.ctx.executor, this.ctx.target, this.baseCib, this.workingCib, { force });
    } catch (e) {
      if (e instanceof ExecError) throw new UserError(`commit failed: ${e.message}`, ExitCode.failed);
      throw e;
    }
    const where = describeTarget(this.ctx.target);
    switch (result.status) {
      case 'unchanged':
        this.refresh();
        return { message: 'nothing to commit', rebased: false };
      case 'conflict': {
        const { conflictReport } = await import('../cib/conflict-report.js');
        throw new UserError(
          // both versions of what both sides changed, side by side when the terminal is wide enough
          conflictReport(result.conflict, this.baseCib, this.workingCib, process.stderr.isTTY ? process.stderr.columns : undefined),
          ExitCode.conflict,
          result.conflict.reason === 'busy' ? 'run the same command again' : '`commit force` (or hash --force) commits over the other change',
        );
      }
      case 'failed':
        if (result.code === CIBADMIN_RC.invalid) {
          // cibadmin says only "does not conform to the configured schema": say what, and where it was written
          const violations = await schemaViolations(this.ctx.executor, this.workingCib).catch(() => undefined);
          if (violations && violations.length > 0) {
            // (which file each object was written in is the printer's to find, from the same locations)
            const { schemaDiagnostics } = await import('../cib/check.js');
            throw new SchemaRefusal(schemaDiagnostics(violations, { locations: this.locations }), where);
          }
        }
        throw new UserError(
          `${where}: Pacemaker refused the change (cibadmin exit ${result.code}): ${cibadminMessage(result.stderr)}`,
          result.code === CIBADMIN_RC.notConnected ? ExitCode.unreachable : ExitCode.failed,
        );
      case 'committed': {
        this.refresh();
        const kept = result.kept.length ? `; kept concurrent changes to ${result.kept.join(', ')}` : '';
        return {
          message: `committed to ${where}${result.attempts > 1 ? ` after ${result.attempts} attempts (the CIB moved on meanwhile)` : ''}${kept}`,
          rebased: result.attempts > 1 || result.kept.length > 0,
        };
      }
    }
  }

  /** Drop the uncommitted changes (the base stays: it is still what the session started from). */
  discard(): void {
    this.workingCib = undefined;
  }

  /**
   * Drop the uncommitted changes and forget the base: the next use reads the
   * CIB again (`refresh`, and after a commit, when the committed state is the
   * new base).
   */
  refresh(): void {
    this.baseCib = undefined;
    this.workingCib = undefined;
    this.forceNextCommit = false;
    this.locations.clear();
  }
}
