/**
 * What every command gets: how to reach the CIB, where to write, and the
 * global options. Passed explicitly; no globals.
 */
import type { CibTarget } from '../cib/target.js';
import type { Executor } from '../exec/types.js';

export interface ShellIO {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: colours, masked secrets, questions allowed */
  isTTY: boolean;
  /** long output may go through the pager (the shell and one-shot command lines; never `-f` scripts) */
  paging?: boolean;
}

export interface ShellOptions {
  /** answer yes to questions (`--force`, `-y`) */
  force: boolean;
  /** show the Pacemaker tool calls instead of changing anything (`--dry-run`, `-R`) */
  dryRun: boolean;
  /** unknown or missing agent parameters are errors, not warnings (`--strict-params`) */
  strictParams: boolean;
  /** the process runs one command line (`hash configure show`): nothing follows it in its session */
  oneShot?: boolean;
}

export interface ShellContext {
  executor: Executor;
  target: CibTarget;
  io: ShellIO;
  options: ShellOptions;
  env: NodeJS.ProcessEnv;
}

export function processIO(): ShellIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
  };
}
