/**
 * The real three-node cluster a teammate captured into demo/ (crm_mon.xml and
 * crm_mon.txt from the same moment): our model of the XML against crm_mon's
 * own text, line by line for every resource instance, and the node states.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalExecutor } from '../../src/exec/local.js';
import { allocationScores, cibConfiguration } from '../../src/pacemaker/crm-mon.js';
import { detailLines } from '../../src/status/details.js';
import { describe, expect, it } from 'vitest';
import { parseCrmMonXml } from '../../src/pacemaker/crm-mon.js';
import { primitives } from '../../src/pacemaker/status-model.js';
import { formatStatusText } from '../../src/status/text.js';

const DEMO = join(import.meta.dirname, '..', '..', 'demo');
const xml = readFileSync(join(DEMO, 'crm_mon.xml'), 'utf8');
const text = readFileSync(join(DEMO, 'crm_mon.txt'), 'utf8');
const parsed = parseCrmMonXml(xml);
if (!parsed.ok) throw new Error(parsed.error);
const status = parsed.status;

describe('the captured three-node cluster (demo/)', () => {
  it('every resource instance has the role and node crm_mon printed, in its order', () => {
    // "  * flaky\t(ocf:pacemaker:Dummy):\t Started n1"
    const want = [...text.matchAll(/^\s+\* (\S+)\t\((\S+)\):\t (\S+)(?: ([^\s(]\S*))?/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4] ?? '-'}`);
    const got = primitives(status.resources).map((p) => `${p.id} ${p.agent} ${p.role} ${p.nodes[0] ?? '-'}`);
    expect(want.length).toBeGreaterThan(8);
    expect(got).toEqual(want);
  });

  it('every node has the state crm_mon printed', () => {
    const want = Object.fromEntries([...text.matchAll(/^\s+\* Node (\S+) \(\d+\): (\w+)/gm)].map((m) => [m[1], m[2]]));
    expect(Object.fromEntries(status.nodes.map((n) => [n.name, n.state]))).toEqual(want);
  });

  it('failures and fail counts match crm_mon’s text', () => {
    const fails = [...text.matchAll(/^\s+\* (\S+) on (\S+) '([^']+)' \((\d+)\)/gm)].map((m) => `${m[1]}@${m[2]} ${m[3]} ${m[4]}`);
    expect(status.failures.map((f) => `${f.opKey}@${f.node} ${f.exitStatus} ${f.exitCode}`)).toEqual(fails);
    expect(status.failures[0]?.exitReason).toBe('environment is invalid, resource considered stopped');
    const counts = [...text.matchAll(/^\s+\* (\S+): migration-threshold=(\d+) fail-count=(\d+)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    const mine = status.history.flatMap((h) => h.resources.filter((r) => (r.failCount ?? 0) > 0).map((r) => `${r.id} ${r.migrationThreshold} ${r.failCount}`));
    expect(mine).toEqual(counts);
  });

  it('the --once text says the same things', () => {
    const out = formatStatusText(status, { color: false });
    expect(out).toContain('  * n3: standby (DC)');
    expect(out).toContain('  * report-job (ocf:pacemaker:Dummy): Stopped (disabled)');
    expect(out).toContain('  * Clone Set (promotable): db-clone [db] (ocf:pacemaker:Stateful)\n    * Promoted: [ n1 ]\n    * Unpromoted: [ n2 ]');
    // the stopped instance by node, and the started ones sorted, as crm_mon -1 -r prints them
    expect(out).toContain('  * Clone Set: ping-clone [ping] (ocf:pacemaker:ping)\n    * Started: [ n1 n2 ]\n    * Stopped: [ n3 ]\n');
    expect(out).toContain("  * legacy-web start on n2: not installed (5): environment is invalid, resource considered stopped");
    expect(out).toContain('    * legacy-web: fail-count=INFINITY migration-threshold=3');
  });
});

describe('details of the captured cluster, with the real CIB reads', () => {
  it('say why legacy-web runs nowhere: its fail counts reached the migration threshold, and n3 is in standby', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'hash-demo-')), 'cib.xml');
    copyFileSync(join(DEMO, 'cib.xml'), copy);
    const ex = new LocalExecutor();
    const t = { kind: 'file' as const, path: copy };
    const [config, scores] = await Promise.all([cibConfiguration(ex, t), allocationScores(ex, t)]);
    expect(config?.name).toBe('configuration');
    const lines = detailLines({ type: 'resource', resource: 'legacy-web', kind: 'primitive' }, status, { ...(config ? { config } : {}), ...(scores ? { scores } : {}) }).map((l) => l.map((x) => x.text).join(''));
    expect(lines).toContain('  configfile: /etc/apache2/missing.conf');
    expect(lines).toContain('Allocation scores (crm_simulate)');
    expect(lines).toContain('  n1: -INFINITY  cannot run here: failed fatally (migration-threshold 3); clean up (c) to allow');
    expect(lines).toContain('  n3: 0  cannot run here: node in standby');
    // and the CIB file is left as it was
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(join(DEMO, 'cib.xml'), 'utf8'));
  });
});
