/**
 * The differential cases and how one is run: the same configure text loaded
 * by crmsh (into an offline CIB file) and by hash (parseConfigure +
 * applyStatements on the same empty CIB), then the `<configuration>`
 * sections compared (see compare.ts).
 *
 * @example
 *   const results = await runCases(differentialCases(), { concurrency: 6 });
 *   console.log(summarize(results));
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigure } from '../../grammar/index.js';
import { formatDiagnostic, type Diagnostic } from '../../grammar/diagnostics.js';
import { applyStatements } from '../../src/cib/apply.js';
import { parseXml, type XmlElement } from '../../src/cib/xml.js';
import { ALL_FEATURES, generateConfig, mutateConfig, type Feature } from '../gen/generate.js';
import { configurationOf, differenceClass, diffXml, formatDifference, normalizeConfiguration, partitionKnown, type XmlDifference } from './compare.js';
import { emptyCibXml, loadWithCrmshAsync } from './crmsh-runner.js';

export interface DiffCase {
  name: string;
  text: string;
  /** loaded first (load update), so that `text` updates existing objects */
  base?: string;
}

/**
 * 30 mixed seeds of ~30 objects each, and one small input per feature (with
 * only what that feature needs beside it).
 */
export function differentialCases(opts: { seeds?: number; updates?: number } = {}): DiffCase[] {
  const cases: DiffCase[] = [];
  for (let seed = 1; seed <= (opts.seeds ?? 30); seed++) {
    cases.push({ name: `mixed seed ${seed}`, text: generateConfig({ seed, resources: 10, constraints: 10 }) });
  }
  const needs: Partial<Record<Feature, Feature[]>> = {
    ms: ['ms', 'colocations', 'orders'],
    promotable: ['promotable', 'colocations', 'orders'],
    rules: ['rules', 'ms', 'promotable'],
    sets: ['sets', 'ms', 'promotable'],
    tickets: ['tickets', 'ms', 'sets'],
    fencing: ['fencing', 'nodes'],
    templates: ['templates', 'params'],
  };
  ALL_FEATURES.forEach((f, i) => {
    const features = needs[f] ?? [f];
    cases.push({ name: `feature ${f}`, text: generateConfig({ seed: 1000 + i, resources: 6, constraints: 8, features }) });
  });
  // load update over an existing configuration: changed objects are replaced, property sets merged
  for (let seed = 1; seed <= (opts.updates ?? 6); seed++) {
    const base = generateConfig({ seed: 2000 + seed, resources: 10, constraints: 10 });
    cases.push({ name: `update seed ${seed}`, base, text: mutateConfig(base, seed) });
  }
  return cases;
}

export interface CaseResult {
  name: string;
  text: string;
  /** crmsh refused the input (then the case says nothing about hash) */
  crmshError?: string;
  /** hash reported errors (parse or apply) */
  hashErrors: string[];
  diffs: XmlDifference[];
  /** differences accepted as crmsh defects (compare.ts KNOWN_CRMSH_DEFECTS) */
  known: { d: XmlDifference; why: string }[];
  identical: boolean;
}

function errorsOf(ds: Diagnostic[], text: string): string[] {
  return ds.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, text, 'in.crm'));
}

/** hash's side: parse, apply to `emptyCib`, return the CIB (or the errors). */
export function loadWithHash(text: string, emptyCib: XmlElement, base?: string): { cib?: XmlElement; errors: string[] } {
  try {
    let start = emptyCib;
    if (base !== undefined) {
      const first = loadWithHash(base, emptyCib);
      if (!first.cib || first.errors.length > 0) return { errors: first.errors.map((e) => `(loading the base) ${e}`) };
      start = first.cib;
    }
    const parsed = parseConfigure(text);
    const perr = errorsOf(parsed.diagnostics, text);
    if (perr.length > 0) return { errors: perr };
    const applied = applyStatements(start, parsed.statements, 'update');
    const aerr = errorsOf(applied.diagnostics, text);
    return { cib: applied.cib, errors: aerr };
  } catch (e) {
    // parse and apply must never throw: report it as hash's error, not the test's
    return { errors: [`hash threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`] };
  }
}

