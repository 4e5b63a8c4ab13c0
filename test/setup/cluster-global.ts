/**
 * vitest global setup: names this test run's lease on the harness cluster and,
 * at the end of the run, stops the cluster if this run started or used it and
 * no other run (or a developer's manual `up.sh`) still holds it.
 *
 * The cluster itself starts lazily, in the first `ensureSingleNode()` call, so
 * a run of unit tests alone never starts daemons.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HARNESS_DIR, stopMultiNode, stopSingleNode } from '../cluster/harness.js';

export default function setup(): () => Promise<void> {
  // Workers inherit the main process's environment, so every test file of this run shares one lease.
  const name = `vitest-${process.pid}`;
  process.env.HASH_CLUSTER_LEASE = name;
  process.env.HASH_CLUSTER_LEASE_PID = String(process.pid);
  return async () => {
    if (existsSync(join(HARNESS_DIR, 'state/single/leases', name))) await stopSingleNode(name);
    if (existsSync(join(HARNESS_DIR, 'state/multi/leases', name))) await stopMultiNode(name);
  };
}
