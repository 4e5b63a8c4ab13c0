/**
 * Running crmsh as an oracle, always on an offline CIB file: every call sets
 * CIB_file (a live cluster may be running on this machine, and crm without
 * CIB_file would write to it).
 *
 * @example
 *   const dir = mkdtempSync(join(tmpdir(), 'hash-diff-'));
 *   const res = loadWithCrmsh('primitive p Dummy\n', dir);
 *   if (res.ok) console.log(res.cibXml);
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `crm` is, or undefined when crmsh is not installed. */
export function findCrm(): string | undefined {
  for (const p of ['/usr/sbin/crm', '/usr/bin/crm', '/usr/local/sbin/crm', '/usr/local/bin/crm']) if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v crm'], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p !== '' ? p : undefined;
}

/** An empty CIB as this Pacemaker writes it (`cibadmin --empty`). */
export function emptyCibXml(): string {
  const r = spawnSync('cibadmin', ['--empty'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cibadmin --empty failed: ${r.stderr}`);
  return r.stdout;
}

export interface CrmshResult {
  /** crm exited 0 and printed no ERROR */
  ok: boolean;
  status: number | null;
  stdout: string;
  stderr: string;
  /** the CIB file after the load */
  cibXml: string;
  /** the CIB file's path */
  cibFile: string;
}

/** Strip ANSI colours crmsh puts into its messages. */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}

/**
 * `cibadmin --empty > dir/cib.xml; CIB_file=dir/cib.xml crm configure load update dir/in.crm`.
 * crmsh prints Pacemaker's own warnings as "ERROR: (func) warning: ..."; only
 * lines that are errors of crmsh or of crm_verify count against `ok`.
 */
export function loadWithCrmsh(text: string, dir: string, crm = findCrm() ?? 'crm'): CrmshResult {
  const cibFile = join(dir, 'crmsh-cib.xml');
  const input = join(dir, 'in.crm');
  writeFileSync(cibFile, emptyCibXml());
  writeFileSync(input, text);
  // CIB_shadow would take precedence over CIB_file: drop it.
  const { CIB_shadow: _shadow, ...env } = process.env;
  const r = spawnSync(crm, ['configure', 'load', 'update', input], {
    encoding: 'utf8',
    env: { ...env, CIB_file: cibFile },
    timeout: 600_000,
  });
  const stderr = stripAnsi(r.stderr ?? '');
  const realErrors = stderr.split('\n').filter((l) => /ERROR/.test(l) && !/\)\s+warning:/.test(l));
  return {
    ok: r.status === 0 && realErrors.length === 0,
    status: r.status,
    stdout: stripAnsi(r.stdout ?? ''),
    stderr,
    cibXml: readFileSync(cibFile, 'utf8'),
    cibFile,
  };
}

/** The async twin of loadWithCrmsh, so several crmsh runs can overlap (each takes 1–2 s). */
export async function loadWithCrmshAsync(text: string, dir: string, crm = findCrm() ?? 'crm', base?: string): Promise<CrmshResult> {
  const cibFile = join(dir, 'crmsh-cib.xml');
  const input = join(dir, 'in.crm');
  writeFileSync(cibFile, emptyCibXml());
  if (base !== undefined) {
    // the base load first, on the same file: then `text` is an update of existing objects
    const baseResult = await loadWithCrmshAsync(base, dir, crm);
    if (!baseResult.ok) return { ...baseResult, stderr: `(loading the base) ${baseResult.stderr}` };
  }
  writeFileSync(input, text);
  const { CIB_shadow: _shadow, ...env } = process.env;
  const { status, stdout, stderr } = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(crm, ['configure', 'load', 'update', input], { env: { ...env, CIB_file: cibFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e) => resolve({ status: null, stdout: out, stderr: err + String(e) }));
    child.on('close', (code) => resolve({ status: code, stdout: out, stderr: err }));
  });
  const clean = stripAnsi(stderr);
  const realErrors = clean.split('\n').filter((l) => /ERROR/.test(l) && !/\)\s+warning:/.test(l));
  return { ok: status === 0 && realErrors.length === 0, status, stdout: stripAnsi(stdout), stderr: clean, cibXml: readFileSync(cibFile, 'utf8'), cibFile };
}