export async function runCase(c: DiffCase, emptyXml = emptyCibXml()): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hash-diff-'));
  try {
    const crm = await loadWithCrmshAsync(c.text, dir, undefined, c.base);
    if (!crm.ok) {
      const lines = crm.stderr.split('\n').filter((l) => /ERROR/.test(l));
      return { name: c.name, text: c.text, crmshError: `rc=${crm.status}: ${lines.slice(0, 5).join(' | ')}`, hashErrors: [], diffs: [], known: [], identical: false };
    }
    const crmCib = parseXml(crm.cibXml);
    const ours = loadWithHash(c.text, parseXml(emptyXml), c.base);
    if (!ours.cib || ours.errors.length > 0) return { name: c.name, text: c.text, hashErrors: ours.errors, diffs: [], known: [], identical: false };
    const schema = crmCib.attrs['validate-with'];
    const a = normalizeConfiguration(configurationOf(crmCib), 'crmsh', schema);
    const b = normalizeConfiguration(configurationOf(ours.cib), 'hash', ours.cib.attrs['validate-with']);
    const { real, known } = partitionKnown(diffXml(a, b), { update: c.base !== undefined });
    return { name: c.name, text: c.text, hashErrors: [], diffs: real, known, identical: real.length === 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run cases a few at a time (crmsh is slow to start, and single-threaded). */
export async function runCases(cases: DiffCase[], opts: { concurrency?: number } = {}): Promise<CaseResult[]> {
  const emptyXml = emptyCibXml();
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCase(cases[i]!, emptyXml);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 6) }, worker));
  return results;
}

/** "N of K identical", then per case its differences, then the classes of difference by frequency. */
export function summarize(results: CaseResult[], opts: { maxPerCase?: number } = {}): string {
  const maxPer = opts.maxPerCase ?? 12;
  const ok = results.filter((r) => r.identical).length;
  const lines = [`differential vs crmsh: ${ok} of ${results.length} identical`];
  const classes = new Map<string, { count: number; example: string; cases: Set<string> }>();
  for (const r of results) {
    if (r.identical) continue;
    if (r.crmshError) {
      lines.push(`- ${r.name}: crmsh refused the input: ${r.crmshError}`);
      continue;
    }
    if (r.hashErrors.length > 0) {
      lines.push(`- ${r.name}: hash reported ${r.hashErrors.length} error(s):`);
      for (const e of r.hashErrors.slice(0, 3)) lines.push(e.replace(/^/gm, '    '));
      const cls = `hash error: ${r.hashErrors[0]!.split('\n')[0]!.replace(/^in\.crm:\d+:\d+: /, '').replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '…')}`;
      const c = classes.get(cls) ?? { count: 0, example: r.hashErrors[0]!.split('\n').slice(0, 2).join(' / '), cases: new Set<string>() };
      c.count++;
      c.cases.add(r.name);
      classes.set(cls, c);
      continue;
    }
    lines.push(`- ${r.name}: ${r.diffs.length} difference(s)`);
    for (const d of r.diffs.slice(0, maxPer)) lines.push(`    ${formatDifference(d)}`);
    if (r.diffs.length > maxPer) lines.push(`    … ${r.diffs.length - maxPer} more`);
    for (const d of r.diffs) {
      const cls = differenceClass(d);
      const c = classes.get(cls) ?? { count: 0, example: formatDifference(d), cases: new Set<string>() };
      c.count++;
      c.cases.add(r.name);
      classes.set(cls, c);
    }
  }
  const known = results.flatMap((r) => r.known.map((k) => ({ ...k, name: r.name })));
  if (known.length > 0) {
    lines.push(`accepted as crmsh defects (${known.length}):`);
    for (const k of known) lines.push(`  ${k.name}: ${formatDifference(k.d)} — ${k.why}`);
  }
  if (classes.size > 0) {
    lines.push('classes of mismatch (count, cases, example):');
    for (const [cls, c] of [...classes].sort((x, y) => y[1].cases.size - x[1].cases.size || y[1].count - x[1].count)) {
      lines.push(`  ${c.count}× in ${c.cases.size} case(s): ${cls}`);
      lines.push(`      e.g. ${c.example}`);
    }
  }
  return lines.join('\n');
}
