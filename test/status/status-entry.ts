/**
 * `hash status` without the CLI around it, for the end-to-end tests and the
 * benchmark: `tsx test/status/status-entry.ts [status options]`. Same context
 * as src/main.ts builds (local executor, CIB target from the environment).
 */
import { targetFromEnv } from '../../src/cib/target.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { processIO } from '../../src/shell/context.js';
import { runStatus } from '../../src/shell/status-command.js';

const env = { ...process.env };
runStatus(
  { executor: new LocalExecutor(env), target: targetFromEnv(env), io: processIO(), options: { force: false, dryRun: false, strictParams: false }, env },
  process.argv.slice(2),
).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`status-entry: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
