/**
 * vitest global setup: names this test run's lease on the harness clusters
 * and, at the end of the run, stops each cluster this run used unless another
 * run (or a developer's manual `up.sh`) still holds it.
 *
 * The clusters themselves start lazily, in the first `ensureSingleNode()` /
 * `ensureMultiNode()` call, so a run of unit tests alone never starts daemons.
 * This file imports nothing of the project, so a broken module elsewhere
 * cannot break every test run here.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HARNESS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'cluster');

function down(script: string, lease: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, PATH: `${process.env.PATH ?? '/usr/bin:/bin'}:/usr/sbin:/sbin` };
    execFile(join(HARNESS_DIR, script), ['--if-unused', lease], { env, timeout: 180_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${script} failed: ${(stderr + stdout).trim() || err.message}`));
      else resolve();
    });
  });
}

export default function setup(): () => Promise<void> {
  // Workers inherit the main process's environment, so every test file of this run shares one lease.
  const name = `vitest-${process.pid}`;
  process.env.HASH_CLUSTER_LEASE = name;
  process.env.HASH_CLUSTER_LEASE_PID = String(process.pid);
  return async () => {
    if (existsSync(join(HARNESS_DIR, 'state/single/leases', name))) await down('single/down.sh', name);
    if (existsSync(join(HARNESS_DIR, 'state/multi/leases', name))) await down('multi/down.sh', name);
  };
}
