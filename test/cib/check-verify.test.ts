/**
 * Differential: for what the schema and Pacemaker decide (scores, roles,
 * kinds, references, ids, nesting, removed properties), our errors must agree
 * with crm_verify's verdict on the same CIB. Warnings (unknown node, agents)
 * must never be errors where crm_verify accepts the CIB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasErrors } from '../../grammar/diagnostics.js';
import { checkCib } from '../../src/cib/check.js';
import { parseXml } from '../../src/cib/xml.js';

const dir = mkdtempSync(join(tmpdir(), 'hash-check-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cibText(p: { crm?: string; resources?: string; constraints?: string; extra?: string; schema?: string }): string {
  return (
    `<cib crm_feature_set="3.16.1" validate-with="${p.schema ?? 'pacemaker-3.9'}" epoch="1" num_updates="0" admin_epoch="0"><configuration>` +
    `<crm_config><cluster_property_set id="o"><nvpair id="o-1" name="stonith-enabled" value="false"/>${p.crm ?? ''}</cluster_property_set></crm_config>` +
    `<nodes><node id="1" uname="n1"/></nodes>` +
    `<resources><primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/><primitive id="b" class="ocf" provider="pacemaker" type="Stateful"/>${p.resources ?? ''}</resources>` +
    // n1 is online, so Pacemaker schedules actions and judges what only shows then (op and order errors)
    `<constraints>${p.constraints ?? ''}</constraints>${p.extra ?? ''}</configuration>` +
    `<status><node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member"/></status></cib>`
  );
}

let n = 0;
function crmVerifyAccepts(text: string): boolean {
  const file = join(dir, `cib-${n++}.xml`);
  writeFileSync(file, text);
  const r = spawnSync('crm_verify', ['-x', file], { encoding: 'utf8' });
  return r.status === 0;
}

const CASES: [string, Parameters<typeof cibText>[0]][] = [
  ['baseline', {}],
  ['score -100 and +INFINITY', { constraints: '<rsc_location id="l1" rsc="a" score="-100" node="n1"/><rsc_location id="l2" rsc="b" score="+INFINITY" node="n1"/>' }],
  ['score inf', { constraints: '<rsc_location id="l" rsc="a" score="inf" node="n1"/>' }],
  ['score 1.5', { constraints: '<rsc_colocation id="c" score="1.5" rsc="a" with-rsc="b"/>' }],
  ['score in a rule', { constraints: '<rsc_location id="l" rsc="a"><rule id="r" score="high"><expression id="e" attribute="#uname" operation="eq" value="n1"/></rule></rsc_location>' }],
  ['missing with-rsc', { constraints: '<rsc_colocation id="c" score="INFINITY" rsc="a" with-rsc="zz"/>' }],
  ['missing first', { constraints: '<rsc_order id="o1" kind="Mandatory" first="zz" then="a"/>' }],
  ['missing resource_ref', { constraints: '<rsc_order id="o1"><resource_set id="s"><resource_ref id="a"/><resource_ref id="zz"/></resource_set></rsc_order>' }],
  ['missing template', { resources: '<primitive id="p" template="tt"/>' }],
  ['role Master on 3.9', { constraints: '<rsc_colocation id="c" score="INFINITY" rsc="a" with-rsc="b" with-rsc-role="Master"/>' }],
  ['role Promoted on 3.9', { constraints: '<rsc_colocation id="c" score="INFINITY" rsc="a" with-rsc="b" with-rsc-role="Promoted"/>' }],
  ['role master (case)', { constraints: '<rsc_colocation id="c" score="INFINITY" rsc="a" with-rsc="b" rsc-role="master"/>' }],
  ['role Promoted on 3.6', { schema: 'pacemaker-3.6', constraints: '<rsc_colocation id="c" score="INFINITY" rsc="a" with-rsc="b" with-rsc-role="Promoted"/>' }],
  ['op role Slave', { resources: '<primitive id="p" class="ocf" provider="pacemaker" type="Stateful"><operations><op id="p-m" name="monitor" interval="11s" role="Slave"/></operations></primitive>' }],
  ['op role Secondary', { resources: '<primitive id="p" class="ocf" provider="pacemaker" type="Stateful"><operations><op id="p-m" name="monitor" interval="11s" role="Secondary"/></operations></primitive>' }],
  ['order kind foo', { constraints: '<rsc_order id="o" kind="foo" first="a" then="b"/>' }],
  ['order action promot', { constraints: '<rsc_order id="o" first="b" first-action="promot" then="a"/>' }],
  ['duplicate primitive id', { resources: '<primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/>' }],
  ['duplicate nvpair id', { resources: '<primitive id="p" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="o-1"/></primitive>' }],
  ['group holding a clone', { resources: '<group id="g"><clone id="c"><primitive id="p" class="ocf" provider="pacemaker" type="Dummy"/></clone></group>' }],
  ['expected-quorum-votes', { crm: '<nvpair id="o-2" name="expected-quorum-votes" value="2"/>' }],
  ['cluster-infrastructure=openais', { crm: '<nvpair id="o-2" name="cluster-infrastructure" value="openais"/>' }],
  ['no_quorum_policy (old spelling)', { crm: '<nvpair id="o-2" name="no_quorum_policy" value="ignore"/>' }],
  ['expected-quorum-votes on 2.10', { schema: 'pacemaker-2.10', crm: '<nvpair id="o-2" name="expected-quorum-votes" value="2"/>' }],
  ['dc-version (allowed, the cluster\'s)', { crm: '<nvpair id="o-2" name="dc-version" value="1.0.11"/>' }],
  ['location on an unknown node (warning only)', { constraints: '<rsc_location id="l" rsc="a" score="10" node="n9"/>' }],
  ['unknown agent (warning only)', { resources: '<primitive id="d" class="ocf" provider="linbit" type="drbd"/>' }],
  ['id-ref to a missing rule', { constraints: '<rsc_location id="l" rsc="a"><rule id-ref="nosuch"/></rsc_location>' }],
  ['duplicate monitor 10s/10000ms', { resources: '<primitive id="p" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="p-m1" name="monitor" interval="10s"/><op id="p-m2" name="monitor" interval="10000ms"/></operations></primitive>' }],
  ['monitors 10s/11s per role', { resources: '<primitive id="p" class="ocf" provider="pacemaker" type="Stateful"><operations><op id="p-m1" name="monitor" interval="10s" role="Promoted"/><op id="p-m2" name="monitor" interval="11s" role="Unpromoted"/></operations></primitive>' }],
  ['unknown cluster property (warning only)', { crm: '<nvpair id="o-2" name="stonith-enable" value="false"/>' }],
  ['loss-policy kill', { constraints: '<rsc_ticket id="t" ticket="T" rsc="a" loss-policy="kill"/>' }],
  ['resource-discovery sometimes', { constraints: '<rsc_location id="l" rsc="a" score="1" node="n1" resource-discovery="sometimes"/>' }],
  ['symmetrical yes', { constraints: '<rsc_order id="o1" first="a" then="b" symmetrical="yes"/>' }],
  ['symmetrical false', { constraints: '<rsc_order id="o1" first="a" then="b" symmetrical="false"/>' }],
  ['no-quorum-policy sometimes', { crm: '<nvpair id="o-2" name="no-quorum-policy" value="sometimes"/>' }],
  ['no-quorum-policy freeze', { crm: '<nvpair id="o-2" name="no-quorum-policy" value="freeze"/>' }],
  ['maintenance-mode maybe', { crm: '<nvpair id="o-2" name="maintenance-mode" value="maybe"/>' }],
  ['maintenance-mode yes', { crm: '<nvpair id="o-2" name="maintenance-mode" value="yes"/>' }],
  ['maintenance-mode Y', { crm: '<nvpair id="o-2" name="maintenance-mode" value="Y"/>' }],
  ['cluster-delay soon', { crm: '<nvpair id="o-2" name="cluster-delay" value="soon"/>' }],
  ['cluster-delay 60', { crm: '<nvpair id="o-2" name="cluster-delay" value="60"/>' }],
  ['batch-limit x', { crm: '<nvpair id="o-2" name="batch-limit" value="x"/>' }],
  ['batch-limit INFINITY', { crm: '<nvpair id="o-2" name="batch-limit" value="INFINITY"/>' }],
  ['placement-strategy fair', { crm: '<nvpair id="o-2" name="placement-strategy" value="fair"/>' }],
  ['load-threshold high (a percentage Pacemaker does not check)', { crm: '<nvpair id="o-2" name="load-threshold" value="high"/>' }],
  ['bundle without control-port', { resources: '<bundle id="bu"><docker image="x"/><primitive id="bp" class="ocf" provider="pacemaker" type="Dummy"/></bundle>' }],
  ['bundle with control-port', { resources: '<bundle id="bu"><docker image="x"/><network control-port="3121"/><primitive id="bp" class="ocf" provider="pacemaker" type="Dummy"/></bundle>' }],
  ['recurring start', { resources: '<primitive id="p" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="p-s" name="start" interval="10s"/></operations></primitive>' }],
  ['recurring notify (allowed)', { resources: '<primitive id="p" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="p-s" name="notify" interval="10s"/></operations></primitive>' }],
  ['property twice, the second invalid (ignored)', { crm: '<nvpair id="o-2" name="no-quorum-policy" value="stop"/><nvpair id="o-3" name="no-quorum-policy" value="ignor"/>' }],
  ['fencing level naming a missing device (warning only)', { extra: '<fencing-topology><fencing-level id="fl" target="n1" index="1" devices="nosuch"/></fencing-topology>' }],
  ['fencing level naming a non-stonith resource (warning only)', { extra: '<fencing-topology><fencing-level id="fl" target="n1" index="1" devices="a"/></fencing-topology>' }],
  ['tag naming a missing object (warning only)', { extra: '<tags><tag id="t"><obj_ref id="nosuch"/></tag></tags>' }],
  ['rule role Promoted on 3.6 (parsed at run time)', { schema: 'pacemaker-3.6', constraints: '<rsc_location id="l" rsc="b"><rule id="r" score="10" role="Promoted"><expression id="e" attribute="#uname" operation="eq" value="n1"/></rule></rsc_location>' }],
  ['rule role Foo', { constraints: '<rsc_location id="l" rsc="b"><rule id="r" score="10" role="Foo"><expression id="e" attribute="#uname" operation="eq" value="n1"/></rule></rsc_location>' }],
  ['target-role Runing', { resources: '<primitive id="p" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="p-m"><nvpair id="p-m-1" name="target-role" value="Runing"/></meta_attributes></primitive>' }],
  ['target-role started (any case)', { resources: '<primitive id="p" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="p-m"><nvpair id="p-m-1" name="target-role" value="started"/></meta_attributes></primitive>' }],
  ['target-role Unpromoted, not promotable', { resources: '<primitive id="p" class="ocf" provider="pacemaker" type="Stateful"><meta_attributes id="p-m"><nvpair id="p-m-1" name="target-role" value="Unpromoted"/></meta_attributes></primitive>' }],
  ['target-role Promoted on a plain clone', { resources: '<clone id="c"><meta_attributes id="c-m"><nvpair id="c-m-1" name="target-role" value="Promoted"/></meta_attributes><primitive id="p" class="ocf" provider="pacemaker" type="Stateful"/></clone>' }],
  ['target-role Master on a promotable clone', { resources: '<clone id="c"><meta_attributes id="c-m"><nvpair id="c-m-0" name="promotable" value="true"/><nvpair id="c-m-1" name="target-role" value="Master"/></meta_attributes><primitive id="p" class="ocf" provider="pacemaker" type="Stateful"/></clone>' }],
  ['target-role Promoted inside an ms', { resources: '<master id="c"><primitive id="p" class="ocf" provider="pacemaker" type="Stateful"><meta_attributes id="p-m"><nvpair id="p-m-1" name="target-role" value="Promoted"/></meta_attributes></primitive></master>' }],
  ['location on a clone\'s primitive, no history', { resources: '<clone id="c"><primitive id="p" class="ocf" provider="pacemaker" type="Dummy"/></clone>', constraints: '<rsc_location id="l" rsc="p" score="1" node="n1"/>' }],
  ['location on a group member', { resources: '<group id="g"><primitive id="p" class="ocf" provider="pacemaker" type="Dummy"/></group>', constraints: '<rsc_location id="l" rsc="p" score="1" node="n1"/>' }],
  ['order of a resource after itself', { constraints: '<rsc_order id="o1" first="a" then="a"/>' }],
  ['order of two actions of one resource', { constraints: '<rsc_order id="o1" first="b" first-action="promote" then="b" then-action="start"/>' }],
  ['colocation with itself (warning only)', { constraints: '<rsc_colocation id="c" score="INFINITY" rsc="a" with-rsc="a"/>' }],
  ['ACL role missing', { extra: '<acls><acl_target id="u"><role id="nor"/></acl_target></acls>' }],
];

describe('errors agree with crm_verify', () => {
  const have = spawnSync('crm_verify', ['--version'], { encoding: 'utf8' }).status === 0;
  it('crm_verify is installed (the oracle)', () => {
    expect(have, 'crm_verify (pacemaker-cli-utils) is needed for this test').toBe(true);
    expect(execFileSync('crm_verify', ['--version'], { encoding: 'utf8' })).toMatch(/Pacemaker 2\./);
  });
  it.each(CASES)('%s', (_name, parts) => {
    const text = cibText(parts);
    const ours = checkCib(parseXml(text), { agents: () => null });
    expect({ ourError: hasErrors(ours), diagnostics: ours.map((d) => `${d.severity} ${d.code}: ${d.message}`) }).toMatchObject({
      ourError: !crmVerifyAccepts(text),
    });
  });
});
