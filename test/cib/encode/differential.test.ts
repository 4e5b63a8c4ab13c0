/**
 * Differential: the same .crm text through crmsh 4.4 (`crm configure load
 * update` on an offline CIB file) and through parseConfigure + applyStatements
 * must give the same configuration, ids and attribute order included (after
 * hash's two deliberate differences are applied to crmsh's output).
 *
 * Inputs: the seed configurations crmsh can load (read in place from
 * ../shared/seeds) and configurations from the project's generator.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfigure } from '../../../grammar/index.js';
import { formatDiagnostic } from '../../../grammar/diagnostics.js';
import { applyStatements } from '../../../src/cib/apply.js';
import { parseXml, serializeXml, type XmlElement } from '../../../src/cib/xml.js';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { emptyCibXml, findCrm, stripAnsi } from '../../differential/crmsh-runner.js';
import { ALL_FEATURES, generateConfig } from '../../gen/generate.js';
import { normalizeCrmshCib } from './make-golden-from-crmsh.js';

const crm = findCrm();
const seedsDir = new URL('../../../../shared/seeds/', import.meta.url).pathname;
const SEEDS = ['linode-pair.crm', 'omnios-dummy.crm', 'ovd.crm'];
const GENERATED = [1, 2, 3, 4, 5, 6];
// crmsh 4.4 knows no podman bundles (the golden case bundle-docker covers bundles)
const FEATURES = ALL_FEATURES.filter((f) => f !== 'bundles');

/** `crm -F configure load update` on a fresh offline CIB: -F so that agents missing here do not stop crmsh. */
async function crmshLoad(text: string, dir: string, crmPath: string): Promise<{ code: number | null; stderr: string; cibXml: string }> {
  mkdirSync(dir, { recursive: true });
  const cibFile = join(dir, 'cib.xml');
  writeFileSync(cibFile, emptyCibXml());
  writeFileSync(join(dir, 'in.crm'), text);
  const { CIB_shadow: _shadow, ...env } = process.env;
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(crmPath, ['-F', 'configure', 'load', 'update', join(dir, 'in.crm')], { env: { ...env, CIB_file: cibFile }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e) => resolve({ code: null, stderr: err + String(e) }));
    child.on('close', (c) => resolve({ code: c, stderr: err }));
  });
  return { code, stderr: stripAnsi(stderr), cibXml: readFileSync(cibFile, 'utf8') };
}

function ours(text: string, file: string): { xml: string; errors: string[] } {
  const parsed = parseConfigure(text, { file });
  const { cib, diagnostics } = applyStatements(parseXml(emptyCibXml()), parsed.statements, 'update');
  const errors = [...parsed.diagnostics, ...diagnostics].filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, text, file));
  const conf = cib.children.find((c) => c.name === 'configuration');
  const root: XmlElement = { name: 'cib', attrs: { 'validate-with': cib.attrs['validate-with'] ?? '' }, children: conf ? [conf] : [] };
  return { xml: serializeXml(root), errors };
}

const tmp = mkdtempSync(join(tmpdir(), 'hash-encode-diff-'));
const pending: Promise<unknown>[] = [];
afterAll(async () => {
  await Promise.allSettled(pending);
  rmSync(tmp, { recursive: true, force: true });
});

const inputs: { name: string; text: () => string }[] = [
  ...SEEDS.filter((f) => existsSync(join(seedsDir, f))).map((f) => ({ name: `seed ${f}`, text: () => readFileSync(join(seedsDir, f), 'utf8') })),
  ...GENERATED.map((seed) => ({ name: `generated seed=${seed}`, text: () => generateConfig({ seed, resources: 6, constraints: 6, features: FEATURES }) })),
];

describe.runIf(crm !== undefined)('encode: differential against crmsh 4.4', () => {
  // crmsh runs take seconds each: start them all at once, compare as they finish
  const results = new Map(inputs.map((inp, i) => {
    const dir = join(tmp, String(i));
    const p = crmshLoad(inp.text(), dir, crm!);
    pending.push(p);
    return [inp.name, p];
  }));

  for (const inp of inputs) {
    it(inp.name, async () => {
      const text = inp.text();
      const r = await results.get(inp.name)!;
      expect(r.code, `crmsh refused the input:\n${r.stderr}`).toBe(0);
      const mine = ours(text, inp.name);
      expect(mine.errors).toEqual([]);
      const expected = serializeXml(normalizeCrmshCib(r.cibXml));
      expect(mine.xml).toBe(expected);
    }, 120_000);
  }
});

describe.runIf(crm === undefined)('encode: differential against crmsh', () => {
  it('needs crmsh installed (crm not found): nothing compared', () => {
    expect(crm).toBeUndefined();
  });
});
