/**
 * Differential test against crmsh 4.4: generated configure texts are loaded
 * by crmsh (`CIB_file=<tmp> crm configure load update in.crm`, always on an
 * offline CIB file) and by hash (parseConfigure + applyStatements 'update' on
 * the same empty CIB); the `<configuration>` sections must be identical
 * modulo attribute order and the two deliberate differences (compare.ts).
 *
 * crmsh is slow to start (1–10 s per load on a busy machine), so all loads
 * run once, a few at a time, and each case then asserts its own result.
 * Cases: 30 mixed seeds, one per generator feature, and 6 `load update`
 * cases (a generated base, then a mutated subset of it over it).
 * `DIFF_SEEDS` and `DIFF_CONCURRENCY` tune the run.
 */
import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { differentialCases, runCases, summarize, type CaseResult } from './cases.js';
import { formatDifference } from './compare.js';
import { findCrm } from './crmsh-runner.js';

const cases = differentialCases({ seeds: Number(process.env.DIFF_SEEDS ?? 30) });
const crm = findCrm();
const NO_CRMSH =
  'crmsh (`crm`) is not installed, so the differential test cannot run. Install it (Debian: apt-get install crmsh); .ci/run does.';

let all: Promise<CaseResult[]> | undefined;
function results(): Promise<CaseResult[]> {
  all ??= runCases(cases, { concurrency: Number(process.env.DIFF_CONCURRENCY ?? Math.max(2, availableParallelism())) });
  return all;
}

const TIMEOUT = 30 * 60_000;

describe('differential: hash vs crmsh configure load update', () => {
  it('crmsh is installed', () => {
    expect(crm, NO_CRMSH).toBeDefined();
  });

  it.each(cases.map((c, i) => [c.name, i] as const))('%s: same <configuration> as crmsh', async (_name, i) => {
    if (!crm) throw new Error(NO_CRMSH);
    const r = (await results())[i]!;
    // crmsh refusing a generated input is a generator bug: it must write valid configurations
    expect(r.crmshError, `crmsh refused the generated input:\n${r.text}`).toBeUndefined();
    expect(r.hashErrors, `hash reported errors on input crmsh accepts:\n${r.hashErrors.join('\n')}`).toEqual([]);
    expect(r.diffs.map(formatDifference), `<configuration> differs from crmsh's`).toEqual([]);
    expect(r.identical).toBe(true);
  }, TIMEOUT);

  afterAll(async () => {
    if (!crm || !all) return;
    console.log(summarize(await all));
  });
});
