/**
 * Completion on the live single-node cluster (node1): ids come from the live
 * CIB through cibadmin, read once; a change made by someone else is picked up
 * by the background version check (never making a TAB wait), a commit of our
 * own (invalidate) at the next TAB; `hash __complete` reads the live CIB too.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Completer } from '../../src/shell/complete.js';
import { Shell } from '../../src/shell/engine.js';
import { LocalExecutor } from '../../src/exec/local.js';
import type { ExecOptions, ExecResult, Executor } from '../../src/exec/types.js';
import type { ShellContext } from '../../src/shell/context.js';
import { ensureSingleNode, resetCib, run, SINGLE_NODE_NAME } from '../cluster/harness.js';
import { runHash } from '../cli/run-hash.js';

let env: Record<string, string>;

beforeAll(async () => {
  ({ env } = await ensureSingleNode());
}, 300_000);
beforeEach(async () => {
  await resetCib(env);
});

/** The real local executor, counting what it runs. */
class Counting implements Executor {
  readonly target = 'local';
  calls: string[] = [];
  private readonly inner = new LocalExecutor(env);
  exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult> {
    this.calls.push(argv.join(' '));
    return this.inner.exec(argv, opts);
  }
}

async function addDummy(id: string): Promise<void> {
  const r = await run(['cibadmin', '--create', '--scope', 'resources', '--xml-text', `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="${id}-meta"><nvpair id="${id}-meta-target-role" name="target-role" value="Stopped"/></meta_attributes></primitive>`], { env });
  expect(r.code, r.stderr).toBe(0);
}

/** The completion's clock: the tests move it, instead of sleeping. */
let clock = 0;

function completer(ex: Executor, recheckMs: number): Completer {
  const ctx: ShellContext = {
    executor: ex,
    target: { kind: 'live' },
    io: { out: () => {}, err: () => {}, isTTY: false },
    options: { force: false, dryRun: false, strictParams: false },
    env,
  };
  return new Completer(new Shell(ctx, { interactive: true }), { cacheDir: null, recheckMs, now: () => clock });
}

const words = async (c: Completer, line: string): Promise<string[]> => (await c.complete(line, line.length)).candidates.map((x) => x.word);

describe('completion on the live cluster', () => {
  it('reads the live CIB once; another writer\'s change arrives through the background check', async () => {
    await addDummy('cmp-one');
    const ex = new Counting();
    const c = completer(ex, 300);
    expect(await words(c, 'resource stop cmp-')).toEqual(['cmp-one']);
    expect(await words(c, 'configure location l cmp-one 100: ')).toEqual([SINGLE_NODE_NAME]);
    expect(ex.calls).toEqual(['cibadmin --query']);
    // someone else adds a resource; within recheckMs nothing is asked
    await addDummy('cmp-two');
    ex.calls = [];
    expect(await words(c, 'resource stop cmp-')).toEqual(['cmp-one']);
    expect(ex.calls).toEqual([]);
    // later, a TAB answers at once and checks the version behind it
    clock += 301;
    expect(await words(c, 'resource stop cmp-')).toEqual(['cmp-one']);
    await c.data.settled();
    expect(ex.calls).toEqual(['cibadmin --query --xpath /cib --no-children', 'cibadmin --query']);
    expect((await words(c, 'resource stop cmp-')).sort()).toEqual(['cmp-one', 'cmp-two']);
  });

  it('after our own change (invalidate) the next TAB has it', async () => {
    const c = completer(new Counting(), 60_000);
    expect(await words(c, 'resource stop cmp-')).toEqual([]);
    await addDummy('cmp-three');
    c.invalidate();
    expect(await words(c, 'resource stop cmp-')).toEqual(['cmp-three']);
  });

  it('hash __complete reads the live CIB', async () => {
    await addDummy('cmp-four');
    const r = runHash(['__complete', 'resource', 'stop', 'cmp-'], { env: { ...env, CIB_file: undefined, CIB_shadow: undefined } });
    expect(r.stdout).toBe('cmp-four\tprimitive ocf:pacemaker:Dummy\n:4\n');
  });
});
