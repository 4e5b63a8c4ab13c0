/** The small helpers under the encoder: crmsh's id rule, schema versions and role names, intervals. */
import { describe, expect, it } from 'vitest';
import { intervalMs } from '../../../src/cib/apply.js';
import { expandAclShortcut, scoreAttr } from '../../../src/cib/encode.js';
import { IdStore } from '../../../src/cib/ids.js';
import { roleForSchema, schemaAtLeast, usesPromotedRoles } from '../../../src/cib/schema.js';

describe('IdStore.generate', () => {
  it('names by tag: nvpair, op, sets, others', () => {
    const ids = new IdStore();
    expect(ids.generate('nvpair', 'p-instance_attributes', { name: 'ip' })).toBe('p-instance_attributes-ip');
    expect(ids.generate('op', 'p', { name: 'monitor', interval: '10s' })).toBe('p-monitor-10s');
    expect(ids.generate('op', 'p', { name: 'start' })).toBe('p-start');
    expect(ids.generate('date_expression', 'l-rule')).toBe('l-rule-expression');
    expect(ids.generate('resource_set', 'c1')).toBe('c1');
    expect(ids.generate('resource_set', 'c1')).toBe('c1-0');
  });

  it('suffixes taken ids with -0, -1, ... and records them', () => {
    const ids = new IdStore(['p-meta_attributes', 'p-meta_attributes-0']);
    expect(ids.generate('meta_attributes', 'p')).toBe('p-meta_attributes-1');
    expect(ids.has('p-meta_attributes-1')).toBe(true);
  });

  it('a prefix of digits only becomes num-<digits>, except for nodes', () => {
    const ids = new IdStore();
    expect(ids.generate('instance_attributes', '101')).toBe('num-101-instance_attributes');
    expect(ids.generate('node', '101')).toBe('101');
  });
});

describe('schema and roles', () => {
  it('compares schema versions', () => {
    expect(schemaAtLeast('pacemaker-3.10', 3, 7)).toBe(true);
    expect(schemaAtLeast('pacemaker-3.5', 3, 7)).toBe(false);
    expect(schemaAtLeast('pacemaker-next', 3, 7)).toBe(true);
    expect(usesPromotedRoles('pacemaker-2.10')).toBe(false);
  });

  it('translates roles both ways, in any case', () => {
    expect(roleForSchema('master', 'pacemaker-3.9')).toBe('Promoted');
    expect(roleForSchema('Slave', 'pacemaker-3.7')).toBe('Unpromoted');
    expect(roleForSchema('Promoted', 'pacemaker-3.6')).toBe('Master');
    expect(roleForSchema('Started', 'pacemaker-3.9')).toBe('Started');
  });
});

describe('scores, intervals, ACL shortcuts', () => {
  it('maps scores as crmsh does', () => {
    expect(scoreAttr('inf')).toEqual(['score', 'INFINITY']);
    expect(scoreAttr('-inf')).toEqual(['score', '-INFINITY']);
    expect(scoreAttr('+inf')).toEqual(['score', '+INFINITY']);
    expect(scoreAttr('Mandatory')).toEqual(['score', 'INFINITY']);
    expect(scoreAttr('advisory')).toEqual(['score', '0']);
    expect(scoreAttr('pingd')).toEqual(['score-attribute', 'pingd']);
  });

  it('reads intervals like Pacemaker', () => {
    expect(intervalMs('10')).toBe(10_000);
    expect(intervalMs('10s')).toBe(intervalMs('10000ms'));
    expect(intervalMs('2min')).toBe(120_000);
    expect(intervalMs('P1D')).toBeUndefined();
  });

  it('expands ACL shortcuts', () => {
    expect(expandAclShortcut('meta:p1:target-role')).toBe("//primitive[@id='p1']/meta_attributes/nvpair[@name='target-role']");
    expect(expandAclShortcut('nodeattr')).toBe('//nodes/node/instance_attributes');
    expect(expandAclShortcut('location:p1')).toBe("//rsc_location[@id='cli-prefer-p1' and @rsc='p1']");
    expect(expandAclShortcut('meta')).toBeUndefined();
    expect(expandAclShortcut('status:x')).toBeUndefined();
    expect(expandAclShortcut('bogus:x')).toBeUndefined();
  });
});
