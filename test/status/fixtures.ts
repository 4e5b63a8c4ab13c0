/**
 * The crm_mon XML fixtures of test/fixtures/crm_mon (made by its generate.sh
 * from real CIBs with the real crm_mon), decoded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCrmMonXml } from '../../src/pacemaker/crm-mon.js';
import type { ClusterStatus } from '../../src/pacemaker/status-model.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'crm_mon');

export const FIXTURE_NAMES = [
  '696',
  'bug-1685',
  'bug-5186-partial-migrate',
  'bug-cl-5212',
  'bundle-order-partial',
  'cloned-group-stop',
  'empty',
  'migrate-partial-4',
  'mon-rsc-2',
  'monitor-onfail-restart',
  'node-states',
  'novell-239082',
  'probe-pending-node',
  'rec-rsc-4',
  'remote-recover',
  'shutdown-lock',
  'systemhealthm3',
  'template-ticket',
] as const;

export function fixtureXml(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.xml`), 'utf8');
}

export function fixture(name: string): ClusterStatus {
  const r = parseCrmMonXml(fixtureXml(name));
  if (!r.ok) throw new Error(`fixture ${name}: ${r.error}`);
  return r.status;
}
