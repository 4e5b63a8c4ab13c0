/**
 * Watch a CIB file for changes, for the live view on `CIB_file` (and
 * sandboxes): one call of `onChange` per burst of writes, `debounceMs` after
 * the last one.
 *
 * It watches the directory, not the file: editors and tools that save by
 * writing a new file and renaming it over the old one replace the inode, and
 * a watch on the file itself would go quiet after the first save. Events for
 * other names in the directory are ignored. If the watch breaks (the
 * directory is removed, or the platform cannot watch), it is set up again on
 * the next `retryMs`; the view's interval refresh covers the gap.
 *
 * @example
 *   const w = watchFile('/tmp/cib.xml', () => refresh(), { debounceMs: 150 });
 *   w.close();
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CibTarget } from '../cib/target.js';

/** Where Pacemaker keeps sandboxes when CIB_shadow_dir is not set (CRM_CONFIG_DIR). */
const DEFAULT_SHADOW_DIR = '/var/lib/pacemaker/cib';

/**
 * The file behind a CIB file or sandbox target (undefined for the live
 * cluster, which has no file to watch here).
 *
 * @example
 *   cibFileOf({ kind: 'shadow', name: 'test', dir: '/tmp/s' }); // '/tmp/s/shadow.test'
 */
export function cibFileOf(target: CibTarget): string | undefined {
  if (target.kind === 'file') return target.path;
  if (target.kind === 'shadow') return join(target.dir ?? DEFAULT_SHADOW_DIR, `shadow.${target.name}`);
  return undefined;
}

export interface FileWatch {
  /** whether a watch is in place now (false while it is being set up again) */
  readonly active: boolean;
  close(): void;
}

export interface WatchOptions {
  /** quiet time after the last event before onChange runs (default 150 ms) */
  debounceMs?: number;
  /** how long to wait before setting a broken watch up again (default 2 s) */
  retryMs?: number;
}

export function watchFile(path: string, onChange: () => void, opts: WatchOptions = {}): FileWatch {
  const debounceMs = opts.debounceMs ?? 150;
  const retryMs = opts.retryMs ?? 2000;
  const full = resolve(path);
  const dir = dirname(full);
  const name = basename(full);
  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const fire = (): void => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      if (!closed) onChange();
    }, debounceMs);
  };
  const broken = (): void => {
    watcher?.close();
    watcher = undefined;
    if (closed) return;
    clearTimeout(retry);
    retry = setTimeout(start, retryMs);
    retry.unref();
  };
  function start(): void {
    if (closed) return;
    try {
      // persistent: false — the watch alone must never keep the process alive
      watcher = watch(dir, { persistent: false }, (_event, file) => {
        // some platforms give no name: then any change in the directory counts
        if (file === null || file === name) fire();
      });
      watcher.on('error', broken);
      // a watch set up again after a gap may have missed a change
      if (retry !== undefined) fire();
    } catch {
      broken();
    }
  }
  start();
  return {
    get active() {
      return watcher !== undefined;
    },
    close() {
      closed = true;
      clearTimeout(debounce);
      clearTimeout(retry);
      watcher?.close();
      watcher = undefined;
    },
  };
}
