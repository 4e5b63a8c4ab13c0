/**
 * `hash status --once`: the status as plain text, like `crm_mon -1`, readable
 * in a pipe. The same rows as the ink view (src/status/rows.ts), indented with
 * `*` bullets; colour only when asked for.
 *
 * @example
 *   process.stdout.write(formatStatusText(status, { color: false }));
 */
import type { ClusterStatus } from '../pacemaker/status-model.js';
import { buildRows, headerLines, type HeaderInfo, type Segment } from './rows.js';
import { paint } from './theme.js';

export interface TextOptions {
  color: boolean;
  header?: HeaderInfo;
  /** include node attributes (crm_mon -A) */
  attributes?: boolean;
  /** include every negative location constraint (crm_mon -L) */
  allBans?: boolean;
}

const line = (segs: Segment[], color: boolean): string => segs.map((s) => paint(s.tone, s.text, color)).join('');

/** The whole status as text, ending in a newline. */
export function formatStatusText(status: ClusterStatus, opts: TextOptions): string {
  const out: string[] = ['Cluster Summary:'];
  for (const l of headerLines(status, opts.header)) out.push(`  * ${line(l, opts.color)}`);
  for (const r of buildRows(status, { attributes: opts.attributes ?? false, allBans: opts.allBans ?? false })) {
    if (r.depth === 0) out.push('', line(r.segments, opts.color));
    else out.push(`${'  '.repeat(r.depth)}* ${line(r.segments, opts.color)}`);
  }
  return `${out.join('\n')}\n`;
}
