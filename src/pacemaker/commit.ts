/**
 * The conflict-safe commit: one versioned patch, or nothing.
 *
 * hash remembers the CIB it started from (`base`) and the CIB the user wants
 * (`desired`). The change between them goes to the target as a v2 patch whose
 * `<version>` block names base's version, so Pacemaker itself refuses it
 * (cibadmin exit 103) if anything wrote to the CIB since we read it, status
 * updates included. Then we re-read the CIB and look at what the others
 * changed since `base`:
 *   - none of the objects we touch → our patch is rebased on the new CIB and
 *     sent again; their changes are kept;
 *   - some of them → nothing is committed, and the conflict names the objects
 *     and what the others did to them (unless `force`: then our changes are
 *     applied over theirs where they still apply).
 * Only the configuration (and the root's own attributes) is committed: the
 * status section of `desired` is ignored, base's is kept.
 * A CIB that only moved on in its status (num_updates, same epoch) is retried
 * up to `maxAttempts` times; a configuration that moved on is retried once,
 * as the issue asks, and a second concurrent writer stops the commit.
 * A CIB file that nobody wrote since we read it is written whole instead
 * (writeCibFile: Pacemaker's schema, then a rename), which is what the patch
 * would give it, at a third of the cost for a big load.
 *
 * @example
 *   const base = await queryCib(ex, target);
 *   const desired = edit(base);
 *   const r = await commitCib(ex, target, base, desired);
 *   if (r.status === 'conflict') console.error(r.conflict.message);
 */
import type { Executor } from '../exec/types.js';
import type { CibTarget } from '../cib/target.js';
import { describeTarget } from '../cib/target.js';
import type { XmlElement } from '../cib/xml.js';
import {
  applyPatchXml,
  BULK_COST,
  cibDiffers,
  cibVersion,
  describeChange,
  diffCib,
  formatVersion,
  isEmptyDiff,
  patchChanges,
  patchedCib,
  touchedObjects,
} from '../cib/diff.js';
import { applyPatch, CIBADMIN_RC, queryCib, validateCibFileEarly, writeCibFile } from './cibadmin.js';

/** Why a commit was refused without changing anything. */
export class CommitConflict extends Error {
  constructor(
    /** 'overlap': others changed objects we change · 'busy': the configuration changed again while we retried · 'unapplicable': our change no longer applies */
    readonly reason: 'overlap' | 'busy' | 'unapplicable',
    /** ids of the objects both sides changed (top-level objects, see touchedObjects) */
    readonly objects: string[],
    /** what the others did to those objects, one line per change */
    readonly changes: string[],
    message: string,
    /** the CIB read when the conflict was found (for 'overlap': what the report shows as theirs) */
    readonly theirs?: XmlElement,
  ) {
    super(message);
    this.name = 'CommitConflict';
  }
}

export type CommitResult =
  /** the patch went in; `patch` is what was finally sent (none when a CIB file was written whole); `kept` names objects others changed meanwhile (kept) */
  | { status: 'committed'; patch?: XmlElement; attempts: number; kept: string[]; skipped: string[] }
  /** nothing to commit: desired equals base (or the others already made the very same change) */
  | { status: 'unchanged' }
  | { status: 'conflict'; conflict: CommitConflict }
  /** cibadmin refused for another reason (schema, ACL, no cluster): nothing was committed */
  | { status: 'failed'; code: number; stderr: string; patch: XmlElement };

export interface CommitOptions {
  /** apply our changes over concurrent changes of the same objects (crmsh's behaviour; off by default) */
  force?: boolean;
  /** total patch attempts, counting retries after status-only moves (default 5) */
  maxAttempts?: number;
}

const isStatusKey = (k: string): boolean => k === 'status' || k.startsWith('status:');

/**
 * `desired` with base's <status>: the status section belongs to the cluster,
 * and a desired CIB built from the configuration alone (no <status>) must not
 * turn into a patch that deletes it.
 */
function withStatusOf(desired: XmlElement, base: XmlElement): XmlElement {
  const at = base.children.findIndex((c) => c.name === 'status');
  const kids = desired.children.filter((c) => c.name !== 'status');
  if (at >= 0) kids.splice(Math.min(at, kids.length), 0, base.children[at]!);
  return { ...desired, children: kids };
}

/**
 * The patch commitCib sends first for this change (what `--dry-run` should
 * show): desired's status ignored, big containers replaced whole.
 *
 * @example
 *   serializeXml(plannedPatch(base, working)); // <diff format="2"><version>…
 */
export function plannedPatch(base: XmlElement, desired: XmlElement): XmlElement {
  return diffCib(base, withStatusOf(desired, base), { bulkCost: BULK_COST });
}

/**
 * Start the part of `commitCib(ex, t, base, desired)` that can run beside
 * other work: the schema validation of a CIB file's direct write (xmllint,
 * ~0.1 s on a 1,000-resource CIB). commitCib uses it for the same `base` and
 * `desired` objects, which must not change in between (it writes the text
 * made here: the engine runs only the read-only checks meanwhile). The
 * function returned abandons it (call it when nothing will be committed;
 * harmless after the commit). Undefined when there is nothing to start.
 *
 * @example
 *   const abandon = startCommit(ex, t, base, desired);
 *   try { await runChecks(); } catch (e) { abandon?.(); throw e; }
 *   await commitCib(ex, t, base, desired);
 */
