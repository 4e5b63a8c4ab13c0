import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Loc, NvPair, PropertyStatement, Statement } from '../../grammar/ast.js';
import { parseConfigure } from '../../grammar/index.js';
import { dropLegacyProperties } from '../../src/cib/legacy.js';

const SEEDS = '/work/shared/seeds';

/** The loc of the first `name=` at or after line `from` of `text` (1-based), as the parser would give it. */
function locOf(text: string, name: string, from = 1): Loc {
  const lines = text.split('\n');
  let offset = lines.slice(0, from - 1).reduce((n, l) => n + l.length + 1, 0);
  for (let i = from - 1; i < lines.length; i++) {
    const col = lines[i]!.search(new RegExp(`(^|\\s)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=`));
    if (col >= 0) {
      const start = col + (lines[i]![col] === name[0] ? 0 : 1);
      const len = /^\S+/.exec(lines[i]!.slice(start))![0].length;
      return { line: i + 1, col: start + 1, offset: offset + start, endOffset: offset + start + len };
    }
    offset += lines[i]!.length + 1;
  }
  throw new Error(`${name}= not in text`);
}

function pair(text: string, name: string, value: string, from?: number): NvPair {
  return { name, value, loc: locOf(text, name, from) };
}

function property(text: string, pairs: [string, string][], setId?: string): PropertyStatement {
  const first = locOf(text, pairs[0]![0]);
  return {
    kind: 'property',
    ...(setId !== undefined ? { setId } : {}),
    rules: [],
    pairs: pairs.map(([n, v]) => pair(text, n, v)),
    comments: [],
    loc: { line: first.line - 1, col: 1, offset: 0, endOffset: 0 },
  };
}

function line(text: string): PropertyStatement {
  const pairs = text.split(/\s+/).slice(1).map((w) => w.split('=') as [string, string]);
  return property(text, pairs);
}

describe('seed properties', () => {
  it('oess-base.crm: dc-version, cluster-infrastructure=openais and expected-quorum-votes are left out, each with a located reason', () => {
    const path = `${SEEDS}/oess-base.crm`;
    expect(existsSync(path), `${path} is a seed this test needs`).toBe(true);
    const text = readFileSync(path, 'utf8');
    // the property statement as the seed writes it (line 44 onwards)
    const st = property(
      text,
      [
        ['dc-version', '1.0.11-XXXXX'],
        ['cluster-infrastructure', 'openais'],
        ['expected-quorum-votes', '3'],
        ['stonith-enabled', 'false'],
        ['symmetric-cluster', 'false'],
      ],
      'cib-bootstrap-options',
    );
    const other: Statement = { kind: 'tag', id: 't', refs: ['a'], comments: [], loc: { line: 1, col: 1, offset: 0, endOffset: 3 } };
    const { statements, diagnostics } = dropLegacyProperties([other, st]);
    expect(statements[0]).toBe(other);
    const kept = statements[1] as PropertyStatement;
    expect(kept.pairs.map((p) => `${p.name}=${p.value}`)).toEqual(['stonith-enabled=false', 'symmetric-cluster=false']);
    expect(kept.setId).toBe('cib-bootstrap-options');
    expect(diagnostics.map((d) => [d.severity, d.code, d.line, d.col, d.objectId])).toEqual([
      ['warning', 'legacy-property', 45, 7, 'cib-bootstrap-options'],
      ['warning', 'legacy-property', 46, 7, 'cib-bootstrap-options'],
      ['warning', 'legacy-property', 47, 7, 'cib-bootstrap-options'],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'property dc-version left out: the cluster maintains it itself (the DC writes its own version there when it is elected)',
      'property cluster-infrastructure left out: the cluster maintains it itself (the DC writes the messaging layer it runs on (corosync) when it is elected)',
      'property expected-quorum-votes left out: current Pacemaker removed it (corosync 2+ tracks quorum itself) and its schema rejects it',
    ]);
    expect(diagnostics[2]!.hint).toMatch(/corosync\.conf/);
    expect(diagnostics[0]!.length).toBe('dc-version="1.0.11-XXXXX"'.length);
    // pure: the input is untouched
    expect(st.pairs).toHaveLength(5);
  });

  it('oess-base.crm through the real parser gives the same three warnings at the same places', () => {
    const text = readFileSync(`${SEEDS}/oess-base.crm`, 'utf8');
    const { statements, diagnostics } = dropLegacyProperties(parseConfigure(text).statements);
    expect(diagnostics.map((d) => `${d.line}:${d.col}+${d.length} ${d.objectId} ${d.message.split(':')[0]}`)).toEqual([
      '45:7+25 cib-bootstrap-options property dc-version left out',
      '46:7+32 cib-bootstrap-options property cluster-infrastructure left out',
      '47:7+25 cib-bootstrap-options property expected-quorum-votes left out',
    ]);
    const prop = statements.find((s): s is PropertyStatement => s.kind === 'property')!;
    expect(prop.pairs.map((p) => p.name)).toEqual(['stonith-enabled', 'symmetric-cluster']);
  });

  it('linode-pair.crm: cluster-infrastructure="Heartbeat" is left out; the rest loads', () => {
    const text = readFileSync(`${SEEDS}/linode-pair.crm`, 'utf8');
    const st = property(text, [
      ['cluster-infrastructure', 'Heartbeat'],
      ['stonith-enabled', 'false'],
      ['no-quorum-policy', 'ignore'],
    ]);
    const { statements, diagnostics } = dropLegacyProperties([st]);
    expect((statements[0] as PropertyStatement).pairs.map((p) => p.name)).toEqual(['stonith-enabled', 'no-quorum-policy']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 45, col: 10, code: 'legacy-property', objectId: 'cib-bootstrap-options' });
    expect(diagnostics[0]!.message).toMatch(/^property cluster-infrastructure left out: the cluster maintains it itself/);
  });
});

