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
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type BigIntStats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ExecError, type ExecResult, type Executor } from '../exec/types.js';
import { targetEnv, type CibTarget } from '../cib/target.js';
import { linedXml, parseCibConfiguration, parseXml, serializeXml, XmlSyntaxError, type XmlElement } from '../cib/xml.js';

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
  return readCib(ex, t, parseXml, true);
}

/**
 * The CIB of the target without its status section, which is not even read
 * (parseCibConfiguration): for `configure show`, which never writes it back.
 * Throws as queryCib does.
 *
 * @example
 *   showConfiguration(await queryConfiguration(ex, { kind: 'live' }));
 */
export async function queryConfiguration(ex: Executor, t: CibTarget): Promise<XmlElement> {
  return readCib(ex, t, parseCibConfiguration, false);
}

async function readCib(ex: Executor, t: CibTarget, parse: (text: string) => XmlElement, whole: boolean): Promise<XmlElement> {
  // A local CIB file is read directly: what cibadmin would read, without a
  // process spawn and a second serialisation (a third of `show`'s time).
  // Compressed files, and any failure, go through cibadmin for its own error.
  if (t.kind === 'file' && ex.target === 'local' && !t.path.endsWith('.bz2')) {
    const read = readStamped(t.path);
    if (read !== undefined) {
      try {
        const cib = parse(read.text);
        if (cib.name === 'cib') {
          // (only a whole CIB may be written back directly: see writeCibFile)
          if (whole) stamps.set(cib, read.stamp);
          return cib;
        }
      } catch {
        // not XML: let cibadmin say so
      }
    }
  }
  const argv = ['cibadmin', '--query'];
  const r = await ex.exec(argv, { env: targetEnv(t) });
  if (r.code !== 0) throw new ExecError(ex.target, argv, r, queryHint(t, r.code));
  try {
    return parse(r.stdout);
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

// ---------------------------------------------------------------- direct writes of a CIB file

/**
 * What a CIB file looked like when queryCib read it. Any write since (by
 * cibadmin, crm_attribute, an editor) changes its mtime or ctime, size or inode.
 */
interface FileStamp {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  mode: number;
  uid: number;
  gid: number;
  nlink: bigint;
}

/** The stamp of each CIB queryCib read from a local file, by the element it returned. */
const stamps = new WeakMap<XmlElement, FileStamp>();

function stampOf(st: BigIntStats): FileStamp {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, mode: Number(st.mode), uid: Number(st.uid), gid: Number(st.gid), nlink: st.nlink };
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/**
 * The file's text and its stamp, both from one open file (a writer that renames over it cannot mix
 * them). Read synchronously: a local file takes a millisecond, and the thread pool's round trips
 * took longer than the read itself.
 */
function readStamped(path: string): { text: string; stamp: FileStamp } | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    if (!st.isFile()) return undefined;
    return { text: readFileSync(fd, 'utf8'), stamp: stampOf(st) };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Where Pacemaker keeps its schemas (PCMK_schema_directory overrides it, as in Pacemaker). */
function schemaDir(): string {
  return process.env.PCMK_schema_directory || '/usr/share/pacemaker';
}

export type FileWriteResult =
  /** the file now holds `cib` */
  | { status: 'written' }
  /** not possible here: not a plain local file read by queryCib, no usable schema or xmllint, ACLs asked for (CIB_user) */
  | { status: 'unavailable'; why: string }
  /** `cib` fails the schema (xmllint's message): let cibadmin refuse it with Pacemaker's own words */
  | { status: 'invalid'; stderr: string }
  /** the file changed since `base` was read from it: nothing written */
  | { status: 'moved' };

/**
 * Write a whole CIB to the CIB file `base` was read from, instead of
 * `cibadmin --patch`, when that is as safe: the result is validated against
 * the Pacemaker schema it names (Pacemaker's own .rng files, with libxml2's
 * xmllint: the same library and schema cibadmin uses), and written only if the
 * file is still exactly as queryCib read it (dev, inode, size, mtime, ctime),
 * by a rename of a complete copy, so a reader never sees half a file.
 * cibadmin itself reads, patches and rewrites the file in place, so this is
 * no less safe than cibadmin on a file, and it skips a second parse of the
 * whole CIB and the patch (a third of a big load). `cib` must already carry
 * the new version (see patchedCib).
 *
 * The copy is written next to the file first and xmllint validates that copy
 * (a file, not a pipe: a pipe would wait for this process's event loop, which
 * may be busy with the checks; see validateCibFileEarly).
 *
 * @example
 *   const r = await writeCibFile(ex, { kind: 'file', path }, base, patchedCib(base, desired));
 *   if (r.status !== 'written') await applyPatch(ex, t, patch); // the general way
 */
export async function writeCibFile(ex: Executor, t: CibTarget, base: XmlElement, cib: XmlElement): Promise<FileWriteResult> {
  const plan = fileWritePlan(ex, t, base, cib);
  if ('status' in plan) return plan;
  // (local files are stat'ed, written and renamed synchronously: each takes well under a millisecond,
  // less than a round trip through the thread pool)
  // a copy made early (validateCibFileEarly) counts only for this very CIB object, or exactly its text, and file
  const ahead = early;
  early = undefined;
  const same = ahead !== undefined && ahead.rng === plan.rng && ahead.real === plan.real;
  const text = same && ahead.cib === cib ? ahead.text : serializeXml(cib);
  let copy: ValidatedCopy;
  if (same && ahead.text === text) copy = ahead;
  else {
    ahead?.abandon();
    // the file's own state first: when it moved on, the patch path (and its conflict handling) takes over, unvalidated work saved
    if (!unchanged(plan.path, plan.stamp)) return { status: 'moved' };
    const started = startCopy(ex, plan, cib, text);
    if ('status' in started) return started;
    copy = started;
  }
  const v = await copy.result;
  if (v.code !== 0 || !unchanged(plan.path, plan.stamp)) {
    copy.abandon();
    if (v.code === 127) return { status: 'unavailable', why: 'xmllint is not installed' };
    if (v.code !== 0) return { status: 'invalid', stderr: v.stderr };
    return { status: 'moved' };
  }
  try {
    renameSync(copy.tmp, plan.real);
    return { status: 'written' };
  } catch (e) {
    copy.abandon();
    return { status: 'unavailable', why: `cannot write next to ${plan.real}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

interface WritePlan {
  path: string;
  /** the file itself, links resolved: the copy goes next to it and is renamed over it */
  real: string;
  stamp: FileStamp;
  rng: string;
}

/** What a direct write of `cib` over the file `base` came from needs, or why there is none. */
function fileWritePlan(ex: Executor, t: CibTarget, base: XmlElement, cib: XmlElement): WritePlan | { status: 'unavailable' | 'moved'; why: string } {
  const stamp = stamps.get(base);
  if (t.kind !== 'file' || ex.target !== 'local' || stamp === undefined) return { status: 'unavailable', why: 'not a CIB file read by this process' };
  // CIB_user asks Pacemaker to apply ACLs as that user: only cibadmin knows how
  if (process.env.CIB_user) return { status: 'unavailable', why: 'CIB_user is set' };
  // a complete copy is renamed over the original, with its mode and owner, so no reader ever sees half
  // a file; where a rename cannot keep the file as it was (hard links, another user's file, a directory
  // we cannot write), cibadmin writes it instead
  const uid = process.getuid?.() ?? -1;
  if (stamp.nlink !== 1n || (uid !== 0 && (stamp.uid !== uid || stamp.gid !== process.getgid?.()))) {
    return { status: 'unavailable', why: 'the file cannot be replaced keeping its owner and links' };
  }
  const rng = schemaFile(cib);
  if (!rng.ok) return { status: 'unavailable', why: rng.why };
  let real: string;
  try {
    real = realpathSync(t.path);
  } catch {
    return { status: 'moved', why: `${t.path} is gone` };
  }
  return { path: t.path, real, stamp, rng: rng.path };
}

/** The .rng file of the Pacemaker schema a CIB names (validate-with), or why there is none here. */
function schemaFile(cib: XmlElement): { ok: true; path: string } | { ok: false; why: string } {
  const schema = cib.attrs['validate-with'] ?? '';
  if (!/^pacemaker-(\d+\.\d+|next)$/.test(schema)) return { ok: false, why: `no schema to validate with (validate-with="${schema}")` };
  const path = join(schemaDir(), `${schema}.rng`);
  if (!existsSync(path)) return { ok: false, why: `${path} is not installed` };
  return { ok: true, path };
}

// ---------------------------------------------------------------- explaining a schema refusal

/** One complaint of Pacemaker's schema about a CIB. */
export interface SchemaViolation {
  /** the element it is about, from the root down (empty when xmllint named no line) */
  path: XmlElement[];
  /** xmllint's words: "Invalid attribute foo for element rsc_location" */
  message: string;
}

/**
 * What Pacemaker's schema finds wrong in `cib`, each complaint with the
 * element it is about: cibadmin only says "Update does not conform to the
 * configured schema". xmllint validates the CIB's text against the .rng file
 * its validate-with names (the schema cibadmin uses). Both are looked up on
 * this machine, so only for a local executor. Undefined when that cannot be
 * done here (no xmllint, no such schema); [] when the schema has nothing
 * against it.
 *
 * @example
 *   await schemaViolations(ex, desired);
 *   // [{ path: [cib, configuration, constraints, rsc_location], message: 'Invalid attribute foo for element rsc_location' }]
 */
export async function schemaViolations(ex: Executor, cib: XmlElement): Promise<SchemaViolation[] | undefined> {
  if (ex.target !== 'local') return undefined;
  const rng = schemaFile(cib);
  if (!rng.ok) return undefined;
  const { text, paths } = linedXml(cib);
  const r = await ex.exec(['xmllint', '--noout', '--relaxng', rng.path, '-'], { stdin: text });
  if (r.code === 0) return [];
  // 1: not well-formed, 3: not valid; anything else (127: no xmllint, a schema that does not compile) says nothing about the CIB
  if (r.code !== 1 && r.code !== 3) return undefined;
  const out: SchemaViolation[] = [];
  // "-:9: element rsc_location: Relax-NG validity error : Invalid attribute foo for element rsc_location"
  for (const line of r.stderr.split('\n')) {
    const m = /^-:(\d+): (?:element [^:]*: )?[\w -]*error : (.*)$/.exec(line);
    if (m) out.push({ path: paths[Number(m[1]) - 1] ?? [], message: m[2]!.trim() });
  }
  return out.length > 0 ? out : undefined;
}

/** A complete copy of the new CIB next to the file, and xmllint's verdict on it. */
interface ValidatedCopy {
  /** the CIB the copy was made of; it must not change until it is written (see validateCibFileEarly) */
  cib: XmlElement;
  rng: string;
  real: string;
  text: string;
  tmp: string;
  result: Promise<ExecResult>;
  /** stop xmllint and remove the copy */
  abandon: () => void;
}

function startCopy(ex: Executor, plan: WritePlan, cib: XmlElement, text: string): ValidatedCopy | { status: 'unavailable'; why: string } {
  const tmp = join(dirname(plan.real), `.${basename(plan.real)}.hash-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  try {
    writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
    chmodSync(tmp, plan.stamp.mode & 0o7777);
    if (process.getuid?.() === 0 && (plan.stamp.uid !== 0 || plan.stamp.gid !== 0)) chownSync(tmp, plan.stamp.uid, plan.stamp.gid);
  } catch (e) {
    rmSync(tmp, { force: true });
    return { status: 'unavailable', why: `cannot write next to ${plan.real}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const stop = new AbortController();
  return {
    cib,
    rng: plan.rng,
    real: plan.real,
    text,
    tmp,
    // --noblanks: the indentation's text nodes are dropped as the copy is read (RELAX NG ignores
    // them anyway): a big CIB validates ~10% faster
    result: ex.exec(['xmllint', '--noout', '--noblanks', '--relaxng', plan.rng, tmp], { signal: stop.signal }),
    abandon: () => {
      stop.abort();
      rmSync(tmp, { force: true });
    },
  };
}

/** The one copy prepared ahead of its write (a process writes one CIB at a time). */
let early: ValidatedCopy | undefined;

/**
 * Start the validation that `writeCibFile(ex, t, base, cib)` would run, so
 * that it runs beside other work (the semantic checks: on a big load each
 * takes ~0.1 s, and there are two cores). writeCibFile uses it when it then
 * writes the same `cib` object (which must not have changed meanwhile: it is
 * not serialized again) or exactly the same text to the same file; otherwise
 * it starts over.
 * Returns a function that abandons it (when nothing will be written; harmless
 * after the write), or undefined when the write will not be a direct one.
 *
 * @example
 *   const abandon = validateCibFileEarly(ex, t, base, patchedCib(base, desired));
 *   if (!(await checksPass())) abandon?.();
 */
export function validateCibFileEarly(ex: Executor, t: CibTarget, base: XmlElement, cib: XmlElement): (() => void) | undefined {
  const plan = fileWritePlan(ex, t, base, cib);
  if ('status' in plan || !unchanged(plan.path, plan.stamp)) return undefined;
  early?.abandon();
  early = undefined;
  const copy = startCopy(ex, plan, cib, serializeXml(cib));
  if ('status' in copy) return undefined;
  early = copy;
  return () => {
    // after a write the copy is gone (renamed), and removing it again does nothing
    if (early === copy) early = undefined;
    copy.abandon();
  };
}

function unchanged(path: string, was: FileStamp): boolean {
  let now: BigIntStats;
  try {
    now = statSync(path, { bigint: true });
  } catch {
    return false;
  }
  return sameStamp(stampOf(now), was);
}
