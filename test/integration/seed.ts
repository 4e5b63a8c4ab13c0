/**
 * The apache-drbd seed and what the live CIB holds after it: shared by the
 * `hash -f` test and the REPL test.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { run } from '../cluster/harness.js';
import { SHARED } from '../cli/run-hash.js';

export const SEED = join(SHARED, 'seeds', 'apache-drbd.session');
export const SEED_RESOURCES = ['ClusterIP', 'WebSite', 'WebData', 'WebDataClone', 'WebFS'];
export const SEED_CONSTRAINTS = ['website-with-ip', 'apache-after-ip', 'prefer-node1', 'fs_on_drbd', 'WebFS-after-WebData', 'WebSite-with-WebFS', 'WebSite-after-WebFS'];

/** The ids of the live CIB's resources and constraints. */
export async function liveIds(env: Record<string, string>): Promise<{ resources: string[]; constraints: string[]; xml: string }> {
  const q = await run(['cibadmin', '--query', '--scope', 'configuration'], { env });
  expect(q.code, q.stderr).toBe(0);
  const section = (name: string): string => new RegExp(`<${name}>([^]*?)</${name}>`).exec(q.stdout)?.[1] ?? '';
  const ids = (xml: string, tags: string): string[] => [...xml.matchAll(new RegExp(`<(?:${tags}) id="([^"]+)"`, 'g'))].map((m) => m[1]!);
  return { resources: ids(section('resources'), 'primitive|group|clone|master|bundle'), constraints: ids(section('constraints'), 'rsc_location|rsc_colocation|rsc_order|rsc_ticket'), xml: q.stdout };
}

