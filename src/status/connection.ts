/**
 * The one-line connection state under the header: fresh, or "cluster
 * unreachable since …, last good data at …". Pure, given the clock.
 *
 * @example
 *   connectionSegments({ lastGoodAt: t0, failingSince: t1, error: 'Not connected' }, 2000);
 */
import type { Segment } from './rows.js';

export interface ConnectionInfo {
  /** when the last successful refresh finished */
  lastGoodAt?: Date;
  /** when refreshes started failing (unset while they succeed) */
  failingSince?: Date;
  error?: string;
  /** a refresh is running */
  loading?: boolean;
}

/** HH:MM:SS in local time. */
export function clock(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** `watching`: a CIB file is watched, so a change shows at once, not only at the next interval. */
export function connectionSegments(c: ConnectionInfo, intervalMs: number, watching = false): Segment[] {
  const every = intervalMs % 1000 === 0 ? `${intervalMs / 1000}s` : `${intervalMs}ms`;
  if (c.failingSince !== undefined) {
    const last = c.lastGoodAt !== undefined ? `, last good data at ${clock(c.lastGoodAt)}` : ', no data yet';
    return [
      { text: `cluster unreachable since ${clock(c.failingSince)}${last}`, tone: 'error' },
      { text: ` · retrying every ${every}${c.error ? ` · ${c.error}` : ''}`, tone: 'dim' },
    ];
  }
  if (c.lastGoodAt === undefined) return [{ text: 'reading the cluster status…', tone: 'dim' }];
  return [{ text: `updated ${clock(c.lastGoodAt)} · ${watching ? `on file change and every ${every}` : `every ${every}`}`, tone: 'dim' }];
}

/** argv as a POSIX shell would need it typed, for showing (never for running). */
export function showArgv(argv: readonly string[]): string {
  return argv.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}
