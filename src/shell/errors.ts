/**
 * User-facing failures and the exit codes they map to. Only the top-level
 * handler (src/main.ts) turns these into text and a process exit code; a bug
 * (any other exception) is reported as a bug, still without a stack trace
 * unless HASH_DEBUG is set.
 *
 * Exit codes (documented in README.md):
 *   0 success · 1 a command failed · 2 usage · 3 configuration errors (syntax or semantic)
 *   4 conflict (the CIB changed under us) · 5 CIB or cluster unreachable · 70 internal error
 */
import type { Diagnostic } from '../../grammar/diagnostics.js';

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  config: 3,
  conflict: 4,
  unreachable: 5,
  bug: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.failed,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export class UsageError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.usage, hint);
    this.name = 'UsageError';
  }
}

/**
 * Pacemaker refused a commit because the result does not fit its schema, and
 * these diagnostics say where (the objects, at the places the user wrote
 * them): whoever has the sources prints them (see Shell.flush).
 */
export class SchemaRefusal extends UserError {
  constructor(
    readonly diagnostics: (Diagnostic & { file?: string })[],
    where: string,
  ) {
    super(`${where}: Pacemaker's schema refused the change; nothing was committed`, ExitCode.config);
    this.name = 'SchemaRefusal';
  }
}

/** Errors already printed as diagnostics; the handler only sets the exit code. */
export class DiagnosticsError extends UserError {
  constructor(
    readonly count: number,
    exitCode: ExitCode = ExitCode.config,
  ) {
    super(`${count} error${count === 1 ? '' : 's'}; nothing was changed`, exitCode);
    this.name = 'DiagnosticsError';
  }
}
