/**
 * Which CIB a command works on, chosen exactly as Pacemaker's own tools choose
 * it (`cib_new()` in libcib): a non-empty `CIB_shadow` first (its file lives in
 * `CIB_shadow_dir`, else Pacemaker's default), then a non-empty `CIB_file`,
 * else the live cluster.
 *
 * Pacemaker checks CIB_shadow before CIB_file, so we do too: with both set,
 * cibadmin and crm_mon would use the shadow, and hash must not disagree.
 *
 * @example
 *   const t = targetFromEnv(process.env);        // { kind: 'file', path: '/tmp/x.xml' }
 *   await ex.exec(['cibadmin', '-Q'], { env: targetEnv(t) });
 *   describeTarget(t);                             // 'file /tmp/x.xml'
 */
export type CibTarget = { kind: 'file'; path: string } | { kind: 'shadow'; name: string; dir?: string } | { kind: 'live' };

/** The target Pacemaker's tools would use under `env`. */
export function targetFromEnv(env: NodeJS.ProcessEnv): CibTarget {
  const shadow = env.CIB_shadow;
  if (shadow !== undefined && shadow !== '') {
    const dir = env.CIB_shadow_dir;
    return dir !== undefined && dir !== '' ? { kind: 'shadow', name: shadow, dir } : { kind: 'shadow', name: shadow };
  }
  const file = env.CIB_file;
  if (file !== undefined && file !== '') return { kind: 'file', path: file };
  return { kind: 'live' };
}

/**
 * Environment to pass to a Pacemaker tool so that it works on `t` and nothing
 * else. Variables set to `undefined` must be removed from the child's
 * environment (the executors do that): an inherited CIB_file would otherwise
 * redirect a "live" command to a file, or the reverse.
 *
 * @example
 *   targetEnv({ kind: 'live' }); // { CIB_file: undefined, CIB_shadow: undefined, CIB_shadow_dir: undefined }
 */
export function targetEnv(t: CibTarget): Record<string, string | undefined> {
  switch (t.kind) {
    case 'file':
      return { CIB_file: t.path, CIB_shadow: undefined, CIB_shadow_dir: undefined };
    case 'shadow':
      return { CIB_file: undefined, CIB_shadow: t.name, CIB_shadow_dir: t.dir };
    case 'live':
      return { CIB_file: undefined, CIB_shadow: undefined, CIB_shadow_dir: undefined };
  }
}

/**
 * A short human name for messages and prompts.
 *
 * @example
 *   describeTarget({ kind: 'shadow', name: 'test' }); // 'sandbox test'
 */
export function describeTarget(t: CibTarget): string {
  switch (t.kind) {
    case 'file':
      return `file ${t.path}`;
    case 'shadow':
      return t.dir !== undefined ? `sandbox ${t.name} (in ${t.dir})` : `sandbox ${t.name}`;
    case 'live':
      return 'live';
  }
}
