/**
 * Sandboxes: crm_shadow's shadow CIBs (`$CIB_shadow_dir/shadow.<name>`), so
 * crm_mon, cibadmin, crmsh and pcs all see them, plus what hash adds — a
 * record of the CIB each sandbox was made from, so `cib commit` can send
 * only the sandbox's own changes, as a versioned patch against that base,
 * instead of replacing the live CIB as `crm_shadow --commit` does.
 *
 * The base lives next to the sandbox in a hidden file,
 * `.shadow.<name>.hash-base`: a copy of the sandbox as crm_shadow created it,
 * with a first line naming the sandbox file it belongs to (device, inode,
 * birth time). crmsh's `cib list` (`ls | fgrep shadow.`) and crm_shadow never
 * look at dot files; a sandbox deleted and made again by another tool under
 * the same name is a different file, so its stale base is not used.
 *
 * The argv builders are pure; the file helpers work on this machine's files
 * (the sandbox directory of a local executor).
 *
 * @example
 *   const dir = sandboxDir(process.env);                 // /var/lib/pacemaker/cib for root
 *   createArgv('drbd');                                  // ['crm_shadow', '--create', 'drbd', '--batch']
 *   await ex.exec(createArgv('drbd'), { env: shadowToolEnv(process.env, dir) });
 *   const base = await recordBase(dir, 'drbd');          // the CIB the sandbox was made from
 *   (await readBase(dir, 'drbd')).status;                // 'recorded'
 */
import { type BigIntStats } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { CibTarget } from '../cib/target.js';
import { parseXml, serializeXml, type XmlElement } from '../cib/xml.js';

/** Pacemaker's CRM_CONFIG_DIR: where crm_shadow keeps sandboxes of root and hacluster. */
export const CRM_CONFIG_DIR = '/var/lib/pacemaker/cib';

/**
 * Where crm_shadow puts sandboxes when CIB_shadow_dir is not set, by
 * Pacemaker's own rule (get_shadow_file, libcib): root and hacluster use
 * CRM_CONFIG_DIR, other users `$HOME/.cib` (made by crm_shadow on first
 * use), or the temp directory when there is no absolute home.
 *
 * @example
 *   defaultShadowDir({ HOME: '/home/ann' }, { uid: 1000, username: 'ann' }); // '/home/ann/.cib'
 */
export function defaultShadowDir(env: NodeJS.ProcessEnv, user: { uid: number; username: string } = currentUser(env)): string {
  if (user.uid === 0 || user.username === 'root' || user.username === 'hacluster') return CRM_CONFIG_DIR;
  const home = env.HOME;
  if (home && home.startsWith('/')) return join(home, '.cib');
  return env.TMPDIR && env.TMPDIR.startsWith('/') ? env.TMPDIR : tmpdir();
}

function currentUser(env: NodeJS.ProcessEnv): { uid: number; username: string } {
  try {
    const u = userInfo();
    return { uid: u.uid, username: u.username };
  } catch {
    return { uid: process.getuid?.() ?? -1, username: env.USER ?? '' };
  }
}

/** The directory of sandboxes: CIB_shadow_dir (made absolute), else crm_shadow's default. */
export function sandboxDir(env: NodeJS.ProcessEnv): string {
  const dir = env.CIB_shadow_dir;
  return dir ? resolve(dir) : defaultShadowDir(env);
}

/**
 * The CIB sandboxes are copied from and committed to: what crm_shadow itself
 * uses for --create and --commit (cib_new_no_shadow: CIB_file if set, else
 * the live cluster; CIB_shadow is ignored).
 */
export function sandboxOrigin(env: NodeJS.ProcessEnv): CibTarget {
  return env.CIB_file ? { kind: 'file', path: env.CIB_file } : { kind: 'live' };
}

export const shadowPath = (dir: string, name: string): string => join(dir, `shadow.${name}`);
export const basePath = (dir: string, name: string): string => join(dir, `.shadow.${name}.hash-base`);

/**
 * Why `name` cannot be a sandbox name, or undefined. Names become file names
 * and CIB_shadow values, so no paths, spaces, quotes or shell specials; `live`
 * means the live CIB in `cib use live`.
 *
 * @example
 *   sandboxNameProblem('drbd');  // undefined
 *   sandboxNameProblem('../x');  // 'a sandbox name is letters, digits and . _ - + @ (not starting with . or -)'
 */
export function sandboxNameProblem(name: string): string | undefined {
  if (name === 'live') return "'live' names the live CIB, not a sandbox";
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.+@-]{0,127}$/.test(name)) return 'a sandbox name is letters, digits and . _ - + @ (not starting with . or -)';
  return undefined;
}

// ---------------------------------------------------------------- crm_shadow argv

/**
 * Make sandbox `name`: a copy of the origin CIB, or with `empty` an empty
 * configuration (no cluster needed). `--batch`: crm_shadow would otherwise
 * start a sub-shell. `--force` replaces an existing sandbox of that name.
 *
 * @example
 *   createArgv('fs', { empty: true, force: true }); // ['crm_shadow', '--create-empty', 'fs', '--batch', '--force']
 */
export function createArgv(name: string, opts: { empty?: boolean; force?: boolean } = {}): string[] {
  return ['crm_shadow', opts.empty ? '--create-empty' : '--create', name, '--batch', ...(opts.force ? ['--force'] : [])];
}

