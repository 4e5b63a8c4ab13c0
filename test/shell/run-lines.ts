/**
 * Runs shell lines as `hash -f` does, in this process (no build needed), on
 * whatever CIB `env` names, and collects what hash printed and its exit code.
 */
import { targetFromEnv } from '../../src/cib/target.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { UserError } from '../../src/shell/errors.js';
import { runScript } from '../../src/shell/script.js';

export interface LinesRun {
  code: number;
  out: string;
  err: string;
}

export async function runLines(
  lines: string[],
  env: NodeJS.ProcessEnv,
  opts: { force?: boolean; dryRun?: boolean; isTTY?: boolean; withHint?: boolean } = {},
): Promise<LinesRun> {
  let out = '';
  let err = '';
  const ctx = {
    executor: new LocalExecutor(env),
    target: targetFromEnv(env),
    io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t), isTTY: opts.isTTY ?? false },
    options: { force: opts.force ?? false, dryRun: opts.dryRun ?? false, strictParams: false },
    env,
  };
  try {
    await runScript({ text: `${lines.join('\n')}\n`, file: 'test.crm' }, ctx);
    return { code: 0, out, err };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { code: e.exitCode, out, err: `${err}${e.message}\n${opts.withHint ? (e.hint ?? '') : ''}` };
  }
}
