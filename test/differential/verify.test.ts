/**
 * hash's CIB for generated configurations passes Pacemaker's own checks:
 * `crm_verify --xml-file` (schema validation and the scheduler's unpacking).
 * Unlike crmsh.test.ts this needs only Pacemaker, so it also guards the
 * encoder where crmsh is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXml, serializeXml } from '../../src/cib/xml.js';
import { generateConfig } from '../gen/generate.js';
import { loadWithHash } from './cases.js';
import { emptyCibXml } from './crmsh-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'hash-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crm_verify accepts the CIB hash makes from generated configurations', () => {
  const empty = emptyCibXml();
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i', (seed) => {
    const text = generateConfig({ seed: 500 + seed, resources: 10, constraints: 12 });
    const ours = loadWithHash(text, parseXml(empty));
    expect(ours.errors, text).toEqual([]);
    const file = join(dir, `cib-${seed}.xml`);
    writeFileSync(file, serializeXml(ours.cib!));
    const r = spawnSync('crm_verify', ['-VVV', '--xml-file', file], { encoding: 'utf8' });
    // A CIB without status has no quorum and "unclean" nodes (to be fenced when a device
    // exists): crm_verify warns (rc 78) about that for crmsh's CIB too. Every other
    // warning or error counts.
    const problems = (r.stderr + r.stdout)
      .split('\n')
      .filter((l) => /\b(warning|error):/.test(l))
      .filter((l) => !/lack of quorum|is unclean but cannot be fenced|Scheduling node \S+ for fencing|Blind faith: not fencing unseen nodes/.test(l));
    expect(problems, `crm_verify on\n${text}`).toEqual([]);
    expect([0, 78], `crm_verify rc ${r.status}: ${r.stderr}`).toContain(r.status);
  }, 60_000);
});