/** Copy the origin CIB into sandbox `name` again (crm_shadow calls that dangerous and wants --force). */
export function resetArgv(name: string): string[] {
  return ['crm_shadow', '--reset', name, '--batch', '--force'];
}

/** Delete sandbox `name` (crm_shadow wants --force for it). */
export function deleteArgv(name: string): string[] {
  return ['crm_shadow', '--delete', name, '--batch', '--force'];
}

/** The changes of the sandbox named by CIB_shadow against the origin; exit 1 when there are some. */
export function diffArgv(): string[] {
  return ['crm_shadow', '--diff'];
}

/**
 * Environment for a crm_shadow call: the sandbox directory, the origin
 * (CIB_file or nothing) and, for queries of one sandbox, CIB_shadow. Every
 * variable is set or removed, so nothing inherited redirects the call.
 */
export function shadowToolEnv(env: NodeJS.ProcessEnv, dir: string, active?: string): Record<string, string | undefined> {
  return { CIB_shadow: active, CIB_shadow_dir: dir, CIB_file: env.CIB_file || undefined };
}

// ---------------------------------------------------------------- sandbox files

/** Make the sandbox directory if it is missing (crm_shadow makes only ~/.cib itself). */
export async function ensureSandboxDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o750 });
}

/** Names of the sandboxes in `dir` (files `shadow.<name>`), sorted; none when the directory does not exist. */
export async function listSandboxes(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.startsWith('shadow.') && e.name.length > 'shadow.'.length)
    .map((e) => e.name.slice('shadow.'.length))
    .sort();
}

export async function sandboxExists(dir: string, name: string): Promise<boolean> {
  return stat(shadowPath(dir, name)).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The sandbox file's identity: a new file under the same name (deleted and made again) has another. */
function identity(st: BigIntStats): string {
  return `dev=${st.dev} ino=${st.ino} birth=${st.birthtimeNs}`;
}

const HEADER = /^<!-- hash sandbox base of (\S+): (dev=\d+ ino=\d+ birth=\d+) -->\n/;

/**
 * Record the sandbox as it is now as its base (right after crm_shadow made
 * or reset it: a copy of the origin CIB). Written atomically (a hidden temp
 * file renamed), mode 0600. Returns the base.
 */
export async function recordBase(dir: string, name: string): Promise<XmlElement> {
  const fh = await open(shadowPath(dir, name), 'r');
  let text: string;
  let st: BigIntStats;
  try {
    st = await fh.stat({ bigint: true });
    text = await fh.readFile('utf8');
  } finally {
    await fh.close();
  }
  const cib = parseXml(text);
  if (cib.name !== 'cib') throw new Error(`${shadowPath(dir, name)} holds no CIB`);
  const target = basePath(dir, name);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `<!-- hash sandbox base of shadow.${name}: ${identity(st)} -->\n${text}`, { mode: 0o600 });
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  return cib;
}

export type BaseState =
  /** the CIB the sandbox was made from */
  | { status: 'recorded'; cib: XmlElement }
  /** no base: the sandbox was made by crm_shadow, crmsh, pcs or `cib import` */
  | { status: 'none' }
  /** a base for an earlier sandbox of that name (deleted and made again by another tool), or unreadable */
  | { status: 'stale'; why: string };

/** The recorded base of sandbox `name`, if it is the base of this very sandbox file. */
export async function readBase(dir: string, name: string): Promise<BaseState> {
  let text: string;
  try {
    text = await readFileText(basePath(dir, name));
  } catch {
    return { status: 'none' };
  }
  const m = HEADER.exec(text);
  if (!m || m[1] !== `shadow.${name}`) return { status: 'stale', why: `${basePath(dir, name)} is not a base hash wrote for this sandbox` };
  const st = await stat(shadowPath(dir, name), { bigint: true }).catch(() => undefined);
  if (!st) return { status: 'stale', why: `${shadowPath(dir, name)} does not exist` };
  if (identity(st) !== m[2]) return { status: 'stale', why: `${shadowPath(dir, name)} was deleted and made again since hash made it` };
  try {
    const cib = parseXml(text.slice(m[0].length));
    if (cib.name === 'cib') return { status: 'recorded', cib };
  } catch {
    // damaged: as good as none
  }
  return { status: 'stale', why: `${basePath(dir, name)} holds no CIB` };
}

async function readFileText(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    return await fh.readFile('utf8');
  } finally {
    await fh.close();
  }
}

/** Forget the base of sandbox `name` (it was deleted, or replaced by an import). */
export async function removeBase(dir: string, name: string): Promise<void> {
  await unlink(basePath(dir, name)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}

/**
 * Write `cib` as sandbox `name` (`cib import`): a complete file renamed into
 * place, mode 0640 as crm_shadow makes them. Any recorded base is dropped:
 * the sandbox is no longer a copy of the origin.
 */
export async function writeSandbox(dir: string, name: string, cib: XmlElement): Promise<void> {
  const target = shadowPath(dir, name);
  const tmp = join(dir, `.shadow.${name}.${process.pid}.tmp`);
  await ensureSandboxDir(dir);
  await removeBase(dir, name);
  try {
    await writeFile(tmp, serializeXml(cib), { mode: 0o640 });
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}
