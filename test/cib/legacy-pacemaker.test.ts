/**
 * The legacy lists checked against Pacemaker itself: the schema file's own
 * list, and crm_verify's verdict on a CIB holding each property.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAINTAINED_PROPERTIES, REMOVED_PROPERTIES, rejectedProperty } from '../../src/cib/legacy.js';
import { descendants, parseXml } from '../../src/cib/xml.js';

const SCHEMA = '/usr/share/pacemaker/options-3.9.rng';
const tmp = mkdtempSync(join(tmpdir(), 'hash-legacy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function verify(name: string, value: string): { ok: boolean; out: string } {
  const file = join(tmp, `${name}.xml`);
  writeFileSync(
    file,
    `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config>` +
      `<cluster_property_set id="cib-bootstrap-options"><nvpair id="o-1" name="stonith-enabled" value="false"/><nvpair id="o-2" name="${name}" value="${value}"/></cluster_property_set>` +
      `</crm_config><nodes/><resources/><constraints/></configuration><status/></cib>`,
  );
  const r = spawnSync('crm_verify', ['-x', file], { encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stderr + r.stdout };
}

describe('legacy lists against Pacemaker 2.1.5', () => {
  it('REMOVED_PROPERTIES is exactly the except-list of options-3.9.rng (less cluster-infrastructure, judged by value)', () => {
    expect(existsSync(SCHEMA), `${SCHEMA} comes with pacemaker-schemas`).toBe(true);
    const rng = parseXml(readFileSync(SCHEMA, 'utf8'));
    // the <except> under the "name" attribute of the second group holds the rejected names
    const nameAttr = [...descendants(rng)].filter((e) => e.name === 'attribute' && e.attrs.name === 'name');
    const except = nameAttr.flatMap((a) => [...descendants(a)].filter((e) => e.name === 'except'));
    const names = except.flatMap((e) => [...descendants(e)].filter((v) => v.name === 'value').map((v) => v.text ?? ''));
    expect(names).toContain('expected-quorum-votes');
    expect([...REMOVED_PROPERTIES, 'cluster-infrastructure'].sort()).toEqual([...new Set(names)].sort());
  });

  it('crm_verify rejects every removed property on pacemaker-3.9, and rejectedProperty says why', { timeout: 120_000 }, () => {
    const accepted = REMOVED_PROPERTIES.filter((n) => verify(n, '1').ok);
    expect(accepted).toEqual([]);
    for (const n of REMOVED_PROPERTIES) expect(rejectedProperty(n, '1', 'pacemaker-3.9'), n).toBeTruthy();
    expect(verify('cluster-infrastructure', 'openais').ok).toBe(false);
    expect(rejectedProperty('cluster-infrastructure', 'openais', 'pacemaker-3.9')).toMatch(/corosync/);
  });

  it('crm_verify takes the maintained ones (they are dropped because the cluster writes them, not because they are invalid)', { timeout: 60_000 }, () => {
    const values: Record<string, string> = { 'dc-version': '1.0.11-XXXXX', 'cluster-infrastructure': 'corosync', 'have-watchdog': 'false', 'last-lrm-refresh': '1700000000' };
    for (const n of MAINTAINED_PROPERTIES) {
      expect(verify(n, values[n] ?? 'x').ok, n).toBe(true);
      expect(rejectedProperty(n, values[n], 'pacemaker-3.9'), n).toBeUndefined();
    }
  });

  it('the controller documents dc-version and cluster-infrastructure as its own, the scheduler have-watchdog', () => {
    const controld = spawnSync('/usr/lib/pacemaker/pacemaker-controld', ['metadata'], { encoding: 'utf8' }).stdout;
    const schedulerd = spawnSync('/usr/lib/pacemaker/pacemaker-schedulerd', ['metadata'], { encoding: 'utf8' }).stdout;
    expect(controld).toMatch(/<parameter name="dc-version">[\s\S]*?Designated Controller/);
    expect(controld).toMatch(/<parameter name="cluster-infrastructure">[\s\S]*?currently running/);
    expect(schedulerd).toMatch(/<parameter name="have-watchdog">[\s\S]*?set automatically by the cluster/);
  });
});