describe('the lists from the schema', () => {
  it('renames underscore spellings the way Pacemaker\'s upgrade does, with a warning', () => {
    const text = 'property stonith_enabled=false no_quorum_policy=ignore transition_idle_timeout=60s';
    const { statements, diagnostics } = dropLegacyProperties([line(text)]);
    expect((statements[0] as PropertyStatement).pairs.map((p) => `${p.name}=${p.value}`)).toEqual([
      'stonith-enabled=false',
      'no-quorum-policy=ignore',
      'cluster-delay=60s',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'property stonith_enabled loaded as stonith-enabled: current Pacemaker knows it only by its new name',
      'property no_quorum_policy loaded as no-quorum-policy: current Pacemaker knows it only by its new name',
      'property transition_idle_timeout loaded as cluster-delay: current Pacemaker knows it only by its new name',
    ]);
    expect(diagnostics.map((d) => d.col)).toEqual([10, 32, 56]);
  });

  it('an old spelling next to the new one is dropped, the new one wins', () => {
    const { statements, diagnostics } = dropLegacyProperties([line('property stonith_enabled=true stonith-enabled=false')]);
    expect((statements[0] as PropertyStatement).pairs.map((p) => `${p.name}=${p.value}`)).toEqual(['stonith-enabled=false']);
    expect(diagnostics[0]!.message).toBe('property stonith_enabled left out: it is the old name of stonith-enabled, which this set also gives');
  });

  it('defaults that moved to rsc_defaults/op_defaults: left out, with the line to write instead', () => {
    const { statements, diagnostics } = dropLegacyProperties([
      line('property default-resource-stickiness=100 default-action-timeout=60s default-resource-failure-stickiness=-INFINITY is-managed-default=false'),
    ]);
    expect(statements).toEqual([]);
    expect(diagnostics.map((d) => d.hint)).toEqual([
      'write `rsc_defaults resource-stickiness=100` instead',
      'write `op_defaults timeout=60s` instead',
      'write `rsc_defaults migration-threshold=1` instead (what -INFINITY meant)',
      'write `rsc_defaults is-managed=false` instead',
    ]);
  });

  it('have-watchdog and last-lrm-refresh are the cluster\'s; cluster-name is the user\'s', () => {
    const { statements, diagnostics } = dropLegacyProperties([line('property have-watchdog=true last-lrm-refresh=1700000000 cluster-name=oess')]);
    expect((statements[0] as PropertyStatement).pairs.map((p) => p.name)).toEqual(['cluster-name']);
    expect(diagnostics).toHaveLength(2);
  });

  it('keepMaintained keeps dc-version (a lossless file round trip) but still drops what the schema rejects', () => {
    const st = line('property dc-version=2.1.5 cluster-infrastructure=cman expected-quorum-votes=2');
    const { statements, diagnostics } = dropLegacyProperties([st], { keepMaintained: true });
    expect((statements[0] as PropertyStatement).pairs.map((p) => p.name)).toEqual(['dc-version']);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'property cluster-infrastructure="cman" left out: Pacemaker 2 runs only on corosync 2+ and its schema rejects this value',
      'property expected-quorum-votes left out: current Pacemaker removed it (corosync 2+ tracks quorum itself) and its schema rejects it',
    ]);
  });

  it('a CIB on a pre-3.0 schema still takes the removed names', () => {
    const st = line('property expected-quorum-votes=2 stonith_enabled=false dc-version=1.0');
    const { statements, diagnostics } = dropLegacyProperties([st], { validateWith: 'pacemaker-1.2' });
    expect((statements[0] as PropertyStatement).pairs.map((p) => p.name)).toEqual(['expected-quorum-votes', 'stonith_enabled']);
    expect(diagnostics).toHaveLength(1);
  });

  it('leaves rsc_defaults, op_defaults and @ref pairs alone, and returns the same statement objects when nothing changes', () => {
    const rd: PropertyStatement = { ...line('property expected-quorum-votes=2'), kind: 'rsc_defaults' };
    const plain = line('property stonith-enabled=false');
    const ref: PropertyStatement = { ...line('property x=1'), pairs: [{ name: 'dc-version', idRef: 'dc-version', loc: locOf('property dc-version=1', 'dc-version') }] };
    const { statements, diagnostics } = dropLegacyProperties([rd, plain, ref]);
    expect(statements[0]).toBe(rd);
    expect(statements[1]).toBe(plain);
    expect(statements[2]).toBe(ref);
    expect(diagnostics).toEqual([]);
  });
});
