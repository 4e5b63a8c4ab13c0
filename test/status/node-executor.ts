/**
 * An Executor that runs the real tools inside one node of the harness's
 * namespace cluster (test/cluster/multi/exec.sh): what hash does when it runs
 * on that node. For tests of the status view against a multi-node cluster.
 *
 * @example
 *   const n1 = new NodeExecutor('n1', cluster.env);
 *   await crmMon(n1, { kind: 'live' });
 */
import { join } from 'node:path';
import { LocalExecutor } from '../../src/exec/local.js';
import type { ExecOptions, ExecResult, Executor } from '../../src/exec/types.js';
import { HARNESS_DIR } from '../cluster/harness.js';

export class NodeExecutor implements Executor {
  readonly target: string;
  private readonly local: LocalExecutor;
  constructor(
    private readonly node: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.target = `node ${node}`;
    this.local = new LocalExecutor(env);
  }
  exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult> {
    return this.local.exec([join(HARNESS_DIR, 'multi/exec.sh'), this.node, ...argv], opts);
  }
}
