import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/cib/xml.js';
import { differenceClass, diffXml, formatDifference, normalizeConfiguration } from './compare.js';

const crmshXml = `<configuration><resources>
  <master id="ms1"><meta_attributes id="ms1-meta_attributes"><nvpair name="notify" value="true" id="ms1-meta_attributes-notify"/></meta_attributes>
    <primitive id="p1" class="ocf" provider="pacemaker" type="Stateful"><operations><op name="monitor" interval="10s" role="Master" id="p1-monitor-10s"/></operations></primitive></master>
  <master id="ms2"><primitive id="p2" class="ocf" provider="pacemaker" type="Stateful"/></master>
</resources><constraints>
  <rsc_colocation id="c1" score="INFINITY" rsc="x" with-rsc="ms1" with-rsc-role="Slave"/>
</constraints></configuration>`;

const oursXml = `<configuration><resources>
  <clone id="ms1"><meta_attributes id="ms1-meta_attributes"><nvpair id="ms1-meta_attributes-notify" value="true" name="notify"/><nvpair name="promotable" value="true" id="ms1-meta_attributes-promotable"/></meta_attributes>
    <primitive id="p1" class="ocf" provider="pacemaker" type="Stateful"><operations><op name="monitor" interval="10s" role="Promoted" id="p1-monitor-10s"/></operations></primitive></clone>
  <clone id="ms2"><meta_attributes id="ms2-meta_attributes"><nvpair name="promotable" value="true" id="ms2-meta_attributes-promotable"/></meta_attributes><primitive id="p2" class="ocf" provider="pacemaker" type="Stateful"/></clone>
</resources><constraints>
  <rsc_colocation id="c1" score="INFINITY" rsc="x" with-rsc="ms1" with-rsc-role="Unpromoted"/>
</constraints></configuration>`;

describe('normalizeConfiguration + diffXml', () => {
  it('treats <master> as a promotable clone, Master/Slave as Promoted/Unpromoted, and ignores attribute order', () => {
    const a = normalizeConfiguration(parseXml(crmshXml), 'crmsh', 'pacemaker-3.9');
    const b = normalizeConfiguration(parseXml(oursXml), 'hash', 'pacemaker-3.9');
    expect(diffXml(a, b).map(formatDifference)).toEqual([]);
  });

  it('keeps Master/Slave on schemas before 3.7, so a Promoted there is a difference', () => {
    const a = normalizeConfiguration(parseXml(crmshXml), 'crmsh', 'pacemaker-3.0');
    const b = normalizeConfiguration(parseXml(oursXml), 'hash', 'pacemaker-3.0');
    const diffs = diffXml(a, b);
    expect(diffs.map((d) => `${d.attr}:${d.crmsh}:${d.hash}`).sort()).toEqual(['role:Master:Promoted', 'with-rsc-role:Slave:Unpromoted']);
  });

  it('reports attribute, missing, extra and order differences with paths and classes', () => {
    const a = parseXml('<constraints><rsc_order id="o1" kind="Mandatory" first="a" then="b"/><rsc_order id="o2" first="a" then="c"/><x id="gone"/></constraints>');
    const b = parseXml('<constraints><rsc_order id="o2" first="a" then="c"/><rsc_order id="o1" kind="Optional" first="a" then="b"/><y id="new"/></constraints>');
    const diffs = diffXml(a, b);
    expect(diffs.map(formatDifference)).toEqual([
      'constraints/rsc_order#o1 @kind: crmsh="Mandatory" hash="Optional"',
      'constraints/x#gone: only in crmsh: <x id="gone"/>',
      'constraints/y#new: only in hash: <y id="new"/>',
      'constraints: child order differs: crmsh [rsc_order#o1 rsc_order#o2] hash [rsc_order#o2 rsc_order#o1]',
    ]);
    expect(differenceClass(diffs[0]!)).toBe('rsc_order @kind differs');
  });

  it('sees a promotable clone that is not one on the other side', () => {
    const a = normalizeConfiguration(parseXml('<resources><master id="m"><primitive id="p"/></master></resources>'), 'crmsh');
    const b = normalizeConfiguration(parseXml('<resources><clone id="m"><primitive id="p"/></clone></resources>'), 'hash');
    expect(diffXml(a, b).map(formatDifference)).toEqual(['resources/clone#m @promotable(normalized): crmsh="true" hash=(absent)']);
  });
});

describe('diffXml on children without ids', () => {
  it('reports a reordering once instead of a cascade of element differences', () => {
    const a = parseXml('<select><select_attributes/><select_nodes/></select>');
    const b = parseXml('<select><select_nodes/><select_attributes/></select>');
    expect(diffXml(a, b).map(formatDifference)).toEqual(['select: child order differs: crmsh [select_attributes select_nodes] hash [select_nodes select_attributes]']);
  });
});

describe('diffXml alignment', () => {
  it('reports one extra element without shifting the later ones', () => {
    const a = parseXml('<alert id="a"><select><select_fencing/></select><instance_attributes id="a-ia"/><recipient id="a-r1" value="x"/><recipient id="a-r2" value="y"/></alert>');
    const b = parseXml('<alert id="a"><select><select_fencing/><select_attributes/></select><recipient id="a-r1" value="x"/><recipient id="a-r2" value="y"/></alert>');
    expect(diffXml(a, b).map(formatDifference)).toEqual([
      'alert#a/select/select_attributes: only in hash: <select_attributes/>',
      'alert#a/instance_attributes#a-ia: only in crmsh: <instance_attributes id="a-ia"/>',
    ]);
  });
});
