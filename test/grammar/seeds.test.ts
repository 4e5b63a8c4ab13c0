/**
 * The seed configurations (../shared/seeds) parse: every statement, with
 * exactly the errors a user must see on the pasted OESS file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigure, type Diagnostic } from '../../grammar/index.js';

const seeds = '/work/shared/seeds';
const present = existsSync(seeds);
if (!present) console.warn(`seed tests skipped: ${seeds} is absent`);

/** Logical statements of a text: lines that are not blank, not comments, not continued from the line before. */
function countStatements(text: string): number {
  let n = 0;
  let continued = false;
  for (const line of text.split(/\r?\n/)) {
    const t = line.replace(/[\s\u00a0]+/g, ' ').trim();
    if (!continued && t !== '' && !t.startsWith('#')) n++;
    continued = /\\\s*$/.test(line);
  }
  return n;
}

const errors = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'error');

describe.runIf(present)('seed files', () => {
  for (const name of ['linode-pair.crm', 'omnios-dummy.crm', 'ovd.crm']) {
    it(`${name}: every statement parses, no diagnostics`, () => {
      const text = readFileSync(`${seeds}/${name}`, 'utf8');
      const { statements, diagnostics } = parseConfigure(text, { file: name });
      expect(diagnostics).toEqual([]);
      expect(statements.length).toBe(countStatements(text));
    });
  }

  it('linode-pair.crm: groups, ms, roles and actions come out right', () => {
    const { statements } = parseConfigure(readFileSync(`${seeds}/linode-pair.crm`, 'utf8'));
    const group = statements.find((s) => s.kind === 'group' && s.id === 'db');
    expect(group).toMatchObject({ children: ['db_ip', 'db_fs', 'db_mysql', 'db_alert'] });
    const order = statements.find((s) => s.kind === 'order' && s.id === 'db_after_drbd');
    expect(order).toMatchObject({
      score: 'inf',
      items: [
        { kind: 'rsc', ref: { id: 'ms_db_drbd', suffix: 'promote' } },
        { kind: 'rsc', ref: { id: 'db', suffix: 'start' } },
      ],
    });
    const prop = statements.find((s) => s.kind === 'property');
    expect(prop).toMatchObject({ pairs: [{ name: 'cluster-infrastructure', value: 'Heartbeat' }, { name: 'stonith-enabled' }, { name: 'no-quorum-policy', value: 'ignore' }] });
  });

  for (const name of ['oess-base.crm', 'oess-services.crm']) {
    it(`${name} as pasted: one located error per 'location … 100:' line, unicode-space warnings`, () => {
      const text = readFileSync(`${seeds}/${name}`, 'utf8');
      const lines = text.split('\n');
      const broken = lines.flatMap((l, i) => (/^location .* 100:\s*$/.test(l) ? [i + 1] : []));
      const nbspLines = lines.flatMap((l, i) => (l.includes('\u00a0') ? [i + 1] : []));
      const { statements, diagnostics } = parseConfigure(text, { file: name });
      const errs = errors(diagnostics);
      expect(errs.map((d) => d.line)).toEqual(broken);
      for (const e of errs) {
        expect(e.code).toBe('parse');
        expect(e.message).toBe("expected a node name after '100:'");
        expect(e.col).toBe(lines[e.line - 1]!.indexOf('100:') + 5);
      }
      const warns = diagnostics.filter((d) => d.code === 'unicode-space');
      expect(warns.map((d) => d.line)).toEqual(nbspLines);
      expect(warns.every((d) => d.severity === 'warning')).toBe(true);
      expect(statements.length).toBe(countStatements(text) - broken.length);
    });

    it(`${name} with the node names restored: no errors`, () => {
      let i = 0;
      const text = readFileSync(`${seeds}/${name}`, 'utf8').replace(/ 100:$/gm, () => ` 100: srv${(i++ % 3) + 1}`);
      const { statements, diagnostics } = parseConfigure(text);
      expect(errors(diagnostics)).toEqual([]);
      expect(statements.length).toBe(countStatements(text));
      expect(statements.filter((s) => s.kind === 'location').every((s) => s.kind === 'location' && /^srv\d$/.test(s.node ?? ''))).toBe(true);
    });
  }

  it('oess-base.crm: the exact number of broken lines is 13', () => {
    const { diagnostics } = parseConfigure(readFileSync(`${seeds}/oess-base.crm`, 'utf8'));
    expect(errors(diagnostics)).toHaveLength(13);
  });

  it('oess-base.crm: the property with a trailing backslash at EOF parses with $id and all pairs', () => {
    const { statements } = parseConfigure(readFileSync(`${seeds}/oess-base.crm`, 'utf8'));
    const prop = statements.find((s) => s.kind === 'property');
    expect(prop).toMatchObject({ setId: 'cib-bootstrap-options' });
    expect(prop?.kind === 'property' && prop.pairs.map((p) => p.name)).toEqual([
      'dc-version',
      'cluster-infrastructure',
      'expected-quorum-votes',
      'stonith-enabled',
      'symmetric-cluster',
    ]);
  });

  it("apache-drbd.session: every 'configure' line parses as one statement", () => {
    const lines = readFileSync(`${seeds}/apache-drbd.session`, 'utf8')
      .split('\n')
      .filter((l) => /^configure\s+\S/.test(l) && !/^configure\s+show\b/.test(l))
      .map((l) => l.replace(/^configure\s+/, ''));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const { statements, diagnostics } = parseConfigure(line);
      expect(diagnostics, line).toEqual([]);
      expect(statements, line).toHaveLength(1);
    }
    const all = parseConfigure(lines.join('\n'));
    expect(all.statements.map((s) => s.kind)).toEqual([
      'property', 'property', 'primitive', 'primitive', 'colocation', 'order', 'location',
      'primitive', 'ms', 'primitive', 'colocation', 'order', 'colocation', 'order',
    ]);
  });
});
