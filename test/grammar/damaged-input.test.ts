/**
 * Damaged configure text: generated configurations, the golden inputs and the
 * seeds, each hit a few times at random (a quote, a backslash, a bracket or a
 * keyword put in, a piece cut out, a line doubled, words swapped, the text cut
 * short, a word in capitals). Whatever comes of it, nothing may throw:
 *
 * - both parsers (chevrotain and the plain reader) answer, agree on whether
 *   there is an error, and every diagnostic points at a line of the text;
 * - apply and the checks answer, with located diagnostics;
 * - what passes them all is a configuration hash would commit: its XML reads
 *   back, and `show` of it loads back to the same configuration (lossless).
 *
 * The damage is seeded (the same every run); a failure prints the seed's
 * input, ready to be turned into a golden case.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigure } from '../../grammar/index.js';
import { parseConfigureLazily } from '../../grammar/lazy.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../../grammar/diagnostics.js';
import { applyStatements } from '../../src/cib/apply.js';
import { checkCib } from '../../src/cib/check.js';
import { parseXml, serializeXml } from '../../src/cib/xml.js';
import { roundTrip } from '../corpus/roundtrip.js';
import { generateConfig } from '../gen/generate.js';

const root = resolve(import.meta.dirname, '..', '..');
const seedsDir = resolve(root, '..', 'shared', 'seeds');

function inputs(): string[] {
  const out: string[] = [];
  for (let seed = 1; seed <= 40; seed++) out.push(generateConfig({ seed, resources: 6, constraints: 8 }));
  const golden = join(root, 'test', 'grammar', 'golden');
  for (const d of readdirSync(golden)) {
    const p = join(golden, d, 'input.crm');
    if (existsSync(p)) out.push(readFileSync(p, 'utf8'));
  }
  if (existsSync(seedsDir)) for (const f of readdirSync(seedsDir)) if (f.endsWith('.crm')) out.push(readFileSync(join(seedsDir, f), 'utf8'));
  return out;
}

/** What goes into the text: the characters and words that change how a line reads. */
const INSERTS = [
  '"', "'", '\\', '\n', '\\\n', ':', '=', '$', '@', '(', ')', '[', ']', '{', '}', '#', '<', '>', '/', '-', ' ', '\t', '\r\n',
  '\u00a0', '\u200b', '\u3000', 'é', '=""', '$id=', '$id-ref=', 'role=', ':Master', 'score=', '/x/', '#uname', 'number:',
  ' inf: ', '-inf: ', '+inf: ', ' Mandatory: ', ' rule ', ' and ', ' or ', ' date ', ' in ', ' lt ', ' eq ', ' defined ', ' not_defined ',
  ' ( ', ' ) ', ' [ ', ' ] ', ' sequential=false ', ' require-all=false ', ' xml ', ' op ', ' params ', ' meta ', ' op_params ',
  ' op_meta ', ' utilization ', ' attributes ', ' fencing_topology ', ' tag ', ' alert ', ' to ', ' select ', ' user ', ' role ',
  ' read ', ' write ', ' xpath:', ' ref:', ' bundle ', ' docker ', ' network ', ' port-mapping ', ' storage ', ' primitive ',
  ' schema ', 'pacemaker-1.0',
];

/** A small LCG: the same damage every run. */
function damager(seed: number) {
  let s = seed;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  const damage = (text: string): string => {
    let t = text;
    for (let k = 1 + Math.floor(next() * 4); k > 0; k--) {
      const at = Math.floor(next() * (t.length + 1));
      const what = next();
      if (what < 0.35) t = t.slice(0, at) + pick(INSERTS) + t.slice(at);
      else if (what < 0.6) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(next() * 12));
      else if (what < 0.75) {
        const lines = t.split('\n');
        lines.splice(Math.floor(next() * lines.length), 0, pick(lines));
        t = lines.join('\n');
      } else if (what < 0.85) {
        const w = t.split(' ');
        const i = Math.floor(next() * w.length);
        const j = Math.floor(next() * w.length);
        [w[i], w[j]] = [w[j]!, w[i]!];
        t = w.join(' ');
      } else if (what < 0.92) t = t.slice(0, at);
      else {
        const w = t.split(/(\s+)/);
        const i = Math.floor(next() * w.length);
        w[i] = w[i]!.toUpperCase();
        t = w.join('');
      }
    }
    return t;
  };
  return { damage, pick };
}

function expectLocated(ds: readonly Diagnostic[], text: string, stage: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const d of ds) {
    expect(d.line >= 1 && d.line <= lines && d.col >= 1, `${stage}: ${d.line}:${d.col} outside the ${lines} lines: ${d.message}`).toBe(true);
    expect(formatDiagnostic(d, text, 'in.crm')).toContain(`in.crm:${d.line}:${d.col}: ${d.severity}: `);
  }
}

describe('damaged configure text', () => {
  it('never throws, always says where, and what passes every check is shown back losslessly', async () => {
    const all = inputs();
    const { damage, pick } = damager(20261207);
    const empty = parseXml('<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>');
    let clean = 0;
    const N = 2500;
    for (let i = 0; i < N; i++) {
      const text = damage(pick(all));
      const context = `damaged input #${i}:\n${text}`;
      try {
        const parsed = parseConfigure(text);
        expectLocated(parsed.diagnostics, text, 'parse');
        const lazy = await parseConfigureLazily(text);
        expectLocated(lazy.diagnostics, text, 'plain reader');
        expect(hasErrors(lazy.diagnostics), 'the two parsers disagree on whether there is an error').toBe(hasErrors(parsed.diagnostics));
        if (hasErrors(parsed.diagnostics)) continue;
        const applied = applyStatements(empty, parsed.statements, 'update');
        expectLocated(applied.diagnostics, text, 'apply');
        if (hasErrors(applied.diagnostics)) continue;
        if (hasErrors(checkCib(applied.cib))) continue;
        clean++;
        const xml = serializeXml(applied.cib);
        expect(() => parseXml(xml)).not.toThrow();
        const back = roundTrip(xml);
        expect(back.ok, `show does not load back (${back.stage}): ${back.detail}\n--- show:\n${back.text}`).toBe(true);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n--- ${context}`);
      }
    }
    // the damage must leave enough whole configurations for the last part to mean something
    expect(clean).toBeGreaterThan(N / 10);
  }, 120_000);
});
