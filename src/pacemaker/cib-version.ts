/**
 * The version of a CIB (admin_epoch, epoch, num_updates) without reading the
 * whole CIB: `cibadmin --query --xpath /cib --no-children` prints only the
 * `<cib …/>` element. Completion uses it to notice, cheaply and in the
 * background, that the configuration it indexed has changed.
 *
 * @example
 *   await queryCibVersion(new LocalExecutor(), { kind: 'live' }); // { admin_epoch: 0, epoch: 42, num_updates: 7 }
 */
import { targetEnv, type CibTarget } from '../cib/target.js';
import { startTagAttrs } from '../cib/xml.js';
import type { Executor } from '../exec/types.js';

export interface CibVersion {
  admin_epoch: number;
  epoch: number;
  num_updates: number;
}

export const CIB_VERSION_ARGV: readonly string[] = ['cibadmin', '--query', '--xpath', '/cib', '--no-children'];

/** The version attributes of a `<cib …>` start tag (or of a whole CIB's text); undefined when there is none. */
export function parseCibVersion(text: string): CibVersion | undefined {
  const attrs = startTagAttrs(text, 'cib');
  if (!attrs) return undefined;
  const attr = (n: string): number => (/^\d+$/.test(attrs[n] ?? '') ? Number(attrs[n]) : 0);
  return { admin_epoch: attr('admin_epoch'), epoch: attr('epoch'), num_updates: attr('num_updates') };
}

/** The target's CIB version; undefined when cibadmin fails (no cluster, no file). */
export async function queryCibVersion(ex: Executor, t: CibTarget): Promise<CibVersion | undefined> {
  const r = await ex.exec(CIB_VERSION_ARGV, { env: targetEnv(t), timeoutMs: 10_000 });
  return r.code === 0 ? parseCibVersion(r.stdout) : undefined;
}
