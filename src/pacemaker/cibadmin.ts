/**
 * cibadmin, typed: read the whole CIB and apply v2 patches, on whichever CIB a
 * `CibTarget` names (live cluster, CIB_file, CIB_shadow). Only this module
 * builds cibadmin argv.
 *
 * Exit codes seen from Pacemaker 2.1.5's cibadmin (checked by test/pacemaker):
 * 103 the patch's source version is not the CIB's (the CIB moved on: any of
 * admin_epoch, epoch, num_updates differ) · 1 the CIB is older than the patch's
 * source, or a change path was not found · 78 the result fails schema
 * validation (nothing applied) · 102 cluster not running · 105 CIB_file
 * missing.
 *
 * @example
 *   const cib = await queryCib(new LocalExecutor(), { kind: 'file', path: '/tmp/cib.xml' });
 *   const r = await applyPatch(ex, target, diffCib(cib, edited));
 *   if (!r.ok && r.code === CIBADMIN_RC.versionMismatch) { … re-read and retry … }
 */
import { readFile } from 'node:fs/promises';
import { ExecError, type Executor } from '../exec/types.js';
import { targetEnv, type CibTarget } from '../cib/target.js';
import { parseXml, serializeXml, XmlSyntaxError, type XmlElement } from '../cib/xml.js';

export const CIBADMIN_RC = {
  ok: 0,
  /** "Application of update diff failed": CIB older than the patch source, or a path not found */
  diffFailed: 1,
  /** "Invalid configuration" / "Update does not conform to the configured schema" */
  invalid: 78,
  /** "Transport endpoint is not connected": no cluster running here */
  notConnected: 102,
  /** "Update was older than existing configuration": the CIB moved on since our read */
  versionMismatch: 103,
  /** "No such device or address": e.g. CIB_file does not exist */
  noSuch: 105,
} as const;

/**
 * The whole CIB (configuration and status) of the target.
 * Throws ExecError when cibadmin fails (see `code`: 102 no cluster, 105 no such file),
 * XmlSyntaxError when its output is not XML.
 *
 * @example
 *   const cib = await queryCib(ex, { kind: 'live' });
 */
export async function queryCib(ex: Executor, t: CibTarget): Promise<XmlElement> {
  // A local CIB file is read directly: what cibadmin would read, without a
  // process spawn and a second serialisation (a third of `show`'s time).
  // Compressed files, and any failure, go through cibadmin for its own error.
  if (t.kind === 'file' && ex.target === 'local' && !t.path.endsWith('.bz2')) {
    const text = await readFile(t.path, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      try {
        const cib = parseXml(text);
        if (cib.name === 'cib') return cib;
      } catch {
        // not XML: let cibadmin say so
      }
    }
  }
  const argv = ['cibadmin', '--query'];
  const r = await ex.exec(argv, { env: targetEnv(t) });
  if (r.code !== 0) throw new ExecError(ex.target, argv, r, queryHint(t, r.code));
  try {
    return parseXml(r.stdout);
  } catch (e) {
    throw new XmlSyntaxError(`cibadmin --query gave no CIB: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function queryHint(t: CibTarget, code: number): string | undefined {
  if (code === CIBADMIN_RC.notConnected && t.kind === 'live') return 'is the cluster running on this node? (set CIB_file to work on a file)';
  if (code === CIBADMIN_RC.noSuch && t.kind === 'file') return `check that ${t.path} exists`;
  if (code === CIBADMIN_RC.noSuch && t.kind === 'shadow') return `create the sandbox first (cib new ${t.name})`;
  return undefined;
}

/**
 * Apply a v2 patch (from `diffCib`) with `cibadmin --patch --xml-pipe`. All or
 * nothing: Pacemaker applies the whole patch or none of it. A non-zero exit is
 * returned, not thrown; `stderr` has cibadmin's numbered dump of the rejected
 * CIB removed (see `cibadminMessage`).
 *
 * @example
 *   const r = await applyPatch(ex, { kind: 'live' }, patch);
 *   if (!r.ok) console.error(`cibadmin failed (${r.code}): ${r.stderr}`);
 */
export async function applyPatch(
  ex: Executor,
  t: CibTarget,
  diff: XmlElement,
): Promise<{ ok: true } | { ok: false; code: number; stderr: string }> {
  const r = await ex.exec(['cibadmin', '--patch', '--xml-pipe'], { env: targetEnv(t), stdin: serializeXml(diff) });
  if (r.code === 0) return { ok: true };
  return { ok: false, code: r.code, stderr: cibadminMessage(r.stderr) };
}

/**
 * cibadmin's error text without the numbered copy of the whole CIB it prints
 * on a schema failure (`   6   <primitive …>` lines), which can be megabytes.
 */
export function cibadminMessage(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => !/^\s*\d+ /.test(l) && l.trim() !== '')
    .join('\n');
}
