/**
 * Runs the built CLI (dist/, from `npm run build`) as a user would: a real
 * process, real files, argv only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SHARED = resolve(ROOT, '..', 'shared');
export const HASH = join(ROOT, 'bin', 'hash.js');

const testCache = mkdtempSync(join(tmpdir(), 'hash-cache-'));

export interface HashRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runHash(args: string[], opts: { env?: Record<string, string | undefined>; stdin?: string; cwd?: string } = {}): HashRun {
  if (!existsSync(join(ROOT, 'dist', 'hash.cjs'))) throw new Error('dist/hash.cjs is missing: run `npm run build` first (npm test does)');
  // the agent-metadata cache and the preferences of these runs stay out of the user's ~/.cache and ~/.config
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: testCache, XDG_STATE_HOME: testCache, XDG_CONFIG_HOME: testCache, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [HASH, ...args], { env: env as NodeJS.ProcessEnv, input: opts.stdin ?? '', encoding: 'utf8', cwd: opts.cwd ?? ROOT, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh empty CIB file (made by the real cibadmin) in its own temp dir. */
export function emptyCibFile(): { dir: string; path: string; env: Record<string, string | undefined> } {
  const dir = mkdtempSync(join(tmpdir(), 'hash-cli-'));
  const path = join(dir, 'cib.xml');
  const r = spawnSync('cibadmin', ['--empty'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cibadmin --empty failed (is pacemaker-cli-utils installed?): ${r.stderr}`);
  writeFileSync(path, r.stdout);
  return { dir, path, env: { CIB_file: path, CIB_shadow: undefined } };
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** epoch / admin_epoch / num_updates of a CIB file */
export function cibVersion(path: string): { admin_epoch: number; epoch: number; num_updates: number } {
  const head = /<cib\b[^>]*>/.exec(read(path))?.[0] ?? '';
  const attr = (n: string): number => Number(new RegExp(`\\b${n}="(\\d+)"`).exec(head)?.[1] ?? NaN);
  return { admin_epoch: attr('admin_epoch'), epoch: attr('epoch'), num_updates: attr('num_updates') };
}
