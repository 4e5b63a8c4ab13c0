/**
 * The seed walkthrough ../shared/seeds/apache-drbd.session ("Building HA
 * cluster with Pacemaker, Corosync and DRBD"), for real: run through
 * `hash -f` against the single-node cluster of the test harness. Every line
 * must succeed (agents this machine lacks only warn), both sandboxes commit,
 * and the live CIB ends up holding the five resources and all seven
 * constraints of the walkthrough.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureSingleNode, resetCib } from '../cluster/harness.js';
import { runHash } from '../cli/run-hash.js';
import { liveIds, SEED, SEED_CONSTRAINTS, SEED_RESOURCES } from './seed.js';

describe('seed apache-drbd.session through hash -f, on the real cluster', () => {
  let env: Record<string, string>;
  let shadowDir: string;
  beforeAll(async () => {
    ({ env } = await ensureSingleNode());
    await resetCib(env);
    shadowDir = mkdtempSync(join(tmpdir(), 'hash-seed-shadow-'));
  }, 300_000);

  it('every line succeeds, the sandboxes commit, and the CIB holds the walkthrough', async () => {
    const r = runHash(['-f', SEED], { env: { ...env, CIB_shadow_dir: shadowDir } });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    // the walkthrough's agents this machine lacks are warnings, never errors
    expect(r.stderr).not.toMatch(/\berror\b/);
    // `ra list ocf pacemaker` listed the agents, `resource status` found the resource
    expect(r.stdout).toContain('Dummy');
    expect(r.stdout).toMatch(/ClusterIP/);
    const { resources, constraints, xml } = await liveIds(env);
    expect(resources.sort()).toEqual([...SEED_RESOURCES].sort());
    expect(constraints.sort()).toEqual([...SEED_CONSTRAINTS].sort());
    // `resource unmove` removed what `resource move` added, and node1 is online again
    expect(xml).not.toContain('cli-prefer-WebSite');
    expect(xml).toMatch(/<clone id="WebDataClone">[^]*promotable/);
    // the sandboxes are crm_shadow files that the Pacemaker tools see
    for (const name of ['drbd', 'fs']) expect(readFileSync(join(shadowDir, `shadow.${name}`), 'utf8')).toContain('<cib');
  }, 240_000);
});