export function startCommit(ex: Executor, t: CibTarget, base: XmlElement, desired: XmlElement): (() => void) | undefined {
  if (t.kind !== 'file') return undefined;
  const patched = patchedCib(base, withStatusOf(desired, base));
  const abandonCopy = validateCibFileEarly(ex, t, base, patched);
  if (!abandonCopy) return undefined;
  const mine = { base, desired, patched };
  started = mine;
  return () => {
    if (started === mine) started = undefined;
    abandonCopy();
  };
}

/** What startCommit prepared, for the commitCib of the same base and desired objects. */
let started: { base: XmlElement; desired: XmlElement; patched: XmlElement } | undefined;

/**
 * Commit `desired` as a change against `base` to the target: versioned patch; on rc 103 /
 * version mismatch re-read, and if nothing we touch changed retry against the new CIB,
 * else fail with a CommitConflict naming what changed.
 *
 * @example
 *   const r = await commitCib(new LocalExecutor(), { kind: 'file', path: 'cib.xml' }, base, desired);
 *   // { status: 'committed', attempts: 1, kept: [], … }
 */
export async function commitCib(
  ex: Executor,
  t: CibTarget,
  base: XmlElement,
  desired: XmlElement,
  opts: CommitOptions = {},
): Promise<CommitResult> {
  const maxAttempts = opts.maxAttempts ?? 5;
  const target = withStatusOf(desired, base);
  if (!cibDiffers(base, target)) return { status: 'unchanged' };
  if (t.kind === 'file') {
    // a CIB file still as we read it takes the whole result, validated with Pacemaker's schema (writeCibFile);
    // moved on, invalid, or not possible here: the versioned patch decides, with Pacemaker's own messages
    const ahead = started;
    started = undefined;
    const patched = ahead && ahead.base === base && ahead.desired === desired ? ahead.patched : patchedCib(base, target);
    const w = await writeCibFile(ex, t, base, patched);
    if (w.status === 'written') return { status: 'committed', attempts: 1, kept: [], skipped: [] };
  }
  // `ours` is the fine-grained change (for conflicts and rebasing); what is
  // sent may replace big containers whole (BULK_COST: Pacemaker is cubic there)
  const ours = diffCib(base, target);
  let patch = plannedPatch(base, desired);
  const ourObjects = [...touchedObjects(ours)].filter((k) => !isStatusKey(k));

  let current = base; // the CIB the patch in flight was computed against
  let configRetries = 0;
  let kept = new Set<string>();
  let skipped: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const r = await applyPatch(ex, t, patch);
    if (r.ok) return { status: 'committed', patch, attempts: attempt, kept: [...kept].sort(), skipped };
    if (r.code !== CIBADMIN_RC.versionMismatch) return { status: 'failed', code: r.code, stderr: r.stderr, patch };

    const now = await queryCib(ex, t);
    const was = cibVersion(current);
    const is = cibVersion(now);
    if (formatVersion(was) === formatVersion(is)) {
      // 103 although nothing moved: not a race, so retrying cannot help
      return { status: 'failed', code: r.code, stderr: r.stderr, patch };
    }

    // Everything the others did since our base, against everything we do.
    const theirs = diffCib(base, now);
    const theirObjects = new Set([...touchedObjects(theirs)].filter((k) => !isStatusKey(k)));
    const overlap = ourObjects.filter((k) => theirObjects.has(k));
    if (overlap.length > 0 && !opts.force) {
      const changes = patchChanges(theirs)
        .filter((ch) => [...touchedObjects({ name: 'diff', attrs: {}, children: [ch] })].some((k) => overlap.includes(k)))
        .map(describeChange);
      const msg =
        `The CIB (${describeTarget(t)}) changed since it was read (${formatVersion(cibVersion(base))} → ${formatVersion(is)}), ` +
        `and the changes touch ${overlap.length === 1 ? 'an object' : 'objects'} this commit changes: ${overlap.join(', ')}\n` +
        changes.map((c) => `  ${c}`).join('\n') +
        `\nNothing was committed. Re-read the CIB and redo the change (or force it).`;
      return { status: 'conflict', conflict: new CommitConflict('overlap', overlap.sort(), changes, msg, now) };
    }

    const configMoved = is.admin_epoch !== was.admin_epoch || is.epoch !== was.epoch;
    if (configMoved) configRetries++;
    if (configRetries > 1 || attempt >= maxAttempts) {
      const msg =
        `The CIB (${describeTarget(t)}) keeps changing while committing (now ${formatVersion(is)}); nothing was committed. Try again.`;
      return { status: 'conflict', conflict: new CommitConflict('busy', [], [], msg) };
    }

    const rebased = applyPatchXml(now, ours, { lenient: opts.force === true });
    if (!rebased.ok) {
      const msg = `Our change no longer applies to the CIB (${describeTarget(t)}) (${rebased.error}); nothing was committed.`;
      return { status: 'conflict', conflict: new CommitConflict('unapplicable', [], [], msg) };
    }
    skipped = rebased.skipped;
    kept = theirObjects;
    current = now;
    patch = diffCib(now, rebased.cib, { bulkCost: BULK_COST });
    if (isEmptyDiff(patch)) return { status: 'unchanged' };
  }
}
